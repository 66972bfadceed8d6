"""`bot report`: the policy report over a period, as HTML, CSV or Excel.

Arguments are checked here rather than by argparse, so that every mistake gets a Dutch message.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

FORMATEN = ("html", "csv", "xlsx")


class Invoerfout(Exception):
    """A mistake in the command line, explained in Dutch."""


def voeg_argumenten_toe(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--van", metavar="JJJJ-MM-DD", help="eerste dag van de periode")
    parser.add_argument("--tot", metavar="JJJJ-MM-DD", help="laatste dag van de periode (telt mee)")
    parser.add_argument("--formaat", metavar="html|csv|xlsx", help="html (webpagina), csv of xlsx (Excel)")
    parser.add_argument("--uit", metavar="PAD", help="bestand om te schrijven; standaard "
                                                     "rapport-signalen-VAN-TOT.FORMAAT in de huidige map")


def _datum(waarde: str | None, optie: str) -> dt.date:
    if not waarde:
        raise Invoerfout(f"Geef een datum met {optie} JJJJ-MM-DD, bijvoorbeeld {optie} 2026-01-31.")
    try:
        return dt.date.fromisoformat(waarde)
    except ValueError:
        raise Invoerfout(f"'{waarde}' bij {optie} is geen geldige datum. Schrijf de datum als JJJJ-MM-DD, "
                         "bijvoorbeeld 2026-01-31.") from None


def controleer(args: argparse.Namespace) -> tuple[dt.date, dt.date, str, Path]:
    from bot.signalen.rapportage import periode_fout

    van, tot = _datum(args.van, "--van"), _datum(args.tot, "--tot")
    if (fout := periode_fout(van, tot)) is not None:
        raise Invoerfout(fout)
    formaat = (args.formaat or "").lower()
    if formaat not in FORMATEN:
        gegeven = f"Onbekend formaat '{args.formaat}'" if args.formaat else "Geen formaat gegeven"
        raise Invoerfout(f"{gegeven}. Kies --formaat html, csv of xlsx.")
    pad = Path(args.uit) if args.uit else Path(f"rapport-signalen-{van}-{tot}.{formaat}")
    if pad.is_dir():
        raise Invoerfout(f"'{pad}' is een map. Geef een bestandsnaam, bijvoorbeeld {pad / ('rapport.' + formaat)}.")
    if not pad.parent.is_dir():
        raise Invoerfout(f"De map '{pad.parent}' bestaat niet. Maak de map eerst, of kies een ander pad.")
    return van, tot, formaat, pad


def schrijf(rapport, formaat: str, pad: Path) -> None:
    from bot.signalen import export

    if formaat == "html":
        pad.write_text(export.naar_html(rapport), encoding="utf-8")
    elif formaat == "csv":
        export.naar_csv(rapport, pad)
    else:
        export.naar_xlsx(rapport, pad)


def main_report(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from bot import db
    from bot.config import load_settings
    from bot.signalen import rapportage

    try:
        van, tot, formaat, pad = controleer(args)
    except Invoerfout as fout:
        print(f"Fout: {fout}", file=sys.stderr)
        return 2
    settings = load_settings()
    drempel = getattr(settings, "rapport_drempel", rapportage.STANDAARD_DREMPEL)
    if drempel < 1:
        print(f"Fout: RAPPORT_DREMPEL moet minstens 1 zijn, niet {drempel}.", file=sys.stderr)
        return 2
    try:
        db.upgrade(settings.database_url)
        with db.new_session(settings.database_url) as session:
            rapport = rapportage.maak_rapport(session, van, tot, settings.wijken, drempel=drempel,
                                              gemeente=settings.gemeente_naam,
                                              reactietijd_dagen=settings.reactietijd_werkdagen)
    except SQLAlchemyError as fout:
        print(f"Fout: de database kon niet worden gelezen ({type(fout).__name__}). Controleer DATABASE_URL.",
              file=sys.stderr)
        return 1
    try:
        schrijf(rapport, formaat, pad)
    except OSError as fout:
        print(f"Fout: het rapport kon niet worden geschreven naar '{pad}': {fout.strerror or fout}.",
              file=sys.stderr)
        return 1
    print(f"Rapport over {rapportage.datum_tekst(van)} tot en met {rapportage.datum_tekst(tot)} "
          f"geschreven naar {pad}.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bot report", description="Rapportage voor beleid uit de anonieme signalen")
    voeg_argumenten_toe(parser)
    return main_report(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
