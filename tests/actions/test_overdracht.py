"""The handover and erasure actions with rasa-sdk's real Tracker, against a real (SQLite) database."""
import datetime as dt

import pytest
from rasa_sdk.events import SlotSet
from sqlalchemy import select

from actions import gedeeld
from actions.overdracht import ActionAskMeedenkerKeuze, ActionOverdrachtAfronden, ValidateOverdrachtForm
from actions.privacy import ActionGesprekVerwijderen, ActionPrivacy
from bot import db
from bot.models import Overdracht, OverdrachtGebeurtenis, TranscriptRegel
from bot.netwerk import netwerk
from bot.signalen import signalen
from tests.actions.conftest import make_tracker, responses, run, user_event


@pytest.fixture
def network_db(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path}/overdracht.db"
    db.upgrade(url)
    sessions = db.session_factory(url)
    monkeypatch.setattr(gedeeld, "sessions", lambda: sessions)
    cache = netwerk.NetworkCache(sessions)
    monkeypatch.setattr(gedeeld, "netwerk_cache", lambda: cache)
    schrijver = signalen.SignaalSchrijver(sessions, gedeeld.settings().wijken)
    monkeypatch.setattr(gedeeld, "signalen_schrijver", lambda: schrijver)
    netwerk.load_demo_if_empty(sessions, gedeeld.settings().wijken)
    return sessions


def validate(slot, value, intent="geef_informatie", slots=None):
    tracker = make_tracker(user_event(intent, value), slots=slots or {})
    from rasa_sdk.executor import CollectingDispatcher

    dispatcher = CollectingDispatcher()
    result = getattr(ValidateOverdrachtForm(), f"validate_{slot}")(value, dispatcher, tracker, {})
    return result, responses(dispatcher.messages)


@pytest.mark.parametrize("intent,text,expected", [
    ("bevestigen", "ja hoor", "ja"), ("ontkennen", "nee", "nee"), ("vraag_medewerker", "ja bel me maar", "ja"),
    ("geef_informatie", "dat is goed", "ja"), ("geef_informatie", "liever niet", "nee"),
])
def test_consent_is_understood(intent, text, expected):
    result, said = validate("overdracht_toestemming", text, intent)
    assert result == {"overdracht_toestemming": expected} and said == []


def test_unclear_consent_is_asked_again():
    result, said = validate("overdracht_toestemming", "hmm wat bedoel je", "nlu_fallback")
    assert result == {"overdracht_toestemming": None} and said == ["utter_antwoord_niet_herkend"]


@pytest.mark.parametrize("text,slots", [
    ("06-12345678", {"contact_gegeven": "+31 6 12345678", "contact_manier": "telefoon"}),
    ("mail maar naar Jan.Jansen@Example.nl", {"contact_gegeven": "Jan.Jansen@example.nl", "contact_manier": "email"}),
])
def test_contact_details_are_validated_and_normalised(text, slots):
    result, said = validate("contact_gegeven", text)
    assert result == slots and said == []


@pytest.mark.parametrize("text,message", [
    ("06-1234", "utter_contact_ongeldig_telefoon"), ("jan@@example", "utter_contact_ongeldig_email"),
    ("bel me maar", "utter_contact_vraag_telefoon"), ("mailen graag", "utter_contact_vraag_email"),
    ("geen idee", "utter_antwoord_niet_herkend"),
])
def test_bad_contact_details_get_a_clear_message_and_the_question_again(text, message):
    result, said = validate("contact_gegeven", text)
    assert result == {"contact_gegeven": None} and said == [message]


def test_choice_question_offers_the_shown_meedenkers_and_the_coordinator(network_db):
    keys = [m.sleutel for m in gedeeld.netwerk_cache().get()[:2]]
    messages, _ = run(ActionAskMeedenkerKeuze(), make_tracker(slots={"getoonde_meedenkers": keys}))
    payloads = [b["payload"] for b in messages[0]["buttons"]]
    assert [p for p in payloads if any(k in p for k in keys)] and "coordinator" in payloads[-1]
    assert len(payloads) == 3


def test_choice_is_not_asked_when_no_meedenkers_were_shown(network_db):
    import asyncio

    form = ValidateOverdrachtForm()
    slots = ["overdracht_toestemming", "contact_gegeven", "contact_moment", "meedenker_keuze"]
    asked = asyncio.run(form.required_slots(slots, None, make_tracker(), {}))
    assert asked == slots[:3]
    no = asyncio.run(form.required_slots(slots, None, make_tracker(slots={"overdracht_toestemming": "nee"}), {}))
    assert no == ["overdracht_toestemming"]


def _conversation_events():
    t0 = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.timezone.utc).timestamp()
    return [
        {"event": "bot", "timestamp": t0, "text": "Welkom!", "data": {}},
        {"event": "user", "timestamp": t0 + 5, "text": "ik heb schulden, ik ben Jan",
         "parse_data": {"intent": {"name": "vraag_werk_inkomen"}, "entities": []}},
        {"event": "bot", "timestamp": t0 + 6, "text": "Mag ik dit doorgeven?",
         "data": {"buttons": [{"title": "Ja, dat mag", "payload": "/bevestigen"}]}},
        {"event": "user", "timestamp": t0 + 9, "text": "/bevestigen",
         "parse_data": {"intent": {"name": "bevestigen"}, "entities": []}},
    ]


def test_consented_handover_is_saved_with_transcript_contact_and_choice(network_db):
    chosen = gedeeld.netwerk_cache().get()[0]
    slots = {"overdracht_toestemming": "ja", "contact_gegeven": "+31 6 12345678", "contact_manier": "telefoon",
             "contact_moment": "ochtend", "meedenker_keuze": chosen.sleutel, "getoonde_meedenkers": [chosen.sleutel],
             "levensdomein": "werk_inkomen", "onderwerp": "schulden", "wijk": "molenwijk", "taalniveau": "standaard"}
    tracker = make_tracker(*_conversation_events(), slots=slots)
    messages, events = run(ActionOverdrachtAfronden(), tracker)
    assert responses(messages) == ["utter_overdracht_bevestigd"]
    assert chosen.naam in messages[0]["wie"] and "+31 6 12345678" in messages[0]["contact"]
    assert SlotSet("contact_gegeven", None) in events and SlotSet("overdracht_toestemming", None) in events
    with network_db() as session:
        o = session.scalars(select(Overdracht)).one()
        assert (o.gesprek_id, o.status, o.levensdomein, o.onderwerp, o.wijk) == (
            "test", "nieuw", "werk_inkomen", "schulden", "molenwijk")
        assert (o.contact_manier, o.contact_gegeven, o.contact_moment) == ("telefoon", "+31 6 12345678", "ochtend")
        assert (o.gekozen_sleutel, o.gekozen_organisatie) == (chosen.sleutel, chosen.organisatie)
        lines = [(r.afzender, r.tekst) for r in o.berichten]
        assert lines == [("bot", "Welkom!"), ("inwoner", "ik heb schulden, ik ben Jan"),
                         ("bot", "Mag ik dit doorgeven?"), ("inwoner", "Ja, dat mag")]
        assert o.berichten[1].tijd == dt.datetime(2026, 11, 2, 9, 0, 5)


def test_no_consent_saves_nothing_and_gives_the_numbers(network_db):
    tracker = make_tracker(*_conversation_events(), slots={"overdracht_toestemming": "nee"})
    messages, _ = run(ActionOverdrachtAfronden(), tracker)
    assert responses(messages) == ["utter_overdracht_geen_toestemming"]
    with network_db() as session:
        assert session.scalars(select(Overdracht)).all() == []


def test_database_failure_is_told_plainly(network_db, tmp_path, monkeypatch):
    broken = db.session_factory(f"sqlite:///{tmp_path}/no-tables.db")  # never migrated: inserts fail
    monkeypatch.setattr(gedeeld, "sessions", lambda: broken)
    slots = {"overdracht_toestemming": "ja", "contact_gegeven": "a@b.nl", "contact_manier": "email"}
    messages, _ = run(ActionOverdrachtAfronden(), make_tracker(*_conversation_events(), slots=slots))
    assert responses(messages) == ["utter_overdracht_mislukt"]


def test_privacy_answer_offers_erasure():
    messages, events = run(ActionPrivacy(), make_tracker(user_event("vraag_privacy", "wat doen jullie met mijn data")))
    assert responses(messages) == ["utter_privacy", "utter_vraag_verwijderen"]
    assert events == [SlotSet("open_vraag", "verwijderen")]


def test_erasure_withdraws_the_handover_and_erases_its_personal_data(network_db):
    slots = {"overdracht_toestemming": "ja", "contact_gegeven": "a@b.nl", "contact_manier": "email"}
    run(ActionOverdrachtAfronden(), make_tracker(*_conversation_events(), slots=slots))
    messages, _ = run(ActionGesprekVerwijderen(), make_tracker(user_event("bevestigen", "ja")))
    assert responses(messages) == ["utter_gesprek_verwijderd"]
    with network_db() as session:
        o = session.scalars(select(Overdracht)).one()
        assert o.status == "ingetrokken" and o.contact_gegeven is None and o.afgerond is not None
        assert session.scalars(select(TranscriptRegel)).all() == []
        kinds = [g.soort for g in session.scalars(select(OverdrachtGebeurtenis))]
        assert kinds == ["aangemaakt", "ingetrokken"]

