"""A handover's trajectory with meedenkers, without the web: accept, decline, a colleague via the coordinator, the
day of first contact, the outcome and its anonymous signal, and questions registered by hand."""
import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select

from bot import db
from bot.config import load_settings
from bot.models import Overdracht, OverdrachtGebeurtenis, Signaal
from bot.overdracht import overdracht
from bot.overdracht.overdracht import Gekozen, OverdrachtFout, Registratie
from bot.overdracht.transcript import Regel
from bot.signalen import signalen
from bot.tijd import lokale_dag

WIJKEN = load_settings(environ={}).wijken
ANNA = Gekozen("vml-anna", "Anna de Vries", "Vrijwillige Meedenkers Lindeveld", "vrijwillig")
MARLOES = Gekozen("smd-marloes", "Marloes Jansen", "Steunpunt Mantelzorg De Schakel", "beroepsmatig")
TOEGEWEZEN_VELDEN = ("toegewezen_sleutel", "toegewezen_naam", "toegewezen_organisatie", "toegewezen_soort",
                     "toegewezen_op", "geaccepteerd")


@pytest.fixture
def sessions(tmp_path):
    url = f"sqlite:///{tmp_path}/traject.db"
    db.upgrade(url)
    return db.session_factory(url)


def _maak(session, tijd=None, **kw):
    return overdracht.maak(session, gesprek_id="gesprek-1", contact_manier="telefoon",
                           contact_gegeven="+31 6 12345678", contact_moment="ochtend",
                           transcript=[Regel(dt.datetime(2026, 1, 1), "inwoner", "Ik heb een huurachterstand")],
                           levensdomein="wonen", onderwerp="huurachterstand", wijk="de_akkers", taalniveau="b1",
                           tijd=tijd, **kw)


def _toegewezen_aan_anna(session, tijd=None):
    o = _maak(session, tijd=tijd)
    overdracht.pak_op(o, "coord")
    overdracht.wijs_toe(o, "coord", ANNA)
    return o


def _aangenomen_door_anna(session, tijd=None):
    o = _toegewezen_aan_anna(session, tijd)
    overdracht.neem_aan(o, "anna", ANNA.sleutel)
    return o


def _events(o):
    return [(e.gebruiker, e.soort, e.tekst) for e in o.gebeurtenissen]


def test_the_whole_trajectory_records_who_did_what(sessions):
    with sessions() as s, s.begin():
        o = _maak(s)
        ref, vandaag = o.referentie, lokale_dag(o.aangemaakt)
        assert o.status == overdracht.NIEUW
        overdracht.pak_op(o, "coord")
        assert (o.status, o.behandelaar) == (overdracht.OPGEPAKT, "coord")
        overdracht.wijs_toe(o, "coord", ANNA)
        assert o.status == overdracht.TOEGEWEZEN and o.toegewezen_op is not None and o.geaccepteerd is None
        assert (o.toegewezen_sleutel, o.toegewezen_naam, o.toegewezen_soort) == ("vml-anna", "Anna de Vries",
                                                                                 "vrijwillig")
        overdracht.neem_aan(o, "anna", "vml-anna")
        assert o.status == overdracht.AANGENOMEN and o.geaccepteerd is not None
        assert overdracht.STATUSSEN[o.status] == "Aangenomen"
        overdracht.leg_contact_vast(o, "anna", vandaag, vandaag, sleutel="vml-anna")
        assert (o.status, o.eerste_contact) == (overdracht.IN_CONTACT, vandaag)
        overdracht.rond_af(o, "anna", "doorverwezen", "schuldhulp", sleutel="vml-anna")
    with sessions() as s:
        o = overdracht.vind(s, ref)
        assert (o.status, o.uitkomst, o.doorverwezen_naar) == (overdracht.AFGEROND, "doorverwezen", "schuldhulp")
        assert o.afgerond is not None and o.behandelaar == "coord"
        assert _events(o) == [
            ("inwoner", "aangemaakt", "Toestemming gegeven in de chat"),
            ("coord", "opgepakt", None),
            ("coord", "toegewezen", "Anna de Vries (Vrijwillige Meedenkers Lindeveld)"),
            ("anna", "aangenomen", None),
            ("anna", "eerste_contact", f"{vandaag:%d-%m-%Y}"),
            ("anna", "afgerond", "Doorverwezen: Schuldhulpverlening"),
        ]
        assert all(e.tijd is not None for e in o.gebeurtenissen)
        with pytest.raises(OverdrachtFout, match="al afgerond"):
            overdracht.pak_op(o, "coord")


@pytest.mark.parametrize("stap", ["neem_aan", "wijs_af", "leg_contact_vast", "rond_af", "vraag_collega"])
def test_another_meedenker_than_the_assigned_one_can_change_nothing(sessions, stap):
    with sessions() as s, s.begin():
        o = _toegewezen_aan_anna(s)
        if stap in ("leg_contact_vast", "rond_af", "vraag_collega"):
            overdracht.neem_aan(o, "anna", "vml-anna")  # these need an accepted handover: Anna's, not Marloes'
        status, events = o.status, len(o.gebeurtenissen)
        vandaag = lokale_dag(o.aangemaakt)
        doe = {
            "neem_aan": lambda: overdracht.neem_aan(o, "marloes", "smd-marloes"),
            "wijs_af": lambda: overdracht.wijs_af(o, "marloes", "smd-marloes", "Geen tijd"),
            "leg_contact_vast": lambda: overdracht.leg_contact_vast(o, "marloes", vandaag, vandaag,
                                                                     sleutel="smd-marloes"),
            "rond_af": lambda: overdracht.rond_af(o, "marloes", "afgezien", sleutel="smd-marloes"),
            "vraag_collega": lambda: overdracht.vraag_collega(o, "marloes", "smd-marloes", "Past beter"),
        }[stap]
        with pytest.raises(OverdrachtFout) as fout:
            doe()
        assert str(fout.value) == "Deze overdracht is niet (meer) aan jou toegewezen."
        assert (o.status, len(o.gebeurtenissen), o.toegewezen_sleutel) == (status, events, "vml-anna")
        assert o.eerste_contact is None and o.uitkomst is None


def test_a_meedenker_account_without_a_meedenker_cannot_take_an_unassigned_handover(sessions):
    # The web passes "-" for an account without a sleutel; an unassigned handover has toegewezen_sleutel None.
    with sessions() as s, s.begin():
        o = _maak(s)
        for sleutel in ("-", ""):
            with pytest.raises(OverdrachtFout, match="niet \\(meer\\) aan jou toegewezen"):
                overdracht.neem_aan(o, "iemand", sleutel)
        assert o.status == overdracht.NIEUW


@pytest.mark.parametrize("reden", [None, "", "   \n "])
def test_declining_without_a_reason_is_refused(sessions, reden):
    with sessions() as s, s.begin():
        o = _toegewezen_aan_anna(s)
        with pytest.raises(OverdrachtFout) as fout:
            overdracht.wijs_af(o, "anna", "vml-anna", reden)
        assert "Schrijf kort op waarom je de overdracht niet aanneemt" in str(fout.value)
        assert (o.status, o.toegewezen_sleutel) == (overdracht.TOEGEWEZEN, "vml-anna")
        assert [e.soort for e in o.gebeurtenissen][-1] == "toegewezen"


def test_a_reason_longer_than_the_maximum_is_refused(sessions):
    with sessions() as s, s.begin():
        o = _toegewezen_aan_anna(s)
        with pytest.raises(OverdrachtFout, match="hoogstens 4000 tekens"):
            overdracht.wijs_af(o, "anna", "vml-anna", "x" * (overdracht.MAX_TEKST + 1))
        assert o.status == overdracht.TOEGEWEZEN


@pytest.mark.parametrize("behandelaar,status", [("coord", overdracht.OPGEPAKT), (None, overdracht.NIEUW)])
def test_declining_goes_back_to_the_coordinator_and_clears_the_assignment(sessions, behandelaar, status):
    with sessions() as s, s.begin():
        o = _toegewezen_aan_anna(s)
        o.behandelaar = behandelaar
        overdracht.wijs_af(o, "anna", "vml-anna", "  Geen tijd deze maand  ")
        assert o.status == status and o.behandelaar == behandelaar
        assert {veld: getattr(o, veld) for veld in TOEGEWEZEN_VELDEN} == dict.fromkeys(TOEGEWEZEN_VELDEN)
        assert _events(o)[-1] == ("anna", "afgewezen", "Geen tijd deze maand")
        # The inwoner's own choice is a snapshot that stays; and Anna cannot take it back on her own.
        with pytest.raises(OverdrachtFout, match="niet \\(meer\\) aan jou toegewezen"):
            overdracht.neem_aan(o, "anna", "vml-anna")


def test_declining_after_accepting_is_refused(sessions):
    with sessions() as s, s.begin():
        o = _aangenomen_door_anna(s)
        with pytest.raises(OverdrachtFout, match="Je hebt deze overdracht al aangenomen"):
            overdracht.wijs_af(o, "anna", "vml-anna", "Toch niet")
        with pytest.raises(OverdrachtFout, match="al aangenomen"):
            overdracht.neem_aan(o, "anna", "vml-anna")
        assert (o.status, o.toegewezen_sleutel) == (overdracht.AANGENOMEN, "vml-anna")


def test_asking_for_a_colleague_keeps_the_history_and_the_kind_it_came_from(sessions):
    with sessions() as s, s.begin():
        o = _toegewezen_aan_anna(s)
        with pytest.raises(OverdrachtFout, match="Neem de overdracht eerst aan"):
            overdracht.vraag_collega(o, "anna", "vml-anna", "Zwaar")
        overdracht.neem_aan(o, "anna", "vml-anna")
        with pytest.raises(OverdrachtFout, match="een collega vraagt"):
            overdracht.vraag_collega(o, "anna", "vml-anna", " ")
        overdracht.vraag_collega(o, "anna", "vml-anna", "De vraag is zwaarder dan gedacht")
        assert (o.status, o.via_soort) == (overdracht.OPGEPAKT, "vrijwillig")
        assert {veld: getattr(o, veld) for veld in TOEGEWEZEN_VELDEN} == dict.fromkeys(TOEGEWEZEN_VELDEN)
        overdracht.wijs_toe(o, "coord", MARLOES)
        overdracht.neem_aan(o, "marloes", "smd-marloes")
        ref = o.referentie
    with sessions() as s:
        o = overdracht.vind(s, ref)
        assert (o.status, o.toegewezen_sleutel, o.toegewezen_soort, o.via_soort) == (
            overdracht.AANGENOMEN, "smd-marloes", "beroepsmatig", "vrijwillig")
        assert _events(o) == [
            ("inwoner", "aangemaakt", "Toestemming gegeven in de chat"),
            ("coord", "opgepakt", None),
            ("coord", "toegewezen", "Anna de Vries (Vrijwillige Meedenkers Lindeveld)"),
            ("anna", "aangenomen", None),
            ("anna", "collega_gevraagd", "De vraag is zwaarder dan gedacht"),
            ("coord", "toegewezen", "Marloes Jansen (Steunpunt Mantelzorg De Schakel)"),
            ("marloes", "aangenomen", None),
        ]
        # Anna no longer has a say in it.
        with pytest.raises(OverdrachtFout, match="niet \\(meer\\) aan jou toegewezen"):
            overdracht.rond_af(o, "anna", "afgezien", sleutel="vml-anna")


# 23:30 UTC on 10 March is 00:30 on 11 March in Lindeveld: the question came in on the 11th.
LAAT = dt.datetime(2026, 3, 10, 23, 30)
VANDAAG = dt.date(2026, 3, 20)


def test_first_contact_in_the_future_is_refused_naming_the_date(sessions):
    with sessions() as s, s.begin():
        o = _aangenomen_door_anna(s, tijd=LAAT)
        events = len(o.gebeurtenissen)
        with pytest.raises(OverdrachtFout) as fout:
            overdracht.leg_contact_vast(o, "anna", dt.date(2026, 3, 21), VANDAAG, sleutel="vml-anna")
        assert "De datum van het eerste contact (21-03-2026) ligt in de toekomst" in str(fout.value)
        assert (o.eerste_contact, o.status, len(o.gebeurtenissen)) == (None, overdracht.AANGENOMEN, events)


def test_first_contact_before_the_handovers_local_day_is_refused_naming_both_dates(sessions):
    with sessions() as s, s.begin():
        o = _aangenomen_door_anna(s, tijd=LAAT)
        with pytest.raises(OverdrachtFout) as fout:
            overdracht.leg_contact_vast(o, "anna", dt.date(2026, 3, 10), VANDAAG, sleutel="vml-anna")
        assert str(fout.value) == ("De datum van het eerste contact (10-03-2026) ligt vóór de dag waarop de vraag "
                                   "binnenkwam (11-03-2026).")
        assert o.eerste_contact is None and o.status == overdracht.AANGENOMEN
        overdracht.leg_contact_vast(o, "anna", dt.date(2026, 3, 11), VANDAAG, sleutel="vml-anna")
        assert (o.eerste_contact, o.status) == (dt.date(2026, 3, 11), overdracht.IN_CONTACT)


def test_first_contact_without_a_date_says_how_to_write_it(sessions):
    with sessions() as s, s.begin():
        o = _aangenomen_door_anna(s, tijd=LAAT)
        with pytest.raises(OverdrachtFout, match="bijvoorbeeld 20-03-2026"):
            overdracht.leg_contact_vast(o, "anna", None, VANDAAG, sleutel="vml-anna")


def test_a_meedenker_records_first_contact_only_after_accepting(sessions):
    with sessions() as s, s.begin():
        o = _toegewezen_aan_anna(s, tijd=LAAT)
        with pytest.raises(OverdrachtFout, match="Neem de overdracht eerst aan"):
            overdracht.leg_contact_vast(o, "anna", dt.date(2026, 3, 12), VANDAAG, sleutel="vml-anna")
        # A coordinator may (the inwoner called the coordinator back, say); the status stays as it was.
        overdracht.leg_contact_vast(o, "coord", dt.date(2026, 3, 12), VANDAAG)
        assert (o.eerste_contact, o.status) == (dt.date(2026, 3, 12), overdracht.TOEGEWEZEN)


@pytest.mark.parametrize("uitkomst", ["ondersteuning", "doorverwezen"])
def test_closing_with_support_or_a_referral_needs_first_contact(sessions, uitkomst):
    with sessions() as s, s.begin():
        o = _aangenomen_door_anna(s)
        with pytest.raises(OverdrachtFout, match="Vul eerst de datum van het eerste contact in"):
            overdracht.rond_af(o, "anna", uitkomst, "schuldhulp", sleutel="vml-anna")
        assert (o.status, o.uitkomst, o.afgerond) == (overdracht.AANGENOMEN, None, None)


def test_closing_needs_a_known_outcome_and_for_a_referral_a_category(sessions):
    with sessions() as s, s.begin():
        o = _aangenomen_door_anna(s)
        vandaag = lokale_dag(o.aangemaakt)
        overdracht.leg_contact_vast(o, "anna", vandaag, vandaag, sleutel="vml-anna")
        for uitkomst in (None, "", "opgelost"):
            with pytest.raises(OverdrachtFout, match="Kies de uitkomst"):
                overdracht.rond_af(o, "anna", uitkomst, sleutel="vml-anna")
        for naar in (None, "bank"):
            with pytest.raises(OverdrachtFout, match="Kies waarheen de inwoner is doorverwezen"):
                overdracht.rond_af(o, "anna", "doorverwezen", naar, sleutel="vml-anna")
        assert o.status == overdracht.IN_CONTACT
        # A category with another outcome is not kept: it would count as a referral that never was.
        overdracht.rond_af(o, "anna", "ondersteuning", "schuldhulp", sleutel="vml-anna")
        assert (o.status, o.uitkomst, o.doorverwezen_naar) == (overdracht.AFGEROND, "ondersteuning", None)


def test_giving_up_needs_no_first_contact(sessions):
    with sessions() as s, s.begin():
        o = _aangenomen_door_anna(s)
        overdracht.rond_af(o, "anna", "geen_contact", sleutel="vml-anna")
        assert (o.status, o.uitkomst, o.eerste_contact) == (overdracht.AFGEROND, "geen_contact", None)


def test_the_outcome_signal_holds_categories_only(sessions):
    with sessions() as s, s.begin():
        o = _aangenomen_door_anna(s, tijd=LAAT)
        o.kanaal = None
        overdracht.leg_contact_vast(o, "anna", dt.date(2026, 3, 14), VANDAAG, sleutel="vml-anna")
        overdracht.rond_af(o, "anna", "doorverwezen", "schuldhulp", sleutel="vml-anna")
        signaal = overdracht.uitkomst_signaal(o)
        assert signaal == dict(levensdomein="wonen", onderwerp="huurachterstand", doelgroep=None, wijk="de_akkers",
                               taalniveau="b1", kanaal=None, verwijzer=None, uitkomst="doorverwezen",
                               doorverwezen_naar="schuldhulp", meedenker_soort="vrijwillig", via_soort=None,
                               werkdagen_tot_contact=2)  # Wednesday the 11th (local) to Saturday: Thu, Fri
        for verboden in ("referentie", "gesprek_id", "contact_gegeven", "contact_manier", "toegewezen_naam",
                         "toegewezen_sleutel", "gekozen_naam", "behandelaar", "naam"):
            assert verboden not in signaal
        persoonlijk = {o.referentie, o.gesprek_id, o.contact_gegeven, "Anna de Vries", "vml-anna", "coord", "anna",
                       "Vrijwillige Meedenkers Lindeveld"}
        assert not persoonlijk & {v for v in signaal.values() if isinstance(v, str)}
        # ...and signalen.record takes exactly these fields.
        signalen.record(s, signalen.AFGESLOTEN, wijken=WIJKEN, datum=VANDAAG, **signaal)
    with sessions() as s:
        [row] = s.scalars(select(Signaal)).all()
        assert (row.soort, row.uitkomst, row.doorverwezen_naar, row.werkdagen_tot_contact) == (
            "afgesloten", "doorverwezen", "schuldhulp", 2)


def test_the_outcome_signal_without_contact_has_no_days(sessions):
    with sessions() as s, s.begin():
        o = _aangenomen_door_anna(s)
        overdracht.rond_af(o, "anna", "afgezien", sleutel="vml-anna")
        assert overdracht.uitkomst_signaal(o)["werkdagen_tot_contact"] is None


# --- questions registered by hand ------------------------------------------------------------------

GOED = Registratie(kanaal="telefoon", levensdomein="wonen", onderwerp="huurachterstand", wijk="de_akkers",
                   contact_manier="telefoon", contact_gegeven="06-12 34 56 78", contact_moment="ochtend",
                   toelichting="Belt liefst na tienen", toestemming=True)


@pytest.mark.parametrize("wijziging,melding", [
    (dict(toestemming=False), "Vraag de inwoner eerst om toestemming"),
    (dict(contact_gegeven="06123"), "Dit telefoonnummer klopt niet. Schrijf het met netnummer"),
    (dict(contact_gegeven="inwoner@example.nl"), "Dit telefoonnummer klopt niet"),
    (dict(contact_manier="email", contact_gegeven="jan@"), "Dit e-mailadres klopt niet"),
    (dict(contact_manier=None), "Kies hoe de meedenker de inwoner kan bereiken"),
    (dict(kanaal="fax"), "Kies hoe de vraag binnenkwam."),
    (dict(kanaal=None), "Kies hoe de vraag binnenkwam."),
    (dict(kanaal="verwijzer"), "Kies wie de inwoner verwees."),
    (dict(kanaal="verwijzer", verwijzer="buurman"), "Kies wie de inwoner verwees."),
    (dict(onderwerp="school"), "Dit onderwerp hoort niet bij het gekozen levensdomein."),
    (dict(levensdomein="zorg"), "Kies het levensdomein van de vraag."),
    (dict(wijk="atlantis"), "Onbekende wijk: kies uit de lijst."),
    (dict(contact_moment="nacht"), "Kies een moment uit de lijst."),
    (dict(toelichting="x" * 4001), "De toelichting mag hoogstens 4000 tekens lang zijn."),
])
def test_a_registration_is_refused_with_a_dutch_reason(sessions, wijziging, melding):
    with sessions() as s, s.begin():
        with pytest.raises(OverdrachtFout) as fout:
            overdracht.registreer(s, dataclasses.replace(GOED, **wijziging), "coord", wijken=WIJKEN)
        assert melding in str(fout.value)
        s.flush()
        assert s.scalars(select(Overdracht)).all() == []
        assert s.scalars(select(OverdrachtGebeurtenis)).all() == []


def test_a_registration_by_a_coordinator_waits_for_a_meedenker(sessions):
    with sessions() as s, s.begin():
        o = overdracht.registreer(s, GOED, "coord", wijken=WIJKEN)
        ref = o.referentie
    with sessions() as s:
        o = overdracht.vind(s, ref)
        assert (o.status, o.kanaal, o.verwijzer, o.toegewezen_sleutel) == (overdracht.NIEUW, "telefoon", None, None)
        assert (o.contact_manier, o.contact_gegeven, o.contact_moment) == ("telefoon", "+31 6 12345678", "ochtend")
        assert o.berichten == [] and o.gesprek_id.startswith("geregistreerd-")
        assert _events(o) == [("coord", "aangemaakt", "Vraag geregistreerd: telefoon; toestemming van de inwoner "
                                                      "bevestigd"),
                              ("coord", "notitie", "Belt liefst na tienen")]


def test_a_verwijzer_is_kept_only_for_kanaal_verwijzer(sessions):
    with sessions() as s, s.begin():
        via = overdracht.registreer(s, dataclasses.replace(GOED, kanaal="verwijzer", verwijzer="huisarts"), "coord",
                                    wijken=WIJKEN)
        assert (via.kanaal, via.verwijzer) == ("verwijzer", "huisarts")
        assert via.gebeurtenissen[0].tekst == ("Vraag geregistreerd: via een verwijzer (Huisarts); toestemming van "
                                               "de inwoner bevestigd")
        los = overdracht.registreer(s, dataclasses.replace(GOED, kanaal="wijkpunt", verwijzer="huisarts"), "coord",
                                    wijken=WIJKEN)
        assert (los.kanaal, los.verwijzer) == ("wijkpunt", None)


def test_a_registration_by_a_meedenker_is_theirs_at_once(sessions):
    with sessions() as s, s.begin():
        o = overdracht.registreer(s, dataclasses.replace(GOED, toelichting=None), "anna", wijken=WIJKEN,
                                  meedenker=ANNA)
        ref = o.referentie
    with sessions() as s, s.begin():
        o = overdracht.vind(s, ref)
        assert (o.status, o.toegewezen_sleutel, o.toegewezen_soort, o.gekozen_sleutel) == (
            overdracht.AANGENOMEN, "vml-anna", "vrijwillig", "vml-anna")
        assert o.geaccepteerd is not None and o.toegewezen_op is not None
        assert [(e.gebruiker, e.soort) for e in o.gebeurtenissen] == [("anna", "aangemaakt"), ("anna", "aangenomen")]
        assert o.gebeurtenissen[-1].tekst == "Zelf geregistreerd"
        # She can go on at once; asking for a colleague sends it to the coordinators, who have not seen it yet.
        vandaag = lokale_dag(o.aangemaakt)
        overdracht.leg_contact_vast(o, "anna", vandaag, vandaag, sleutel="vml-anna")
        overdracht.vraag_collega(o, "anna", "vml-anna", "Past beter bij een beroepskracht")
        assert (o.status, o.via_soort, o.behandelaar) == (overdracht.NIEUW, "vrijwillig", None)
