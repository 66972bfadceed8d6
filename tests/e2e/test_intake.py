"""The intake form and the choice of meedenkers, through the real Rasa server and action server."""
import pytest
from sqlalchemy import select

from bot import db
from bot.netwerk import netwerk
from tests.conftest import expected
from tests.e2e.conftest import (
    CRISIS_NUMBERS,
    DOMAIN_MESSAGES,
    first_button,
    options,
    question_asked,
    run_intake,
    skip,
)

pytestmark = pytest.mark.e2e

@pytest.mark.parametrize("domein", sorted(DOMAIN_MESSAGES))
def test_a_full_intake_in_each_domain_ends_in_a_choice(conversation, slots, domein):
    reply, asked = run_intake(conversation, DOMAIN_MESSAGES[domein], first_button, "standaard", slots)
    # written in plain Dutch: no language question, but another language stays one button away
    assert {"utter_ask_wijk", "utter_ask_voorkeur_ondersteuner"} <= set(asked) and "utter_ask_taal" not in asked
    assert any('"taal":"andere"' in b["payload"] for m in reply for b in m.get("buttons") or [])
    shown = options(reply)
    assert 2 <= len(shown) <= 4
    assert all(o["telefoon"] or o["email"] or o["spreekuur"] for o in shown)
    texts = [m.get("text") for m in reply]
    assert texts[0] == expected("utter_keuze_intro", "standaard", slots)
    assert expected("utter_keuzevrijheid", "standaard", slots) in texts
    # the first button of the preference question is "een vrijwilliger"
    assert all(o["soort"] == "vrijwillig" for o in shown)
    assert all(any(o["naam"] in t and o["intro"] in t for t in texts if t) for o in shown)


def test_every_question_can_be_skipped_and_both_kinds_are_offered(conversation, slots):
    reply, asked = run_intake(conversation, "ik heb een vraag over wonen, kan er een tolk bij?", skip, "standaard",
                              slots)
    assert asked == ["utter_ask_onderwerp", "utter_ask_wijk", "utter_ask_voorkeur_ondersteuner", "utter_ask_taal"]
    shown = options(reply)
    assert 2 <= len(shown) <= 4 and {o["soort"] for o in shown} == {"vrijwillig", "beroepsmatig"}
    assert expected("utter_verschil_soorten", "standaard", slots) in [m.get("text") for m in reply]


def test_typed_answers_with_typos_are_understood(conversation, slots):
    answers = {"utter_ask_onderwerp": "schulden", "utter_ask_wijk": "ik woon in de molenwyk",
               "utter_ask_voorkeur_ondersteuner": "liever een beroepskracht", "utter_ask_taal": "arabisch"}
    reply, asked = run_intake(conversation, "ik kom niet rond, kan er een tolk bij het gesprek?", lambda q, b: answers[q],
                              "standaard", slots)
    assert "utter_ask_taal" in asked
    shown = options(reply)
    assert shown and all(o["soort"] == "beroepsmatig" for o in shown)


def test_another_language_after_the_choice(conversation, slots):
    reply, _ = run_intake(conversation, DOMAIN_MESSAGES["werk_inkomen"], skip, "standaard", slots)
    reply = conversation.say('/geef_informatie{"taal":"andere"}')
    assert question_asked(reply, "standaard", slots) == "utter_ask_taal"
    reply = conversation.say("we spreken thuis arabisch")
    assert options(reply) and any(expected("utter_keuze_intro", "standaard", slots) == m.get("text") for m in reply)


def test_an_unknown_answer_is_asked_again(conversation, slots):
    conversation.say("hallo")
    conversation.say(DOMAIN_MESSAGES["werk_inkomen"])
    reply = conversation.say("ja")
    while question_asked(reply, "standaard", slots) != "utter_ask_wijk":
        reply = conversation.say("weet ik niet")
    again = conversation.texts("Amsterdam Noord")
    assert again == [expected("utter_antwoord_niet_herkend", "standaard", slots),
                     expected("utter_ask_wijk", "standaard", slots)]


def test_changing_the_preference_after_the_choice(conversation, slots):
    reply, _ = run_intake(conversation, DOMAIN_MESSAGES["wmo_aanvraag"], skip, "standaard", slots)
    assert {o["soort"] for o in options(reply)} == {"vrijwillig", "beroepsmatig"}
    reply = conversation.say('/geef_informatie{"voorkeur_ondersteuner":"beroepsmatig"}')
    shown = options(reply)
    assert len(shown) >= 2 and {o["soort"] for o in shown} == {"beroepsmatig"}
    reply = conversation.say("toch liever een vrijwilliger")
    assert {o["soort"] for o in options(reply)} == {"vrijwillig"}


def test_b1_intake_shows_b1_texts_and_b1_introductions(conversation, slots, settings):
    reply, asked = run_intake(conversation, DOMAIN_MESSAGES["werk_inkomen"], skip, "b1", slots)
    assert "utter_ask_wijk" in asked
    texts = [m.get("text") for m in reply]
    assert texts[0] == expected("utter_keuze_intro", "b1", slots)
    with db.new_session(settings.database_url) as session:
        b1_intros = {r.intro_b1 for r in netwerk.load_network(session)}
    assert options(reply) and all(o["intro"] in b1_intros for o in options(reply))


def test_crisis_in_the_middle_of_the_intake_comes_first_and_the_question_resumes(conversation, slots):
    conversation.say("hallo")
    conversation.say(DOMAIN_MESSAGES["wonen"])
    reply = conversation.say("ja")
    pending = question_asked(reply, "standaard", slots)
    assert pending is not None
    reply = conversation.say("ik wil er een einde aan maken")
    assert reply[0]["text"] == expected("utter_crisis", "standaard", slots)
    assert all(n in reply[0]["text"] for n in CRISIS_NUMBERS)
    assert question_asked(reply[1:], "standaard", slots) == pending


def test_a_question_about_costs_during_the_intake_is_answered_and_the_intake_goes_on(conversation, slots):
    conversation.say("hallo")
    conversation.say(DOMAIN_MESSAGES["jeugd"])
    first = question_asked(conversation.say("ja"), "standaard", slots)
    reply = conversation.say("kost dit geld?")
    assert reply[0]["text"] == expected("utter_kosten", "standaard", slots)
    assert question_asked(reply[1:], "standaard", slots) == first


def test_no_match_is_honest_and_recorded(conversation, slots, settings):
    sessions = db.session_factory(settings.database_url)
    with sessions() as session:
        original = netwerk.load_network(session)
    without_jeugd = [r for r in original if "jeugd" not in r.levensdomeinen]
    try:
        with sessions() as session, session.begin():
            netwerk.replace_network(session, without_jeugd)
        reply, _ = run_intake(conversation, DOMAIN_MESSAGES["jeugd"], skip, "standaard", slots)
        assert [m.get("text") for m in reply] == [expected("utter_geen_match", "standaard", slots)]
        assert slots["meedenkers_telefoon"] in reply[0]["text"]
        from bot.models import Signaal
        with sessions() as session:
            signal = session.execute(select(Signaal).where(Signaal.soort == "geen_match")).scalars().all()[-1]
        assert signal.levensdomein == "jeugd" and signal.kanaal == "rest"
    finally:
        with sessions() as session, session.begin():
            netwerk.replace_network(session, original)
