"""Rasa's SQL tracker store, plus erasure on the inwoner's request.

Erasure cannot be done from the action server: Rasa saves the tracker after the action has run and
would write every event back. So the store erases a conversation when it is asked to save a turn in
which the erase action ran (the bot's confirmation is still sent, nothing of the conversation stays).
Configured in the generated endpoints.yml as `type: bot.tracker_store.WisbareTrackerStore`.
"""
from __future__ import annotations

from rasa.core.tracker_store import SQLTrackerStore

from bot.gespreksopslag import erase, erasure_requested


class WisbareTrackerStore(SQLTrackerStore):
    async def save(self, tracker) -> None:
        if erasure_requested(tracker.events):
            erase(self.engine, tracker.sender_id)
            return
        await super().save(tracker)
