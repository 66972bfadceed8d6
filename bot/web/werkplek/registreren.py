"""Registering a question that came in another way than the chat: by phone, at a wijkpunt, by e-mail or from
a verwijzer. It becomes the same handover (without a transcript) and the same signals, with its `kanaal`."""
from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, url_for

from bot.meldingen import meldingen
from bot.netwerk import netwerk
from bot.overdracht import overdracht
from bot.overdracht.contact import MOMENTEN
from bot.overdracht.overdracht import Gekozen, OverdrachtFout, Registratie
from bot.privacy.accounts import COORDINATOR, MEEDENKER
from bot.signalen import signalen
from bot.vocabulaire import BEKEND_VIA, DOELGROEPEN, KANALEN, LEVENSDOMEINEN, NAMENS, ONDERWERPEN, TALEN, VERWIJZERS
from bot.web.werkplek.toegang import rollen, vandaag, werkplek

bp = Blueprint("registreren", __name__)
VELDEN = ("kanaal", "verwijzer", "bekend_via", "levensdomein", "onderwerp", "wijk", "doelgroep", "namens", "taal",
          "contact_manier", "contact_gegeven", "contact_moment", "toelichting")


def _keuzes() -> dict:
    return dict(kanalen=KANALEN, verwijzers=VERWIJZERS, bekend_via_opties=BEKEND_VIA, levensdomeinen=LEVENSDOMEINEN,
                onderwerpen={d: {k: v[0] for k, v in o.items()} for d, o in ONDERWERPEN.items()},
                wijken=werkplek().settings.wijken, doelgroepen=DOELGROEPEN, namens_opties=NAMENS, talen=TALEN,
                momenten=MOMENTEN)


@bp.route("/registreren", methods=["GET", "POST"])
@rollen(COORDINATOR, MEEDENKER)
def registreren():
    if request.method == "GET":
        return render_template("registreren.html", waarden={}, fout=None, **_keuzes())
    waarden = {k: request.form.get(k, "").strip() for k in VELDEN}
    vinkjes = {k: request.form.get(k) == "ja" for k in ("toestemming", "vragenlijst_mag")}
    waarden_met_toestemming = {**waarden, **vinkjes}
    zelf = None
    if g.gebruiker.rol == MEEDENKER:
        zelf = netwerk.vind(g.db, g.gebruiker.meedenker_sleutel)
    r = Registratie(**{k: v or None for k, v in waarden.items()}, **vinkjes)
    try:
        if g.gebruiker.rol == MEEDENKER and zelf is None:
            raise OverdrachtFout("Je account hoort bij geen meedenker in het netwerk. Vraag de coördinator om dat "
                                 "te herstellen.")
        o = overdracht.registreer(g.db, r, g.gebruiker.gebruikersnaam, wijken=werkplek().settings.wijken,
                                  meedenker=Gekozen(zelf.sleutel, zelf.naam, zelf.organisatie, zelf.soort)
                                  if zelf else None)
    except OverdrachtFout as fout:
        g.db.rollback()
        # Everything typed stays in the form: nothing is lost by a mistake in one field.
        return render_template("registreren.html", waarden=waarden_met_toestemming, fout=str(fout), **_keuzes()), 400
    if zelf is None:
        overdracht.pak_op(o, g.gebruiker.gebruikersnaam)
        meldingen.nieuwe_overdracht(g.db, werkplek().settings, o)
    # The same signals as a chat: a contact in this levensdomein, and a warm handover, with their kanaal.
    dag = vandaag()
    for soort in (signalen.LEVENSDOMEIN, signalen.OVERDRACHT):
        signalen.record(g.db, soort, levensdomein=o.levensdomein, onderwerp=o.onderwerp, doelgroep=o.doelgroep,
                        wijk=o.wijk, wijken=werkplek().settings.wijken, kanaal=o.kanaal, verwijzer=o.verwijzer,
                        bekend_via=o.bekend_via, datum=dag)
    g.db.commit()
    flash("De vraag is geregistreerd." + (" Je staat er zelf als meedenker bij." if zelf else ""), "ok")
    return redirect(url_for("overdrachten.detail", referentie=o.referentie))
