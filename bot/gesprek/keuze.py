"""How a choice of meedenkers is put to the inwoner: which texts, with which values."""
from __future__ import annotations

import itertools
import random

from bot.gesprek.intake import SKIP_VALUES
from bot.gesprek.taalniveau import B1
from bot.netwerk.matching import Keuze, Optie, Vraag
from bot.netwerk.netwerk import MeedenkerRecord
from bot.vocabulaire import SOORT_LABELS, SOORTEN, TALEN, WLZ_ONDERWERPEN

# Fair rotation: every process starts somewhere random and then takes turns.
_rotation = itertools.count(random.randrange(10_000))


def next_rotation() -> int:
    return next(_rotation)


def vraag_from_slots(slots: dict) -> Vraag | None:
    def known(value):
        return None if value in (None, "", *SKIP_VALUES.values()) else value

    domein = slots.get("levensdomein")
    if not domein:
        return None
    return Vraag(levensdomein=domein, onderwerp=known(slots.get("onderwerp")),
                 doelgroep=known(slots.get("doelgroep")), wijk=known(slots.get("wijk")),
                 voorkeur=known(slots.get("voorkeur_ondersteuner")),
                 taal=known(slots.get("taal")))


def contact_text(m: MeedenkerRecord) -> str:
    parts = []
    if m.telefoon:
        parts.append(f"Bel {m.telefoon}")
    if m.email:
        parts.append(f"Mail {m.email}")
    if m.spreekuur:
        parts.append(f"Spreekuur: {m.spreekuur}")
    return ". ".join(parts) + "."


def optie_values(optie: Optie, taalniveau: str, taal: str | None = None) -> dict:
    """Template values for utter_meedenker_optie, and a structured card for the web widget."""
    m = optie.meedenker
    b1 = taalniveau == B1
    values = {
        "naam": m.naam,
        "organisatie": m.organisatie,
        "soort": SOORT_LABELS[m.soort][1] if b1 else SOORTEN[m.soort],
        "intro": m.intro_b1 if b1 else m.intro,
        "contact": contact_text(m),
        # only the language the inwoner asked for; intros often mention languages themselves
        "talen": f" Spreekt {TALEN[taal]}." if optie.spreekt_taal and taal in TALEN else "",
    }
    card = {"type": "meedenker", "sleutel": m.sleutel, "naam": m.naam, "organisatie": m.organisatie,
            "soort": m.soort, "intro": values["intro"], "telefoon": m.telefoon, "email": m.email,
            "spreekuur": m.spreekuur, "talen": sorted(m.talen)}
    return {"values": values, "card": card}


def responses_for_choice(keuze: Keuze, vraag: Vraag) -> list[str]:
    """Names of the responses around the options, in order (the options themselves come between)."""
    before = ["utter_keuze_intro"]
    if keuze.voorkeur_niet_beschikbaar:
        before.append("utter_keuze_voorkeur_niet_beschikbaar")
    elif keuze.voorkeur_aangevuld:
        before.append("utter_keuze_aangevuld")
    if keuze.taal_niet_beschikbaar:
        before.append("utter_keuze_taal_niet_beschikbaar")
    after = []
    if keuze.beide_soorten:
        after.append("utter_verschil_soorten")
    after.append("utter_keuzevrijheid")
    if vraag.onderwerp in WLZ_ONDERWERPEN:
        after.append("utter_wlz_zorgkantoor")
    after.append("utter_na_keuze")
    return before + ["<opties>"] + after
