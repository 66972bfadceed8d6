"""Database engine and sessions (SQLAlchemy 1.4 in 2.0 style) and schema migrations (Alembic)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from bot.config import PROJECT_ROOT, load_settings

SQLITE_LOCK_SECONDS = 15


def make_engine(url: str) -> Engine:
    """Errors and logs never show the values of a statement: they hold what inwoners typed."""
    parsed = make_url(url)
    if parsed.drivername.startswith("sqlite"):
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        # Several processes (action server, CLI, web app) share the file: wait for a lock rather than fail,
        # but not so long that an inwoner waits minutes for "saving failed". Connections are pooled (SQLAlchemy
        # 1.4 opens a new one per session for a file): the Rasa server saves a conversation on every turn.
        engine = create_engine(url, future=True, poolclass=QueuePool, hide_parameters=True,
                               connect_args={"timeout": SQLITE_LOCK_SECONDS, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

        return engine
    return create_engine(url, future=True, pool_pre_ping=True, hide_parameters=True)


@lru_cache(maxsize=None)
def engine_for(url: str) -> Engine:
    return make_engine(url)


def session_factory(url: str | None = None) -> sessionmaker:
    url = url or load_settings().database_url
    return sessionmaker(bind=engine_for(url), future=True, expire_on_commit=False)


def upgrade(url: str | None = None, revision: str = "head") -> None:
    """Bring the schema up to date with the Alembic migrations."""
    from alembic import command
    from alembic.config import Config

    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    config.set_main_option("sqlalchemy.url", url or load_settings().database_url)
    command.upgrade(config, revision)


def new_session(url: str | None = None) -> Session:
    return session_factory(url)()
