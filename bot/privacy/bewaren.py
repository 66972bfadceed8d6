"""Retention, enforced by code (`bot purge`, and daily while the workspace runs).

- conversations without an open handover leave the tracker store after BEWAARTERMIJN_GESPREK_DAGEN;
- handovers (transcript, contact details, history) are deleted BEWAARTERMIJN_OVERDRACHT_DAGEN after
  they were done or withdrawn, together with their conversation in the tracker store;
- access records are deleted after BEWAARTERMIJN_TOEGANGSLOG_DAGEN; sign-in attempts after 90 days;
  ended workspace sessions (idle or too old) at once.
"""
from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import delete, select

from bot import db
from bot.config import Settings
from bot.models import Aanmeldpoging, Mail, Overdracht, Toegangsregel
from bot.overdracht import vragenlijst
from bot.overdracht.overdracht import AFGEROND, INGETROKKEN
from bot.privacy import accounts, gesprekken
from bot.signalen import signalen
from bot.tijd import nu

log = logging.getLogger("bewaren")
AANMELDPOGINGEN_DAGEN = 90


def purge(settings: Settings, now: dt.datetime | None = None) -> dict[str, int]:
    now = now or nu()
    sessions = db.session_factory(settings.database_url)
    tracker = db.engine_for(settings.tracker_store_url)
    counts = {"gesprekken": 0, "overdrachten": 0, "toegangsregels": 0, "aanmeldpogingen": 0, "sessies": 0,
              "mails": 0, "vragenlijsten": 0}

    with sessions() as session, session.begin():
        done_before = now - dt.timedelta(days=settings.bewaartermijn_overdracht_dagen)
        expired = list(session.scalars(select(Overdracht).where(
            Overdracht.status.in_((AFGEROND, INGETROKKEN)),
            Overdracht.afgerond.is_not(None), Overdracht.afgerond < done_before)))
        expired_ids = {o.gesprek_id for o in expired}
        # A handover's mails (who was told, and when) go with it.
        counts["mails"] = session.execute(delete(Mail).where(
            Mail.referentie.in_([o.referentie for o in expired]))).rowcount if expired else 0
        for o in expired:
            session.delete(o)
        counts["overdrachten"] = len(expired)
        session.flush()
        # Conversations a handover still needs stay in the tracker store while the handover exists.
        kept = set(session.scalars(select(Overdracht.gesprek_id)))

        counts["toegangsregels"] = session.execute(delete(Toegangsregel).where(
            Toegangsregel.start_time < now - dt.timedelta(days=settings.bewaartermijn_toegangslog_dagen))).rowcount
        counts["aanmeldpogingen"] = session.execute(delete(Aanmeldpoging).where(
            Aanmeldpoging.tijd < now - dt.timedelta(days=AANMELDPOGINGEN_DAGEN))).rowcount
        counts["sessies"] = accounts.verwijder_verlopen_sessies(session, now)
        counts["vragenlijsten"] = vragenlijst.verwijder_verlopen(session, now)  # unused invitations past their date

    stale = gesprekken.stale_conversations(
        tracker, now - dt.timedelta(days=settings.bewaartermijn_gesprek_dagen))
    for sender_id in set(stale) - kept | (expired_ids - kept):
        if gesprekken.verwijder(tracker, sender_id):
            counts["gesprekken"] += 1
    counts["mails"] += _mailbestanden(settings, now)
    log.info("bewaartermijnen toegepast: %s", counts)
    return counts


def _mailbestanden(settings: Settings, now: dt.datetime) -> int:
    """Without a mail server, mails are files (MAIL_MAP): they are kept as long as a handover is."""
    folder = settings.mail_folder
    if not folder.is_dir():
        return 0
    before = (now - dt.timedelta(days=settings.bewaartermijn_overdracht_dagen)).replace(
        tzinfo=dt.timezone.utc).timestamp()
    removed = 0
    for path in folder.glob("*.eml"):
        if path.stat().st_mtime < before:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def signal_abandoned(settings: Settings, schrijver, now: dt.datetime | None = None,
                     idle: dt.timedelta = dt.timedelta(hours=1)) -> int:
    """Record an `afgebroken` signal for each conversation that recognised a question and then stopped
    without an outcome. Run hourly; looks back two days so a missed run loses nothing."""
    now = now or nu()
    found = gesprekken.abandoned_conversations(db.engine_for(settings.tracker_store_url),
                                                   idle_since=now - idle, not_before=now - dt.timedelta(days=2))
    for slots in found:
        schrijver.signaal(signalen.AFGEBROKEN, **{k: slots.get(k) for k in
                                           ("levensdomein", "onderwerp", "taalniveau", "wijk", "doelgroep")})
    return len(found)
