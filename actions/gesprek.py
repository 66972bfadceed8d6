"""The two actions of the conversation: a new session, and every turn (`bot.gesprek.gespreksleider` decides).

Thin on purpose: read the recognised message and the state from the tracker, let the gespreksleider decide, and
turn its answer into messages, slot events and signals. The services it needs (network, matching, saving a
handover, withdrawing handovers) are built here over the shared database sessions.
"""
from __future__ import annotations

import logging
from functools import cache
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions import gedeeld
from bot.gesprek import gespreksleider, keuze, taalniveau
from bot.gesprek.gespreksleider import Bericht, Gespreksleider, OverdrachtGegevens
from bot.gesprek.teksten import Teksten
from bot.meldingen import meldingen
from bot.netwerk import matching
from bot.overdracht import overdracht
from bot.overdracht.transcript import from_events

LOG = logging.getLogger(__name__)

# The state's values that are also slots: what signals, tests and the abandonment check read.
SPIEGEL = {"levensdomein": "levensdomein", "onderwerp": "onderwerp", "wijk": "wijk", "doelgroep": "doelgroep",
           "voorkeur": "voorkeur_ondersteuner", "taal": "taal", "namens": "namens", "niveau": "taalniveau",
           "getoond": "getoonde_meedenkers"}


@cache
def teksten() -> Teksten:
    return Teksten()


class RasaDiensten:
    """The gespreksleider's services for one turn of one conversation."""

    def __init__(self, tracker: Tracker):
        self.tracker = tracker
        self.wijken = gedeeld.settings().wijken
        self.reactietijd = gedeeld.settings().reactietijd
        self._meedenkers = None

    def meedenkers(self):
        # Once per turn: the cache reads today's availability from the database on every get().
        if self._meedenkers is None:
            self._meedenkers = gedeeld.netwerk_cache().get()
        return self._meedenkers

    def kies(self, vraag):
        return matching.kies(self.meedenkers(), vraag, rotatie=keuze.next_rotation())

    def bewaar_overdracht(self, g: OverdrachtGegevens) -> bool:
        v = g.vraag
        vraag = {k: getattr(v, k) if v else None for k in ("levensdomein", "onderwerp", "wijk", "doelgroep", "taal")}
        try:
            with gedeeld.sessions()() as session, session.begin():
                o = overdracht.maak(
                    session, gesprek_id=self.tracker.sender_id, contact_manier=g.contact_manier,
                    contact_gegeven=g.contact_gegeven, contact_moment=g.contact_moment,
                    transcript=from_events(self.tracker.events),
                    gekozen=overdracht.Gekozen(g.gekozen.sleutel, g.gekozen.naam, g.gekozen.organisatie,
                                               g.gekozen.soort) if g.gekozen else None,
                    **vraag, taalniveau=g.taalniveau, namens=g.namens, huisbezoek=g.huisbezoek,
                    kanaal=self.tracker.get_latest_input_channel())
                # The coordinators' mail is in the outbox exactly when the handover is saved.
                meldingen.nieuwe_overdracht(session, gedeeld.settings(), o)
        except SQLAlchemyError:
            LOG.exception("handover could not be saved")
            return False
        return True

    def vragenlijst_mag(self) -> bool:
        try:
            with gedeeld.sessions()() as session, session.begin():
                return overdracht.vragenlijst_mag(session, self.tracker.sender_id)
        except SQLAlchemyError:
            LOG.exception("consent to the questionnaire could not be saved")
            return False

    def trek_in(self) -> None:
        with gedeeld.sessions()() as session, session.begin():
            overdracht.trek_in(session, self.tracker.sender_id)


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
        # A new session starts a new conversation; only the chosen language level carries over.
        events.append(SlotSet("gesprek", gespreksleider.nieuwe_toestand(level or taalniveau.STANDAARD)))
        dispatcher.utter_message(**_render(teksten(), gespreksleider.Uiting("utter_welkom"),
                                           level or taalniveau.STANDAARD, slots))
        events.append(ActionExecuted("action_listen"))
        return events


def bericht(tracker: Tracker) -> Bericht:
    latest = tracker.latest_message or {}
    intent = latest.get("intent") or {}
    entiteiten: dict[str, str] = {}
    for e in latest.get("entities") or []:
        entiteiten.setdefault(e.get("entity"), e.get("value"))
    metadata = latest.get("metadata") or {}
    gevraagd = metadata.get("taalniveau") if intent.get("name") == "vraag_makkelijke_taal" else None
    ranking = tuple((r.get("name"), float(r.get("confidence") or 0.0)) for r in latest.get("intent_ranking") or [])
    return Bericht(tekst=latest.get("text") or "", intent=intent.get("name"),
                   zekerheid=float(intent.get("confidence") or 0.0), entiteiten=entiteiten,
                   taalniveau=gevraagd if gevraagd in taalniveau.LEVELS else None, ranking=ranking)


class ActionBeurt(Action):
    """Every message of the inwoner: the gespreksleider reads it and says what comes next."""

    def name(self) -> Text:
        return "action_beurt"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        toestand = tracker.get_slot("gesprek") or gespreksleider.nieuwe_toestand(
            tracker.get_slot("taalniveau") or taalniveau.STANDAARD)
        beurt = Gespreksleider(RasaDiensten(tracker)).beurt(toestand, bericht(tracker))
        waarden = gedeeld.settings().gemeente_slots()
        for uiting in beurt.uitingen:
            dispatcher.utter_message(**_render(teksten(), uiting, beurt.toestand["niveau"], waarden))
        kanaal = tracker.get_latest_input_channel()
        for signaal in beurt.signalen:
            gedeeld.signalen_schrijver().signaal(signaal.soort, kanaal=kanaal, **signaal.velden)
        return _slot_events(tracker, beurt)


def _render(teksten_: Teksten, uiting, niveau: str, waarden: dict) -> dict:
    if uiting.naam == gespreksleider.WIDGET:
        return {"json_message": uiting.kaart}
    rendered = teksten_.render(uiting.naam, niveau, {**waarden, **uiting.waarden})
    message = {"text": rendered["text"], "buttons": uiting.knoppen if uiting.knoppen is not None
               else rendered["buttons"], "utter_action": uiting.naam}
    if uiting.kaart is not None or rendered["custom"] is not None:
        message["json_message"] = uiting.kaart if uiting.kaart is not None else rendered["custom"]
    return message


def _slot_events(tracker: Tracker, beurt) -> List[EventType]:
    events: List[EventType] = [SlotSet("gesprek", beurt.toestand)]
    for key, slot in SPIEGEL.items():
        value = beurt.toestand.get(key)
        if value != tracker.get_slot(slot):
            events.append(SlotSet(slot, value))
    if beurt.uitkomst:
        events.append(SlotSet("uitkomst", beurt.uitkomst))
    return events
