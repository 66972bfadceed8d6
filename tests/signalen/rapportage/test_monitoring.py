"""The sections that answer the gemeente's monitoring questions: how inwoners found us, reach per doelgroep, time to
first contact, outcomes per kind of meedenker and referrals between them, the questionnaire after support, chat
feedback and verbeterpunten. Exact where counts are large, hidden where small, and safe against the attacker."""
from __future__ import annotations

import csv
import datetime as dt

import pytest
from openpyxl import load_workbook

from bot.models import Signaal, VragenlijstAntwoord
from bot.signalen import export, rapportage
from bot.signalen.rapportage import KLEIN, TE_WEINIG, VERBORGEN, Lijn, maak_rapport

from .conftest import FEB, JAN, MRT, TOT, VAN, WIJKEN, assert_veilig, kolom, rij, voeg


def rapport(sessions, **kwargs):
    with sessions() as session:
        return maak_rapport(session, VAN, TOT, WIJKEN, **kwargs)


def met_onderdrukking(sessions, monkeypatch, **kwargs):
    """The report, and everything suppression was given and decided, as an attacker would start from."""
    gezien = {}
    echte = rapportage.onderdruk

    def bewaar(waarden, lijnen, drempel):
        gezien.update(waarden=waarden, lijnen=list(lijnen), drempel=drempel)
        gezien["status"] = echte(waarden, gezien["lijnen"], drempel)
        return gezien["status"]

    monkeypatch.setattr(rapportage, "onderdruk", bewaar)
    return rapport(sessions, **kwargs), gezien


def antwoorden(session, aantal: int, maand: str = "2026-02", **scores) -> None:
    for _ in range(aantal):
        session.add(VragenlijstAntwoord(maand=maand, **scores))


# --- Hoe kent u ons? -----------------------------------------------------------------------------------------

def test_how_inwoners_found_us_after_a_chat_and_for_registered_questions(sessions):
    with sessions() as session, session.begin():
        voeg(session, 12, "mening", FEB, uitkomst="ja", bekend_via="website")
        voeg(session, 6, "mening", FEB, uitkomst="nee", bekend_via="familie")
        voeg(session, 2, "mening", FEB, uitkomst="ja", bekend_via="school")
        voeg(session, 9, "mening", FEB, uitkomst="een_beetje")
        voeg(session, 8, "levensdomein", FEB, levensdomein="wonen", kanaal="verwijzer", verwijzer="huisarts",
             bekend_via="huisarts")
        voeg(session, 5, "levensdomein", FEB, levensdomein="wonen", kanaal="telefoon")
        voeg(session, 30, "levensdomein", FEB, levensdomein="wonen", kanaal="web")  # the chat asks it in feedback
    t = rapport(sessions).bekend_via
    assert t.koppen == ["Hoe kent u ons?", "Na een chatgesprek", "Na een chatgesprek (%)", "Geregistreerde vragen",
                        "Geregistreerde vragen (%)"]
    assert rij(t, "Via de website van de gemeente") == ["12", "60,0%", "<5", "x"]  # 12 of the 20 who answered
    assert rij(t, "Via de huisarts") == ["<5", "x", "8", "100,0%"]
    assert rij(t, "Via school") == ["<5", "x", "<5", "x"]
    assert rij(t, "Ingevuld") == ["20", "–", "8", "–"]
    assert rij(t, "Niet ingevuld") == ["9", "–", "5", "–"]
    assert rij(t, "Totaal") == ["29", "–", "13", "–"]


# --- Bereik per doelgroep ----------------------------------------------------------------------------------

def test_reach_per_doelgroep_counts_contacts_and_support_found(sessions):
    with sessions() as session, session.begin():
        voeg(session, 9, "levensdomein", FEB, levensdomein="wonen", doelgroep="lvb")
        voeg(session, 6, "levensdomein", FEB, levensdomein="wonen", doelgroep="dak_thuislozen")
        voeg(session, 2, "levensdomein", FEB, levensdomein="jeugd", doelgroep="jongeren")
        voeg(session, 20, "levensdomein", FEB, levensdomein="werk_inkomen")
        voeg(session, 6, "afgesloten", MRT, levensdomein="wonen", doelgroep="lvb", uitkomst="ondersteuning",
             werkdagen_tot_contact=1)
        voeg(session, 6, "afgesloten", MRT, levensdomein="wonen", doelgroep="lvb", uitkomst="doorverwezen",
             doorverwezen_naar="wijkteam", werkdagen_tot_contact=2)
        voeg(session, 5, "afgesloten", MRT, levensdomein="wonen", uitkomst="ondersteuning", werkdagen_tot_contact=2)
    t = rapport(sessions).bereik_doelgroep
    assert [r.koppen[0] for r in t.rijen][:3] == ["Ouderen", "Jongeren", "Licht verstandelijke beperking"]
    assert rij(t, "Licht verstandelijke beperking") == ["9", "12", "6", "50,0%"]
    assert rij(t, "Dak- en thuislozen") == ["6", "<5", "<5", "x"]
    assert rij(t, "Jongeren")[0] == "<5"
    assert rij(t, "Geen doelgroep bekend") == ["20", "5", "5", "100,0%"]
    assert rij(t, "Totaal") == ["37", "17", "11", "64,7%"]
    # The jongeren's 2 contacts are hidden beside another number in their column.
    assert sum(1 for v in kolom(t, "Contacten")[:-1] if v in ("<5", "x")) >= 2


# --- Tijd tot eerste contact -------------------------------------------------------------------------------

@pytest.fixture
def wachttijden(sessions):
    with sessions() as session, session.begin():
        for dagen in (0, 1, 1, 2, 2, 3, 4, 5, 8, 10, 14):
            voeg(session, 1, "afgesloten", FEB, levensdomein="wonen", uitkomst="ondersteuning",
                 werkdagen_tot_contact=dagen, meedenker_soort="vrijwillig")
        for dagen in (1, 2, 3, 1, 2, 6, 7, 9, 4, 5):
            voeg(session, 1, "afgesloten", FEB, levensdomein="werk_inkomen", uitkomst="doorverwezen",
                 doorverwezen_naar="schuldhulp", werkdagen_tot_contact=dagen, meedenker_soort="beroepsmatig")
        for dagen in (1, 30, 2):  # three: too few for a median
            voeg(session, 1, "afgesloten", MRT, levensdomein="jeugd", uitkomst="ondersteuning",
                 werkdagen_tot_contact=dagen, meedenker_soort="beroepsmatig")
        voeg(session, 6, "afgesloten", MRT, levensdomein="wonen", uitkomst="geen_contact")  # no first contact


def test_time_to_first_contact_median_percentile_and_share_within_reactietijd(sessions, wachttijden, tmp_path):
    r = rapport(sessions, reactietijd_dagen=3)
    t = r.eerste_contact
    assert t.koppen == ["Levensdomein", "Overdrachten met eerste contact", "Mediaan (werkdagen)",
                        "90e percentiel (werkdagen)", "Binnen de reactietijd (%)"]
    # 0 1 1 2 2 3 4 5 8 10 14: median 3; 9 of 10 waited at most 10 working days; 6 of 11 within 3 (3 is in).
    assert rij(t, "Wonen") == ["11", "3", "10", "54,5%"]
    assert rij(t, "Werk en inkomen") == ["10", "3,5", "7", "50,0%"]  # 1 1 2 2 3 | 4 5 6 7 9
    assert rij(t, "Jeugd") == ["<5", "–", "–", "x"]  # the 30 days of one inwoner must not show
    assert [c.status for c in t.rijen[2].cellen[1:3]] == [TE_WEINIG, TE_WEINIG]
    assert rij(t, "Totaal") == ["24", "3", "10", "54,2%"]  # 13 of 24
    assert "binnen 3 werkdagen" in t.uitleg and "feestdagen tellen niet mee" in t.uitleg
    export.naar_xlsx(r, tmp_path / "r.xlsx")
    blad = load_workbook(tmp_path / "r.xlsx")["Tijd tot eerste contact"]
    assert (blad["C6"].value, blad["C6"].number_format) == (3.5, "0.0")  # werk en inkomen's median
    assert dict((naam, c.tekst(5)) for naam, c in r.kerncijfers)["Eerste contact binnen de reactietijd"] == "54,2%"
    # The handovers closed without contact count as closed, not as measured.
    assert rij(r.afloop, "Wonen")[-1] == "17"


def test_without_a_reactietijd_there_is_no_share_within_it(sessions, wachttijden):
    r = rapport(sessions)
    assert rij(r.eerste_contact, "Wonen") == ["11", "3", "10", "–"]
    assert "Eerste contact binnen de reactietijd" not in dict(r.kerncijfers)
    assert "niet opgegeven" in r.eerste_contact.uitleg


def test_a_group_with_fewer_values_than_the_threshold_reveals_no_median(sessions, monkeypatch):
    """Three handovers in jeugd, one of them with a long wait: neither their count nor their median or 90th
    percentile can be found, not even by subtracting from the total or from the other tables."""
    with sessions() as session, session.begin():
        for dagen in (1, 2, 2, 3, 4, 4, 5, 6):
            voeg(session, 1, "afgesloten", FEB, levensdomein="wonen", uitkomst="ondersteuning", werkdagen_tot_contact=dagen)
        for dagen in (2, 3, 21):
            voeg(session, 1, "afgesloten", FEB, levensdomein="jeugd", uitkomst="ondersteuning", werkdagen_tot_contact=dagen)
        voeg(session, 5, "afgesloten", FEB, levensdomein="jeugd", uitkomst="geen_contact")
    r, gezien = met_onderdrukking(sessions, monkeypatch, reactietijd_dagen=2)
    jeugd = rij(r.eerste_contact, "Jeugd")
    assert jeugd[:3] == ["<5", "–", "–"] and jeugd[3] in ("x", "<5")
    teksten = {c.tekst(5) for t in r.tabellen for rij_ in t.rijen for c in rij_.cellen}
    assert "21" not in teksten
    # Eight in wonen: a median, but no 90th percentile (below ten it is the longest wait, the 6 of one inwoner).
    assert rij(r.eerste_contact, "Wonen")[1:3] == ["3,5", "–"]
    assert "met minder dan 10 geen 90e percentiel" in r.eerste_contact.uitleg
    # Adding the 3 to the wonen 8 gives the total 11: the total of measured handovers must not give it away, so
    # either it is hidden or jeugd's "<5" is not the only unknown in its column.
    totaal = rij(r.eerste_contact, "Totaal")
    onbekend = [x.koppen[0] for x in r.eerste_contact.rijen[:-1] if rij(r.eerste_contact, x.koppen[0])[0] in ("<5", "x")]
    assert totaal[0] == "x" or len(onbekend) >= 2, onbekend
    gemeten = rapportage.telling(rapportage.AFGESLOTEN, levensdomein="jeugd", gemeten=True)
    assert gezien["status"][gemeten] == KLEIN
    assert_veilig(gezien["waarden"], gezien["lijnen"], gezien["status"], 5)


# --- Uitkomsten per soort meedenker, verwijzingen tussen soorten ---------------------------------------------

def sluit_afgerond(session, plekken: dict[str, tuple[str, ...]]) -> None:
    """The handovers of `afgerond`; `plekken`: where each kind of meedenker referred its 7 and 6 inwoners to."""
    def sluit(aantal, uitkomst, soort, via=None, naar=None):
        voeg(session, aantal, "afgesloten", FEB, levensdomein="wonen", uitkomst=uitkomst, meedenker_soort=soort,
             via_soort=via, doorverwezen_naar=naar, werkdagen_tot_contact=None if uitkomst == "geen_contact" else 2)

    sluit(12, "ondersteuning", "vrijwillig")
    sluit(5, "ondersteuning", "vrijwillig", via="beroepsmatig")
    for aantal, naar in zip((4, 3), plekken["vrijwillig"]):
        sluit(aantal, "doorverwezen", "vrijwillig", naar=naar)
    sluit(6, "afgezien", "vrijwillig")
    sluit(8, "geen_contact", "vrijwillig")
    sluit(9, "ondersteuning", "beroepsmatig", via="vrijwillig")
    sluit(11, "ondersteuning", "beroepsmatig")
    for aantal, naar in zip((3, 3), plekken["beroepsmatig"]):
        sluit(aantal, "doorverwezen", "beroepsmatig", naar=naar)
    sluit(2, "afgezien", "beroepsmatig", via="vrijwillig")
    sluit(9, "geen_contact", "beroepsmatig")
    sluit(5, "geen_contact", None)


@pytest.fixture
def afgerond(sessions):
    with sessions() as session, session.begin():
        sluit_afgerond(session, {"vrijwillig": ("wijkteam", "schuldhulp"), "beroepsmatig": ("schuldhulp", "huisarts")})


def test_outcomes_per_kind_of_meedenker(sessions, afgerond, monkeypatch):
    r, gezien = met_onderdrukking(sessions, monkeypatch)
    t = r.per_soort
    assert t.koppen == ["Soort meedenker", "Passende ondersteuning gevonden", "Doorverwezen", "Inwoner zag ervan af",
                        "Geen contact mogelijk", "Afgerond", "Passende ondersteuning (%)"]
    vrijwillig, beroeps = rij(t, "Vrijwilliger"), rij(t, "Beroepskracht")
    assert (vrijwillig[0], vrijwillig[4:]) == ("17", ["38", "44,7%"])  # 12 + 5 a professional passed on
    assert beroeps[2:5] == ["<5", "9", "37"]  # the 2 who declined are hidden ...
    assert sum(1 for v in beroeps[:4] if v in ("<5", "x")) >= 2  # ... with a second number beside them
    assert rij(t, "Soort niet bekend")[3:5] == ["5", "5"]
    assert rij(t, "Totaal") == ["37", "13", "8", "22", "80", "46,2%"]
    assert_veilig(gezien["waarden"], gezien["lijnen"], gezien["status"], 5)


def test_referrals_between_volunteers_and_professionals(sessions, afgerond):
    t = rapport(sessions).verwijzingen
    assert t.koppen == ["Doorgegeven door", "Naar vrijwilliger", "Naar beroepskracht", "Soort niet bekend", "Samen"]
    assert rij(t, "Van vrijwilliger") == ["<5", "11", "<5", "11"]
    assert rij(t, "Van beroepskracht") == ["5", "<5", "<5", "5"]
    assert rij(t, "Totaal") == ["5", "11", "<5", "16"]


# --- Doorverwezen naar ------------------------------------------------------------------------------------------

# Closed handovers: (aantal, uitkomst, meedenker_soort, doorverwezen_naar, levensdomein).
VERWIJSD = [
    (14, "doorverwezen", "vrijwillig", "wijkteam", "wonen"),
    (9, "doorverwezen", "vrijwillig", "schuldhulp", "werk_inkomen"),
    (2, "doorverwezen", "vrijwillig", "huisarts", "wonen"),
    (6, "doorverwezen", "beroepsmatig", "wijkteam", "wonen"),
    (9, "doorverwezen", "beroepsmatig", "huisarts", "wonen"),
    (11, "doorverwezen", "beroepsmatig", "schuldhulp", "werk_inkomen"),
    (7, "doorverwezen", "beroepsmatig", "jeugdhulp", "jeugd"),
    (5, "doorverwezen", "beroepsmatig", "wlz", "wmo_aanvraag"),
    (5, "doorverwezen", None, "wijkteam", "wonen"),  # closed by a coordinator
    (20, "ondersteuning", "vrijwillig", None, "wonen"),
    (12, "ondersteuning", "beroepsmatig", None, "werk_inkomen"),
    (5, "afgezien", "vrijwillig", None, "jeugd"),
    (6, "geen_contact", None, None, "wonen"),
]
# The same, but a coordinator referred only 3: a small count in this table and in the outcome tables.
VERWIJSD_KLEIN = [x for x in VERWIJSD if x[2] or x[1] != "doorverwezen"] + [
    (3, "doorverwezen", None, "schuldhulp", "werk_inkomen")]
PLEKKEN = ["Wijkteam", "Schuldhulpverlening", "Huisarts", "Jeugdhulp", "Wlz / zorgkantoor",
           "Andere meedenker of cliëntondersteuner", "Anders"]


def vul_verwijsd(sessions, afgesloten: list[tuple]) -> None:
    with sessions() as session, session.begin():
        for aantal, uitkomst, soort, naar, domein in afgesloten:
            voeg(session, aantal, "afgesloten", FEB, levensdomein=domein, uitkomst=uitkomst, meedenker_soort=soort,
                 doorverwezen_naar=naar, werkdagen_tot_contact=None if uitkomst == "geen_contact" else 2)


@pytest.fixture
def doorverwezen(sessions):
    vul_verwijsd(sessions, VERWIJSD)


def test_where_meedenkers_referred_inwoners_per_kind_of_meedenker(sessions, doorverwezen, monkeypatch):
    r, gezien = met_onderdrukking(sessions, monkeypatch)
    t = r.doorverwezen_naar
    assert t.naam == "Doorverwezen naar" and t in r.hoofdstukken[3].tabellen  # Afloop en samenwerking
    assert t.koppen == ["Doorverwezen naar", "Vrijwilliger", "Beroepskracht", "Soort niet bekend", "Samen",
                        "Vrijwilliger (%)", "Beroepskracht (%)", "Samen (%)"]
    assert [x.koppen[0] for x in t.rijen] == [*PLEKKEN, "Totaal"]  # no 'Onbekend': every referral has a place
    assert rij(t, "Wijkteam") == ["14", "6", "5", "25", "56,0%", "15,8%", "36,8%"]
    assert rij(t, "Schuldhulpverlening") == ["9", "11", "<5", "20", "36,0%", "28,9%", "29,4%"]
    assert rij(t, "Jeugdhulp") == ["<5", "7", "<5", "7", "x", "18,4%", "10,3%"]
    assert rij(t, "Wlz / zorgkantoor") == ["<5", "5", "<5", "5", "x", "13,2%", "7,4%"]
    assert rij(t, "Anders") == ["<5", "<5", "<5", "<5", "x", "x", "x"]
    # The volunteers' 2 referrals to the huisarts: with the coordinators' 0 beside them, the 9 of the professionals
    # and the row's 11 would give the 2 away, so they are hidden too, and so are the shares.
    assert rij(t, "Huisarts") == ["<5", "x", "<5", "x", "x", "x", "x"]
    assert rij(t, "Totaal") == ["25", "38", "5", "68", "100,0%", "100,0%", "100,0%"]
    # The totals are the "Doorverwezen" of the outcome tables: one count, the same number.
    assert kolom(r.per_soort, "Doorverwezen") == ["25", "38", "5", "68"]
    assert rij(r.afloop, "Totaal")[1] == "68"
    naar = rapportage.telling(rapportage.AFGESLOTEN, uitkomst="doorverwezen", doorverwezen_naar="huisarts",
                              meedenker_soort="vrijwillig")
    assert (gezien["waarden"][naar], gezien["status"][naar]) == (2, KLEIN)
    assert_veilig(gezien["waarden"], gezien["lijnen"], gezien["status"], 5)


@pytest.mark.parametrize("afgesloten", [VERWIJSD, VERWIJSD_KLEIN], ids=["coordinator-5", "coordinator-3"])
def test_a_reader_cannot_work_out_a_referral_from_this_table_and_the_outcome_tables(sessions, monkeypatch,
                                                                                    afgesloten):
    """The volunteers' 2 referrals to the huisarts, and (coordinator-3) the 3 a coordinator referred: "<5" here and
    in 'Uitkomst per soort meedenker'. The reader's view is built from the layout of the shown tables alone (the
    rows and columns of this table, and of the two outcome tables whose "Doorverwezen" numbers are its totals), so
    a sum the report forgot to declare would be caught."""
    vul_verwijsd(sessions, afgesloten)
    r, gezien = met_onderdrukking(sessions, monkeypatch)
    soorten = ["vrijwillig", "beroepsmatig", None]
    uitkomsten = ["ondersteuning", "doorverwezen", "afgezien", "geen_contact"]
    domeinen = ["wonen", "werk_inkomen", "jeugd", "wmo_aanvraag", None]
    plekken = ["wijkteam", "schuldhulp", "huisarts", "jeugdhulp", "wlz", "andere_meedenker", "anders"]

    def echt(**waar) -> int:
        velden = dict(uitkomst=1, soort=2, naar=3, domein=4)
        return sum(x[0] for x in afgesloten if all(x[velden[k]] == v for k, v in waar.items()))

    # A key says what a number counts, so a number that two tables show is one unknown for the reader.
    waarden, teksten, lijnen = {}, {}, []

    def lees(tabel, rijsleutels, kolomsleutels, sleutel, filters):
        for r_, x in zip(rijsleutels, tabel.rijen):
            for k_, c in zip(kolomsleutels, x.cellen):
                naam = sleutel(r_, k_)
                assert teksten.setdefault(naam, c.tekst(5)) == c.tekst(5), f"{naam} staat er verschillend"
                waarden[naam] = echt(**{k: v for k, v in filters(r_, k_).items() if v != "alle"})
            lijnen.append(Lijn(tuple(sleutel(r_, k_) for k_ in kolomsleutels[:-1]), sleutel(r_, "alle")))
        for k_ in kolomsleutels:
            lijnen.append(Lijn(tuple(sleutel(r_, k_) for r_ in rijsleutels[:-1]), sleutel("alle", k_)))

    def sleutel(uitkomst="alle", soort="alle", naar="alle", domein="alle"):
        return uitkomst, soort, naar, domein

    lees(r.doorverwezen_naar, [*plekken, "alle"], [*soorten, "alle"],
         lambda p, m: sleutel("doorverwezen", m, p), lambda p, m: dict(uitkomst="doorverwezen", naar=p, soort=m))
    lees(r.per_soort, [*soorten, "alle"], [*uitkomsten, "alle"],
         lambda m, u: sleutel(u, m), lambda m, u: dict(uitkomst=u, soort=m))
    lees(r.afloop, [*domeinen, "alle"], [*uitkomsten, "alle"],
         lambda d, u: sleutel(u, domein=d), lambda d, u: dict(uitkomst=u, domein=d))
    status = {k: KLEIN if v == "<5" else VERBORGEN if v == "x" else "" for k, v in teksten.items()}
    huisarts = sleutel("doorverwezen", "vrijwillig", "huisarts")
    assert (waarden[huisarts], status[huisarts]) == (2, KLEIN)
    if afgesloten is VERWIJSD_KLEIN:
        assert (waarden[sleutel("doorverwezen", None)], status[sleutel("doorverwezen", None)]) == (3, KLEIN)
        assert rij(r.doorverwezen_naar, "Totaal")[2] == rij(r.per_soort, "Soort niet bekend")[1] == "<5"
    assert_veilig(waarden, lijnen, status, 5)
    assert_veilig(gezien["waarden"], gezien["lijnen"], gezien["status"], 5)  # and over the whole report


def test_referrals_all_to_one_place_cost_numbers_in_the_outcome_tables_but_give_nothing_away(sessions, monkeypatch):
    """When every referral went to the wijkteam, this table shows how many each kind of meedenker referred: the
    numbers that 'Uitkomst per soort meedenker' hid to protect the 2 professionals' inwoners who declined. So more
    is hidden there than without this table; the small counts stay hidden."""
    with sessions() as session, session.begin():
        sluit_afgerond(session, {"vrijwillig": ("wijkteam", "wijkteam"), "beroepsmatig": ("wijkteam", "wijkteam")})
    r, gezien = met_onderdrukking(sessions, monkeypatch)
    assert rij(r.doorverwezen_naar, "Wijkteam")[:4] == ["7", "6", "<5", "13"]
    assert rij(r.per_soort, "Beroepskracht")[2] == "<5"
    assert sum(1 for v in rij(r.per_soort, "Beroepskracht")[:4] if v in ("<5", "x")) >= 2
    afgezien = rapportage.telling(rapportage.AFGESLOTEN, uitkomst="afgezien", meedenker_soort="beroepsmatig")
    assert (gezien["waarden"][afgezien], gezien["status"][afgezien]) == (2, KLEIN)
    assert_veilig(gezien["waarden"], gezien["lijnen"], gezien["status"], 5)


def test_a_referral_without_a_known_place_is_counted_as_onbekend(sessions, doorverwezen, monkeypatch):
    with sessions() as session, session.begin():
        # Written by hand or by an older version: no place, or one outside the vocabulary.
        voeg(session, 4, "afgesloten", MRT, levensdomein="wonen", uitkomst="doorverwezen",
             meedenker_soort="vrijwillig", werkdagen_tot_contact=1)
        for _ in range(2):
            session.add(Signaal(datum=MRT, soort="afgesloten", levensdomein="wonen", uitkomst="doorverwezen",
                                meedenker_soort="beroepsmatig", doorverwezen_naar="ggz"))
        # A place on another outcome is no referral: not counted here.
        session.add(Signaal(datum=MRT, soort="afgesloten", levensdomein="wonen", uitkomst="ondersteuning",
                            meedenker_soort="vrijwillig", doorverwezen_naar="wijkteam"))
    r, gezien = met_onderdrukking(sessions, monkeypatch)
    t = r.doorverwezen_naar
    assert [x.koppen[0] for x in t.rijen] == [*PLEKKEN, "Onbekend", "Totaal"]
    assert "'Onbekend'" in t.uitleg
    assert rij(t, "Onbekend")[:4] == ["<5", "<5", "<5", "6"]
    assert rij(t, "Wijkteam")[:4] == ["14", "6", "5", "25"]
    assert rij(t, "Totaal")[3] == "74" == rij(r.afloop, "Totaal")[1]  # 68 + 6: every referral is in it
    assert_veilig(gezien["waarden"], gezien["lijnen"], gezien["status"], 5)


def test_referral_places_in_html_csv_and_excel(sessions, doorverwezen, tmp_path):
    r = rapport(sessions)
    export.naar_csv(r, tmp_path / "r.csv")
    with open(tmp_path / "r.csv", encoding="utf-8-sig", newline="") as f:
        waarde = {(x["tabel"], x["rij"], x["kolom"]): x["waarde"] for x in csv.DictReader(f)}
    assert waarde["Doorverwezen naar", "Wijkteam", "Vrijwilliger"] == "14"
    assert waarde["Doorverwezen naar", "Wijkteam", "Vrijwilliger (%)"] == "56,0%"
    assert waarde["Doorverwezen naar", "Huisarts", "Vrijwilliger"] == "<5"
    assert waarde["Doorverwezen naar", "Huisarts", "Beroepskracht"] == "x"
    assert waarde["Doorverwezen naar", "Totaal", "Samen"] == "68"
    export.naar_xlsx(r, tmp_path / "r.xlsx")
    boek = load_workbook(tmp_path / "r.xlsx")
    namen = boek.sheetnames
    assert namen.index("Uitkomst per soort meedenker") < namen.index("Doorverwezen naar") < namen.index(
        "Verwijzingen tussen soorten")
    blad = boek["Doorverwezen naar"]
    assert blad["A1"].value == "Waar meedenkers inwoners naartoe doorverwezen, per soort meedenker"
    assert [c.value for c in blad[4]] == r.doorverwezen_naar.koppen
    rijen = {x[0].value: [c.value for c in x[1:]] for x in blad.iter_rows(min_row=5, max_row=12)}
    assert rijen["Wijkteam"][:4] == [14, 6, 5, 25] and rijen["Wijkteam"][4] == pytest.approx(14 / 25)
    assert blad["F5"].number_format == "0.0%"
    assert rijen["Huisarts"] == ["<5", "x", "<5", "x", "x", "x", "x"]
    assert rijen["Totaal"] == [25, 38, 5, 68, 1, 1, 1]
    html = export.naar_html_fragment(r)
    sectie = html.split('<h3 class="utrecht-heading-3" id="rapport-doorverwezen-naar">', 1)[1].split("</section>")[0]
    assert "<caption" in sectie and "Waar meedenkers inwoners naartoe doorverwezen" in sectie
    assert '<abbr title="minder dan 5, precies aantal verborgen">&lt;5</abbr>' in sectie
    # A chart compares the shares of volunteers and professionals; a hidden one is text without a bar.
    assert sectie.count("<img") == 1
    png, alt = export.grafiek_doorverwezen_naar(r)
    assert len(png) > 1000 and "vrijwilligers" in alt and alt.endswith(".")


def test_no_referral_chart_without_a_shown_share(sessions):
    with sessions() as session, session.begin():
        voeg(session, 3, "afgesloten", FEB, levensdomein="wonen", uitkomst="doorverwezen",
             doorverwezen_naar="wijkteam", meedenker_soort="vrijwillig", werkdagen_tot_contact=1)
    r = rapport(sessions)
    assert rij(r.doorverwezen_naar, "Wijkteam")[:4] == ["<5", "<5", "<5", "<5"]
    assert export.grafiek_doorverwezen_naar(r) is None


# --- The questionnaire after support -----------------------------------------------------------------------

@pytest.fixture
def vragenlijsten(sessions):
    with sessions() as session, session.begin():
        antwoorden(session, 10, geholpen=5, verder=4, keuzes=5, zelfde=5, aanraden=5, verbeterpunt="Sneller bellen")
        antwoorden(session, 6, "2026-01", geholpen=4, verder=4, keuzes=3, zelfde=None, aanraden=4,
                   verbeterpunt="sneller bellen.")
        antwoorden(session, 2, "2026-03", geholpen=1, verder=2, keuzes=2, zelfde=1, aanraden=2,
                   verbeterpunt="Mevrouw [NAAM] was onaardig")
        antwoorden(session, 5, "2026-03", geholpen=3, verder=3, keuzes=4, zelfde=4, aanraden=None)
        antwoorden(session, 5, "2026-02", geholpen=5, verder=5, keuzes=1, zelfde=5, aanraden=5)
        antwoorden(session, 7, "2025-12", geholpen=1, verder=1, keuzes=1, zelfde=1, aanraden=1)  # before the period
        antwoorden(session, 7, "2026-04", geholpen=1, verder=1, keuzes=1, zelfde=1, aanraden=1)  # after it


def test_questionnaire_answers_per_statement(sessions, vragenlijsten):
    r = rapport(sessions)
    t = r.ervaringen
    assert t.koppen == ["Stelling", "Helemaal mee oneens", "Mee oneens", "Neutraal", "Mee eens", "Helemaal mee eens",
                        "Beantwoord", "(Helemaal) mee eens (%)"]
    assert [r_.koppen[0] for r_ in t.rijen] == [
        "Ik heb de ondersteuning als helpend ervaren", "Ik kan zelfstandig of met passende hulp verder",
        "Ik kon zelf keuzes maken", "Ik zou weer naar dezelfde ondersteuner gaan",
        "Ik zou cliëntondersteuning aanraden"]
    # Questionnaires of December and April are outside the period; a skipped statement is not an answer.
    assert rij(t, "Ik heb de ondersteuning als helpend ervaren") == ["<5", "<5", "5", "6", "15", "28", "75,0%"]
    assert rij(t, "Ik kan zelfstandig of met passende hulp verder") == ["<5", "<5", "5", "16", "5", "28", "75,0%"]
    # One small count among four shown ones: a second number is hidden beside it, the total and share stay.
    assert rij(t, "Ik kon zelf keuzes maken") == ["x", "<5", "6", "5", "10", "28", "53,6%"]
    assert rij(t, "Ik zou weer naar dezelfde ondersteuner gaan") == ["<5", "<5", "<5", "5", "15", "22", "90,9%"]
    assert rij(t, "Ik zou cliëntondersteuning aanraden") == ["<5", "<5", "<5", "6", "15", "23", "91,3%"]
    assert dict((naam, c.tekst(5)) for naam, c in r.kerncijfers)["Ervoer de ondersteuning als helpend"] == "75,0%"


def test_a_shorter_period_counts_the_questionnaires_of_its_months(sessions, vragenlijsten):
    with sessions() as session:
        t = maak_rapport(session, dt.date(2026, 2, 20), dt.date(2026, 2, 21), WIJKEN).ervaringen
    assert rij(t, "Ik heb de ondersteuning als helpend ervaren")[4:6] == ["15", "15"]  # February's fifteen


def test_questionnaire_small_counts_cannot_be_worked_out(sessions, monkeypatch, vragenlijsten):
    r, gezien = met_onderdrukking(sessions, monkeypatch)
    antwoord = rapportage.ANTWOORD
    sleutels = [k for k in gezien["waarden"] if k.soort == antwoord]
    assert len(sleutels) >= 5 * 7  # five scores, answered and agreed, for each of the five statements
    klein = [k for k in sleutels if gezien["status"][k] == KLEIN and gezien["waarden"][k] > 0]
    assert klein, "the two unhappy inwoners should be hidden"
    assert any(gezien["status"][k] == VERBORGEN for k in sleutels), "a second number hides beside them"
    assert_veilig(gezien["waarden"], gezien["lijnen"], gezien["status"], 5)
    # The reader's view: in no row does the total minus the shown scores leave a single hidden score.
    for rij_ in r.ervaringen.rijen:
        assert sum(1 for c in rij_.cellen[:5] if c.status) != 1 or rij_.cellen[5].status


def test_verbeterpunten_only_when_frequent_and_knelpunten_ignore_chat_feedback(sessions, vragenlijsten):
    with sessions() as session, session.begin():
        # Written with a levensdomein here, to show that even then a "wat kan beter?" is no knelpunt.
        voeg(session, 4, "mening", FEB, levensdomein="wonen", uitkomst="nee", knelpunt="Ik wil kunnen bellen")
        voeg(session, 2, "mening", FEB, levensdomein="wonen", uitkomst="ja", knelpunt="ik wil kunnen bellen!")
        voeg(session, 1, "mening", FEB, levensdomein="wonen", uitkomst="nee", knelpunt="Bel mij op [TELEFOON]")
        voeg(session, 5, "levensdomein", FEB, levensdomein="wonen", knelpunt="Mijn huur is te hoog")
    r = rapport(sessions)
    t = r.verbeterpunten
    assert rij(t, "Vragenlijst na de ondersteuning", "Sneller bellen") == ["16"]
    assert rij(t, "Na een chatgesprek", "Ik wil kunnen bellen") == ["6"]
    teksten = " ".join(r_.koppen[1] for r_ in t.rijen)
    assert "[NAAM]" not in teksten and "[TELEFOON]" not in teksten  # given once or twice: could point to someone
    knelpunten = " ".join(r_.koppen[1] for r_ in r.knelpunten.rijen)
    assert "Mijn huur is te hoog" in knelpunten and "bellen" not in knelpunten


def test_no_verbeterpunten_says_so(sessions):
    t = rapport(sessions).verbeterpunten
    assert rij(t, "Vragenlijst na de ondersteuning", "Geen citaat dat 5 keer of vaker voorkwam") == ["–"]
    assert rij(t, "Na een chatgesprek", "Geen citaat dat 5 keer of vaker voorkwam") == ["–"]


# --- Chat feedback -----------------------------------------------------------------------------------------

def test_chat_feedback_per_month(sessions):
    # As the chat stores it: an opinion, its taalniveau, the day; no levensdomein or anything else of the talk.
    with sessions() as session, session.begin():
        for datum, ja, beetje, nee in ((JAN, 12, 6, 5), (FEB, 9, 5, 8), (MRT, 7, 0, 3)):
            voeg(session, ja, "mening", datum, uitkomst="ja", kanaal="rest", taalniveau="b1")
            voeg(session, beetje, "mening", datum, uitkomst="een_beetje", kanaal="rest", taalniveau="standaard")
            voeg(session, nee, "mening", datum, uitkomst="nee", kanaal="rest", taalniveau="standaard")
    r = rapport(sessions)
    t = r.chat_oordeel
    assert t.koppen == ["Maand", "Ja", "Een beetje", "Nee", "Antwoorden", "Ja (%)", "Nee (%)"]
    assert [x.koppen[0] for x in t.rijen] == ["januari 2026", "februari 2026", "maart 2026", "Totaal"]
    assert rij(t, "februari 2026") == ["9", "5", "8", "22", "40,9%", "36,4%"]
    assert rij(t, "maart 2026") == ["7", "<5", "<5", "10", "70,0%", "x"]
    # March's 3 times "nee" would follow from the total "nee" minus January and February: one more is hidden.
    assert sum(1 for v in kolom(t, "Nee")[:-1] if v in ("<5", "x")) >= 2
    assert rij(t, "Totaal") == ["28", "11", "16", "55", "50,9%", "29,1%"]
    assert dict((naam, c.tekst(5)) for naam, c in r.kerncijfers)["Chatgesprek hielp (ja)"] == "50,9%"
    # Feedback is not a contact: it adds nothing to the contacts, and it is not a knelpunt.
    assert rij(r.per_maand, "Totaal")[-1] == "<5"


# --- The whole set: chapters, exports, charts, and the attacker ---------------------------------------------

@pytest.fixture
def alles(sessions, wachttijden, afgerond, vragenlijsten):
    with sessions() as session, session.begin():
        voeg(session, 9, "mening", FEB, uitkomst="ja", bekend_via="website")
        voeg(session, 6, "mening", FEB, uitkomst="een_beetje", bekend_via="familie")
        voeg(session, 3, "mening", MRT, uitkomst="nee")
        voeg(session, 8, "levensdomein", FEB, levensdomein="wonen", kanaal="telefoon", doelgroep="ggz",
             bekend_via="wijkteam")
        voeg(session, 7, "levensdomein", FEB, levensdomein="werk_inkomen", kanaal="verwijzer", verwijzer="wijkteam",
             doelgroep="lvb")
        voeg(session, 2, "levensdomein", FEB, levensdomein="werk_inkomen", kanaal="verwijzer", verwijzer="school")


def test_the_chapters_follow_the_monitoring_questions(sessions, alles):
    r = rapport(sessions, reactietijd_dagen=2)
    assert [h.titel for h in r.hoofdstukken] == ["Bereik en bekendheid", "Wat de chat opleverde",
                                                 "Beschikbaarheid en deskundigheid", "Afloop en samenwerking",
                                                 "Ervaringen van inwoners", "Knelpunten"]
    assert all(h.vraag.endswith("?") for h in r.hoofdstukken)
    assert [t.naam for t in r.tabellen] == [t.naam for h in r.hoofdstukken for t in h.tabellen]
    assert len({t.naam for t in r.tabellen}) == len(r.tabellen) == 19
    assert all(t.uitleg and len(t.naam) <= 31 for t in r.tabellen)
    assert all(len(rij_.cellen) == len(t.koppen) - t.rijkoppen for t in r.tabellen for rij_ in t.rijen)


def test_the_new_tables_in_csv_and_excel(sessions, alles, tmp_path):
    r = rapport(sessions, reactietijd_dagen=2)
    export.naar_csv(r, tmp_path / "r.csv")
    with open(tmp_path / "r.csv", encoding="utf-8-sig", newline="") as f:
        waarde = {(x["tabel"], x["rij"], x["kolom"]): x["waarde"] for x in csv.DictReader(f)}
    assert waarde["Tijd tot eerste contact", "Wonen", "Mediaan (werkdagen)"] == "2"  # with the 'afgerond' handovers
    assert waarde["Tijd tot eerste contact", "Jeugd", "Mediaan (werkdagen)"] == "–"
    assert waarde["Ervaringen na de ondersteuning", "Ik kon zelf keuzes maken", "Beantwoord"] == "28"
    assert waarde["Chat-feedback", "Totaal", "Antwoorden"] == "18"
    assert waarde["Hoe inwoners ons vonden", "Via het wijkteam", "Geregistreerde vragen"] == "8"
    assert waarde["Kerncijfers", "Eerste contact binnen de reactietijd", "Waarde"].endswith("%")
    export.naar_xlsx(r, tmp_path / "r.xlsx")
    blad = load_workbook(tmp_path / "r.xlsx")["Tijd tot eerste contact"]
    rijen = {x[0].value: x for x in blad.iter_rows(min_row=5)}
    assert rijen["Werk en inkomen"][1].value == 10 and rijen["Werk en inkomen"][2].value == 3.5
    assert rijen["Jeugd"][2].value == "–"


def test_every_new_section_has_a_chart_drawn_from_shown_numbers_only(sessions, alles):
    r = rapport(sessions, reactietijd_dagen=2)
    # Hidden numbers are not in the report at all, so no chart can draw one.
    verborgen = [c for t in r.tabellen for rij_ in t.rijen for c in rij_.cellen if c.status]
    assert verborgen and all(c.waarde is None for c in verborgen)
    for naam in ("Per kanaal", "Hoe inwoners ons vonden", "Bereik per doelgroep", "Tijd tot eerste contact",
                 "Uitkomst per soort meedenker", "Doorverwezen naar", "Ervaringen na de ondersteuning",
                 "Chat-feedback"):
        maak, onderschrift = export.GRAFIEKEN[naam]
        png, alt = maak(r)
        assert len(png) > 1000 and alt.endswith(".") and onderschrift
    html = export.naar_html_fragment(r)
    assert html.count("<img") == 11 and html.count("<h3") == 19  # no keuze or geen match here: no gaps chart


def test_no_small_count_in_the_new_tables_can_be_worked_out(sessions, alles, monkeypatch):
    r, gezien = met_onderdrukking(sessions, monkeypatch, reactietijd_dagen=2)
    soorten = {k.soort for k, s in gezien["status"].items() if s == KLEIN and gezien["waarden"][k] > 0}
    assert {"mening", "afgesloten", rapportage.ANTWOORD} <= soorten
    assert_veilig(gezien["waarden"], gezien["lijnen"], gezien["status"], 5)



