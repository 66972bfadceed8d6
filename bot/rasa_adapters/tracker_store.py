"""Rasa's SQL tracker store, plus erasure on the inwoner's request.

Erasure cannot be done from the action server: Rasa saves the tracker after the action has run and
would write every event back. So the store erases a conversation when it is asked to save a turn in
which the erase action ran (the bot's confirmation is still sent, nothing of the conversation stays).
Connections come from `bot.db`. Configured in the generated endpoints.yml as
`type: bot.rasa_adapters.tracker_store.TrackerStore`.
"""
from __future__ import annotations

from rasa.core.tracker_store import SQLTrackerStore
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import sessionmaker

from bot import db
from bot.privacy.gesprekken import verwijder, verwijderen_gevraagd


class StoreUnreachable(BaseException):
    """The conversation store cannot be reached (database down, or SQLite locked past the wait).

    A BaseException on purpose: Rasa wraps every tracker store in its FailSafeTrackerStore, which catches
    Exception and goes on with an empty conversation in memory, so the inwoner would be greeted as a stranger
    and their message kept outside the store. This one passes through to our channel, which answers with the
    phone number; the conversation so far stays in the database and goes on when it is back.
    """


class TrackerStore(SQLTrackerStore):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Our engine settings instead of Rasa's: SQLite pooled with WAL and a lock wait (Rasa opens a new
        # connection per turn), PostgreSQL with pre-ping, so that after a database restart the first turn on
        # every server does not fail on a dead pooled connection.
        url = self.engine.url.render_as_string(hide_password=False)
        self.engine.dispose()
        self.engine = db.make_engine(url)
        self.sessionmaker = sessionmaker(bind=self.engine)

    async def retrieve(self, sender_id):
        try:
            return await super().retrieve(sender_id)
        except SQLAlchemyError as error:
            raise StoreUnreachable(str(error)) from error

    async def save(self, tracker) -> None:
        try:
            if verwijderen_gevraagd(tracker.events):
                verwijder(self.engine, tracker.sender_id)
                return
            await super().save(tracker)
        except SQLAlchemyError as error:
            raise StoreUnreachable(str(error)) from error
