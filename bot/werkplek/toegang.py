"""Who may open which page. Checked on the server for every request; a page without a rule is refused.

Signed-in state lives in Flask's signed session cookie: user id and sign-in time. The user and role are read
from the database on every request, so a deactivated account or a changed role counts at once.
"""
from __future__ import annotations

import datetime as dt

from flask import abort, current_app, g, redirect, request, session, url_for

from bot.models import Gebruiker

SESSIE_DUUR = dt.timedelta(hours=8)
_RULE = "werkplek_rollen"
PUBLIEK = "publiek"


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


def begin_sessie(gebruiker: Gebruiker) -> None:
    # A fresh session at sign-in: nothing from before (CSRF token, anything planted) carries over.
    session.clear()
    session.permanent = True
    session["gebruiker_id"] = gebruiker.id
    session["sinds"] = werkplek().now().isoformat()


def laad_gebruiker() -> None:
    g.gebruiker = None
    gebruiker_id, sinds = session.get("gebruiker_id"), session.get("sinds")
    if gebruiker_id is None:
        return
    try:
        started = dt.datetime.fromisoformat(sinds)
    except (TypeError, ValueError):
        started = None
    # Flask renews the cookie on every request; this keeps the 8 hours counted from sign-in.
    if started is None or werkplek().now() - started > SESSIE_DUUR:
        session.clear()
        return
    gebruiker = g.db.get(Gebruiker, gebruiker_id)
    if gebruiker is None or not gebruiker.actief:
        session.clear()
        return
    g.gebruiker = gebruiker


def _local_path(target: str | None) -> str | None:
    """Only paths on this site, so the sign-in page cannot send anyone elsewhere."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


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
        abort(403)
    if not rule or g.gebruiker.rol not in rule:
        abort(403)
    return None


def volgende_pagina(default: str) -> str:
    return _local_path(request.args.get("volgende")) or default

