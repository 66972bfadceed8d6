"""The same schema, import and matching on PostgreSQL (the production profile's database).

Creates a database of its own on the local server and drops it afterwards. Without a reachable server
(a machine that only runs the embedded defaults) these tests are skipped with the reason.
"""
import os
import uuid

import pytest
from sqlalchemy import create_engine, select, text

from bot import db
from bot.config import load_settings
from bot.models import Signaal
from bot.netwerk import netwerk
from bot.netwerk.matching import Vraag, kies
from bot.signalen import signalen
from tests.conftest import differences

SERVER = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
WIJKEN = load_settings(environ={}).wijken


@pytest.fixture(scope="module")
def pg_url():
    admin = create_engine(SERVER, isolation_level="AUTOCOMMIT", future=True)
    try:
        with admin.connect() as conn:
            conn.execute(text("select 1"))
    except Exception as exc:  # noqa: BLE001 - any connection failure means: no server here
        pytest.skip(f"geen PostgreSQL op {SERVER}: {exc.__class__.__name__}")
    name = f"intakebot_test_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = SERVER.rsplit("/", 1)[0] + f"/{name}"
    yield url
    db.engine_for(url).dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_migrations_import_matching_and_signals_on_postgres(pg_url):
    db.upgrade(pg_url)
    db.upgrade(pg_url)  # idempotent
    sessions = db.session_factory(pg_url)
    assert netwerk.load_demo_if_empty(sessions, WIJKEN) == 25
    assert netwerk.load_demo_if_empty(sessions, WIJKEN) == 0
    with sessions() as session:
        records = netwerk.load_network(session)
    assert sorted(records, key=lambda r: r.sleutel) == sorted(netwerk.read_file(netwerk.DEMO_FILE, WIJKEN),
                                                               key=lambda r: r.sleutel)
    keuze = kies(records, Vraag("werk_inkomen", onderwerp="schulden", wijk="molenwijk"))
    assert 2 <= len(keuze.opties) <= 4 and keuze.beide_soorten
    writer = signalen.SignaalSchrijver(sessions, WIJKEN, anonimiseer=lambda t: t.replace("Jan", "[NAAM]"))
    writer.signaal("geen_match", levensdomein="jeugd", wijk="bosrijk", taalniveau="b1", kanaal="rest",
                   knelpunt="Jan vindt geen hulp")
    assert writer.flush(30)
    with sessions() as session:
        signal = session.execute(select(Signaal)).scalar_one()
    assert (signal.levensdomein, signal.wijk, signal.taalniveau, signal.uitkomst, signal.knelpunt) == (
        "jeugd", "bosrijk", "b1", "geen_match", "[NAAM] vindt geen hulp")


def test_a_write_that_fails_halfway_leaves_postgres_untouched(pg_url):
    """All or nothing also below the validation: a database error mid-import rolls everything back."""
    import dataclasses

    from sqlalchemy.exc import IntegrityError

    db.upgrade(pg_url)
    sessions = db.session_factory(pg_url)
    netwerk.load_demo_if_empty(sessions, WIJKEN)
    with sessions() as session:
        before = netwerk.load_network(session)
    changed = [dataclasses.replace(r, naam=r.naam + " (nieuw)") for r in before]
    clash = dataclasses.replace(changed[0], sleutel=changed[1].sleutel)  # two rows, one sleutel
    with pytest.raises(IntegrityError):
        with sessions() as session, session.begin():
            netwerk.replace_network(session, changed + [clash])
    with sessions() as session:
        after = netwerk.load_network(session)
    assert sorted(after, key=lambda r: r.sleutel) == sorted(before, key=lambda r: r.sleutel)


def test_the_migrations_build_exactly_the_models_on_postgres(pg_url):
    db.upgrade(pg_url)
    assert differences(pg_url) == []
