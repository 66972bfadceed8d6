"""Retention moves the clock (`now`) instead of waiting; Rasa's own SQL tracker store makes the events table."""
import datetime as dt

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from sqlalchemy import func, insert, select

from bot import db
from bot.config import load_settings
from bot.models import Overdracht, Toegangsregel, TranscriptRegel
from bot.overdracht import overdracht
from bot.overdracht.transcript import Regel
from bot.privacy import bewaren
from bot.privacy.gesprekken import EVENTS

NOW = dt.datetime(2026, 11, 24, 3, 0)


@pytest.fixture
def settings(tmp_path):
    s = load_settings(environ={"DATABASE_URL": f"sqlite:///{tmp_path}/bot.db",
                               "TRACKER_STORE_URL": f"sqlite:///{tmp_path}/tracker.db",
                               "MAIL_MAP": str(tmp_path / "mail")})
    db.upgrade(s.database_url)
    SQLTrackerStore(dialect="sqlite", db=str(tmp_path / "tracker.db"))  # Rasa creates its own table
    return s


def _conversation(settings, sender, days_ago):
    ts = (NOW - dt.timedelta(days=days_ago)).replace(tzinfo=dt.timezone.utc).timestamp()
    with db.engine_for(settings.tracker_store_url).begin() as conn:
        for offset in (0, 60):
            conn.execute(insert(SQLTrackerStore.SQLEvent.__table__).values(
                sender_id=sender, type_name="user", timestamp=ts - 3600 + offset, data="{}"))


def _senders(settings):
    with db.engine_for(settings.tracker_store_url).connect() as conn:
        return set(conn.scalars(select(EVENTS.c.sender_id).distinct()))


def _handover(settings, sender, status=None, done_days_ago=None):
    with db.session_factory(settings.database_url)() as s, s.begin():
        o = overdracht.maak(s, gesprek_id=sender, contact_manier="email", contact_gegeven="a@b.nl",
                            contact_moment=None, transcript=[Regel(NOW, "inwoner", "hoi")],
                            tijd=NOW - dt.timedelta(days=200))
        if status:
            o.status = status
            o.afgerond = NOW - dt.timedelta(days=done_days_ago)
        return o.referentie


def _access(settings, days_ago):
    t = NOW - dt.timedelta(days=days_ago)
    with db.session_factory(settings.database_url)() as s, s.begin():
        s.add(Toegangsregel(trace_id="a" * 32, span_id=f"{days_ago:016x}", name="transcript_inzien", start_time=t,
                            end_time=t, status_code="OK", resource_name="x", resource_version="1",
                            processing_activity_id="urn:x", data_subject_id="ref", data_subject_id_type="t",
                            gebruiker="anna", reden="overdracht"))


def test_retention_applies_each_period_and_keeps_what_is_still_needed(settings):
    _conversation(settings, "oud-zonder-overdracht", 31)
    _conversation(settings, "recent", 29)
    _conversation(settings, "oud-met-open-overdracht", 60)
    _handover(settings, "oud-met-open-overdracht")
    _conversation(settings, "afgerond-lang-geleden", 120)
    _handover(settings, "afgerond-lang-geleden", "afgerond", 91)
    _conversation(settings, "afgerond-kort-geleden", 120)
    _handover(settings, "afgerond-kort-geleden", "afgerond", 89)
    _handover(settings, "ingetrokken-lang-geleden", "ingetrokken", 91)
    _access(settings, 1826)
    _access(settings, 1824)

    counts = bewaren.purge(settings, now=NOW)

    assert _senders(settings) == {"recent", "oud-met-open-overdracht", "afgerond-kort-geleden"}
    with db.session_factory(settings.database_url)() as s:
        assert set(s.scalars(select(Overdracht.gesprek_id))) == {"oud-met-open-overdracht", "afgerond-kort-geleden"}
        assert s.scalar(select(func.count()).select_from(TranscriptRegel)) == 2  # deleted with their handover
        assert [r.start_time for r in s.scalars(select(Toegangsregel))] == [NOW - dt.timedelta(days=1824)]
    assert counts == {"gesprekken": 2, "overdrachten": 2, "toegangsregels": 1, "aanmeldpogingen": 0, "sessies": 0,
                      "mails": 0, "vragenlijsten": 0}


def test_a_handovers_mails_go_with_it_and_old_mail_files_too(settings):
    import os

    from bot.meldingen import meldingen
    from bot.models import Mail

    weg = _handover(settings, "afgerond-lang-geleden", "afgerond", 91)
    blijft = _handover(settings, "afgerond-kort-geleden", "afgerond", 89)
    with db.session_factory(settings.database_url)() as s, s.begin():
        for ref in (weg, blijft):
            meldingen.nieuwe_overdracht(s, settings, overdracht.vind(s, ref))
    settings.mail_folder.mkdir()
    oud, nieuw = settings.mail_folder / "oud.eml", settings.mail_folder / "nieuw.eml"
    for path, days in ((oud, 91), (nieuw, 89)):
        path.write_text("x")
        t = (NOW - dt.timedelta(days=days)).replace(tzinfo=dt.timezone.utc).timestamp()
        os.utime(path, (t, t))

    counts = bewaren.purge(settings, now=NOW)

    with db.session_factory(settings.database_url)() as s:
        assert [m.referentie for m in s.scalars(select(Mail))] == [blijft]
    assert not oud.exists() and nieuw.exists()
    assert counts["mails"] == 2


def test_a_second_run_finds_nothing_more_and_periods_come_from_the_settings(settings, tmp_path):
    _conversation(settings, "tien-dagen", 10)
    assert bewaren.purge(settings, now=NOW)["gesprekken"] == 0
    short = load_settings(environ={"DATABASE_URL": settings.database_url,
                                   "TRACKER_STORE_URL": settings.tracker_store_url,
                                   "BEWAARTERMIJN_GESPREK_DAGEN": "7"})
    assert bewaren.purge(short, now=NOW)["gesprekken"] == 1
    assert bewaren.purge(short, now=NOW)["gesprekken"] == 0


def _events(settings, sender, hours_ago, actions, slots=()):
    import json

    ts = (NOW - dt.timedelta(hours=hours_ago)).replace(tzinfo=dt.timezone.utc).timestamp()
    table = SQLTrackerStore.SQLEvent.__table__
    with db.engine_for(settings.tracker_store_url).begin() as conn:
        conn.execute(insert(table).values(sender_id=sender, type_name="user", timestamp=ts - 10, data="{}"))
        for name in actions:
            conn.execute(insert(table).values(sender_id=sender, type_name="action", action_name=name, timestamp=ts - 5,
                                              data=json.dumps({"event": "action", "name": name})))
        for name, value in slots:
            conn.execute(insert(table).values(sender_id=sender, type_name="slot", timestamp=ts - 4,
                                              data=json.dumps({"event": "slot", "name": name, "value": value})))


class _Recorder(list):
    def signaal(self, soort, **fields):
        self.append((soort, fields))


def test_abandoned_conversations_are_signalled_once_with_their_categories(settings):
    _events(settings, "afgehaakt", 3, ["action_beurt"],
            [("levensdomein", "wonen"), ("taalniveau", "b1"), ("levensdomein", "jeugd")])
    _events(settings, "keuze-gezien", 3, ["action_beurt"], [("levensdomein", "wonen"), ("uitkomst", "keuze")])
    _events(settings, "alleen-hallo", 3, ["action_beurt"])
    _events(settings, "nog-bezig", 0.5, ["action_beurt"], [("levensdomein", "wonen")])
    _events(settings, "te-oud", 24 * 5, ["action_beurt"], [("levensdomein", "wonen")])
    recorder = _Recorder()
    assert bewaren.signal_abandoned(settings, recorder, now=NOW) == 1
    assert recorder == [("afgebroken", {"levensdomein": "jeugd", "onderwerp": None, "taalniveau": "b1", "wijk": None,
                                        "doelgroep": None})]
    assert bewaren.signal_abandoned(settings, recorder, now=NOW) == 0  # counted once
    # an hour later the conversation that was still going is idle too
    assert bewaren.signal_abandoned(settings, recorder, now=NOW + dt.timedelta(hours=1)) == 1
