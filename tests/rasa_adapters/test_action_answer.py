"""Rasa's check of action server answers, with the validator built once: same verdicts as Rasa's own."""
import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

from bot.rasa_adapters import action_answer
from bot.rasa_adapters.channel import RestChannel

GOOD = [
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "wijk", "value": "Centrum"}, {"event": "active_loop", "name": None}],
     "responses": [{"text": "Dank u.", "buttons": [{"title": "Ja", "payload": "/bevestigen"}]}]},
    {"events": [{"event": "followup", "name": "action_toon_meedenkers"}]},
]
BAD = [
    {"events": "niet een lijst"},
    {"events": [{"event": "slot"}]},  # a slot event needs a name
    {"events": [{"event": "bestaat_niet", "name": "x"}]},
    {"responses": ["alleen tekst"]},
    [],
]


def rasa_verdict(result) -> str | None:
    try:
        jsonschema.validate(result, RemoteAction.action_response_format_spec())
    except jsonschema.ValidationError as e:
        return e.message
    return None


@pytest.mark.parametrize("result", GOOD)
def test_accepts_what_rasa_accepts(result):
    assert rasa_verdict(result) is None
    assert action_answer.validate_action_result(None, result) is True


@pytest.mark.parametrize("result", BAD)
def test_refuses_what_rasa_refuses_with_the_same_error(result):
    expected = rasa_verdict(result)
    assert expected is not None
    with pytest.raises(jsonschema.ValidationError) as refused:
        action_answer.validate_action_result(None, result)
    assert refused.value.message.startswith(expected)
    assert "Failed to validate Action server response" in refused.value.message


def test_the_channel_installs_it(monkeypatch):
    monkeypatch.setattr(RemoteAction, "_validate_action_result", lambda self, result: True)
    RestChannel.from_credentials({})
    assert RemoteAction._validate_action_result is action_answer.validate_action_result
