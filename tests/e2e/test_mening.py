"""Feedback on the chat ("Mening geven") through the real Rasa server: the REST answers name their responses (so
the widget can see a conversation's natural end), and POST /webhooks/rest/mening turns one feedback per
conversation into one anonymous `mening` signal, its text scrubbed in the Rasa server's own background writer."""
from __future__ import annotations

import datetime as dt
import time

import pytest
import requests
from sqlalchemy import select

from bot import db
from bot.models import Signaal
from bot.tijd import lokale_dag, nu
from tests.e2e.conftest import DOMAIN_MESSAGES, first_button, run_intake

pytestmark = pytest.mark.e2e

NAME, PHONE = "Fatima de Vries", "06 12345678"


def mening_url(stack) -> str:
    return f"{stack.rasa_url}/webhooks/rest/mening"


def send(stack, conversation, **answers) -> requests.Response:
    body = {"sender": conversation.sender, "sleutel": conversation.sleutel, **answers}
    return requests.post(mening_url(stack), json=body, timeout=60)


def meningen(settings) -> list[Signaal]:
    with db.new_session(settings.database_url) as session:
        return list(session.scalars(select(Signaal).where(Signaal.soort == "mening").order_by(Signaal.id)))


def wait_for(settings, count: int, timeout: float = 90) -> list[Signaal]:
    """The mening signals once there are `count` (the writer scrubs and writes in the background)."""
    deadline = time.monotonic() + timeout
    while len(rows := meningen(settings)) < count and time.monotonic() < deadline:
        time.sleep(0.2)
    return rows


def every_value_in_the_signals_table(settings) -> str:
    with db.engine_for(settings.database_url).connect() as conn:
        return "\n".join(" ".join(map(str, row)) for row in conn.execute(Signaal.__table__.select()))


def test_the_answers_name_their_responses_and_the_natural_ends_are_the_widgets(conversation, slots):
    """The widget offers its question after utter_na_keuze, utter_geen_match, utter_overdracht_bevestigd (unless a
    question follows, as the questionnaire's after a handover), utter_vragenlijst_ja/nee and utter_afscheid
    (chat.js NATURAL_ENDS): the REST channel must say which response each message is."""
    welcome = conversation.say("/groeten")
    assert [m.get("utter_action") for m in welcome if m.get("text")][0] == "utter_welkom"
    reply, _ = run_intake(conversation, DOMAIN_MESSAGES["wonen"], first_button, "standaard", slots)
    said = [m for m in reply if m.get("text")]
    assert said[-1]["utter_action"] == "utter_na_keuze" and said[0]["utter_action"] == "utter_keuze_intro"
    assert all(m.get("utter_action") for m in reply)
    contact = conversation.say("/vraag_medewerker")
    assert [m["utter_action"] for m in contact] == ["utter_ask_overdracht_toestemming"]
    conversation.say("ja, dat mag")
    moment = conversation.say("06 12345678")
    choice = conversation.say(moment[0]["buttons"][0]["payload"])
    done = conversation.say(choice[0]["buttons"][-1]["payload"])  # the coordinator chooses
    assert [m["utter_action"] for m in done if m.get("text")] == ["utter_overdracht_bevestigd", "utter_ask_vragenlijst"]
    assert [m["utter_action"] for m in conversation.say("/ontkennen") if m.get("text")] == ["utter_vragenlijst_nee"]
    assert [m["utter_action"] for m in conversation.say("doei") if m.get("text")] == ["utter_afscheid"]


def test_feedback_becomes_one_mening_signal_a_day_without_sender_and_with_its_text_scrubbed(
        conversation, conversation_factory, bot_stack, settings):
    conversation.say("hallo")
    before = len(meningen(settings))
    text = f"Ik ben {NAME}, bel mij op {PHONE}. Meer knoppen graag."

    answer = send(bot_stack, conversation, oordeel="een_beetje", bekend_via="wijkteam", tekst=text, taalniveau="b1")
    assert answer.status_code == 200, answer.text
    assert answer.json()[0]["text"] == "Dank u wel! Zo maken wij de chat beter."
    rows = wait_for(settings, before + 1)
    assert len(rows) == before + 1, "the feedback was not written"
    s = rows[-1]
    assert (s.uitkomst, s.bekend_via, s.taalniveau, s.kanaal) == ("een_beetje", "wijkteam", "b1", "rest")
    assert type(s.datum) is dt.date and s.datum == lokale_dag(nu())
    assert "[NAAM]" in s.knelpunt and "[TELEFOON]" in s.knelpunt and "Meer knoppen graag." in s.knelpunt, s.knelpunt
    assert not any(p in s.knelpunt for p in ("Fatima", "Vries", "12345678"))

    # Refused: a second one for the same conversation, an unknown answer, a wrong or missing key.
    again = send(bot_stack, conversation, oordeel="nee", tekst="tweede keer")
    assert again.status_code == 409 and "al gegeven" in again.json()[0]["text"]
    other = conversation_factory()
    other.say("hallo")
    wrong = send(bot_stack, other, oordeel="misschien")
    assert wrong.status_code == 400 and "Heeft dit gesprek u geholpen?" in wrong.json()[0]["text"]
    assert send(bot_stack, other, oordeel="ja", bekend_via="buurman").status_code == 400
    for key in (None, "0" * 64, other.sleutel[:-1] + ("1" if other.sleutel[-1] == "0" else "0"),
                conversation.sleutel):
        body = {"sender": other.sender, "sleutel": key, "oordeel": "nee", "tekst": "met een andere sleutel"}
        refused = requests.post(mening_url(bot_stack), json=body, timeout=60)
        assert refused.status_code == 403 and "niet bewaard" in refused.json()[0]["text"]
    not_json = requests.post(mening_url(bot_stack), data=b"{kapot", timeout=60)
    assert not_json.status_code == 400 and "niet lezen" in not_json.json()[0]["text"]

    # The other conversation's own feedback still counts: written after the refused ones would have been.
    assert send(bot_stack, other, oordeel="ja", tekst="Duidelijk.").status_code == 200
    rows = wait_for(settings, before + 2)
    assert [r.uitkomst for r in rows[before:]] == ["een_beetje", "ja"]
    assert [r.knelpunt for r in rows[before:]][1] == "Duidelijk."
    time.sleep(1)
    assert len(meningen(settings)) == before + 2

    table = every_value_in_the_signals_table(settings)
    for secret in (conversation.sender, conversation.sender[4:], conversation.sleutel, other.sender, other.sleutel,
                   "tweede keer", "met een andere sleutel", "12345678"):
        assert secret not in table


def test_an_erased_conversation_gives_no_feedback(conversation, bot_stack):
    conversation.say("hallo")
    erased = requests.post(f"{bot_stack.rasa_url}/webhooks/rest/verwijderen",
                           json={"sender": conversation.sender, "sleutel": conversation.sleutel}, timeout=60)
    assert erased.status_code == 200
    assert send(bot_stack, conversation, oordeel="ja").status_code == 403


def test_the_demo_page_may_send_feedback_from_the_browser(bot_stack):
    preflight = requests.options(mening_url(bot_stack), timeout=30, headers={
        "Origin": bot_stack.site_url, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert preflight.headers.get("Access-Control-Allow-Origin") == bot_stack.site_url
