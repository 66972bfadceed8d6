"""Sign-in and sign-out pages."""
from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, session, url_for

from bot import accounts
from bot.werkplek.toegang import begin_sessie, publiek, volgende_pagina, werkplek

bp = Blueprint("auth", __name__)


@bp.route("/aanmelden", methods=["GET", "POST"])
@publiek
def aanmelden():
    if g.gebruiker is not None and request.method == "GET":
        return redirect(url_for("paginas.start"))
    gebruikersnaam = ""
    if request.method == "POST":
        gebruikersnaam = request.form.get("gebruikersnaam", "")[:100]
        try:
            gebruiker = accounts.aanmelden(g.db, gebruikersnaam, request.form.get("wachtwoord", ""),
                                           request.remote_addr or "-", now=werkplek().now())
        except accounts.AccountFout as fout:
            g.db.commit()  # the failed attempt counts for throttling
            status = 429 if isinstance(fout, accounts.Geblokkeerd) else 401
            return render_template("aanmelden.html", fout=str(fout), gebruikersnaam=gebruikersnaam), status
        g.db.commit()
        begin_sessie(gebruiker)
        return redirect(volgende_pagina(url_for("paginas.start")))
    return render_template("aanmelden.html", fout=None, gebruikersnaam=gebruikersnaam)


@bp.route("/afmelden", methods=["POST"])
@publiek
def afmelden():
    session.clear()
    flash("Je bent afgemeld.", "ok")
    return redirect(url_for("auth.aanmelden"))
