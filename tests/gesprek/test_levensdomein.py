from bot.gesprek.levensdomein import Levensdomein, from_intent, responses_for
from bot.gesprek.teksten import load_responses


def test_every_domain_intent_maps_to_its_domain():
    assert from_intent("vraag_wonen") is Levensdomein.WONEN
    assert from_intent("vraag_werk_inkomen") is Levensdomein.WERK_INKOMEN
    assert from_intent("vraag_jeugd") is Levensdomein.JEUGD
    assert from_intent("vraag_wmo_aanvraag") is Levensdomein.WMO_AANVRAAG
    assert from_intent("groeten") is None


def test_wlz_questions_mention_the_zorgkantoor():
    assert "utter_wlz_zorgkantoor" in responses_for(Levensdomein.WMO_AANVRAAG, "wlz")
    assert "utter_wlz_zorgkantoor" not in responses_for(Levensdomein.WMO_AANVRAAG, "huishoudelijke_hulp")


def test_every_domain_response_exists_in_the_domain_file():
    responses = load_responses()
    for domein in Levensdomein:
        for name in responses_for(domein, "wlz"):
            assert name in responses, name
