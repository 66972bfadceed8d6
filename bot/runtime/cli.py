"""The `bot` command: run the stack, chat in the terminal, manage data."""
from __future__ import annotations

import argparse
import signal
import sys
import time

from bot.config import PROJECT_ROOT, load_settings


def _use_profile(name: str | None) -> None:
    """The production profile's settings (.env.productie, else its example) for this process and its children."""
    if not name:
        return
    import os

    from dotenv import dotenv_values

    path = PROJECT_ROOT / f".env.{name}"
    if not path.exists():
        path = PROJECT_ROOT / f".env.{name}.example"
    print(f"Profiel '{name}': instellingen uit {path.name}.")
    os.environ.update({k: v for k, v in dotenv_values(path).items() if v is not None})


def _serve(args: argparse.Namespace) -> int:
    from bot import db
    from bot.netwerk import netwerk
    from bot.runtime.launcher import Stack, private_database, private_folder
    from bot.runtime.productie import ProductieStack

    _use_profile(args.profiel)
    settings = load_settings()
    private_folder(PROJECT_ROOT / "var")
    log_dir = PROJECT_ROOT / "var" / "log"
    stack = ProductieStack(settings=settings, log_dir=log_dir) if args.profiel == "productie" else \
        Stack(settings=settings, log_dir=log_dir)
    stack.prepare_database()
    for url in (settings.database_url, settings.tracker_store_url):
        private_database(url)
    loaded = netwerk.load_demo_if_empty(db.session_factory(settings.database_url), settings.wijken)
    if loaded:
        print(f"Het netwerk was leeg: {loaded} demo-meedenkers ingelezen uit {netwerk.DEMO_FILE.name}.")
    _demo_accounts(settings)
    print("De bot start (Rasa-server en actieserver); dit duurt ongeveer een halve minuut...", flush=True)
    try:
        stack.start()
    except (RuntimeError, SystemExit) as exc:
        print(f"Starten mislukt: {exc}", file=sys.stderr)
        return 1
    print(
        "\nDe bot draait.\n"
        f"  Chatten in de terminal:  make chat   (in een tweede terminal)\n"
        f"  Werkplek coördinatoren:  {stack.werkplek_url}/aanmelden   (demo-accounts: var/demo-accounts.txt)\n"
        f"  Demopagina met chat:     {stack.site_url}/\n"
        f"  REST-kanaal:             POST {stack.webhook_url}\n"
        f"                           body: {{\"sender\": \"web-\" + 32 tekens 0-9a-f, \"message\": \"hallo\"}}\n"
        f"  Logboeken:               {stack.log_dir}\n"
        "Stoppen: Ctrl-C.", flush=True)
    stopping = []

    def stop(*_):
        stopping.append(True)

    # Ctrl-C, a closed terminal (SIGHUP) and a plain kill all stop the whole stack cleanly.
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, stop)
    try:
        while not stopping:
            for proc in stack.processes:
                if proc.poll() is not None:
                    print(f"{proc.name} is gestopt (code {proc.returncode}); alles wordt gestopt.", file=sys.stderr)
                    stopping.append(True)
            time.sleep(1)
    finally:
        print("\nStoppen...", flush=True)
        stack.stop()
    return 0


def _demo_accounts(settings) -> None:
    """A first run gets two accounts with random passwords (no default passwords); printed once, kept in var/."""
    from bot import db
    from bot.privacy import accounts

    with db.new_session(settings.database_url) as session, session.begin():
        made = accounts.demo_accounts(session)
    if made:
        accounts.schrijf_demo_bestand(made)
        print("Er waren nog geen accounts voor de werkplek. Demo-accounts (ook in var/demo-accounts.txt):")
        for gebruiker, wachtwoord in made:
            print(f"  {gebruiker.gebruikersnaam} ({gebruiker.rol}) / {wachtwoord}")


def _purge(args: argparse.Namespace) -> int:
    from bot import db
    from bot.privacy import bewaren
    from bot.signalen import signalen

    settings = load_settings()
    db.upgrade(settings.database_url)
    counts = bewaren.purge(settings)
    schrijver = signalen.SignaalSchrijver(db.session_factory(settings.database_url), settings.wijken)
    afgebroken = bewaren.signal_abandoned(settings, schrijver)
    schrijver.flush(60)
    print(f"Verwijderd volgens de bewaartermijnen: {counts['gesprekken']} gesprekken, "
          f"{counts['overdrachten']} overdrachten, {counts['toegangsregels']} toegangsregels, "
          f"{counts['aanmeldpogingen']} aanmeldpogingen, {counts['mails']} mails. "
          f"Afgebroken gesprekken geteld: {afgebroken}.")
    return 0


def _anonimiseer(args: argparse.Namespace) -> int:
    from bot.privacy.anonimiseren import main as anonimiseer

    return anonimiseer()


def _chat(args: argparse.Namespace) -> int:
    from bot.runtime.chat import run_terminal_chat

    settings = load_settings()
    run_terminal_chat(args.url or f"http://127.0.0.1:{settings.rasa_port}/webhooks/rest/webhook")
    return 0


def _db_upgrade(args: argparse.Namespace) -> int:
    from bot import db

    db.upgrade()
    print("Database is bijgewerkt.")
    return 0


def _meedenkers_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from bot import db
    from bot.netwerk import netwerk

    settings = load_settings()
    db.upgrade()
    with db.new_session() as session:
        if args.alleen_als_leeg and netwerk.network_size(session) > 0:
            print("Het netwerk bevat al meedenkers; er is niets ingelezen.")
            return 0
    try:
        records = netwerk.read_file(Path(args.bestand), settings.wijken)
        with db.new_session() as session:
            if problems := netwerk.controleer_accounts(session, records, args.bestand):
                raise netwerk.ImportRejected(problems)
    except netwerk.ImportRejected as rejected:
        for problem in rejected.problems:
            print(problem, file=sys.stderr)
        print(f"\nNiets ingelezen: {len(rejected.problems)} probleem/problemen gevonden. "
              "Verbeter het bestand en probeer het opnieuw.", file=sys.stderr)
        return 1
    with db.new_session() as session, session.begin():
        netwerk.replace_network(session, records)
        netwerk.koppel_accounts(session, records)
    organisaties = len({r.organisatie for r in records})
    print(f"{len(records)} meedenkers van {organisaties} organisaties ingelezen uit {args.bestand}.")
    return 0


def _meedenkers_export(args: argparse.Namespace) -> int:
    from bot import db
    from bot.netwerk import netwerk

    db.upgrade()
    with db.new_session() as session:
        records = netwerk.met_accounts(session, netwerk.load_network(session))
    if args.bestand:
        with open(args.bestand, "w", encoding="utf-8", newline="") as out:
            netwerk.write_csv(records, out)
        print(f"{len(records)} meedenkers geschreven naar {args.bestand}.", file=sys.stderr)
    else:
        netwerk.write_csv(records, sys.stdout)
    return 0


def _read_password(from_stdin: bool) -> str | None:
    """Twice at the terminal (not shown), or one line from standard input for scripts."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    import getpass

    first = getpass.getpass("Wachtwoord (minstens 12 tekens): ")
    if getpass.getpass("Herhaal het wachtwoord: ") != first:
        print("De wachtwoorden zijn niet gelijk. Er is geen account gemaakt.", file=sys.stderr)
        return None
    return first


def _users_add(args: argparse.Namespace) -> int:
    from bot import db
    from bot.privacy import accounts

    settings = load_settings()
    db.upgrade(settings.database_url)
    try:
        wachtwoord = _read_password(args.wachtwoord_stdin)
    except (EOFError, KeyboardInterrupt):
        print("\nAfgebroken. Er is geen account gemaakt.", file=sys.stderr)
        return 1
    if wachtwoord is None:
        return 1
    try:
        with db.new_session(settings.database_url) as session, session.begin():
            gebruiker = accounts.maak_gebruiker(session, args.gebruikersnaam, wachtwoord, args.rol, args.naam,
                                                meedenker_sleutel=args.meedenker, email=args.email)
    except accounts.AccountFout as fout:
        print(f"{fout} Er is geen account gemaakt.", file=sys.stderr)
        return 1
    print(f"Account '{gebruiker.gebruikersnaam}' ({accounts.ROLLEN[gebruiker.rol]}) is gemaakt.")
    return 0


def _users_wachtwoord(args: argparse.Namespace) -> int:
    from bot import db
    from bot.privacy import accounts

    settings = load_settings()
    db.upgrade(settings.database_url)
    try:
        with db.new_session(settings.database_url) as session:
            accounts.vind(session, args.gebruikersnaam)  # a typo in the name is told before the password is asked
        wachtwoord = _read_password(args.wachtwoord_stdin)
        if wachtwoord is None:
            return 1
        with db.new_session(settings.database_url) as session, session.begin():
            beeindigd = accounts.wijzig_wachtwoord(session, accounts.vind(session, args.gebruikersnaam), wachtwoord)
    except (EOFError, KeyboardInterrupt):
        print("\nAfgebroken. Het wachtwoord is niet gewijzigd.", file=sys.stderr)
        return 1
    except accounts.AccountFout as fout:
        print(f"{fout} Het wachtwoord is niet gewijzigd.", file=sys.stderr)
        return 1
    print(f"Het wachtwoord van '{accounts.normaliseer(args.gebruikersnaam)}' is gewijzigd; "
          f"{beeindigd} open sessie(s) beëindigd.")
    return 0


def _users_actief(args: argparse.Namespace) -> int:
    from bot import db
    from bot.privacy import accounts

    settings = load_settings()
    db.upgrade(settings.database_url)
    actief = args.users_command == "activeer"
    try:
        with db.new_session(settings.database_url) as session, session.begin():
            beeindigd = accounts.zet_actief(session, accounts.vind(session, args.gebruikersnaam), actief)
    except accounts.AccountFout as fout:
        print(str(fout), file=sys.stderr)
        return 1
    naam = accounts.normaliseer(args.gebruikersnaam)
    print(f"Account '{naam}' is weer actief." if actief else
          f"Account '{naam}' is gedeactiveerd; {beeindigd} open sessie(s) beëindigd.")
    return 0


def _users_lijst(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from bot import db
    from bot.models import Gebruiker
    from bot.privacy import accounts

    settings = load_settings()
    db.upgrade(settings.database_url)
    with db.new_session(settings.database_url) as session:
        for g in session.scalars(select(Gebruiker).order_by(Gebruiker.gebruikersnaam)):
            print(f"{g.gebruikersnaam}\t{accounts.ROLLEN.get(g.rol, g.rol)}\t{'actief' if g.actief else 'gedeactiveerd'}"
                  f"\t{g.naam}")
    return 0


def _run_web_app(serve, wat: str) -> int:
    settings = load_settings()
    try:
        serve(settings, ready=lambda url: print(f"{wat.capitalize()} draait op {url} (stoppen: Ctrl-C).", flush=True))
    except OSError as exc:
        print(f"Starten van {wat} mislukt: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    print(f"\n{wat.capitalize()} is gestopt.")
    return 0


def _werkplek(args: argparse.Namespace) -> int:
    import logging

    from bot import db
    from bot.web import werkplek

    db.upgrade(load_settings().database_url)
    # Sign-in failures and retention runs are logged; show them with a time.
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s", force=True)
    return _run_web_app(werkplek.serve, "de werkplek")


def _actions(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from bot.rasa_adapters import action_server

    settings = load_settings()
    action_server.serve(replace(settings, action_host=args.host or settings.action_host,
                                action_port=args.port or settings.action_port))
    return 0


def _site(args: argparse.Namespace) -> int:
    from bot.web import site

    return _run_web_app(site.serve, "de demopagina met chat")


def build_parser() -> argparse.ArgumentParser:
    from bot.privacy.accounts import ROLLEN

    parser = argparse.ArgumentParser(prog="bot", description="Intakebot cliëntondersteuning")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="start de bot (Rasa-server, actieserver) en de werkplek")
    serve.add_argument("--profiel", choices=["productie"],
                       help="productie: 2 Rasa-servers en 2 actieservers achter nginx, PostgreSQL en Redis")
    serve.set_defaults(func=_serve)
    chat = sub.add_parser("chat", help="chat in de terminal met de draaiende bot")
    chat.add_argument("--url", help="REST-webhook van de bot")
    chat.set_defaults(func=_chat)

    database = sub.add_parser("db", help="database").add_subparsers(dest="db_command", required=True)
    database.add_parser("upgrade", help="schema bijwerken (Alembic-migraties)").set_defaults(func=_db_upgrade)

    meedenkers = sub.add_parser("meedenkers", help="het meedenkersnetwerk").add_subparsers(
        dest="meedenkers_command", required=True)
    imp = meedenkers.add_parser("import", help="netwerk inlezen uit een CSV-bestand (alles of niets)")
    imp.add_argument("bestand")
    imp.add_argument("--alleen-als-leeg", action="store_true", help="alleen als er nog geen meedenkers zijn")
    imp.set_defaults(func=_meedenkers_import)
    exp = meedenkers.add_parser("export", help="netwerk schrijven als CSV (zelfde formaat als import)")
    exp.add_argument("bestand", nargs="?", help="bestand; zonder bestand naar standaarduitvoer")
    exp.set_defaults(func=_meedenkers_export)

    users = sub.add_parser("users", help="accounts voor de werkplek").add_subparsers(
        dest="users_command", required=True)
    add = users.add_parser("add", help="een account maken (het wachtwoord wordt gevraagd)")
    add.add_argument("gebruikersnaam")
    add.add_argument("--rol", required=True, choices=list(ROLLEN))
    add.add_argument("--naam", help="naam zoals die in de werkplek staat")
    add.add_argument("--meedenker", metavar="SLEUTEL",
                     help="rol meedenker: de sleutel van deze meedenker in het netwerkbestand")
    add.add_argument("--email", help="adres voor meldingen (nieuwe of toegewezen overdrachten, herinneringen)")
    add.add_argument("--wachtwoord-stdin", action="store_true", help="lees het wachtwoord van standaardinvoer")
    add.set_defaults(func=_users_add)
    wachtwoord = users.add_parser("wachtwoord", help="een nieuw wachtwoord instellen (beëindigt alle sessies)")
    wachtwoord.add_argument("gebruikersnaam")
    wachtwoord.add_argument("--wachtwoord-stdin", action="store_true", help="lees het wachtwoord van standaardinvoer")
    wachtwoord.set_defaults(func=_users_wachtwoord)
    for naam, uitleg in (("deactiveer", "een account uitzetten (beëindigt alle sessies)"),
                         ("activeer", "een uitgezet account weer aanzetten")):
        actief = users.add_parser(naam, help=uitleg)
        actief.add_argument("gebruikersnaam")
        actief.set_defaults(func=_users_actief)
    users.add_parser("lijst", help="alle accounts met rol en status").set_defaults(func=_users_lijst)
    werkplek = sub.add_parser("werkplek", help="start de werkplek voor coördinatoren (webapp)")
    werkplek.set_defaults(func=_werkplek)
    sub.add_parser("site", help="start de demopagina van de gemeente met de chat erop").set_defaults(func=_site)
    actions = sub.add_parser("actions", help="start de actieserver (alleen aanroepen met ACTION_GEHEIM)")
    actions.add_argument("--host", help="adres om op te luisteren (standaard ACTION_HOST)")
    actions.add_argument("--port", type=int, help="poort (standaard ACTION_PORT)")
    actions.set_defaults(func=_actions)
    sub.add_parser("purge", help="bewaartermijnen nu toepassen (gebeurt ook dagelijks in de werkplek)"
                   ).set_defaults(func=_purge)
    sub.add_parser("anonimiseer", help="persoonsgegevens vervangen door labels (één bericht per regel, stdin → stdout)"
                   ).set_defaults(func=_anonimiseer)
    from bot.signalen import cli  # light: the report code is imported only when it runs

    report = sub.add_parser("report", help="rapportage voor beleid uit de anonieme signalen (html, csv of xlsx)")
    cli.voeg_argumenten_toe(report)
    report.set_defaults(func=cli.main_report)
    return parser


def main(argv: list[str] | None = None) -> int:
    import os

    from bot.rasa_adapters.cli import TELEMETRY_OFF
    from bot.runtime.launcher import PRIVATE_UMASK

    # Every file this command and the processes it starts create is private; nothing reports to Rasa.
    os.umask(PRIVATE_UMASK)
    os.environ.update(TELEMETRY_OFF)
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
