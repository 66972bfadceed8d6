"""Start page, health check, the policy page and our own copy of the NL Design System CSS."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, g, redirect, render_template, send_from_directory, url_for

from bot.accounts import BELEID, COORDINATOR
from bot.config import PROJECT_ROOT
from bot.werkplek.toegang import publiek, rollen

bp = Blueprint("paginas", __name__)

NODE_MODULES = PROJECT_ROOT / "web" / "node_modules"
# Only these folders are served: the packages from web/package.json and our own small stylesheet.
STATISCH: dict[str, Path] = {
    "utrecht": NODE_MODULES / "@utrecht" / "component-library-css" / "dist",
    # The NL Design System example theme (EUPL): Utrecht's own tokens are Utrecht's brand, not ours to use.
    "tokens": NODE_MODULES / "@nl-design-system-unstable" / "voorbeeld-design-tokens" / "dist",
    "noto-sans": NODE_MODULES / "@fontsource" / "noto-sans",
    "werkplek": Path(__file__).resolve().parent / "static",
}


@bp.route("/gezondheid")
@publiek
def gezondheid():
    return "ok", 200, {"Content-Type": "text/plain; charset=utf-8"}


@bp.route("/")
@rollen(COORDINATOR, BELEID)
def start():
    if g.gebruiker.rol == COORDINATOR:
        return redirect(url_for("overdrachten.lijst"))
    return redirect(url_for("paginas.rapportage"))


@bp.route("/rapportage")
@rollen(BELEID, COORDINATOR)
def rapportage():
    return render_template("rapportage.html")


@bp.route("/static/<pakket>/<path:pad>")
@publiek
def statisch(pakket: str, pad: str):
    folder = STATISCH.get(pakket)
    if folder is None:
        abort(404)
    # send_from_directory refuses paths outside the folder (../).
    return send_from_directory(folder, pad, max_age=3600)
