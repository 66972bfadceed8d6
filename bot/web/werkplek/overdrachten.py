"""Handover pages: the coordinators' list, a meedenker's own list, one handover with what each role may do
there, and its access log. A meedenker sees only the handovers assigned to them; every other one is refused
(403), written to the log and to the handover's access log."""
from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from markupsafe import Markup

from bot.meldingen import meldingen
from bot.netwerk import beschikbaarheid, netwerk
from bot.overdracht import overdracht, vragenlijst
from bot.overdracht.overdracht import Gekozen, OverdrachtFout
from bot.privacy import toegangslog
from bot.privacy.accounts import COORDINATOR, MEEDENKER
from bot.signalen import signalen
from bot.vocabulaire import DOORVERWIJZINGEN, LEVENSDOMEINEN, UITKOMSTEN_OVERDRACHT
from bot.web.werkplek.toegang import eigen_sleutel, rollen, vandaag, weiger, werkplek

bp = Blueprint("overdrachten", __name__)


def _wachttijd(o, nu):
    """Withdrawn handovers wait for no one; done ones show how long they took."""
    return None if o.status == overdracht.INGETROKKEN else overdracht.wachttijd(o, nu)


def is_meedenker() -> bool:
    return g.gebruiker.rol == MEEDENKER


def _vind(referentie: str):
    """The handover, if this user may open it: 404 when it does not exist, 403 (logged) when it is not theirs."""
    o = overdracht.vind(g.db, referentie)
    if o is None:
        abort(404)
    if is_meedenker() and (not g.gebruiker.meedenker_sleutel or o.toegewezen_sleutel != g.gebruiker.meedenker_sleutel):
        start = werkplek().now()
        # The refused attempt is on the handover's own access log too: a coordinator sees who tried.
        toegangslog.schrijf(g.db, processing_activity_id=werkplek().settings.verwerkingsactiviteit,
                            referentie=o.referentie, gebruiker=g.gebruiker.gebruikersnaam,
                            name=toegangslog.GEWEIGERD, reden="Overdracht niet aan deze meedenker toegewezen",
                            start=start, status=toegangslog.ERROR)
        g.db.commit()
        weiger("overdracht niet toegewezen")
    return o


@bp.route("/overdrachten")
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


@bp.route("/mijn")
@rollen(MEEDENKER)
def mijn():
    rows = overdracht.lijst(g.db, meedenker=eigen_sleutel())
    nu = werkplek().now()
    stand = beschikbaarheid.stand(g.db, eigen_sleutel())
    return render_template("mijn.html", rows=[(o, _wachttijd(o, nu)) for o in rows], stand=stand,
                           vandaag=vandaag())


def _ziet_gegevens(o) -> bool:
    """Coordinators see the conversation and contact details; a meedenker once they took the handover on."""
    if o.status == overdracht.INGETROKKEN:
        return False
    return not is_meedenker() or o.status in overdracht.BIJ_MEEDENKER or o.status == overdracht.AFGEROND


@bp.route("/overdrachten/<referentie>")
@rollen(COORDINATOR, MEEDENKER)
def detail(referentie: str):
    o = _vind(referentie)
    start = werkplek().now()
    gegevens = _ziet_gegevens(o)
    meedenkers = [] if is_meedenker() or o.status == overdracht.INGETROKKEN else \
        sorted(netwerk.load_network(g.db), key=lambda m: (m.organisatie, m.naam))
    html = render_template("overdracht.html", o=o, ingetrokken=o.status == overdracht.INGETROKKEN,
                           gegevens=gegevens, meedenkers=meedenkers,
                           standen=beschikbaarheid.alle(g.db) if meedenkers else {},
                           wachttijd=_wachttijd(o, start), vandaag=vandaag(), uitkomsten=UITKOMSTEN_OVERDRACHT,
                           doorverwijzingen=DOORVERWIJZINGEN, meedenker=is_meedenker(),
                           vragenlijst_bezwaar=vragenlijst.kan_uitnodigen(o))
    # The page is only sent once its access records are stored: no record, nothing shown.
    trace = toegangslog.nieuwe_trace()
    names = (toegangslog.TRANSCRIPT_INZIEN, toegangslog.CONTACT_INZIEN) if gegevens else \
        (toegangslog.CATEGORIEEN_INZIEN,)
    for name in names:
        toegangslog.schrijf(g.db, processing_activity_id=werkplek().settings.verwerkingsactiviteit,
                            referentie=o.referentie, gebruiker=g.gebruiker.gebruikersnaam, name=name,
                            reden="Overdracht geopend in de werkplek", start=start, end=werkplek().now(),
                            trace_id=trace)
    g.db.commit()
    return html


def _wijzig(referentie: str, change, gelukt: str):
    """Apply one change, record it, and go back to the handover (post/redirect/get)."""
    o = _vind(referentie)
    try:
        change(o)
    except OverdrachtFout as fout:
        g.db.rollback()
        flash(str(fout), "error")
    else:
        g.db.commit()
        flash(gelukt, "ok")
    if is_meedenker() and o.toegewezen_sleutel != g.gebruiker.meedenker_sleutel:
        return redirect(url_for("overdrachten.mijn"))  # declined or handed back: no longer theirs to open
    return redirect(url_for("overdrachten.detail", referentie=referentie))


@bp.route("/overdrachten/<referentie>/oppakken", methods=["POST"])
@rollen(COORDINATOR)
def oppakken(referentie: str):
    return _wijzig(referentie, lambda o: overdracht.pak_op(o, g.gebruiker.gebruikersnaam),
                   "Je hebt deze overdracht opgepakt.")


@bp.route("/overdrachten/<referentie>/toewijzen", methods=["POST"])
@rollen(COORDINATOR)
def toewijzen(referentie: str):
    sleutel = request.form.get("meedenker", "")
    gekozen = netwerk.vind(g.db, sleutel)

    def change(o):
        if gekozen is None:
            raise OverdrachtFout("Kies een meedenker uit de lijst.")
        overdracht.wijs_toe(o, g.gebruiker.gebruikersnaam, Gekozen(gekozen.sleutel, gekozen.naam,
                                                                   gekozen.organisatie, gekozen.soort))
        if not meldingen.toegewezen(g.db, werkplek().settings, o):
            flash(f"{gekozen.naam} heeft geen e-mailadres in de werkplek of het netwerkbestand en krijgt dus geen "
                  "bericht. Laat het op een andere manier weten.", "error")

    naam = gekozen.naam if gekozen else ""
    return _wijzig(referentie, change, f"De overdracht is toegewezen aan {naam}.")


@bp.route("/overdrachten/<referentie>/aannemen", methods=["POST"])
@rollen(MEEDENKER)
def aannemen(referentie: str):
    return _wijzig(referentie, lambda o: overdracht.neem_aan(o, g.gebruiker.gebruikersnaam, eigen_sleutel()),
                   f"Je hebt de overdracht aangenomen. Neem binnen {werkplek().settings.reactietijd} contact op met "
                   "de inwoner.")


@bp.route("/overdrachten/<referentie>/afwijzen", methods=["POST"])
@rollen(MEEDENKER)
def afwijzen(referentie: str):
    def change(o):
        overdracht.wijs_af(o, g.gebruiker.gebruikersnaam, eigen_sleutel(), request.form.get("reden", ""))
        meldingen.terug_naar_coordinator(g.db, werkplek().settings, o, "de overdracht niet aangenomen")

    return _wijzig(referentie, change, "De overdracht gaat terug naar de coördinator.")


@bp.route("/overdrachten/<referentie>/collega", methods=["POST"])
@rollen(MEEDENKER)
def collega(referentie: str):
    def change(o):
        overdracht.vraag_collega(o, g.gebruiker.gebruikersnaam, eigen_sleutel(), request.form.get("reden", ""))
        meldingen.terug_naar_coordinator(g.db, werkplek().settings, o, "om een collega gevraagd")

    return _wijzig(referentie, change, "De coördinator zoekt een collega voor deze inwoner.")


def _datum(waarde: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((waarde or "").strip())
    except ValueError:
        return None


@bp.route("/overdrachten/<referentie>/contact", methods=["POST"])
@rollen(COORDINATOR, MEEDENKER)
def contact(referentie: str):
    sleutel = eigen_sleutel() if is_meedenker() else None
    return _wijzig(referentie, lambda o: overdracht.leg_contact_vast(
        o, g.gebruiker.gebruikersnaam, _datum(request.form.get("datum")), vandaag(), sleutel),
        "De datum van het eerste contact is vastgelegd.")


@bp.route("/overdrachten/<referentie>/notitie", methods=["POST"])
@rollen(COORDINATOR, MEEDENKER)
def notitie(referentie: str):
    def change(o):
        if is_meedenker() and o.status not in (*overdracht.BIJ_MEEDENKER, overdracht.TOEGEWEZEN):
            raise OverdrachtFout("Deze overdracht is afgerond; een notitie kan alleen de coördinator nog toevoegen.")
        overdracht.notitie(o, g.gebruiker.gebruikersnaam, request.form.get("tekst", ""))

    return _wijzig(referentie, change, "De notitie is toegevoegd.")


@bp.route("/overdrachten/<referentie>/afronden", methods=["POST"])
@rollen(COORDINATOR, MEEDENKER)
def afronden(referentie: str):
    def change(o):
        if request.form.get("vragenlijst_mag") == "ja":
            o.vragenlijst_mag = True  # asked by the meedenker; also possible when the question was registered
        overdracht.rond_af(o, g.gebruiker.gebruikersnaam, request.form.get("uitkomst"),
                           request.form.get("doorverwezen_naar") or None,
                           sleutel=eigen_sleutel() if is_meedenker() else None)
        # The anonymous outcome signal, in the same transaction: categories only, no link to the handover.
        signalen.record(g.db, signalen.AFGESLOTEN, wijken=werkplek().settings.wijken, datum=vandaag(),
                        **overdracht.uitkomst_signaal(o))

    return _wijzig(referentie, change, "De overdracht is afgerond. Dank je wel!")


@bp.route("/overdrachten/<referentie>/vragenlijst", methods=["POST"])
@rollen(COORDINATOR, MEEDENKER)
def vragenlijst_uitnodigen(referentie: str):
    """One invitation per handover: by e-mail to the inwoner's address, or a card to print (shown once: only
    the hashes of its link and code are kept)."""
    import segno

    o = _vind(referentie)
    manier = request.form.get("manier")
    if manier == "email" and o.contact_manier != "email":
        flash("De inwoner gaf geen e-mailadres. Maak een kaart om te printen of mee te geven.", "error")
        return redirect(url_for("overdrachten.detail", referentie=referentie))
    try:
        uitnodiging = vragenlijst.nodig_uit(g.db, o, g.gebruiker.gebruikersnaam, werkplek().now())
    except vragenlijst.VragenlijstFout as fout:
        g.db.rollback()
        flash(str(fout), "error")
        return redirect(url_for("overdrachten.detail", referentie=referentie))
    settings = werkplek().settings
    link = f"{settings.vragenlijst_link}/{uitnodiging.token}"
    if manier == "email":
        meldingen.vragenlijst(g.db, settings, o, link)
        g.db.commit()
        flash("De uitnodiging voor de vragenlijst gaat per e-mail naar de inwoner.", "ok")
        return redirect(url_for("overdrachten.detail", referentie=referentie))
    g.db.commit()
    code_link = f"{settings.vragenlijst_link}/{uitnodiging.code.replace('-', '')}"
    qr = segno.make(code_link, error="m").svg_inline(scale=5, title="QR-code naar de vragenlijst")
    return render_template("vragenlijst_kaart.html", o=o, code=uitnodiging.code, adres=settings.vragenlijst_link,
                           verloopt=uitnodiging.verloopt, qr=Markup(qr), b1=o.taalniveau == "b1")


@bp.route("/overdrachten/<referentie>/toegangslog")
@rollen(COORDINATOR)
def toegangslog_pagina(referentie: str):
    o = overdracht.vind(g.db, referentie)
    regels = toegangslog.voor_overdracht(g.db, referentie)
    if o is None and not regels:  # records outlive a deleted handover, so either one is enough
        abort(404)
    return render_template("toegangslog.html", o=o, referentie=referentie, regels=regels,
                           handelingen=toegangslog.HANDELINGEN)
