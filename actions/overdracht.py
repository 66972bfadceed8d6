"""The warm handover: consent, contact details, moment, the chosen meedenker, saved with the transcript."""
from __future__ import annotations

import logging
from typing import Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.forms import FormValidationAction
from sqlalchemy.exc import SQLAlchemyError

from actions import gedeeld
from bot.gesprek import intake, keuze
from bot.overdracht import contact, overdracht
from bot.overdracht.transcript import from_events
from bot.signalen import signalen

LOG = logging.getLogger(__name__)
COORDINATOR = intake.COORDINATOR
OVERDRACHT_SLOTS = ("overdracht_toestemming", "contact_gegeven", "contact_manier", "contact_moment",
                    "meedenker_keuze")


def _shown_meedenkers(tracker: Tracker) -> list:
    keys = tracker.get_slot("getoonde_meedenkers") or []
    if not keys:
        return []
    by_key = {m.sleutel: m for m in gedeeld.netwerk_cache().get()}
    return [by_key[k] for k in keys if k in by_key]


class ValidateOverdrachtForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_overdracht_form"

    async def required_slots(self, domain_slots, dispatcher, tracker, domain):
        if tracker.get_slot("overdracht_toestemming") == "nee":
            return ["overdracht_toestemming"]  # no consent: stop asking at once
        if not _shown_meedenkers(tracker):
            return [s for s in domain_slots if s != "meedenker_keuze"]
        return domain_slots

    def validate_overdracht_toestemming(self, value, dispatcher, tracker, domain):
        intent = gedeeld.latest_intent(tracker)
        answer = {"bevestigen": "ja", "vraag_medewerker": "ja", "ontkennen": "nee"}.get(intent)
        answer = answer or intake.parse_ja_nee(value)
        if answer is None:
            dispatcher.utter_message(response="utter_antwoord_niet_herkend")
        return {"overdracht_toestemming": answer}

    def validate_contact_gegeven(self, value, dispatcher, tracker, domain):
        parsed = contact.parse(value)
        if isinstance(parsed, contact.Probleem):
            message = {"ongeldig_telefoon": "utter_contact_ongeldig_telefoon",
                       "ongeldig_email": "utter_contact_ongeldig_email",
                       "vraag_telefoon": "utter_contact_vraag_telefoon",
                       "vraag_email": "utter_contact_vraag_email"}.get(parsed.code, "utter_antwoord_niet_herkend")
            dispatcher.utter_message(response=message)
            return {"contact_gegeven": None}
        return {"contact_gegeven": parsed.gegeven, "contact_manier": parsed.manier}

    def validate_contact_moment(self, value, dispatcher, tracker, domain):
        moment = contact.parse_moment(value)
        if moment is None:
            dispatcher.utter_message(response="utter_antwoord_niet_herkend")
        return {"contact_moment": moment}

    def validate_meedenker_keuze(self, value, dispatcher, tracker, domain):
        shown = [(m.sleutel, m.naam, m.organisatie) for m in _shown_meedenkers(tracker)]
        key = intake.parse_meedenker_keuze(value, shown)
        if key is None:
            dispatcher.utter_message(response="utter_antwoord_niet_herkend")
        return {"meedenker_keuze": key}


class ActionAskMeedenkerKeuze(Action):
    def name(self) -> Text:
        return "action_ask_meedenker_keuze"

    def run(self, dispatcher, tracker, domain):
        buttons = [{"title": f"{m.naam} ({m.organisatie})", "payload": f'/geef_informatie{{"meedenker_keuze":"{m.sleutel}"}}'}
                   for m in _shown_meedenkers(tracker)]
        buttons.append({"title": "Laat de coördinator kiezen",
                        "payload": f'/geef_informatie{{"meedenker_keuze":"{COORDINATOR}"}}'})
        dispatcher.utter_message(response="utter_ask_meedenker_keuze", buttons=buttons)
        return []


class ActionOverdrachtAfronden(Action):
    """Save the consented handover with its transcript, or respect the 'no'."""

    def name(self) -> Text:
        return "action_overdracht_afronden"

    def run(self, dispatcher, tracker, domain):
        reset = [SlotSet(name, None) for name in OVERDRACHT_SLOTS]
        if tracker.get_slot("overdracht_toestemming") != "ja":
            dispatcher.utter_message(response="utter_overdracht_geen_toestemming")
            return reset
        slots = tracker.current_slot_values()
        keuze_key = slots.get("meedenker_keuze")
        gekozen = next((m for m in _shown_meedenkers(tracker) if m.sleutel == keuze_key), None)
        known = keuze.vraag_from_slots(slots)
        try:
            with gedeeld.sessions()() as session, session.begin():
                overdracht.maak(
                    session, gesprek_id=tracker.sender_id, contact_manier=slots.get("contact_manier"),
                    contact_gegeven=slots.get("contact_gegeven"), contact_moment=slots.get("contact_moment"),
                    transcript=from_events(tracker.events),
                    gekozen=overdracht.Gekozen(gekozen.sleutel, gekozen.naam, gekozen.organisatie) if gekozen else None,
                    levensdomein=known.levensdomein if known else None,
                    onderwerp=known.onderwerp if known else None, wijk=known.wijk if known else None,
                    doelgroep=known.doelgroep if known else None, taalniveau=slots.get("taalniveau"))
        except SQLAlchemyError:
            LOG.exception("handover could not be saved")
            dispatcher.utter_message(response="utter_overdracht_mislukt")
            return reset
        gedeeld.signaal(signalen.OVERDRACHT, tracker, known)
        dispatcher.utter_message(
            response="utter_overdracht_bevestigd",
            wie=f"{gekozen.naam} van {gekozen.organisatie}" if gekozen else "Een meedenker",
            moment=contact.MOMENT_IN_ZIN.get(slots.get("contact_moment"), ""),
            contact=("telefoon op " if slots.get("contact_manier") == contact.TELEFOON else "e-mail op ")
            + (slots.get("contact_gegeven") or ""),
            reactietijd=gedeeld.settings().reactietijd)
        return reset + [SlotSet("open_vraag", None)]
