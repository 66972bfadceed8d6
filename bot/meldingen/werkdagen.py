"""Working days in the Netherlands: weekdays that are not a national public holiday (the `holidays`
library keeps the list, including Koningsdag's Sunday rule and Bevrijdingsdag in lustrum years)."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays


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
