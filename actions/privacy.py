"""Privacy in the conversation: what happens with the data, and erasure on request."""
from __future__ import annotations

from typing import Text

from rasa_sdk import Action
from rasa_sdk.events import SlotSet

from actions import gedeeld
from bot.overdracht import overdracht


class ActionPrivacy(Action):
    def name(self) -> Text:
        return "action_privacy"

    def run(self, dispatcher, tracker, domain):
        dispatcher.utter_message(response="utter_privacy")
        dispatcher.utter_message(response="utter_vraag_verwijderen")
        return [SlotSet("open_vraag", "verwijderen")]


class ActionGesprekVerwijderen(Action):
    """Withdraw handovers now; the tracker store erases the conversation when it saves this turn."""

    def name(self) -> Text:
        return "action_gesprek_verwijderen"

    def run(self, dispatcher, tracker, domain):
        with gedeeld.sessions()() as session, session.begin():
            overdracht.trek_in(session, tracker.sender_id)
        dispatcher.utter_message(response="utter_gesprek_verwijderd")
        return []


class ActionGesprekBewaren(Action):
    def name(self) -> Text:
        return "action_gesprek_bewaren"

    def run(self, dispatcher, tracker, domain):
        dispatcher.utter_message(response="utter_gesprek_bewaard")
        return [SlotSet("open_vraag", None)]
