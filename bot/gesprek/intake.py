"""Understanding the inwoner's answers to the intake questions (wijk, preference, language, topic).

Every question can be skipped: the parsers return SKIP for "weet ik niet", "maakt niet uit" and the
like, a value when the answer is recognised, and None when it is not (the bot then asks again).
"""
from __future__ import annotations

import difflib
import re
from typing import Iterable

from bot.vocabulaire import ONDERWERPEN, TALEN

SKIP = "__overslaan__"
ONBEKEND = "onbekend"
GEEN_VOORKEUR = "geen_voorkeur"
NEDERLANDS = "nederlands"
# What a skipped question is stored as; matching reads each of these as "not known".
SKIP_VALUES = {"wijk": ONBEKEND, "onderwerp": ONBEKEND, "voorkeur_ondersteuner": GEEN_VOORKEUR,
               "taal": NEDERLANDS}

_SKIP_PHRASES = [
    "weet ik niet", "weet niet", "weetniet", "geen idee", "maakt niet uit", "maakt me niet uit", "maakt niks uit",
    "maakt niet zoveel uit", "boeit niet", "geen voorkeur", "sla over", "overslaan", "volgende", "liever niet",
    "zeg ik liever niet", "wil ik niet zeggen", "nvt", "n.v.t", "weet ik nog niet", "idk", "geen mening",
    "maakt mij niet uit", "om het even", "alles is goed", "maakt niet uit wie",
]


def _clean(text: str | None) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s'-]", " ", (text or "").lower())).strip()


def is_skip(text: str | None) -> bool:
    t = _clean(text)
    return t in {"weet niet", "geen", "nee", "niks", "-", "?"} or any(p in t for p in _SKIP_PHRASES)


def _fuzzy(text: str, options: Iterable[tuple[str, str]], cutoff: float = 0.8) -> str | None:
    """Find an option's key from its (key, name) pairs in free text, tolerating typos and word order."""
    t = _clean(text)
    if not t:
        return None
    names = {}
    for key, name in options:
        names[_clean(name)] = key
        names[_clean(key.replace("_", " "))] = key
    for name, key in sorted(names.items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"\b{re.escape(name)}\b", t):
            return key
    words = t.split()
    grams = words + [" ".join(words[i:i + 2]) for i in range(len(words) - 1)]
    for gram in grams:
        close = difflib.get_close_matches(gram, list(names), n=1, cutoff=cutoff)
        if close and len(gram) >= 4:
            return names[close[0]]
    return None


def parse_wijk(text: str | None, wijken: dict[str, str]) -> str | None:
    if text in wijken:  # a normalised entity value or a button payload
        return text
    if text == ONBEKEND or is_skip(text):
        return SKIP
    return _fuzzy(text, wijken.items())


_VRIJWILLIG = re.compile(r"vrij ?will|vrijwilig|vrijwiliger|ervaringsdeskundig|gewone burger|maatje")
_BEROEPS = re.compile(r"beroep|profes+ion|\bprof\b|betaald|hulpverlener|consulent|maatschappelijk werk|"
                      r"iemand van een organisatie|deskundige|expert")


def parse_voorkeur(text: str | None) -> str | None:
    if text in {"vrijwillig", "beroepsmatig", GEEN_VOORKEUR}:
        return text
    t = _clean(text)
    vrij, beroep = bool(_VRIJWILLIG.search(t)), bool(_BEROEPS.search(t))
    if vrij and not beroep:
        return "vrijwillig"
    if beroep and not vrij:
        return "beroepsmatig"
    if is_skip(text) or (vrij and beroep) or "allebei" in t or "beide" in t:
        return GEEN_VOORKEUR
    return None


_TAAL_VARIANTEN = {
    "arabic": "arabisch", "arab": "arabisch", "turkish": "turks", "turkce": "turks", "türkçe": "turks",
    "english": "engels", "polish": "pools", "polski": "pools", "oekraïens": "oekraiens", "ukrainian": "oekraiens",
    "tigrinja": "tigrinya", "eritrees": "tigrinya", "somali": "somalisch", "berbers": "tamazight",
    "marokkaans": "tamazight", "gebarentaal": "nederlandse_gebarentaal", "ngt": "nederlandse_gebarentaal",
    "russian": "russisch", "french": "frans", "german": "duits", "spanish": "spaans", "perzisch": "farsi",
    "afghaans": "dari", "koerdisch": "koerdisch", "kurdish": "koerdisch",
}
_NEDERLANDS = re.compile(r"\bnederlands\b|\bdutch\b|\bnl\b|^nee\b|^ja nederlands|gewoon nederlands|"
                         r"geen andere taal|alleen nederlands|geen (tolk|vertaling)")


def parse_taal(text: str | None) -> str | None:
    """A language besides Dutch, NEDERLANDS when Dutch is fine, SKIP, or None."""
    if text in TALEN or text == NEDERLANDS:
        return text
    t = _clean(text)
    for variant, key in _TAAL_VARIANTEN.items():
        if re.search(rf"\b{re.escape(variant)}\b", t):
            return key
    found = _fuzzy(t, TALEN.items(), cutoff=0.85)
    if found:
        return found
    if _NEDERLANDS.search(t):
        return NEDERLANDS
    if is_skip(text):
        return SKIP
    return None


def parse_onderwerp(text: str | None, levensdomein: str | None) -> str | None:
    opties = ONDERWERPEN.get(levensdomein or "", {})
    if text in opties:
        return text
    if text == ONBEKEND or is_skip(text):
        return SKIP
    # the button labels of both language levels
    return _fuzzy(text or "", [(key, label) for key, labels in opties.items() for label in labels])


_JA = re.compile(r"^(ja|jaa+|jawel|jazeker|ok|oke|oké|okay|prima|goed|is goed|dat mag|mag|akkoord|zeker|graag|yes|"
                 r"dat is goed|geen probleem|doe maar|prima hoor)\b")
_NEE = re.compile(r"^(nee|neen|nee+|liever niet|niet|no|nope|mag niet|dat mag niet|geen toestemming|"
                  r"ik wil dat niet|dat wil ik niet)\b")


def parse_ja_nee(text: str | None) -> str | None:
    """'ja', 'nee' or None for a yes/no question typed in words."""
    t = _clean(text)
    if _NEE.search(t):
        return "nee"
    if _JA.search(t):
        return "ja"
    return None


COORDINATOR = "coordinator"  # the inwoner leaves the choice of meedenker to the coordinator
_LAAT_KIEZEN = re.compile(r"co[oö]rdinator|jullie|kies (jij|u|maar)|laat .* kiezen|maakt niet uit|iedereen|maakt niks uit")


def parse_meedenker_keuze(text: str | None, shown: list[tuple[str, str, str]]) -> str | None:
    """A shown meedenker's sleutel, COORDINATOR, or None. `shown`: (sleutel, naam, organisatie)."""
    keys = {sleutel for sleutel, _, _ in shown}
    if text == COORDINATOR or text in keys:
        return text
    t = _clean(text)
    if is_skip(text) or _LAAT_KIEZEN.search(t):
        return COORDINATOR
    # "Olena" or "die van MEE": one word of a name or organisation is enough when only one meedenker has it
    words = set(t.split())
    hits = {s for s, n, o in shown if {w for w in _clean(f"{n} {o}").split() if len(w) >= 3} & words}
    if len(hits) == 1:
        return hits.pop()
    return _fuzzy(text or "", [(s, n) for s, n, _ in shown] + [(s, o) for s, _, o in shown])
