"""The Flask app of the coordinators' workspace: settings, sessions, security headers, Dutch error pages."""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Callable

from flask import Flask, current_app, g, render_template, request
from flask_wtf.csrf import CSRFError, CSRFProtect
from sqlalchemy.orm import sessionmaker
from werkzeug.exceptions import HTTPException

from bot import db
from bot.config import Settings
from bot.geheimen import geheim
from bot.privacy.accounts import ROLLEN
from bot.tijd import nu
from bot.vocabulaire import KANALEN
from bot.web.werkplek import aanmelden, beschikbaarheid, opruimen, overdrachten, paginas, registreren, toegang, weergave

log = logging.getLogger("werkplek")

CSP = ("default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
FOUTEN = {
    400: ("Dit verzoek klopt niet", "De server kon dit verzoek niet verwerken. Ga terug en probeer het opnieuw."),
    403: ("Geen toegang", "Je hebt geen toegang tot deze pagina. Denk je dat dit niet klopt? "
                          "Neem contact op met de beheerder van de werkplek."),
    404: ("Pagina niet gevonden", "Deze pagina of overdracht bestaat niet (meer). Controleer de link, "
                                  "of ga terug naar het overzicht."),
    405: ("Dit kan zo niet", "Deze actie kan niet op deze manier worden gedaan."),
    500: ("Er ging iets mis", "Er ging iets mis in de werkplek. Probeer het later opnieuw; "
                              "blijft het misgaan, meld het dan bij de beheerder."),
}
CSRF_FOUT = ("Het formulier is verlopen", "Het formulier is verlopen of niet compleet verstuurd. "
             "Laad de pagina opnieuw en probeer het nog eens.")


@dataclass
class Werkplek:
    settings: Settings
    sessions: sessionmaker
    now: Callable[[], dt.datetime]


def create_app(settings: Settings, *, now: Callable[[], dt.datetime] | None = None,
               retention: bool = True) -> Flask:
    """`now` replaces the clock (UTC, naive) in tests; `retention` starts the background work: the daily retention
    run and sending the outbox's mails."""
    app = Flask(__name__, static_folder=None)
    app.config.update(
        SECRET_KEY=geheim(settings.werkplek_geheim, "WERKPLEK_GEHEIM"),
        SESSION_COOKIE_NAME="werkplek_sessie",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.werkplek_https == "ja",
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the session (8 hours at most)
        MAX_CONTENT_LENGTH=64 * 1024,
    )
    app.extensions["werkplek"] = Werkplek(settings, db.session_factory(settings.database_url), now or nu)
    if not paginas.STATISCH["utrecht"].is_dir():
        log.warning("web/node_modules ontbreekt: de werkplek draait zonder opmaak. Draai 'make setup'.")

    app.jinja_env.filters.update(weergave.FILTERS)
    app.jinja_env.filters["wijk"] = lambda key: weergave.label(settings.wijken, key, "Geen")
    app.jinja_env.globals.update(gemeente=settings.gemeente_naam, rollen=ROLLEN, reactietijd=settings.reactietijd,
                                 kanalen=KANALEN, bewaartermijn=settings.bewaartermijn_overdracht_dagen)

    @app.before_request
    def open_database():
        g.db = app.extensions["werkplek"].sessions()

    @app.teardown_request
    def close_database(_exc):
        session = g.pop("db", None)
        if session is not None:
            session.close()

    # Order matters: who you are, then whether you may, then (CSRFProtect) whether the form is genuine.
    app.before_request(toegang.laad_gebruiker)
    app.before_request(toegang.controleer_toegang)
    CSRFProtect(app)
    for blueprint in (paginas.bp, aanmelden.bp, overdrachten.bp, registreren.bp, beschikbaarheid.bp):
        app.register_blueprint(blueprint)

    app.after_request(_security_headers)
    app.register_error_handler(CSRFError, _csrf_fout)
    app.register_error_handler(HTTPException, _http_fout)
    app.register_error_handler(Exception, _onverwacht)

    if retention:
        from bot.meldingen import verzenden

        opruimen.start(settings)
        verzenden.start(settings)  # the outbox: mails from the chat's action server are sent from here too
    return app


def _csrf_fout(error: CSRFError):
    wie = g.gebruiker.gebruikersnaam if g.get("gebruiker") else "-"
    log.warning("Formulier geweigerd (CSRF: %s): gebruiker=%r %s %s ip=%s", error.description, wie, request.method,
                request.path, request.remote_addr)
    return render_template("fout.html", titel=CSRF_FOUT[0], uitleg=CSRF_FOUT[1]), 400


def _security_headers(response):
    headers = response.headers
    if current_app.extensions["werkplek"].settings.werkplek_https == "ja":
        # Browsers that saw the workspace over HTTPS never try plain HTTP again (ASVS 14.4.5).
        headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    headers.setdefault("Content-Security-Policy", CSP)
    headers["X-Content-Type-Options"] = "nosniff"
    headers["X-Frame-Options"] = "DENY"
    headers["Referrer-Policy"] = "no-referrer"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    if request.endpoint != "paginas.statisch":
        # Pages may hold personal data: never in a browser or proxy cache.
        headers["Cache-Control"] = "no-store"
    return response


def _fout_pagina(code: int):
    titel, uitleg = FOUTEN.get(code, FOUTEN[400] if code < 500 else FOUTEN[500])
    return render_template("fout.html", titel=titel, uitleg=uitleg), code


def _http_fout(error: HTTPException):
    if error.code is None or error.code < 400:
        return error  # redirects raised as exceptions pass through
    return _fout_pagina(error.code)


def _onverwacht(error: Exception):
    log.exception("Onverwachte fout in de werkplek", exc_info=error)
    session = g.get("db")
    if session is not None:
        session.rollback()
    return _fout_pagina(500)
