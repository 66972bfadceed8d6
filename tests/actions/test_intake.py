"""Custom actions with rasa-sdk's real Tracker and CollectingDispatcher (no Rasa server)."""
import pytest
from rasa_sdk.events import SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions import gedeeld
from actions.gesprek import (
    ActionCrisis,
    ActionFallback,
    ActionGeenMeedenker,
    ActionLevensdomein,
    ActionSessionStart,
    ActionTaalniveau,
)
from actions.intake import ActionAskOnderwerp, ActionAskWijk, ActionToonMeedenkers, ValidateMeedenkerForm
from bot import db
from bot.models import Signaal
from bot.netwerk import netwerk
from bot.signalen import signalen
from tests.actions.conftest import make_tracker, responses, run, user_event


def test_session_start_greets_with_the_gemeente_settings_and_sets_them_as_slots():
    messages, events = run(ActionSessionStart(), make_tracker())
    assert responses(messages) == ["utter_welkom"]
    assert messages[0]["gemeente_naam"] == "Lindeveld"
    assert isinstance(events[0], dict) and events[0] == SessionStarted()
    assert SlotSet("meedenkers_telefoon", "0123 456 700") in events
    assert events[-1]["event"] == "action" and events[-1]["name"] == "action_listen"


def test_session_start_keeps_b1_for_an_inwoner_who_chose_it():
    _, events = run(ActionSessionStart(), make_tracker(slots={"taalniveau": "b1"}))
    assert SlotSet("taalniveau", "b1") in events


def test_domain_question_gets_acknowledgement_explanation_and_the_question():
    tracker = make_tracker(user_event("vraag_werk_inkomen", "ik heb schulden",
                                      [{"entity": "onderwerp", "value": "schulden"}]))
    messages, events = run(ActionLevensdomein(), tracker)
    assert responses(messages) == ["utter_erkenning_werk_inkomen", "utter_meedenker_werk_inkomen",
                                   "utter_vraag_meedenker"]
    assert SlotSet("levensdomein", "werk_inkomen") in events
    assert SlotSet("open_vraag", "meedenker") in events


def test_a_recognised_domain_is_signalled_with_categories_and_the_raw_quote_for_scrubbing(recorded_signals):
    tracker = make_tracker(user_event("vraag_wonen", "ik ben Jan en moet mijn huis uit",
                                      [{"entity": "onderwerp", "value": "uitzetting"},
                                       {"entity": "doelgroep", "value": "ouderen"}]),
                           slots={"taalniveau": "b1"})
    run(ActionLevensdomein(), tracker)
    [(soort, fields)] = recorded_signals
    assert soort == "levensdomein"
    assert fields == {"levensdomein": "wonen", "onderwerp": "uitzetting", "doelgroep": "ouderen", "taalniveau": "b1",
                      "kanaal": None, "knelpunt": "ik ben Jan en moet mijn huis uit"}


def test_crisis_and_a_second_fallback_are_signalled(recorded_signals):
    run(ActionCrisis(), make_tracker(user_event("crisis", "ik wil dood"), slots={"levensdomein": "jeugd"}))
    run(ActionFallback(), make_tracker(user_event("nlu_fallback", "blabla"), user_event("nlu_fallback", "blub")))
    assert [(s, f.get("levensdomein")) for s, f in recorded_signals] == [("crisis", "jeugd"), ("medewerker", None)]
    assert all("knelpunt" not in f for _, f in recorded_signals)


def test_wlz_question_adds_the_zorgkantoor():
    tracker = make_tracker(user_event("vraag_wmo_aanvraag", "mijn vader moet naar het verpleeghuis",
                                      [{"entity": "onderwerp", "value": "wlz"}]))
    messages, _ = run(ActionLevensdomein(), tracker)
    assert "utter_wlz_zorgkantoor" in responses(messages)


def test_no_to_a_meedenker_is_respected_and_closes_the_question():
    messages, events = run(ActionGeenMeedenker(), make_tracker(user_event("ontkennen", "nee")))
    assert responses(messages) == ["utter_geen_meedenker"]
    assert events == [SlotSet("open_vraag", None)]


def test_typed_request_for_simple_language_switches_to_b1_and_tells_the_widget():
    messages, events = run(ActionTaalniveau(), make_tracker(user_event("vraag_makkelijke_taal", "ik snap het niet")))
    assert events == [SlotSet("taalniveau", "b1")]
    assert [m["custom"] for m in messages] == [{"type": "taalniveau", "taalniveau": "b1"}]


def test_widget_switch_can_go_back_to_standard():
    tracker = make_tracker(user_event("vraag_makkelijke_taal", "/vraag_makkelijke_taal",
                                      metadata={"taalniveau": "standaard"}), slots={"taalniveau": "b1"})
    _, events = run(ActionTaalniveau(), tracker)
    assert events == [SlotSet("taalniveau", "standaard")]


def test_fallback_first_asks_to_rephrase_then_offers_a_person():
    first = make_tracker(user_event("groeten", "hoi"), user_event("nlu_fallback", "blabla"))
    second = make_tracker(user_event("nlu_fallback", "blabla"), user_event("nlu_fallback", "qwerty"))
    assert responses(run(ActionFallback(), first)[0]) == ["utter_fallback_herformuleren"]
    assert responses(run(ActionFallback(), second)[0]) == ["utter_fallback_medewerker"]


def test_crisis_gives_the_crisis_numbers():
    messages, _ = run(ActionCrisis(), make_tracker(user_event("crisis", "ik wil niet meer leven")))
    assert responses(messages) == ["utter_crisis"]


# --- the intake form ---

def validate(method, value, slots=None):
    dispatcher = CollectingDispatcher()
    result = getattr(ValidateMeedenkerForm(), f"validate_{method}")(value, dispatcher, make_tracker(slots=slots or {}), {})
    return result, responses(dispatcher.messages)


@pytest.mark.parametrize("method,value,expected", [
    ("wijk", "ik woon in de molenwyk", "molenwijk"),
    ("wijk", "onbekend", "onbekend"),
    ("wijk", "weet ik niet", "onbekend"),
    ("voorkeur_ondersteuner", "liever een vrijwilliger", "vrijwillig"),
    ("voorkeur_ondersteuner", "maakt niet uit", "geen_voorkeur"),
    ("taal", "Arabisch", "arabisch"),
    ("taal", "Nederlands is goed", "nederlands"),
    ("taal", "geen idee", "nederlands"),
    ("onderwerp", "schulden", "schulden"),
])
def test_form_answers_are_understood_or_skipped(method, value, expected):
    result, said = validate(method, value, {"levensdomein": "werk_inkomen"})
    assert result == {method: expected} and said == []


@pytest.mark.parametrize("method,value", [("wijk", "Amsterdam"), ("voorkeur_ondersteuner", "ja"), ("taal", "blauw")])
def test_an_unrecognised_answer_is_asked_again_with_help(method, value):
    result, said = validate(method, value)
    assert result == {method: None} and said == ["utter_antwoord_niet_herkend"]


def test_wijk_question_offers_every_configured_wijk_and_a_skip_button():
    messages, _ = run(ActionAskWijk(), make_tracker())
    titles = [b["title"] for b in messages[0]["buttons"]]
    assert messages[0]["response"] == "utter_ask_wijk"
    assert titles[:2] == ["Centrum", "De Akkers"] and titles[-1] == "Weet ik niet" and len(titles) == 9


def test_topic_question_has_b1_buttons_for_the_domain():
    messages, _ = run(ActionAskOnderwerp(), make_tracker(slots={"levensdomein": "werk_inkomen", "taalniveau": "b1"}))
    titles = [b["title"] for b in messages[0]["buttons"]]
    assert "Schulden" in titles and "Geld of werk" not in titles and titles[-1] == "Weet ik niet"


@pytest.fixture
def network_db(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path}/acties.db"
    db.upgrade(url)
    sessions = db.session_factory(url)
    monkeypatch.setattr(gedeeld, "sessions", lambda: sessions)
    cache = netwerk.NetworkCache(sessions)
    monkeypatch.setattr(gedeeld, "netwerk_cache", lambda: cache)
    schrijver = signalen.SignaalSchrijver(sessions, gedeeld.settings().wijken,
                                                                     anonimiseer=lambda t: "[GESCRUBD]")
    monkeypatch.setattr(gedeeld, "signalen_schrijver", lambda: schrijver)
    return sessions


def test_choice_shows_two_to_four_meedenkers_with_keuzevrijheid(network_db):
    netwerk.load_demo_if_empty(network_db, gedeeld.settings().wijken)
    slots = {"levensdomein": "werk_inkomen", "onderwerp": "schulden", "wijk": "molenwijk",
             "voorkeur_ondersteuner": "geen_voorkeur", "taal": "nederlands", "taalniveau": "standaard"}
    messages, events = run(ActionToonMeedenkers(), make_tracker(slots=slots))
    said = responses(messages)
    options = [m for m in messages if m["response"] == "utter_meedenker_optie"]
    assert 2 <= len(options) <= 4
    assert {o["custom"]["soort"] for o in options} == {"vrijwillig", "beroepsmatig"}
    assert said[0] == "utter_keuze_intro"
    assert "utter_verschil_soorten" in said and "utter_keuzevrijheid" in said and said[-1] == "utter_na_keuze"
    shown = [o["custom"]["sleutel"] for o in options]
    assert events == [SlotSet("open_vraag", "keuze"), SlotSet("getoonde_meedenkers", shown)]


def test_b1_mode_shows_the_b1_introductions(network_db):
    netwerk.load_demo_if_empty(network_db, gedeeld.settings().wijken)
    slots = {"levensdomein": "wonen", "taalniveau": "b1"}
    messages, _ = run(ActionToonMeedenkers(), make_tracker(slots=slots))
    with network_db() as session:
        b1_intros = {r.intro_b1 for r in netwerk.load_network(session)}
    options = [m for m in messages if m["response"] == "utter_meedenker_optie"]
    assert options and all(o["intro"] in b1_intros for o in options)


def test_no_match_is_said_honestly_and_recorded_without_personal_data(network_db):
    slots = {"levensdomein": "jeugd", "wijk": "bosrijk", "onderwerp": "school", "taalniveau": "standaard"}
    messages, events = run(ActionToonMeedenkers(), make_tracker(slots=slots))  # empty network
    assert responses(messages) == ["utter_geen_match"]
    assert gedeeld.signalen_schrijver().flush(30)
    with network_db() as session:
        signal = session.execute(select(Signaal)).scalar_one()
    assert (signal.soort, signal.levensdomein, signal.onderwerp, signal.wijk) == ("geen_match", "jeugd", "school",
                                                                                  "bosrijk")


def test_a_new_domain_forgets_the_old_sub_topic():
    tracker = make_tracker(user_event("vraag_jeugd", "en mijn zoon spijbelt ook"),
                           slots={"levensdomein": "werk_inkomen", "onderwerp": "schulden"})
    _, events = run(ActionLevensdomein(), tracker)
    assert SlotSet("onderwerp", None) in events and SlotSet("levensdomein", "jeugd") in events


def test_a_typed_preference_after_the_choice_is_understood_even_when_the_nlu_was_unsure(network_db):
    netwerk.load_demo_if_empty(network_db, gedeeld.settings().wijken)
    slots = {"levensdomein": "wonen", "open_vraag": "keuze", "taalniveau": "standaard"}
    tracker = make_tracker(user_event("nlu_fallback", "liever iemand die het als beroep doet"), slots=slots)
    messages, events = run(ActionFallback(), tracker)
    options = [m for m in messages if m["response"] == "utter_meedenker_optie"]
    assert options and {o["custom"]["soort"] for o in options} == {"beroepsmatig"}
    shown = [o["custom"]["sleutel"] for o in options]
    assert events == [SlotSet("voorkeur_ondersteuner", "beroepsmatig"), SlotSet("getoonde_meedenkers", shown)]
