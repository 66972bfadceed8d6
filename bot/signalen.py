"""Anonymous signals for the gemeente's policy: categories and a day, never a person or free text."""
from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from bot.levensdomein import Levensdomein
from bot.models import Signaal
from bot.vocabulaire import ALLE_ONDERWERPEN, DOELGROEPEN

GEEN_MATCH = "geen_match"
SOORTEN = {GEEN_MATCH}


def _only(value: str | None, allowed) -> str | None:
    """Keep a value only when it is one of the known categories: free text never gets through."""
    return value if value in allowed else None


def record(session: Session, soort: str, *, levensdomein: str | None = None, onderwerp: str | None = None,
           doelgroep: str | None = None, wijk: str | None = None, wijken: dict[str, str] | None = None,
           taalniveau: str | None = None, kanaal: str | None = None, uitkomst: str | None = None,
           datum: dt.date | None = None) -> Signaal:
    if soort not in SOORTEN:
        raise ValueError(f"onbekende signaalsoort {soort!r}")
    signaal = Signaal(
        datum=datum or dt.date.today(), soort=soort,
        levensdomein=_only(levensdomein, {d.value for d in Levensdomein}),
        onderwerp=_only(onderwerp, ALLE_ONDERWERPEN), doelgroep=_only(doelgroep, DOELGROEPEN),
        wijk=_only(wijk, wijken or {}), taalniveau=_only(taalniveau, {"standaard", "b1"}),
        kanaal=_only(kanaal, {"rest", "socketio", "web", "terminal"}), uitkomst=uitkomst,
    )
    session.add(signaal)
    return signaal


def geen_match(session_factory, vraag, *, wijken: dict[str, str], taalniveau: str | None,
               kanaal: str | None) -> None:
    """The hook for 'the network had nobody for this question' (a gap in the network)."""
    with session_factory() as session, session.begin():
        record(session, GEEN_MATCH, levensdomein=vraag.levensdomein, onderwerp=vraag.onderwerp,
               doelgroep=vraag.doelgroep, wijk=vraag.wijk, wijken=wijken, taalniveau=taalniveau,
               kanaal=kanaal)
