"""What a free-text message tells besides its intent: the sub-topic, the wijk, a language, a doelgroep, for whom
the question is, whether the inwoner asks to be contacted, and whether they sound overburdened.

Word lists, not a model: the same lists serve the NLU's entity extractor (`bot.rasa_adapters.nlu`) and the
dialogue (`bot.gesprek.gespreksleider`), so what the NLU marks and what the conversation understands cannot
drift apart. Every finder returns None when the text does not clearly say it: guessing would mean asking less
and knowing less.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable

from bot.vocabulaire import ALLE_ONDERWERPEN, HOOFDONDERWERP, NAMENS, ONDERWERPEN, TALEN


def schoon(text: str | None) -> str:
    """Lower case, accents folded, punctuation to spaces: 'Oekraïens!' -> 'oekraiens'."""
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^\w\s@+'-]", " ", text).replace("'", "")
    return re.sub(r"\s+", " ", text).strip()


def _woorden(patronen: Iterable[str]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(patronen) + r")\b")


# --- sub-topics -----------------------------------------------------------------------------------------------
# Per sub-topic the words people use for it (after `schoon`); several sub-topics in one message mean the bot asks.
_ONDERWERP_WOORDEN: dict[str, list[str]] = {
    # wonen
    "huurachterstand": [r"huur ?achterstand\w*", r"achter (sta |staan )?met (de|mijn|mn|haar|zijn) huur",
                        r"huur\w* (niet|nooit) (meer )?(kunnen |kan |kon )?(betaal\w*|op tijd)",
                        r"huur (\w+ )?achter", r"huurschuld\w*", r"achterstand (met|in|op) de huur",
                        r"huur is niet betaald", r"geld betalen voor de huur", r"betaalt (haar|zijn|de) huur niet",
                        r"huur niet betaald", r"loop achter met de huur"],
    "uitzetting": [r"uitzet\w*", r"uit ?gezet", r"eruit (ge)?zet\w*", r"uit (mijn |ons |het )?huis (ge)?zet\w*",
                   r"ontruim\w*", r"(huis|woning|kamer) uit moet", r"moet (\w+ ){0,3}(het|mijn|ons) huis uit",
                   r"moet (\w+ ){0,2}weg uit (mijn|de|het|ons) (huis|kamer|woning)", r"kamer kwijt",
                   r"huis kwijt", r"woning kwijt", r"(leave|lose) (my|the) (room|house|home)", r"vonnis"],
    "woning_zoeken": [r"(ander|nieuw|groter|kleiner|eigen|passend|goedkoper)e? (huis|woning|huurhuis|huisje)",
                      r"(huis|woning|huurhuis|kamer|seniorenwoning) (zoeken|vinden|krijgen)",
                      r"zoek\w* (een )?(\w+ )?(huis|woning|huurhuis|kamer|seniorenwoning)", r"urgentie\w*",
                      r"seniorenwoning", r"gelijkvloers\w*", r"kleiner (gaan )?wonen", r"verhuiz\w*",
                      r"ingeschreven", r"woningnet", r"sociale huur\w*", r"(huis|woning) zonder trap"],
    "dakloos": [r"dakloos\w*", r"thuisloos\w*", r"geen dak", r"geen (eigen )?(huis|woning|woonplek|slaapplek)",
                r"geen (vaste )?(woonplek|verblijfplaats|plek om te slapen)", r"op straat", r"slaap\w* (nu )?in (mijn|zijn|haar|de) auto",
                r"nachtopvang", r"daklozenopvang", r"bank ?slap\w*", r"slaap\w* bij vrienden", r"zwerf\w*"],
    "overlast": [r"overlast", r"herrie", r"lawaai", r"geluidsoverlast", r"schimmel\w*", r"vocht\w*", r"lekkage",
                 r"ongedierte", r"kakkerlak\w*", r"muizen", r"ratten", r"onveilig\w* (in )?(huis|woning|buurt)",
                 r"niet (meer )?veilig in (mijn|ons) (eigen )?huis", r"ongezond\w* huis", r"buren",
                 r"bovenburen", r"onderburen", r"achterstallig onderhoud", r"tocht"],
    "beschermd_wonen": [r"beschermd\w* (wonen|woonvorm)", r"begeleid wonen", r"zelfstandig (gaan )?wonen",
                        r"op (mezelf|mijzelf|zichzelf) (gaan )?wonen", r"beschermde woonvorm", r"woonvorm",
                        r"instelling"],
    # werk en inkomen
    "schulden": [r"schuld\w*", r"deurwaarder\w*", r"incasso\w*", r"aanmaning\w*", r"beslag\w*", r"lening\w*",
                 r"klarna", r"rood staan", r"budgetbeheer", r"bewindvoer\w*", r"schuldsanering", r"wsnp",
                 r"debts?"],
    "rekeningen": [r"rekening\w*", r"energierekening\w*", r"(energie|telefoon|gas|stroom|zorgverzekering) (niet )?(kan |kunnen )?(betal\w*)",
                   r"geld (is )?(altijd )?op", r"(kom|komen) (niet|nooit) rond", r"niet rond ?komen",
                   r"boodschappen", r"eind van de maand", r"vaste lasten"],
    "uitkering": [r"uitkering\w*", r"bijstand\w*", r"\bww\b", r"wajong\w*", r"uwv", r"wia", r"ziektewet",
                  r"participatiewet", r"geen inkomen", r"geen geld (meer )?binnen", r"arbeidsongeschikt\w*",
                  r"(her)?keuring", r"aow"],
    "toeslagen": [r"toeslag\w*", r"huurtoeslag", r"zorgtoeslag", r"kinderopvangtoeslag", r"kindgebonden budget",
                  r"belastingdienst"],
    "werk_zoeken": [r"werk (zoeken|vinden)", r"(zoek|vind)\w* (\w+ )?werk", r"baan\w*", r"sollicit\w*",
                    r"re-?integratie\w*", r"werktraject\w*", r"werk ?ervaringsplaats", r"beschut werk",
                    r"geen diploma", r"werkloos", r"ontslag\w*", r"(wil|willen|kan) (niet )?(gaan )?werken",
                    r"aan het werk", r"job"],
    # jeugd
    "opvoeding": [r"opvoed\w*", r"driftbui\w*", r"(ruzie|ruzies) (met|thuis)", r"luistert niet", r"grenzen",
                  r"puber\w*", r"omgang\w*", r"scheiding"],
    "school": [r"school\w*", r"leerplicht\w*", r"passend onderwijs", r"thuiszit\w*", r"klas", r"gepest",
               r"pesten", r"spijbel\w*", r"verzuim"],
    "jeugdhulp": [r"hulp (voor|aan|bij) (\w+ )?(kind|kinderen|zoon|dochter|kleinzoon|kleindochter|haar|hem|mezelf|mij)",
                  r"jeugdhulp", r"jeugdzorg", r"jeugdwet", r"wachtlijst\w*", r"somber\w*", r"psychisch\w*",
                  r"depressie\w*", r"therapie", r"psycholoog", r"jeugd-?ggz", r"adhd", r"autisme"],
    "overgang_18": [r"(wordt|word|worden) (\w+ ){0,3}18", r"bijna 18", r"18 jaar", r"18\+", r"18-", r"meerderjarig\w*",
                    r"achttien"],
    # wmo-aanvraag
    "huishoudelijke_hulp": [r"huishoud\w*", r"schoonma\w*", r"schoon ?houden", r"poetsen", r"strijken",
                            r"hulp in (de )?huis", r"huis (niet meer )?(schoon|bijhouden)", r"boodschappen doen"],
    "begeleiding": [r"begeleiding", r"dagbesteding", r"dagopvang", r"structuur", r"post en afspraken",
                    r"hulp bij (mijn |de )?(post|administratie|afspraken)", r"ambulant\w*"],
    "hulpmiddelen": [r"hulpmiddel\w*", r"rolstoel\w*", r"scootmobiel\w*", r"rollator\w*", r"traplift\w*",
                     r"woningaanpassing\w*", r"aanpassing\w* (in|aan) (het|mijn|ons) huis", r"drempel\w*",
                     r"douche\w*", r"inloopdouche", r"tillift", r"wheelchair", r"badkamer", r"deurbel",
                     r"rookmelder", r"(changes|adjustments) (to|in) (the|our|my) (house|home)"],
    "vervoer": [r"vervoer\w*", r"regiotaxi", r"taxi", r"vervoerspas", r"deeltaxi", r"parkeerkaart",
                r"gehandicaptenparkeerkaart"],
    "mantelzorg": [r"mantelzorg\w*", r"respijt\w*", r"(zorg|zorgen) voor (mijn|mn|onze) (man|vrouw|partner|moeder|vader)",
                   r"logeeropvang", r"ontlasting", r"even vrij", r"dementie"],
    "bezwaar": [r"bezwaar\w*", r"beschikking\w*", r"afgewezen", r"afwijzing", r"besluit", r"beroep aantekenen",
                r"keukentafelgesprek\w*", r"stopt (mijn|de|zijn|haar) (begeleiding|hulp|zorg)",
                r"(begeleiding|hulp|zorg) (stopt|wordt gestopt|minder)"],
    "wlz": [r"wlz\w*", r"verpleeghuis\w*", r"zorgkantoor", r"ciz", r"langdurige zorg", r"verzorgingshuis\w*"],
}
_ONDERWERP_REGEX = {key: _woorden(words) for key, words in _ONDERWERP_WOORDEN.items()}


# Named together with another sub-topic, these are the heart of the matter: a stopped begeleiding one objects to is
# a bezwaar, a verpleeghuis question is Wlz whatever the care is.
_VOORRANG = ("wlz", "bezwaar")


def onderwerpen_in(text: str | None, levensdomein: str | None) -> list[str]:
    """The sub-topics of this domain the text names: those with precedence first, then in the order of the
    domain's buttons."""
    t = schoon(text)
    keys = list(ONDERWERPEN.get(levensdomein or "", {}))
    found = [k for k in keys if _ONDERWERP_REGEX.get(k) and _ONDERWERP_REGEX[k].search(t)]
    return sorted(found, key=lambda k: (k not in _VOORRANG, _VOORRANG.index(k) if k in _VOORRANG else 0))


def domeinen_in(text: str | None) -> list[str]:
    """The levensdomeinen whose sub-topic words the text uses ("schoonmaken" -> wmo_aanvraag)."""
    return [domein for domein in ONDERWERPEN if onderwerpen_in(text, domein)]


def onderwerp_in(text: str | None, levensdomein: str | None) -> str | None:
    """The one sub-topic a text names; None when it names none or several (then the bot asks)."""
    found = onderwerpen_in(text, levensdomein)
    return found[0] if len(found) == 1 or (found and found[0] in _VOORRANG) else None


def hoofdonderwerp(key: str | None, levensdomein: str | None) -> str | None:
    """A sub-topic as one of the domain's buttons ('dagbesteding' -> 'begeleiding'); the NLU's finer value when
    it has no button; None when it belongs to another domain."""
    if not key or key not in ALLE_ONDERWERPEN:
        return None
    opties = ONDERWERPEN.get(levensdomein or "", {})
    if key in opties:
        return key
    parent = HOOFDONDERWERP.get(key)
    if parent in opties:
        return parent
    if any(key in o for o in ONDERWERPEN.values()):
        return None  # a button of another domain
    return key


def fuzzy(text: str, options: Iterable[tuple[str, str]], cutoff: float = 0.8) -> str | None:
    """An option's key from (key, name) pairs named in free text, tolerating typos; the earliest one named."""
    t = schoon(text)
    if not t:
        return None
    names: dict[str, str] = {}
    for key, name in options:
        names[schoon(name)] = key
        names[schoon(key.replace("_", " "))] = key
    hits = []
    for name, key in names.items():
        found = re.search(rf"\b{re.escape(name)}\b", t)
        if found and name:
            hits.append((found.start(), -len(name), key))
    if hits:
        return min(hits)[2]
    words = t.split()
    grams = [" ".join(words[i:i + n]) for n in (2, 1) for i in range(len(words) - n + 1)]
    for gram in grams:
        if len(gram) < 4:
            continue
        close = difflib.get_close_matches(gram, list(names), n=1, cutoff=cutoff)
        if close:
            return names[close[0]]
    return None


# --- wijk -----------------------------------------------------------------------------------------------------
_WOON_ZIN = re.compile(r"\b(wo+n\w*|woont|wonen|verblijf\w*|live|wohne)\b")


def wijk_in(text: str | None, wijken: dict[str, str], streng: bool = False) -> str | None:
    """The first wijk the text names (typos tolerated unless `streng`). `streng` is for messages that were not an
    answer to the wijk question: then a wijk counts only in a sentence about living there, since 'het centrum'
    may just be where the shops are."""
    t = schoon(text)
    if not t:
        return None
    if not streng:
        return fuzzy(t, wijken.items(), cutoff=0.8)
    for sentence in re.split(r"[.!?;,]| maar | en ", schoon(text.replace(",", " , "))):
        if not _WOON_ZIN.search(sentence):
            continue
        found = fuzzy(sentence, wijken.items(), cutoff=1.0)
        if found:
            return found
    return None


# --- language -------------------------------------------------------------------------------------------------
_TAAL_NAMEN = {
    **{schoon(label): key for key, label in TALEN.items()}, **{key.replace("_", " "): key for key in TALEN},
    "arabic": "arabisch", "arab": "arabisch", "arabi": "arabisch", "turkish": "turks", "turkce": "turks",
    "english": "engels", "engelse": "engels", "englisch": "engels", "polish": "pools", "polski": "pools",
    "poolse": "pools", "oekraiens": "oekraiens", "ukrainian": "oekraiens", "oekrains": "oekraiens",
    "tigrinja": "tigrinya", "tigrinia": "tigrinya", "eritrees": "tigrinya", "somali": "somalisch",
    "somalisch": "somalisch", "berbers": "tamazight", "marokkaans": "tamazight", "riffijns": "tamazight",
    "tarifit": "tamazight", "gebarentaal": "nederlandse_gebarentaal", "ngt": "nederlandse_gebarentaal",
    "russian": "russisch", "russisch": "russisch", "russkij": "russisch", "french": "frans", "francais": "frans",
    "german": "duits", "deutsch": "duits", "duitse": "duits", "spanish": "spaans", "espanol": "spaans",
    "perzisch": "farsi", "perzisch farsi": "farsi", "afghaans": "dari", "kurdish": "koerdisch",
    "kurmanci": "koerdisch", "koerdische": "koerdisch", "sorani": "koerdisch", "papiamento": "papiaments",
    "papiamentu": "papiaments", "portuguese": "portugees", "romanian": "roemeens", "bulgarian": "bulgaars",
    "turkse": "turks", "arabische": "arabisch",
}
_TAAL_REGEX = re.compile(r"\b(" + "|".join(sorted(map(re.escape, _TAAL_NAMEN), key=len, reverse=True)) + r")\b")
_GEEN_TAAL = re.compile(r"\b(geen|niet|no|not|kein|keine)\s+(\w+\s+)?$")
_NEDERLANDS = re.compile(r"\b(nederlands\w*|dutch|nl|hollands|niederlandisch)\b")
_SPREEKT = re.compile(r"\b(spreek|spreekt|spreken|praat|praten|speak|speaks|spreche|spricht|taal|language|"
                      r"sprache|tolk|vertal\w*|interpreter)\b")


def talen_in(text: str | None) -> list[str]:
    """Languages besides Dutch the text names (not 'geen Turks'), in order."""
    t = schoon(text)
    found = []
    for match in _TAAL_REGEX.finditer(t):
        key = _TAAL_NAMEN[match.group(1)]
        if key == "nederlandse_gebarentaal" or not _GEEN_TAAL.search(t[:match.start()]):
            if key not in found:
                found.append(key)
    return found


def noemt_nederlands(text: str | None) -> bool:
    t = schoon(text).replace("nederlandse gebarentaal", "")
    return bool(_NEDERLANDS.search(t))


_ENGELS = {"i", "my", "the", "and", "is", "to", "for", "have", "need", "you", "please", "we", "our", "with", "can",
           "help", "do", "speak", "what", "how", "it", "am", "me"}
_DUITS = {"ich", "und", "nicht", "habe", "meine", "mein", "kann", "bitte", "wohne", "spreche", "ist", "das", "der",
          "die", "mir", "bekommen", "arbeit", "hier", "wenig", "sie", "wir"}
_NEDERLANDS_WOORDEN = {"ik", "mijn", "de", "het", "een", "en", "is", "van", "voor", "niet", "wat", "hoe", "heb",
                       "wil", "kan", "we", "ons", "met", "op", "te", "dat", "die", "maar", "ook", "moet", "zijn"}


def schrijftaal(text: str | None) -> str | None:
    """'engels' or 'duits' when the message is plainly written in that language, else None."""
    words = schoon(text).split()
    if len(words) < 5:
        return None
    nl = sum(w in _NEDERLANDS_WOORDEN for w in words)
    for key, vocab in (("engels", _ENGELS), ("duits", _DUITS)):
        hits = sum(w in vocab for w in words)
        if hits >= 4 and hits > 2 * nl:
            return key
    return None


_TAAL_WOORDEN = re.compile(r"\b(tolk\w*|vertal\w*|nederlands|taal|talen|nt2|inburger\w*|statushouder\w*|vluchteling\w*|"
                           r"nieuwkomer\w*|asiel\w*|azc|in nederland|doof|dove|slechthorend\w*|gebaren\w*)\b"
                           # Dutch as a second language: "ik wonen", "ik hebben"
                           r"|\bik (wonen|hebben|willen|zijn|gaan|kunnen|moeten|spreken|werken|weten|zoeken)\b")


def taal_doet_ertoe(text: str | None) -> bool:
    """Whether a message gives any reason to ask which language the meedenker should speak: it names a language,
    an interpreter or Dutch itself, is written in another language or script, or hardly uses Dutch words. A message
    in plain Dutch does not; after the choice the inwoner can still ask for another language."""
    raw = (text or "").strip()
    if not raw:
        return False
    if re.search(r"[^\x00-\u024f\u2000-\u206f\u20ac\s]", raw):  # another script than Latin (Arabic, Cyrillic, ...)
        return True
    t = schoon(raw)
    if talen_in(t) or _TAAL_WOORDEN.search(t) or schrijftaal(t):
        return True
    words = t.split()
    return len(words) >= 4 and sum(w in _NEDERLANDS_WOORDEN for w in words) < 0.15 * len(words)


def taal_in_bericht(text: str | None) -> str | None:
    """The language a first message says the inwoner (or the one they ask for) speaks: 'ik spreek koerdisch',
    'mijn moeder spreekt alleen turks', 'I speak Polish'; else the language it is plainly written in."""
    t = schoon(text)
    for sentence in re.split(r"[.!?;]", (text or "").lower()):
        if _SPREEKT.search(schoon(sentence)):
            talen = talen_in(sentence)
            if talen:
                return talen[0]
    return schrijftaal(t)


# --- doelgroep ------------------------------------------------------------------------------------------------
_DOELGROEP_WOORDEN = {
    "ouderen": [r"ik ben (7|8|9)\d", r"(7|8|9)\d jaar", r"bejaard\w*", r"oudere\w*", r"senior\w*", r"aow", r"pensioen"],
    "jongeren": [r"ik ben (1[6-9]|2[0-3])( jaar)?", r"jongere\w*", r"student\w*", r"studie"],
    "lvb": [r"lvb", r"licht verstandelijk\w*", r"verstandelijke beperking"],
    "ggz": [r"ggz", r"psychisch\w*", r"depressie\w*", r"psychiatr\w*", r"angststoornis\w*", r"burn-?out"],
    "mantelzorger": [r"mantelzorg\w*", r"zorg voor (mijn|mn) (man|vrouw|partner|moeder|vader|zoon|dochter)"],
    "nah": [r"hersenletsel", r"herseninfarct", r"beroerte", r"nah", r"stroke", r"hersenbloeding"],
    "autisme": [r"autis\w*", r"ass"],
    "migranten": [r"statushouder\w*", r"vluchteling\w*", r"nieuwkomer\w*", r"inburger\w*", r"asiel\w*"],
    "dak_thuislozen": [r"dakloos\w*", r"thuisloos\w*", r"geen dak", r"op straat", r"nachtopvang"],
}
_DOELGROEP_REGEX = {key: _woorden(words) for key, words in _DOELGROEP_WOORDEN.items()}


def doelgroep_in(text: str | None) -> str | None:
    t = schoon(text)
    found = [k for k, r in _DOELGROEP_REGEX.items() if r.search(t)]
    return found[0] if len(found) == 1 else None


# --- on behalf of whom ----------------------------------------------------------------------------------------
# relation word -> (key, how the bot names the person in a sentence)
_RELATIES = {
    "moeder": "moeder", "mama": "moeder", "mam": "moeder", "mother": "moeder", "mutter": "moeder",
    "vader": "vader", "papa": "vader", "pap": "vader", "father": "vader", "vater": "vader",
    "zoon": "zoon", "zoontje": "zoon", "son": "zoon", "sohn": "zoon",
    "dochter": "dochter", "dochtertje": "dochter", "daughter": "dochter", "tochter": "dochter",
    "kind": "kind", "kinderen": "kind", "kids": "kind", "kindje": "kind", "child": "kind", "children": "kind",
    "partner": "partner", "man": "partner", "vrouw": "partner", "echtgenoot": "partner", "echtgenote": "partner",
    "husband": "partner", "wife": "partner",
    "broer": "broer", "broertje": "broer", "brother": "broer", "zus": "zus", "zusje": "zus", "sister": "zus",
    "vriend": "vriend", "vriendin": "vriendin", "friend": "vriend", "buurman": "buurman", "buurvrouw": "buurvrouw",
    "buren": "buurman",
    "kleinzoon": "kleinzoon", "kleindochter": "kleindochter", "kleinkind": "kleinkind", "kleinkinderen": "kleinkind",
    "opa": "opa", "oma": "oma", "schoonmoeder": "schoonmoeder", "schoonvader": "schoonvader", "oom": "oom",
    "tante": "tante", "neef": "neef", "nicht": "nicht", "client": "client", "clienten": "client",
    "stiefzoon": "zoon", "stiefdochter": "dochter", "pleegkind": "kind", "pleegzoon": "zoon", "pleegdochter": "dochter",
}
_REL = "|".join(sorted(map(re.escape, _RELATIES), key=len, reverse=True))
_BEZIT = r"(?:mijn|mn|m'n|onze|ons|my|meine?|z'n|zijn|haar)"
_ONDERWERPSWERKWOORD = (
    r"(heeft|hebben|had|is|zijn|was|gaat|ging|kan|kon|wil|wilde|moet|moest|krijgt|zit|zat|woont|spreekt|snapt|"
    r"begrijpt|wordt|werd|slaapt|betaalt|loopt|ligt|komt|doet|durft|eet|praat|valt|raakt|dreigt|staat|zoekt|"
    r"verdient|mag|hoort|ziet|weet|leeft|zorgt|kreeg|has|had|is|needs|can|kann|hat|braucht)")
# 'mijn moeder (van 88) heeft ...', 'mijn beste vriend is ...': the relation is who the question is about.
_NAMENS_ONDERWERP = re.compile(rf"\b{_BEZIT}\s+(?:\w+\s+)?({_REL})\b(?:\s+van\s+\d+(?:\s+jaar)?)?(?:\s+met\s+\w+)?,?\s+"
                               rf"(?:(?:al|ook|nu|echt|nog|niet|zelf)\s+)?{_ONDERWERPSWERKWOORD}\b")
# 'voor mijn moeder', 'namens mijn vader', 'help mijn broer'
_NAMENS_VOOR = re.compile(rf"\b(?:voor|namens|over|help\w*|for|fur)\s+{_BEZIT}\s+(?:\w+\s+)?({_REL})\b")
_ZELF_JONG = re.compile(r"\bik ben (1[0-9]|twaalf|dertien|veertien|vijftien|zestien|zeventien)\b|\bik word \w* ?18\b|"
                        r"\bik word (in \w+ )?18\b|\b(mijn|mn|m'n) ouders\b|\bik zit (op|in) (de )?(school|klas|groep)\b")
_JEUGD_OUDER = re.compile(r"\b(we|wij|onze|ons)\b")
_KINDWOORDEN = {"kind"}


def namens_in(text: str | None, levensdomein: str | None = None) -> str | None:
    """For whom the inwoner asks, as a relation key ('moeder', 'partner', 'kind'), or None when they ask for
    themselves. A youth question is about a child unless the writer is the young person."""
    t = schoon(text)
    hits = []
    for regex in (_NAMENS_ONDERWERP, _NAMENS_VOOR):
        for match in regex.finditer(t):
            key = _RELATIES[match.group(1)]
            if key == "kind" and levensdomein not in (None, "jeugd") and regex is _NAMENS_ONDERWERP:
                continue  # 'mijn kind heeft astma door de schimmel': the household's question
            hits.append((match.start(), key))
    if hits:
        return min(hits)[1]
    if levensdomein == "jeugd" and not _ZELF_JONG.search(t) and (_JEUGD_OUDER.search(t) or
                                                                re.search(rf"\b{_BEZIT}\s+({_REL})\b", t)):
        return "kind"
    return None


def namens_label(key: str | None) -> str:
    """How the bot names the person in a sentence: 'uw moeder'."""
    return f"uw {NAMENS.get(key, key)}" if key else "u"


# --- asking to be contacted -----------------------------------------------------------------------------------
_CONTACT = _woorden([
    r"bel\w*", r"opbel\w*", r"terugbel\w*", r"gebeld", r"mail\w*", r"e-?mail\w*", r"gemaild", r"whatsapp\w*",
    r"appen", r"app", r"sms\w*", r"langs ?(komen|komt|kan komen)", r"langskom\w*", r"op bezoek",
    r"(komen|komt) (naar|bij) (mij|mijn|ons)", r"sturen", r"contact", r"bereiken", r"spreken", r"call\w*",
    r"phone", r"ring", r"schicken", r"anrufen", r"besuchen", r"email", r"reach", r"terug ?bellen",
    r"thuis langs\w*", r"iemand (sturen|langs)",
])
_ZELF_CONTACT = re.compile(r"\b(ik|zelf)\b.*\b(zelf)\b|\bkan ik (zelf )?(bellen|mailen)\b|\bmag ik (zelf )?bellen\b")
_NIET_BELLEN = re.compile(r"\b(niet|geen|no|nicht)\s+(\w+\s+)?(bel\w*|telefo\w*|call\w*|anrufen)\b|"
                          r"\b(bel\w*|telefoneren) (vind ik|is|gaat|lukt) (\w+ )?(eng|lastig|moeilijk|niet)\b|"
                          r"\bdoof\b|\bslechthorend\w*\b")
_NIET_MAILEN = re.compile(r"\b(niet|geen|no|nicht)\s+(\w+\s+)?(e-?mail\w*|mail\w*)\b")
_MAIL = re.compile(r"\b(e-?mail\w*|mail\w*|email\w*|schicken)\b")
_BEL = re.compile(r"\b(bel\w*|opbel\w*|gebeld|call\w*|phone|ring|anrufen|whatsapp\w*|app|appen|sms\w*|telefo\w*)\b")


@dataclass(frozen=True)
class Contactverzoek:
    manier: str | None  # telefoon | email | None: how they want to be reached, when they say so
    langskomen: bool  # they asked for a visit at home


def contactverzoek_in(text: str | None) -> Contactverzoek | None:
    """'bel me', 'mail me maar', 'kan iemand langskomen', 'kunnen ze me whatsappen?': a request to be contacted."""
    t = schoon(text)
    if not _CONTACT.search(t) or _ZELF_CONTACT.search(t):
        return None
    mail = bool(_MAIL.search(t)) and not _NIET_MAILEN.search(t)
    bel = bool(_BEL.search(t)) and not _NIET_BELLEN.search(t)
    manier = "email" if mail and not bel else "telefoon" if bel and not mail else None
    return Contactverzoek(manier, bool(re.search(r"langs|bezoek|naar (mij|ons) (toe|thuis)|komen naar|thuis", t)))


# --- overburdened, not in danger ------------------------------------------------------------------------------
_OVERBELAST = _woorden([
    r"(wordt|word) (me|mij|ons) (allemaal |echt |gewoon |nu )?(te veel|teveel)",
    r"(is|wordt) (het )?(me|mij|ons)? ?(allemaal |echt )?(te veel|teveel)( voor (me|mij|ons))?",
    r"kan (het|dit) (allemaal )?niet (meer )?aan", r"trek (het|dit) niet (meer)?",
    r"uitgeput", r"opgebrand", r"overbelast\w*", r"overspannen", r"burn-?out", r"ik ben (helemaal |echt )?kapot",
    r"ik ben (helemaal|echt|totaal) op", r"ik ben op$",
    r"ik weet het (echt |gewoon )?niet meer", r"ten einde raad", r"wanhopig", r"(loop|zit) op mijn tandvlees",
    r"op het randje", r"ik red het niet (meer)?", r"mijn grens (is )?bereikt", r"geen puf meer",
    r"zo moe", r"doodmoe", r"vreselijk moe", r"zwaar valt", r"valt me zwaar", r"ik kan niet meer",
])


def overbelast(text: str | None) -> bool:
    """Sounds exhausted or at the end of their rope, without speaking of danger."""
    return bool(_OVERBELAST.search(schoon(text)))


# --- entities with their place in the text, for the NLU ----------------------------------------------------------
def _met_posities(text: str) -> tuple[str, list[int]]:
    """`schoon` that remembers where each character came from, so a match can be mapped back onto the text."""
    out, where = [], []
    for i, char in enumerate(text or ""):
        folded = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode().lower()
        if char in "'’":
            continue
        if not folded or not re.match(r"[\w@+-]", folded[0]):
            folded = " "
        folded = folded[0]
        if folded == " " and (not out or out[-1] == " "):
            continue
        out.append(folded)
        where.append(i)
    while out and out[-1] == " ":
        out.pop()
        where.pop()
    return "".join(out), where


def _span(text: str, regex: re.Pattern) -> tuple[int, int] | None:
    clean, where = _met_posities(text)
    found = regex.search(clean)
    if not found or found.end() == 0:
        return None
    return where[found.start()], where[found.end() - 1] + 1


def entiteiten(text: str, levensdomein: str | None, wijken: dict[str, str]) -> list[dict]:
    """The contract's entities (onderwerp, wijk, doelgroep, voorkeur_ondersteuner) with start and end, from the
    same word lists the dialogue uses. The sub-topic is looked up in the message's levensdomein, or in all four
    when the message has none (and then only when exactly one fits)."""
    found = []
    domeinen = [levensdomein] if levensdomein in ONDERWERPEN else list(ONDERWERPEN)
    onderwerpen = [(d, k) for d in domeinen for k in onderwerpen_in(text, d)]
    if len(onderwerpen) == 1 or (onderwerpen and levensdomein in ONDERWERPEN and onderwerpen[0][1] in _VOORRANG) or (
            len(domeinen) == 1 and onderwerpen):
        key = onderwerpen[0][1]
        span = _span(text, _ONDERWERP_REGEX[key])
        if span:
            found.append({"entity": "onderwerp", "value": key, "start": span[0], "end": span[1]})
    for key, name in wijken.items():
        span = _span(text, re.compile(rf"\b{re.escape(schoon(name))}\b"))
        if span:
            found.append({"entity": "wijk", "value": key, "start": span[0], "end": span[1]})
            break
    groep = doelgroep_in(text)
    if groep:
        span = _span(text, _DOELGROEP_REGEX[groep])
        if span:
            found.append({"entity": "doelgroep", "value": groep, "start": span[0], "end": span[1]})
    for value, regex in _VOORKEUR_WOORDEN.items():
        span = _span(text, regex)
        if span:
            found.append({"entity": "voorkeur_ondersteuner", "value": value, "start": span[0], "end": span[1]})
            break
    return found


_VOORKEUR_WOORDEN = {
    "vrijwillig": _woorden([r"vrijwillig\w*", r"vrijwilliger\w*", r"vrijwilger\w*"]),
    "beroepsmatig": _woorden([r"beroepskracht\w*", r"professional\w*", r"beroepsmatig\w*", r"betaalde kracht"]),
}
