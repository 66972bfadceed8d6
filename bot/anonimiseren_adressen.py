"""Addresses in chat: a street and a house number ("Kerkstraat 12a", "van goghlaan 3-II").

A street is a name from the BAG list that deduce ships (read as a plain set: deduce's own street trie
costs half a gigabyte), or a word ending in a street suffix ("-straat", "-laan"), or any name-like
words after "ik woon op" / "adres:".
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from bot.anonimiseren_woorden import PRIO, Span, before, is_common_word, sentence_initial, wordfreq_nl

STREET_SUFFIXES = (
    "straat", "str", "laan", "weg", "plein", "gracht", "kade", "singel", "dijk", "dreef", "hof", "hofje", "pad",
    "park", "steeg", "baan", "markt", "wal", "erf", "veld", "plantsoen", "boulevard", "allee", "haven", "vaart",
    "ring", "dam", "akker", "weide", "gaarde", "brink", "kwartier", "kamp", "hoeve", "tuin", "promenade",
    "passage", "laantje", "straatje", "pleintje", "zijde", "heuvel", "burg", "oord", "horst", "dreve",
)
SUFFIX_RE = re.compile(r"(?i)^[\w'’.-]{2,}(?:%s)$" % "|".join(STREET_SUFFIXES))
STREET_TITLES = {
    "dr", "dr.", "prof", "prof.", "mr", "mr.", "burg", "burg.", "burgemeester", "st", "st.", "sint", "koningin",
    "koning", "prins", "prinses", "graaf", "gravin", "hertog", "kardinaal", "pastoor", "pater", "generaal",
    "admiraal", "president", "minister", "kapelaan", "ds", "ds.", "jhr", "ir", "ir.", "mgr", "mgr.",
}
PARTICLES = {"van", "de", "der", "den", "het", "'t", "t", "la", "le", "du", "ter", "ten", "te", "op", "in", "aan",
             "achter"}
HOUSE_NUMBER_RE = re.compile(
    r"(?<![\w.,/-])\d{1,5}(?:[A-Za-z](?![\w])|\s?-\s?(?:[A-Za-z]{1,3}|[IVX]{1,4}|\d{1,3})(?![\w])|"
    r"\s(?:hs|h|bis|huis|bg|rd|zw|boven|I{1,3}|[A-Z])(?![\w']))?(?![\w]|[.,/-]\d)")
WORD_BEFORE_RE = re.compile(r"[^\s,;:!?()\[\]]+$")
STREET_TOKEN_RE = re.compile(r"[^\W\d_][\w'’.-]*$")
ADDRESS_CUE_RE = re.compile(
    r"(?i)(?:\bwoon|\bwonen|\bwoont|\bwoonachtig|\badres|\bverhuisd\s+naar|\bnaar|\bzit(?:\s+nu)?(?:\s+tijdelijk)?)"
    r"(?:\s+(?:is|nu|al|nog|sinds\s+kort))*(?:\s*:)?(?:\s+(?:op|aan|in))?(?:\s+(?:de|het|'t))?\s*$")
NOT_STREET = {"nummer", "nr", "huisnummer", "groep", "artikel", "hoofdstuk", "pagina", "blz", "bus", "lijn", "kamer",
              "klas", "hoog", "week", "dag", "uur", "jaar", "maand", "leeftijd", "level", "niveau", "stap", "fase",
              "bijlage", "kind", "kinderen", "keer", "zoon", "dochter", "nr."}


def load_streets(lookup_src: Path) -> frozenset[str]:
    """deduce's BAG street names, lower case."""
    streets = set()
    for name in ("items.txt", "streets_bag.txt"):
        for line in (lookup_src / "locations" / "lst_street" / name).read_text(encoding="utf-8").splitlines():
            line = _norm_street(line)
            if line:
                streets.add(line)
    return frozenset(streets)


def _norm_street(s: str) -> str:
    return re.sub(r"\s+", " ", s.strip().lower().replace("’", "'").lstrip("'").replace('"', ""))


def _is_street(words: list[re.Match], text: str, streets: frozenset[str], cue: bool) -> bool:
    joined = _norm_street(" ".join(w.group() for w in words))
    last = words[-1].group()
    if last.lower().strip(".") in NOT_STREET or any(w.group().lower() in NOT_STREET for w in words):
        return False
    capitalised = last[0].isupper() and not (len(words) == 1 and sentence_initial(text, words[0].start()))
    if len(words) == 1 and wordfreq_nl(joined) >= 4.0 and not capitalised and not cue:
        return False  # "onderweg 3", "supermarkt 2": streets too, but far more often ordinary words
    if joined in streets or joined.rstrip(".") in streets:
        return True
    return len(words) == 1 and SUFFIX_RE.match(last) is not None


def find_addresses(text: str, streets: frozenset[str]) -> Iterator[Span]:
    for num in HOUSE_NUMBER_RE.finditer(text):
        words = _words_before(text, num.start(), limit=5)
        if not words:
            continue
        found = None
        for k in range(len(words), 0, -1):
            cue = ADDRESS_CUE_RE.search(before(text, words[-k].start())) is not None
            if _is_street(words[-k:], text, streets, cue=cue) and (k > 1 or words[-1].group().lower() not in PARTICLES):
                found = words[-k]
                break
        if found is None:
            found = _address_by_cue(text, words)
        if found is None:
            continue
        start = _extend_street_left(text, words, found)
        yield Span(start, num.end(), "ADRES", PRIO["ADRES"])


def _words_before(text: str, pos: int, limit: int) -> list[re.Match]:
    """Up to `limit` word tokens directly before pos, separated by single spaces only."""
    words: list[re.Match] = []
    end = pos
    while len(words) < limit:
        if end < 2 or text[end - 1] != " " or text[end - 2] == " ":
            break
        m = WORD_BEFORE_RE.search(text, max(0, end - 60), end - 1)
        if not m or not STREET_TOKEN_RE.match(m.group()) or any(c.isdigit() for c in m.group()):
            break
        words.insert(0, m)
        end = m.start()
    return words


def _address_by_cue(text: str, words: list[re.Match]) -> re.Match | None:
    """'ik woon op Hoogzand 44', 'adres: Zonnebloem 3': a cue makes any 1-3 name-like words a street."""
    for k in range(min(3, len(words)), 0, -1):
        first = words[-k]
        if not ADDRESS_CUE_RE.search(before(text, first.start())):
            continue
        tokens = [w.group() for w in words[-k:]]
        if all(_street_word(t) for t in tokens):
            return first
    return None


def _street_word(token: str) -> bool:
    low = token.lower()
    if low in NOT_STREET or low in PARTICLES:
        return False
    return token[0].isupper() or not is_common_word(low) or SUFFIX_RE.match(token) is not None


def _extend_street_left(text: str, words: list[re.Match], found: re.Match) -> int:
    """Take in 'Van', 'Burgemeester', 'P.C.' before a street word: 'Van Goghlaan 3-II'."""
    i = words.index(found)
    start = found.start()
    while i > 0:
        prev = words[i - 1].group()
        low = prev.lower()
        title = low in STREET_TITLES or re.fullmatch(r"(?:[a-z]\.){1,3}", low) is not None
        capital_particle = low in PARTICLES and prev[0].isupper() and not sentence_initial(text, words[i - 1].start())
        if not (title or capital_particle):
            break
        i -= 1
        start = words[i].start()
    return start
