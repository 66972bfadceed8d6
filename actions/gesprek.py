"""The conversation around the questions: a new session, the levensdomein, the language level, not understood,
crisis, no meedenker wanted."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import gedeeld
from actions.intake import ActionToonMeedenkers
from bot.gesprek import fallback, intake, levensdomein, taalniveau
from bot.signalen import signalen


class ActionSessionStart(Action):
    def name(self) -> Text:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        slots = gedeeld.settings().gemeente_slots()
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
        domein = levensdomein.from_intent(gedeeld.latest_intent(tracker))
        if domein is None:
            dispatcher.utter_message(response="utter_fallback_herformuleren")
            return []
        onderwerp = next(tracker.get_latest_entity_values("onderwerp"), None)
        for response in levensdomein.responses_for(domein, onderwerp):
            dispatcher.utter_message(response=response)
        gedeeld.signaal(signalen.LEVENSDOMEIN, tracker, levensdomein=domein.value, onderwerp=onderwerp,
                 doelgroep=next(tracker.get_latest_entity_values("doelgroep"), None),
                 knelpunt=tracker.latest_message.get("text"))
        events = [SlotSet("levensdomein", domein.value), SlotSet("open_vraag", "meedenker")]
        if onderwerp is None and tracker.get_slot("levensdomein") not in (None, domein.value):
            events.append(SlotSet("onderwerp", None))  # a sub-topic of the previous domain no longer applies
        return events


class ActionTaalniveau(Action):
    def name(self) -> Text:
        return "action_taalniveau"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        wanted = taalniveau.requested_level(tracker.latest_message.get("metadata"))
        # Tells the widget, so its switch follows a typed request ("kan het makkelijker") too.
        dispatcher.utter_message(json_message={"type": "taalniveau", "taalniveau": wanted})
        return [SlotSet("taalniveau", wanted)]


class ActionFallback(Action):
    def name(self) -> Text:
        return "action_fallback"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        if tracker.get_slot("open_vraag") == "keuze":
            # "liever iemand die het als beroep doet" after the choice: understood without the NLU
            voorkeur = intake.parse_voorkeur(tracker.latest_message.get("text"))
            if voorkeur in ("vrijwillig", "beroepsmatig"):
                slots = {**tracker.current_slot_values(), "voorkeur_ondersteuner": voorkeur}
                shown = ActionToonMeedenkers.choose(dispatcher, slots, tracker)
                return [SlotSet("voorkeur_ondersteuner", voorkeur), SlotSet("getoonde_meedenkers", shown)]
        stage = fallback.fallback_stage(gedeeld.user_intents_newest_first(tracker))
        dispatcher.utter_message(response="utter_fallback_herformuleren" if stage == 1 else "utter_fallback_medewerker")
        if stage != 1:
            gedeeld.signaal(signalen.MEDEWERKER, tracker)
        return []


class ActionCrisis(Action):
    """Crisis numbers first, whatever else was going on."""

    def name(self) -> Text:
        return "action_crisis"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        dispatcher.utter_message(response="utter_crisis")
        gedeeld.signaal(signalen.CRISIS, tracker)
        return []


class ActionGeenMeedenker(Action):
    """The inwoner does not want a meedenker now: respected, and the question is closed."""

    def name(self) -> Text:
        return "action_geen_meedenker"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        dispatcher.utter_message(response="utter_geen_meedenker")
        return [SlotSet("open_vraag", None)]
