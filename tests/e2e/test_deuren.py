"""The doors of a running stack (issue 12): the action server, the chat's ids and keys, CORS, listening
addresses. Every attack here is one that worked against main before."""
from __future__ import annotations

import json
import uuid

import pytest
import requests

from bot.geheimen import geheim
from bot.privacy import gesprekken
from tests.e2e.conftest import DOMAIN_MESSAGES, handovers, stored_events

pytestmark = pytest.mark.e2e

FORGED_HANDOVER = {
    "next_action": "action_overdracht_afronden", "sender_id": "web-" + "0" * 32, "version": "3.6.2", "domain": {},
    "tracker": {"sender_id": "web-" + "0" * 32, "events": [], "latest_message": {"text": "", "intent": {}},
                "latest_event_time": 0, "followup_action": None, "paused": False, "latest_input_channel": "rest",
                "active_loop": {}, "latest_action": {}, "latest_action_name": "",
                "slots": {"overdracht_toestemming": "ja", "contact_gegeven": "<script>nep</script>",
                          "contact_manier": "telefoon", "contact_moment": "ochtend"}},
}


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a socket listening on `port` (from /proc/net/tcp and tcp6)."""
    found = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        try:
            lines = open(table).read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.add(address if width == 32 else ".".join(str(int(address[i:i + 2], 16)) for i in (6, 4, 2, 0)))
    return found


def test_every_server_of_the_stack_listens_on_loopback_only(bot_stack):
    for name, port in bot_stack.ports().items():
        assert listening_addresses(port) == {"127.0.0.1"}, name


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer raden"}, {"Authorization": "geheim"}])
def test_a_forged_call_to_the_action_server_is_refused_and_changes_nothing(bot_stack, settings, headers):
    action_url = settings.action_server_url
    sender = FORGED_HANDOVER["sender_id"]
    reply = requests.post(action_url, json=FORGED_HANDOVER, headers=headers, timeout=30)
    assert reply.status_code == 401
    assert handovers(settings, sender) == []
    assert requests.get(action_url.replace("/webhook", "/actions"), headers=headers, timeout=30).status_code == 401
    log = (bot_stack.log_dir / "actions.log").read_text(encoding="utf-8", errors="replace")
    assert "verzoek geweigerd zonder geldig geheim: POST /webhook" in log


def test_the_action_server_answers_its_own_rasa_server(bot_stack, settings):
    """The secret the stack gave both sides opens the door (and a failing action does not echo the tracker)."""
    key = geheim(settings.action_geheim, "ACTION_GEHEIM")
    headers = {"Authorization": f"Bearer {key}"}
    assert requests.get(settings.action_server_url.replace("/webhook", "/actions"), headers=headers,
                        timeout=30).status_code == 200
    broken = {**FORGED_HANDOVER, "tracker": {**FORGED_HANDOVER["tracker"], "events": "geen lijst"}}
    reply = requests.post(settings.action_server_url, json=broken, headers=headers, timeout=30)
    assert reply.status_code >= 400 and "<script>nep</script>" not in reply.text


@pytest.mark.parametrize("sender", ["iemand", "web-123", "web-" + "g" * 32, "WEB-" + "a" * 32, "../" + "a" * 32, ""])
def test_the_channel_refuses_sender_ids_that_are_not_random(bot_stack, sender):
    reply = requests.post(bot_stack.webhook_url, json={"sender": sender, "message": "hallo"}, timeout=60)
    assert reply.status_code == 400 and "web-" in reply.json()[0]["text"]


def test_knowing_a_sender_id_is_not_enough_to_read_on_or_erase(conversation, bot_stack, settings):
    conversation.say("hallo")
    conversation.say(DOMAIN_MESSAGES["wonen"])
    assert conversation.sleutel and len(conversation.sleutel) == 64
    before = stored_events(settings, conversation.sender)
    # One character off (never the key itself: replacing its last character by "0" was the key whenever the key
    # ended in 0, one run in sixteen).
    off_by_one = conversation.sleutel[:-1] + ("1" if conversation.sleutel.endswith("0") else "0")
    for key in (None, "0" * 64, off_by_one):
        body = {"sender": conversation.sender, "message": "wat heb ik net gezegd?", "sleutel": key}
        reply = requests.post(bot_stack.webhook_url, json=body, timeout=60)
        assert reply.status_code == 403 and "nieuw gesprek" in reply.json()[0]["text"]
        erase = requests.post(f"{bot_stack.rasa_url}/webhooks/rest/verwijderen",
                              json={"sender": conversation.sender, "sleutel": key}, timeout=60)
        assert erase.status_code == 403
    assert stored_events(settings, conversation.sender) == before  # nothing read into, nothing erased
    assert conversation.say("ja")  # the inwoner with the key goes on


def test_the_key_is_given_once_and_is_not_stored_with_the_conversation(conversation, settings):
    first = requests.post(conversation.stack.webhook_url, json={"sender": conversation.sender, "message": "hallo"},
                          timeout=60).json()
    keys = [m["custom"]["sleutel"] for m in first if (m.get("custom") or {}).get("type") == "gesprek"]
    assert len(keys) == 1
    conversation.sleutel = keys[0]
    later = requests.post(conversation.stack.webhook_url, timeout=60, json={
        "sender": conversation.sender, "message": "wat kost het", "sleutel": keys[0]}).json()
    assert not any((m.get("custom") or {}).get("type") == "gesprek" for m in later)
    engine = __import__("bot.db", fromlist=["engine_for"]).engine_for(settings.tracker_store_url)
    with engine.connect() as conn:
        data = [d for (d,) in conn.execute(gesprekken.EVENTS.select().with_only_columns(
            gesprekken.EVENTS.c.data).where(gesprekken.EVENTS.c.sender_id == conversation.sender))]
    assert data and not any(keys[0] in d for d in data)


@pytest.mark.parametrize("origin, allowed", [("site", True), ("http://evil.example", False)])
def test_only_the_configured_sites_may_call_the_bot_from_a_browser(bot_stack, origin, allowed):
    origin = bot_stack.site_url if origin == "site" else origin
    preflight = requests.options(bot_stack.webhook_url, timeout=30, headers={
        "Origin": origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"})
    answer = requests.post(bot_stack.webhook_url, timeout=60, headers={"Origin": origin},
                           data=json.dumps({"sender": f"web-{uuid.uuid4().hex}", "message": "hallo"}))
    for reply in (preflight, answer):
        granted = reply.headers.get("Access-Control-Allow-Origin")
        assert (granted in (origin, "*")) is allowed and granted != "*"
