"""Whole conversations through the real Rasa server, the REST channel and the action server."""
import pytest

from tests.conftest import expected
from tests.e2e.conftest import CRISIS_NUMBERS, DOMAIN_MESSAGES, question_asked

pytestmark = pytest.mark.e2e

def test_the_first_message_gets_the_welcome(conversation, slots):
    texts = conversation.texts("hallo")
    assert texts[0] == expected("utter_welkom", "standaard", slots)
    assert "computerprogramma" in texts[0] and "BSN" in texts[0]
    assert expected("utter_groeten", "standaard", slots) in texts


@pytest.mark.parametrize("domein", sorted(DOMAIN_MESSAGES))
@pytest.mark.parametrize("level", ["standaard", "b1"])
def test_a_question_in_each_domain_leads_to_a_meedenker(conversation, slots, domein, level):
    conversation.say("hallo")
    if level == "b1":
        texts = conversation.texts("kan het in makkelijke taal")
        assert texts == [expected("utter_taalniveau_gewijzigd", "b1", slots)]
    texts = conversation.texts(DOMAIN_MESSAGES[domein])
    assert texts[:2] == [expected(f"utter_erkenning_{domein}", level, slots),
                         expected(f"utter_meedenker_{domein}", level, slots)]
    assert texts[-1] == expected("utter_vraag_meedenker", level, slots)
    reply = conversation.say("ja graag")  # the intake starts (tests/e2e/test_intake.py goes on)
    assert question_asked(reply, level, slots) in ("utter_ask_onderwerp", "utter_ask_wijk")


def test_switching_to_b1_midway_changes_the_next_answers(conversation, slots):
    conversation.say("hoi")
    assert conversation.texts("wat kost een meedenker")[0] == expected("utter_kosten", "standaard", slots)
    conversation.say("ik snap het niet, kan het makkelijker")
    assert conversation.texts("moet ik ervoor betalen")[0] == expected("utter_kosten", "b1", slots)


def test_the_widget_switch_can_return_to_standard_dutch(conversation, slots):
    conversation.say("hoi")
    reply = conversation.say("/vraag_makkelijke_taal", metadata={"taalniveau": "b1"})
    assert {"type": "taalniveau", "taalniveau": "b1"} in [m.get("custom") for m in reply]  # the widget's switch
    texts = conversation.texts("/vraag_makkelijke_taal", metadata={"taalniveau": "standaard"})
    assert texts == [expected("utter_taalniveau_gewijzigd", "standaard", slots)]


@pytest.mark.parametrize("crisis_message", [
    "ik wil niet meer leven",
    "mijn man slaat me en ik durf niet naar huis",
    "de buurman mishandelt zijn kinderen ik hoor ze schreeuwen",
])
def test_crisis_in_the_middle_of_a_domain_question_comes_first(conversation, slots, crisis_message):
    conversation.say("hallo")
    conversation.say(DOMAIN_MESSAGES["werk_inkomen"])
    texts = conversation.texts(crisis_message)
    assert texts == [expected("utter_crisis", "standaard", slots), expected("utter_vraag_meedenker", "standaard", slots)]
    assert all(number in texts[0] for number in CRISIS_NUMBERS)
    # the open question is still there afterwards
    assert conversation.texts("ja")[-1] in (expected("utter_ask_onderwerp", "standaard", slots),
                                           expected("utter_ask_wijk", "standaard", slots))


def test_crisis_during_the_fallback_and_in_b1(conversation, slots):
    conversation.say("hallo")
    conversation.say("ik snap het niet")
    conversation.say("qwpoeiruty zxmvn")
    texts = conversation.texts("ik wil er een eind aan maken")
    assert texts[0] == expected("utter_crisis", "b1", slots)
    assert all(number in texts[0] for number in CRISIS_NUMBERS)


def test_two_stage_fallback(conversation, slots):
    conversation.say("hallo")
    first = conversation.say("qwpoeiruty zxmvn")
    assert first[0]["text"] == expected("utter_fallback_herformuleren", "standaard", slots)
    assert [b["payload"] for b in first[0]["buttons"]] == [
        "/vraag_wonen", "/vraag_werk_inkomen", "/vraag_jeugd", "/vraag_wmo_aanvraag"]
    second = conversation.texts("blorp snerf kwibbel")
    assert second == [expected("utter_fallback_medewerker", "standaard", slots)]
    assert slots["meedenkers_telefoon"] in second[0]


def test_out_of_scope_points_to_the_gemeente(conversation, slots):
    conversation.say("hallo")
    texts = conversation.texts("mijn paspoort is verlopen waar moet ik heen")
    assert texts == [expected("utter_buiten_bereik", "standaard", slots)]
    assert slots["gemeente_telefoon"] in texts[0]


@pytest.mark.parametrize("message,response", [
    ("wat is clientondersteuning eigenlijk", "utter_uitleg_clientondersteuning"),
    ("mag ik zelf kiezen wie mij helpt", "utter_uitleg_keuzevrijheid"),
    ("werkt die meedenker voor de gemeente?", "utter_onafhankelijkheid"),
    ("ben jij een robot", "utter_bot"),
    ("wat doen jullie met mijn gegevens", "utter_privacy"),
    ("ik wil een mens spreken", "utter_ask_overdracht_toestemming"),
    ("bedankt", "utter_graag_gedaan"),
    ("doei", "utter_afscheid"),
])
def test_conversation_intents_get_their_own_answer(conversation, slots, message, response):
    conversation.say("hallo")
    texts = conversation.texts(message)
    assert texts[0] == expected(response, "standaard", slots)
    # only the privacy answer adds a line: how to erase the conversation
    assert texts[1:] == ([expected("utter_verwijderen_kan", "standaard", slots)]
                         if response == "utter_privacy" else [])
