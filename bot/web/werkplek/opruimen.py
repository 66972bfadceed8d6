"""Maintenance inside the workspace process, for as long as it runs: retention once a day, and every hour
an `afgebroken` signal for conversations that stopped without an outcome."""
from __future__ import annotations

import logging
import threading
import time

from bot.config import Settings

log = logging.getLogger("werkplek.bewaren")
UUR = 3600
DAG = 24 * UUR


def start(settings: Settings, interval: float = DAG, stop: threading.Event | None = None,
          tick: float = UUR) -> threading.Thread:
    """Run bot.privacy.bewaren.purge now and then every `interval` seconds, the abandonment check every `tick`."""
    from bot import db
    from bot.privacy import bewaren
    from bot.signalen import signalen

    stop = stop or threading.Event()
    schrijver = signalen.SignaalSchrijver(db.session_factory(settings.database_url), settings.wijken)

    def run() -> None:
        last_purge = None
        while True:
            if last_purge is None or time.monotonic() - last_purge >= interval:
                last_purge = time.monotonic()
                try:
                    bewaren.purge(settings)  # logs its own counts
                except Exception:  # one failed run must not end the daily schedule
                    log.exception("Opschonen volgens de bewaartermijnen is mislukt; volgende poging over 24 uur.")
            try:
                bewaren.signal_abandoned(settings, schrijver)
            except Exception:
                log.exception("Afgebroken gesprekken tellen is mislukt; volgende poging over een uur.")
            if stop.wait(min(tick, interval)):
                return

    thread = threading.Thread(target=run, name="werkplek-bewaren", daemon=True)
    thread.start()
    return thread
