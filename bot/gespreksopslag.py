"""Erasure and retention on Rasa's conversation store (the SQL tracker store's `events` table).

Plain SQLAlchemy, so the workspace and the CLI can apply retention without loading Rasa.
"""
from __future__ import annotations

import datetime as dt
from typing import Iterable

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, delete, func, select
from sqlalchemy.engine import Engine

ERASE_ACTION = "action_gesprek_verwijderen"

# Rasa's own table; declared here so retention can work on it without loading Rasa.
_metadata = MetaData()
EVENTS = Table("events", _metadata, Column("id", Integer, primary_key=True),
               Column("sender_id", String(255)), Column("timestamp", Float))


def erasure_requested(events: Iterable) -> bool:
    """True when the erase action ran after the latest user message."""
    for event in reversed(list(events)):
        name = getattr(event, "type_name", None)
        if name == "user":
            return False
        if name == "action" and getattr(event, "action_name", None) == ERASE_ACTION:
            return True
    return False


def erase(engine: Engine, sender_id: str) -> int:
    with engine.begin() as conn:
        return conn.execute(delete(EVENTS).where(EVENTS.c.sender_id == sender_id)).rowcount


def stale_conversations(engine: Engine, before: dt.datetime) -> list[str]:
    """Conversations whose last event is older than `before` (UTC)."""
    cutoff = before.replace(tzinfo=dt.timezone.utc).timestamp()
    if not _has_events_table(engine):
        return []
    with engine.connect() as conn:
        rows = conn.execute(select(EVENTS.c.sender_id).group_by(EVENTS.c.sender_id)
                            .having(func.max(EVENTS.c.timestamp) < cutoff))
        return [r[0] for r in rows]


def _has_events_table(engine: Engine) -> bool:
    from sqlalchemy import inspect

    return inspect(engine).has_table("events")
