"""Understanding the inwoner's answers to the bot's questions, typed in their own words or clicked.

Every question can be skipped: the parsers return SKIP for "weet ik niet", "maakt niet uit" and the
like, a value when the answer is recognised, and None when it is not (the bot then asks once more, and
the second time moves on).
"""
from __future__ import annotations

import re

from bot.gesprek.herkennen import fuzzy, noemt_nederlands, onderwerpen_in, schoon, talen_in, wijk_in
from bot.vocabulaire import ONDERWERPEN, TALEN

SKIP = "__overslaan__"
ONBEKEND = "onbekend"
GEEN_VOORKEUR = "geen_voorkeur"
NEDERLANDS = "nederlands"
# What a skipped question is stored as; matching reads each of these as "not known".
SKIP_VALUES = {"wijk": ONBEKEND, "onderwerp": ONBEKEND, "voorkeur_ondersteuner": GEEN_VOORKEUR,
               "taal": NEDERLANDS}

_SKIP = re.compile(
    r"\b(weet (ik |het |ik het )?(echt )?(niet|nog niet)|weetniet|geen idee|geen flauw idee|(maakt|boeit) (me |mij |mi |ons )?"
    r"(echt |helemaal |eigenlijk )?(niet|niks|niets|geen bal)( zoveel| zo veel| veel)? uit|boeit (me |mij )?(echt |helemaal )?(niet|niks)|"
    r"geen voorkeur|sla (maar )?over|overslaan|volgende|liever niet|zeg ik liever niet|wil ik niet zeggen|nvt|"
    r"n v t|idk|geen mening|om het even|alles is goed|maakt niet uit wie|egal|doesnt matter|dont know|"
    r"no preference|whatever|weiss (ich )?nicht|keine ahnung|ne znayu|maakt niet uit)\b")


def is_skip(text: str | None) -> bool:
    t = schoon(text)
    return t in {"-", "?", "nee", "no", "geen", "niks", "niets", "nvt"} or bool(_SKIP.search(t))


def parse_wijk(text: str | None, wijken: dict[str, str]) -> str | None:
    if text in wijken:  # a normalised entity value or a button payload
        return text
    if text == ONBEKEND:
        return SKIP
    # a wijk named wins over "weet ik niet": "weet ik niet, hij staat meestal bij het station in het centrum"
    found = wijk_in(text, wijken)
    if found:
        return found
    return SKIP if is_skip(text) else None


_VRIJWILLIG = r"(vrij ?will\w*|vrijwilig\w*|vrijwiliger\w*|ervaringsdeskundig\w*|gewone burger|maatje|volunteer\w*|ehrenamt\w*)"
_BEROEPS = (r"(beroeps\w*|profes+ion\w*|prof|betaald\w*|hulpverlener\w*|consulent\w*|maatschappelijk werk\w*|"
            r"iemand van een organisatie|deskundig\w*|expert\w*|(voor|als) (zijn|haar|hun)? ?werk doet|als werk doet|"
            r"dit als werk|(daar|ervoor|er voor|voor) (\w+ )?geleerd|opgeleid\w*|verstand (van|heeft|heeft van)|"
            r"ervaring (in|met) de|kennis van|gestudeerd|fachkraft|beruf\w*|juridisch|"
            # "iemand uit het vak", "die het vak kent", "met verstand van zaken", "die de weg kent bij ..."
            r"(uit|van) het vak|het vak (kent|verstaat)|vak ?(man|vrouw|mensen|kundig\w*)|verstand van zaken|"
            r"(weet|weten) hoe (dit|dat|het) (gaat|werkt)|(de )?weg (kent|weet)|professional\w*|"
            r"(does|do) (this|it) (for a living|as (a|their) job)|trained|qualified)")
_LIEVER = r"(liever|liefst|het liefst|graag|doe maar|doet u maar|prefer|voorkeur voor|rather)"
_NEGATIE = r"(geen|niet|no|not|kein\w*|nicht)"


def parse_voorkeur(text: str | None) -> str | None:
    """'vrijwillig', 'beroepsmatig', GEEN_VOORKEUR or None. Understands negations ("geen vrijwilliger"), a stated
    preference among both ("liever een vrijwilliger, beroepskrachten heb ik genoeg gezien") and descriptions
    ("iemand die daar voor geleerd heeft")."""
    if text in {"vrijwillig", "beroepsmatig", GEEN_VOORKEUR}:
        return text
    t = schoon(text)
    kinds = {"vrijwillig": _VRIJWILLIG, "beroepsmatig": _BEROEPS}
    wanted, refused = set(), set()
    for kind, words in kinds.items():
        for match in re.finditer(rf"\b{words}\b", t):
            before = t[:match.start()].split()[-3:]
            (refused if any(re.fullmatch(_NEGATIE, w) for w in before) else wanted).add(kind)
    if len(wanted) == 2 and re.search(r"\b(of|or|oder)\b", t) and is_skip(text):
        return GEEN_VOORKEUR  # "vrijwilliger of beroeps maakt niet uit"
    for kind, words in kinds.items():
        if re.search(rf"\b{_LIEVER}\b (\w+ ){{0,4}}{words}", t) and kind in wanted:
            return kind
    wanted -= refused
    if len(wanted) == 1 and not re.search(r"\b(of|or|oder)\b.*\b(maakt|boeit|egal)\b", t):
        return wanted.pop()
    if refused and not wanted and len(refused) == 1:
        return "beroepsmatig" if "vrijwillig" in refused else "vrijwillig"
    if is_skip(text) or len(wanted) == 2 or re.search(r"\b(allebei|beide|both|beides)\b", t):
        return GEEN_VOORKEUR
    return None


_NEDERLANDS_GOED = re.compile(r"^(nee|nope|no|neen)\b|\b(nederlands|dutch|nl)\b|\bgeen (andere taal|tolk|vertaling)\b|"
                              r"\b(gaat|is) (prima|goed)\b")


def parse_taal(text: str | None) -> str | None:
    """A language besides Dutch (named anywhere in the answer), NEDERLANDS when Dutch is fine ("nee hoor",
    "nederlands is prima"), SKIP, or None."""
    if text in TALEN or text == NEDERLANDS:
        return text
    found = talen_in(text)
    if found:
        return found[0]
    t = schoon(text)
    close = fuzzy(t, TALEN.items(), cutoff=0.85)
    if close:
        return close
    if noemt_nederlands(text) or _NEDERLANDS_GOED.search(t):
        return NEDERLANDS
    if is_skip(text):
        return SKIP
    return None


def parse_onderwerp(text: str | None, levensdomein: str | None) -> str | None:
    """A sub-topic of this domain: the button, a label of either language level, or the inwoner's own words
    when they name exactly one sub-topic ("vocht in mijn huis" -> overlast)."""
    opties = ONDERWERPEN.get(levensdomein or "", {})
    if text in opties:
        return text
    if text == ONBEKEND:
        return SKIP
    labels = [(key, label) for key, labels in opties.items() for label in labels]
    t = schoon(text)
    for key, label in labels:  # a label typed or pasted, whole
        if schoon(label) == t:
            return key
    found = onderwerpen_in(text, levensdomein)
    if len(found) == 1 or (found and found[0] in ("wlz", "bezwaar")):
        return found[0]
    close = fuzzy(text or "", labels, cutoff=0.85) if not found else None
    if close:
        return close
    if found:
        return found[0]  # several named: the one its button lists first is as good a guess as any
    if is_skip(text):
        return SKIP
    return None


_JA = re.compile(r"\b(ja+|jawel|jazeker|ok|oke|okay|okee|prima|goed|akkoord|zeker|graag|yes|yep|yeah|sure|da|si|"
                 r"oui|doe maar|is goed|dat mag|mag wel|best|waarom niet|einverstanden|gerne|ok[eé]|tuurlijk|"
                 r"natuurlijk|alsjeblieft|alstublieft|please|fijn|helpen|top)\b")
_NEE = re.compile(r"\b(nee+|neen|nope|no|nein|liever niet|niet nodig|hoeft niet|laat maar|geen toestemming|"
                  r"ik wil (dat|het) niet|dat wil ik niet|mag niet|niet doen|doe ik (het )?liever niet|"
                  r"ik ga het zelf|zelf uitzoeken|niet doorgeven|niet doorsturen)\b")


def parse_ja_nee(text: str | None) -> str | None:
    """'ja', 'nee' or None for a yes/no question typed in words: "als het een echt mens is wel ja", "mwah ok",
    "Hmm nee, dan laat maar"."""
    t = schoon(text)
    if not t:
        return None
    if _NEE.search(t) and not re.search(r"\bnee hoor,? (prima|goed|graag)\b", t):
        return "nee"
    if _JA.search(t):
        return "ja"
    return None


COORDINATOR = "coordinator"  # the inwoner leaves the choice of meedenker to the coordinator
_LAAT_KIEZEN = re.compile(r"co[oö]rdinat\w*|koordinator|jullie|kies (jij|u|maar)|kiest u|jij (mag )?kiest|"
                          r"jij mag|u mag|laat .* kiezen|maakt niet uit|iedereen|maakt niks uit|wie het eerst|"
                          r"egal|whoever|anyone|you choose|you pick|doet u maar|doe maar|"
                          # a description of who ("degene met ervaring met autisme"): the coordinator matches it
                          r"\b(degene|diegene|iemand|die) met (de meeste |veel )?([\w-]+[ -]?)?(ervaring|kennis|verstand)|the one with")
_RANG = {"eerste": 0, "1e": 0, "1": 0, "first": 0, "tweede": 1, "2e": 1, "2": 1, "second": 1, "derde": 2, "3e": 2,
         "3": 2, "third": 2, "vierde": 3, "4e": 3, "4": 3, "fourth": 3, "laatste": -1, "last": -1}
_SOORT = {"vrijwillig": re.compile(rf"\b{_VRIJWILLIG}\b"), "beroepsmatig": re.compile(rf"\b{_BEROEPS}\b")}


def parse_meedenker_keuze(text: str | None, shown: list[tuple[str, str, str]],
                          soorten: dict[str, str] | None = None) -> str | None:
    """A shown meedenker's sleutel, COORDINATOR ("coordinator:vrijwillig" when the inwoner named a kind of which
    several were shown), or None. `shown`: (sleutel, naam, organisatie) in the order they were shown; `soorten`:
    sleutel -> vrijwillig | beroepsmatig, for "de vrijwilliger"."""
    keys = [sleutel for sleutel, _, _ in shown]
    if text == COORDINATOR or text in keys:
        return text
    t = schoon(text)
    words = set(t.split())
    # "Olena" or "die van MEE": one word of a name or organisation is enough when only one meedenker has it
    hits = {s for s, n, o in shown if {w for w in schoon(f"{n} {o}").split() if len(w) >= 3} & words}
    if len(hits) == 1:
        return hits.pop()
    for word, index in _RANG.items():
        if word in words and keys and -len(keys) <= index < len(keys):
            return keys[index]
    if soorten:
        for soort, regex in _SOORT.items():
            if regex.search(t):
                of_kind = [k for k in keys if soorten.get(k) == soort]
                if len(of_kind) == 1:
                    return of_kind[0]
                if of_kind:  # "de vrijwilliger" among several: the coordinator picks one of that kind
                    return f"{COORDINATOR}:{soort}"
    if is_skip(text) or _LAAT_KIEZEN.search(t):
        return COORDINATOR
    return fuzzy(text or "", [(s, n) for s, n, _ in shown] + [(s, o) for s, _, o in shown])
