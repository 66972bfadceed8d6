"""Availability: a meedenker marks their own ("afwezig tot", "neemt geen nieuwe inwoners"); a coordinator
sees the whole network with its accounts and can mark anyone. Matching in the chat honours it at once."""
from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from sqlalchemy import select

from bot.models import Gebruiker
from bot.netwerk import beschikbaarheid, netwerk
from bot.netwerk.beschikbaarheid import BeschikbaarheidFout
from bot.privacy.accounts import COORDINATOR, MEEDENKER
from bot.web.werkplek.toegang import eigen_sleutel, rollen, vandaag

bp = Blueprint("beschikbaarheid", __name__)


def _zet(sleutel: str) -> str | None:
    """Save the form for this meedenker; the Dutch reason when refused."""
    raw = request.form.get("afwezig_tot", "").strip()
    try:
        tot = dt.date.fromisoformat(raw) if raw else None
    except ValueError:
        return "Vul 'afwezig tot en met' in als datum, of laat het vak leeg."
    try:
        beschikbaarheid.zet(g.db, sleutel, afwezig_tot=tot, geen_nieuwe=request.form.get("geen_nieuwe") == "ja",
                            door=g.gebruiker.gebruikersnaam, vandaag=vandaag())
    except BeschikbaarheidFout as fout:
        g.db.rollback()
        return str(fout)
    g.db.commit()
    return None


@bp.route("/beschikbaarheid", methods=["GET", "POST"])
@rollen(MEEDENKER)
def eigen():
    sleutel = eigen_sleutel()
    if request.method == "POST":
        if (fout := _zet(sleutel)) is not None:
            return render_template("beschikbaarheid.html", stand=beschikbaarheid.stand(g.db, sleutel), fout=fout,
                                   vandaag=vandaag(), invoer=request.form), 400
        flash("Je beschikbaarheid is opgeslagen. De chat houdt er vanaf nu rekening mee.", "ok")
        return redirect(url_for("beschikbaarheid.eigen"))
    return render_template("beschikbaarheid.html", stand=beschikbaarheid.stand(g.db, sleutel), fout=None,
                           vandaag=vandaag(), invoer=None)


@bp.route("/netwerk")
@rollen(COORDINATOR)
def overzicht():
    records = sorted(netwerk.load_network(g.db), key=lambda m: (m.organisatie, m.naam))
    accounts = {}
    for gebruiker in g.db.scalars(select(Gebruiker).where(Gebruiker.meedenker_sleutel.is_not(None))):
        accounts.setdefault(gebruiker.meedenker_sleutel, []).append(gebruiker)
    return render_template("netwerk.html", meedenkers=records, standen=beschikbaarheid.alle(g.db),
                           accounts=accounts, vandaag=vandaag())


@bp.route("/netwerk/<sleutel>/beschikbaarheid", methods=["POST"])
@rollen(COORDINATOR)
def voor_meedenker(sleutel: str):
    if netwerk.vind(g.db, sleutel) is None:
        abort(404)
    if (fout := _zet(sleutel)) is not None:
        flash(fout, "error")
    else:
        flash("De beschikbaarheid is opgeslagen.", "ok")
    return redirect(url_for("beschikbaarheid.overzicht") + f"#m-{sleutel}")
