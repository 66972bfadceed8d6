"""Names in Dutch chat: deduce for what it knows, plus rules for how inwoners actually type.

deduce (made for Dutch medical records) finds capitalised names from its lists, initials, titles and
'van der'-style surnames. Chat adds lower case ("ik ben jan de vries"), names missing from Dutch
lists (Oleksandr Kovalenko) and greetings instead of letterheads. So on top of deduce:
- a lower-case token from deduce's name lists is a name unless it is also an ordinary word
  (bot/privacy/anonimiseren/naamwoorden.txt: "fatima" yes, "roos" only after a cue);
- after a cue ("ik heet", "mijn zoon", "mevrouw", "groetjes") any token that is no ordinary word is
  taken as a name, and so is a Slavic/Turkish/... surname shape ("-enko", "-ski", "-oğlu");
- a found name grows over 'de', 'van der', 'el' and surname-like tokens: "jan de vries".
"""
from __future__ import annotations

import bisect
import re
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple

from bot.privacy.anonimiseren.woorden import PRIO, Span, before, is_common_word, sentence_initial, wordfreq_nl

NAAMWOORDEN = Path(__file__).with_name("naamwoorden.txt")
# Words, and initials "J.A."; letters glued to digits ("000Aaa", "Z2024") are codes, not names.
TOKEN_RE = re.compile(r"(?<![\w])(?:(?:[A-Za-z]\.){1,4}(?![\w])|[^\W\d_]+(?:['’-][^\W\d_]+)*(?![\d_]))")
PARTICLES = {"van", "de", "der", "den", "het", "'t", "ter", "ten", "te", "la", "le", "du", "da", "di", "dos",
             "del", "della", "el", "al", "von", "zu", "op", "in", "bin", "ibn", "abu", "ait", "ben", "thi", "van't"}
SURNAME_SHAPE = re.compile(r"^[^\W\d_]{4,}(?:enko|chuk|czuk|czyk|ski|ska|sky|skyi|skiy|cki|cka|wicz|vich|ović|ovic|"
                           r"ević|evic|ova|eva|ov|ev|yan|oğlu|oglu|escu|poulos|idis|adze|shvili|zadeh)$")
# Words of this domain that name lists or frequencies would misjudge: organisations, languages, apps.
# Never a word that is also a common first name ("Albert", "Frans"): a keep outranks a name.
KEEP_WORDS = {
    "ing", "abn", "amro", "rabo", "rabobank", "sns", "asn", "bunq", "knab", "triodos", "regiobank", "eneco",
    "essent", "vattenfall", "vitens", "evides", "ziggo", "kpn", "odido", "vodafone", "menzis", "vgz", "cz",
    "achmea", "dsw", "ohra", "anwb", "uwv", "svb", "duo", "cak", "cjib", "ind", "coa", "ggd", "ggz", "cjg", "mee",
    "wmo", "wlz", "pgb", "aow", "anw", "ww", "wia", "wajong", "digid", "humanitas", "vluchtelingenwerk",
    "voedselbank", "sensoor", "lidl", "jumbo", "aldi", "hema", "kruidvat", "zeeman", "action", "marktplaats",
    "whatsapp", "facebook", "google", "gmail", "hotmail", "outlook", "franse", "duits", "duitse", "spaans", "spaanse", "engels", "engelse", "hollands", "hollandse",
    "turks", "turkse", "marokkaans", "marokkaanse", "pools", "poolse", "syrisch", "syrische", "arabisch",
    "russisch", "oekraïens", "oekraiens", "chinees", "chinese", "surinaams", "surinaamse", "somalisch",
    "tigrinya", "koerdisch", "papiaments", "italiaans", "portugees", "nederlands", "dutch", "english", "polski",
    "alzheimer", "parkinson", "corona", "covid", "ok", "oke", "oké", "oki", "okey", "sorry", "thanks", "hoi",
    "doei", "haha", "hahaha", "joh", "jah", "wtf", "idk", "btw", "pls", "plz", "aub", "svp",
    # English that newcomers mix in: "yuliia savchenko my daughter", "natalia bondar i am"
    "my", "your", "our", "their", "the", "and", "here", "there", "have", "has", "is", "am", "are", "was", "were",
    "i", "you", "we", "they", "she", "he", "it", "me", "us", "them", "need", "want", "please", "from", "with",
    "not", "no", "yes", "do", "does", "can", "dont", "don't", "letter", "rent", "help", "question",
    "ikea", "haar", "hun", "zijn", "zn", "mn", "m'n", "z'n", "dr", "ff", "idd", "wss", "mss", "nvm", "ofz", "enz",
}
KEEP_PHRASES = re.compile(
    r"(?i)\b(?:(?:bij|naar|van|in) de dirk|aloë vera|aloe vera|"
    r"[A-Z][\w-]+(?:\s[A-Z][\w-]+)?\s(?:College|Lyceum|Gymnasium|Medisch Centrum|Ziekenhuis|Basisschool|Academie|"
    r"Hogeschool|Universiteit|Kliniek|Stichting)|(?:restaurant|café|cafe|hotel|winkel|bakkerij)\s+(?:de\s+|het\s+)?\w+|"
    r"veilig thuis|leger des heils|juridisch loket|zilveren kruis|albert heijn|sociaal wijkteam|"
    r"schuldhulpmaatje|humanitas|vluchtelingenwerk|het rode kruis|rode kruis|jip en janneke|"
    r"(?:spreek|spreekt|spreken|praat|praten|versta|verstaat|in het|uit het|naar het) frans)\b")
RELATIONS = (r"zoon|zoontje|dochter|dochtertje|moeder|vader|man|vrouw|partner|vriend|vriendin|broer|broertje|zus|"
             r"zusje|kleinzoon|kleindochter|kleinkind|oma|opa|tante|oom|neef|neefje|nicht|nichtje|buurman|buurvrouw|"
             r"ex|schoonmoeder|schoonvader|schoonzoon|schoondochter|zwager|schoonzus|stiefvader|stiefmoeder|"
             r"stiefzoon|stiefdochter|halfbroer|halfzus|pleegmoeder|pleegvader|pleegkind|kind|kindje|vriendje|"
             r"echtgenoot|echtgenote|mama|papa|mam|pap|begeleider|begeleidster|casemanager|contactpersoon|"
             r"leidinggevende|baas|huisbaas|mentor|bewindvoerder|collega|huisarts|consulent|hulpverlener|"
             r"schuldhulpverlener|wijkverpleegkundige|verpleegkundige|woonconsulent|klantmanager|coach|wijkcoach|"
             r"trajectbegeleider|maatschappelijk werker|jongerenwerker|wijkagent|advocaat|advocate|docent|"
             r"lerares|leraar|voogd|tolk|maatje|vrijwilliger|mantelzorger|son|daughter|wife|husband|mother|"
             r"father|friend|neighbour|neighbor|brother|sister")
GREETINGS = (r"ja|nou|eh|ehm|uhm|hallo|hoi|hi|hey|hee|hai|dag|goedemorgen|goedemiddag|goedenavond|goeiemorgen|"
             r"goeiemiddag|goeiedag|goedendag|hello|beste|jah|hallo hallo")
# Cues before a name. "strong": the next words are the name, even when they are also words ("mijn
# naam is roos"); "title": mevrouw/meneer/juf (but "de juf belt"); "weak": ik ben, mijn zoon, groetjes.
STRONG_CUE = re.compile(
    r"(?:\b(?:mijn|mn|m'n|me|my|zijn|z'n|haar|d'r)\s+(?:naam|name)(?:\s+is|\s*[=:])|(?:^|[,.;])\W*naam\b|"
    r"\bnaam(?:\s+is|\s*[=:])|\b(?:voor|achter)naam(?:\s+is)?|\bname(?:\s+is|\s*:)|\bheet|\bheten|\bi\s+am|\bi'?m|"
    r"\bthis\s+is|\bcall\s+me|\bnoem\s+me|\bzeg\s+maar|\btenaamstelling|\bt\.?\s?n\.?\s?v\.?|\bt\.?\s?a\.?\s?v\.?|"
    r"\bop\s+naam\s+van|\bnamens|\bfamilie|\bfam\.?)(?:\s*[:,-])?\s*$")
TITLE_CUE = re.compile(r"\b(?:mevrouw|mevr\.?|mw\.?|meneer|mnr\.?|mijnheer|dhr\.?|de\s+heer|juf|juffrouw|meester|"
                       r"dokter|zuster|mej\.?|mrs\.?|mr\.?|ms\.?)(?:\s*[:,-])?\s*$")
WEAK_CUE = re.compile(
    r"(?:\bik\s+ben(?:\s+dus)?|\bdit\s+is|\bhier\s+is|\bwie\s+is|^\W*(?:(?:%s)\W+)*(?:%s)|"
    r"\b(?:groetjes|groeten|groet|gr|mvg|vriendelijke\s+groet(?:en)?|liefs|doei|bedankt)(?:\s+van)?|"
    r"\b(?:(?:mijn|mn|m'n|me|onze|ons|zijn|z'n|haar|d'r|my|de|het)\s+)?(?:%s)(?:\s+(?:heet|is))?)"
    r"(?:\s*[:,-])?\s*$" % (GREETINGS, GREETINGS, RELATIONS))
POST_CUE = re.compile(r"^\W*(?P<naam>(?:[^\W\d_][\w'-]*\s+){1,4}?)(?:is|zijn)\s+(?:mijn|mn|m'n|onze)\s+"
                      r"(?:(?:voor|achter)?naam|(?:%s)\b)" % RELATIONS, re.IGNORECASE)
APPOSITION = re.compile(r"\s*,?\s*(?:mijn|mn|m'n|me|onze|ons|zijn|haar|my)\s+(?:%s)\b" % RELATIONS)
POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")
MET_CUE = re.compile(r"^\W*(?:(?:%s)\W+)*met\s*$" % GREETINGS)
# What follows a name in a sentence (and not an adjective): "ik ben jan en...", "mn moeder riet wordt".
VERB_FOLLOWS = re.compile(r"\s+(?:en|hier|van|uit|is|was|heeft|had|wil|gaat|kan|moet|zegt|woont|zit|komt|werkt|"
                          r"doet|krijgt|helpt|belt|wordt|heet|zei|vindt|weet|mag|ging|kwam|spreekt|zorgt|betaalt|"
                          r"slaapt|drinkt|blijft|zijn|hebben|willen|gaan|wonen|komen|krijgen|moeten|kunnen|waren)\b")
# Where a first name that is also a word ("roos", "bas", "jet", "maan") must be a person: "roos van de
# jeugdhulp", "kim en ik", "vraag maar naar bas", "ik heb iris gemaild", "jet heeft mijn aanvraag".
SERVICES = (r"wijkteam|jeugdhulp|jeugdzorg|woningbouw|woningcorporatie|corporatie|gemeente|schuldhulp|"
            r"schuldhulpverlening|thuiszorg|wmo|uwv|school|opvang|buurthuis|wijkcentrum|wijkpunt|voedselbank|"
            r"huisarts|praktijk|zorg|ggz|mee|humanitas|sociaal team|toegang|belastingdienst|bank|reclassering|"
            r"politie|jongerenwerk|maatschappelijk werk|kinderopvang|bso|dagbesteding|ziekenhuis|bewindvoering|"
            r"administratie|crèche|creche|kerk|moskee|woonstichting|werkplein|sociale dienst|inkomen|participatie")
WITH_ME = re.compile(r"\s+en\s+(?:ik|mij|me)\b")
SERVICE_WORD = re.compile(SERVICES, re.IGNORECASE)
LOCATIVE = {"in", "op", "te", "aan", "uit", "het", "'t"}
FOREIGN_PARTICLES = {"el", "al", "ait", "bin", "ibn", "abu", "ben", "da", "di", "dos", "del", "della", "von", "zu",
                     "thi", "van't"}  # "khadija ait taleb", "nguyen thi lan": what follows is a name, whatever it is
OF_SERVICE = re.compile(r"\s+van\s+(?:(?:de|het|'t)\s+)?(?:%s)\b" % SERVICES, re.IGNORECASE)
TO_PERSON = re.compile(r"\b(?:met|naar|tegen|aan|bij|van|voor|via|volgens|door)\s+$")
AFTER_PERSON = re.compile(r"\s*(?:$|[,.!?;:)]|\s+(?:en|dat|die|over|afgesproken|gesproken|gebeld|gemaild|gevraagd|"
                          r"gezegd|geappt|om|is|was|heeft|had|weet|zegt|zei|of|naar|maar|want|gegaan|toe|een|"
                          r"krijgen|gehoord|hoorde|horen|geweest|mee)\b)")
VISIT = re.compile(r"\b(?:mag|mogen|kan|kunnen|moet|wil|laat)\s+$")
VISIT_AFTER = re.compile(r"\s+(?:mee|bij|komen|logeren|blijven|wonen|helpen|meekomen|langskomen)\b")
CONTACTED = re.compile(r"^(?:\s+[^\W\d_]+|\s+\d+){0,4}?\s+(?:gemaild|gebeld|gesproken|gevraagd|gezien|geappt|"
                       r"gezegd|verteld|gesms't|geschreven)\b")
PERSON_VERB = re.compile(r"\s+(?:heeft|had|wil|gaat|kan|moet|zegt|zei|woont|zit|komt|werkt|doet|krijgt|helpt|belt|"
                         r"wordt|heet|vindt|weet|mag|ging|kwam|spreekt|zorgt|betaalt|blijft|is|was|reageert|lag|"
                         r"stond|zat|werd|belde|mailde|vertelde|vroeg|schreef|stuurde|zijn|haar|en\s+zijn|en\s+haar)\b")
CLAUSE_START = re.compile(r"(?:^|[,.!?;:]|\b(?:toen|want|nu|omdat|dat|als|maar|en|dus|ook|of|doet|zodat|terwijl|"
                          r"sinds|nadat|voordat|hoe|wat|waarom|wanneer))\s*$")
DETERMINERS = {"de", "het", "een", "die", "deze", "dit", "dat", "geen", "elke", "iedere", "welke", "zo'n", "wat",
               "onze", "jullie", "hun", "uw", "mooie", "rode", "witte", "oude", "nieuwe", "elektrische"}
PREPOSITIONS = {"van", "met", "bij", "naar", "tegen", "aan", "voor", "door"}
NAME_FOLLOWS = re.compile(r"\s*(?:$|[,.!?;:)]|\s\d|\s[(\"'‘“])|%s" % VERB_FOLLOWS.pattern)


RELATION_WORDS = frozenset(w for w in RELATIONS.split("|") if " " not in w)
VERB_WORDS = frozenset(w for w in re.findall(r"[a-z]{2,}", VERB_FOLLOWS.pattern.split("(?:", 1)[1])) - {"en", "van", "uit", "hier"}
NICK_OPEN = re.compile(r"\s*[(\"'‘“]")
NICK_CLOSE = re.compile(r"[)\"'’”]\s+")


class Tok(NamedTuple):
    start: int
    end: int
    text: str
    low: str


class NameRules:
    """Lexicon and rules for names as typed in chat; deduce's own annotations come in through find()."""

    def __init__(self, deduce_model, lookup_src: Path, extra_places: Iterable[str] = ()):
        self.deduce = deduce_model
        ds = deduce_model.lookup_structs
        self.whitelist = {w.lower() for w in ds["whitelist"].items()} | {w.lower() for w in ds["stop_word"].items()}
        self.ambiguous = {ln.strip() for ln in NAAMWOORDEN.read_text(encoding="utf-8").splitlines()
                          if ln.strip() and not ln.startswith("#")}
        places = _read_lower(lookup_src / "locations" / "lst_placename", recursive=True) | _countries() \
            | {p.lower() for place in extra_places for p in (place, *place.split())}
        self.places = places | {_plain(p) for p in places}  # "syrie" for "syrië"
        self.first = _tokens(lookup_src / "names" / "lst_first_name")
        self.surnames = _tokens(lookup_src / "names" / "lst_surname")
        self.eponymous = _tokens(lookup_src / "whitelist" / "lst_eponymous_disease")
        self.stop = self.whitelist | KEEP_WORDS | self.eponymous
        self.titles = {t.lower().rstrip(".") for t in ds["prefix"].items() if " " not in t}
        # Before "is mijn broer" these name no one: "dat is mijn broer", "hij is mijn vader".
        self.stop_pronouns = {"dat", "dit", "die", "hij", "zij", "ze", "het", "deze", "wie", "hier", "daar", "er",
                              "dan", "nu", "en", "maar", "want", "ook", "ja", "nee", "hallo", "hoi"}

    # -- token judgements --
    def listed(self, low: str) -> bool:
        return low in self.first or low in self.surnames

    def known_name(self, low: str) -> bool:
        """In deduce's name lists and not also an ordinary word or a place."""
        if "-" in low:  # "al-hassan", "gert-jan": judge the parts
            parts = [p for p in low.split("-") if p not in PARTICLES]
            if len(parts) >= 2 and all(p in self.first for p in parts):
                return True  # "anne-marie", "jan-willem": first names joined are a name, whatever each is alone
            return bool(parts) and all(self.known_name(p) or self.unknown(p) for p in parts) \
                and any(self.known_name(p) for p in parts)
        return self.listed(low) and low not in self.ambiguous and low not in self.stop and low not in self.places

    def unknown(self, low: str) -> bool:
        """No ordinary word (nor an inflection of one), no place: after a cue, most likely a name."""
        if "-" in low or "'" in low:
            parts = [p for p in re.split(r"[-']", low) if p and p not in PARTICLES]
            return bool(parts) and all(self.unknown(p) or self.known_name(p) for p in parts)
        return low.isalpha() and len(low) >= 2 and low not in self.stop and low not in self.ambiguous \
            and low not in self.places and not is_common_word(low) and not _inflected(low)

    def shaped(self, low: str) -> bool:
        return SURNAME_SHAPE.match(low) is not None and low not in self.ambiguous and not is_common_word(low)

    def seed(self, toks: list[Tok], i: int, text: str, cue: str | None) -> bool:
        tok = toks[i]
        low = POSSESSIVE.sub("", tok.low.rstrip("."))  # "Fatima's moeder"
        if low in self.stop or low in PARTICLES:
            return False
        if _is_initials(tok.text):
            return cue is not None
        if self.known_name(low) or self.shaped(low):
            return True
        if cue is None:
            # A capitalised word that is no ordinary word nor a place: "gisteren heeft Oleksandr gebeld".
            # At the start of a sentence only when a verb or 'en' follows, as after a name.
            return tok.text[:1].isupper() and tok.text[1:].islower() and len(low) >= 3 and self.unknown(low) \
                and (not sentence_initial(text, tok.start) or self._name_follows(toks, i, text))
        if self.unknown(low):
            return True
        capital = tok.text[0].isupper() and not sentence_initial(text, tok.start)
        if capital and not is_common_word(low) and low not in self.places:
            return True
        if not self.listed(low):
            return False
        if cue == "strong":
            return True
        # A name that is also a word ("jan", "riet", "visser") counts after a title or a weak cue only
        # when what follows is how a sentence goes on after a name: "mn moeder riet wordt", not "de juf belt elke".
        wordlike = low in self.whitelist or wordfreq_nl(low) >= 5.3
        allowed = self.listed(low) if cue == "title" else low in self.first
        return allowed and not wordlike and self._name_follows(toks, i, text)

    def _name_follows(self, toks: list[Tok], i: int, text: str) -> bool:
        if NAME_FOLLOWS.match(text, toks[i].end):
            return True
        j = i + 1
        while j < len(toks) and toks[j].low in PARTICLES and _joined(text, toks[j - 1], toks[j]):
            j += 1
        return j < len(toks) and _joined(text, toks[j - 1], toks[j]) and toks[j].low in self.surnames \
            and (j > i + 1 or toks[j].low not in self.ambiguous)

    def continues(self, tok: Tok, after_particle: bool = False, particle: str | None = None) -> bool:
        """A token that may follow a name: 'de vries', 'bakker', 'amrani', 'Abdi Warsame'.

        After a particle a surname wins over a place and an ordinary word: "van Dam", "de Graaf", "van der wal";
        but not a service: "anouk van het wijkteam", nor any lower-case word: "Joke Smit in de schuldsanering".
        """
        low = POSSESSIVE.sub("", tok.low)
        if low in KEEP_WORDS or SERVICE_WORD.fullmatch(low) or low in RELATION_WORDS \
                or (low in VERB_WORDS and tok.text.islower()):  # "vera belt morgen terug"
            return False
        if "-" in low:  # "de Wit-Jansen", "Al-Hassan", "al-khatib"
            parts = [p for p in low.split("-") if p]
            return all(p in PARTICLES or self.continues(Tok(0, 0, p, p), after_particle=True, particle=prev)
                       for prev, p in zip([particle, *parts], parts))
        chain = (particle or "").lower().split()
        locative = bool(chain) and chain[0] in LOCATIVE  # "in de kas", "op de bank": the sentence, not a name
        if after_particle and self.listed(low) and not (locative and tok.text.islower()):
            return True
        if after_particle and chain and chain[-1] in {"der", "den"} and low.isalpha():
            return True  # "van der wal", "van den berg": only names follow "van der"
        if low in self.stop:
            return False
        if after_particle and tok.text.islower() and not self.shaped(low) \
                and (locative or (chain[-1] if chain else "") not in FOREIGN_PARTICLES | {"der", "den"}):
            return False  # ("van der", "van den" come before names only: "van der wal")
        if self.listed(low) and low not in self.places:
            return True
        if low in self.places:
            return False
        return self.known_name(low) or self.surname_like(low) or self.shaped(low)

    def surname_like(self, low: str) -> bool:
        """Could follow a first name as a surname: no ordinary word, stop word or place ("bondar", "pinas"
        look like inflections of ordinary words; after a first name they are names)."""
        if "-" in low or "'" in low:
            parts = [p for p in re.split(r"[-']", low) if p and p not in PARTICLES]
            return bool(parts) and all(self.surname_like(p) or self.known_name(p) for p in parts)
        # Rarer than everyday Dutch words: wordfreq's compound rule would read "darwish" as dar + wish.
        return low.isalpha() and len(low) >= 2 and low not in self.stop and low not in self.ambiguous \
            and low not in self.places and low not in KEEP_WORDS and wordfreq_nl(low) < 3.0

    def in_context(self, toks: list[Tok], i: int, text: str) -> bool:
        """A listed first name that is also a word, where the sentence shows it is a person."""
        tok = toks[i]
        low = tok.low
        if not (low in self.first or self.surname_like(low)) or low in KEEP_WORDS or low in self.places \
                or low in PARTICLES or low in RELATION_WORDS:
            return False
        prev = toks[i - 1].low if i > 0 and _joined(text, toks[i - 1], tok) else None
        if prev in DETERMINERS:
            return False  # "de roos", "een bas", "bij de Dirk"
        after = text[tok.end:tok.end + 60]
        ahead = before(text, tok.start, 30).lower()
        listed = low in self.first  # the looser patterns only for listed first names: "naar Woonbron" is no one
        if listed and (WITH_ME.match(after) or OF_SERVICE.match(after)):
            return True
        if listed and TO_PERSON.search(ahead) and AFTER_PERSON.match(after):
            return True
        if listed and re.search(r"\b(?:heb|heeft|had|hebben)\s+$", ahead) and CONTACTED.match(after):
            return True
        if PERSON_VERB.match(after) and (sentence_initial(text, tok.start) or CLAUSE_START.search(ahead)):
            return True
        if VISIT.search(ahead) and VISIT_AFTER.match(after):  # "mag baraka mee", "mag ionut bij ons logeren"
            return True
        capital = tok.text[0].isupper() and tok.text[1:].islower() and not sentence_initial(text, tok.start)
        return listed and capital and prev in PREPOSITIONS

    # -- finding --
    def find(self, text: str) -> Iterator[Span]:
        for m in KEEP_PHRASES.finditer(text):
            yield Span(m.start(), m.end(), None, PRIO["ORGANISATIE"])
        toks = [Tok(m.start(), m.end(), m.group(), m.group().lower()) for m in TOKEN_RE.finditer(text)]
        marked = [False] * len(toks)
        post_cued = self._post_cued(text, toks)
        cues = [("strong" if i in post_cued else self._cue(text, toks, i)) for i in range(len(toks))]
        starts = [t.start for t in toks]
        for start, end in self._deduce_names(text, toks, starts, cues):
            yield Span(start, end, "NAAM", PRIO["NAAM"])
            for i in _inside(toks, starts, start, end):
                marked[i] = True
        for i, tok in enumerate(toks):
            if marked[i]:
                continue
            if self.seed(toks, i, text, cues[i]) or self.in_context(toks, i, text) or \
                    (i in post_cued and tok.low not in PARTICLES and tok.low not in self.stop_pronouns
                     and (tok.text[0].isupper() or not is_common_word(tok.low) or tok.low in self.first)):
                marked[i] = True
            elif cues[i] in ("strong", "title") and tok.low in PARTICLES:
                self._particle_name(text, toks, i, marked)  # "mevrouw de graaf", "meneer van Dijk"
        for i in range(len(toks) - 1):
            if self._pair(toks, i, text):
                marked[i] = marked[i + 1] = True
        for i in range(len(toks) - 1):  # "wojciech 'wojtek' nowakowski": a nickname shows the word before is a name
            if not marked[i] and NICK_OPEN.fullmatch(text[toks[i].end:toks[i + 1].start]) \
                    and NICK_CLOSE.match(text, toks[i + 1].end) and toks[i].low not in KEEP_WORDS \
                    and (toks[i].low in self.first or self.unknown(toks[i].low)):
                marked[i] = True
        self._grow(text, toks, marked)
        i = 0
        while i < len(toks):  # one span per name: "jan de vries", not three
            if not marked[i]:
                i += 1
                continue
            j = i
            while j + 1 < len(toks) and marked[j + 1] and _joined(text, toks[j], toks[j + 1]):
                j += 1
            yield Span(toks[i].start, toks[j].end, "NAAM", PRIO["NAAM"])
            i = j + 1

    def _namelike(self, low: str) -> bool:
        if low in KEEP_WORDS or low in RELATION_WORDS or low in PARTICLES or low in self.places:
            return False
        return self.unknown(low) or self.shaped(low) or \
            ((low in self.first or low in self.surnames) and not is_common_word(low) and low not in self.stop)

    def _pair(self, toks: list[Tok], i: int, text: str) -> bool:
        """Two lower-case tokens in a row that are both no ordinary word and look like names: a full name,
        typed without capitals and without a cue ("taras moroz belt u morgen", "van selam woldemariam")."""
        if i + 1 >= len(toks) or not toks[i].text.islower() or not toks[i + 1].text.islower() \
                or not _joined(text, toks[i], toks[i + 1]) or min(len(toks[i].low), len(toks[i + 1].low)) < 3:
            return False
        if i > 0 and _joined(text, toks[i - 1], toks[i]) and toks[i - 1].low in DETERMINERS:
            return False
        a, b = toks[i].low, toks[i + 1].low
        return len(a) + len(b) >= 7 and all(self._namelike(w) or self.surname_like(w) for w in (a, b)) \
            and not any(w in RELATION_WORDS or w in VERB_WORDS for w in (a, b))

    def _nickname(self, text: str, toks: list[Tok], i: int, marked: list[bool]) -> bool:
        """After a name, "(Hans)", "'Joke'" or "\"Riek\"" is its nickname, and a surname may follow it."""
        j = i + 1
        if j >= len(toks) or not NICK_OPEN.fullmatch(text[toks[i].end:toks[j].start]):
            return False
        close = NICK_CLOSE.match(text, toks[j].end)
        if not close:
            return False
        grew = not marked[j]
        marked[j] = True
        k = j + 1  # the surname after the closing bracket: [particles] surname
        if k < len(toks) and toks[k].start == close.end():
            m = k
            while m < len(toks) and toks[m].low in PARTICLES and (m == k or _joined(text, toks[m - 1], toks[m])):
                m += 1
            if m < len(toks) and not marked[m] and (m == k or _joined(text, toks[m - 1], toks[m])) \
                    and (self.continues(toks[m], after_particle=m > k, particle=toks[m - 1].text)
                         or (m == k and (self.listed(toks[m].low) or toks[m].text[:1].isupper())
                             and toks[m].low not in KEEP_WORDS)):  # "gerardus "gerard" smit", "Corrie" Schouten
                for n in range(k, m + 1):
                    marked[n] = True
                grew = True
        return grew

    def _particle_name(self, text: str, toks: list[Tok], i: int, marked: list[bool]) -> None:
        j = i
        while j < len(toks) and toks[j].low in PARTICLES and (j == i or _joined(text, toks[j - 1], toks[j])):
            j += 1
        if j < len(toks) and j > i and _joined(text, toks[j - 1], toks[j]) \
                and self.continues(toks[j], after_particle=True):
            for k in range(i, j + 1):
                marked[k] = True

    def _post_cued(self, text: str, toks: list[Tok]) -> set[int]:
        """Tokens named before the cue: "Yonas Gebremedhin is mijn naam", "El Idrissi is mijn achternaam"."""
        m = POST_CUE.match(text)
        if not m:
            return set()
        return {i for i, t in enumerate(toks) if t.start >= m.start("naam") and t.end <= m.end("naam")}

    def _deduce_names(self, text: str, toks: list[Tok], starts: list[int],
                      cues: list[str | None]) -> Iterator[tuple[int, int]]:
        doc = self.deduce.deidentify(text)
        for ann in doc.annotations:
            idx = _inside(toks, starts, ann.start_char, ann.end_char)
            # deduce reads a capital as a hint; in chat a capital at the start of a sentence is none, and
            # a capitalised word ("in het Vaart kwartier") is no name without a cue. Its longer finds
            # ("mevr. de Graaf", "Henk de Jong") carry their own evidence.
            if len(idx) == 1 and cues[idx[0]] is None and self._doubtful(toks, idx[0], text):
                continue
            if ann.text.lower() in self.places:
                continue  # "Den Haag"
            # Keep the title in the text: "mevrouw [NAAM]", not "[NAAM]"; it names no one.
            while idx and toks[idx[0]].low in self.titles and len(idx) > 1:
                idx.pop(0)
            yield (toks[idx[0]].start if idx else ann.start_char), ann.end_char

    def _doubtful(self, toks: list[Tok], i: int, text: str) -> bool:
        tok = toks[i]
        low = tok.low
        if low in self.stop:
            return True
        if self.known_name(low):
            return False
        if low in self.first and tok.text[0].isupper() and not sentence_initial(text, tok.start) \
                and not is_common_word(low):
            return False  # "ik ga met Roos naar de markt"
        if low in self.first and tok.text[0].isupper() and low not in self.whitelist and wordfreq_nl(low) < 4.9 \
                and VERB_FOLLOWS.match(text, tok.end):
            return False  # "Tom heeft een verslaving", but not a word on its own line
        return low in self.ambiguous or low in self.places or is_common_word(low) or not tok.text[0].isupper() \
            or sentence_initial(text, tok.start)

    def _cue(self, text: str, toks: list[Tok], i: int) -> str | None:
        start = toks[i].start
        # A window, not all of a long message; "x " keeps '^' in the cues meaning the message's start.
        before = (text[:start] if start <= 60 else "x " + text[start - 60:start]).lower()
        if STRONG_CUE.search(before):
            return "strong"
        if TITLE_CUE.search(before):
            return "title"
        opening = toks[i].start < 80  # greetings and "met X" open a message
        if WEAK_CUE.search(before) or (opening and MET_CUE.search(text[:toks[i].start].lower())):
            return "weak"
        rest = text[toks[i].end:toks[i].end + 40].lower()
        # "Bas mijn zoon is 17", "Tom, mijn partner": a listed or capitalised name before its relation.
        tok = toks[i]
        if APPOSITION.match(rest) and (self.listed(tok.low) or (tok.text[:1].isupper() and tok.text[1:].islower())):
            return "title"
        # "Sharmila Ramsaran hier", "ahmed hier": a name at the start of the message, then "hier".
        if opening and re.match(r"^[\w\s'-]{0,30}?\b(?:hier|here)\b", rest) and re.fullmatch(r"\W*(?:(?:%s)\W+)*" % GREETINGS,
                                                                        text[:toks[i].start].lower()):
            return "weak"
        return None

    def _grow(self, text: str, toks: list[Tok], marked: list[bool]) -> None:
        """Grow names over particles and surname-like tokens; 'X en Y' makes Y a name when Y could be one."""
        changed = True
        while changed:
            changed = False
            for i in range(len(toks)):
                if not marked[i]:
                    continue
                # right: [particles] surname
                j = i + 1
                while j < len(toks) and _joined(text, toks[j - 1], toks[j]) and toks[j].low in PARTICLES:
                    j += 1
                if j < len(toks) and not marked[j] and _joined(text, toks[j - 1], toks[j]) \
                        and self.continues(toks[j], after_particle=j > i + 1,
                                           particle=" ".join(t.text for t in toks[i + 1:j])) \
                        and (j > i + 1 or toks[j].low not in PARTICLES):
                    for k in range(i + 1, j + 1):
                        marked[k] = True
                    changed = True
                # a nickname in brackets or quotes, and the surname after it: "Johannes (Hans) de Boer"
                if self._nickname(text, toks, i, marked):
                    changed = True
                # left: a first name or initials right before
                if i > 0 and not marked[i - 1] and _joined(text, toks[i - 1], toks[i]):
                    prev = toks[i - 1]
                    if _is_initials(prev.text) or (self.known_name(prev.low) and prev.low in self.first) or \
                            (self.shaped(toks[i].low) and self.surname_like(prev.low)):  # "dmytro tkachenko"
                        marked[i - 1] = True
                        changed = True
                # "Mehmet en Zeynep", "Ilse en Frank"
                if i + 2 < len(toks) and toks[i + 1].low in {"en", "of", "and", "&"} and not marked[i + 2] \
                        and _joined(text, toks[i], toks[i + 1]) and _joined(text, toks[i + 1], toks[i + 2]) \
                        and self.seed(toks, i + 2, text, "weak"):
                    marked[i + 2] = True
                    changed = True


def _plain(word: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()


def _countries() -> frozenset[str]:
    """Country names in English and Dutch (pycountry), so "ik kom uit Eritrea" keeps its country."""
    import gettext

    import pycountry

    dutch = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["nl"], fallback=True)
    names = set()
    for country in pycountry.countries:
        for name in (country.name, getattr(country, "common_name", country.name), dutch.gettext(country.name)):
            names.add(name.lower())
    return frozenset(names)


def _inside(toks: list[Tok], starts: list[int], start: int, end: int) -> list[int]:
    """Indexes of the tokens within [start, end)."""
    i = bisect.bisect_left(starts, start)
    found = []
    while i < len(toks) and toks[i].start < end:
        if toks[i].end <= end:
            found.append(i)
        i += 1
    return found


def _inflected(low: str) -> bool:
    """An inflected ordinary word: "scheldt" (schelden), "dealers" (dealer), "gebeld" (bellen)."""
    candidates = {low[:-1], low[:-2], low[:-1] + "en", low[:-2] + "en", low + "en"}
    if low.startswith("ge") and len(low) > 5:
        candidates |= {low[2:-1] + "en", low[2:-1] + low[-2] + "en"}
    return any(len(c) >= 4 and wordfreq_nl(c) >= 3.5 for c in candidates)


def _joined(text: str, a: Tok, b: Tok) -> bool:
    """Two tokens of one name: only spaces (or a hyphen) between them, no comma or full stop."""
    gap = text[a.end:b.start]
    return gap != "" and gap.strip(" -") == "" and len(gap) <= 3


def _is_initials(token: str) -> bool:
    return re.fullmatch(r"(?:[A-Z]\.){1,4}", token) is not None


def _read_lower(folder: Path, recursive: bool = False) -> frozenset[str]:
    files = folder.rglob("items.txt") if recursive else [folder / "items.txt"]
    return frozenset(ln.strip().lower() for f in files for ln in f.read_text(encoding="utf-8").splitlines()
                     if ln.strip())


def _tokens(folder: Path) -> frozenset[str]:
    """Single lower-case tokens of a name list ("De Vries" gives "vries"; particles are filtered later)."""
    return frozenset(t for entry in _read_lower(folder) for t in entry.replace("-", " ").split() if t.isalpha())
