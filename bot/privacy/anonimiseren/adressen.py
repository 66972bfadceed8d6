"""Addresses in chat: a street and a house number ("Kerkstraat 12a", "van goghlaan 3-II").

A street is a name from the BAG list that deduce ships (read as a plain set: deduce's own street trie
costs half a gigabyte), or a word ending in a street suffix ("-straat", "-laan"), or any name-like
words after "ik woon op" / "adres:".
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from bot.privacy.anonimiseren.woorden import PRIO, Span, before, is_common_word, sentence_initial, wordfreq_nl

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
    "admiraal", "president", "minister", "kapelaan", "ds", "ds.", "jhr", "ir", "ir.", "mgr", "mgr.", "jonkheer",
    "baron", "ridder", "hugo",
}
PARTICLES = {"van", "de", "der", "den", "het", "'t", "t", "la", "le", "du", "ter", "ten", "te", "op", "in", "aan",
             "achter"}
HOUSE_NUMBER_RE = re.compile(
    r"(?<![\w.,/-])\d{1,5}(?:(?:bis|hs|[A-Za-z])(?![\w])|\s?-\s?(?:[A-Za-z]{1,3}|[IVX]{1,4}|\d{1,3})(?![\w])|"
    r"\s(?:hs|h|bis|huis|bg|rd|zw|zwart|rood|boven(?!\s+(?:de|het|een|ons|mij|hem|haar|bij)\b)|I{1,3}|[A-Za-z])"
    r"(?![\w']))?(?![\w]|[.,/-]\d)")
WORD_BEFORE_RE = re.compile(r"[^\s,;:!?()\[\]]+$")
STREET_TOKEN_RE = re.compile(r"[^\W\d_][\w'’.-]*$")
ADDRESS_CUE_RE = re.compile(
    r"(?i)(?:\bwoon|\bwonen|\bwoont|\bwoonachtig|\badres|\bverhuisd\s+naar|\bnaar|\bzit(?:\s+nu)?(?:\s+tijdelijk)?)"
    r"(?:\s+(?:is|nu|al|nog|sinds\s+kort))*(?:\s*:)?(?:\s+(?:op|aan|in))?(?:\s+(?:de|het|'t))?\s*$")
# "kerkstraat op nummer 12", "Meeuwendreef nr. 112", "havenkade, huisnummer 3": the number announced.
NUMBER_WORD_RE = re.compile(r"(?i)(?:\s*,\s*|\s+)(?:op\s+)?(?:huis)?(?:nummer|nr\.?|no\.?)\s*$")
# "huisnummer 17 in de lindelaan": the number first, the street after it.
NUMBER_FIRST_RE = re.compile(
    r"(?i)\b(?:huis)?(?:nummer|nr\.?)\s+\d{1,5}(?:[a-z](?!\w)|-\w{1,3})?\s+(?:in|aan|op|van)\s+(?:de|het|'t)\s+"
    r"(?P<street>(?:[^\W\d_][\w'’.-]*\s){0,3}[^\W\d_][\w'’.-]*)")
YEAR_STREET_RE = re.compile(r"(?i)\b(?:laan|plein|straat|weg|kade|singel|park|dreef)\s+(?:19|20)\d\d(?:-(?:19|20)\d\d)?"
                            r"(?:\s*,)?\s+(?:(?:huis)?(?:nummer|nr\.?)\s+)?\d{1,5}[a-z]?(?!\w)")
# Words that start many street names: "Oude Gracht", "Lange Nieuwstraat", "Tweede Kruisstraat".
STREET_ADJECTIVES = {"oude", "nieuwe", "lange", "korte", "hoge", "lage", "grote", "kleine", "brede", "smalle",
                     "eerste", "tweede", "derde", "vierde", "oost", "west", "noord", "zuid", "binnen", "buiten",
                     "achter", "boven", "beneden", "sint", "oostelijke", "westelijke", "noordelijke", "zuidelijke"}
NOT_STREET = {"nummer", "nr", "huisnummer", "groep", "artikel", "hoofdstuk", "pagina", "blz", "bus", "lijn", "kamer",
              "klas", "hoog", "week", "dag", "uur", "jaar", "maand", "leeftijd", "level", "niveau", "stap", "fase",
              "bijlage", "kind", "kinderen", "keer", "zoon", "dochter", "nr.", "bsn", "postcode", "telefoon", "tel",
              "zaak", "dossier", "klant", "kenteken", "pc"}


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
    if len(words) == 2 and last[0].isupper() and last.lower() in STREET_SUFFIXES:
        first = words[0].group()  # "Oude Gracht", "Korte Laan": a bare street word after a capital or an adjective
        return first.lower() in STREET_ADJECTIVES or (first[0].isupper() and not is_common_word(first.lower()))
    return len(words) == 1 and SUFFIX_RE.match(last) is not None


def find_addresses(text: str, streets: frozenset[str]) -> Iterator[Span]:
    for num in HOUSE_NUMBER_RE.finditer(text):
        announced = NUMBER_WORD_RE.search(text, max(0, num.start() - 20), num.start())
        street_end = announced.start() if announced else num.start() - 1
        words = _words_ending_at(text, street_end, limit=5)
        if not words:
            continue
        found = None
        for k in range(len(words), 0, -1):
            cue = ADDRESS_CUE_RE.search(before(text, words[-k].start())) is not None
            if _is_street(words[-k:], text, streets, cue=cue) and (k > 1 or words[-1].group().lower() not in PARTICLES):
                found = words[-k]
                # "op de Kloosterhof 2": the BAG lists "De Kloosterhof", but a lower-case article is the sentence's
                if k > 1 and found.group() in ("de", "het") and _is_street(words[-k + 1:], text, streets, cue=True):
                    found = words[-k + 1]
                break
        if found is None:
            found = _address_by_cue(text, words, announced=announced is not None)
        if found is None:
            continue
        start = _extend_street_left(text, words, found)
        yield Span(start, num.end(), "ADRES", PRIO["ADRES"])
    for m in YEAR_STREET_RE.finditer(text):  # "Laan 1940-1945 nr 12", "Plein 1944 nummer 7"
        yield Span(m.start(), m.end(), "ADRES", PRIO["ADRES"])
    for m in NUMBER_FIRST_RE.finditer(text):
        street = list(re.finditer(r"\S+", m.group("street")))
        for k in range(len(street), 0, -1):
            tokens = [w.group() for w in street[:k]]
            if SUFFIX_RE.match(tokens[-1]) or _norm_street(" ".join(tokens)) in streets:
                yield Span(m.start(), m.start("street") + street[k - 1].end(), "ADRES", PRIO["ADRES"])
                break


def _words_ending_at(text: str, end: int, limit: int) -> list[re.Match]:
    """Up to `limit` word tokens, the last one ending at `end`, separated by single spaces only."""
    words: list[re.Match] = []
    while len(words) < limit:
        m = WORD_BEFORE_RE.search(text, max(0, end - 60), end)
        if not m or m.end() != end or not STREET_TOKEN_RE.match(m.group()) or any(c.isdigit() for c in m.group()):
            break
        words.insert(0, m)
        end = m.start() - 1
        if end < 1 or text[end] != " " or text[end - 1] == " ":
            break
    return words


def _address_by_cue(text: str, words: list[re.Match], announced: bool = False) -> re.Match | None:
    """'ik woon op Hoogzand 44', 'adres: Zonnebloem 3': a cue makes any 1-3 name-like words a street; so does
    an announced number right after them ("Tolhuisweg op nummer 7")."""
    for k in range(min(3, len(words)), 0, -1):
        first = words[-k]
        cued = ADDRESS_CUE_RE.search(before(text, first.start())) is not None
        if not announced and not cued:
            continue
        tokens = [w.group() for w in words[-k:]]
        if all(_street_word(t) for t in tokens) and (not announced or cued or _named_street(tokens)):
            return first
    return None


def _named_street(tokens: list[str]) -> bool:
    """Without "ik woon", a word before "nummer" is a street only when it looks like one: "Tolhuisweg",
    "Havenkade" (not "bsn nummer 235", "cp nummer 33")."""
    return SUFFIX_RE.match(tokens[-1]) is not None or all(t[0].isupper() for t in tokens)


def _street_word(token: str) -> bool:
    low = token.lower()
    if low in NOT_STREET or low in PARTICLES:
        return False
    return token[0].isupper() or not is_common_word(low) or SUFFIX_RE.match(token) is not None


def _extend_street_left(text: str, words: list[re.Match], found: re.Match) -> int:
    """Take in 'Van', 'Burgemeester de', 'P.C.', 'Lange', 'Jan Pieterszoon' before a street word."""
    i = words.index(found)
    start = found.start()
    while i > 0:
        prev = words[i - 1].group()
        low = prev.lower()
        title = low in STREET_TITLES or re.fullmatch(r"(?:[a-z]\.){1,3}", low) is not None
        initial = sentence_initial(text, words[i - 1].start())
        capital_particle = low in PARTICLES and prev[0].isupper() and not initial
        # "Burgemeester de Vlugtlaan": a lower-case particle between a title and the street
        titled_particle = low in PARTICLES and i > 1 and words[i - 2].group().lower() in STREET_TITLES
        capital_word = prev[0].isupper() and not initial and low not in PARTICLES and found.group()[0].isupper()
        if not (title or capital_particle or titled_particle or capital_word or low in STREET_ADJECTIVES):
            break
        i -= 1
        start = words[i].start()
    return start
