"""The experience questionnaire's public pages: enter the code from a card, or follow the link from a mail, answer
Putten's five statements (standard Dutch or B1), and "verbeterpunten?" (scrubbed before it is stored).

No sign-in and no cookies: the link's token (or the card's code) is the only key, it works once and expires.
"""
from __future__ import annotations

import logging

from flask import Blueprint, current_app, redirect, render_template, request, url_for

from bot.overdracht import vragenlijst
from bot.overdracht.vragenlijst import VragenlijstFout
from bot.vocabulaire import SCHAAL, STELLINGEN

bp = Blueprint("vragenlijst", __name__)
log = logging.getLogger("site.vragenlijst")


def _sessions():
    return current_app.extensions["site_sessions"]


def _b1(uitnodiging=None) -> bool:
    gevraagd = request.values.get("taal")
    if gevraagd in ("b1", "standaard"):
        return gevraagd == "b1"
    return bool(uitnodiging is not None and uitnodiging.taalniveau == "b1")


def _scrub(tekst: str) -> str | None:
    tekst = (tekst or "").replace("\n", " ").strip()[:vragenlijst.MAX_VERBETERPUNT]
    if not tekst:
        return None
    from bot.privacy import anonimiseren

    return anonimiseren.anonimiseer(tekst)


def _formulier(sleutel: str, uitnodiging, fout: str | None = None, waarden: dict | None = None, status: int = 200):
    b1 = _b1(uitnodiging)
    return render_template("vragenlijst.html", sleutel=sleutel, b1=b1, fout=fout, waarden=waarden or {},
                           stellingen={k: v[1 if b1 else 0] for k, v in STELLINGEN.items()},
                           schaal={k: v[1 if b1 else 0] for k, v in SCHAAL.items()}), status


@bp.route("/vragenlijst", methods=["GET"])
def code():
    """The page a card points to: type the code (the QR code on the card opens the form directly)."""
    ingevuld = request.args.get("code")
    if ingevuld is not None:
        gevonden = vragenlijst.normaliseer_code(ingevuld)
        if len(gevonden) == vragenlijst.CODE_LENGTE:
            return redirect(url_for("vragenlijst.formulier", sleutel=gevonden, taal=request.args.get("taal")))
        return render_template("vragenlijst_code.html", b1=_b1(), code=ingevuld,
                               fout="Deze code klopt niet. Een code heeft 12 letters en cijfers, zoals "
                                    "ACDE-FGHJ-KMNP."), 400
    return render_template("vragenlijst_code.html", b1=_b1(), code="", fout=None)


def _ongeldig():
    return render_template("vragenlijst_ongeldig.html", b1=_b1()), 404


@bp.route("/vragenlijst/<sleutel>", methods=["GET", "POST"])
def formulier(sleutel: str):
    with _sessions()() as session:
        uitnodiging = vragenlijst.vind(session, sleutel)
        if uitnodiging is None:
            return _ongeldig()
        if request.method == "GET":
            return _formulier(sleutel, uitnodiging)
        waarden = {k: request.form.get(k, "") for k in (*STELLINGEN, "verbeterpunt")}
        try:
            antwoorden = vragenlijst.scores(request.form)
            vragenlijst.beantwoord(session, uitnodiging, antwoorden, _scrub(request.form.get("verbeterpunt", "")))
        except VragenlijstFout as fout:
            session.rollback()
            # Everything chosen and typed comes back: nothing is lost by one wrong field.
            return _formulier(sleutel, uitnodiging, fout=str(fout), waarden=waarden, status=400)
        b1 = _b1(uitnodiging)
        session.commit()
    log.info("Vragenlijst ingevuld")  # nothing about who: there is nothing to say
    return render_template("vragenlijst_bedankt.html", b1=b1)
