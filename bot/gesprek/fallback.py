"""Two-stage fallback: first ask to rephrase (with the four domains as buttons), then offer a person."""
from __future__ import annotations

from typing import Iterable

FALLBACK_INTENT = "nlu_fallback"


def fallback_stage(user_intents_newest_first: Iterable[str | None]) -> int:
    """Stage 2 when the message before this one was not understood either, else stage 1.

    A third miss in a row starts again at stage 1: the inwoner already got the phone number, and
    buttons are the most useful thing to show next.
    """
    misses = 0
    for intent in user_intents_newest_first:
        if intent != FALLBACK_INTENT:
            break
        misses += 1
    return 2 if misses % 2 == 0 else 1
