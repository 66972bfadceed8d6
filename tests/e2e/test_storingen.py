"""Faults on a stack of its own: the action server goes down and comes back; the database is locked
while a handover is saved."""
import sqlite3
import threading
import time

import pytest
from sqlalchemy import select

from bot import db
from bot.models import Overdracht
from bot.rasa_adapters.channel import storing_tekst
from tests.conftest import Conversation, expected, stack_settings_env, start_stack
from tests.e2e.conftest import DOMAIN_MESSAGES

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("storing")
    s = start_stack(stack_settings_env(tmp), tmp / "logs")
    yield s
    s.stop()


def test_action_server_down_gives_a_friendly_answer_and_the_conversation_goes_on_when_it_is_back(stack):
    slots = stack.settings.gemeente_slots()
    conversation = Conversation(stack)
    conversation.say("hallo")
    stack.stop_process("actions")
    texts = conversation.texts(DOMAIN_MESSAGES["werk_inkomen"])
    assert texts == [storing_tekst(stack.settings.gemeente_telefoon)]
    assert stack.settings.gemeente_telefoon in texts[0]
    fresh = Conversation(stack)  # a new conversation: even its welcome needs the action server
    assert fresh.texts("hallo") == [storing_tekst(stack.settings.gemeente_telefoon)]
    stack.restart_process("actions")
    texts = conversation.texts(DOMAIN_MESSAGES["werk_inkomen"])
    assert texts[0] == expected("utter_erkenning_werk_inkomen", "standaard", slots)
    assert conversation.texts("ja")[-1] in (expected("utter_ask_onderwerp", "standaard", slots),
                                            expected("utter_ask_wijk", "standaard", slots))


def test_a_locked_database_while_saving_a_handover_is_told_plainly_and_nothing_half_is_kept(stack):
    slots = stack.settings.gemeente_slots()
    conversation = Conversation(stack)
    conversation.say("hallo")
    for message in ("/vraag_medewerker", "ja", "06 12345678"):
        conversation.say(message)
    path = stack.settings.database_url.removeprefix("sqlite:///")
    locked, release = threading.Event(), threading.Event()

    def hold_lock():
        conn = sqlite3.connect(path, timeout=1)
        conn.execute("BEGIN EXCLUSIVE")
        locked.set()
        release.wait(60)
        conn.rollback()
        conn.close()

    holder = threading.Thread(target=hold_lock)
    holder.start()
    assert locked.wait(10)
    try:
        started = time.monotonic()
        texts = conversation.texts("'s middags")
        waited = time.monotonic() - started
    finally:
        release.set()
        holder.join(10)
    assert texts == [expected("utter_overdracht_mislukt", "standaard", slots)], texts
    assert slots["meedenkers_telefoon"] in texts[0] and waited < db.SQLITE_LOCK_SECONDS + 15
    with db.new_session(stack.settings.database_url) as session:
        assert session.scalars(select(Overdracht).where(Overdracht.gesprek_id == conversation.sender)).all() == []
    # With the database free again, asking once more works.
    for message in ("/vraag_medewerker", "ja", "06 12345678"):
        conversation.say(message)
    assert "+31 6 12345678" in conversation.texts("'s middags")[0]
