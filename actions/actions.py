"""Thin Rasa SDK actions: translate the tracker into calls on `bot/` and back into events."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot import fallback, levensdomein, taalniveau
from bot.config import load_settings

SETTINGS = load_settings()


def _latest_intent(tracker: Tracker) -> str | None:
    return (tracker.latest_message.get("intent") or {}).get("name")


def _user_intents_newest_first(tracker: Tracker) -> List[str | None]:
    return [
        (e.get("parse_data") or {}).get("intent", {}).get("name")
        for e in reversed(tracker.events)
        if e.get("event") == "user"
    ]


class ActionSessionStart(Action):
    def name(self) -> Text:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        slots = SETTINGS.gemeente_slots()
        events: List[EventType] = [SessionStarted()]
        events += [SlotSet(name, value) for name, value in slots.items()]
        level = tracker.get_slot("taalniveau")
        if level in taalniveau.LEVELS:
            events.append(SlotSet("taalniveau", level))
        # The slots above are not set yet while this message is rendered, so pass them along.
        dispatcher.utter_message(response="utter_welkom", **slots)
        events.append(ActionExecuted("action_listen"))
        return events


class ActionLevensdomein(Action):
    """Acknowledge the domain, say what a meedenker does for it and ask whether they want one."""

    def name(self) -> Text:
        return "action_levensdomein"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        domein = levensdomein.from_intent(_latest_intent(tracker))
        if domein is None:
            dispatcher.utter_message(response="utter_fallback_herformuleren")
            return []
        onderwerp = next(tracker.get_latest_entity_values("onderwerp"), None)
        for response in levensdomein.responses_for(domein, onderwerp):
            dispatcher.utter_message(response=response)
        return [SlotSet("levensdomein", domein.value), SlotSet("open_vraag", "meedenker")]


class ActionTaalniveau(Action):
    def name(self) -> Text:
        return "action_taalniveau"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        wanted = taalniveau.requested_level(tracker.latest_message.get("metadata"))
        return [SlotSet("taalniveau", wanted)]


class ActionFallback(Action):
    def name(self) -> Text:
        return "action_fallback"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        stage = fallback.fallback_stage(_user_intents_newest_first(tracker))
        dispatcher.utter_message(response="utter_fallback_herformuleren" if stage == 1 else "utter_fallback_medewerker")
        return []


class ActionCrisis(Action):
    """Crisis numbers first, whatever else was going on."""

    def name(self) -> Text:
        return "action_crisis"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        dispatcher.utter_message(response="utter_crisis")
        return []


class ActionMeedenkerAntwoord(Action):
    """The inwoner answered whether they want a meedenker."""

    def name(self) -> Text:
        return "action_meedenker_antwoord"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        if _latest_intent(tracker) == "bevestigen":
            dispatcher.utter_message(response="utter_meedenker_volgende_stap")
        else:
            dispatcher.utter_message(response="utter_geen_meedenker")
        return [SlotSet("open_vraag", None)]
