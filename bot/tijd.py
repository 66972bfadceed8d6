"""Time as the database stores it (UTC without a zone: one home for "now", so tests can reason about it), and
time as people live it: Dutch calendar days and working days (weekdays that are not a national public holiday;
the `holidays` library keeps the list, including Koningsdag's Sunday rule and Bevrijdingsdag in lustrum years)."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays


def nu() -> dt.datetime:
    """Now in UTC, naive: every DateTime column holds UTC."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def lokale_dag(utc: dt.datetime) -> dt.date:
    """The Dutch calendar day of a stored UTC time: days and working days are counted as people live them."""
    return utc.replace(tzinfo=dt.timezone.utc).astimezone(AMSTERDAM).date()


@lru_cache(maxsize=16)
def _feestdagen(jaar: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("NL", years=jaar))


def is_werkdag(dag: dt.date) -> bool:
    return dag.weekday() < 5 and dag not in _feestdagen(dag.year)


def werkdagen_tussen(van: dt.date, tot: dt.date) -> int:
    """Working days after `van` up to and including `tot`: a handover on Friday has had one working day by
    Monday evening."""
    count, dag = 0, van
    while dag < tot:
        dag += dt.timedelta(days=1)
        count += is_werkdag(dag)
    return count


def na_werkdagen(van: dt.date, aantal: int) -> dt.date:
    """The day on which `aantal` working days after `van` have passed."""
    dag = van
    while aantal > 0:
        dag += dt.timedelta(days=1)
        aantal -= is_werkdag(dag)
    return dag
