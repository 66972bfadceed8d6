"""Our tracker store: our SQLite engine, and an unreachable store stops the turn instead of Rasa's quiet
fallback to an empty conversation in memory."""
import asyncio
import sqlite3

import pytest
from rasa.core.tracker_store import FailSafeTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.pool import QueuePool

from bot import db
from bot.rasa_adapters.tracker_store import StoreUnreachable, TrackerStore


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setattr(db, "SQLITE_LOCK_SECONDS", 0.2)
    s = TrackerStore(domain=Domain.empty(), dialect="sqlite", db=str(tmp_path / "tracker.db"))
    yield s
    s.engine.dispose()


def conversation(sender, *texts):
    events = [ActionExecuted("action_listen")]
    for text in texts:
        events += [UserUttered(text), BotUttered(f"antwoord op {text}"), ActionExecuted("action_listen")]
    return DialogueStateTracker.from_events(sender, events)


def test_keeps_conversations_with_our_pooled_engine(store):
    assert isinstance(store.engine.pool, QueuePool)
    asyncio.run(store.save(conversation("a", "hallo", "wat kost het")))
    kept = asyncio.run(FailSafeTrackerStore(store).retrieve("a"))
    assert [e.text for e in kept.events if isinstance(e, UserUttered)] == ["hallo", "wat kost het"]


def test_a_locked_store_stops_the_save_and_keeps_nothing_in_memory(store, tmp_path):
    asyncio.run(store.save(conversation("b", "hallo")))
    failsafe = FailSafeTrackerStore(store)
    holder = sqlite3.connect(tmp_path / "tracker.db")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreUnreachable, match="locked") as refused:
            asyncio.run(failsafe.save(conversation("b", "hallo", "mijn naam is Jan Jansen")))
    finally:
        holder.rollback()
        holder.close()
    assert "Jansen" not in str(refused.value)  # the error is logged: no message text in it
    assert asyncio.run(failsafe.fallback_tracker_store.retrieve("b")) is None
    kept = asyncio.run(failsafe.retrieve("b"))
    assert [e.text for e in kept.events if isinstance(e, UserUttered)] == ["hallo"]


def test_an_unreadable_store_stops_the_turn_instead_of_starting_an_empty_conversation(store, tmp_path):
    asyncio.run(store.save(conversation("c", "hallo")))
    with sqlite3.connect(tmp_path / "tracker.db") as conn:
        conn.execute("ALTER TABLE events RENAME TO events_weg")
    with pytest.raises(StoreUnreachable):
        asyncio.run(FailSafeTrackerStore(store).retrieve("c"))
