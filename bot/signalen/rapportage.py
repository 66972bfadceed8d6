"""Policy reports for the gemeente from the anonymous signals, with small numbers hidden.

Every number in a report is a count of signals (`Telling`: a soort plus filters such as levensdomein or
wijk). A count that appears in several tables has one key, so it is hidden or shown alike everywhere.
A reader can add up shown numbers wherever the report holds a total, even across tables; those sums are
the `Lijn`s that suppression works on (see `onderdruk`).

The answers to the questionnaire after support (`VragenlijstAntwoord`) are counted the same way: each
filled-in questionnaire is one VRAGENLIJST record and each statement it answers one ANTWOORD record, so
their counts are `Telling`s too and go through the same suppression.

The tables are ordered by the gemeente's monitoring questions (Movisie handreiking): reach and how inwoners
found us, what the chat led to, availability and expertise of the network, how support ended, and how
inwoners experienced it (`HOOFDSTUKKEN`).
"""
from __future__ import annotations

import datetime as dt
import math
import re
import statistics
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Hashable, Iterable, Mapping, NamedTuple, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import vocabulaire
from bot.gesprek.taalniveau import B1
from bot.models import Signaal, VragenlijstAntwoord
from bot.signalen.signalen import AFGESLOTEN, GEEN_MATCH, KEUZE, MENING, OVERDRACHT, SOORTEN, UITKOMSTEN
from bot.signalen.signalen import LEVENSDOMEIN as CONTACT
from bot.vocabulaire import (
    BEKEND_VIA,
    CHAT_KANALEN,
    CHAT_OORDELEN,
    DOELGROEPEN,
    DOORVERWIJZINGEN,
    KANALEN,
    LEVENSDOMEINEN,
    ONDERWERP_LABELS,
    ONDERWERPEN,
    SCHAAL,
    SOORT_LABELS,
    STELLINGEN,
    UITKOMSTEN_OVERDRACHT,
    VERWIJZERS,
)

STANDAARD_DREMPEL = 5

# Cell states. A hidden count shows as "<5" (below the threshold) or "x" (5 or more, hidden so that a
# small count elsewhere in its row or column cannot be computed back from a total).
KLEIN = "klein"
VERBORGEN = "verborgen"
NVT = "nvt"  # not applicable, e.g. a share without a denominator
TE_WEINIG = "te_weinig"  # a median or percentile over fewer than `drempel` values: not shown

MAANDEN = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december"]
DOMEINEN = LEVENSDOMEINEN

VRAAG = "vraag"  # keuze + geen_match: the inwoner wanted a meedenker and the bot searched
UITKOMST_SOORTEN = {uitkomst: soort for soort, uitkomst in SOORTEN.items() if uitkomst}  # gematcht: keuze
# Records of the questionnaire after support, counted like signals: one per questionnaire, one per statement.
VRAGENLIJST, ANTWOORD = "vragenlijst", "vragenlijst_antwoord"
GEREGISTREERD = "geregistreerd"  # `ingang` of a question registered by hand (any of vocabulaire.KANALEN)
ONDERSTEUNING = "ondersteuning"  # the outcome "Passende ondersteuning gevonden"
DOORVERWEZEN = "doorverwezen"  # the outcome "Doorverwezen", with where to (`doorverwezen_naar`)


# --- Suppression -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Lijn:
    """Numbers a reader can add up: sum(delen) == totaal."""

    delen: tuple
    totaal: Hashable


def onderdruk(waarden: Mapping[Hashable, int], lijnen: Iterable[Lijn], drempel: int) -> dict[Hashable, str]:
    """Which counts to hide: key -> "" (show), KLEIN ("<5") or VERBORGEN ("x").

    1. every count below `drempel` (0 too) is KLEIN;
    2. the totals trap: a line (parts and total) with exactly one hidden number gets a second one hidden:
       the smallest shown part, preferring one that also protects another line; the total only when no
       part is left. A lone hidden 0 needs no partner: computing it back says nothing about anyone;
    3. audit: with everything shown, every line, "<5" meaning 0..drempel-1 and "x" meaning at least
       `drempel`, the lowest and highest possible value of each small count is computed (a linear
       program). While a small count other than 0 is pinned to one value, a number next to it is hidden.
    """
    if drempel < 1:
        raise ValueError("de drempel moet minstens 1 zijn")
    lijnen = list(dict.fromkeys(lijnen))
    for lijn in lijnen:
        assert sum(waarden[d] for d in lijn.delen) == waarden[lijn.totaal], f"lijn klopt niet: {lijn}"
    status = {k: KLEIN if v < drempel else "" for k, v in waarden.items()}
    per_cel = defaultdict(list)
    for lijn in lijnen:
        for c in (*lijn.delen, lijn.totaal):
            per_cel[c].append(lijn)
    while True:
        while _totalenval(waarden, lijnen, per_cel, status):
            pass
        te_herleiden = _herleidbaar(waarden, lijnen, status, drempel)
        if not te_herleiden or not _verberg_naast(te_herleiden[0], waarden, per_cel, status):
            return status


def _verborgen(lijn: Lijn, status: dict) -> list:
    return [c for c in (*lijn.delen, lijn.totaal) if status[c]]


def _kies(lijn: Lijn, waarden, per_cel, status) -> Hashable | None:
    """The number to hide next in this line: a part before the total, then one that also gives another
    line its second hidden number, then the smallest."""
    def voorkeur(c):
        helpt = sum(1 for andere in per_cel[c] if andere != lijn and len(_verborgen(andere, status)) == 1)
        return c == lijn.totaal, -helpt, waarden[c]

    kandidaten = [c for c in (*lijn.delen, lijn.totaal) if not status[c]]
    return min(kandidaten, key=voorkeur) if kandidaten else None


def _totalenval(waarden, lijnen: Sequence[Lijn], per_cel, status: dict) -> bool:
    changed = False
    for lijn in lijnen:
        verborgen = _verborgen(lijn, status)
        if len(verborgen) == 1 and not (status[verborgen[0]] == KLEIN and waarden[verborgen[0]] == 0):
            status[_kies(lijn, waarden, per_cel, status)] = VERBORGEN
            changed = True
    return changed


def _herleidbaar(waarden, lijnen: Sequence[Lijn], status: dict, drempel: int) -> list:
    """Small non-zero counts whose value follows exactly from what the report shows."""
    from scipy.optimize import linprog  # a dependency of Rasa; only needed when something is hidden

    open_lijnen = [lijn for lijn in lijnen if any(status[c] for c in (*lijn.delen, lijn.totaal))]
    gevonden = []
    for groep in _samenhangend(open_lijnen, status):
        onbekend = list(dict.fromkeys(c for lijn in groep for c in (*lijn.delen, lijn.totaal) if status[c]))
        index = {k: i for i, k in enumerate(onbekend)}
        matrix, rechts = [], []
        for lijn in groep:
            rij = [0.0] * len(onbekend)
            bekend = 0
            for c, teken in [*((d, 1) for d in lijn.delen), (lijn.totaal, -1)]:
                if status[c]:
                    rij[index[c]] += teken
                else:
                    bekend += teken * waarden[c]
            matrix.append(rij)
            rechts.append(-bekend)
        grenzen = [(0, drempel - 1) if status[k] == KLEIN else (drempel, None) for k in onbekend]
        for k in onbekend:
            if status[k] != KLEIN or waarden[k] == 0:
                continue
            doel = [0.0] * len(onbekend)
            doel[index[k]] = 1.0
            laag = linprog(doel, A_eq=matrix, b_eq=rechts, bounds=grenzen, method="highs")
            hoog = linprog([-x for x in doel], A_eq=matrix, b_eq=rechts, bounds=grenzen, method="highs")
            if laag.status != 0 or hoog.status != 0:
                continue  # unbounded above: certainly not pinned
            if math.floor(-hoog.fun + 1e-6) <= math.ceil(laag.fun - 1e-6):
                gevonden.append(k)
    return gevonden


def _samenhangend(lijnen: Sequence[Lijn], status: dict) -> list[list[Lijn]]:
    """Groups of lines linked by hidden numbers; each group is an independent puzzle for a reader."""
    ouder: dict = {}

    def wortel(x):
        while ouder.setdefault(x, x) != x:
            ouder[x] = ouder[ouder[x]]
            x = ouder[x]
        return x

    for i, lijn in enumerate(lijnen):
        for c in (*lijn.delen, lijn.totaal):
            if status[c]:
                ouder[wortel(("lijn", i))] = wortel(("cel", c))
    groepen = defaultdict(list)
    for i, lijn in enumerate(lijnen):
        groepen[wortel(("lijn", i))].append(lijn)
    return list(groepen.values())


def _verberg_naast(sleutel, waarden, per_cel, status: dict) -> bool:
    """Hide the shown number nearest to `sleutel`: in one of its own lines if possible (the one with the
    fewest hidden numbers), else in a line reached through other hidden numbers."""
    gezien_cellen, gezien_lijnen, rand = {sleutel}, set(), [sleutel]
    while rand:
        open_lijnen = []
        volgende = []
        for cel in rand:
            for lijn in per_cel[cel]:
                if lijn in gezien_lijnen:
                    continue
                gezien_lijnen.add(lijn)
                if _kies(lijn, waarden, per_cel, status) is not None:
                    open_lijnen.append(lijn)
                volgende += [c for c in _verborgen(lijn, status) if c not in gezien_cellen]
                gezien_cellen.update(volgende)
        if open_lijnen:
            lijn = min(open_lijnen, key=lambda lijn: len(_verborgen(lijn, status)))
            status[_kies(lijn, waarden, per_cel, status)] = VERBORGEN
            return True
        rand = volgende
    return False  # everything connected to it is hidden already


# --- The report --------------------------------------------------------------------------------------

class Telling(NamedTuple):
    """A count of signals of one soort (or VRAAG) that match the filters, e.g. wijk=centrum."""

    soort: str
    filters: tuple


def telling(soort: str, **filters) -> Telling:
    return Telling(soort, tuple(sorted(filters.items())))


@dataclass
class Cel:
    waarde: int | float | None = None  # a count, or a share between 0 and 1
    status: str = ""  # "", KLEIN, VERBORGEN or NVT
    aandeel: bool = False

    def tekst(self, drempel: int) -> str:
        if self.status == KLEIN:
            return f"<{drempel}"
        if self.status == VERBORGEN:
            return "x"
        if self.status in (NVT, TE_WEINIG) or self.waarde is None:
            return "–"
        if self.aandeel:
            return f"{self.waarde * 100:.1f}".replace(".", ",") + "%"
        if isinstance(self.waarde, float):  # a median of days, e.g. 2,5
            return f"{self.waarde:.1f}".replace(".", ",")
        return f"{self.waarde:,}".replace(",", ".")

    @property
    def getoond(self) -> bool:
        return not self.status and self.waarde is not None


@dataclass
class Rij:
    koppen: list[str]  # row header cells (one, or levensdomein + onderwerp)
    cellen: list[Cel]
    soort: str = ""  # "", "subtotaal" or "totaal"


@dataclass
class Tabel:
    naam: str  # short Dutch name: sheet name and CSV `tabel` value (at most 31 characters)
    titel: str  # caption
    uitleg: str
    koppen: list[str]  # column headers; the first `rijkoppen` head the row header cells
    rijen: list[Rij]
    rijkoppen: int = 1


class Hoofdstuk(NamedTuple):
    titel: str
    vraag: str  # the monitoring question the chapter answers, as the gemeente asks it
    tabellen: list[Tabel]


# Chapters in the order of the monitoring questions of the Movisie handreiking: (title, question, Rapport fields).
HOOFDSTUKKEN = [
    ("Bereik en bekendheid", "Vinden inwoners en verwijzers de cliëntondersteuning, en bereiken we ook groepen "
     "die minder snel hulp vragen, zoals mensen met een licht verstandelijke beperking, met psychische problemen, "
     "dak- en thuislozen en jongeren?", ["per_maand", "per_kanaal", "bekend_via", "bereik_doelgroep", "per_wijk"]),
    ("Wat de chat opleverde", "Wat gebeurde er nadat de chat de vraag van de inwoner herkende?",
     ["uitkomsten", "uitkomsten_aandeel", "taalniveau"]),
    ("Beschikbaarheid en deskundigheid", "Is er genoeg beschikbaarheid en deskundigheid in het netwerk, en "
     "krijgen inwoners snel genoeg contact?", ["gaten", "per_doelgroep", "eerste_contact"]),
    ("Afloop en samenwerking", "Kregen inwoners passende ondersteuning, en verwijzen vrijwilligers en "
     "beroepskrachten naar elkaar?", ["afloop", "per_soort", "doorverwezen_naar", "verwijzingen"]),
    ("Ervaringen van inwoners", "Hoe ervoeren inwoners de ondersteuning en de chat, en wat kan beter?",
     ["ervaringen", "chat_oordeel", "verbeterpunten"]),
    ("Knelpunten", "Waar lopen inwoners tegenaan?", ["knelpunten"]),
]


@dataclass
class Rapport:
    van: dt.date
    tot: dt.date  # including this day
    drempel: int
    gemeente: str | None
    gemaakt: dt.date
    kerncijfers: list[tuple[str, Cel]]
    per_maand: Tabel
    uitkomsten: Tabel
    uitkomsten_aandeel: Tabel
    gaten: Tabel
    per_wijk: Tabel
    per_doelgroep: Tabel
    taalniveau: Tabel
    per_kanaal: Tabel
    afloop: Tabel
    knelpunten: Tabel
    bekend_via: Tabel
    bereik_doelgroep: Tabel
    eerste_contact: Tabel
    per_soort: Tabel
    doorverwezen_naar: Tabel
    verwijzingen: Tabel
    ervaringen: Tabel
    chat_oordeel: Tabel
    verbeterpunten: Tabel
    reactietijd_dagen: int | None = None  # REACTIETIJD in working days, as the report compared it

    @property
    def hoofdstukken(self) -> list[Hoofdstuk]:
        return [Hoofdstuk(titel, vraag, [getattr(self, veld) for veld in velden])
                for titel, vraag, velden in HOOFDSTUKKEN]

    @property
    def tabellen(self) -> list[Tabel]:
        """Every table, in the order of the chapters (the HTML, the CSV and the Excel sheets)."""
        return [t for h in self.hoofdstukken for t in h.tabellen]


def datum_tekst(d: dt.date) -> str:
    return f"{d.day} {MAANDEN[d.month - 1]} {d.year}"


def onderwerp_label(sleutel: str) -> str:
    return vocabulaire.label(ONDERWERP_LABELS, sleutel)


class _Teller:
    """Counts signals per soort and filters; one pass over the signals per combination of dimensions."""

    def __init__(self, signalen: list[dict]):
        self._signalen = signalen
        self._cache: dict[tuple, Counter] = {}

    def __call__(self, t: Telling) -> int:
        if t.soort == VRAAG:
            return self(Telling(KEUZE, t.filters)) + self(Telling(GEEN_MATCH, t.filters))
        dims = tuple(naam for naam, _ in t.filters)
        if (t.soort, dims) not in self._cache:
            self._cache[t.soort, dims] = Counter(
                tuple(s.get(d) for d in dims) for s in self._signalen if s["soort"] == t.soort)
        return self._cache[t.soort, dims][tuple(w for _, w in t.filters)]


class _Opbouw:
    """Collects the cells of all tables and the sums a reader can make, then fills in what may be shown."""

    def __init__(self, teller: _Teller):
        self._teller = teller
        self.waarden: dict[Telling, int] = {}
        self.lijnen: list[Lijn] = []
        self._aantallen: list[tuple[Cel, Telling]] = []
        self._aandelen: list[tuple[Cel, Telling, Telling]] = []

    def _tel(self, t: Telling) -> Telling:
        if t not in self.waarden:
            self.waarden[t] = self._teller(t)
        return t

    def aantal(self, t: Telling) -> Cel:
        cel = Cel()
        self._aantallen.append((cel, self._tel(t)))
        return cel

    def aandeel(self, teller: Telling, noemer: Telling) -> Cel:
        cel = Cel(aandeel=True)
        self._aandelen.append((cel, self._tel(teller), self._tel(noemer)))
        return cel

    def som(self, delen: Iterable[Telling], totaal: Telling) -> None:
        self.lijnen.append(Lijn(tuple(self._tel(d) for d in delen), self._tel(totaal)))

    def vul_in(self, drempel: int) -> None:
        status = onderdruk(self.waarden, self.lijnen, drempel)
        for cel, t in self._aantallen:
            # A hidden count is not kept in the report at all, so no later view can show it by mistake.
            cel.waarde, cel.status = (None, status[t]) if status[t] else (self.waarden[t], "")
        for cel, teller, noemer in self._aandelen:
            if status[teller] or status[noemer]:
                cel.status = VERBORGEN  # a share of a hidden count would give the count away
            elif self.waarden[noemer] == 0:
                cel.status = NVT
            else:
                cel.waarde = self.waarden[teller] / self.waarden[noemer]


def _maanden(van: dt.date, tot: dt.date) -> list[str]:
    maanden, jaar, maand = [], van.year, van.month
    while (jaar, maand) <= (tot.year, tot.month):
        maanden.append(f"{jaar}-{maand:02d}")
        jaar, maand = (jaar + 1, 1) if maand == 12 else (jaar, maand + 1)
    return maanden


def maand_label(maand: str) -> str:
    jaar, nummer = maand.split("-")
    return f"{MAANDEN[int(nummer) - 1]} {jaar}"


def _lees_signalen(session: Session, van: dt.date, tot: dt.date, reactietijd: int | None = None) -> list[dict]:
    """The signals of the period as dicts, with values outside the vocabulary set to None (or dropped where a
    signal cannot be placed), and the derived dimensions the tables count by."""
    rijen = session.execute(
        select(Signaal.datum, Signaal.soort, Signaal.levensdomein, Signaal.onderwerp, Signaal.doelgroep,
               Signaal.wijk, Signaal.taalniveau, Signaal.knelpunt, Signaal.kanaal, Signaal.uitkomst,
               Signaal.verwijzer, Signaal.bekend_via, Signaal.meedenker_soort, Signaal.via_soort,
               Signaal.doorverwezen_naar, Signaal.werkdagen_tot_contact)
        .where(Signaal.datum >= van, Signaal.datum <= tot)).all()
    signalen = []
    for r in rijen:
        s = dict(r._mapping)
        if s["soort"] == AFGESLOTEN and s["uitkomst"] not in UITKOMSTEN_OVERDRACHT:
            continue  # only written by hand: an outcome no table has a column for
        if s["soort"] == MENING and s["uitkomst"] not in CHAT_OORDELEN:
            continue
        s["maand"] = f"{r.datum.year}-{r.datum.month:02d}"
        if s["levensdomein"] not in DOMEINEN:
            s["levensdomein"] = None  # only written by hand or by an older version: unknown
        # Every chat channel is one way in; before questions could be registered only the chat wrote signals.
        s["kanaal"] = s["kanaal"] if s["kanaal"] in KANALEN else CHAT
        s["ingang"] = CHAT if s["kanaal"] == CHAT else GEREGISTREERD
        s["in_b1"] = s["taalniveau"] == B1
        s["verwijzer"] = s["verwijzer"] if s["verwijzer"] in VERWIJZERS else None
        s["bekend_ingevuld"] = s["bekend_via"] is not None
        for veld in ("meedenker_soort", "via_soort"):
            s[veld] = s[veld] if s[veld] in SOORT_LABELS else None
        s["via"] = s["via_soort"] is not None
        # Where to, only for a referral (the tables count it with uitkomst=DOORVERWEZEN); a place outside the
        # vocabulary (only written by hand) is unknown.
        naar = s["doorverwezen_naar"]
        s["doorverwezen_naar"] = naar if s["uitkomst"] == DOORVERWEZEN and naar in DOORVERWIJZINGEN else None
        dagen = s["werkdagen_tot_contact"]
        s["werkdagen_tot_contact"] = dagen = dagen if isinstance(dagen, int) and dagen >= 0 else None
        s["gemeten"] = dagen is not None
        s["binnen"] = None if dagen is None or reactietijd is None else dagen <= reactietijd
        signalen.append(s)
    return signalen


def _lees_vragenlijsten(session: Session, van: dt.date, tot: dt.date) -> list[dict]:
    """The questionnaires of the months in the period (a month partly in the period counts in full) as records
    for the counter: one VRAGENLIJST per questionnaire (for its verbeterpunt) and one ANTWOORD per answered
    statement."""
    kolommen = [getattr(VragenlijstAntwoord, k) for k in STELLINGEN]
    rijen = session.execute(
        select(VragenlijstAntwoord.maand, VragenlijstAntwoord.verbeterpunt, *kolommen)
        .where(VragenlijstAntwoord.maand.in_(_maanden(van, tot)))).all()
    uit = []
    for r in rijen:
        basis = dict(maand=r.maand)
        uit.append(dict(basis, soort=VRAGENLIJST, verbeterpunt=r.verbeterpunt))
        for stelling in STELLINGEN:
            score = getattr(r, stelling)
            score = score if score in SCHAAL else None
            if score is not None:
                uit.append(dict(basis, soort=ANTWOORD, stelling=stelling, score=score, eens=score >= 4))
    return uit


# A report covers at most five years: enough to compare years, and a bound on the work one request can ask for
# (months and suppression grow with the period; 0001-9999 took minutes of CPU).
MAX_JAREN = 5


def periode_fout(van: dt.date, tot: dt.date) -> str | None:
    """Why this period cannot be reported on, in Dutch; None when it can."""
    if van > tot:
        return f"De begindatum ({van}) ligt na de einddatum ({tot})."
    if (tot - van).days >= MAX_JAREN * 366:
        return (f"Een rapport gaat over hoogstens {MAX_JAREN} jaar; {van} tot en met {tot} is langer. "
                "Kies een kortere periode.")
    return None


def maak_rapport(session: Session, van: dt.date, tot: dt.date, wijken: dict[str, str],
                 drempel: int = STANDAARD_DREMPEL, gemeente: str | None = None,
                 gemaakt: dt.date | None = None, reactietijd_dagen: int | None = None) -> Rapport:
    """The report over the signals from `van` up to and including `tot`, and the questionnaires of its months.
    `reactietijd_dagen`: REACTIETIJD in working days (settings.reactietijd_werkdagen); None leaves out the share
    of first contacts within it."""
    if (fout := periode_fout(van, tot)) is not None:
        raise ValueError(fout)
    signalen = _lees_signalen(session, van, tot, reactietijd_dagen)
    # A contact always has a levensdomein; one without cannot be placed in any table.
    signalen = [s for s in signalen if s["soort"] != CONTACT or s["levensdomein"] in DOMEINEN]
    vragenlijsten = _lees_vragenlijsten(session, van, tot)
    b = _Opbouw(_Teller(signalen + vragenlijsten))
    tabellen = dict(
        per_maand=_per_maand(b, van, tot),
        per_kanaal=_per_kanaal(b),
        bekend_via=_bekend_via(b, signalen),
        bereik_doelgroep=_bereik_doelgroep(b, signalen),
        per_wijk=_per_keuze_dimensie(
            b, "wijk", [*wijken.items(), *_onbekend(signalen, "wijk", wijken), (None, "Geen wijk genoemd")],
            "Wijk", "Per wijk",
            "Gesprekken met een keuze of geen match, per wijk",
            "De wijk noemt een inwoner pas als de bot meedenkers zoekt. Daarom tellen hier alleen de "
            "signalen die een wijk hebben: er werd een keuze uit meedenkers getoond, er was geen passende "
            "meedenker, of er was een warme overdracht. 'Samen' is keuze plus geen match; een warme "
            "overdracht volgt meestal op een keuze en telt daarom niet mee in 'Samen'."),
        uitkomsten=_uitkomsten(b),
        uitkomsten_aandeel=_uitkomsten_aandeel(b),
        taalniveau=_taalniveau(b),
        gaten=_gaten(b, signalen),
        per_doelgroep=_per_keuze_dimensie(
            b, "doelgroep", _doelgroepen(signalen, "Geen doelgroep genoemd"),
            "Doelgroep", "Per doelgroep",
            "Gesprekken met een keuze of geen match, per doelgroep",
            "De doelgroep (bijvoorbeeld ouderen of mantelzorgers) komt uit de vragen die de bot stelt "
            "voordat hij meedenkers zoekt. Veel inwoners slaan die vraag over. Een hoog percentage 'geen "
            "meedenker' bij een doelgroep wijst op te weinig deskundigheid voor die groep in het netwerk."),
        eerste_contact=_eerste_contact(b, signalen, reactietijd_dagen, drempel),
        afloop=_afloop(b),
        per_soort=_per_soort(b),
        doorverwezen_naar=_doorverwezen_naar(b, signalen),
        verwijzingen=_verwijzingen(b),
        ervaringen=_ervaringen(b),
        chat_oordeel=_chat_oordeel(b, van, tot),
    )
    kern = [
        ("Contacten (vraag herkend)", b.aantal(telling(CONTACT))),
        ("Meedenkers gevonden", b.aandeel(telling(KEUZE), telling(CONTACT))),
        ("Geen passende meedenker", b.aandeel(telling(GEEN_MATCH), telling(CONTACT))),
        ("Warme overdrachten", b.aantal(telling(OVERDRACHT))),
        ("Passende ondersteuning gevonden", b.aandeel(telling(AFGESLOTEN, uitkomst=ONDERSTEUNING),
                                                      telling(AFGESLOTEN))),
    ]
    if reactietijd_dagen is not None:
        kern.append(("Eerste contact binnen de reactietijd",
                     b.aandeel(telling(AFGESLOTEN, binnen=True), telling(AFGESLOTEN, gemeten=True))))
    kern += [
        ("Ervoer de ondersteuning als helpend",
         b.aandeel(telling(ANTWOORD, stelling="geholpen", eens=True),
                   telling(ANTWOORD, stelling="geholpen"))),
        ("Chatgesprek hielp (ja)", b.aandeel(telling(MENING, uitkomst="ja"), telling(MENING))),
        ("Gesprekken in makkelijke taal (B1)", b.aandeel(telling(CONTACT, taalniveau=B1), telling(CONTACT))),
    ]
    b.vul_in(drempel)
    verbeterpunten = _citaten(
        "Verbeterpunten", "Meest genoemde verbeterpunten",
        f"Wat inwoners in hun eigen woorden noemden als 'wat kan beter?': in de vragenlijst na de ondersteuning "
        f"en na een chatgesprek. Namen, nummers en adressen zijn vervangen door [NAAM], [NUMMER] en dergelijke. "
        f"Gelijke citaten zijn samengeteld; alleen citaten die minstens {drempel} keer voorkwamen staan hier.",
        "Waar", "Verbeterpunt (geanonimiseerd citaat)", drempel,
        [("Vragenlijst na de ondersteuning", [v["verbeterpunt"] for v in vragenlijsten if v["soort"] == VRAGENLIJST]),
         ("Na een chatgesprek", [s["knelpunt"] for s in signalen if s["soort"] == MENING])])
    return Rapport(van=van, tot=tot, drempel=drempel, gemeente=gemeente, gemaakt=gemaakt or dt.date.today(),
                   kerncijfers=kern, knelpunten=_knelpunten(signalen, drempel), verbeterpunten=verbeterpunten,
                   reactietijd_dagen=reactietijd_dagen, **tabellen)


def _onbekend(signalen: list[dict], dimensie: str, bekend: Mapping) -> list[tuple[str, str]]:
    """Values in the data that are no longer configured (e.g. a wijk renamed in WIJKEN): still counted."""
    anders = sorted({s[dimensie] for s in signalen if s[dimensie] and s[dimensie] not in bekend})
    return [(w, f"{w} (niet meer in de lijst)") for w in anders]


def _per_maand(b: _Opbouw, van: dt.date, tot: dt.date) -> Tabel:
    maanden = _maanden(van, tot)
    rijen = []
    for i, maand in enumerate(maanden):
        delen = [telling(CONTACT, levensdomein=d, maand=maand) for d in DOMEINEN]
        b.som(delen, telling(CONTACT, maand=maand))
        label = maand_label(maand)
        if i == 0 and van.day > 1:
            label += f" (vanaf {van.day})"  # a month only partly in the period
        if i == len(maanden) - 1 and (tot + dt.timedelta(days=1)).day != 1:
            label += f" (tot en met {tot.day})"
        rijen.append(Rij([label], [*map(b.aantal, delen), b.aantal(telling(CONTACT, maand=maand))]))
    for d in DOMEINEN:
        b.som([telling(CONTACT, levensdomein=d, maand=m) for m in maanden], telling(CONTACT, levensdomein=d))
    b.som([telling(CONTACT, maand=m) for m in maanden], telling(CONTACT))
    b.som([telling(CONTACT, levensdomein=d) for d in DOMEINEN], telling(CONTACT))
    rijen.append(Rij(["Totaal"], [b.aantal(telling(CONTACT, levensdomein=d)) for d in DOMEINEN]
                     + [b.aantal(telling(CONTACT))], "totaal"))
    return Tabel("Contacten per maand", "Contacten per maand en per levensdomein",
                 "Een contact is een gesprek waarin de bot de vraag van de inwoner herkende en bij een "
                 "levensdomein kon plaatsen.", ["Maand", *DOMEINEN.values(), "Totaal"], rijen)


_UITKOMST_DOMEINEN = [*DOMEINEN.items(), (None, "Levensdomein niet bekend")]


def _uitkomsten(b: _Opbouw) -> Tabel:
    rijen = []
    for d, label in _UITKOMST_DOMEINEN:
        contacten = b.aantal(telling(CONTACT, levensdomein=d)) if d else Cel(status=NVT)
        rijen.append(Rij([label], [contacten] + [b.aantal(telling(s, levensdomein=d))
                                                 for s in UITKOMST_SOORTEN.values()]))
    for s in UITKOMST_SOORTEN.values():
        b.som([telling(s, levensdomein=d) for d, _ in _UITKOMST_DOMEINEN], telling(s))
    rijen.append(Rij(["Totaal"], [b.aantal(telling(CONTACT))] + [b.aantal(telling(s))
                                                                  for s in UITKOMST_SOORTEN.values()], "totaal"))
    return Tabel("Uitkomsten", "Uitkomsten van de gesprekken per levensdomein (aantallen)",
                 "Wat er na de vraag gebeurde. Een gesprek kan meer dan één uitkomst hebben, bijvoorbeeld "
                 "eerst een keuze uit meedenkers en daarna een warme overdracht. Crisis, verwijzing naar een "
                 "mens en afbreken kunnen gebeuren voordat het levensdomein bekend is.",
                 ["Levensdomein", "Contacten", *(UITKOMSTEN[u] for u in UITKOMST_SOORTEN)], rijen)


def _uitkomsten_aandeel(b: _Opbouw) -> Tabel:
    rijen = [Rij([label], [b.aandeel(telling(s, levensdomein=d), telling(CONTACT, levensdomein=d))
                           for s in UITKOMST_SOORTEN.values()]) for d, label in DOMEINEN.items()]
    rijen.append(Rij(["Totaal"], [b.aandeel(telling(s), telling(CONTACT)) for s in UITKOMST_SOORTEN.values()],
                     "totaal"))
    return Tabel("Uitkomsten in procenten", "Uitkomsten als percentage van de contacten",
                 "Per levensdomein: het aantal keer dat een uitkomst voorkwam, gedeeld door het aantal "
                 "contacten in dat levensdomein. In de totaalrij tellen ook de uitkomsten mee waarvan het "
                 "levensdomein niet bekend is.", ["Levensdomein", *(UITKOMSTEN[u] for u in UITKOMST_SOORTEN)], rijen)


def _keuze_cellen(b: _Opbouw, **filters) -> list[Cel]:
    """Meedenkers gevonden, geen meedenker, samen, share without meedenker; and the sum a reader makes."""
    keuze, geen, samen = (telling(s, **filters) for s in (KEUZE, GEEN_MATCH, VRAAG))
    b.som([keuze, geen], samen)
    return [b.aantal(keuze), b.aantal(geen), b.aantal(samen), b.aandeel(geen, samen)]


_KEUZE_KOPPEN = ["Meedenkers gevonden", "Geen meedenker", "Samen", "Geen meedenker (%)"]


def _gaten(b: _Opbouw, signalen: list[dict]) -> Tabel:
    rijen = []
    for d, label in DOMEINEN.items():
        gezien = {s["onderwerp"] for s in signalen if s["levensdomein"] == d and s["soort"] in (KEUZE, GEEN_MATCH)}
        onderwerpen = list(ONDERWERPEN[d]) + sorted(o for o in gezien - set(ONDERWERPEN[d]) if o)
        for o in [*onderwerpen, None]:
            rijen.append(Rij([label, onderwerp_label(o) if o else "Onderwerp niet bekend"],
                             _keuze_cellen(b, levensdomein=d, onderwerp=o)))
        for s in (KEUZE, GEEN_MATCH, VRAAG):
            b.som([telling(s, levensdomein=d, onderwerp=o) for o in [*onderwerpen, None]],
                  telling(s, levensdomein=d))
        rijen.append(Rij([label, f"Totaal {label.lower()}"], _keuze_cellen(b, levensdomein=d), "subtotaal"))
    for s in (KEUZE, GEEN_MATCH, VRAAG):
        b.som([telling(s, levensdomein=d) for d, _ in _UITKOMST_DOMEINEN], telling(s))
    # Questions without a levensdomein are not in this table, but a reader can add them up from the outcomes.
    b.som([telling(KEUZE, levensdomein=None), telling(GEEN_MATCH, levensdomein=None)],
          telling(VRAAG, levensdomein=None))
    rijen.append(Rij(["Totaal", ""], _keuze_cellen(b), "totaal"))
    return Tabel("Gaten in het netwerk", "Wel of geen passende meedenker, per levensdomein en onderwerp",
                 "Hoe vaak de bot meedenkers vond, en hoe vaak er niemand in het netwerk was die bij de vraag "
                 "paste. Een hoog percentage 'geen meedenker' wijst op een gat in het netwerk. "
                 "'Samen' is het aantal keren dat de bot meedenkers zocht.",
                 ["Levensdomein", "Onderwerp", *_KEUZE_KOPPEN], rijen, rijkoppen=2)


def _per_keuze_dimensie(b: _Opbouw, dimensie: str, waarden: list[tuple[str | None, str]], kop: str, naam: str,
                        titel: str, uitleg: str) -> Tabel:
    rijen = []
    for w, label in waarden:
        rijen.append(Rij([label], _keuze_cellen(b, **{dimensie: w})
                         + [b.aantal(telling(OVERDRACHT, **{dimensie: w}))]))
    for s in (KEUZE, GEEN_MATCH, VRAAG, OVERDRACHT):
        b.som([telling(s, **{dimensie: w}) for w, _ in waarden], telling(s))
    rijen.append(Rij(["Totaal"], _keuze_cellen(b) + [b.aantal(telling(OVERDRACHT))], "totaal"))
    return Tabel(naam, titel, uitleg, [kop, *_KEUZE_KOPPEN, "Warme overdracht"], rijen)


def _taalniveau(b: _Opbouw) -> Tabel:
    rijen = []
    for d, label in DOMEINEN.items():
        contacten, b1 = telling(CONTACT, levensdomein=d), telling(CONTACT, levensdomein=d, taalniveau=B1)
        # The contacts minus those in B1 are the others: a count a reader can make, so it is protected too.
        b.som([b1, telling(CONTACT, levensdomein=d, in_b1=False)], contacten)
        rijen.append(Rij([label], [b.aantal(contacten), b.aantal(b1), b.aandeel(b1, contacten)]))
    b.som([telling(CONTACT, levensdomein=d, taalniveau=B1) for d in DOMEINEN], telling(CONTACT, taalniveau=B1))
    b.som([telling(CONTACT, levensdomein=d, in_b1=False) for d in DOMEINEN], telling(CONTACT, in_b1=False))
    b.som([telling(CONTACT, taalniveau=B1), telling(CONTACT, in_b1=False)], telling(CONTACT))
    rijen.append(Rij(["Totaal"], [b.aantal(telling(CONTACT)), b.aantal(telling(CONTACT, taalniveau=B1)),
                                  b.aandeel(telling(CONTACT, taalniveau=B1), telling(CONTACT))], "totaal"))
    return Tabel("Makkelijke taal (B1)", "Contacten in makkelijke taal (taalniveau B1)",
                 "Het aandeel contacten waarin de inwoner de bot in makkelijke taal (B1) liet praten.",
                 ["Levensdomein", "Contacten", "Waarvan in B1", "B1 (%)"], rijen)


CHAT = "chat"
_KANALEN = {CHAT: "Chat", **KANALEN}


def _doelgroepen(signalen: list[dict], geen: str) -> list[tuple[str | None, str]]:
    return [*((k, v[0].upper() + v[1:]) for k, v in DOELGROEPEN.items()),
            *_onbekend(signalen, "doelgroep", DOELGROEPEN), (None, geen)]


def _per_kanaal(b: _Opbouw) -> Tabel:
    soorten = (CONTACT, OVERDRACHT)

    def cellen(**filters) -> list[Cel]:
        return [b.aantal(telling(s, **filters)) for s in soorten] + [b.aandeel(telling(CONTACT, **filters),
                                                                               telling(CONTACT))]

    rijen = []
    for k, label in _KANALEN.items():
        rijen.append(Rij([label], cellen(kanaal=k)))
        if k == "verwijzer":
            rijen += [Rij([f"Verwijzer: {v_label}"], cellen(kanaal=k, verwijzer=v))
                      for v, v_label in VERWIJZERS.items()]
            for s in soorten:  # a verwijzer that was not filled in is not a row of its own: it is (nearly) always 0
                b.som([telling(s, kanaal=k, verwijzer=v) for v in [*VERWIJZERS, None]], telling(s, kanaal=k))
    for s in soorten:
        b.som([telling(s, kanaal=k) for k in _KANALEN], telling(s))
        b.som([telling(s, kanaal=k) for k in KANALEN], telling(s, ingang=GEREGISTREERD))
        b.som([telling(s, kanaal=CHAT), telling(s, ingang=GEREGISTREERD)], telling(s))
    rijen.append(Rij(["Geregistreerd samen"], cellen(ingang=GEREGISTREERD), "subtotaal"))
    rijen.append(Rij(["Totaal"], cellen(), "totaal"))
    return Tabel("Per kanaal", "Hoe vragen binnenkwamen",
                 "Naast de chat registreren coördinatoren en meedenkers vragen die aan de telefoon, bij een wijkpunt, "
                 "per e-mail of via een verwijzer (huisarts, wijkteam, school, Wmo-consulent) binnenkwamen. Zo tellen "
                 f"alle ingangen mee, niet alleen de chat ({', '.join(sorted(CHAT_KANALEN))} samen). Bij 'Via een "
                 "verwijzer' staat daaronder welke verwijzer de inwoner stuurde: dat laat zien of verwijzers de "
                 "cliëntondersteuning weten te vinden.",
                 ["Binnengekomen via", "Contacten", "Warme overdracht", "Contacten (%)"], rijen)


def _bekend_via(b: _Opbouw, signalen: list[dict]) -> Tabel:
    bronnen = [(MENING, {}), (CONTACT, {"ingang": GEREGISTREERD})]
    waarden = [*BEKEND_VIA.items(), *_onbekend(signalen, "bekend_via", BEKEND_VIA)]
    rijen = []
    for v, label in waarden:
        rijen.append(Rij([label], [cel for soort, f in bronnen for cel in (
            b.aantal(telling(soort, bekend_via=v, **f)),
            b.aandeel(telling(soort, bekend_via=v, **f), telling(soort, bekend_ingevuld=True, **f)))]))
    for soort, f in bronnen:
        b.som([telling(soort, bekend_via=v, **f) for v, _ in waarden], telling(soort, bekend_ingevuld=True, **f))
        b.som([telling(soort, bekend_ingevuld=True, **f), telling(soort, bekend_via=None, **f)], telling(soort, **f))
    rijen.append(Rij(["Ingevuld"], [cel for soort, f in bronnen for cel in (
        b.aantal(telling(soort, bekend_ingevuld=True, **f)), Cel(status=NVT))], "subtotaal"))
    rijen.append(Rij(["Niet ingevuld"], [cel for soort, f in bronnen for cel in (
        b.aantal(telling(soort, bekend_via=None, **f)), Cel(status=NVT))]))
    rijen.append(Rij(["Totaal"], [cel for soort, f in bronnen for cel in (
        b.aantal(telling(soort, **f)), Cel(status=NVT))], "totaal"))
    return Tabel("Hoe inwoners ons vonden",
                 "Hoe kent u ons? Antwoorden na een chatgesprek en bij geregistreerde vragen",
                 "Aan het eind van een chatgesprek kan de inwoner zeggen hoe hij de cliëntondersteuning kent; bij een "
                 "vraag die per telefoon, bij een wijkpunt, per e-mail of via een verwijzer binnenkwam, legt de "
                 "coördinator of meedenker dat vast. De vraag is niet verplicht. De percentages zijn van de inwoners "
                 "die de vraag beantwoordden.",
                 ["Hoe kent u ons?", "Na een chatgesprek", "Na een chatgesprek (%)", "Geregistreerde vragen",
                  "Geregistreerde vragen (%)"], rijen)


def _bereik_doelgroep(b: _Opbouw, signalen: list[dict]) -> Tabel:
    waarden = _doelgroepen(signalen, "Geen doelgroep bekend")
    rijen = []
    for d, label in waarden:
        afgerond, passend = telling(AFGESLOTEN, doelgroep=d), telling(AFGESLOTEN, doelgroep=d, uitkomst=ONDERSTEUNING)
        # The other outcomes are not columns here, but the reader can take `passend` from `afgerond`.
        b.som([telling(AFGESLOTEN, doelgroep=d, uitkomst=u) for u in UITKOMSTEN_OVERDRACHT], afgerond)
        rijen.append(Rij([label], [b.aantal(telling(CONTACT, doelgroep=d)), b.aantal(afgerond), b.aantal(passend),
                                   b.aandeel(passend, afgerond)]))
    b.som([telling(CONTACT, doelgroep=d) for d, _ in waarden], telling(CONTACT))
    b.som([telling(AFGESLOTEN, doelgroep=d) for d, _ in waarden], telling(AFGESLOTEN))
    b.som([telling(AFGESLOTEN, doelgroep=d, uitkomst=ONDERSTEUNING) for d, _ in waarden],
          telling(AFGESLOTEN, uitkomst=ONDERSTEUNING))
    passend = telling(AFGESLOTEN, uitkomst=ONDERSTEUNING)
    rijen.append(Rij(["Totaal"], [b.aantal(telling(CONTACT)), b.aantal(telling(AFGESLOTEN)), b.aantal(passend),
                                  b.aandeel(passend, telling(AFGESLOTEN))], "totaal"))
    return Tabel("Bereik per doelgroep", "Contacten en afgeronde overdrachten per doelgroep",
                 "Bereiken we groepen die minder snel hulp vragen, zoals inwoners met een licht verstandelijke "
                 "beperking, met psychische problemen, dak- en thuislozen en jongeren? De doelgroep is alleen bekend "
                 "als de inwoner die in de chat noemde of als de coördinator die bij een geregistreerde vraag invulde; "
                 "bij de meeste contacten is hij niet bekend. 'Afgerond' telt de overdrachten die in de periode zijn "
                 "afgerond; 'Passende ondersteuning' hoeveel daarvan met passende ondersteuning.",
                 ["Doelgroep", "Contacten", "Overdrachten afgerond", "Passende ondersteuning",
                  "Passende ondersteuning (%)"], rijen)


P90_MINIMUM = 10


def _mediaan(waarden: list[int]) -> int | float:
    m = statistics.median(waarden)
    return int(m) if float(m).is_integer() else float(m)


def _percentiel(waarden: list[int], p: float) -> int:
    """The nearest-rank percentile: a value that occurred, with at least p of all values at or below it."""
    geordend = sorted(waarden)
    return geordend[max(0, math.ceil(p * len(geordend)) - 1)]


def _eerste_contact(b: _Opbouw, signalen: list[dict], werkdagen: int | None, drempel: int) -> Tabel:
    # Below ten values the nearest-rank 90th percentile is the maximum: the longest wait, one person's.
    p90_drempel = max(drempel, P90_MINIMUM)
    dagen: dict[str | None, list[int]] = defaultdict(list)
    for s in signalen:
        if s["soort"] == AFGESLOTEN and s["gemeten"]:
            dagen[s["levensdomein"]].append(s["werkdagen_tot_contact"])

    def cellen(waarden: list[int], **filters) -> list[Cel]:
        gemeten = telling(AFGESLOTEN, gemeten=True, **filters)
        genoeg = len(waarden) >= drempel  # a median of a few handovers comes close to one person's wait
        genoeg_p90 = len(waarden) >= p90_drempel
        uit = [b.aantal(gemeten),
               Cel(_mediaan(waarden)) if genoeg else Cel(status=TE_WEINIG),
               Cel(_percentiel(waarden, 0.9)) if genoeg_p90 else Cel(status=TE_WEINIG)]
        if werkdagen is None:
            return uit + [Cel(status=NVT)]
        b.som([telling(AFGESLOTEN, binnen=True, **filters), telling(AFGESLOTEN, binnen=False, **filters)], gemeten)
        return uit + [b.aandeel(telling(AFGESLOTEN, binnen=True, **filters), gemeten)]

    rijen = []
    for d, label in _UITKOMST_DOMEINEN:
        b.som([telling(AFGESLOTEN, levensdomein=d, gemeten=w) for w in (True, False)],
              telling(AFGESLOTEN, levensdomein=d))
        rijen.append(Rij([label], cellen(dagen[d], levensdomein=d)))
    for w in (True, False):
        b.som([telling(AFGESLOTEN, levensdomein=d, gemeten=w) for d, _ in _UITKOMST_DOMEINEN],
              telling(AFGESLOTEN, gemeten=w))
    b.som([telling(AFGESLOTEN, gemeten=w) for w in (True, False)], telling(AFGESLOTEN))
    if werkdagen is not None:
        for w in (True, False):
            b.som([telling(AFGESLOTEN, levensdomein=d, binnen=w) for d, _ in _UITKOMST_DOMEINEN],
                  telling(AFGESLOTEN, binnen=w))
    rijen.append(Rij(["Totaal"], cellen([v for w in dagen.values() for v in w]), "totaal"))
    if werkdagen is None:
        binnen = "De reactietijd is niet opgegeven, dus het aandeel binnen de reactietijd ontbreekt."
    else:
        binnen = (f"'Binnen de reactietijd': het eerste contact was binnen {werkdagen} "
                  f"werkdag{'en' if werkdagen != 1 else ''} (REACTIETIJD), zoals de meedenkers het inwoners beloven.")
    return Tabel("Tijd tot eerste contact", "Werkdagen van overdracht tot eerste contact, per levensdomein",
                 "Voor elke overdracht die in de periode is afgerond en waarbij een eerste contact is vastgelegd: het "
                 "aantal werkdagen van de dag dat de vraag binnenkwam tot de dag van het eerste contact. Weekends en "
                 "officiële feestdagen tellen niet mee: een vraag van vrijdag met contact op maandag wachtte één "
                 "werkdag, contact op de dag zelf is 0. De mediaan is het middelste aantal werkdagen; bij het 90e "
                 "percentiel had 9 van de 10 inwoners contact. "
                 f"Met minder dan {drempel} overdrachten staat er geen mediaan (–), met minder dan "
                 f"{p90_drempel} geen 90e percentiel: dat zou de langste wachttijd zijn, die van één "
                 "inwoner. " + binnen,
                 ["Levensdomein", "Overdrachten met eerste contact", "Mediaan (werkdagen)",
                  "90e percentiel (werkdagen)", "Binnen de reactietijd (%)"], rijen)


def _afloop(b: _Opbouw) -> Tabel:
    uitkomsten = list(UITKOMSTEN_OVERDRACHT)
    rijen = []
    for d, label in _UITKOMST_DOMEINEN:
        delen = [telling(AFGESLOTEN, levensdomein=d, uitkomst=u) for u in uitkomsten]
        b.som(delen, telling(AFGESLOTEN, levensdomein=d))
        rijen.append(Rij([label], [b.aantal(t) for t in delen] + [b.aantal(telling(AFGESLOTEN, levensdomein=d))]))
    for u in uitkomsten:
        b.som([telling(AFGESLOTEN, levensdomein=d, uitkomst=u) for d, _ in _UITKOMST_DOMEINEN],
              telling(AFGESLOTEN, uitkomst=u))
    b.som([telling(AFGESLOTEN, levensdomein=d) for d, _ in _UITKOMST_DOMEINEN], telling(AFGESLOTEN))
    b.som([telling(AFGESLOTEN, uitkomst=u) for u in uitkomsten], telling(AFGESLOTEN))
    rijen.append(Rij(["Totaal"], [b.aantal(telling(AFGESLOTEN, uitkomst=u)) for u in uitkomsten]
                     + [b.aantal(telling(AFGESLOTEN))], "totaal"))
    return Tabel("Uitkomst van overdrachten", "Hoe afgeronde overdrachten afliepen, per levensdomein",
                 "Als een meedenker (of coördinator) een overdracht afrondt, legt hij vast wat er met de vraag van de "
                 "inwoner gebeurde. Dat wordt hier geteld op de dag van afronden, zonder koppeling aan de overdracht "
                 "of de inwoner.", ["Levensdomein", *UITKOMSTEN_OVERDRACHT.values(), "Afgerond"], rijen)


_SOORTEN = [("vrijwillig", SOORT_LABELS["vrijwillig"][0]), ("beroepsmatig", SOORT_LABELS["beroepsmatig"][0])]


def _per_soort(b: _Opbouw) -> Tabel:
    uitkomsten = list(UITKOMSTEN_OVERDRACHT)
    soorten = [*_SOORTEN, (None, "Soort niet bekend")]
    rijen = []
    for m, label in soorten:
        delen = [telling(AFGESLOTEN, meedenker_soort=m, uitkomst=u) for u in uitkomsten]
        afgerond = telling(AFGESLOTEN, meedenker_soort=m)
        b.som(delen, afgerond)
        rijen.append(Rij([label], [*map(b.aantal, delen), b.aantal(afgerond),
                                   b.aandeel(telling(AFGESLOTEN, meedenker_soort=m, uitkomst=ONDERSTEUNING),
                                             afgerond)]))
    for u in uitkomsten:
        b.som([telling(AFGESLOTEN, meedenker_soort=m, uitkomst=u) for m, _ in soorten], telling(AFGESLOTEN, uitkomst=u))
    b.som([telling(AFGESLOTEN, meedenker_soort=m) for m, _ in soorten], telling(AFGESLOTEN))
    rijen.append(Rij(["Totaal"], [b.aantal(telling(AFGESLOTEN, uitkomst=u)) for u in uitkomsten]
                     + [b.aantal(telling(AFGESLOTEN)),
                        b.aandeel(telling(AFGESLOTEN, uitkomst=ONDERSTEUNING), telling(AFGESLOTEN))], "totaal"))
    return Tabel("Uitkomst per soort meedenker", "Hoe afgeronde overdrachten afliepen, per soort meedenker",
                 "Vrijwilligers en beroepskrachten naast elkaar: de meedenker aan wie de overdracht het laatst was "
                 "toegewezen. 'Soort niet bekend': een coördinator rondde de overdracht af zonder dat er een meedenker "
                 "aan was toegewezen.",
                 ["Soort meedenker", *UITKOMSTEN_OVERDRACHT.values(), "Afgerond", "Passende ondersteuning (%)"], rijen)


def _doorverwezen_naar(b: _Opbouw, signalen: list[dict]) -> Tabel:
    """Referrals per place referred to (vocabulaire.DOORVERWIJZINGEN) and per kind of meedenker. Its column
    totals are the "Doorverwezen" counts of the outcome tables: the same keys, so hidden alike there and here."""
    soorten = [*_SOORTEN, (None, "Soort niet bekend")]
    naar: list[tuple[str | None, str]] = list(DOORVERWIJZINGEN.items())
    # A referral without a known place (written by hand or by an older version) only gets a row when there is one;
    # with none, the places add up to the referrals and a reader may rely on that.
    if any(s["soort"] == AFGESLOTEN and s["uitkomst"] == DOORVERWEZEN and s["doorverwezen_naar"] is None
           for s in signalen):
        naar.append((None, "Onbekend"))

    def t(**filters) -> Telling:
        return telling(AFGESLOTEN, uitkomst=DOORVERWEZEN, **filters)

    def cellen(**filters) -> list[Cel]:
        return ([b.aantal(t(meedenker_soort=m, **filters)) for m, _ in soorten] + [b.aantal(t(**filters))]
                + [b.aandeel(t(meedenker_soort=m, **filters), t(meedenker_soort=m)) for m, _ in _SOORTEN]
                + [b.aandeel(t(**filters), t())])

    rijen = []
    for n, label in naar:
        b.som([t(doorverwezen_naar=n, meedenker_soort=m) for m, _ in soorten], t(doorverwezen_naar=n))
        rijen.append(Rij([label], cellen(doorverwezen_naar=n)))
    for m, _ in soorten:
        b.som([t(doorverwezen_naar=n, meedenker_soort=m) for n, _ in naar], t(meedenker_soort=m))
    b.som([t(doorverwezen_naar=n) for n, _ in naar], t())
    b.som([t(meedenker_soort=m) for m, _ in soorten], t())
    rijen.append(Rij(["Totaal"], cellen(), "totaal"))
    onbekend = (" 'Onbekend': er staat niet bij waar de inwoner naartoe ging." if naar[-1][0] is None else "")
    return Tabel("Doorverwezen naar", "Waar meedenkers inwoners naartoe doorverwezen, per soort meedenker",
                 "Soms kan een ander de inwoner beter helpen, bijvoorbeeld het wijkteam of de schuldhulpverlening. "
                 "Dan verwijst de meedenker de inwoner door. Bij het afronden legt hij vast waar naartoe. Hier staat "
                 "dat voor de overdrachten die in de periode zijn afgerond met 'Doorverwezen', apart voor "
                 "vrijwilligers en beroepskrachten. De percentages zijn van alle doorverwijzingen door die soort "
                 "meedenker. Zo kunt u zien of vrijwilligers naar andere plekken verwijzen dan beroepskrachten, ook "
                 "als zij niet even vaak doorverwijzen. 'Soort niet bekend': een coördinator rondde de overdracht af "
                 "zonder dat er een meedenker aan was toegewezen." + onbekend,
                 ["Doorverwezen naar", *(label for _, label in soorten), "Samen",
                  *(f"{label} (%)" for _, label in _SOORTEN), "Samen (%)"], rijen)


def _verwijzingen(b: _Opbouw) -> Tabel:
    naar = [*_SOORTEN, (None, "Soort niet bekend")]
    rijen = []
    for v, label in _SOORTEN:
        delen = [telling(AFGESLOTEN, via_soort=v, meedenker_soort=m) for m, _ in naar]
        b.som(delen, telling(AFGESLOTEN, via_soort=v))
        rijen.append(Rij([f"Van {label.lower()}"], [*map(b.aantal, delen), b.aantal(telling(AFGESLOTEN, via_soort=v))]))
    for m, _ in naar:
        b.som([telling(AFGESLOTEN, via_soort=v, meedenker_soort=m) for v, _ in _SOORTEN],
              telling(AFGESLOTEN, via=True, meedenker_soort=m))
        b.som([telling(AFGESLOTEN, via=w, meedenker_soort=m) for w in (True, False)],
              telling(AFGESLOTEN, meedenker_soort=m))
    b.som([telling(AFGESLOTEN, via_soort=v) for v, _ in _SOORTEN], telling(AFGESLOTEN, via=True))
    b.som([telling(AFGESLOTEN, via=True, meedenker_soort=m) for m, _ in naar], telling(AFGESLOTEN, via=True))
    b.som([telling(AFGESLOTEN, via=w) for w in (True, False)], telling(AFGESLOTEN))
    rijen.append(Rij(["Totaal"], [b.aantal(telling(AFGESLOTEN, via=True, meedenker_soort=m)) for m, _ in naar]
                     + [b.aantal(telling(AFGESLOTEN, via=True))], "totaal"))
    return Tabel("Verwijzingen tussen soorten", "Overdrachten die een meedenker doorgaf aan een collega: van welke "
                 "soort meedenker naar welke",
                 "Past een vraag beter bij een beroepskracht dan bij een vrijwilliger, of andersom, dan vraagt de "
                 "meedenker de coördinator om een collega. Hier staat hoe vaak dat gebeurde bij de overdrachten die in "
                 "de periode zijn afgerond, en bij welke soort meedenker de overdracht uiteindelijk terechtkwam. "
                 "Doorverwijzingen naar organisaties buiten het netwerk staan bij 'Doorverwezen' in de tabellen over "
                 "de uitkomst, en in de tabel 'Doorverwezen naar'.",
                 ["Doorgegeven door", *(f"Naar {label.lower()}" if m else label for m, label in naar), "Samen"], rijen)


# The statements a little shorter than in the questionnaire (vocabulaire.STELLINGEN), so the table fits a page.
STELLINGEN_KORT = {"geholpen": "Ik heb de ondersteuning als helpend ervaren",
                   "verder": "Ik kan zelfstandig of met passende hulp verder", "keuzes": "Ik kon zelf keuzes maken",
                   "zelfde": "Ik zou weer naar dezelfde ondersteuner gaan",
                   "aanraden": "Ik zou cliëntondersteuning aanraden"}


def _ervaringen(b: _Opbouw) -> Tabel:
    rijen = []
    for stelling in STELLINGEN:
        tekst = STELLINGEN_KORT.get(stelling) or STELLINGEN[stelling][0]
        scores = [telling(ANTWOORD, stelling=stelling, score=n) for n in SCHAAL]
        beantwoord = telling(ANTWOORD, stelling=stelling)
        eens = telling(ANTWOORD, stelling=stelling, eens=True)
        b.som(scores, beantwoord)
        b.som([s for s, n in zip(scores, SCHAAL) if n >= 4], eens)
        rijen.append(Rij([tekst], [*map(b.aantal, scores), b.aantal(beantwoord), b.aandeel(eens, beantwoord)]))
    # Neither the number of questionnaires nor the skipped statements are shown: with both, a reader could take
    # each statement's answers from the questionnaires and find the few who skipped it, and hiding those would
    # cost the shares the table is for.
    return Tabel("Ervaringen na de ondersteuning", "Antwoorden op de vragenlijst na de ondersteuning, per stelling",
                 "Na een overdracht die is afgerond met passende ondersteuning kan de inwoner, als hij dat in de chat "
                 "goed vond, een korte vragenlijst invullen (de vragenlijst van Koploper Putten uit de handreiking van "
                 "Movisie): vijf stellingen met vijf antwoorden, van helemaal mee oneens tot helemaal mee eens. De "
                 "antwoorden zijn niet te koppelen aan de overdracht of de inwoner; ze tellen in de maand waarin ze "
                 "zijn ingevuld (een maand die maar voor een deel in de periode valt, telt helemaal mee). "
                 "De stellingen staan hier iets korter dan in de vragenlijst. Een inwoner kan een stelling "
                 "overslaan; 'Beantwoord' telt de antwoorden op die stelling. "
                 "'(Helemaal) mee eens' is het deel daarvan dat 'mee eens' of 'helemaal mee eens' was.",
                 ["Stelling", *(standaard for standaard, _ in SCHAAL.values()), "Beantwoord",
                  "(Helemaal) mee eens (%)"], rijen)


def _chat_oordeel(b: _Opbouw, van: dt.date, tot: dt.date) -> Tabel:
    # Per month: feedback is given without the conversation's categories (only its taalniveau and day).
    oordelen, maanden = list(CHAT_OORDELEN), _maanden(van, tot)
    rijen = []
    for maand in maanden:
        delen = [telling(MENING, maand=maand, uitkomst=o) for o in oordelen]
        alle = telling(MENING, maand=maand)
        b.som(delen, alle)
        rijen.append(Rij([maand_label(maand)], [*map(b.aantal, delen), b.aantal(alle), b.aandeel(delen[0], alle),
                                                b.aandeel(delen[-1], alle)]))
    for o in oordelen:
        b.som([telling(MENING, maand=m, uitkomst=o) for m in maanden], telling(MENING, uitkomst=o))
    b.som([telling(MENING, maand=m) for m in maanden], telling(MENING))
    b.som([telling(MENING, uitkomst=o) for o in oordelen], telling(MENING))
    rijen.append(Rij(["Totaal"], [*(b.aantal(telling(MENING, uitkomst=o)) for o in oordelen), b.aantal(telling(MENING)),
                                  b.aandeel(telling(MENING, uitkomst="ja"), telling(MENING)),
                                  b.aandeel(telling(MENING, uitkomst="nee"), telling(MENING))], "totaal"))
    return Tabel("Chat-feedback", "Heeft dit gesprek u geholpen? Antwoorden na een chatgesprek, per maand",
                 "Aan het eind van een chatgesprek, of met de knop 'Mening geven', kan de inwoner zeggen of het "
                 "gesprek hielp. Die mening wordt apart van het gesprek bewaard, zonder levensdomein of onderwerp; "
                 "daarom staat hier alleen de maand.",
                 ["Maand", *CHAT_OORDELEN.values(), "Antwoorden", "Ja (%)", "Nee (%)"], rijen)


def normaliseer(knelpunt: str) -> str:
    """Quotes that differ only in case, spacing, accents' encoding or end punctuation count as one."""
    tekst = unicodedata.normalize("NFKC", knelpunt).casefold()
    tekst = re.sub(r"\[([^\]]+)\]", lambda m: f"[{m.group(1).upper()}]", tekst)
    return re.sub(r"\s+", " ", tekst).strip(" .!?,;:'\"‘’“”")


def _vaakst(teksten: Iterable[str | None], drempel: int, hoeveel: int) -> list[tuple[int, str]]:
    """Quotes given at least `drempel` times (after `normaliseer`), most frequent first, each in its most
    common spelling. A rarer quote could point to one person, so it is left out."""
    groepen: dict[str, Counter] = defaultdict(Counter)
    for tekst in teksten:
        if tekst and tekst.strip():
            groepen[normaliseer(tekst)][tekst.strip()] += 1
    vaak = [(sum(v.values()), v.most_common(1)[0][0]) for v in groepen.values() if sum(v.values()) >= drempel]
    return sorted(vaak, key=lambda x: (-x[0], x[1]))[:hoeveel]


def _citaten(naam: str, titel: str, uitleg: str, groepkop: str, citaatkop: str, drempel: int,
             groepen: list[tuple[str, list[str | None]]], hoeveel: int = 5) -> Tabel:
    rijen = []
    for label, teksten in groepen:
        vaak = _vaakst(teksten, drempel, hoeveel)
        rijen += [Rij([label, tekst], [Cel(aantal)]) for aantal, tekst in vaak] or [
            Rij([label, f"Geen citaat dat {drempel} keer of vaker voorkwam"], [Cel(status=NVT)])]
    return Tabel(naam, titel, uitleg, [groepkop, citaatkop, "Aantal keer"], rijen, rijkoppen=2)


def _knelpunten(signalen: list[dict], drempel: int, hoeveel: int = 5) -> Tabel:
    rijen = []
    for d, label in _UITKOMST_DOMEINEN:
        # The "wat kan beter?" of chat feedback is about the chat, not a knelpunt: it is in the verbeterpunten.
        vaak = _vaakst((s["knelpunt"] for s in signalen if s["levensdomein"] == d and s["soort"] != MENING),
                       drempel, hoeveel)
        if vaak:
            rijen += [Rij([label, tekst], [Cel(aantal)]) for aantal, tekst in vaak]
        elif d:
            rijen.append(Rij([label, f"Geen knelpunt dat {drempel} keer of vaker voorkwam"], [Cel(status=NVT)]))
    return Tabel("Knelpunten", "Meest genoemde knelpunten per levensdomein",
                 f"Wat inwoners in hun eigen woorden als probleem noemden, met namen, nummers en adressen "
                 f"vervangen door [NAAM], [NUMMER] en dergelijke. Gelijke citaten zijn samengeteld; alleen "
                 f"citaten die minstens {drempel} keer voorkwamen staan hier, de top {hoeveel} per levensdomein.",
                 ["Levensdomein", "Knelpunt (geanonimiseerd citaat)", "Aantal keer"], rijen, rijkoppen=2)
