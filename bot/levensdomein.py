"""The four levensdomeinen of the intake and how NLU intents map onto them."""
from __future__ import annotations

from enum import Enum


class Levensdomein(str, Enum):
    WONEN = "wonen"
    WERK_INKOMEN = "werk_inkomen"
    JEUGD = "jeugd"
    WMO_AANVRAAG = "wmo_aanvraag"

    @property
    def intent(self) -> str:
        return f"vraag_{self.value}"

# Sub-topics that are not cliëntondersteuning by the gemeente but by someone else.
WLZ_ONDERWERPEN = {"wlz"}


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
