"""Access records for personal data in the workspace, after the fields of Logboek Dataverwerkingen (Logius).

One record per handling: viewing a transcript and viewing contact details are separate spans of one trace
(the page view), so a later request "who saw my contact details" can be answered exactly.
"""
from __future__ import annotations

import datetime as dt
import secrets
from functools import lru_cache
from importlib import metadata

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.models import Toegangsregel
from bot.tijd import nu as _now

RESOURCE_NAME = "intakebot-werkplek"
SUBJECT_TYPE = "overdracht-referentie"
DISTRIBUTION = "intakebot-clientondersteuning"  # the name in pyproject.toml
OK = "OK"
ERROR = "ERROR"

# Handlings and their Dutch description for the access log page.
TRANSCRIPT_INZIEN = "transcript_inzien"
CONTACT_INZIEN = "contactgegevens_inzien"
# Opened without the conversation and contact details (a meedenker before accepting, a withdrawn handover): the
# categories alone can point at someone in a small wijk, so this view is recorded too.
CATEGORIEEN_INZIEN = "categorieen_inzien"
GEWEIGERD = "toegang_geweigerd"  # someone without the right asked for it; nothing was shown (status ERROR)
HANDELINGEN = {TRANSCRIPT_INZIEN: "Gesprek ingezien", CONTACT_INZIEN: "Contactgegevens ingezien",
               CATEGORIEEN_INZIEN: "Overdracht ingezien zonder gesprek en contactgegevens",
               GEWEIGERD: "Geweigerd: geen toegang"}


@lru_cache(maxsize=1)
def resource_version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "dev"


def nieuwe_trace() -> str:
    return secrets.token_hex(16)


def schrijf(session: Session, *, processing_activity_id: str, referentie: str, gebruiker: str, name: str,
            reden: str, start: dt.datetime, end: dt.datetime | None = None, trace_id: str | None = None,
            status: str = OK) -> Toegangsregel:
    regel = Toegangsregel(
        trace_id=trace_id or nieuwe_trace(), span_id=secrets.token_hex(8), name=name,
        start_time=start, end_time=end or _now(), status_code=status,
        resource_name=RESOURCE_NAME, resource_version=resource_version(),
        processing_activity_id=processing_activity_id,
        data_subject_id=referentie, data_subject_id_type=SUBJECT_TYPE,
        gebruiker=gebruiker, reden=reden)
    session.add(regel)
    return regel


def voor_overdracht(session: Session, referentie: str) -> list[Toegangsregel]:
    """The records about one handover, newest first."""
    return list(session.scalars(
        select(Toegangsregel)
        .where(Toegangsregel.data_subject_id == referentie, Toegangsregel.data_subject_id_type == SUBJECT_TYPE)
        .order_by(Toegangsregel.start_time.desc(), Toegangsregel.id.desc())))
