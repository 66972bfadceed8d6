"""A meedenker's availability as set in the workspace (bot.netwerk.beschikbaarheid), and the network as the chat
sees it: NetworkCache.get applies availability on every call, without reloading the network."""
import datetime as dt
import os
import time
from contextlib import contextmanager
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot import db
from bot.config import load_settings
from bot.models import Beschikbaarheid
from bot.netwerk import beschikbaarheid, netwerk
from bot.netwerk.beschikbaarheid import BeschikbaarheidFout, Stand
from bot.tijd import lokale_dag, nu

VANDAAG = dt.date(2026, 6, 15)


@pytest.fixture
def sessions(tmp_path):
    url = f"sqlite:///{tmp_path}/b.db"
    db.upgrade(url)
    return db.session_factory(url)


def _zet(sessions, sleutel="vml-anna", afwezig_tot=None, geen_nieuwe=False, door="anna", vandaag=VANDAAG):
    with sessions() as session, session.begin():
        return beschikbaarheid.zet(session, sleutel, afwezig_tot=afwezig_tot, geen_nieuwe=geen_nieuwe, door=door,
                                   vandaag=vandaag)


def _weg(sessions, vandaag=VANDAAG):
    with sessions() as session:
        return beschikbaarheid.niet_beschikbaar(session, vandaag)


def _stand(sessions, sleutel="vml-anna"):
    with sessions() as session:
        return beschikbaarheid.stand(session, sleutel)


def test_nobody_is_away_until_someone_says_so(sessions):
    assert _stand(sessions) == Stand() and Stand().beschikbaar(VANDAAG)
    assert _weg(sessions) == set()
    with sessions() as session:
        assert beschikbaarheid.alle(session) == {}


def test_away_until_today_counts_as_away_and_until_yesterday_not(sessions):
    _zet(sessions, afwezig_tot=VANDAAG)
    assert _weg(sessions, VANDAAG) == {"vml-anna"}
    assert not _stand(sessions).beschikbaar(VANDAAG)
    # The next day, "until" is yesterday: she is back.
    morgen = VANDAAG + dt.timedelta(days=1)
    assert _weg(sessions, morgen) == set()
    assert _stand(sessions).beschikbaar(morgen)
    assert Stand(afwezig_tot=VANDAAG - dt.timedelta(days=1)).beschikbaar(VANDAAG)
    assert not Stand(afwezig_tot=VANDAAG + dt.timedelta(days=30)).beschikbaar(VANDAAG)


def test_no_new_inwoners_counts_whatever_the_date(sessions):
    _zet(sessions, geen_nieuwe=True)
    for dag in (VANDAAG, VANDAAG + dt.timedelta(days=400)):
        assert _weg(sessions, dag) == {"vml-anna"}
    assert not _stand(sessions).beschikbaar(VANDAAG)


def test_away_until_a_past_date_is_refused_and_changes_nothing(sessions):
    _zet(sessions, geen_nieuwe=True)
    gisteren = VANDAAG - dt.timedelta(days=1)
    with pytest.raises(BeschikbaarheidFout) as fout:
        _zet(sessions, afwezig_tot=gisteren)
    assert str(fout.value).startswith("'Afwezig tot en met' (14-06-2026) ligt in het verleden.")
    assert _stand(sessions) == Stand(None, True)


def test_more_than_a_year_ahead_is_refused(sessions):
    with pytest.raises(BeschikbaarheidFout, match="meer dan een jaar vooruit"):
        _zet(sessions, afwezig_tot=VANDAAG + dt.timedelta(days=367))
    assert _stand(sessions) == Stand()
    _zet(sessions, afwezig_tot=VANDAAG + dt.timedelta(days=366))  # a year (of 366 days) is still fine
    assert _stand(sessions) == Stand(VANDAAG + dt.timedelta(days=366), False)


def test_setting_again_replaces_the_one_row_and_records_who(sessions):
    _zet(sessions, afwezig_tot=VANDAAG + dt.timedelta(days=3), door="anna")
    _zet(sessions, geen_nieuwe=True, door="coord")
    _zet(sessions, "smd-marloes", afwezig_tot=VANDAAG, door="coord")
    with sessions() as session:
        rows = {r.sleutel: r for r in session.scalars(select(Beschikbaarheid))}
        assert (rows["vml-anna"].afwezig_tot, rows["vml-anna"].geen_nieuwe, rows["vml-anna"].door) == (
            None, True, "coord")
        assert rows["vml-anna"].gewijzigd is not None
        assert beschikbaarheid.alle(session) == {"vml-anna": Stand(None, True),
                                                 "smd-marloes": Stand(VANDAAG, False)}
    _zet(sessions, door="anna")  # both cleared: available again
    assert _weg(sessions) == {"smd-marloes"}


# --- the network as the chat reads it ---------------------------------------------------------------------

@pytest.fixture
def demo(sessions):
    netwerk.load_demo_if_empty(sessions, load_settings(environ={}).wijken)
    return sessions


def _neemt(records):
    return {r.sleutel: r.neemt_nieuwe_inwoners for r in records}


def test_network_cache_applies_availability_on_every_call(demo):
    vandaag = lokale_dag(nu())
    cache = netwerk.NetworkCache(demo, ttl=3600, clock=lambda: 0.0)  # never refreshes the network itself
    first = _neemt(cache.get())
    assert first["vml-anna"] and first["smd-marloes"]
    in_file = {k for k, v in first.items() if not v}  # "neemt_nieuwe_inwoners: nee" in the network file

    _zet(demo, "vml-anna", geen_nieuwe=True, vandaag=vandaag)
    _zet(demo, "smd-marloes", afwezig_tot=vandaag + dt.timedelta(days=2), vandaag=vandaag)
    now = _neemt(cache.get())
    assert not now["vml-anna"] and not now["smd-marloes"]
    assert {k for k, v in now.items() if not v} == in_file | {"vml-anna", "smd-marloes"}

    _zet(demo, "vml-anna", vandaag=vandaag)
    _zet(demo, "smd-marloes", vandaag=vandaag)
    assert _neemt(cache.get()) == first  # cleared: offered again, and the cached network itself was not changed


def test_clearing_availability_does_not_overrule_the_network_file(demo):
    cache = netwerk.NetworkCache(demo, ttl=0)
    niet = sorted(k for k, v in _neemt(cache.get()).items() if not v)
    assert niet, "the demo network has meedenkers who take no new inwoners"
    _zet(demo, niet[0], vandaag=lokale_dag(nu()))
    assert _neemt(cache.get())[niet[0]] is False


@contextmanager
def _tijdzone(naam):
    old = os.environ.get("TZ")
    os.environ["TZ"] = naam
    time.tzset()
    try:
        yield
    finally:
        if old is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = old
        time.tzset()


def test_the_chat_uses_the_gemeentes_calendar_day_like_the_workspace(demo):
    vandaag = lokale_dag(nu())
    # A server clock whose calendar day differs from Lindeveld's right now (UTC-12 in the morning, UTC+14 later).
    zone = next(z for z in ("Etc/GMT+12", "Etc/GMT-14") if dt.datetime.now(ZoneInfo(z)).date() != vandaag)
    _zet(demo, "vml-anna", afwezig_tot=vandaag, vandaag=vandaag)  # away today, by the workspace
    _zet(demo, "smd-marloes", afwezig_tot=vandaag - dt.timedelta(days=1),
         vandaag=vandaag - dt.timedelta(days=1))  # back today, by the workspace
    with _tijdzone(zone):
        neemt = _neemt(netwerk.NetworkCache(demo, ttl=0).get())
    assert (neemt["vml-anna"], neemt["smd-marloes"]) == (False, True)
