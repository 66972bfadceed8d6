"""The production profile for real: two Rasa servers and two action servers behind nginx, PostgreSQL
tracker store and database, Redis lock store. Turns of many conversations go alternately to both Rasa
servers, in parallel; the tracker store must hold every event once, in order, and each conversation must
end in the right state."""
import json
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, select, text

from bot import db
from bot.models import Overdracht
from bot.rasa_adapters.channel import storing_tekst
from bot.runtime.productie import ProductieStack
from tests.conftest import Conversation, expected, stack_settings_env, start_stack
from tests.e2e.conftest import DOMAIN_MESSAGES

pytestmark = pytest.mark.e2e
SERVER = "postgresql://postgres@127.0.0.1:5432"
REDIS = "redis://127.0.0.1:6379/3"


@pytest.fixture(scope="module")
def prod(tmp_path_factory):
    import redis

    try:
        redis.Redis.from_url(REDIS, socket_connect_timeout=3).ping()
        create_engine(f"{SERVER}/postgres", future=True).connect().close()
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"het productieprofiel heeft PostgreSQL en Redis op 127.0.0.1 nodig: {exc}")
    suffix = uuid.uuid4().hex[:8]
    env = stack_settings_env(tmp_path_factory.mktemp("prod"), DATABASE_URL=f"{SERVER}/intakebot_test_{suffix}",
                             TRACKER_STORE_URL=f"{SERVER}/intakebot_gesprekken_test_{suffix}", LOCK_STORE_URL=REDIS)
    stack = start_stack(env, tmp_path_factory.mktemp("prodlogs"), ProductieStack)
    settings = stack.settings
    yield stack
    stack.stop()
    from bot import db

    db.engine_for(settings.database_url).dispose()
    admin = create_engine(f"{SERVER}/postgres", isolation_level="AUTOCOMMIT", future=True)
    with admin.connect() as conn:
        for url in (settings.database_url, settings.tracker_store_url):
            conn.execute(text(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)'))
    admin.dispose()


def tracker_events(stack, sender):
    engine = create_engine(stack.settings.tracker_store_url, future=True)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT type_name, data FROM events WHERE sender_id = :s ORDER BY id"),
                            {"s": sender}).all()
    engine.dispose()
    return [(t, json.loads(d)) for t, d in rows]


def run_intake(stack, domain_message):
    """One conversation, every turn to the other Rasa server; returns the sender, what was said, the last reply."""
    conversation = Conversation(stack, [f"{b}/webhooks/rest/webhook" for b in stack.instance_urls()], "prod")
    said, reply = [], []
    script = ["hallo", domain_message, "ja"] + ["weet ik niet"] * 4
    for message in script:
        reply = conversation.say(message)
        said.append(message)
        if any((m.get("custom") or {}).get("type") == "meedenker" for m in reply):
            break
    return conversation.sender, said, reply


def test_many_conversations_alternating_between_two_servers_lose_and_reorder_nothing(prod):
    messages = list(DOMAIN_MESSAGES.values()) * 4  # 16 conversations, 4 at a time
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda m: run_intake(prod, m), messages))
    for sender, said, last in results:
        events = tracker_events(prod, sender)
        story = [(t, d.get("text") or d.get("name"), (d.get("parse_data") or {}).get("intent", {}).get("name"))
                 for t, d in events if t in ("user", "bot", "action")]
        assert any((m.get("custom") or {}).get("type") == "meedenker" for m in last), \
            f"{sender} ended without a choice: {story}"
        user_texts = [d["text"] for t, d in events if t == "user"]
        assert user_texts == said  # every turn stored once, in the order it was sent
        slots = {d["name"]: d["value"] for t, d in events if t == "slot"}
        assert slots.get("uitkomst") == "keuze" and slots["getoonde_meedenkers"]
        assert slots["levensdomein"] in {"wonen", "werk_inkomen", "jeugd", "wmo_aanvraag"}
        # each user turn is followed by its own answer before the next turn starts
        kinds = [t for t, _ in events if t in ("user", "bot")]
        assert all(kinds[i + 1] == "bot" for i, k in enumerate(kinds) if k == "user"), story


def test_two_turns_of_one_conversation_at_the_same_moment_are_serialised_by_the_lock(prod):
    c = Conversation(prod, prefix="prod")
    sender = c.sender
    bases = prod.instance_urls()
    c.say(base=bases[0], text="hallo")
    replies = {}
    start = threading.Barrier(2)

    def turn(i, message):
        start.wait()
        replies[message] = c.say(base=bases[i], text=message)

    threads = [threading.Thread(target=turn, args=(0, "wat kost een meedenker")),
               threading.Thread(target=turn, args=(1, "is de meedenker van de gemeente?"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert all(replies[m] for m in replies) and len(replies) == 2
    events = tracker_events(prod, sender)
    users = [d["text"] for t, d in events if t == "user"]
    assert users[0] == "hallo" and sorted(users[1:]) == sorted(replies)
    kinds = [t for t, _ in events if t in ("user", "bot")]
    # the second turn only started after the first had its answer: no interleaving
    assert all(kinds[i + 1] == "bot" for i, k in enumerate(kinds) if k == "user")


@contextmanager
def database_down(url):
    """One database refuses new connections and loses its open ones, as if its server stopped; only this
    test's own database, since the machine's PostgreSQL serves other tests too."""
    name = url.rsplit("/", 1)[1]
    admin = create_engine(f"{SERVER}/postgres", isolation_level="AUTOCOMMIT", future=True)
    with admin.connect() as conn:
        conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
        conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"), {"n": name})
    try:
        yield
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
        admin.dispose()


def texts(reply):
    return [m.get("text") for m in reply]


def test_database_down_while_a_handover_is_saved_is_told_plainly_and_asking_again_later_works(prod):
    slots = prod.settings.gemeente_slots()
    c = Conversation(prod, prefix="prod")
    sender = c.sender
    for message in ("hallo", "/vraag_medewerker", "ja", "06 12345678"):
        c.say(base=prod.rasa_url, text=message)
    with database_down(prod.settings.database_url):
        reply = c.say(base=prod.rasa_url, text="'s middags")
    assert texts(reply) == [expected("utter_overdracht_mislukt", "standaard", slots)]
    assert slots["meedenkers_telefoon"] in reply[0]["text"]
    with db.new_session(prod.settings.database_url) as session:
        assert session.scalars(select(Overdracht).where(Overdracht.gesprek_id == sender)).all() == []
    for message in ("/vraag_medewerker", "ja", "06 12345678"):
        c.say(base=prod.rasa_url, text=message)
    assert "+31 6 12345678" in c.say(base=prod.rasa_url, text="'s middags")[0]["text"]
    with db.new_session(prod.settings.database_url) as session:
        assert len(session.scalars(select(Overdracht).where(Overdracht.gesprek_id == sender)).all()) == 1


def test_conversation_database_down_gives_the_phone_number_and_the_conversation_goes_on_when_it_is_back(prod):
    slots = prod.settings.gemeente_slots()
    c = Conversation(prod, prefix="prod")
    sender = c.sender
    c.say(base=prod.rasa_url, text="hallo")
    c.say(base=prod.rasa_url, text=DOMAIN_MESSAGES["wonen"])
    with database_down(prod.settings.tracker_store_url):
        for base in prod.instance_urls():  # both servers lose their connections
            assert texts(c.say(base=base, text="ja")) == [storing_tekst(prod.settings.gemeente_telefoon)]
    for base in prod.instance_urls():  # and both go on at once, each with a new connection
        reply = c.say(base=base, text="ja" if base == prod.instance_urls()[0] else "weet ik niet")
        assert reply and storing_tekst(prod.settings.gemeente_telefoon) not in texts(reply), reply
    assert texts(reply)[-1] in [expected(f"utter_ask_{slot}", "standaard", slots)  # the intake's questions
                                for slot in ("onderwerp", "wijk", "voorkeur_ondersteuner", "taal")], reply
    users = [d["text"] for t, d in tracker_events(prod, sender) if t == "user"]
    assert users == ["hallo", DOMAIN_MESSAGES["wonen"], "ja", "weet ik niet"]  # the refused turns left no trace


def test_the_load_balancer_spreads_turns_and_skips_a_server_that_is_down(prod):
    c = Conversation(prod, prefix="prod")
    sender = c.sender
    public = prod.rasa_url
    assert c.say(base=public, text="hallo")
    prod.stop_process("rasa-2")
    for message in ("wat kost het", "is het onafhankelijk", "ben jij een robot"):
        reply = c.say(base=public, text=message)
        assert reply and reply[0].get("text")
    users = [d["text"] for t, d in tracker_events(prod, sender) if t == "user"]
    assert users == ["hallo", "wat kost het", "is het onafhankelijk", "ben jij een robot"]
