"""Sign-in, sign-out and changing one's own password.

A browser that signed in as a user gets a device cookie for that name (OWASP's "device cookies"): the
throttle counts its failures apart from everyone else's, so a stranger guessing at a name cannot lock the real
user out of their own browser. The cookie signs no one in; it only tells the throttle "seen here before".
"""
from __future__ import annotations

import secrets

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, url_for
from itsdangerous import BadSignature, URLSafeSerializer

from bot.privacy import accounts
from bot.web.werkplek.toegang import beeindig_sessie, begin_sessie, publiek, rollen, volgende_pagina, werkplek

bp = Blueprint("auth", __name__)
APPARAAT_COOKIE = "werkplek_apparaat"
APPARAAT_JAAR = 365 * 24 * 3600


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt="werkplek-apparaat")


def _apparaat(gebruikersnaam: str) -> str | None:
    """The device id from this browser's cookie when it belongs to this user name."""
    try:
        data = _serializer().loads(request.cookies.get(APPARAAT_COOKIE, ""))
    except BadSignature:
        return None
    if isinstance(data, dict) and data.get("n") == accounts.normaliseer(gebruikersnaam):
        return str(data.get("id"))[:40]
    return None


@bp.route("/aanmelden", methods=["GET", "POST"])
@publiek
def aanmelden():
    if g.gebruiker is not None and request.method == "GET":
        return redirect(url_for("paginas.start"))
    gebruikersnaam = ""
    if request.method == "POST":
        gebruikersnaam = request.form.get("gebruikersnaam", "")[:100]
        apparaat = _apparaat(gebruikersnaam)
        try:
            gebruiker = accounts.aanmelden(werkplek().sessions, gebruikersnaam, request.form.get("wachtwoord", ""),
                                           request.remote_addr or "-", apparaat=apparaat, now=werkplek().now())
        except accounts.AccountFout as fout:
            status = 429 if isinstance(fout, accounts.Geblokkeerd) else 401
            return render_template("aanmelden.html", fout=str(fout), gebruikersnaam=gebruikersnaam), status
        begin_sessie(g.db.get(type(gebruiker), gebruiker.id))
        response = redirect(volgende_pagina(url_for("paginas.start")))
        if apparaat is None:
            value = _serializer().dumps({"n": gebruiker.gebruikersnaam, "id": secrets.token_hex(16)})
            response.set_cookie(APPARAAT_COOKIE, value, max_age=APPARAAT_JAAR, path=url_for("auth.aanmelden"),
                                httponly=True, samesite="Strict", secure=werkplek().settings.werkplek_https == "ja")
        return response
    return render_template("aanmelden.html", fout=None, gebruikersnaam=gebruikersnaam)


@bp.route("/afmelden", methods=["POST"])
@publiek
def afmelden():
    beeindig_sessie()
    flash("Je bent afgemeld.", "ok")
    return redirect(url_for("auth.aanmelden"))


def _wijzig_wachtwoord() -> str | None:
    """Change the signed-in user's password from the form; the Dutch reason when refused."""
    nieuw, naam = request.form.get("nieuw", ""), g.gebruiker.gebruikersnaam
    try:  # the current password goes through the sign-in throttle: a stolen session cannot guess it
        accounts.aanmelden(werkplek().sessions, naam, request.form.get("huidig", ""), request.remote_addr or "-",
                           apparaat=_apparaat(naam), now=werkplek().now())
    except accounts.Geblokkeerd as geblokkeerd:
        return str(geblokkeerd)
    except accounts.AccountFout:
        return "Je huidige wachtwoord klopt niet."
    if nieuw != request.form.get("herhaal", ""):
        return "De twee nieuwe wachtwoorden zijn niet gelijk."
    try:
        accounts.wijzig_wachtwoord(g.db, g.gebruiker, nieuw)  # ends every session, this one too
    except accounts.AccountFout as afgewezen:
        g.db.rollback()
        return str(afgewezen)
    begin_sessie(g.gebruiker)  # commits the change; this browser stays signed in, the others are out
    return None


@bp.route("/wachtwoord", methods=["GET", "POST"])
@rollen(*accounts.ROLLEN)
def wachtwoord():
    if request.method == "GET":
        return render_template("wachtwoord.html", fout=None)
    fout = _wijzig_wachtwoord()
    if fout:
        return render_template("wachtwoord.html", fout=fout), 400
    flash("Je wachtwoord is gewijzigd. Op andere apparaten ben je afgemeld.", "ok")
    return redirect(url_for("paginas.start"))
