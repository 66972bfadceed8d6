"""Feedback on the chat ("Mening geven") as the REST channel takes it, without starting Rasa: the checks, one
feedback per conversation, and one `mening` signal written by the channel's own SignaalSchrijver with the real
anonymiser. tests/e2e/test_mening.py sends the same through a running Rasa server."""
from __future__ import annotations

import asyncio
import datetime as dt
import json
import uuid

import pytest
from sqlalchemy import select

from bot import db
from bot.models import Signaal
from bot.rasa_adapters import channel
from bot.signalen import signalen
from bot.tijd import lokale_dag, nu
from tests.conftest import make_settings

NAME, PHONE = "Fatima de Vries", "06 12345678"
TEXT = f"Mevrouw {NAME} was heel aardig, maar bel mij liever op {PHONE}. De knoppen waren duidelijk."


@pytest.fixture(autouse=True)
def chat_geheim(monkeypatch):
    monkeypatch.setattr(channel, "_chat_geheim", lambda: b"k" * 48)


@pytest.fixture
def settings(tmp_path, monkeypatch):
    settings = make_settings(tmp_path)
    db.upgrade(settings.database_url)
    monkeypatch.setattr(channel, "_settings", lambda: settings)  # the writer the channel makes uses these
    return settings


def new_sender() -> str:
    return f"web-{uuid.uuid4().hex}"


def request(sender: str, key: str | None = "goed", **answers) -> channel.Verzoek:
    body = {"sender": sender, "sleutel": channel.sleutel(sender) if key == "goed" else key, **answers}
    verzoek = channel.lees_verzoek(json.dumps(body).encode())
    assert verzoek is not None
    return verzoek


def signals(settings) -> list[Signaal]:
    with db.new_session(settings.database_url) as session:
        return list(session.scalars(select(Signaal).order_by(Signaal.id)))


class Spy:
    """Stands in for the SignaalSchrijver where only what reaches it matters."""

    def __init__(self):
        self.calls = []

    def signaal(self, soort, **fields):
        self.calls.append((soort, fields))


def test_valid_feedback_becomes_one_anonymous_signal_with_its_text_scrubbed(settings):
    meningen = channel.Meningen(gesprek_bestaat=lambda sender: True)  # the writer: the channel's own, lazily
    sender = new_sender()
    status, text = meningen.ontvang(request(sender, oordeel="een_beetje", bekend_via="huisarts",
                                            tekst=TEXT, taalniveau="b1"))
    assert (status, text) == (200, "Dank u wel! Zo maken wij de chat beter.")
    assert meningen.schrijver().flush(60)
    [s] = signals(settings)
    assert (s.soort, s.uitkomst, s.bekend_via, s.taalniveau, s.kanaal) == (
        signalen.MENING, "een_beetje", "huisarts", "b1", "rest")
    assert type(s.datum) is dt.date and s.datum == lokale_dag(nu())  # a day, no time
    assert "[NAAM]" in s.knelpunt and "[TELEFOON]" in s.knelpunt, s.knelpunt
    for piece in ("Fatima", "Vries", "12345678"):
        assert piece not in s.knelpunt
    assert "De knoppen waren duidelijk." in s.knelpunt  # the rest of what was said stays
    values = " ".join(str(v) for v in vars(s).values())
    assert sender not in values and sender[4:] not in values and channel.sleutel(sender) not in values
    assert (s.levensdomein, s.onderwerp, s.wijk, s.doelgroep) == (None, None, None, None)


def test_only_the_oordeel_is_needed(settings):
    spy = Spy()
    meningen = channel.Meningen(schrijver=spy, gesprek_bestaat=lambda sender: True)
    for extra in ({}, {"bekend_via": None, "tekst": None}, {"bekend_via": "", "tekst": "   "}):
        assert meningen.ontvang(request(new_sender(), oordeel="ja", **extra)) == (
            200, "Dank u wel voor uw mening. Daarmee maken wij de chat beter.")
    assert spy.calls == [("mening", {"knelpunt": None, "uitkomst": "ja", "bekend_via": None,
                                     "taalniveau": "standaard", "kanaal": "rest"})] * 3


@pytest.mark.parametrize("answers, reason", [
    ({}, "Heeft dit gesprek u geholpen?"),
    ({"oordeel": "misschien"}, "Heeft dit gesprek u geholpen?"),
    ({"oordeel": "Ja"}, "Heeft dit gesprek u geholpen?"),  # the key, not the label
    ({"oordeel": ["ja"]}, "Heeft dit gesprek u geholpen?"),
    ({"oordeel": "ja", "bekend_via": "Via de huisarts"}, "Hoe kent u ons?"),
    ({"oordeel": "ja", "bekend_via": "mijn buurman Piet"}, "Hoe kent u ons?"),
    ({"oordeel": "ja", "bekend_via": {"x": 1}}, "Hoe kent u ons?"),
    ({"oordeel": "ja", "tekst": ["lijst"]}, "Deze mening kon ik niet lezen"),
])
def test_answers_outside_the_vocabularies_are_refused_with_a_dutch_reason(answers, reason):
    spy = Spy()
    meningen = channel.Meningen(schrijver=spy, gesprek_bestaat=lambda sender: True)
    status, text = meningen.ontvang(request(new_sender(), **answers))
    assert status == 400 and reason in text
    assert spy.calls == []


@pytest.mark.parametrize("key", [None, "", "0" * 64, "wrong"])
def test_without_the_conversations_key_nothing_is_stored(key):
    spy = Spy()
    asked = []
    meningen = channel.Meningen(schrijver=spy, gesprek_bestaat=asked.append)
    sender = new_sender()
    status, text = meningen.ontvang(request(sender, key=key, oordeel="ja"))
    assert status == 403 and "niet bewaard" in text
    assert spy.calls == [] and asked == []  # refused before even asking the conversation store
    almost = channel.sleutel(sender)[:-1] + ("0" if channel.sleutel(sender)[-1] != "0" else "1")
    assert meningen.ontvang(request(sender, key=almost, oordeel="ja"))[0] == 403


def test_a_key_for_a_conversation_that_does_not_exist_is_refused_and_a_broken_store_gets_503():
    spy = Spy()
    assert channel.Meningen(schrijver=spy, gesprek_bestaat=lambda s: False).ontvang(
        request(new_sender(), oordeel="ja"))[0] == 403

    def broken(sender):
        raise OSError("database weg")

    status, text = channel.Meningen(schrijver=spy, gesprek_bestaat=broken).ontvang(request(new_sender(), oordeel="ja"))
    assert status == 503 and "storing" in text
    assert spy.calls == []


def test_one_feedback_per_conversation_a_day():
    spy = Spy()
    day = [dt.date(2026, 3, 2)]
    meningen = channel.Meningen(schrijver=spy, gesprek_bestaat=lambda s: True, vandaag=lambda: day[0])
    sender, other = new_sender(), new_sender()
    assert meningen.ontvang(request(sender, oordeel="ja"))[0] == 200
    status, text = meningen.ontvang(request(sender, oordeel="nee", tekst="toch niet", taalniveau="b1"))
    assert (status, text) == (409, "U gaf uw mening al. Dank u wel!")
    assert meningen.ontvang(request(other, oordeel="nee"))[0] == 200  # another conversation is not affected
    # A refused (invalid) feedback does not use up the conversation's turn.
    third = new_sender()
    assert meningen.ontvang(request(third, oordeel="?"))[0] == 400
    assert meningen.ontvang(request(third, oordeel="ja"))[0] == 200
    assert [c[1]["uitkomst"] for c in spy.calls] == ["ja", "nee", "ja"]
    # What is remembered holds no sender id, and starts empty on the next day.
    remembered = b"".join(meningen._gegeven)
    assert sender.encode() not in remembered and bytes.fromhex(sender[4:]) not in remembered
    day[0] += dt.timedelta(days=1)
    assert meningen.ontvang(request(sender, oordeel="nee"))[0] == 200
    assert len(meningen._gegeven) == 1


def test_the_text_is_cleaned_and_capped_before_it_reaches_the_writer():
    spy = Spy()
    meningen = channel.Meningen(schrijver=spy, gesprek_bestaat=lambda s: True)
    meningen.ontvang(request(new_sender(), oordeel="nee", tekst="  a\x00b\x1b" + "x" * 2000))
    [(_, fields)] = spy.calls
    assert fields["knelpunt"] == ("a b " + "x" * 2000)[:channel.MENING_TEKST_MAX]
    assert len(fields["knelpunt"]) == channel.MENING_TEKST_MAX == 500


def test_an_unknown_language_level_counts_as_standard_dutch():
    spy = Spy()
    meningen = channel.Meningen(schrijver=spy, gesprek_bestaat=lambda s: True)
    assert meningen.ontvang(request(new_sender(), oordeel="ja", taalniveau="<b>"))[1].startswith("Dank u wel voor")
    assert spy.calls[0][1]["taalniveau"] == "standaard"


def test_every_message_keeps_the_name_of_its_response():
    async def collect():
        collector = channel.Verzamelaar()
        await collector.send_response("s", {"text": "Eerste deel.\n\nTweede deel.", "utter_action": "utter_afscheid"})
        await collector.send_response("s", {"text": "Kies:", "buttons": [{"title": "Ja", "payload": "/ja"}],
                                            "utter_action": "utter_na_keuze"})
        await collector.send_response("s", {"custom": {"type": "meedenker"}, "utter_action": "utter_meedenker_optie"})
        await collector.send_response("s", {"text": "Zonder naam"})
        return collector.messages

    messages = asyncio.run(collect())
    assert [(m.get("text"), m.get("utter_action")) for m in messages] == [
        ("Eerste deel.", "utter_afscheid"), ("Tweede deel.", "utter_afscheid"), ("Kies:", "utter_na_keuze"),
        (None, "utter_meedenker_optie"), ("Zonder naam", None)]
    assert messages[2]["buttons"] == [{"title": "Ja", "payload": "/ja"}]
