"""Erasure and retention on Rasa's conversation store (the SQL tracker store's `events` table).

Plain SQLAlchemy, so the workspace and the CLI can apply retention without loading Rasa.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Iterable

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text, delete, func, select
from sqlalchemy.engine import Engine

# The conversation's outcome slot (set by action_beurt); this value asks the tracker store to erase it.
UITKOMST_SLOT = "uitkomst"
VERWIJDERD = "verwijderd"

# Rasa's own table; declared here so retention can work on it without loading Rasa.
_metadata = MetaData()
EVENTS = Table("events", _metadata, Column("id", Integer, primary_key=True),
               Column("sender_id", String(255)), Column("type_name", String(255)), Column("timestamp", Float),
               Column("action_name", String(255)), Column("data", Text))
# Our own small table beside it: conversations already checked for abandonment (so a signal is counted
# once). It lives in the conversation store because it names conversations; it goes when they go.
GECONTROLEERD = Table("afbraak_gecontroleerd", _metadata, Column("sender_id", String(255), primary_key=True))


def verwijderen_gevraagd(events: Iterable) -> bool:
    """True when the conversation's outcome became "verwijderd" after the latest user message."""
    for event in reversed(list(events)):
        name = getattr(event, "type_name", None)
        if name == "user":
            return False
        if name == "slot" and getattr(event, "key", None) == UITKOMST_SLOT and getattr(event, "value", None) == VERWIJDERD:
            return True
    return False


def exists(engine: Engine, sender_id: str) -> bool:
    """Whether the store holds any event of this conversation (one indexed lookup)."""
    if not _has_table(engine, "events"):
        return False
    with engine.connect() as conn:
        return conn.execute(select(EVENTS.c.id).where(EVENTS.c.sender_id == sender_id).limit(1)).first() is not None


def verwijder(engine: Engine, sender_id: str) -> int:
    with engine.begin() as conn:
        if _has_table(engine, GECONTROLEERD.name):
            conn.execute(delete(GECONTROLEERD).where(GECONTROLEERD.c.sender_id == sender_id))
        return conn.execute(delete(EVENTS).where(EVENTS.c.sender_id == sender_id)).rowcount


def stale_conversations(engine: Engine, before: dt.datetime) -> list[str]:
    """Conversations whose last event is older than `before` (UTC)."""
    cutoff = before.replace(tzinfo=dt.timezone.utc).timestamp()
    if not _has_table(engine, "events"):
        return []
    with engine.connect() as conn:
        rows = conn.execute(select(EVENTS.c.sender_id).group_by(EVENTS.c.sender_id)
                            .having(func.max(EVENTS.c.timestamp) < cutoff))
        return [r[0] for r in rows]


_EXISTING_TABLES: set[tuple[str, str]] = set()  # a table, once there, stays: no lookup per turn


def _has_table(engine: Engine, name: str) -> bool:
    from sqlalchemy import inspect

    if (str(engine.url), name) in _EXISTING_TABLES:
        return True
    found = inspect(engine).has_table(name)
    if found:
        _EXISTING_TABLES.add((str(engine.url), name))
    return found


def abandoned_conversations(engine: Engine, idle_since: dt.datetime, not_before: dt.datetime) -> list[dict]:
    """Conversations with a recognised question (a levensdomein) and no outcome (no `uitkomst` slot), idle since `idle_since` (UTC), not yet
    checked. Returns each one's last category slots (levensdomein, onderwerp, taalniveau) and marks it."""
    if not _has_table(engine, "events"):
        return []
    GECONTROLEERD.create(engine, checkfirst=True)
    idle = idle_since.replace(tzinfo=dt.timezone.utc).timestamp()
    oldest = not_before.replace(tzinfo=dt.timezone.utc).timestamp()
    found = []
    with engine.begin() as conn:
        checked = select(GECONTROLEERD.c.sender_id)
        candidates = conn.scalars(
            select(EVENTS.c.sender_id).where(EVENTS.c.sender_id.not_in(checked)).group_by(EVENTS.c.sender_id)
            .having(func.max(EVENTS.c.timestamp) < idle).having(func.max(EVENTS.c.timestamp) >= oldest)).all()
        for sender_id in candidates:
            conn.execute(GECONTROLEERD.insert().values(sender_id=sender_id))
            slots, uitkomst = {}, False
            for (data,) in conn.execute(select(EVENTS.c.data).where(
                    EVENTS.c.sender_id == sender_id, EVENTS.c.type_name == "slot").order_by(EVENTS.c.id)):
                event = json.loads(data or "{}")
                if event.get("name") == UITKOMST_SLOT and event.get("value"):
                    uitkomst = True
                if event.get("name") in ("levensdomein", "onderwerp", "taalniveau", "wijk", "doelgroep"):
                    slots[event["name"]] = event.get("value")
            if slots.get("levensdomein") and not uitkomst:
                found.append(slots)
    return found
