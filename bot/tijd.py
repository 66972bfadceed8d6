"""Time as the database stores it: UTC without a zone (one home for "now", so tests can reason about it)."""
from __future__ import annotations

import datetime as dt


def nu() -> dt.datetime:
    """Now in UTC, naive: every DateTime column holds UTC."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
