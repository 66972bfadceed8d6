"""A fresh SQLite database per test, and helpers to fill it with hand-built signals."""
from __future__ import annotations

import datetime as dt
import importlib.util

import pytest

from bot import db, signalen
from bot.config import PROJECT_ROOT

WIJKEN = {"centrum": "Centrum", "de_akkers": "De Akkers", "kleidorp": "Kleidorp"}
JAN, FEB, MRT = dt.date(2026, 1, 15), dt.date(2026, 2, 10), dt.date(2026, 3, 20)
VAN, TOT = dt.date(2026, 1, 1), dt.date(2026, 3, 31)


@pytest.fixture
def database_url(tmp_path):
    url = f"sqlite:///{tmp_path}/bot.db"
    db.upgrade(url)
    return url


@pytest.fixture
def sessions(database_url):
    return db.session_factory(database_url)


def voeg(session, aantal: int, soort: str, datum: dt.date, **categories) -> None:
    for _ in range(aantal):
        signalen.record(session, soort, wijken=WIJKEN, datum=datum, **categories)


def demo_module():
    """scripts/ is not a package: load the demo generator from its file."""
    spec = importlib.util.spec_from_file_location("demo_signalen", PROJECT_ROOT / "scripts" / "demo_signalen.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pytest_collection_modifyitems(items):
    # matplotlib 3.5 (pinned by Rasa) calls pyparsing names that newer pyparsing deprecates: not ours to fix.
    for item in items:
        if "rapportage" in item.nodeid:
            item.add_marker(pytest.mark.filterwarnings(r"ignore:'\w+' deprecated - use"))
