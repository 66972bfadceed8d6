"""What the actions share, built on first use: settings, database sessions, the network cache and the
signal writer. Importing any actions module opens no database, makes no folder and starts no thread; the
action server calls `start()` once it runs, so the first inwoner does not wait for the anonymiser to load.

Tests replace these builders with their own (monkeypatch `gedeeld.sessions` and friends).
"""
from __future__ import annotations

from functools import cache

from bot import db
from bot.config import Settings, load_settings
from bot.netwerk import netwerk
from bot.privacy import schrijver
from bot.signalen import signalen


@cache
def settings() -> Settings:
    return load_settings()


@cache
def sessions():
    return db.session_factory(settings().database_url)


@cache
def netwerk_cache() -> netwerk.NetworkCache:
    return netwerk.NetworkCache(sessions(), ttl=settings().netwerk_verversen_seconden)


@cache
def signalen_schrijver() -> signalen.SignaalSchrijver:
    """Signals are anonymised and written in a background thread: never on the inwoner's reply path."""
    return schrijver.met_anonimiseren(sessions(), settings().wijken)


def start() -> None:
    """Called by the action server once it runs: the writer's thread warms the anonymiser up."""
    signalen_schrijver()
