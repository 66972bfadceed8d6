"""Readability measures for the bot's Dutch texts (B1 checks and the README figures).

Flesch-Douma is Flesch reading ease with Douma's constants for Dutch (206.84 - 0.93*ASL - 77*ASW),
which `textstat` uses for language "nl"; word frequency comes from `wordfreq` (Zipf scale, 3 = once
per million words).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import mean

import textstat
import wordfreq

from bot.gesprek import teksten

textstat.set_lang("nl")

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*", re.UNICODE)
_URLISH = re.compile(r"\S+\.(?:nl|example|com|org)\S*|\S+@\S+")
_NUMBERISH = re.compile(r"\b\d[\d .:-]*\d\b|\b\d\b")

COMMON_ZIPF = 3.0

# Terms a B1 text may use although they are rare, because the bot explains them.
B1_GLOSSARY = {
    "meedenker": "met u meedenkt",
    "wmo": "wet",
    "wlz": "zorg",
    "zorgkantoor": "regelt die zorg",
    "luisterlijn": "om te praten",
    "bsn": None,  # asked not to type it; the term is the one on their letters
}

# Words that only occur inside those explanations.
_EXPLANATION_WORDS = {"meedenkt": "meedenker"}


def glossary_term(word: str) -> str | None:
    """The glossary term a (possibly plural) word belongs to, if any."""
    w = word.lower()
    for candidate in (w, w.removesuffix("s"), _EXPLANATION_WORDS.get(w)):
        if candidate in B1_GLOSSARY:
            return candidate
    return None


EXAMPLE_SLOTS = {
    "gemeente_naam": "Lindeveld",
    "gemeente_telefoon": "14 0123",
    "gemeente_website": "www.lindeveld.example",
    "meedenkers_telefoon": "0123 456 700",
    "meedenkers_email": "meedenkers@lindeveld.example",
    "meedenkers_spreekuur": "op dinsdag van 9 tot 12 uur in het wijkpunt",
    "bewaartermijn_dagen": "30",
    "reactietijd": "twee werkdagen",
    # values of a handover confirmation
    "wie": "Anna de Vries van Welzijn Lindeveld",
    "moment": "'s ochtends",
    # for whom the inwoner asks, and the other levensdomein of a second question
    "persoon": "uw moeder",
    "domein": "geld of werk",
    # values of one meedenker in utter_meedenker_optie
    "naam": "Anna de Vries",
    "soort": "vrijwilliger",
    "organisatie": "Welzijn Lindeveld",
    "intro": "Ik help u graag met brieven.",
    "talen": "",
    "contact": "Bel 0123 456 701.",
}


def fill(text: str, values: dict[str, str] = EXAMPLE_SLOTS) -> str:
    return teksten.fill(text, values)


def _prose(text: str) -> str:
    """Text without addresses and numbers, which readability formulas would miscount."""
    return _NUMBERISH.sub("", _URLISH.sub("", text))


def sentences(text: str) -> list[str]:
    return [s for s in (p.strip() for p in _SENTENCE_END.split(text)) if _WORD.search(s)]


def words(text: str) -> list[str]:
    return _WORD.findall(_prose(text))


def mean_sentence_length(text: str) -> float:
    parts = sentences(text)
    return mean(len(words(s)) for s in parts) if parts else 0.0


def flesch_douma(text: str) -> float:
    return float(textstat.flesch_reading_ease(_prose(text)))


def rare_words(text: str, threshold: float = COMMON_ZIPF) -> list[str]:
    return [w for w in words(text) if wordfreq.zipf_frequency(w.lower(), "nl") < threshold]


def common_share(text: str, threshold: float = COMMON_ZIPF) -> float:
    ws = words(text)
    return 1 - len(rare_words(text, threshold)) / len(ws) if ws else 1.0


@dataclass
class Figures:
    texts: int
    mean_sentence_length: float
    flesch_douma: float
    common_share: float


def figures(texts: list[str]) -> Figures:
    filled = [fill(t) for t in texts]
    return Figures(
        texts=len(filled),
        mean_sentence_length=mean(mean_sentence_length(t) for t in filled),
        flesch_douma=mean(flesch_douma(t) for t in filled),
        common_share=mean(common_share(t) for t in filled),
    )
