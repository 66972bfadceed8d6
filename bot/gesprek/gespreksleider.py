"""The conversation, turn by turn, in plain Python: which question is open, what an answer means, what to say next.

Rasa recognises the message (intent, entities); this module decides. One object per turn: `beurt(toestand,
bericht)` takes the conversation's state (a JSON-able dict kept in a Rasa slot) and the recognised message, and
returns what to say (response names with values, rendered by `teksten`), the new state, signals and at most one
outcome. The services it needs (the network, saving a handover, withdrawing handovers) come from the caller, so
every path can be tested without Rasa or a database.

The rules that make it forgiving:
- one open question at a time; an answer is read with the question in mind (own words, typos, negations) and
  what is already known is never asked again (the first message often names the wijk, a language, the
  sub-topic or the person it is about);
- a message that does not answer is answered for what it is (a side question, a crisis, another levensdomein,
  a request for contact, a wish for simpler language) and then the open question comes back, in the current
  language level;
- at most one "dat herken ik niet" per question: the second time the bot says it moves on, and does.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any, Protocol

from bot.gesprek import herkennen, intake, keuze, levensdomein
from bot.gesprek.taalniveau import B1, LEVELS, STANDAARD
from bot.netwerk.matching import Keuze, Vraag
from bot.netwerk.netwerk import MeedenkerRecord
from bot.overdracht import contact
from bot.vocabulaire import ONDERWERPEN, SOORTEN_MEERVOUD, WLZ_ONDERWERPEN

# Outcomes (the `uitkomst` slot): a conversation with one of these did not end unanswered.
KEUZE, GEEN_MATCH, OVERDRACHT, GEEN_TOESTEMMING, GEEN_MEEDENKER, CRISIS, VERWIJDERD, MEDEWERKER = (
    "keuze", "geen_match", "overdracht", "geen_toestemming", "geen_meedenker", "crisis", "verwijderd", "medewerker")

WIDGET = "widget"  # an Uiting with only a card for the widget, no text
DOMEIN_INTENTS = levensdomein.INTENTS
# Questions the bot answers whenever they come, after which the open question is asked again.
ZIJVRAGEN = {
    "uitleg_clientondersteuning": ["utter_uitleg_clientondersteuning"],
    "uitleg_keuzevrijheid": ["utter_uitleg_keuzevrijheid"],
    "vraag_kosten": ["utter_kosten"],
    "vraag_onafhankelijkheid": ["utter_onafhankelijkheid"],
    "bot_vraag": ["utter_bot"],
    "vraag_privacy": ["utter_privacy", "utter_verwijderen_kan"],
    "buiten_bereik": ["utter_buiten_bereik"],
}
INTAKE = ("onderwerp", "wijk", "voorkeur", "taal")
ZEKER = 0.6  # below this an intent alone does not turn an answer into a side question

_VERSCHIL = re.compile(r"\bverschil\b.*\b(vrijwillig\w*|beroeps\w*)|\b(vrijwillig\w*|beroeps\w*)\b.*\bverschil\b")
_ZORGKANTOOR = re.compile(r"\b(zorgkantoor|wlz)\b")
_VERWIJDER = re.compile(r"\b(verwijder\w*|wis\w*|weghalen|haal\w* (\w+ ){0,3}weg|vergeten|delete|trek\w* (\w+ )?in|"
                        r"intrekken)\b")
_VRAAGWOORD = re.compile(r"^(wat|wie|waar|waarom|hoe|hoeveel|welke|wanneer|kan|kun|kunt|kunnen|mag|mogen|moet|"
                         r"moeten|is|zijn|ben|bent|kost|kosten|krijgen|krijgt|zit|zitten|staan|gaat|werkt|doen|"
                         r"heb|heeft|wordt|worden|ziet|zien|leest|weet)\b")


@dataclass(frozen=True)
class Bericht:
    """A recognised message: the text, Rasa's intent and confidence, the entities, the widget's level switch."""

    tekst: str
    intent: str | None = None
    zekerheid: float = 1.0
    entiteiten: dict[str, str] = field(default_factory=dict)
    taalniveau: str | None = None  # the level the widget's switch asks for
    ranking: tuple[tuple[str, float], ...] = ()  # the classifier's intents with confidence, best first

    @property
    def knop(self) -> bool:
        return self.tekst.startswith("/")

    @property
    def woorden(self) -> str:
        """The text as typed, or nothing for a button's payload."""
        return "" if self.knop else self.tekst


@dataclass
class Uiting:
    """One message of the bot: a response from domain.yml, its values, buttons (replacing the response's own when
    given) and a card for the widget."""

    naam: str
    waarden: dict[str, Any] = field(default_factory=dict)
    knoppen: list[dict] | None = None
    kaart: dict | None = None


@dataclass(frozen=True)
class Signaal:
    soort: str
    velden: dict[str, Any]


@dataclass(frozen=True)
class OverdrachtGegevens:
    """What a consented handover holds, for the caller to save with the transcript."""

    contact_manier: str
    contact_gegeven: str
    contact_moment: str | None
    gekozen: MeedenkerRecord | None
    vraag: Vraag | None
    namens: str | None
    huisbezoek: bool
    taalniveau: str


class Diensten(Protocol):
    """What the conversation needs from outside."""

    wijken: dict[str, str]
    reactietijd: str

    def meedenkers(self) -> list[MeedenkerRecord]: ...

    def kies(self, vraag: Vraag) -> Keuze: ...

    def bewaar_overdracht(self, gegevens: OverdrachtGegevens) -> bool: ...

    def vragenlijst_mag(self) -> bool:
        """The inwoner agrees to the questionnaire after support: noted on the handover just saved."""
        ...

    def trek_in(self) -> None: ...


@dataclass
class Beurt:
    """The result of one turn."""

    uitingen: list[Uiting]
    toestand: dict
    signalen: list[Signaal] = field(default_factory=list)
    uitkomst: str | None = None

    @property
    def namen(self) -> list[str]:
        return [u.naam for u in self.uitingen]


STEUN_BIJ_CRISISKANS = 0.25  # the fallback threshold: a chance the classifier itself would have acted on
KINDEREN = ("kind", "zoon", "dochter", "kleinkind", "kleinzoon", "kleindochter")


def nieuwe_toestand(taalniveau: str = STANDAARD) -> dict:
    return {"niveau": taalniveau if taalniveau in LEVELS else STANDAARD, "vraag": None, "pogingen": 0,
            "levensdomein": None, "onderwerp": None, "eigen_woorden": False, "wijk": None, "doelgroep": None,
            "voorkeur": None, "taal": None, "namens": None, "getoond": [], "soorten": {}, "na_keuze": False,
            "overdracht": None, "tweede_domein": None, "missers": 0, "steun_gegeven": False,
            "vorige_vraag": None, "wil_meedenker": False, "aangeboden_domein": None, "taal_signaal": False}


def _ja_nee_knoppen(b1: bool) -> list[dict]:
    return [{"title": "Ja" if b1 else "Ja, graag", "payload": "/bevestigen"},
            {"title": "Nee" if b1 else "Nee, nu niet", "payload": "/ontkennen"}]


class Gespreksleider:
    def __init__(self, diensten: Diensten):
        self.diensten = diensten

    # --- the turn ---------------------------------------------------------------------------------------------
    def beurt(self, toestand: dict | None, bericht: Bericht) -> Beurt:
        s = {**nieuwe_toestand(), **copy.deepcopy(toestand or {})}
        t = _Turn(self.diensten, s, bericht)
        t.run()
        return Beurt(t.uit, t.s, t.signalen, t.uitkomst)


class _Turn:
    """The work of one turn; `s` is the state being changed, `uit` what the bot says."""

    def __init__(self, diensten: Diensten, s: dict, bericht: Bericht):
        self.d = diensten
        self.s = s
        self.m = bericht
        self.uit: list[Uiting] = []
        self.signalen: list[Signaal] = []
        self.uitkomst: str | None = None

    # --- helpers ------------------------------------------------------------------------------------------------
    @property
    def b1(self) -> bool:
        return self.s["niveau"] == B1

    def zeg(self, naam: str, **waarden) -> Uiting:
        u = Uiting(naam, waarden)
        self.uit.append(u)
        return u

    def signaal(self, soort: str, **velden) -> None:
        base = {"levensdomein": self.s["levensdomein"], "onderwerp": self._bekend("onderwerp"),
                "taalniveau": self.s["niveau"]}
        self.signalen.append(Signaal(soort, {**base, **velden}))

    def _bekend(self, key: str) -> str | None:
        value = self.s.get(key)
        return None if value in (None, "", *intake.SKIP_VALUES.values()) else value

    @property
    def intent(self) -> str | None:
        return self.m.intent

    @property
    def zeker(self) -> bool:
        return self.m.zekerheid >= ZEKER

    def entiteit(self, naam: str) -> str | None:
        return self.m.entiteiten.get(naam)

    def _wie(self) -> str:
        return herkennen.namens_label(self.s["namens"])

    # --- the order in which a message is read -------------------------------------------------------------------
    def run(self) -> None:
        tekst = self.m.woorden
        if self.intent == "vraag_makkelijke_taal" or self.m.taalniveau:
            if self.s["vraag"] == "taal" and intake.parse_taal(tekst) not in (None, intake.SKIP):
                self.wissel_niveau(B1)  # "simpel nederlands" to the language question: an answer, and a wish
            else:
                return self.taalniveau()
        if self.intent == "crisis":
            return self.crisis()
        if self.s["vraag"] == "verwijderen":
            if self.verwijderen_antwoord():
                return
        elif self._wil_verwijderen():
            self.s["vorige_vraag"], self.s["vraag"] = self.s["vraag"], "verwijderen"
            self.zeg("utter_vraag_verwijderen")
            return
        # The middle ground: words of exhaustion, or a classifier that gave crisis a real chance without choosing it,
        # get the normal answer plus one calm line about where to turn (not the crisis numbers).
        twijfel = any(n == "crisis" and c >= STEUN_BIJ_CRISISKANS for n, c in self.m.ranking)
        steun = tekst and (herkennen.overbelast(tekst) or twijfel) and not self.s["steun_gegeven"]
        self.verwerk()
        if steun:
            self.s["steun_gegeven"] = True
            self.uit.insert(1 if len(self.uit) > 1 else len(self.uit), Uiting("utter_steun_overbelast"))

    def verwerk(self) -> None:
        vraag = self.s["vraag"]
        if vraag == "vragenlijst":
            return self.vragenlijst_antwoord()
        if vraag:
            if self._zijvraag() and (self._alleen_een_vraag() or not self._begrijpt_antwoord(vraag)):
                return self.zijvraag()
            if self.antwoord(vraag):
                return
        self.algemeen()

    def algemeen(self) -> None:
        """A message that is not an answer to an open question."""
        intent, vraag = self.intent, self.s["vraag"]
        domein = DOMEIN_INTENTS.get(intent)
        verzoek = herkennen.contactverzoek_in(self.m.woorden)
        # after the choice every phrasing of "contact me" starts the handover ("bel me", "kan iemand langskomen")
        # ("kan iemand naar mijn huis komen" is no housing question when it names no housing problem)
        if verzoek and vraag in (None, "tweede_domein") and self.s["levensdomein"] and intent not in (
                "vraag_kosten", "vraag_privacy", "bot_vraag", "crisis") and (
                domein is None or not herkennen.domeinen_in(self.m.woorden)):
            return self.start_overdracht(verzoek)
        herhaald = vraag and self.s.get("zijvraag_bij") == f"{vraag}:{intent}"
        if intent in ZIJVRAGEN and not herhaald:  # not an answer to the open question: a side question, even unsure
            self.zijvraag()
            if not self.s["levensdomein"] and vraag is None:
                domein = self._domein_uit_woorden()
                if domein:  # "mag ik een andere cliëntondersteuner voor mijn dagbesteding?"
                    self.nieuw_domein(domein)
            return None
        if intent == "vraag_medewerker":
            return self.start_overdracht(verzoek)
        if self.s["na_keuze"] and vraag is None and domein in (None, self.s["levensdomein"]) and self._andere_keuze():
            return None  # "heeft u ook iemand die Arabisch spreekt?" is about the choice, not a new question
        if domein is None and not self.s["levensdomein"] and vraag is None and intent not in (
                "groeten", "afscheid", "bedanken"):
            domein = self._domein_uit_woorden(uit_ranking=True)
        if domein and (self.zeker or vraag is None):
            if vraag not in (None, "wil_meedenker") and domein == self.s["levensdomein"]:
                return self.niet_herkend(vraag)  # the same story again: not an answer to this question
            return self.nieuw_domein(domein)
        if intent == "afscheid":
            self.s["vraag"] = None
            return self.zeg("utter_afscheid")
        if vraag:
            if intent in ("bedanken", "groeten"):
                return self.vraag_opnieuw()
            return self.niet_herkend(vraag)
        if intent == "bedanken":
            return self.zeg("utter_graag_gedaan")
        if intent == "groeten":
            return self.zeg("utter_groeten")
        if intent in ("bevestigen", "ontkennen", "geef_informatie"):
            return self.zeg("utter_hoe_verder")
        return self.fallback()

    # --- language level, crisis, erasure --------------------------------------------------------------------------
    def wissel_niveau(self, wanted: str) -> None:
        self.s["niveau"] = wanted
        # tells the widget, so its switch follows a typed request ("kan het makkelijker") too
        self.uit.append(Uiting(WIDGET, kaart={"type": "taalniveau", "taalniveau": wanted}))

    def taalniveau(self) -> None:
        self.wissel_niveau(self.m.taalniveau if self.m.taalniveau in LEVELS else B1)
        if self.s["vraag"]:
            self.zeg("utter_taalniveau_nu")
            self.vraag_opnieuw()
        elif self.s["na_keuze"]:
            self.zeg("utter_taalniveau_nu")
        else:
            self.zeg("utter_taalniveau_gewijzigd")

    def crisis(self) -> None:
        self.zeg("utter_crisis")
        self.signaal("crisis")
        self.uitkomst = CRISIS
        if self.s["vraag"]:
            self.vraag_opnieuw()

    def _wil_verwijderen(self) -> bool:
        tekst = herkennen.schoon(self.m.woorden)
        if not _VERWIJDER.search(tekst):
            return False
        return self.intent == "vraag_privacy" or bool(re.search(r"\b(gesprek|gegevens|chat|alles|data|verzoek)\b", tekst))

    def verwijderen_antwoord(self) -> bool:
        antwoord = {"bevestigen": "ja", "ontkennen": "nee"}.get(self.intent) or intake.parse_ja_nee(self.m.woorden)
        vorige = self.s["vorige_vraag"]
        self.s["vraag"], self.s["vorige_vraag"] = vorige, None
        if antwoord == "ja":
            self.d.trek_in()
            self.zeg("utter_gesprek_verwijderd")
            self.uitkomst = VERWIJDERD
            niveau = self.s["niveau"]
            self.s.clear()
            self.s.update(nieuwe_toestand(niveau))
            return True
        if antwoord == "nee":
            self.zeg("utter_gesprek_bewaard" if not vorige else "utter_gesprek_bewaard_verder")
            if vorige:
                self.vraag_opnieuw()
            return True
        return False  # not an answer to this: read it as if the offer had not been made

    # --- side questions -------------------------------------------------------------------------------------------
    def _zijvraag(self) -> bool:
        if self.intent not in ZIJVRAGEN or not (self.zeker or self.s["vraag"] is None):
            return False
        # The same side question again for the same open question is an answer the bot did not understand:
        # answering it a second time would be a loop.
        return not (self.s["vraag"] and self.s.get("zijvraag_bij") == f'{self.s["vraag"]}:{self.intent}')

    def _alleen_een_vraag(self) -> bool:
        """The message asks something and answers nothing: "kost een beroepskracht meer dan een vrijwilliger?"."""
        tekst = self.m.woorden.strip()
        if "?" in tekst:
            return not herkennen.schoon(tekst.rsplit("?", 1)[1])
        return bool(_VRAAGWOORD.search(herkennen.schoon(tekst)))

    def zijvraag(self) -> None:
        tekst = herkennen.schoon(self.m.woorden)
        self.s["zijvraag_bij"] = f'{self.s["vraag"]}:{self.intent}' if self.s["vraag"] else None
        if _VERSCHIL.search(tekst):
            self.zeg("utter_verschil_soorten")
        elif _ZORGKANTOOR.search(tekst) and self.intent in ("uitleg_clientondersteuning", "uitleg_keuzevrijheid"):
            self.zeg("utter_wlz_zorgkantoor")
        else:
            for naam in ZIJVRAGEN[self.intent]:
                self.zeg(naam)
        if self.s["vraag"]:
            self.vraag_opnieuw()

    # --- a new levensdomein -----------------------------------------------------------------------------------------
    def _domein_uit_woorden(self, uit_ranking: bool = False) -> str | None:
        """A first message the classifier did not place ("ik ben 70, schoonmaken is moeilijk, mijn rug pijn"; English):
        the domain whose sub-topic words it uses, or else the classifier's best domain when it was torn between two."""
        found = herkennen.domeinen_in(self.m.woorden)
        if len(found) == 1:
            return found[0]
        if uit_ranking and self.intent == "nlu_fallback":
            best = next(((n, c) for n, c in self.m.ranking if n != "nlu_fallback"), None)
            if best and best[0] in DOMEIN_INTENTS and best[1] >= 0.2:
                return DOMEIN_INTENTS[best[0]]
        return None

    def nieuw_domein(self, domein: str) -> None:
        s = self.s
        huidig = s["levensdomein"]
        tekst = self.m.woorden
        if huidig and huidig != domein and s["vraag"] in (*INTAKE, "toestemming", "contact", "moment",
                                                           "meedenker_keuze"):
            # in the middle of the questions: noted, and offered once the choice is shown
            s["tweede_domein"] = domein
            self.signalen.append(Signaal("levensdomein", {"levensdomein": domein, "taalniveau": s["niveau"],
                                                          "knelpunt": tekst or None}))
            self.zeg("utter_tweede_vraag_genoteerd", domein=_domein_naam(domein, self.b1))
            return self.vraag_opnieuw()
        tweede = bool(huidig) and huidig != domein and s["wil_meedenker"]
        self._begin_domein(domein)
        self._vul_in(tekst, domein)
        self.signaal("levensdomein", doelgroep=self._bekend("doelgroep"), knelpunt=tekst or None)
        self.zeg(f"utter_erkenning_{domein}")
        if tweede:
            s["vraag"] = "wil_meedenker"
            self.zeg("utter_vraag_meedenker_tweede")
            return
        self.zeg(f"utter_meedenker_{domein}")
        if s["onderwerp"] in WLZ_ONDERWERPEN:
            self.zeg("utter_wlz_zorgkantoor")
        if s["namens"]:
            self.zeg("utter_namens_gezien", persoon=self._wie())
        s["vraag"] = "wil_meedenker"
        self.zeg("utter_vraag_meedenker")

    def _begin_domein(self, domein: str) -> None:
        """A fresh search for this levensdomein; who the inwoner is (wijk, language, preference) stays."""
        self.s.update(levensdomein=domein, onderwerp=None, eigen_woorden=False, na_keuze=False, overdracht=None,
                      getoond=[], soorten={}, tweede_domein=None, pogingen=0, missers=0)

    def _vul_in(self, tekst: str, domein: str) -> None:
        """What the message already tells is not asked again."""
        s = self.s
        onderwerp = herkennen.hoofdonderwerp(self.entiteit("onderwerp"), domein) or herkennen.onderwerp_in(tekst, domein)
        s["onderwerp"] = onderwerp
        wijk = self.entiteit("wijk") if self.entiteit("wijk") in self.d.wijken else None
        s["wijk"] = wijk or herkennen.wijk_in(tekst, self.d.wijken, streng=True) or s["wijk"]
        taal = herkennen.taal_in_bericht(tekst)
        if taal:
            s["taal"] = taal
        s["taal_signaal"] = s.get("taal_signaal") or herkennen.taal_doet_ertoe(tekst)
        s["doelgroep"] = self.entiteit("doelgroep") or herkennen.doelgroep_in(tekst) or s["doelgroep"]
        namens = herkennen.namens_in(tekst, domein)
        if namens or not s["namens"]:
            s["namens"] = namens
        voorkeur = self.entiteit("voorkeur_ondersteuner")
        if voorkeur in ("vrijwillig", "beroepsmatig"):
            s["voorkeur"] = voorkeur

    # --- the open question ------------------------------------------------------------------------------------------
    def _begrijpt_antwoord(self, vraag: str) -> bool:
        return self._lees(vraag) is not None

    def _lees(self, vraag: str) -> Any:
        """The answer to `vraag` in this message, or None."""
        m, tekst = self.m, self.m.woorden
        ja_nee = {"bevestigen": "ja", "ontkennen": "nee"}.get(self.intent) if m.knop or not tekst else None
        if vraag in ("wil_meedenker", "toestemming", "tweede_domein", "vragenlijst"):
            return ja_nee or intake.parse_ja_nee(tekst)
        if vraag == "onderwerp":
            gekozen = self.entiteit("onderwerp")
            if gekozen == intake.ONBEKEND:
                return intake.SKIP
            value = herkennen.hoofdonderwerp(gekozen, self.s["levensdomein"])
            return value or intake.parse_onderwerp(tekst, self.s["levensdomein"])
        if vraag == "wijk":
            return intake.parse_wijk(self.entiteit("wijk") or tekst, self.d.wijken)
        if vraag == "voorkeur":
            return intake.parse_voorkeur(self.entiteit("voorkeur_ondersteuner") or tekst)
        if vraag == "taal":
            return intake.parse_taal(self.entiteit("taal") or tekst)
        if vraag == "contact":
            parsed = contact.parse(tekst)
            return parsed if isinstance(parsed, contact.Contact) else None
        if vraag == "moment":
            return contact.parse_moment(self.entiteit("contact_moment") or tekst)
        if vraag == "meedenker_keuze":
            shown = [(m_.sleutel, m_.naam, m_.organisatie) for m_ in self._getoonde()]
            return intake.parse_meedenker_keuze(self.entiteit("meedenker_keuze") or tekst, shown, self.s["soorten"])
        return None

    def antwoord(self, vraag: str) -> bool:
        """Reads the message as the answer to the open question; False when it is something else."""
        waarde = self._lees(vraag)
        if vraag == "tweede_domein":
            return self.tweede_domein_antwoord(waarde)
        if vraag in ("wil_meedenker", "toestemming"):
            if waarde is None:
                return False
            return self.ja_nee(vraag, waarde) or True
        if vraag == "contact":
            return self.contact_antwoord()
        if waarde is None:
            if vraag == "onderwerp" and self._eigen_woorden():
                self.s.update(onderwerp=None, eigen_woorden=True, pogingen=0)
                self.zeg("utter_omschrijving_genoteerd")
                return self.volgende() or True
            return False
        self.s["pogingen"] = 0
        if vraag in INTAKE:
            slot = {"voorkeur": "voorkeur_ondersteuner"}.get(vraag, vraag)
            self.s[vraag] = intake.SKIP_VALUES[slot] if waarde == intake.SKIP else waarde
            return self.volgende() or True
        if vraag == "moment":
            self.s["overdracht"]["moment"] = waarde
        elif vraag == "meedenker_keuze":
            keuze_, _, soort = waarde.partition(":")
            self.s["overdracht"]["keuze"] = keuze_
            if soort:
                self.zeg("utter_coordinator_kiest_soort", soort=SOORTEN_MEERVOUD[soort][1 if self.b1 else 0])
        return self.overdracht_verder() or True

    def _eigen_woorden(self) -> bool:
        """Own words for the sub-topic: anything typed that is not a side question or a request for a person."""
        return bool(self.m.woorden.strip()) and not self._zijvraag() and self.intent not in (
            "vraag_medewerker", "afscheid")

    def ja_nee(self, vraag: str, waarde: str) -> None:
        self.s["pogingen"] = 0
        if vraag == "wil_meedenker":
            if waarde == "nee":
                self.s["vraag"] = None
                self.uitkomst = GEEN_MEEDENKER
                return self.zeg("utter_geen_meedenker")
            self.s["wil_meedenker"] = True
            return self.volgende()
        if waarde == "nee":
            self.s["vraag"], self.s["overdracht"] = None, None
            self.uitkomst = GEEN_TOESTEMMING
            return self.zeg("utter_overdracht_geen_toestemming")
        self.s["overdracht"]["toestemming"] = True
        return self.overdracht_verder()

    def niet_herkend(self, vraag: str) -> None:
        """At most once per question; the second time the bot moves on and says so."""
        self.s["pogingen"] += 1
        if self.s["pogingen"] < 2:
            self.zeg("utter_antwoord_niet_herkend")
            return self.vraag_opnieuw()
        self.s["pogingen"] = 0
        if vraag in INTAKE:
            slot = {"voorkeur": "voorkeur_ondersteuner"}.get(vraag, vraag)
            self.s[vraag] = intake.SKIP_VALUES[slot]
            self.zeg("utter_vraag_overgeslagen")
            return self.volgende()
        if vraag == "wil_meedenker":
            self.s["vraag"] = None
            return self.zeg("utter_fallback_medewerker")
        if vraag == "toestemming":
            self.s["vraag"], self.s["overdracht"] = None, None
            self.uitkomst = GEEN_TOESTEMMING
            return self.zeg("utter_overdracht_geen_toestemming")
        if vraag == "contact":
            self.s["vraag"], self.s["overdracht"] = None, None
            self.uitkomst = MEDEWERKER
            self.signaal("medewerker")
            return self.zeg("utter_contact_niet_gelukt")
        if vraag == "moment":
            self.s["overdracht"]["moment"] = "maakt_niet_uit"
            self.zeg("utter_vraag_overgeslagen")
            return self.overdracht_verder()
        if vraag == "meedenker_keuze":
            self.s["overdracht"]["keuze"] = intake.COORDINATOR
            self.zeg("utter_coordinator_kiest")
            return self.overdracht_verder()
        if vraag == "tweede_domein":
            self.s["vraag"], self.s["aangeboden_domein"] = None, None
            return self.zeg("utter_hoe_verder")

    # --- the intake -------------------------------------------------------------------------------------------------
    def volgende(self) -> None:
        """Ask the next question that is not known yet, or show the choice."""
        s = self.s
        for vraag in INTAKE:
            if vraag == "onderwerp" and (s["levensdomein"] not in ONDERWERPEN or s["eigen_woorden"]):
                continue
            if vraag == "taal" and s["taal"] is None and not self._taal_vragen():
                s["taal"] = "nederlands"  # written in plain Dutch; "Iemand die mijn taal spreekt" stays after the choice
                continue
            if s[vraag] is None:
                s["vraag"], s["pogingen"] = vraag, 0
                return self.stel(vraag)
        s["vraag"] = None
        self.toon_keuze()

    def _taal_vragen(self) -> bool:
        """Only when there is a reason: someone else's question, makkelijke taal, a newcomer, or a message that
        names a language or is not in plain Dutch."""
        s = self.s
        namens = s["namens"] and s["namens"] not in KINDEREN  # a parent writing Dutch: the child speaks it too
        return bool(namens or s["niveau"] == B1 or s["doelgroep"] == "migranten" or s.get("taal_signaal"))

    def stel(self, vraag: str) -> None:
        """Ask a question (again)."""
        s, b1 = self.s, self.b1
        if vraag == "onderwerp":
            opties = ONDERWERPEN.get(s["levensdomein"], {})
            knoppen = [{"title": labels[1 if b1 else 0], "payload": f'/geef_informatie{{"onderwerp":"{key}"}}'}
                       for key, labels in opties.items()]
            self.uit.append(Uiting("utter_ask_onderwerp", knoppen=knoppen + [_weet_niet("onderwerp")]))
        elif vraag == "wijk":
            knoppen = [{"title": naam, "payload": f'/geef_informatie{{"wijk":"{key}"}}'}
                       for key, naam in self.d.wijken.items()]
            naam = "utter_ask_wijk_namens" if s["namens"] else "utter_ask_wijk"
            self.uit.append(Uiting(naam, {"persoon": self._wie()}, knoppen=knoppen + [_weet_niet("wijk")]))
        elif vraag == "voorkeur":
            self.zeg("utter_ask_voorkeur_ondersteuner")
        elif vraag == "taal":
            self.zeg("utter_ask_taal_namens" if s["namens"] else "utter_ask_taal", persoon=self._wie())
        elif vraag == "wil_meedenker":
            self.zeg("utter_vraag_meedenker")
        elif vraag == "toestemming":
            self.zeg("utter_ask_overdracht_toestemming_namens" if s["namens"] else "utter_ask_overdracht_toestemming",
                     persoon=self._wie())
        elif vraag == "contact":
            gewenst = (s["overdracht"] or {}).get("gewenst")
            self.zeg({"email": "utter_contact_vraag_email", "telefoon": "utter_contact_vraag_telefoon"}.get(
                gewenst, "utter_ask_contact_gegeven"))
        elif vraag == "moment":
            self.zeg("utter_ask_contact_moment")
        elif vraag == "meedenker_keuze":
            knoppen = [{"title": f"{m.naam} ({m.organisatie})",
                        "payload": f'/geef_informatie{{"meedenker_keuze":"{m.sleutel}"}}'} for m in self._getoonde()]
            knoppen.append({"title": "Laat de coördinator kiezen",
                            "payload": f'/geef_informatie{{"meedenker_keuze":"{intake.COORDINATOR}"}}'})
            self.uit.append(Uiting("utter_ask_meedenker_keuze", knoppen=knoppen))
        elif vraag == "verwijderen":
            self.zeg("utter_vraag_verwijderen")
        elif vraag == "tweede_domein":
            self.zeg("utter_tweede_vraag_aanbod", domein=_domein_naam(self.s["aangeboden_domein"], self.b1))

    def vraag_opnieuw(self) -> None:
        if self.s["vraag"]:
            self.stel(self.s["vraag"])

    def vraag(self) -> Vraag | None:
        return keuze.vraag_from_slots(self.slots())

    def slots(self) -> dict:
        s = self.s
        return {"levensdomein": s["levensdomein"], "onderwerp": s["onderwerp"], "doelgroep": s["doelgroep"],
                "wijk": s["wijk"], "voorkeur_ondersteuner": s["voorkeur"], "taal": s["taal"]}

    def toon_keuze(self) -> None:
        s = self.s
        vraag = self.vraag()
        if vraag is None:
            return self.zeg("utter_hoe_verder")
        gekozen = self.d.kies(vraag)
        s["na_keuze"], s["vraag"] = True, None
        if gekozen.leeg:
            s["getoond"], s["soorten"] = [], {}
            self.zeg("utter_geen_match")
            self.signaal("geen_match", doelgroep=vraag.doelgroep, wijk=vraag.wijk)
            self.uitkomst = GEEN_MATCH
        else:
            for naam in keuze.responses_for_choice(gekozen, vraag):
                if naam != "<opties>":
                    self.zeg(naam)
                    continue
                for optie in gekozen.opties:
                    shown = keuze.optie_values(optie, s["niveau"], vraag.taal)
                    self.uit.append(Uiting("utter_meedenker_optie", shown["values"], kaart=shown["card"]))
            s["getoond"] = [o.meedenker.sleutel for o in gekozen.opties]
            s["soorten"] = {o.meedenker.sleutel: o.meedenker.soort for o in gekozen.opties}
            self.signaal("keuze", doelgroep=vraag.doelgroep, wijk=vraag.wijk)
            self.uitkomst = KEUZE
        if s["tweede_domein"]:
            self.bied_tweede_domein_aan()

    def bied_tweede_domein_aan(self) -> None:
        """The other levensdomein the inwoner named during the questions, offered its own search now."""
        s = self.s
        s["aangeboden_domein"], s["tweede_domein"] = s["tweede_domein"], None
        s["vraag"], s["pogingen"] = "tweede_domein", 0
        self.stel("tweede_domein")

    def tweede_domein_antwoord(self, antwoord: str | None) -> bool:
        if antwoord is None:
            return False
        s = self.s
        domein, s["aangeboden_domein"] = s["aangeboden_domein"], None
        if antwoord == "nee":
            s["vraag"] = None
            self.zeg("utter_geen_meedenker")
            return True
        self._begin_domein(domein)
        self.zeg(f"utter_erkenning_{domein}")
        self.volgende()
        return True

    def _andere_keuze(self) -> bool:
        """After the choice: other meedenkers for another preference, wijk or language."""
        s = self.s
        if self.entiteit("taal") == "andere" or "andere taal" in herkennen.schoon(self.m.woorden):
            s["taal"], s["vraag"], s["pogingen"], s["taal_signaal"] = None, "taal", 0, True
            return self.stel("taal") or True
        talen = herkennen.talen_in(self.m.woorden)
        if talen and not self.m.knop:  # "heeft u ook iemand die Arabisch spreekt?"
            s["taal"] = talen[0]
            return self.toon_keuze() or True
        voorkeur = intake.parse_voorkeur(self.entiteit("voorkeur_ondersteuner") or self.m.woorden)
        wijk = self.entiteit("wijk") if self.entiteit("wijk") in self.d.wijken else None
        if voorkeur is None and wijk is None:
            return False
        if voorkeur is not None:
            s["voorkeur"] = voorkeur
        if wijk:
            s["wijk"] = wijk
        self.toon_keuze()
        return True

    def _getoonde(self) -> list[MeedenkerRecord]:
        keys = self.s["getoond"] or []
        if not keys:
            return []
        by_key = {m.sleutel: m for m in self.d.meedenkers()}
        return [by_key[k] for k in keys if k in by_key]

    # --- the handover -----------------------------------------------------------------------------------------------
    def start_overdracht(self, verzoek: herkennen.Contactverzoek | None) -> None:
        s = self.s
        s["overdracht"] = {"toestemming": False, "manier": None, "gegeven": None, "moment": None, "keuze": None,
                           "gewenst": verzoek.manier if verzoek else None,
                           "huisbezoek": bool(verzoek and verzoek.langskomen)}
        parsed = contact.parse(self.m.woorden)
        if isinstance(parsed, contact.Contact):
            s["overdracht"].update(manier=parsed.manier, gegeven=parsed.gegeven)
        s["vraag"], s["pogingen"] = "toestemming", 0
        self.stel("toestemming")

    def contact_antwoord(self) -> bool:
        parsed = contact.parse(self.m.woorden)
        o = self.s["overdracht"]
        if isinstance(parsed, contact.Contact):
            o.update(manier=parsed.manier, gegeven=parsed.gegeven)
            self.s["pogingen"] = 0
            self.overdracht_verder()
            return True
        if parsed.code in ("vraag_telefoon", "vraag_email") and not self._zijvraag():
            o["gewenst"] = "telefoon" if parsed.code == "vraag_telefoon" else "email"
            self.stel("contact")
            return True
        if parsed.code in ("ongeldig_telefoon", "ongeldig_email"):
            self.s["pogingen"] += 1
            if self.s["pogingen"] >= 2:
                self.niet_herkend("contact")
                return True
            self.zeg(f"utter_contact_{parsed.code}")
            return True
        return False

    def overdracht_verder(self) -> None:
        s, o = self.s, self.s["overdracht"]
        if not o["toestemming"]:
            s["vraag"] = "toestemming"
        elif not o["gegeven"]:
            s["vraag"] = "contact"
        elif not o["moment"]:
            s["vraag"] = "moment"
        elif o["keuze"] is None and self._getoonde():
            s["vraag"] = "meedenker_keuze"
        else:
            return self.bewaar_overdracht()
        s["pogingen"] = 0
        self.stel(s["vraag"])

    def bewaar_overdracht(self) -> None:
        s, o = self.s, self.s["overdracht"]
        gekozen = next((m for m in self._getoonde() if m.sleutel == o["keuze"]), None)
        vraag = self.vraag()
        gegevens = OverdrachtGegevens(
            contact_manier=o["manier"], contact_gegeven=o["gegeven"], contact_moment=o["moment"], gekozen=gekozen,
            vraag=vraag, namens=s["namens"], huisbezoek=o["huisbezoek"], taalniveau=s["niveau"])
        s["vraag"], s["overdracht"] = None, None
        if not self.d.bewaar_overdracht(gegevens):
            return self.zeg("utter_overdracht_mislukt")
        self.signaal("overdracht", doelgroep=vraag.doelgroep if vraag else None, wijk=vraag.wijk if vraag else None)
        self.uitkomst = OVERDRACHT
        self.zeg("utter_overdracht_bevestigd",
                 wie=f"{gekozen.naam} van {gekozen.organisatie}" if gekozen else "Een meedenker",
                 moment=contact.MOMENT_IN_ZIN.get(o["moment"], ""),
                 contact=("telefoon op " if o["manier"] == contact.TELEFOON else "e-mail op ") + (o["gegeven"] or ""),
                 reactietijd=self.d.reactietijd)
        if s.get("tweede_domein"):
            self.bied_tweede_domein_aan()
        else:  # one optional question about afterwards; anything else than yes or no lets it pass
            s["vraag"] = "vragenlijst"
            self.zeg("utter_ask_vragenlijst")

    def vragenlijst_antwoord(self) -> None:
        self.s["vraag"] = None
        waarde = self._lees("vragenlijst")
        if waarde is None or (self._zijvraag() and self._alleen_een_vraag()):
            return self.algemeen()  # not an answer: the question steps aside, the message is read as usual
        if waarde == "ja" and self.d.vragenlijst_mag():
            return self.zeg("utter_vragenlijst_ja")
        if waarde == "nee":
            return self.zeg("utter_vragenlijst_nee")
        return self.zeg("utter_overdracht_mislukt")  # "ja" could not be noted: say so, never pretend

    # --- not understood at all --------------------------------------------------------------------------------------
    def fallback(self) -> None:
        self.s["missers"] += 1
        if self.s["missers"] % 2 == 1:
            return self.zeg("utter_fallback_herformuleren")
        self.signaal("medewerker")
        self.uitkomst = self.uitkomst or MEDEWERKER
        self.zeg("utter_fallback_medewerker")


def _weet_niet(slot: str) -> dict:
    return {"title": "Weet ik niet", "payload": f'/geef_informatie{{"{slot}":"{intake.ONBEKEND}"}}'}


_DOMEIN_NAMEN = {"wonen": ("wonen", "uw huis"), "werk_inkomen": ("werk en inkomen", "geld of werk"),
                 "jeugd": ("jeugd en opvoeding", "uw kind"), "wmo_aanvraag": ("hulp of zorg van de gemeente (Wmo)",
                                                                             "hulp thuis")}


def _domein_naam(domein: str, b1: bool) -> str:
    return _DOMEIN_NAMEN[domein][1 if b1 else 0]
