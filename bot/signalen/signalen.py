"""Anonymous signals for the gemeente's policy: categories and a day, never a person or free text.

Signals are recorded at the moments that matter (SOORTEN). The one free-text field, `knelpunt`, is
scrubbed by bot.privacy.anonimiseren before it is written. Writing happens in a background thread
(`SignaalSchrijver`), so neither scrubbing nor the database is ever on the inwoner's reply path.
"""
from __future__ import annotations

import datetime as dt
import logging
import queue
import threading
import time
from dataclasses import dataclass, field

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.gesprek.taalniveau import LEVELS
from bot.models import Signaal
from bot.tijd import lokale_dag, nu
from bot.vocabulaire import (
    ALLE_ONDERWERPEN,
    BEKEND_VIA,
    CHAT_KANALEN,
    CHAT_OORDELEN,
    DOELGROEPEN,
    DOORVERWIJZINGEN,
    UITKOMSTEN_OVERDRACHT,
    VERWIJZERS,
    Levensdomein,
)
from bot.vocabulaire import KANALEN as REGISTRATIE_KANALEN
from bot.vocabulaire import SOORTEN as MEEDENKER_SOORTEN

log = logging.getLogger(__name__)

# The kinds of signal, and the outcome each one stands for in the reports (None: no outcome of its own).
LEVENSDOMEIN, KEUZE, GEEN_MATCH, OVERDRACHT = "levensdomein", "keuze", "geen_match", "overdracht"
CRISIS, MEDEWERKER, AFGEBROKEN = "crisis", "medewerker", "afgebroken"
AFGESLOTEN = "afgesloten"  # a handover was closed; its outcome (vocabulaire.UITKOMSTEN_OVERDRACHT) is in `uitkomst`
# Chat feedback: "Heeft dit gesprek u geholpen?" (vocabulaire.CHAT_OORDELEN) in `uitkomst`, "Hoe kent u ons?" in
# `bekend_via`, and "wat kan beter?" scrubbed in `knelpunt`.
MENING = "mening"
SOORTEN: dict[str, str | None] = {LEVENSDOMEIN: None, KEUZE: "gematcht", GEEN_MATCH: "geen_match",
                                  OVERDRACHT: "overdracht", CRISIS: "crisis", MEDEWERKER: "doorverwezen",
                                  AFGEBROKEN: "afgebroken", AFGESLOTEN: None, MENING: None}
UITKOMSTEN = {"gematcht": "Meedenkers gevonden", "geen_match": "Geen meedenker (gat in het netwerk)",
              "overdracht": "Warme overdracht", "crisis": "Crisis", "doorverwezen": "Verwezen naar een mens",
              "afgebroken": "Afgebroken"}
KANALEN = CHAT_KANALEN | set(REGISTRATIE_KANALEN)
KNELPUNT_MAX = 200
MENING_MAX = 500  # "wat kan beter?" may say more than a first message's quote


def tekst_max(soort: str) -> int:
    return MENING_MAX if soort == MENING else KNELPUNT_MAX


def _only(value: str | None, allowed) -> str | None:
    """Keep a value only when it is one of the known categories: free text never gets through."""
    return value if value in allowed else None


def record(session: Session, soort: str, *, levensdomein: str | None = None, onderwerp: str | None = None,
           doelgroep: str | None = None, wijk: str | None = None, wijken: dict[str, str] | None = None,
           taalniveau: str | None = None, kanaal: str | None = None, knelpunt: str | None = None,
           datum: dt.date | None = None, verwijzer: str | None = None, uitkomst: str | None = None,
           doorverwezen_naar: str | None = None, meedenker_soort: str | None = None, via_soort: str | None = None,
           werkdagen_tot_contact: int | None = None, bekend_via: str | None = None) -> Signaal:
    """Write one signal. `knelpunt` must already be scrubbed (SignaalSchrijver does that). `uitkomst` and the
    fields after it belong to AFGESLOTEN signals only."""
    if soort not in SOORTEN:
        raise ValueError(f"onbekende signaalsoort {soort!r}")
    if soort == AFGESLOTEN and uitkomst not in UITKOMSTEN_OVERDRACHT:
        raise ValueError(f"onbekende uitkomst {uitkomst!r}")
    if soort == MENING and uitkomst not in CHAT_OORDELEN:
        raise ValueError(f"onbekend oordeel {uitkomst!r}")
    if soort not in (AFGESLOTEN, MENING):
        uitkomst = SOORTEN[soort]
    signaal = Signaal(
        datum=datum or lokale_dag(nu()), soort=soort,
        levensdomein=_only(levensdomein, {d.value for d in Levensdomein}),
        onderwerp=_only(onderwerp, ALLE_ONDERWERPEN), doelgroep=_only(doelgroep, DOELGROEPEN),
        wijk=_only(wijk, wijken or {}), taalniveau=_only(taalniveau, LEVELS),
        kanaal=_only(kanaal, KANALEN), uitkomst=uitkomst, verwijzer=_only(verwijzer, VERWIJZERS),
        doorverwezen_naar=_only(doorverwezen_naar, DOORVERWIJZINGEN),
        meedenker_soort=_only(meedenker_soort, MEEDENKER_SOORTEN), via_soort=_only(via_soort, MEEDENKER_SOORTEN),
        bekend_via=_only(bekend_via, BEKEND_VIA),
        werkdagen_tot_contact=werkdagen_tot_contact if isinstance(werkdagen_tot_contact, int) and werkdagen_tot_contact >= 0
        else None,
        knelpunt=(knelpunt or None) and knelpunt[:tekst_max(soort)],
    )
    session.add(signaal)
    return signaal


@dataclass
class _Pending:
    soort: str
    categories: dict
    raw_knelpunt: str | None = None
    knelpunt: str | None = None  # scrubbed
    attempts: int = 0
    datum: dt.date = field(default_factory=lambda: lokale_dag(nu()))  # the gemeente's day, not the server's


class SignaalSchrijver:
    """Scrubs and writes signals in a background thread; the action only puts them on a queue.

    Unscrubbed text lives only in this process's memory until it is scrubbed. When the database is
    unavailable, signals are kept and retried (with a bounded queue, so memory cannot run away).
    """

    def __init__(self, session_factory, wijken: dict[str, str], anonimiseer=None, max_queue: int = 10_000,
                 retry_seconds: float = 5.0, warm_up=None):
        self._sessions = session_factory
        self._wijken = wijken
        self._anonimiseer = anonimiseer
        self._queue: queue.Queue[_Pending] = queue.Queue(maxsize=max_queue)
        self._retry_seconds = retry_seconds
        self._idle = threading.Event()
        self._idle.set()
        self._warm_up = warm_up
        self._thread = threading.Thread(target=self._run, name="signalen", daemon=True)
        self._thread.start()

    def signaal(self, soort: str, *, knelpunt: str | None = None, **categories) -> None:
        if soort not in SOORTEN:
            raise ValueError(f"onbekende signaalsoort {soort!r}")
        try:
            self._idle.clear()
            self._queue.put_nowait(_Pending(soort, categories, knelpunt))
        except queue.Full:
            log.warning("signal queue full: signal %s dropped", soort)

    def flush(self, timeout: float = 30.0) -> bool:
        """Wait until every queued signal is written (tests, shutdown)."""
        return self._idle.wait(timeout)

    def _scrubbed(self, text: str | None) -> str | None:
        if not text or self._anonimiseer is None:
            return None  # without a scrubber, no free text at all
        return self._anonimiseer(text.replace("\n", " ").strip())[:MENING_MAX] or None

    def _run(self) -> None:
        if self._warm_up is not None:
            try:
                self._warm_up()  # load the scrubber here, not on an inwoner's first message
            except Exception:
                log.exception("warming up the scrubber failed; knelpunten are left out")
                self._anonimiseer = None
        while True:
            item = self._queue.get()
            try:
                if item.raw_knelpunt is not None:
                    item.knelpunt = self._scrubbed(item.raw_knelpunt)
                    item.raw_knelpunt = None  # the raw text is not kept a moment longer than needed
                with self._sessions() as session, session.begin():
                    record(session, item.soort, wijken=self._wijken, knelpunt=item.knelpunt, datum=item.datum,
                           **item.categories)
            except SQLAlchemyError:
                item.attempts += 1
                log.warning("signal not written (attempt %d), will retry", item.attempts, exc_info=True)
                time.sleep(self._retry_seconds)
                try:
                    self._queue.put_nowait(item)
                except queue.Full:
                    log.warning("signal queue full: signal %s dropped", item.soort)
            except Exception:
                log.exception("signal %s could not be recorded", item.soort)
            finally:
                self._queue.task_done()
                if self._queue.unfinished_tasks == 0:
                    self._idle.set()
