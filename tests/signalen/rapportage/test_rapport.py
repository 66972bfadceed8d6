"""The report's figures for hand-built data sets: exact where counts are large, hidden where they are small."""
from __future__ import annotations

import datetime as dt

import pytest

from bot.signalen.rapportage import Rapport, Tabel, maak_rapport, normaliseer

from .conftest import BRIEF, FEB, JAN, MRT, TOT, VAN, WIJKEN, kolom, rij, voeg, vul_a, vul_b


@pytest.fixture
def rapport_a(sessions) -> Rapport:
    with sessions() as session, session.begin():
        vul_a(session)
    with sessions() as session:
        return maak_rapport(session, VAN, TOT, WIJKEN, gemeente="Lindeveld")


def test_contacts_per_month_and_domain(rapport_a):
    t = rapport_a.per_maand
    assert t.koppen == ["Maand", "Wonen", "Werk en inkomen", "Jeugd", "Wmo-aanvraag", "Totaal"]
    assert [r.koppen[0] for r in t.rijen] == ["januari 2026", "februari 2026", "maart 2026", "Totaal"]
    assert rij(t, "januari 2026") == ["10", "12", "5", "6", "33"]
    assert rij(t, "februari 2026") == ["8", "7", "5", "6", "26"]
    assert rij(t, "maart 2026") == ["6", "9", "6", "5", "26"]
    assert rij(t, "Totaal") == ["24", "28", "16", "17", "85"]


def test_outcomes_in_numbers_and_as_share_of_contacts(rapport_a):
    t = rapport_a.uitkomsten
    assert t.koppen[1:] == ["Contacten", "Meedenkers gevonden", "Geen meedenker (gat in het netwerk)",
                            "Warme overdracht", "Crisis", "Verwezen naar een mens", "Afgebroken"]
    assert rij(t, "Wonen") == ["24", "12", "6", "7", "5", "<5", "<5"]
    assert rij(t, "Werk en inkomen") == ["28", "10", "5", "<5", "<5", "<5", "8"]
    assert rij(t, "Levensdomein niet bekend") == ["–", "<5", "<5", "<5", "5", "6", "<5"]
    assert rij(t, "Totaal") == ["85", "22", "11", "7", "10", "6", "8"]
    p = rapport_a.uitkomsten_aandeel
    assert rij(p, "Wonen") == ["50,0%", "25,0%", "29,2%", "20,8%", "x", "x"]
    assert rij(p, "Werk en inkomen") == ["35,7%", "17,9%", "x", "x", "x", "28,6%"]
    assert rij(p, "Totaal") == ["25,9%", "12,9%", "8,2%", "11,8%", "7,1%", "9,4%"]


def test_gaps_per_domain_and_sub_topic(rapport_a):
    t = rapport_a.gaten
    assert rij(t, "Wonen", "Huurachterstand") == ["12", "<5", "12", "x"]
    assert rij(t, "Wonen", "Geen vaste woonplek") == ["<5", "6", "6", "100,0%"]
    assert rij(t, "Wonen", "Totaal wonen") == ["12", "6", "18", "33,3%"]
    assert rij(t, "Werk en inkomen", "Schulden") == ["10", "5", "15", "33,3%"]
    assert rij(t, "Jeugd", "Totaal jeugd") == ["<5", "<5", "<5", "x"]
    assert rij(t, "Totaal", "") == ["22", "11", "33", "33,3%"]
    assert {r.soort for r in t.rijen} == {"", "subtotaal", "totaal"}


def test_per_wijk_counts_only_signals_that_carry_a_wijk(rapport_a):
    t = rapport_a.per_wijk
    assert [r.koppen[0] for r in t.rijen] == ["Centrum", "De Akkers", "Kleidorp", "Geen wijk genoemd", "Totaal"]
    assert rij(t, "Centrum") == ["12", "6", "18", "33,3%", "7"]
    assert rij(t, "De Akkers") == ["10", "5", "15", "33,3%", "<5"]
    assert rij(t, "Kleidorp") == ["<5", "<5", "<5", "x", "<5"]
    assert rij(t, "Totaal") == ["22", "11", "33", "33,3%", "7"]
    assert "keuze" in t.uitleg and "geen passende" in t.uitleg and "warme" in t.uitleg


def test_per_doelgroep(rapport_a):
    t = rapport_a.per_doelgroep
    assert rij(t, "Ouderen") == ["12", "<5", "12", "x", "7"]
    assert rij(t, "Mantelzorgers") == ["<5", "5", "5", "100,0%", "<5"]
    assert rij(t, "Geen doelgroep genoemd") == ["10", "6", "16", "37,5%", "<5"]
    assert rij(t, "Totaal") == ["22", "11", "33", "33,3%", "7"]


def test_share_of_contacts_in_b1(rapport_a):
    t = rapport_a.taalniveau
    assert rij(t, "Wonen") == ["24", "5", "20,8%"]
    assert rij(t, "Werk en inkomen") == ["28", "5", "17,9%"]
    assert rij(t, "Jeugd") == ["16", "<5", "x"]
    assert rij(t, "Totaal") == ["85", "10", "11,8%"]
    # Without handovers, questionnaires or chat feedback their key figures have nothing to show.
    assert [(naam, c.tekst(5)) for naam, c in rapport_a.kerncijfers] == [
        ("Contacten (vraag herkend)", "85"), ("Meedenkers gevonden", "25,9%"), ("Geen passende meedenker", "12,9%"),
        ("Warme overdrachten", "7"), ("Passende ondersteuning gevonden", "x"),
        ("Ervoer de ondersteuning als helpend", "x"), ("Chatgesprek hielp (ja)", "x"),
        ("Gesprekken in makkelijke taal (B1)", "11,8%")]


def test_knelpunten_grouped_and_only_when_frequent(rapport_a):
    t = rapport_a.knelpunten
    assert rij(t, "Wonen", BRIEF) == ["8"]  # 5 + 2 with a full stop + 1 typed differently
    teksten = " ".join(r.koppen[1] for r in t.rijen)
    assert "huisbaas" not in teksten  # 4 times: below the threshold
    assert "[ADRES]" not in teksten  # once: could point to one person
    assert rij(t, "Jeugd", "Geen knelpunt dat 5 keer of vaker voorkwam") == ["–"]


def test_knelpunten_threshold_follows_the_report_threshold(sessions):
    with sessions() as session, session.begin():
        vul_a(session)
    with sessions() as session:
        rapport = maak_rapport(session, VAN, TOT, WIJKEN, drempel=9)
    assert not any(BRIEF in r.koppen[1] for r in rapport.knelpunten.rijen)  # 8 < 9
    assert rij(rapport.per_maand, "januari 2026", drempel=9)[2:4] == ["<9", "<9"]  # 5 and 6


def test_normalised_quotes():
    assert normaliseer("De  brief over [nummer]!") == normaliseer("de brief over [NUMMER]")
    assert normaliseer("Ik snap het niet.") != normaliseer("Ik snap het wel")


def test_hidden_counts_are_not_kept_in_the_report(rapport_a):
    verborgen = [c for t in rapport_a.tabellen for r in t.rijen for c in r.cellen if c.status]
    assert verborgen and all(c.waarde is None for c in verborgen)


def test_months_only_partly_in_the_period_say_so(sessions):
    with sessions() as session, session.begin():
        vul_a(session)
    with sessions() as session:
        t = maak_rapport(session, dt.date(2026, 1, 15), dt.date(2026, 2, 10), WIJKEN).per_maand
    assert [r.koppen[0] for r in t.rijen] == ["januari 2026 (vanaf 15)", "februari 2026 (tot en met 10)", "Totaal"]
    assert rij(t, "Totaal")[-1] == "59"  # 33 in January (all on the 15th) + 26 in February (all on the 10th)


def test_an_empty_period_shows_only_small_numbers(sessions):
    with sessions() as session:
        rapport = maak_rapport(session, VAN, TOT, WIJKEN)
    citaten = (rapport.knelpunten, rapport.verbeterpunten)
    cellen = [c for t in rapport.tabellen if t not in citaten for r in t.rijen for c in r.cellen]
    assert {c.tekst(5) for c in cellen} <= {"<5", "x", "–"}
    assert rij(rapport.knelpunten, "Wonen", "Geen knelpunt dat 5 keer of vaker voorkwam") == ["–"]


def test_values_no_longer_configured_are_still_counted(sessions):
    from bot.models import Signaal

    with sessions() as session, session.begin():
        voeg(session, 6, "keuze", FEB, levensdomein="wonen", wijk="centrum")
        # Written before a wijk was renamed in WIJKEN, or by hand: the sums must still add up.
        session.add_all([Signaal(datum=FEB, soort="keuze", levensdomein="wonen", wijk="oud_dorp")
                         for _ in range(7)])
        session.add_all([Signaal(datum=FEB, soort="geen_match", levensdomein="iets_anders") for _ in range(2)])
    with sessions() as session:
        rapport = maak_rapport(session, VAN, TOT, WIJKEN)
    assert rij(rapport.per_wijk, "oud_dorp (niet meer in de lijst)")[:3] == ["7", "<5", "7"]
    assert rij(rapport.per_wijk, "Centrum")[:3] == ["6", "<5", "6"]
    assert rij(rapport.uitkomsten, "Levensdomein niet bekend")[2] == "<5"


def test_begin_after_end_is_refused(sessions):
    with sessions() as session, pytest.raises(ValueError):
        maak_rapport(session, TOT, VAN, WIJKEN)


# --- Small numbers in a report: nothing can be worked out ----------------------------------------------

def lees(cel) -> int | None:
    return cel.waarde if cel.getoond else None


def aftrekken(tabel: Tabel, rijlijnen: list[tuple[list[int], int]], kolommen: list[int]) -> dict:
    """Subtract along rows (parts -> total column) and columns (rows -> the total row) until stuck."""
    rijen = [r for r in tabel.rijen]
    waarden = {(i, j): lees(c) for i, r in enumerate(rijen) for j, c in enumerate(r.cellen)}
    lijnen = [([(i, j) for j in delen], (i, totaal)) for i in range(len(rijen)) for delen, totaal in rijlijnen]
    lijnen += [([(i, j) for i in range(len(rijen) - 1)], (len(rijen) - 1, j)) for j in kolommen]
    berekend = {}
    veranderd = True
    while veranderd:
        veranderd = False
        for delen, totaal in lijnen:
            onbekend = [c for c in (*delen, totaal) if waarden[c] is None]
            if len(onbekend) == 1:
                c = onbekend[0]
                som = sum(waarden[d] or 0 for d in delen)
                waarden[c] = berekend[c] = waarden[totaal] - som if c != totaal else som
                veranderd = True
    return berekend


@pytest.fixture
def rapport_b(sessions) -> Rapport:
    with sessions() as session, session.begin():
        vul_b(session)
    with sessions() as session:
        return maak_rapport(session, VAN, TOT, WIJKEN)


def test_a_small_month_cannot_be_worked_out_from_row_or_column_totals(rapport_b):
    t = rapport_b.per_maand
    jan = rij(t, "januari 2026")
    assert jan[2] == "<5" and jan[4] == "63"
    assert sum(1 for v in jan[:4] if v in ("<5", "x")) >= 2  # the row total does not give the 3 away
    assert sum(1 for v in kolom(t, "Jeugd")[:-1] if v in ("<5", "x")) >= 2  # nor the column total
    assert rij(t, "Totaal")[2] == "43", "the totals stay visible"
    assert aftrekken(t, [([0, 1, 2, 3], 4)], [0, 1, 2, 3, 4]) == {}
    # The same hidden numbers are hidden wherever they appear.
    assert rij(rapport_b.taalniveau, "Jeugd")[0] == "43"


def test_a_small_wijk_cannot_be_worked_out_and_its_share_is_hidden(rapport_b):
    t = rapport_b.per_wijk
    kleidorp = rij(t, "Kleidorp")
    assert kleidorp[1] == "<5"
    assert "x" in (kleidorp[0], kleidorp[2])  # 9 + 2 = 11 would give the 2 away
    assert kleidorp[3] == "x"  # the share of a hidden count
    assert rij(t, "Totaal")[:3] == ["44", "16", "60"]
    berekend = aftrekken(t, [([0, 1], 2)], [0, 1, 2, 4])
    assert all(v == 0 for v in berekend.values()), berekend  # only "Geen wijk genoemd" zeros


# --- Every way in, and how handovers ended -----------------------------------------------------------

def test_contacts_per_way_in_count_registered_questions_beside_the_chat(sessions):
    with sessions() as session, session.begin():
        voeg(session, 9, "levensdomein", JAN, levensdomein="wonen", kanaal="web")
        voeg(session, 3, "levensdomein", JAN, levensdomein="wonen", kanaal="rest")
        voeg(session, 2, "levensdomein", JAN, levensdomein="wonen")  # an older chat signal without kanaal
        voeg(session, 6, "levensdomein", FEB, levensdomein="jeugd", kanaal="telefoon")
        voeg(session, 6, "overdracht", FEB, levensdomein="jeugd", kanaal="telefoon")
        voeg(session, 7, "levensdomein", FEB, levensdomein="wonen", kanaal="verwijzer", verwijzer="huisarts")
    with sessions() as session:
        t = maak_rapport(session, VAN, TOT, WIJKEN).per_kanaal
    assert rij(t, "Chat") == ["14", "<5", "51,9%"]  # no handover from the chat: a 0, shown as small
    assert rij(t, "Telefoon") == ["6", "6", "22,2%"]
    assert rij(t, "Via een verwijzer")[0] == "7"
    # Which verwijzer sent them: do huisartsen, wijkteams and schools find the cliëntondersteuning?
    assert rij(t, "Verwijzer: Huisarts") == ["7", "<5", "25,9%"]
    assert rij(t, "Verwijzer: Wijkteam")[0] == "<5"
    assert rij(t, "Geregistreerd samen") == ["13", "6", "48,1%"]
    assert rij(t, "Totaal") == ["27", "6", "100,0%"]


def test_outcomes_of_closed_handovers_per_levensdomein_with_small_numbers_hidden(sessions):
    with sessions() as session, session.begin():
        voeg(session, 8, "afgesloten", FEB, levensdomein="wonen", uitkomst="ondersteuning", werkdagen_tot_contact=2)
        voeg(session, 5, "afgesloten", FEB, levensdomein="wonen", uitkomst="doorverwezen",
             doorverwezen_naar="schuldhulp", werkdagen_tot_contact=1)
        voeg(session, 2, "afgesloten", FEB, levensdomein="wonen", uitkomst="geen_contact")
        voeg(session, 6, "afgesloten", MRT, levensdomein="jeugd", uitkomst="ondersteuning", werkdagen_tot_contact=4)
    with sessions() as session:
        rapport = maak_rapport(session, VAN, TOT, WIJKEN)
    t = rapport.afloop
    assert rij(t, "Wonen") == ["8", "5", "<5", "<5", "15"]  # the 2 "geen contact" hide beside a 0
    assert rij(t, "Jeugd")[0] == "6" and rij(t, "Totaal") == ["14", "5", "<5", "<5", "21"]
    berekend = aftrekken(t, [([0, 1, 2, 3], 4)], [0, 1, 2, 3, 4])
    assert all(v == 0 for v in berekend.values()), berekend  # only the empty rows' zeros follow
    # An outcome signal is never counted as a chat outcome.
    assert rij(rapport.uitkomsten, "Totaal")[0] == "<5"


def test_the_contacts_not_in_b1_cannot_be_worked_out_either(sessions):
    # 7 contacts, 5 of them in B1: "7" and "5" side by side would say that 2 inwoners chose standard Dutch.
    with sessions() as session, session.begin():
        voeg(session, 5, "levensdomein", FEB, levensdomein="jeugd", taalniveau="b1")
        voeg(session, 2, "levensdomein", FEB, levensdomein="jeugd", taalniveau="standaard")
        voeg(session, 30, "levensdomein", FEB, levensdomein="wonen", taalniveau="standaard")
        voeg(session, 9, "levensdomein", FEB, levensdomein="wonen", taalniveau="b1")
    with sessions() as session:
        t = maak_rapport(session, VAN, TOT, WIJKEN).taalniveau
    jeugd = rij(t, "Jeugd")
    assert "x" in jeugd[:2] and jeugd[2] == "x"
    assert rij(t, "Totaal") == ["46", "14", "30,4%"]
