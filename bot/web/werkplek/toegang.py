"""Who may open which page. Checked on the server for every request; a page without a rule is refused.

Signed-in state lives on the server (`accounts.Sessie`): the cookie holds only a random token, so signing out,
a password change or deactivation ends the session at once, whoever holds a copy of the cookie. A session ends
after 30 minutes without a request and 8 hours after sign-in; its cookie is not kept when the browser closes.
"""
from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit, urlunsplit

from flask import abort, current_app, flash, g, redirect, request, session, url_for

from bot.models import Gebruiker
from bot.privacy import accounts
from bot.tijd import lokale_dag

log = logging.getLogger("werkplek.toegang")
_RULE = "werkplek_rollen"
PUBLIEK = "publiek"
TOKEN = "sessie"


def rollen(*allowed: str):
    """Mark a view as open to these roles only."""
    def mark(view):
        setattr(view, _RULE, frozenset(allowed))
        return view
    return mark


def publiek(view):
    setattr(view, _RULE, PUBLIEK)
    return view


def werkplek():
    return current_app.extensions["werkplek"]


def vandaag():
    """Today as the gemeente counts days (first contact, availability, signals)."""
    return lokale_dag(werkplek().now())


def eigen_sleutel() -> str:
    """The signed-in meedenker's key in the network; "-" (matches nothing) for an account without one."""
    return g.gebruiker.meedenker_sleutel or "-"


def begin_sessie(gebruiker: Gebruiker) -> None:
    # A fresh session at sign-in: nothing from before (CSRF token, anything planted) carries over.
    session.clear()
    session.permanent = False  # a browser-session cookie: gone when the browser closes
    session[TOKEN] = accounts.nieuwe_sessie(g.db, gebruiker, werkplek().now())
    g.db.commit()


def beeindig_sessie() -> None:
    accounts.beeindig_sessie(g.db, session.get(TOKEN))
    g.db.commit()
    session.clear()


def laad_gebruiker() -> None:
    g.gebruiker = None
    token = session.get(TOKEN)
    if token is None:
        return
    gebruiker, waarom = accounts.sessie_gebruiker(g.db, token, werkplek().now())
    g.db.commit()  # last seen, or the ended session's deletion
    if gebruiker is None:
        session.clear()
        if waarom == "verlopen":
            flash("Je was te lang niet actief of al lang aangemeld. Meld je opnieuw aan.", "error")
        return
    g.gebruiker = gebruiker


_UNSAFE = re.compile(r"[\x00-\x20\x7f\\]")  # browsers drop tabs and newlines from URLs: "/\t/x" becomes "//x"


def lokaal_pad(target: str | None) -> str | None:
    """`target` as a path on this site (path and query only), or None for anything that could lead elsewhere."""
    if not target or _UNSAFE.search(target) or target.startswith("//"):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or parts.path.startswith("//"):
        return None
    return urlunsplit(("", "", parts.path, parts.query, ""))


def weiger(reden: str):
    """403, logged with who asked for what (ASVS 7.2: access control failures are logged)."""
    wie = g.gebruiker.gebruikersnaam if g.get("gebruiker") else "-"
    rol = g.gebruiker.rol if g.get("gebruiker") else "-"
    log.warning("Geen toegang (%s): gebruiker=%r rol=%s %s %s ip=%s", reden, wie, rol, request.method,
                request.path, request.remote_addr)
    abort(403)


def controleer_toegang():
    view = current_app.view_functions.get(request.endpoint) if request.endpoint else None
    if view is None:  # no route: Flask answers 404 next
        return None
    rule = getattr(view, _RULE, None)
    if rule == PUBLIEK:
        return None
    if g.gebruiker is None:
        if request.method in ("GET", "HEAD"):
            target = request.full_path.rstrip("?")
            return redirect(url_for("auth.aanmelden", volgende=target if target != "/" else None))
        weiger("niet aangemeld")
    if not rule or g.gebruiker.rol not in rule:
        weiger("rol")
    return None


def volgende_pagina(default: str) -> str:
    return lokaal_pad(request.args.get("volgende")) or default
