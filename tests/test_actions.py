"""Custom actions with rasa-sdk's real Tracker and CollectingDispatcher (no Rasa server)."""
import asyncio

from rasa_sdk import Tracker
from rasa_sdk.events import SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import (ActionCrisis, ActionFallback, ActionLevensdomein, ActionMeedenkerAntwoord,
                             ActionSessionStart, ActionTaalniveau)


def user_event(intent, text="", entities=(), metadata=None):
    return {"event": "user", "text": text, "metadata": metadata or {},
            "parse_data": {"intent": {"name": intent, "confidence": 0.9}, "entities": list(entities)}}


def make_tracker(*events, slots=None):
    events = list(events)
    latest = next((e for e in reversed(events) if e["event"] == "user"), {})
    latest_message = {**latest.get("parse_data", {}), "text": latest.get("text"),
                      "metadata": latest.get("metadata", {})}
    return Tracker("test", slots or {}, latest_message, events, False, None, {}, "action_listen")


def run(action, tracker):
    dispatcher = CollectingDispatcher()
    result = action.run(dispatcher, tracker, {})
    if asyncio.iscoroutine(result):
        result = asyncio.run(result)
    return dispatcher.messages, result


def responses(messages):
    return [m["response"] for m in messages]


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


def test_wlz_question_adds_the_zorgkantoor():
    tracker = make_tracker(user_event("vraag_wmo_aanvraag", "mijn vader moet naar het verpleeghuis",
                                      [{"entity": "onderwerp", "value": "wlz"}]))
    messages, _ = run(ActionLevensdomein(), tracker)
    assert "utter_wlz_zorgkantoor" in responses(messages)


def test_yes_to_a_meedenker_gives_the_next_step_and_closes_the_question():
    messages, events = run(ActionMeedenkerAntwoord(), make_tracker(user_event("bevestigen", "ja")))
    assert responses(messages) == ["utter_meedenker_volgende_stap"]
    assert events == [SlotSet("open_vraag", None)]


def test_no_to_a_meedenker_is_respected():
    messages, _ = run(ActionMeedenkerAntwoord(), make_tracker(user_event("ontkennen", "nee")))
    assert responses(messages) == ["utter_geen_meedenker"]


def test_typed_request_for_simple_language_switches_to_b1():
    _, events = run(ActionTaalniveau(), make_tracker(user_event("vraag_makkelijke_taal", "ik snap het niet")))
    assert events == [SlotSet("taalniveau", "b1")]


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
