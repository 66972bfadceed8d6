"""Shared pieces of the anonymiser: spans, priorities, and what counts as an ordinary word."""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import wordfreq

SOORTEN = ("NAAM", "TELEFOON", "BSN", "IBAN", "EMAIL", "ADRES", "POSTCODE", "DATUM", "NUMMER", "KENTEKEN")


class Span(NamedTuple):
    start: int
    end: int
    soort: str | None  # None: keep this text, and let no other span overlap it
    prio: int


# Higher wins an overlap. Keeps sit above the finders they must block.
PRIO = {"TAG": 100, "EMAIL": 95, "IBAN": 90, "PUBLIC_PHONE": 86, "TELEFOON": 85, "BSN": 80, "DATUM": 75,
        "POSTCODE": 70, "KENTEKEN": 68, "ADRES": 65, "NUMMER_KEYWORD": 60, "AMOUNT": 55, "ORGANISATIE": 50, "NAAM": 40,
        "NUMMER": 30}


@lru_cache(maxsize=200_000)
def wordfreq_nl(word: str) -> float:
    return wordfreq.zipf_frequency(word, "nl")


@lru_cache(maxsize=200_000)
def is_common_word(word: str) -> bool:
    """An ordinary Dutch or English word rather than a name, judged by wordfreq's frequencies.

    Names are frequent across languages; Dutch words are much more frequent in Dutch than in English.
    Dutch compounds are often too rare for wordfreq ("statushouder"), so two common parts count too.
    """
    nl = wordfreq_nl(word)
    en = wordfreq.zipf_frequency(word, "en")
    if nl >= 4.5 or (nl >= 2.0 and nl >= en + 1.0) or (en >= 3.3 and en >= nl + 1.0) or en >= 4.5:
        return True
    return _dutch_compound(word)


def _dutch_compound(word: str) -> bool:
    for i in range(3, len(word) - 2):
        head, tail = word[:i], word[i:]
        if len(tail) >= 4 and wordfreq_nl(tail) >= 3.0 and any(
                wordfreq_nl(h) >= 3.0 for h in (head, head[:-1] if head.endswith("s") else None) if h):
            return True
    return False


def before(text: str, pos: int, width: int = 80) -> str:
    """The text just before pos: cues are near, and slicing all of a long message per token is quadratic."""
    return text[max(0, pos - width):pos]


def sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i < 0 or text[i] in ".!?:;\"'("
