"""Signals: only known categories and a scrubbed quote reach the table, written off the reply path."""
import datetime as dt
import threading

import pytest
from sqlalchemy import select

from bot import db
from bot.models import Signaal
from bot.signalen import signalen

WIJKEN = {"molenwijk": "Molenwijk", "bosrijk": "Bosrijk"}


@pytest.fixture
def sessions(tmp_path):
    url = f"sqlite:///{tmp_path}/s.db"
    db.upgrade(url)
    return db.session_factory(url)


def rows(sessions):
    with sessions() as session:
        return list(session.scalars(select(Signaal)))


def test_free_text_in_a_category_field_never_gets_through(sessions):
    writer = signalen.SignaalSchrijver(sessions, WIJKEN, anonimiseer=lambda t: t)
    writer.signaal("keuze", levensdomein="wonen", onderwerp="mijn buurman Piet", doelgroep="ouderen",
                   wijk="Kerkstraat 12", taalniveau="b1", kanaal="rest")
    assert writer.flush(30)
    [s] = rows(sessions)
    assert (s.soort, s.levensdomein, s.onderwerp, s.doelgroep, s.wijk, s.taalniveau, s.uitkomst, s.knelpunt) == (
        "keuze", "wonen", None, "ouderen", None, "b1", "gematcht", None)
    assert s.datum == dt.date.today()


def test_the_quote_is_scrubbed_in_the_background_and_only_the_scrubbed_text_is_stored(sessions):
    started, release = threading.Event(), threading.Event()

    def langzaam_anonimiseer(text):
        started.set()
        release.wait(10)
        return text.replace("Jan Jansen", "[NAAM]").replace("0612345678", "[TELEFOON]")

    writer = signalen.SignaalSchrijver(sessions, WIJKEN, anonimiseer=langzaam_anonimiseer)
    writer.signaal("levensdomein", levensdomein="werk_inkomen",
                   knelpunt="ik ben Jan Jansen\nbel 0612345678, ik snap de brief niet")
    assert started.wait(10) and rows(sessions) == []  # the caller did not wait for the scrubber
    release.set()
    assert writer.flush(30)
    [s] = rows(sessions)
    assert s.knelpunt == "ik ben [NAAM] bel [TELEFOON], ik snap de brief niet"


def test_without_a_scrubber_no_quote_is_stored_and_long_quotes_are_cut(sessions):
    plain = signalen.SignaalSchrijver(sessions, WIJKEN)
    plain.signaal("levensdomein", levensdomein="jeugd", knelpunt="mijn zoon Daan")
    long = signalen.SignaalSchrijver(sessions, WIJKEN, anonimiseer=lambda t: t)
    long.signaal("levensdomein", levensdomein="jeugd", knelpunt="x" * 1000)
    assert plain.flush(30) and long.flush(30)
    assert sorted(len(s.knelpunt or "") for s in rows(sessions)) == [0, signalen.KNELPUNT_MAX]


def test_a_signal_survives_a_database_that_is_briefly_unavailable(tmp_path):
    url = f"sqlite:///{tmp_path}/later.db"
    sessions = db.session_factory(url)  # no tables yet: every write fails
    writer = signalen.SignaalSchrijver(sessions, WIJKEN, retry_seconds=0.2)
    writer.signaal("crisis", levensdomein="wonen")
    assert not writer.flush(1)
    db.upgrade(url)  # the database comes back
    assert writer.flush(30)
    assert [(s.soort, s.uitkomst) for s in rows(sessions)] == [("crisis", "crisis")]


def test_unknown_kinds_are_refused_at_once():
    writer = signalen.SignaalSchrijver(None, WIJKEN)
    with pytest.raises(ValueError):
        writer.signaal("naam_van_inwoner")
