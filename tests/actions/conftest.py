"""What the action tests share: rasa-sdk's real Tracker and CollectingDispatcher, and recorded signals."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import gedeeld


class RecordedSignals(list):
    """Stands in for the background writer: the actions' only job is to hand over the right categories."""

    def signaal(self, soort, **fields):
        self.append((soort, fields))

    def flush(self, timeout=0):
        return True


@pytest.fixture(autouse=True)
def recorded_signals(monkeypatch):
    recorded = RecordedSignals()
    monkeypatch.setattr(gedeeld, "signalen_schrijver", lambda: recorded)
    return recorded


def user_event(intent, text="", entities=(), metadata=None):
    return {"event": "user", "text": text, "metadata": metadata or {},
            "parse_data": {"intent": {"name": intent, "confidence": 0.9}, "entities": list(entities)}}


def make_tracker(*events, slots=None):
    events = list(events)
    latest = next((e for e in reversed(events) if e["event"] == "user"), {})
    latest_message = {**latest.get("parse_data", {}), "text": latest.get("text"),
                      "metadata": latest.get("metadata", {})}
    return Tracker("test", slots or {}, latest_message, events, False, None, {}, "action_listen")


def run(action, tracker):
    dispatcher = CollectingDispatcher()
    result = action.run(dispatcher, tracker, {})
    if asyncio.iscoroutine(result):
        result = asyncio.run(result)
    return dispatcher.messages, result


def responses(messages):
    """The response names of the messages (action_beurt renders texts itself and names them in utter_action)."""
    return [m.get("response") or m.get("utter_action") for m in messages]
