"""The intake form (sub-topic, wijk, preference, language) and the choice of meedenkers."""
from __future__ import annotations

from typing import Any, Dict, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction

from actions import gedeeld
from bot.gesprek import intake, keuze, taalniveau
from bot.netwerk import matching
from bot.signalen import signalen
from bot.vocabulaire import ALLE_ONDERWERPEN, ONDERWERPEN


class ValidateMeedenkerForm(FormValidationAction):
    """Accepts an answer, a skip ("weet ik niet"), or asks again with a short explanation."""

    def name(self) -> Text:
        return "validate_meedenker_form"

    async def required_slots(self, domain_slots, dispatcher, tracker, domain):
        # The sub-topic is only asked when the domain has sub-topics to choose from.
        if tracker.get_slot("levensdomein") not in ONDERWERPEN:
            return [s for s in domain_slots if s != "onderwerp"]
        return domain_slots

    def _result(self, slot: str, parsed: str | None, dispatcher: CollectingDispatcher) -> Dict[Text, Any]:
        if parsed is None:
            dispatcher.utter_message(response="utter_antwoord_niet_herkend")
            return {slot: None}
        return {slot: intake.SKIP_VALUES[slot] if parsed == intake.SKIP else parsed}

    def validate_wijk(self, value, dispatcher, tracker, domain):
        return self._result("wijk", intake.parse_wijk(value, gedeeld.settings().wijken), dispatcher)

    def validate_voorkeur_ondersteuner(self, value, dispatcher, tracker, domain):
        return self._result("voorkeur_ondersteuner", intake.parse_voorkeur(value), dispatcher)

    def validate_taal(self, value, dispatcher, tracker, domain):
        return self._result("taal", intake.parse_taal(value), dispatcher)

    def validate_onderwerp(self, value, dispatcher, tracker, domain):
        if value in ALLE_ONDERWERPEN:  # recognised by the NLU as an entity
            return {"onderwerp": value}
        return self._result("onderwerp", intake.parse_onderwerp(value, tracker.get_slot("levensdomein")),
                            dispatcher)


def _with_skip_button(buttons: list, slot: str) -> list:
    return buttons + [{"title": "Weet ik niet", "payload": f'/geef_informatie{{"{slot}":"{intake.ONBEKEND}"}}'}]


class ActionAskWijk(Action):
    def name(self) -> Text:
        return "action_ask_wijk"

    def run(self, dispatcher, tracker, domain):
        buttons = [{"title": naam, "payload": f'/geef_informatie{{"wijk":"{key}"}}'}
                   for key, naam in gedeeld.settings().wijken.items()]
        dispatcher.utter_message(response="utter_ask_wijk", buttons=_with_skip_button(buttons, "wijk"))
        return []


class ActionAskOnderwerp(Action):
    def name(self) -> Text:
        return "action_ask_onderwerp"

    def run(self, dispatcher, tracker, domain):
        level = 1 if gedeeld.b1(tracker) else 0
        opties = ONDERWERPEN.get(tracker.get_slot("levensdomein"), {})
        buttons = [{"title": labels[level], "payload": f'/geef_informatie{{"onderwerp":"{key}"}}'}
                   for key, labels in opties.items()]
        dispatcher.utter_message(response="utter_ask_onderwerp", buttons=_with_skip_button(buttons, "onderwerp"))
        return []


class ActionToonMeedenkers(Action):
    """Show a choice of meedenkers, or say honestly that nobody fits and record the gap."""

    def name(self) -> Text:
        return "action_toon_meedenkers"

    def run(self, dispatcher, tracker, domain):
        shown = self.choose(dispatcher, tracker.current_slot_values(), tracker)
        # Either way the inwoner can ask for other meedenkers next ("liever een vrijwilliger").
        return [SlotSet("open_vraag", "keuze"), SlotSet("getoonde_meedenkers", shown)]

    @classmethod
    def choose(cls, dispatcher, slots: dict, tracker: Tracker) -> list[str]:
        """Shows the choice; returns the sleutels of the meedenkers shown (a handover may name one)."""
        vraag = keuze.vraag_from_slots(slots)
        if vraag is None:
            dispatcher.utter_message(response="utter_hoe_verder")
            return []
        level = slots.get("taalniveau") or taalniveau.STANDAARD
        gekozen = matching.kies(gedeeld.netwerk_cache().get(), vraag, rotatie=keuze.next_rotation())
        if gekozen.leeg:
            dispatcher.utter_message(response="utter_geen_match")
            gedeeld.signaal(signalen.GEEN_MATCH, tracker, vraag, taalniveau=level)
            return []
        cls._show(dispatcher, gekozen, vraag, level)
        gedeeld.signaal(signalen.KEUZE, tracker, vraag, taalniveau=level)
        return [optie.meedenker.sleutel for optie in gekozen.opties]

    @staticmethod
    def _show(dispatcher, gekozen, vraag, level) -> None:
        for name in keuze.responses_for_choice(gekozen, vraag):
            if name != "<opties>":
                dispatcher.utter_message(response=name)
                continue
            for optie in gekozen.opties:
                shown = keuze.optie_values(optie, level, vraag.taal)
                dispatcher.utter_message(response="utter_meedenker_optie", json_message=shown["card"],
                                         **shown["values"])
