"""Start page, health check, the policy page and our own copy of the NL Design System CSS."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from flask import Blueprint, Response, abort, g, redirect, render_template, request, send_from_directory, url_for
from markupsafe import Markup

from bot.privacy.accounts import ADVIESRAAD, BELEID, COORDINATOR, MEEDENKER
from bot.web.statisch import GEDEELD
from bot.web.werkplek.toegang import publiek, rollen, werkplek

bp = Blueprint("paginas", __name__)

# Only these folders are served: the shared ones (bot/web/statisch.py) and the workspace's own stylesheet.
STATISCH: dict[str, Path] = {**GEDEELD, "werkplek": Path(__file__).resolve().parent / "static"}


@bp.route("/gezondheid")
@publiek
def gezondheid():
    return "ok", 200, {"Content-Type": "text/plain; charset=utf-8"}


# Who sees the policy report: policy officers, coordinators, and the adviesraad (or cliëntenraad), which sees
# nothing else of the workspace.
RAPPORT_ROLLEN = (BELEID, COORDINATOR, ADVIESRAAD)


@bp.route("/")
@rollen(COORDINATOR, MEEDENKER, BELEID, ADVIESRAAD)
def start():
    if g.gebruiker.rol == COORDINATOR:
        return redirect(url_for("overdrachten.lijst"))
    if g.gebruiker.rol == MEEDENKER:
        return redirect(url_for("overdrachten.mijn"))
    return redirect(url_for("paginas.rapportage"))


@bp.route("/mails")
@rollen(COORDINATOR)
def mails():
    from sqlalchemy import select

    from bot.meldingen.meldingen import AAN_INWONER, SOORTEN
    from bot.models import Mail

    settings = werkplek().settings
    rows = list(g.db.scalars(select(Mail).order_by(Mail.id.desc()).limit(200)))
    return render_template("mails.html", mails=rows, soorten=SOORTEN, aan_inwoner=AAN_INWONER, map=settings.mail_folder,
                           relay=f"{settings.mail_host}:{settings.mail_port}" if settings.mail_host else None)


def _periode() -> tuple[dt.date, dt.date, str | None]:
    """The period from the form; default the last twelve whole months."""
    today = werkplek().now().date()
    tot_default = today.replace(day=1) - dt.timedelta(days=1)
    van_default = (tot_default.replace(day=1) - dt.timedelta(days=335)).replace(day=1)
    try:
        van = dt.date.fromisoformat(request.args.get("van") or van_default.isoformat())
        tot = dt.date.fromisoformat(request.args.get("tot") or tot_default.isoformat())
    except ValueError:
        return van_default, tot_default, "Vul de datums in als JJJJ-MM-DD. Hieronder staat de standaardperiode."
    from bot.signalen.rapportage import periode_fout

    if (fout := periode_fout(van, tot)) is not None:
        return van_default, tot_default, f"{fout} Hieronder staat de standaardperiode."
    return van, tot, None


def _rapport(van: dt.date, tot: dt.date):
    from bot.signalen.rapportage import maak_rapport

    settings = werkplek().settings
    return maak_rapport(g.db, van, tot, settings.wijken, drempel=settings.rapport_drempel,
                        gemeente=settings.gemeente_naam, reactietijd_dagen=settings.reactietijd_werkdagen)


@bp.route("/rapportage")
@rollen(*RAPPORT_ROLLEN)
def rapportage():
    from bot.signalen.export import naar_html_fragment

    van, tot, fout = _periode()
    fragment = Markup(naar_html_fragment(_rapport(van, tot)))  # built from escaped parts by rapport_export
    return render_template("rapportage.html", van=van, tot=tot, fout=fout, rapport=fragment)


@bp.route("/rapportage/rapport.css")
@rollen(*RAPPORT_ROLLEN)
def rapport_css():
    from bot.signalen.export import RAPPORT_CSS_BESTAND

    return send_from_directory(RAPPORT_CSS_BESTAND.parent, RAPPORT_CSS_BESTAND.name, max_age=3600)


@bp.route("/rapportage/download")
@rollen(*RAPPORT_ROLLEN)
def rapport_download():
    import tempfile
    from pathlib import Path

    from bot.signalen.export import naar_csv, naar_xlsx

    formaat = request.args.get("formaat")
    if formaat not in ("csv", "xlsx"):
        abort(404)
    van, tot, _ = _periode()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"rapport-signalen-{van}-{tot}.{formaat}"
        (naar_csv if formaat == "csv" else naar_xlsx)(_rapport(van, tot), path)
        data = path.read_bytes()
    mimetype = "text/csv" if formaat == "csv" else \
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(data, mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{path.name}"'})


@bp.route("/static/<pakket>/<path:pad>")
@publiek
def statisch(pakket: str, pad: str):
    folder = STATISCH.get(pakket)
    if folder is None:
        abort(404)
    # send_from_directory refuses paths outside the folder (../).
    return send_from_directory(folder, pad, max_age=3600)
