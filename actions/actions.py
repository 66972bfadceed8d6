"""Thin Rasa SDK actions: translate the tracker into calls on `bot/` and back into events."""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from sqlalchemy.exc import SQLAlchemyError

from bot import contact, db, fallback, intake, keuze, levensdomein, matching, netwerk, signalen, taalniveau
from bot import overdracht as overdrachten
from bot.transcript import from_events
from bot.config import load_settings
from bot.vocabulaire import ALLE_ONDERWERPEN, ONDERWERPEN

LOG = logging.getLogger(__name__)
SETTINGS = load_settings()
SESSIONS = db.session_factory(SETTINGS.database_url)
NETWORK = netwerk.NetworkCache(SESSIONS, ttl=SETTINGS.netwerk_verversen_seconden)


def _scrub(text: str) -> str:
    from bot import anonimiseren

    return anonimiseren.scrub(text)


def _warm_up_scrubber() -> None:
    from bot import anonimiseren

    anonimiseren.warm_up()


# Signals are scrubbed and written in a background thread: never on the inwoner's reply path.
SIGNALEN = signalen.SignaalSchrijver(SESSIONS, SETTINGS.wijken, scrub=_scrub, warm_up=_warm_up_scrubber)


def _signaal(soort: str, tracker: Tracker, vraag=None, **extra) -> None:
    slots = tracker.current_slot_values()
    categories = {"levensdomein": slots.get("levensdomein"), "onderwerp": slots.get("onderwerp"),
                  "taalniveau": slots.get("taalniveau"), "kanaal": tracker.get_latest_input_channel()}
    if vraag is not None:
        categories.update(levensdomein=vraag.levensdomein, onderwerp=vraag.onderwerp, doelgroep=vraag.doelgroep,
                          wijk=vraag.wijk)
    categories.update(extra)
    SIGNALEN.signaal(soort, **categories)


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
        _signaal("levensdomein", tracker, levensdomein=domein.value, onderwerp=onderwerp,
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
        stage = fallback.fallback_stage(_user_intents_newest_first(tracker))
        dispatcher.utter_message(response="utter_fallback_herformuleren" if stage == 1 else "utter_fallback_medewerker")
        if stage != 1:
            _signaal("medewerker", tracker)
        return []


class ActionCrisis(Action):
    """Crisis numbers first, whatever else was going on."""

    def name(self) -> Text:
        return "action_crisis"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        dispatcher.utter_message(response="utter_crisis")
        _signaal("crisis", tracker)
        return []


class ActionGeenMeedenker(Action):
    """The inwoner does not want a meedenker now: respected, and the question is closed."""

    def name(self) -> Text:
        return "action_geen_meedenker"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        dispatcher.utter_message(response="utter_geen_meedenker")
        return [SlotSet("open_vraag", None)]


# --- matching: the intake form and the choice of meedenkers -------------------------------------

def _b1(tracker: Tracker) -> bool:
    return tracker.get_slot("taalniveau") == taalniveau.B1


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
        return self._result("wijk", intake.parse_wijk(value, SETTINGS.wijken), dispatcher)

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
                   for key, naam in SETTINGS.wijken.items()]
        dispatcher.utter_message(response="utter_ask_wijk", buttons=_with_skip_button(buttons, "wijk"))
        return []


class ActionAskOnderwerp(Action):
    def name(self) -> Text:
        return "action_ask_onderwerp"

    def run(self, dispatcher, tracker, domain):
        level = 1 if _b1(tracker) else 0
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
        gekozen = matching.kies(NETWORK.get(), vraag, rotatie=keuze.next_rotation())
        if gekozen.leeg:
            dispatcher.utter_message(response="utter_geen_match")
            _signaal(signalen.GEEN_MATCH, tracker, vraag, taalniveau=level)
            return []
        cls._show(dispatcher, gekozen, vraag, level)
        _signaal("keuze", tracker, vraag, taalniveau=level)
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


# --- warm handover and erasure ------------------------------------------------------------------

COORDINATOR = intake.COORDINATOR
OVERDRACHT_SLOTS = ("overdracht_toestemming", "contact_gegeven", "contact_manier", "contact_moment",
                    "meedenker_keuze")


def _shown_meedenkers(tracker: Tracker) -> list:
    keys = tracker.get_slot("getoonde_meedenkers") or []
    if not keys:
        return []
    by_key = {m.sleutel: m for m in NETWORK.get()}
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
        intent = _latest_intent(tracker)
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
            with SESSIONS() as session, session.begin():
                overdrachten.maak(
                    session, gesprek_id=tracker.sender_id, contact_manier=slots.get("contact_manier"),
                    contact_gegeven=slots.get("contact_gegeven"), contact_moment=slots.get("contact_moment"),
                    transcript=from_events(tracker.events),
                    gekozen=overdrachten.Gekozen(gekozen.sleutel, gekozen.naam, gekozen.organisatie) if gekozen else None,
                    levensdomein=known.levensdomein if known else None,
                    onderwerp=known.onderwerp if known else None, wijk=known.wijk if known else None,
                    doelgroep=known.doelgroep if known else None, taalniveau=slots.get("taalniveau"))
        except SQLAlchemyError:
            LOG.exception("handover could not be saved")
            dispatcher.utter_message(response="utter_overdracht_mislukt")
            return reset
        _signaal("overdracht", tracker, known)
        dispatcher.utter_message(
            response="utter_overdracht_bevestigd",
            wie=f"{gekozen.naam} van {gekozen.organisatie}" if gekozen else "Een meedenker",
            moment=contact.MOMENT_IN_ZIN.get(slots.get("contact_moment"), ""),
            contact=("telefoon op " if slots.get("contact_manier") == contact.TELEFOON else "e-mail op ")
            + (slots.get("contact_gegeven") or ""),
            reactietijd=SETTINGS.reactietijd)
        return reset + [SlotSet("open_vraag", None)]


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
        with SESSIONS() as session, session.begin():
            overdrachten.trek_in(session, tracker.sender_id)
        dispatcher.utter_message(response="utter_gesprek_verwijderd")
        return []


class ActionGesprekBewaren(Action):
    def name(self) -> Text:
        return "action_gesprek_bewaren"

    def run(self, dispatcher, tracker, domain):
        dispatcher.utter_message(response="utter_gesprek_bewaard")
        return [SlotSet("open_vraag", None)]
