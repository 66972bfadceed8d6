"""The two actions with rasa-sdk's real Tracker and CollectingDispatcher, against a real (SQLite) database: texts
rendered at the level of *this* turn, slots mirrored from the state, signals written, handovers saved with their
transcript, erasure withdrawing them."""
import datetime as dt

import pytest
from rasa_sdk.events import SessionStarted, SlotSet
from sqlalchemy import select

from actions import gedeeld
from actions.gesprek import ActionBeurt, ActionSessionStart
from bot import db
from bot.models import Overdracht, OverdrachtGebeurtenis, Signaal, TranscriptRegel
from bot.netwerk import netwerk
from bot.signalen import signalen
from tests.actions.conftest import make_tracker, responses, run, user_event
from tests.conftest import expected

SLOTS = gedeeld.settings().gemeente_slots()


@pytest.fixture
def network_db(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path}/acties.db"
    db.upgrade(url)
    sessions = db.session_factory(url)
    monkeypatch.setattr(gedeeld, "sessions", lambda: sessions)
    cache = netwerk.NetworkCache(sessions)
    monkeypatch.setattr(gedeeld, "netwerk_cache", lambda: cache)
    schrijver = signalen.SignaalSchrijver(sessions, gedeeld.settings().wijken, anonimiseer=lambda t: "[GESCRUBD]")
    monkeypatch.setattr(gedeeld, "signalen_schrijver", lambda: schrijver)
    netwerk.load_demo_if_empty(sessions, gedeeld.settings().wijken)
    return sessions


class Chat:
    """A conversation as Rasa keeps it: events (user and bot turns with times) and slots set by the action."""

    def __init__(self):
        self.slots = {}
        self.events = []
        self.t = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.timezone.utc).timestamp()

    def zeg(self, text, intent="geef_informatie", confidence=0.9, metadata=None, **entities):
        self.t += 5
        event = user_event(intent, text, [{"entity": k, "value": v} for k, v in entities.items()], metadata)
        event["parse_data"]["intent"]["confidence"] = confidence
        event["timestamp"] = self.t
        self.events.append(event)
        messages, result = run(ActionBeurt(), make_tracker(*self.events, slots=dict(self.slots)))
        for m in messages:
            if m.get("text"):
                self.events.append({"event": "bot", "timestamp": self.t + 1, "text": m["text"],
                                    "data": {"buttons": m.get("buttons")}})
        for e in result:
            if e.get("event") == "slot":
                self.slots[e["name"]] = e["value"]
        self.result = result
        return messages


def test_session_start_greets_with_the_gemeente_settings_and_starts_a_fresh_state():
    messages, events = run(ActionSessionStart(), make_tracker())
    assert responses(messages) == ["utter_welkom"]
    assert messages[0]["text"] == expected("utter_welkom", "standaard", SLOTS)
    assert events[0] == SessionStarted()
    assert SlotSet("meedenkers_telefoon", "0123 456 700") in events
    gesprek = next(e["value"] for e in events if e.get("name") == "gesprek")
    assert gesprek["vraag"] is None and gesprek["niveau"] == "standaard"
    assert events[-1]["event"] == "action" and events[-1]["name"] == "action_listen"


def test_session_start_keeps_b1_for_an_inwoner_who_chose_it():
    messages, events = run(ActionSessionStart(), make_tracker(slots={"taalniveau": "b1"}))
    assert SlotSet("taalniveau", "b1") in events
    assert messages[0]["text"] == expected("utter_welkom", "b1", SLOTS)


def test_a_turn_mirrors_the_state_into_slots_and_writes_the_signal(network_db):
    chat = Chat()
    messages = chat.zeg("ik ben Jan en ik heb schulden", "vraag_werk_inkomen", onderwerp="schulden")
    assert responses(messages) == ["utter_erkenning_werk_inkomen", "utter_meedenker_werk_inkomen",
                                   "utter_vraag_meedenker"]
    assert messages[-1]["buttons"] == [{"title": "Ja, graag", "payload": "/bevestigen"},
                                       {"title": "Nee, nu niet", "payload": "/ontkennen"}]
    assert chat.slots["levensdomein"] == "werk_inkomen" and chat.slots["onderwerp"] == "schulden"
    assert chat.slots["gesprek"]["vraag"] == "wil_meedenker"
    assert gedeeld.signalen_schrijver().flush(30)
    with network_db() as session:
        signal = session.execute(select(Signaal)).scalar_one()
    assert (signal.soort, signal.levensdomein, signal.onderwerp, signal.knelpunt) == (
        "levensdomein", "werk_inkomen", "schulden", "[GESCRUBD]")


def test_b1_mid_question_renders_the_resumed_question_in_b1_in_the_same_turn(network_db):
    chat = Chat()
    chat.zeg("ik heb schulden", "vraag_werk_inkomen")
    chat.zeg("ja", "bevestigen")
    messages = chat.zeg("ik snap het niet", "vraag_makkelijke_taal")
    assert messages[0]["custom"] == {"type": "taalniveau", "taalniveau": "b1"}
    assert [m.get("text") for m in messages[1:]] == [expected("utter_taalniveau_nu", "b1", SLOTS),
                                                    expected("utter_ask_wijk", "b1", SLOTS)]
    assert [b["title"] for b in messages[-1]["buttons"]][:2] == ["Centrum", "De Akkers"]
    assert chat.slots["taalniveau"] == "b1"


def test_the_widget_switch_can_go_back_to_standard(network_db):
    chat = Chat()
    chat.zeg("/vraag_makkelijke_taal", "vraag_makkelijke_taal", metadata={"taalniveau": "b1"})
    messages = chat.zeg("/vraag_makkelijke_taal", "vraag_makkelijke_taal", metadata={"taalniveau": "standaard"})
    assert messages[0]["custom"] == {"type": "taalniveau", "taalniveau": "standaard"}
    assert chat.slots["taalniveau"] == "standaard"


def test_the_choice_shows_cards_and_a_handover_is_saved_with_transcript_and_choice(network_db):
    chat = Chat()
    chat.zeg("mijn moeder heeft schulden", "vraag_werk_inkomen")
    for answer in ("ja", "molenwijk", "maakt niet uit"):
        chat.zeg(answer)
    messages = chat.zeg("nederlands")
    cards = [m["custom"] for m in messages if (m.get("custom") or {}).get("type") == "meedenker"]
    assert 2 <= len(cards) <= 4 and responses(messages)[0] == "utter_keuze_intro"
    assert chat.slots["getoonde_meedenkers"] == [c["sleutel"] for c in cards]
    assert SlotSet("uitkomst", "keuze") in chat.result
    chat.zeg("kan iemand mij bellen?", "vraag_medewerker")
    chat.zeg("/bevestigen", "bevestigen")
    chat.zeg("mijn nummer is 06-12345678")
    chat.zeg("'s ochtends")
    messages = chat.zeg("de tweede")
    assert responses(messages) == ["utter_overdracht_bevestigd", "utter_ask_vragenlijst"]
    assert cards[1]["naam"] in messages[0]["text"] and "+31 6 12345678" in messages[0]["text"]
    assert responses(chat.zeg("/bevestigen", "bevestigen")) == ["utter_vragenlijst_ja"]
    with network_db() as session:
        o = session.scalars(select(Overdracht)).one()
        assert (o.gesprek_id, o.levensdomein, o.onderwerp, o.wijk, o.namens) == (
            "test", "werk_inkomen", "schulden", "molenwijk", "moeder")
        assert (o.contact_manier, o.contact_gegeven, o.contact_moment) == ("telefoon", "+31 6 12345678", "ochtend")
        assert o.gekozen_sleutel == cards[1]["sleutel"]
        assert o.vragenlijst_mag  # the yes in the chat is on the handover
        lines = [(r.afzender, r.tekst) for r in o.berichten]
        assert lines[0] == ("inwoner", "mijn moeder heeft schulden")
        assert ("inwoner", "Ja, dat mag") in lines  # a click is shown as the button's title
        assert o.berichten[0].tijd == dt.datetime(2026, 11, 2, 9, 0, 5)


def test_a_database_failure_is_told_plainly(network_db, tmp_path, monkeypatch):
    chat = Chat()
    chat.zeg("bel me", "vraag_medewerker")
    chat.zeg("ja", "bevestigen")
    chat.zeg("a@b.nl")
    monkeypatch.setattr(gedeeld, "sessions", lambda: db.session_factory(f"sqlite:///{tmp_path}/leeg.db"))
    assert responses(chat.zeg("maakt niet uit")) == ["utter_overdracht_mislukt"]


def test_erasure_withdraws_the_handover_and_marks_the_conversation_for_the_store(network_db):
    chat = Chat()
    chat.zeg("bel me", "vraag_medewerker")
    chat.zeg("ja", "bevestigen")
    chat.zeg("a@b.nl")
    chat.zeg("maakt niet uit")
    assert responses(chat.zeg("verwijder mijn gesprek", "vraag_privacy")) == ["utter_vraag_verwijderen"]
    assert responses(chat.zeg("ja", "bevestigen")) == ["utter_gesprek_verwijderd"]
    assert SlotSet("uitkomst", "verwijderd") in chat.result
    with network_db() as session:
        o = session.scalars(select(Overdracht)).one()
        assert o.status == "ingetrokken" and o.contact_gegeven is None and o.afgerond is not None
        assert session.scalars(select(TranscriptRegel)).all() == []
        assert [g.soort for g in session.scalars(select(OverdrachtGebeurtenis))] == ["aangemaakt", "ingetrokken"]


def test_no_match_is_said_honestly_and_recorded_without_personal_data(network_db):
    with network_db() as session, session.begin():
        netwerk.replace_network(session, [])
    chat = Chat()
    chat.zeg("mijn dochter gaat niet naar school", "vraag_jeugd")
    for answer in ("ja", "bosrijk"):
        chat.zeg(answer)
    assert responses(chat.zeg("maakt niet uit")) == ["utter_geen_match"]
    assert gedeeld.signalen_schrijver().flush(30)
    with network_db() as session:
        soorten = [(s.soort, s.levensdomein, s.onderwerp, s.wijk) for s in session.scalars(select(Signaal))]
    assert ("geen_match", "jeugd", "school", "bosrijk") in soorten
