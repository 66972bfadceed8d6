"""Time as the database stores it: UTC without a zone (one home for "now", so tests can reason about it)."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo


def nu() -> dt.datetime:
    """Now in UTC, naive: every DateTime column holds UTC."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def lokale_dag(utc: dt.datetime) -> dt.date:
    """The Dutch calendar day of a stored UTC time: days and working days are counted as people live them."""
    return utc.replace(tzinfo=dt.timezone.utc).astimezone(AMSTERDAM).date()
