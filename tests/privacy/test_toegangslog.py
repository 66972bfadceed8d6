import datetime as dt
import re

from bot import db
from bot.privacy import toegangslog
from tests.conftest import make_settings


def test_record_has_the_logboek_dataverwerkingen_fields(tmp_path):
    settings = make_settings(tmp_path)
    db.upgrade(settings.database_url)
    start = dt.datetime(2025, 3, 1, 12, 0)
    with db.session_factory(settings.database_url)() as session:
        for ref in ("ref-1", "ref-2"):
            toegangslog.schrijf(session, processing_activity_id="urn:test:activiteit", referentie=ref,
                                gebruiker="coord", name=toegangslog.TRANSCRIPT_INZIEN, reden="test", start=start,
                                end=start + dt.timedelta(milliseconds=5))
        session.commit()
        [regel] = toegangslog.voor_overdracht(session, "ref-1")
    assert re.fullmatch(r"[0-9a-f]{32}", regel.trace_id) and re.fullmatch(r"[0-9a-f]{16}", regel.span_id)
    assert (regel.status_code, regel.resource_name) == ("OK", "intakebot-werkplek")
    assert regel.resource_version
    assert (regel.data_subject_id, regel.data_subject_id_type) == ("ref-1", "overdracht-referentie")
    assert regel.processing_activity_id == "urn:test:activiteit"
    assert regel.start_time == start < regel.end_time
