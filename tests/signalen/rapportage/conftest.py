"""A fresh SQLite database per test, and helpers to fill it with hand-built signals."""
from __future__ import annotations

import datetime as dt
import importlib.util

import numpy as np
import pytest
from scipy.optimize import Bounds, LinearConstraint, milp

from bot import db
from bot.config import PROJECT_ROOT
from bot.signalen import signalen
from bot.signalen.rapportage import KLEIN, VERBORGEN

WIJKEN = {"centrum": "Centrum", "de_akkers": "De Akkers", "kleidorp": "Kleidorp"}
JAN, FEB, MRT = dt.date(2026, 1, 15), dt.date(2026, 2, 10), dt.date(2026, 3, 20)
VAN, TOT = dt.date(2026, 1, 1), dt.date(2026, 3, 31)


@pytest.fixture
def database_url(tmp_path):
    url = f"sqlite:///{tmp_path}/bot.db"
    db.upgrade(url)
    return url


@pytest.fixture
def sessions(database_url):
    return db.session_factory(database_url)


def voeg(session, aantal: int, soort: str, datum: dt.date, **categories) -> None:
    for _ in range(aantal):
        signalen.record(session, soort, wijken=WIJKEN, datum=datum, **categories)


def demo_module():
    """scripts/ is not a package: load the demo generator from its file."""
    spec = importlib.util.spec_from_file_location("demo_signalen", PROJECT_ROOT / "scripts" / "demo_signalen.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pytest_collection_modifyitems(items):
    # matplotlib 3.5 (pinned by Rasa) calls pyparsing names that newer pyparsing deprecates: not ours to fix.
    for item in items:
        if "rapportage" in item.nodeid:
            item.add_marker(pytest.mark.filterwarnings(r"ignore:'\w+' deprecated - use"))


# --- shared by several test modules ---------------------------------------------------------------

def rij(tabel, *koppen: str, drempel: int = 5) -> list[str]:
    """The shown texts of the row whose headers end with `koppen`."""
    gevonden = [r for r in tabel.rijen if tuple(r.koppen[-len(koppen):]) == koppen]
    assert len(gevonden) == 1, (koppen, [r.koppen for r in tabel.rijen])
    return [c.tekst(drempel) for c in gevonden[0].cellen]


def kolom(tabel, naam: str, drempel: int = 5) -> list[str]:
    i = tabel.koppen.index(naam) - tabel.rijkoppen
    return [r.cellen[i].tekst(drempel) for r in tabel.rijen]


BRIEF = "De woningcorporatie stuurt steeds brieven over [NUMMER]"


def vul_a(session) -> None:
    """Counts of 5 and more wherever a figure is checked; zeros elsewhere."""
    voeg(session, 5, "levensdomein", JAN, levensdomein="wonen", taalniveau="b1", knelpunt=BRIEF)
    voeg(session, 2, "levensdomein", JAN, levensdomein="wonen", knelpunt=BRIEF + ".")
    voeg(session, 1, "levensdomein", JAN, levensdomein="wonen", knelpunt="de  woningcorporatie stuurt steeds "
                                                                          "brieven over [nummer]!")
    voeg(session, 2, "levensdomein", JAN, levensdomein="wonen")
    voeg(session, 4, "levensdomein", FEB, levensdomein="wonen", knelpunt="Mijn huisbaas [NAAM] reageert niet")
    voeg(session, 4, "levensdomein", FEB, levensdomein="wonen")
    voeg(session, 1, "levensdomein", MRT, levensdomein="wonen", knelpunt="Ik woon op [ADRES] en moet eruit")
    voeg(session, 5, "levensdomein", MRT, levensdomein="wonen")
    voeg(session, 12, "levensdomein", JAN, levensdomein="werk_inkomen")
    voeg(session, 5, "levensdomein", FEB, levensdomein="werk_inkomen", taalniveau="b1")
    voeg(session, 2, "levensdomein", FEB, levensdomein="werk_inkomen", taalniveau="standaard")
    voeg(session, 9, "levensdomein", MRT, levensdomein="werk_inkomen")
    for datum, jeugd, wmo in ((JAN, 5, 6), (FEB, 5, 6), (MRT, 6, 5)):
        voeg(session, jeugd, "levensdomein", datum, levensdomein="jeugd")
        voeg(session, wmo, "levensdomein", datum, levensdomein="wmo_aanvraag")
    # Outside the period: never counted.
    voeg(session, 3, "levensdomein", VAN - dt.timedelta(days=1), levensdomein="wonen")
    voeg(session, 3, "keuze", TOT + dt.timedelta(days=1), levensdomein="wonen", wijk="centrum")

    voeg(session, 12, "keuze", FEB, levensdomein="wonen", onderwerp="huurachterstand", wijk="centrum",
         doelgroep="ouderen")
    voeg(session, 10, "keuze", FEB, levensdomein="werk_inkomen", onderwerp="schulden", wijk="de_akkers")
    voeg(session, 6, "geen_match", FEB, levensdomein="wonen", onderwerp="dakloos", wijk="centrum")
    voeg(session, 5, "geen_match", FEB, levensdomein="werk_inkomen", onderwerp="schulden", wijk="de_akkers",
         doelgroep="mantelzorger")
    voeg(session, 7, "overdracht", FEB, levensdomein="wonen", onderwerp="huurachterstand", wijk="centrum",
         doelgroep="ouderen")
    voeg(session, 5, "crisis", FEB, levensdomein="wonen")
    voeg(session, 5, "crisis", FEB)
    voeg(session, 6, "medewerker", MRT)
    voeg(session, 8, "afgebroken", MRT, levensdomein="werk_inkomen")


def vul_b(session) -> None:
    for datum in (JAN, FEB, MRT):
        for domein in ("wonen", "werk_inkomen", "wmo_aanvraag"):
            voeg(session, 20, "levensdomein", datum, levensdomein=domein)
        voeg(session, 3 if datum == JAN else 20, "levensdomein", datum, levensdomein="jeugd")
    voeg(session, 20, "keuze", FEB, levensdomein="wonen", wijk="centrum")
    voeg(session, 8, "geen_match", FEB, levensdomein="wonen", wijk="centrum")
    voeg(session, 15, "keuze", FEB, levensdomein="wonen", wijk="de_akkers")
    voeg(session, 6, "geen_match", FEB, levensdomein="wonen", wijk="de_akkers")
    voeg(session, 9, "keuze", FEB, levensdomein="wonen", wijk="kleidorp")
    voeg(session, 2, "geen_match", FEB, levensdomein="wonen", wijk="kleidorp")


def aftrekken(waarden, lijnen, status) -> dict:
    """What a reader computes by subtracting shown numbers from shown totals, over and over."""
    bekend = {k: v for k, v in waarden.items() if not status[k]}
    veranderd = True
    while veranderd:
        veranderd = False
        for lijn in lijnen:
            onbekend = [c for c in (*lijn.delen, lijn.totaal) if c not in bekend]
            if len(onbekend) == 1:
                c = onbekend[0]
                delen = sum(bekend.get(d, 0) for d in lijn.delen)
                bekend[c] = bekend[lijn.totaal] - delen if c != lijn.totaal else delen
                veranderd = True
    return {k: v for k, v in bekend.items() if status[k]}


def bereik(waarden, lijnen, status, drempel, sleutel) -> tuple[int, int]:
    """The lowest and highest whole value the hidden `sleutel` can have, given everything shown."""
    onbekend = [k for k in waarden if status[k]]
    index = {k: i for i, k in enumerate(onbekend)}
    matrix, rechts = [], []
    for lijn in lijnen:
        rij, som = np.zeros(len(onbekend)), 0
        for c, teken in [*((d, 1) for d in lijn.delen), (lijn.totaal, -1)]:
            if status[c]:
                rij[index[c]] += teken
            else:
                som -= teken * waarden[c]
        if rij.any():
            matrix.append(rij)
            rechts.append(som)
    onder = [0 if status[k] == KLEIN else drempel for k in onbekend]
    boven = [drempel - 1 if status[k] == KLEIN else np.inf for k in onbekend]
    doel = np.zeros(len(onbekend))
    doel[index[sleutel]] = 1
    uitkomst = []
    for teken in (1, -1):
        res = milp(teken * doel, constraints=LinearConstraint(np.array(matrix), rechts, rechts),
                   integrality=np.ones(len(onbekend)), bounds=Bounds(onder, boven))
        assert res.status == 0, res.message
        uitkomst.append(round(teken * res.fun))
    return uitkomst[0], uitkomst[1]


def assert_veilig(waarden, lijnen, status, drempel):
    for k, v in waarden.items():
        assert (status[k] == KLEIN) == (v < drempel), (k, v, status[k])
    for lijn in lijnen:  # the totals trap: never exactly one hidden number in a sum, unless it is a 0
        verborgen = [c for c in (*lijn.delen, lijn.totaal) if status[c]]
        assert len(verborgen) != 1 or waarden[verborgen[0]] == 0, lijn
    for k, v in aftrekken(waarden, lijnen, status).items():
        assert status[k] == VERBORGEN or v == 0, f"{k} = {v} is terug te rekenen"
    for k, v in waarden.items():
        if status[k] == KLEIN and v > 0:
            laag, hoog = bereik(waarden, lijnen, status, drempel, k)
            assert laag < hoog, f"{k} = {v} ligt vast"
