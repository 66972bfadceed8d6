"""Policy reports for the gemeente from the anonymous signals, with small numbers hidden.

Every number in a report is a count of signals (`Telling`: a soort plus filters such as levensdomein or
wijk). A count that appears in several tables has one key, so it is hidden or shown alike everywhere.
A reader can add up shown numbers wherever the report holds a total, even across tables; those sums are
the `Lijn`s that suppression works on (see `onderdruk`).
"""
from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Hashable, Iterable, Mapping, NamedTuple, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import vocabulaire
from bot.gesprek.taalniveau import B1
from bot.models import Signaal
from bot.signalen.signalen import AFGESLOTEN, GEEN_MATCH, KEUZE, OVERDRACHT, SOORTEN, UITKOMSTEN
from bot.signalen.signalen import LEVENSDOMEIN as CONTACT
from bot.vocabulaire import (
    CHAT_KANALEN,
    DOELGROEPEN,
    KANALEN,
    LEVENSDOMEINEN,
    ONDERWERP_LABELS,
    ONDERWERPEN,
    UITKOMSTEN_OVERDRACHT,
)

STANDAARD_DREMPEL = 5

# Cell states. A hidden count shows as "<5" (below the threshold) or "x" (5 or more, hidden so that a
# small count elsewhere in its row or column cannot be computed back from a total).
KLEIN = "klein"
VERBORGEN = "verborgen"
NVT = "nvt"  # not applicable, e.g. a share without a denominator

MAANDEN = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december"]
DOMEINEN = LEVENSDOMEINEN

VRAAG = "vraag"  # keuze + geen_match: the inwoner wanted a meedenker and the bot searched
UITKOMST_SOORTEN = {uitkomst: soort for soort, uitkomst in SOORTEN.items() if uitkomst}  # gematcht: keuze


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
        if self.status == NVT or self.waarde is None:
            return "–"
        if self.aandeel:
            return f"{self.waarde * 100:.1f}".replace(".", ",") + "%"
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

    @property
    def tabellen(self) -> list[Tabel]:
        return [self.per_maand, self.uitkomsten, self.uitkomsten_aandeel, self.gaten, self.per_wijk,
                self.per_doelgroep, self.taalniveau, self.per_kanaal, self.afloop, self.knelpunten]


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
                tuple(s[d] for d in dims) for s in self._signalen if s["soort"] == t.soort)
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


def _lees_signalen(session: Session, van: dt.date, tot: dt.date) -> list[dict]:
    rijen = session.execute(
        select(Signaal.datum, Signaal.soort, Signaal.levensdomein, Signaal.onderwerp, Signaal.doelgroep,
               Signaal.wijk, Signaal.taalniveau, Signaal.knelpunt, Signaal.kanaal, Signaal.uitkomst)
        .where(Signaal.datum >= van, Signaal.datum <= tot)).all()
    signalen = []
    for r in rijen:
        s = dict(r._mapping)
        s["maand"] = f"{r.datum.year}-{r.datum.month:02d}"
        if s["levensdomein"] not in DOMEINEN:
            s["levensdomein"] = None  # only written by hand or by an older version: unknown
        # Every chat channel is one way in; before questions could be registered only the chat wrote signals.
        s["kanaal"] = s["kanaal"] if s["kanaal"] in KANALEN else CHAT
        signalen.append(s)
    return signalen


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
                 gemaakt: dt.date | None = None) -> Rapport:
    """The report over the signals from `van` up to and including `tot`."""
    if (fout := periode_fout(van, tot)) is not None:
        raise ValueError(fout)
    signalen = _lees_signalen(session, van, tot)
    # A contact always has a levensdomein; one without cannot be placed in any table.
    signalen = [s for s in signalen if s["soort"] != CONTACT or s["levensdomein"] in DOMEINEN]
    b = _Opbouw(_Teller(signalen))
    tabellen = dict(
        per_maand=_per_maand(b, van, tot),
        uitkomsten=_uitkomsten(b),
        uitkomsten_aandeel=_uitkomsten_aandeel(b),
        gaten=_gaten(b, signalen),
        per_wijk=_per_keuze_dimensie(
            b, "wijk", [*wijken.items(), *_onbekend(signalen, "wijk", wijken), (None, "Geen wijk genoemd")],
            "Wijk", "Per wijk",
            "Gesprekken met een keuze of geen match, per wijk",
            "De wijk noemt een inwoner pas als de bot meedenkers zoekt. Daarom tellen hier alleen de "
            "signalen die een wijk hebben: er werd een keuze uit meedenkers getoond, er was geen passende "
            "meedenker, of er was een warme overdracht. 'Samen' is keuze plus geen match; een warme "
            "overdracht volgt meestal op een keuze en telt daarom niet mee in 'Samen'."),
        per_doelgroep=_per_keuze_dimensie(
            b, "doelgroep", [*((k, v[0].upper() + v[1:]) for k, v in DOELGROEPEN.items()),
                             *_onbekend(signalen, "doelgroep", DOELGROEPEN), (None, "Geen doelgroep genoemd")],
            "Doelgroep", "Per doelgroep",
            "Gesprekken met een keuze of geen match, per doelgroep",
            "De doelgroep (bijvoorbeeld ouderen of mantelzorgers) komt uit de vragen die de bot stelt "
            "voordat hij meedenkers zoekt. Veel inwoners slaan die vraag over."),
        taalniveau=_taalniveau(b),
        per_kanaal=_per_kanaal(b),
        afloop=_afloop(b),
    )
    b.vul_in(drempel)
    kern = [
        ("Contacten (vraag herkend)", tabellen["per_maand"].rijen[-1].cellen[-1]),
        ("Meedenkers gevonden", tabellen["uitkomsten_aandeel"].rijen[-1].cellen[0]),
        ("Geen passende meedenker", tabellen["uitkomsten_aandeel"].rijen[-1].cellen[1]),
        ("Warme overdrachten", tabellen["uitkomsten"].rijen[-1].cellen[3]),
        ("Gesprekken in makkelijke taal (B1)", tabellen["taalniveau"].rijen[-1].cellen[2]),
    ]
    return Rapport(van=van, tot=tot, drempel=drempel, gemeente=gemeente, gemaakt=gemaakt or dt.date.today(),
                   kerncijfers=kern, knelpunten=_knelpunten(signalen, drempel), **tabellen)


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
        rijen.append(Rij([label], [b.aantal(contacten), b.aantal(b1), b.aandeel(b1, contacten)]))
    b.som([telling(CONTACT, levensdomein=d, taalniveau=B1) for d in DOMEINEN], telling(CONTACT, taalniveau=B1))
    rijen.append(Rij(["Totaal"], [b.aantal(telling(CONTACT)), b.aantal(telling(CONTACT, taalniveau=B1)),
                                  b.aandeel(telling(CONTACT, taalniveau=B1), telling(CONTACT))], "totaal"))
    return Tabel("Makkelijke taal (B1)", "Contacten in makkelijke taal (taalniveau B1)",
                 "Het aandeel contacten waarin de inwoner de bot in makkelijke taal (B1) liet praten.",
                 ["Levensdomein", "Contacten", "Waarvan in B1", "B1 (%)"], rijen)


CHAT = "chat"
_KANALEN = {CHAT: "Chat", **KANALEN}


def _per_kanaal(b: _Opbouw) -> Tabel:
    soorten = (CONTACT, OVERDRACHT)
    rijen = [Rij([label], [b.aantal(telling(s, kanaal=k)) for s in soorten]) for k, label in _KANALEN.items()]
    for s in soorten:
        b.som([telling(s, kanaal=k) for k in _KANALEN], telling(s))
    rijen.append(Rij(["Totaal"], [b.aantal(telling(s)) for s in soorten], "totaal"))
    return Tabel("Per kanaal", "Hoe vragen binnenkwamen",
                 "Naast de chat registreren coördinatoren en meedenkers vragen die aan de telefoon, bij een wijkpunt, "
                 "per e-mail of via een verwijzer (huisarts, wijkteam, school, Wmo-consulent) binnenkwamen. Zo tellen "
                 f"alle ingangen mee, niet alleen de chat ({', '.join(sorted(CHAT_KANALEN))} samen).",
                 ["Binnengekomen via", "Contacten", "Warme overdracht"], rijen)


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


def normaliseer(knelpunt: str) -> str:
    """Quotes that differ only in case, spacing, accents' encoding or end punctuation count as one."""
    tekst = unicodedata.normalize("NFKC", knelpunt).casefold()
    tekst = re.sub(r"\[([^\]]+)\]", lambda m: f"[{m.group(1).upper()}]", tekst)
    return re.sub(r"\s+", " ", tekst).strip(" .!?,;:'\"‘’“”")


def _knelpunten(signalen: list[dict], drempel: int, hoeveel: int = 5) -> Tabel:
    groepen: dict[tuple, Counter] = defaultdict(Counter)
    for s in signalen:
        if s["knelpunt"] and s["knelpunt"].strip():
            groepen[s["levensdomein"], normaliseer(s["knelpunt"])][s["knelpunt"].strip()] += 1
    rijen = []
    for d, label in _UITKOMST_DOMEINEN:
        # Only quotes given by at least `drempel` inwoners: a rare quote could point to one person.
        vaak = sorted(((sum(v.values()), v.most_common(1)[0][0]) for (dom, _), v in groepen.items()
                       if dom == d and sum(v.values()) >= drempel), key=lambda x: (-x[0], x[1]))[:hoeveel]
        if vaak:
            rijen += [Rij([label, tekst], [Cel(aantal)]) for aantal, tekst in vaak]
        elif d:
            rijen.append(Rij([label, f"Geen knelpunt dat {drempel} keer of vaker voorkwam"], [Cel(status=NVT)]))
    return Tabel("Knelpunten", "Meest genoemde knelpunten per levensdomein",
                 f"Wat inwoners in hun eigen woorden als probleem noemden, met namen, nummers en adressen "
                 f"vervangen door [NAAM], [NUMMER] en dergelijke. Gelijke citaten zijn samengeteld; alleen "
                 f"citaten die minstens {drempel} keer voorkwamen staan hier, de top {hoeveel} per levensdomein.",
                 ["Levensdomein", "Knelpunt (geanonimiseerd citaat)", "Aantal keer"], rijen, rijkoppen=2)
