"""Bad input through the REST channel of the real Rasa server: a clear answer, never a 5xx or a crash."""
import json
import uuid

import pytest
import requests
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from bot.rasa_adapters.channel import MAX_LENGTE, ONGELDIG, TE_LANG

pytestmark = pytest.mark.e2e


def post(stack, body: bytes, content_type="application/json"):
    return requests.post(stack.webhook_url, data=body, headers={"Content-Type": content_type}, timeout=60)


def say(stack, message, sender=None):
    body = json.dumps({"sender": sender or f"t-{uuid.uuid4().hex}", "message": message}).encode()
    return post(stack, body)


def assert_useful_dutch_answer(reply):
    assert reply.status_code == 200, reply.text
    texts = [m.get("text") for m in reply.json()]
    assert texts and all(isinstance(t, str) and t.strip() for t in texts[:1]), reply.text
    return texts


@pytest.mark.parametrize("message", [
    "", "   ", "\x00\x01\x02 binary \xff\xfe", "😀" * 500, "🙈🔥💥" * 2000, "<script>alert(1)</script>",
    "'; DROP TABLE events; --", "SELECT * FROM overdrachten WHERE 1=1", "مرحبا، أحتاج مساعدة في السكن",
    "Привет, мне нужна помощь", "我需要帮助", "Hello, I need help with my rent", "\u202e\u200b\u200d",
    "a" * 20_000, "ik heb schulden " * 2000,
])
def test_odd_messages_get_a_useful_answer(bot_stack, message):
    texts = assert_useful_dutch_answer(say(bot_stack, message))
    if len(message) > MAX_LENGTE:
        assert texts[0] == TE_LANG


@pytest.mark.parametrize("body,content_type", [
    (b"{not json", "application/json"), (b"[1, 2, 3]", "application/json"), (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b'{"message": "hallo"}', "application/json"), (b'{"sender": 12, "message": "hallo"}', "application/json"),
    (b"sender=x&message=hallo", "application/x-www-form-urlencoded"), (b"", "text/plain"),
])
def test_malformed_requests_are_refused_with_a_dutch_explanation(bot_stack, body, content_type):
    reply = post(bot_stack, body, content_type)
    assert reply.status_code == 400 and reply.json()[0]["text"] == ONGELDIG


def test_json_with_a_wrong_content_type_is_still_understood(bot_stack):
    body = json.dumps({"sender": f"t-{uuid.uuid4().hex}", "message": "hallo"}).encode()
    assert_useful_dutch_answer(post(bot_stack, body, "text/plain"))


@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(message=st.text(max_size=300), metadata=st.one_of(st.none(), st.dictionaries(st.text(max_size=10),
                                                                                   st.text(max_size=10), max_size=3)))
def test_any_text_and_metadata_gets_an_answer(bot_stack, message, metadata):
    body = {"sender": f"h-{uuid.uuid4().hex}", "message": message}
    if metadata is not None:
        body["metadata"] = metadata
    assert_useful_dutch_answer(post(bot_stack, json.dumps(body).encode()))


@hsettings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=200))
def test_any_bytes_never_cause_a_server_error(bot_stack, raw):
    reply = post(bot_stack, raw)
    assert reply.status_code in (200, 400), reply.text
    assert reply.json()[0]["text"]
