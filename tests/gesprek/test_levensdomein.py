from bot.gesprek.levensdomein import INTENTS, Levensdomein, from_intent
from bot.gesprek.teksten import load_responses


def test_every_domain_intent_maps_to_its_domain():
    assert from_intent("vraag_wonen") is Levensdomein.WONEN
    assert from_intent("vraag_werk_inkomen") is Levensdomein.WERK_INKOMEN
    assert from_intent("vraag_jeugd") is Levensdomein.JEUGD
    assert from_intent("vraag_wmo_aanvraag") is Levensdomein.WMO_AANVRAAG
    assert from_intent("groeten") is None
    assert INTENTS["vraag_wmo_aanvraag"] == "wmo_aanvraag"


def test_every_domain_has_its_acknowledgement_and_explanation():
    responses = load_responses()
    for domein in Levensdomein:
        assert f"utter_erkenning_{domein.value}" in responses
        assert f"utter_meedenker_{domein.value}" in responses
