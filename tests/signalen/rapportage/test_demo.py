"""The demo data set: realistic in shape, refuses to mix with real signals, and the whole report made from
it leaks no small count, across all its tables."""
from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from sqlalchemy import func, select

from bot.config import DEFAULTS
from bot.models import Signaal
from bot.signalen import rapportage
from bot.vocabulaire import slug

from .conftest import assert_veilig, demo_module

VAN, TOT = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
WIJKEN = {slug(naam): naam for naam in DEFAULTS["WIJKEN"].split(",")}  # the demo gemeente's eight wijken


@pytest.fixture(scope="module")
def demo():
    return demo_module()


def test_a_realistic_year(demo, sessions):
    with sessions() as session, session.begin():
        demo.vul(session, VAN, TOT, WIJKEN, seed=7)
    with sessions() as session:
        rijen = session.execute(select(Signaal.soort, Signaal.levensdomein, Signaal.datum, Signaal.taalniveau,
                                       Signaal.wijk, Signaal.knelpunt, Signaal.kanaal, Signaal.uitkomst,
                                       Signaal.dagen_tot_contact)).all()
    contacten = [r for r in rijen if r.soort == "levensdomein"]
    assert 1200 < len(contacten) < 3000
    domeinen = Counter(r.levensdomein for r in contacten)
    assert domeinen["wonen"] > 2 * domeinen["jeugd"] and domeinen["werk_inkomen"] > 2 * domeinen["jeugd"]
    assert 0.07 < sum(r.taalniveau == "b1" for r in contacten) / len(contacten) < 0.14
    per_maand = Counter(r.datum.month for r in contacten)
    assert per_maand[1] > per_maand[7] * 1.3  # January bills and toeslagen, a quiet July
    wijken = Counter(r.wijk for r in rijen if r.soort in ("keuze", "geen_match") and r.wijk)
    assert wijken["centrum"] > 5 * wijken["kleidorp"]
    knelpunten = Counter(rapportage.normaliseer(r.knelpunt) for r in contacten if r.knelpunt)
    assert max(knelpunten.values()) >= 30 and min(knelpunten.values()) < 5  # often said, and rare ones
    assert all(r.datum <= TOT and r.datum >= VAN for r in rijen)
    # Every way in: most questions come through the chat, some by phone, at a wijkpunt, by mail or a verwijzer.
    kanalen = Counter("chat" if r.kanaal in ("web", "rest") else r.kanaal for r in contacten)
    assert 0.75 < kanalen["chat"] / len(contacten) < 0.92 and kanalen["telefoon"] > kanalen["email"] > 0
    # Handovers end with an outcome, most with support found; first contact within days.
    afgesloten = [r for r in rijen if r.soort == "afgesloten"]
    overdrachten = [r for r in rijen if r.soort == "overdracht"]
    assert 0.6 < len(afgesloten) / len(overdrachten) < 0.9
    uitkomsten = Counter(r.uitkomst for r in afgesloten)
    assert uitkomsten["ondersteuning"] > uitkomsten["doorverwezen"] > uitkomsten["geen_contact"] > 0
    assert all(r.dagen_tot_contact is None for r in afgesloten if r.uitkomst == "geen_contact")


def test_refuses_to_add_to_existing_signals_unless_opnieuw(demo, database_url, sessions, capsys):
    assert demo.main(["--database-url", database_url, "--tot", "2025-06-30"]) == 0
    with sessions() as session:
        eerst = session.execute(select(func.count()).select_from(Signaal)).scalar_one()
    assert eerst > 0
    assert "Rapport maken: .venv/bin/bot report --van 2024-07-01 --tot 2025-06-30" in capsys.readouterr().out
    assert demo.main(["--database-url", database_url, "--tot", "2025-06-30"]) == 1
    assert "--opnieuw" in capsys.readouterr().err
    with sessions() as session:
        assert session.execute(select(func.count()).select_from(Signaal)).scalar_one() == eerst
    assert demo.main(["--database-url", database_url, "--tot", "2025-06-30", "--opnieuw"]) == 0
    with sessions() as session:
        assert session.execute(select(func.count()).select_from(Signaal)).scalar_one() == eerst  # same seed


def test_the_default_period_is_the_last_twelve_whole_months(demo):
    assert demo.standaard_periode(dt.date(2026, 11, 24)) == (dt.date(2025, 11, 1), dt.date(2026, 10, 31))
    assert demo.standaard_periode(dt.date(2026, 1, 5)) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def test_no_small_count_in_the_whole_demo_report_can_be_worked_out(demo, sessions, monkeypatch):
    """All tables at once: a number shared by two tables, or a sum across tables, gives nothing away."""
    with sessions() as session, session.begin():
        demo.vul(session, VAN, TOT, WIJKEN, seed=11)
    gezien = {}
    echte = rapportage.onderdruk

    def bewaar(waarden, lijnen, drempel):
        gezien.update(waarden=waarden, lijnen=list(lijnen), drempel=drempel)
        gezien["status"] = echte(waarden, gezien["lijnen"], drempel)
        return gezien["status"]

    monkeypatch.setattr(rapportage, "onderdruk", bewaar)
    with sessions() as session:
        rapport = rapportage.maak_rapport(session, VAN, TOT, WIJKEN)
    klein = [k for k, s in gezien["status"].items() if s == rapportage.KLEIN and gezien["waarden"][k] > 0]
    assert len(klein) >= 10, "the demo data should put suppression to work"
    assert_veilig(gezien["waarden"], gezien["lijnen"], gezien["status"], 5)
    assert any(c.tekst(5) == "<5" for r in rapport.per_wijk.rijen for c in r.cellen)
