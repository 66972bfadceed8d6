"""The four levensdomeinen of the intake and how NLU intents map onto them."""
from __future__ import annotations

from bot.vocabulaire import Levensdomein

__all__ = ["Levensdomein", "from_intent", "INTENTS"]

# intent -> levensdomein value, e.g. "vraag_wonen" -> "wonen"
INTENTS = {d.intent: d.value for d in Levensdomein}


def from_intent(intent: str | None) -> Levensdomein | None:
    for domein in Levensdomein:
        if domein.intent == intent:
            return domein
    return None
