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
  the events from the tracker store and withdraws every handover, then confirms;
- POST /webhooks/rest/mening {"sender", "sleutel", "oordeel", "bekend_via"?, "tekst"?, "taalniveau"?} takes the
  inwoner's feedback on the chat (the widget's "Mening geven"): one per conversation, with the conversation's
  key, stored as an anonymous `mening` signal without the sender, its text scrubbed first (see `Meningen`);
- every bot message in an answer carries the name of its response (`utter_action`), so the widget can tell
  the natural end of a conversation (the choice of meedenkers, a confirmed handover, a goodbye).
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
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response

from bot.gesprek.taalniveau import B1, LEVELS, STANDAARD
from bot.rasa_adapters.tracker_store import StoreUnreachable
from bot.tijd import lokale_dag, nu
from bot.vocabulaire import BEKEND_VIA, CHAT_OORDELEN

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
    def __init__(self, telefoon: str | None = None, meningen: Meningen | None = None):
        if telefoon is None:
            telefoon = _settings().gemeente_telefoon
        self.telefoon = telefoon
        self.meningen = meningen or Meningen()

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
            collector = Verzamelaar()
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

        @bp.route("/mening", methods=["POST"])
        async def mening(request):
            verzoek = lees_verzoek(request.body)
            if verzoek is None:
                return response.json([{"recipient_id": None, "text": MENING_ONGELDIG}], status=400)
            # In a worker thread: it may ask the conversation store whether the conversation exists.
            status, text = await asyncio.to_thread(self.meningen.ontvang, verzoek)
            message = {"recipient_id": verzoek.sender, "text": text}
            if status == 403:
                message["custom"] = {"type": "gesprek", "fout": "sleutel"}
            return response.json([message], status=status)

        return bp


class Verzamelaar(CollectingOutputChannel):
    """Rasa's collector, but every message keeps the name of the response it came from (`utter_action`, which
    the action server sets): the widget offers its feedback question after the responses that end a
    conversation. Rasa's own collector drops the name."""

    def __init__(self) -> None:
        super().__init__()
        self._utter: str | None = None

    async def send_response(self, recipient_id: str, message: dict) -> None:
        name = message.get("utter_action")
        self._utter = name if isinstance(name, str) else None
        try:
            await super().send_response(recipient_id, message)
        finally:
            self._utter = None

    async def _persist_message(self, message: dict) -> None:
        if self._utter:
            message["utter_action"] = self._utter
        self.messages.append(message)


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


# --- "Mening geven": feedback on the chat itself ------------------------------------------------------------------

MENING_TEKST_MAX = 500
MENING_ONGELDIG = ("Deze mening kon ik niet lezen. Stuur JSON zoals {\"sender\": \"web-\" en 32 tekens 0-9a-f, "
                   "\"sleutel\": de sleutel van het gesprek, \"oordeel\": \"ja\", \"een_beetje\" of \"nee\"}.")
MENING_OORDEEL_ONBEKEND = "Dit antwoord ken ik niet. Kies bij \"Heeft dit gesprek u geholpen?\" ja, een beetje of nee."
MENING_BEKEND_ONBEKEND = ("Dit antwoord op \"Hoe kent u ons?\" ken ik niet. Kies een van de antwoorden, of sla de "
                          "vraag over.")
MENING_GEEN_TOEGANG = "Ik kan uw mening niet bij een gesprek met de chat vinden. Uw mening is niet bewaard."
MENING_STORING = "Door een storing kon ik uw mening nu niet bewaren. Probeer het later nog eens."
MENING_DANK = {STANDAARD: "Dank u wel voor uw mening. Daarmee maken wij de chat beter.",
               B1: "Dank u wel! Zo maken wij de chat beter."}
MENING_AL_GEGEVEN = {STANDAARD: "U heeft uw mening over dit gesprek al gegeven. Dank u wel!",
                     B1: "U gaf uw mening al. Dank u wel!"}


@dataclass(frozen=True)
class Mening:
    oordeel: str  # vocabulaire.CHAT_OORDELEN
    bekend_via: str | None  # vocabulaire.BEKEND_VIA, or skipped
    tekst: str | None  # "Wat kan beter?", not yet scrubbed: only ever handed to the SignaalSchrijver
    taalniveau: str


def lees_mening(body: dict) -> Mening | str:
    """The feedback in a request, or the Dutch reason it is refused (400). Only known keys get through; the
    text is cleaned like a chat message and cut at MENING_TEKST_MAX characters."""
    oordeel = body.get("oordeel")
    if not isinstance(oordeel, str) or oordeel not in CHAT_OORDELEN:
        return MENING_OORDEEL_ONBEKEND
    bekend = body.get("bekend_via")
    if bekend == "":
        bekend = None
    if bekend is not None and (not isinstance(bekend, str) or bekend not in BEKEND_VIA):
        return MENING_BEKEND_ONBEKEND
    tekst = body.get("tekst")
    if tekst is not None and not isinstance(tekst, str):
        return MENING_ONGELDIG
    tekst = schoon(tekst)[0][:MENING_TEKST_MAX].strip() or None
    niveau = body.get("taalniveau")
    return Mening(oordeel, bekend, tekst, niveau if niveau in LEVELS else STANDAARD)


class Meningen:
    """Feedback on the chat: checked here, then scrubbed and written in the background by a SignaalSchrijver as one
    `mening` signal (a day, the answers' keys, the level and the channel; never the sender or a time of day).

    A conversation gives its feedback once. Which ones did is kept in this process's memory only, as hashes of
    their sender ids, for the gemeente's current calendar day (the set starts empty every day, so it cannot
    grow without end): a second feedback is refused with 409. After a restart, on a later day, or through the
    other Rasa server of the production profile one more could get through; for counting opinions that is
    good enough, and nothing that could link a signal to a conversation is ever stored.

    The writer (and with it the anonymiser, warmed up in its own thread) is made on the first feedback, so a
    Rasa server nobody gives feedback to never loads it.
    """

    def __init__(self, schrijver=None, gesprek_bestaat=None, vandaag=None):
        self._schrijver = schrijver  # a SignaalSchrijver; None: made from the settings on first use
        self._bestaat = gesprek_bestaat or bestaat
        self._vandaag = vandaag or (lambda: lokale_dag(nu()))
        self._lock = threading.Lock()
        self._dag = None
        self._gegeven: set[bytes] = set()

    def schrijver(self):
        with self._lock:
            if self._schrijver is None:
                self._schrijver = _nieuwe_schrijver()
            return self._schrijver

    def ontvang(self, verzoek: Verzoek) -> tuple[int, str]:
        """The HTTP status and the Dutch answer for one feedback request. Blocking: run it in a worker thread."""
        if not sleutel_klopt(verzoek.sender, verzoek.sleutel):
            log.warning("feedback refused: no valid key")
            return 403, MENING_GEEN_TOEGANG
        mening = lees_mening(verzoek.body)
        if isinstance(mening, str):
            return 400, mening
        try:
            if not self._bestaat(verzoek.sender):
                log.warning("feedback refused: no such conversation")
                return 403, MENING_GEEN_TOEGANG
        except Exception:
            log.exception("conversation store unreachable")
            return 503, MENING_STORING
        merk = hashlib.sha256(b"mening\0" + verzoek.sender.encode()).digest()[:16]
        with self._lock:
            dag = self._vandaag()
            if dag != self._dag:
                self._dag, self._gegeven = dag, set()
            if merk in self._gegeven:
                return 409, MENING_AL_GEGEVEN[mening.taalniveau]
            self._gegeven.add(merk)
        from bot.signalen.signalen import MENING

        # Answered at once; the writer's thread scrubs the text (bot.privacy.anonimiseren) and writes.
        self.schrijver().signaal(MENING, knelpunt=mening.tekst, uitkomst=mening.oordeel,
                                 bekend_via=mening.bekend_via, taalniveau=mening.taalniveau,
                                 kanaal=RestChannel.name())
        return 200, MENING_DANK[mening.taalniveau]


def _nieuwe_schrijver():
    """A scrubbing writer for this Rasa server, made as the action server makes its own."""
    from bot import db
    from bot.privacy import schrijver

    settings = _settings()
    return schrijver.met_anonimiseren(db.session_factory(settings.database_url), settings.wijken)


@lru_cache(maxsize=2)
def bevestiging(taalniveau: str | None) -> str:
    """The bot's own confirmation text (utter_gesprek_verwijderd) at the inwoner's language level."""
    from bot.gesprek.teksten import fill, load_responses, split_levels

    b1, standaard = split_levels(load_responses()["utter_gesprek_verwijderd"])
    return fill((b1 if taalniveau == B1 else standaard)[0]["text"], _settings().gemeente_slots()).strip()
