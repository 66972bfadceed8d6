"""The four levensdomeinen of the intake and how NLU intents map onto them."""
from __future__ import annotations

from bot.vocabulaire import WLZ_ONDERWERPEN, Levensdomein


def from_intent(intent: str | None) -> Levensdomein | None:
    for domein in Levensdomein:
        if domein.intent == intent:
            return domein
    return None


def responses_for(domein: Levensdomein, onderwerp: str | None) -> list[str]:
    """Names of the responses that answer a question in this domain, in order."""
    names = [f"utter_erkenning_{domein.value}", f"utter_meedenker_{domein.value}"]
    if onderwerp in WLZ_ONDERWERPEN:
        names.append("utter_wlz_zorgkantoor")
    names.append("utter_vraag_meedenker")
    return names
