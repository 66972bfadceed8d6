"""The demo data set: realistic in shape, refuses to mix with real signals, and the whole report made from
it leaks no small count, across all its tables (the monitoring sections and the questionnaire included)."""
from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from sqlalchemy import func, select

from bot.config import DEFAULTS
from bot.models import Signaal, VragenlijstAntwoord
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
        aantallen = demo.vul(session, VAN, TOT, WIJKEN, seed=7)
    with sessions() as session:
        rijen = session.execute(select(Signaal.soort, Signaal.levensdomein, Signaal.datum, Signaal.taalniveau,
                                       Signaal.wijk, Signaal.knelpunt, Signaal.kanaal, Signaal.uitkomst,
                                       Signaal.werkdagen_tot_contact, Signaal.bekend_via, Signaal.meedenker_soort,
                                       Signaal.via_soort)).all()
        vragenlijsten = session.scalars(select(VragenlijstAntwoord)).all()
    assert aantallen == (len(rijen), len(vragenlijsten))
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
    assert all(r.werkdagen_tot_contact is None for r in afgesloten if r.uitkomst == "geen_contact")
    # Some handovers were passed on for a colleague, mostly from a volunteer to a professional.
    via = Counter((r.via_soort, r.meedenker_soort) for r in afgesloten if r.via_soort)
    assert 0.05 < sum(via.values()) / len(afgesloten) < 0.25
    assert via["vrijwillig", "beroepsmatig"] > via["beroepsmatig", "vrijwillig"] > 0
    # About one chat in four ends with feedback, mostly positive, often with how they found us.
    meningen = [r for r in rijen if r.soort == "mening"]
    assert 0.1 < len(meningen) / len(contacten) < 0.3
    oordelen = Counter(r.uitkomst for r in meningen)
    assert oordelen["ja"] > oordelen["een_beetje"] > oordelen["nee"] > 0
    assert 0.5 < sum(1 for r in meningen if r.bekend_via) / len(meningen) < 0.9
    assert any(r.bekend_via for r in contacten if r.kanaal not in ("web", "rest"))  # registered questions too
    wat_beter = Counter(rapportage.normaliseer(r.knelpunt) for r in meningen if r.knelpunt)
    assert max(wat_beter.values()) >= 10 and min(wat_beter.values()) < 5
    # Questionnaires after support: most agree, a few do not; some statements skipped; repeated verbeterpunten.
    assert 40 < len(vragenlijsten) < 250
    assert all(VAN.strftime("%Y-%m") <= v.maand <= TOT.strftime("%Y-%m") for v in vragenlijsten)
    scores = Counter(v.geholpen for v in vragenlijsten)
    assert scores[4] + scores[5] > 0.6 * len(vragenlijsten) and scores[1] + scores[2] > 0 and scores[None] > 0
    punten = Counter(rapportage.normaliseer(v.verbeterpunt) for v in vragenlijsten if v.verbeterpunt)
    assert max(punten.values()) >= 5


def test_refuses_to_add_to_existing_signals_unless_opnieuw(demo, database_url, sessions, capsys):
    assert demo.main(["--database-url", database_url, "--tot", "2025-06-30"]) == 0
    with sessions() as session:
        eerst = session.execute(select(func.count()).select_from(Signaal)).scalar_one()
        antwoorden = session.execute(select(func.count()).select_from(VragenlijstAntwoord)).scalar_one()
    assert eerst > 0 and antwoorden > 0
    assert "Rapport maken: .venv/bin/bot report --van 2024-07-01 --tot 2025-06-30" in capsys.readouterr().out
    assert demo.main(["--database-url", database_url, "--tot", "2025-06-30"]) == 1
    assert "--opnieuw" in capsys.readouterr().err
    with sessions() as session:
        assert session.execute(select(func.count()).select_from(Signaal)).scalar_one() == eerst
    assert demo.main(["--database-url", database_url, "--tot", "2025-06-30", "--opnieuw"]) == 0
    with sessions() as session:  # the same seed: the same signals and questionnaires, none twice
        assert session.execute(select(func.count()).select_from(Signaal)).scalar_one() == eerst
        assert session.execute(select(func.count()).select_from(VragenlijstAntwoord)).scalar_one() == antwoorden


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
        rapport = rapportage.maak_rapport(session, VAN, TOT, WIJKEN, reactietijd_dagen=2)
    klein = [k for k, s in gezien["status"].items() if s == rapportage.KLEIN and gezien["waarden"][k] > 0]
    assert len(klein) >= 10, "the demo data should put suppression to work"
    # ... in the monitoring sections too: chat feedback, closed handovers by kind of meedenker, where they were
    # referred to, referrals between kinds and time to first contact, the questionnaire's scores.
    assert {"afgesloten", rapportage.ANTWOORD} <= {k.soort for k in klein}
    filters = {naam for k in klein for naam, _ in k.filters}
    assert {"via_soort", "meedenker_soort", "doorverwezen_naar", "score"} <= filters
    assert any(k.soort == "afgesloten" and ("gemeten", True) in k.filters for k in gezien["waarden"])
    assert any(k.soort == "afgesloten" and ("binnen", True) in k.filters for k in gezien["waarden"])
    assert any(k.soort == "levensdomein" and ("bekend_via", "huisarts") in k.filters for k in gezien["waarden"])
    assert_veilig(gezien["waarden"], gezien["lijnen"], gezien["status"], 5)
    assert any(c.tekst(5) == "<5" for r in rapport.per_wijk.rijen for c in r.cellen)
    for tabel in (rapport.ervaringen, rapport.doorverwezen_naar, rapport.verwijzingen, rapport.chat_oordeel,
                  rapport.eerste_contact):
        assert any(c.status for r in tabel.rijen for c in r.cellen), tabel.naam
        assert any(c.getoond for r in tabel.rijen for c in r.cellen), tabel.naam
