"""Coordinators' pages: the list of handovers, one handover with its actions, and its access log."""
from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from bot.netwerk import netwerk
from bot.overdracht import overdracht
from bot.overdracht.overdracht import Gekozen, OverdrachtFout
from bot.privacy import toegangslog
from bot.privacy.accounts import COORDINATOR
from bot.vocabulaire import LEVENSDOMEINEN
from bot.web.werkplek.toegang import rollen, werkplek

bp = Blueprint("overdrachten", __name__, url_prefix="/overdrachten")


def _wachttijd(o, nu):
    """Withdrawn handovers wait for no one; done ones show how long they took."""
    return None if o.status == overdracht.INGETROKKEN else overdracht.wachttijd(o, nu)


def _vind_of_404(referentie: str):
    o = overdracht.vind(g.db, referentie)
    if o is None:
        abort(404)
    return o


@bp.route("")
@rollen(COORDINATOR)
def lijst():
    organisaties = overdracht.organisaties(g.db)
    # Unknown filter values are ignored rather than matched, so a typo in a URL shows everything.
    status = request.args.get("status") if request.args.get("status") in overdracht.STATUSSEN else None
    domein = request.args.get("levensdomein") if request.args.get("levensdomein") in LEVENSDOMEINEN else None
    organisatie = request.args.get("organisatie") if request.args.get("organisatie") in organisaties else None
    rows = overdracht.lijst(g.db, status=status, organisatie=organisatie, levensdomein=domein)
    nu = werkplek().now()
    return render_template(
        "overdrachten.html", rows=[(o, _wachttijd(o, nu)) for o in rows],
        organisaties=organisaties, statussen=overdracht.STATUSSEN, levensdomeinen=LEVENSDOMEINEN,
        filters={"status": status, "organisatie": organisatie, "levensdomein": domein})


@bp.route("/<referentie>")
@rollen(COORDINATOR)
def detail(referentie: str):
    o = _vind_of_404(referentie)
    start = werkplek().now()
    if o.status == overdracht.INGETROKKEN:
        # The transcript and contact details were erased; nothing personal is shown, nothing to log.
        return render_template("overdracht.html", o=o, ingetrokken=True, meedenkers=[],
                               wachttijd=_wachttijd(o, start))
    meedenkers = sorted(netwerk.load_network(g.db), key=lambda m: (m.organisatie, m.naam))
    html = render_template("overdracht.html", o=o, ingetrokken=False, meedenkers=meedenkers,
                           wachttijd=_wachttijd(o, start))
    # The page is only sent once its access records are stored: no record, no personal data.
    trace = toegangslog.nieuwe_trace()
    for name in (toegangslog.TRANSCRIPT_INZIEN, toegangslog.CONTACT_INZIEN):
        toegangslog.schrijf(g.db, processing_activity_id=werkplek().settings.verwerkingsactiviteit,
                            referentie=o.referentie, gebruiker=g.gebruiker.gebruikersnaam, name=name,
                            reden="Overdracht geopend in de werkplek", start=start, end=werkplek().now(),
                            trace_id=trace)
    g.db.commit()
    return html


def _wijzig(referentie: str, change, gelukt: str):
    """Apply one change, record it, and go back to the handover (post/redirect/get)."""
    o = _vind_of_404(referentie)
    try:
        change(o)
    except OverdrachtFout as fout:
        g.db.rollback()
        flash(str(fout), "error")
    else:
        g.db.commit()
        flash(gelukt, "ok")
    return redirect(url_for("overdrachten.detail", referentie=referentie))


@bp.route("/<referentie>/oppakken", methods=["POST"])
@rollen(COORDINATOR)
def oppakken(referentie: str):
    return _wijzig(referentie, lambda o: overdracht.pak_op(o, g.gebruiker.gebruikersnaam),
                   "Je hebt deze overdracht opgepakt.")


@bp.route("/<referentie>/toewijzen", methods=["POST"])
@rollen(COORDINATOR)
def toewijzen(referentie: str):
    sleutel = request.form.get("meedenker", "")
    gekozen = next((m for m in netwerk.load_network(g.db) if m.sleutel == sleutel), None)

    def change(o):
        if gekozen is None:
            raise OverdrachtFout("Kies een meedenker uit de lijst.")
        overdracht.wijs_toe(o, g.gebruiker.gebruikersnaam, Gekozen(gekozen.sleutel, gekozen.naam,
                                                                   gekozen.organisatie))

    naam = gekozen.naam if gekozen else ""
    return _wijzig(referentie, change, f"De overdracht is toegewezen aan {naam}.")


@bp.route("/<referentie>/notitie", methods=["POST"])
@rollen(COORDINATOR)
def notitie(referentie: str):
    return _wijzig(referentie, lambda o: overdracht.notitie(o, g.gebruiker.gebruikersnaam,
                                                            request.form.get("tekst", "")),
                   "De notitie is toegevoegd.")


@bp.route("/<referentie>/afronden", methods=["POST"])
@rollen(COORDINATOR)
def afronden(referentie: str):
    return _wijzig(referentie, lambda o: overdracht.rond_af(o, g.gebruiker.gebruikersnaam),
                   "De overdracht is afgerond.")


@bp.route("/<referentie>/toegangslog")
@rollen(COORDINATOR)
def toegangslog_pagina(referentie: str):
    o = overdracht.vind(g.db, referentie)
    regels = toegangslog.voor_overdracht(g.db, referentie)
    if o is None and not regels:  # records outlive a deleted handover, so either one is enough
        abort(404)
    return render_template("toegangslog.html", o=o, referentie=referentie, regels=regels,
                           handelingen=toegangslog.HANDELINGEN)
