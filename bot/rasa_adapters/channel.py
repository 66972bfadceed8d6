"""Rasa's REST channel with a safety net: every request gets a useful Dutch answer, never a 500 or silence.

- invalid JSON, a body that is not an object, a missing sender: 400 with a Dutch explanation;
- control characters and binary junk are removed, very long messages are cut (with a note);
- when the bot produces nothing or only Rasa's own fallback (the action server is down, an action failed:
  `utter_default` carries the marker `{"vangnet": true}`), raises, or cannot reach the conversation store,
  the inwoner gets a friendly message with the gemeente's phone number; the conversation so far is kept,
  so it goes on when the action server or database is back;
- a sender id must be random (`web-` and 32 hex digits, as the widget makes them): other ids are refused;
- every conversation has a key, derived from its sender id with CHAT_GEHEIM; the first answer of a new
  conversation carries it (`{"custom": {"type": "gesprek", "sleutel": ...}}`), and every later message
  must send it back (`"sleutel"` beside `"sender"`), so knowing a sender id is not enough to read on in,
  or erase, someone's conversation;
- POST /webhooks/rest/verwijderen {"sender": ..., "sleutel": ...} erases a conversation whatever state it is in
  (the widget's "Gesprek verwijderen", after its own confirmation): under the conversation's lock it deletes
  the events from the tracker store and withdraws every handover, then confirms.
Configured in credentials.yml as `bot.rasa_adapters.channel.RestChannel`; its name stays `rest`, so the URL is the
standard /webhooks/rest/webhook. Loading it also installs `bot.rasa_adapters.action_answer` (Rasa's check of action server
answers without rebuilding its validator every time).
"""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response

from bot.gesprek.taalniveau import B1
from bot.rasa_adapters.tracker_store import StoreUnreachable

log = logging.getLogger(__name__)

MAX_LENGTE = 2000
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")


def schoon(text) -> tuple[str, bool]:
    """The message as text the NLU can take; True when it was cut."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = unicodedata.normalize("NFC", _CONTROL.sub(" ", text)).strip()
    if len(text) > MAX_LENGTE:
        return text[:MAX_LENGTE], True
    return text, False


def storing_tekst(telefoon: str) -> str:
    return (f"Sorry, er ging iets mis aan onze kant en ik kan nu niet goed antwoorden. Probeer het over een "
            f"paar minuten nog eens, of bel de gemeente: {telefoon}. Uw gesprek blijft bewaard.")


TE_LANG = ("Uw bericht was erg lang. Ik heb alleen het begin gelezen; u kunt de rest in een nieuw bericht "
           "typen.")
ONGELDIG = ("Dit bericht kon ik niet lezen. Stuur JSON zoals {\"sender\": \"web-\" en 32 tekens 0-9a-f, "
            "\"message\": \"uw vraag\"}.")
GEEN_TOEGANG = ("Dit gesprek kan ik niet voortzetten vanaf hier. Begin gerust een nieuw gesprek; "
                "uw vorige gesprek wordt vanzelf verwijderd.")
# Random ids only: a prefix (web, test, bench, terminal) and 128 random bits, as the widget makes them.
AFZENDER = re.compile(r"^[a-z]{1,12}-[0-9a-f]{32}$")


class RestChannel(RestInput):
    def __init__(self, telefoon: str | None = None):
        if telefoon is None:
            telefoon = _settings().gemeente_telefoon
        self.telefoon = telefoon

    @classmethod
    def name(cls) -> str:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials):
        from bot.rasa_adapters import action_answer

        action_answer.install()  # Rasa builds its channels once at start: the place to speed up its checks
        return cls()

    def blueprint(self, on_new_message) -> Blueprint:
        bp = Blueprint("veilige_rest", __name__)

        @bp.route("/", methods=["GET"])
        async def health(request):
            return response.json({"status": "ok"})

        @bp.route("/webhook", methods=["POST"])
        async def receive(request):
            verzoek = lees_verzoek(request.body)
            if verzoek is None:
                return response.json([{"recipient_id": None, "text": ONGELDIG}], status=400)
            sender = verzoek.sender
            try:
                nieuw = not await asyncio.to_thread(bestaat, sender)
            except Exception:
                log.exception("conversation store unreachable")
                return response.json([{"recipient_id": sender, "text": storing_tekst(self.telefoon)}])
            if not nieuw and not sleutel_klopt(sender, verzoek.sleutel):
                log.warning("message refused: no valid key for an existing conversation")
                return response.json([{"recipient_id": sender, "text": GEEN_TOEGANG,
                                       "custom": {"type": "gesprek", "fout": "sleutel"}}], status=403)
            text, cut = schoon(verzoek.body.get("message"))
            collector = CollectingOutputChannel()
            try:
                await on_new_message(UserMessage(text, collector, sender, input_channel=self.name(),
                                                 metadata=verzoek.metadata))
            except StoreUnreachable as error:
                log.error("conversation store unreachable: %s", error)
                collector.messages.clear()
            except Exception:
                log.exception("handling a message failed")
                collector.messages.clear()
            messages = list(collector.messages)
            messages = zonder_vangnet(messages)
            if not messages:
                messages = [{"recipient_id": sender, "text": storing_tekst(self.telefoon)}]
            if cut:
                messages.insert(0, {"recipient_id": sender, "text": TE_LANG})
            if nieuw:
                messages.append({"recipient_id": sender, "custom": {"type": "gesprek", "sleutel": sleutel(sender)}})
            return response.json(messages)

        @bp.route("/verwijderen", methods=["POST"])
        async def verwijderen(request):
            verzoek = lees_verzoek(request.body)
            if verzoek is None:
                return response.json([{"recipient_id": None, "text": ONGELDIG}], status=400)
            sender = verzoek.sender
            if not sleutel_klopt(sender, verzoek.sleutel):
                log.warning("erasure refused: no valid key")
                return response.json([{"recipient_id": sender, "text": GEEN_TOEGANG,
                                       "custom": {"type": "gesprek", "fout": "sleutel"}}], status=403)
            agent = request.app.ctx.agent
            try:
                # The lock keeps a turn of the same conversation from writing it back meanwhile.
                async with agent.lock_store.lock(sender, wait_time_in_seconds=0.2):
                    verwijder_gesprek(sender)
            except Exception:
                log.exception("erasing a conversation failed")
                return response.json([{"recipient_id": sender, "text": NIET_GEWIST.format(self.telefoon)}],
                                     status=503)
            niveau = B1 if (verzoek.metadata or {}).get("taalniveau") == B1 else None
            return response.json([{"recipient_id": sender, "text": bevestiging(niveau)}])

        return bp


NIET_GEWIST = ("Het verwijderen is nu niet gelukt door een storing; uw gesprek is nog niet weg. Probeer het zo "
               "opnieuw of bel {}.")


@dataclass(frozen=True)
class Verzoek:
    body: dict
    sender: str
    sleutel: str | None
    metadata: dict | None


def lees_verzoek(raw: bytes) -> Verzoek | None:
    """The request, or None when it is not JSON with a random sender id. The key is not passed to Rasa (it
    would be stored with the message)."""
    try:
        body = json.loads(raw or b"null")
    except (ValueError, UnicodeDecodeError):
        body = None
    if not isinstance(body, dict):
        return None
    sender = body.get("sender")
    if not isinstance(sender, str) or not AFZENDER.match(sender):
        return None
    key = body.get("sleutel") if isinstance(body.get("sleutel"), str) else None
    metadata = body.get("metadata") if isinstance(body.get("metadata"), dict) else None
    return Verzoek(body, sender, key, metadata)


@lru_cache(maxsize=1)
def _chat_geheim() -> bytes:
    from bot.geheimen import geheim

    return geheim(_settings().chat_geheim, "CHAT_GEHEIM").encode()


def sleutel(sender: str) -> str:
    """The conversation's key: only who got the first answer (the widget) knows it."""
    return hmac.new(_chat_geheim(), sender.encode(), hashlib.sha256).hexdigest()


def sleutel_klopt(sender: str, supplied: str | None) -> bool:
    return bool(supplied) and hmac.compare_digest(sleutel(sender), supplied)


def bestaat(sender: str) -> bool:
    from bot import db
    from bot.privacy import gesprekken

    return gesprekken.exists(db.engine_for(_settings().tracker_store_url), sender)


def zonder_vangnet(messages: list[dict]) -> list[dict]:
    """Drop Rasa's own fallback (its text, then its marker): something failed, the caller says so plainly."""
    kept: list[dict] = []
    for m in messages:
        if (m.get("custom") or {}).get("vangnet"):
            if kept and kept[-1].get("text") and "custom" not in kept[-1]:
                kept.pop()
            continue
        kept.append(m)
    return kept


@lru_cache(maxsize=1)
def _settings():
    from bot.config import load_settings

    return load_settings()


def verwijder_gesprek(sender: str) -> None:
    """Delete the conversation from the tracker store and withdraw its handovers (erasure request)."""
    from bot import db
    from bot.overdracht import overdracht
    from bot.privacy import gesprekken

    settings = _settings()
    with db.new_session(settings.database_url) as session, session.begin():
        overdracht.trek_in(session, sender)
    gesprekken.verwijder(db.engine_for(settings.tracker_store_url), sender)


@lru_cache(maxsize=2)
def bevestiging(taalniveau: str | None) -> str:
    """The bot's own confirmation text (utter_gesprek_verwijderd) at the inwoner's language level."""
    from bot.gesprek.teksten import fill, load_responses, split_levels

    b1, standaard = split_levels(load_responses()["utter_gesprek_verwijderd"])
    return fill((b1 if taalniveau == B1 else standaard)[0]["text"], _settings().gemeente_slots()).strip()
