import email
import email.policy
import os
import select
import subprocess
import sys
import threading
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from bot import db
from bot.config import PROJECT_ROOT, load_settings
from bot.gesprek.teksten import fill, load_responses, split_levels
from bot.netwerk import netwerk
from bot.runtime.launcher import MODEL_PATH, Stack, free_port


@pytest.fixture(scope="session", autouse=True)
def migrated_template(tmp_path_factory):
    """Run the Alembic migrations once; a test's new SQLite database starts as a copy of the result.

    Every migration still runs in this session (here, and in the real processes of the end-to-end tests), and
    tests/test_migraties.py checks them against the models; copying saves a second per test in the fast lane.
    """
    import shutil

    from sqlalchemy.engine import make_url

    template = tmp_path_factory.mktemp("template") / "bot.db"
    real_upgrade = db.upgrade
    real_upgrade(f"sqlite:///{template}")
    db.engine_for(f"sqlite:///{template}").dispose()

    def upgrade(url=None, revision="head"):
        parsed = make_url(url) if url else None
        if parsed is not None and parsed.drivername == "sqlite" and revision == "head" and parsed.database \
                and parsed.database != ":memory:" and not Path(parsed.database).exists():
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(template, parsed.database)
            return
        real_upgrade(url, revision)

    db.upgrade = upgrade
    yield
    db.upgrade = real_upgrade


def stack_settings_env(folder: Path, **overrides) -> dict[str, str]:
    """Settings for a stack of its own: free ports and throw-away SQLite databases in `folder`."""
    return {
        **{name: str(free_port()) for name in ("RASA_PORT", "ACTION_PORT", "WERKPLEK_PORT", "SITE_PORT")},
        "TRACKER_STORE_URL": f"sqlite:///{folder}/tracker.db",
        "DATABASE_URL": f"sqlite:///{folder}/bot.db",
        "NETWERK_VERVERSEN_SECONDEN": "0",  # tests change the network and want to see it at once
        **overrides,
    }


def start_stack(env: dict[str, str], log_dir: Path, stack_class=Stack) -> Stack:
    """The one way tests start a stack: databases at the newest schema, the demo network, all processes ready."""
    assert MODEL_PATH.exists(), "Geen model: 'make test' traint het eerst (of draai 'make train')."
    settings = load_settings(environ=env)
    stack = stack_class(settings=settings, log_dir=log_dir, env=env)
    stack.prepare_database()
    netwerk.load_demo_if_empty(db.session_factory(settings.database_url), settings.wijken)
    return stack.start()


@pytest.fixture(scope="session")
def stack_env(tmp_path_factory):
    return stack_settings_env(tmp_path_factory.mktemp("stack"))


@pytest.fixture(scope="session")
def settings(stack_env):
    return load_settings(environ=stack_env)


@pytest.fixture(scope="session")
def slots(settings):
    """The gemeente's values the bot fills into its texts (to compare replies with the responses)."""
    return settings.gemeente_slots()


@pytest.fixture(scope="session")
def bot_stack(stack_env, tmp_path_factory):
    """The real Rasa server and action server, started once for all end-to-end tests."""
    stack = start_stack(stack_env, tmp_path_factory.mktemp("logs"))
    yield stack
    stack.stop()


class Conversation:
    """One inwoner, as the widget talks to the bot: keeps the conversation's key from the first answer and
    sends it with every later message (the key message itself is not part of what the inwoner reads)."""

    def __init__(self, stack: Stack, webhooks: list[str] | None = None, prefix: str = "test"):
        self.stack = stack
        self.sender = f"{prefix}-{uuid.uuid4().hex}"
        self.sleutel: str | None = None
        self.webhooks = webhooks or [stack.webhook_url]  # several: each turn goes to the next server
        self.turns = 0

    def say(self, text: str, metadata: dict | None = None, base: str | None = None) -> list[dict]:
        """`base`: send this turn to that server (its root URL) instead of the next one."""
        body = {"sender": self.sender, "message": text, "sleutel": self.sleutel}
        if metadata:
            body["metadata"] = metadata
        url = f"{base}/webhooks/rest/webhook" if base else self.webhooks[self.turns % len(self.webhooks)]
        self.turns += 1
        reply = requests.post(url, json=body, timeout=120)
        reply.raise_for_status()
        messages = []
        for m in reply.json():
            if (m.get("custom") or {}).get("type") == "gesprek":
                self.sleutel = m["custom"].get("sleutel") or self.sleutel
            else:
                messages.append(m)
        return messages

    def texts(self, text: str, **kw) -> list[str]:
        """What the inwoner reads; the level signal for the widget is not text."""
        return [m.get("text", "") for m in self.say(text, **kw) if (m.get("custom") or {}).get("type") != "taalniveau"]


@pytest.fixture
def conversation(bot_stack):
    return Conversation(bot_stack)


@pytest.fixture
def conversation_factory(bot_stack):
    return lambda: Conversation(bot_stack)


# Screenshots and accessibility reports of the browser tests: an ignored folder, unless SCREENSHOTS names
# another (`make screenshots` writes them into reports/ on purpose).
SCREENSHOTS = Path(os.environ.get("SCREENSHOTS") or PROJECT_ROOT / "var" / "screenshots")

CHROMIUM = Path("/usr/bin/chromium")
# Debian's Chromium as the test browser (Playwright's own download is not used); no calls home.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def chromium():
    """One browser per test module, closed after it: Playwright's sync API allows one instance at a time
    and keeps an event loop running in the main thread while it lives (asyncio.run() in later tests fails)."""
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium ontbreekt ({CHROMIUM}). 'make test' installeert het; of: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


RESPONSES = load_responses()


def expected(name: str, level: str, slots: dict, **values) -> str:
    """The text a response renders to, at a language level, with the gemeente's (and extra) values."""
    b1, standard = split_levels(RESPONSES[name])
    return fill((b1 if level == "b1" else standard)[0]["text"], {**slots, **values}).strip()


def make_settings(tmp_path, **extra):
    """Settings for one test: its own SQLite databases and mail folder, a fixed workspace key, no .env."""
    environ = {"DATABASE_URL": f"sqlite:///{tmp_path}/bot.db", "WERKPLEK_GEHEIM": "x" * 48,
               "TRACKER_STORE_URL": f"sqlite:///{tmp_path}/tracker.db", "MAIL_MAP": str(tmp_path / "mail"), **extra}
    return load_settings(env_file=tmp_path / "geen.env", environ=environ)


@pytest.fixture
def goedkope_hashes(monkeypatch):
    """argon2id with the least work, for tests about pages and sessions rather than about hashing: the real
    parameters are pinned by tests/privacy/test_accounts.py, and would cost a tenth of a second per hash here."""
    from argon2 import PasswordHasher

    from bot.privacy import accounts

    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


def differences(url: str) -> list:
    """What autogenerate would put in a new migration: empty when the migrations match the models."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from bot.models import Base

    with db.engine_for(url).connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "render_as_batch": True})
        return compare_metadata(context, Base.metadata)


# --- A real SMTP relay (tests/meldingen/smtp_server.py) as a process of its own ----------------------------

SMTP_START_SECONDEN = 15


@dataclass
class SmtpRelay:
    port: int
    maildir: Path
    process: subprocess.Popen

    def berichten(self) -> list[email.message.EmailMessage]:
        """Every message the relay accepted, parsed, oldest first."""
        new = self.maildir / "new"
        files = sorted(new.iterdir(), key=lambda p: p.stat().st_mtime_ns) if new.exists() else []
        return [email.message_from_bytes(p.read_bytes(), policy=email.policy.default) for p in files]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        if self.process.stdout:
            self.process.stdout.close()


def start_smtp_relay(folder: Path, *options: str, port: int | None = None, log_name: str = "smtp.log") -> SmtpRelay:
    """Start the test relay on `port` (a free one by default), writing into the Maildir folder/maildir; returns
    once it listens. The caller stops it (SmtpRelay.stop)."""
    from tests.meldingen.smtp_server import KLAAR

    port = port or free_port()
    maildir = folder / "maildir"
    log = folder / log_name  # a file, not a pipe: a chatty server never blocks on it
    with log.open("w") as stderr:
        process = subprocess.Popen([sys.executable, "-m", "tests.meldingen.smtp_server", str(port), str(maildir),
                                    *options], cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=stderr, text=True)
    relay = SmtpRelay(port, maildir, process)
    deadline = time.monotonic() + SMTP_START_SECONDEN
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], 0.1)
        if ready:
            line = process.stdout.readline()
            if line.strip() == KLAAR:
                return relay
            if not line and process.poll() is not None:
                break
    relay.stop()
    pytest.fail(f"De SMTP-testserver startte niet op poort {port}: {log.read_text()[-2000:]}")


@pytest.fixture(scope="module")
def smtp_relay_per_module(tmp_path_factory):
    """Start a relay for a whole test module: smtp_relay_per_module(*options, port=None) -> SmtpRelay. Every
    relay started is stopped after the module; each has a Maildir of its own."""
    started: list[SmtpRelay] = []

    def start(*options: str, port: int | None = None) -> SmtpRelay:
        relay = start_smtp_relay(tmp_path_factory.mktemp("smtp"), *options, port=port)
        started.append(relay)
        return relay

    yield start
    for relay in started:
        relay.stop()


# --- axe-core in the browser tests ---------------------------------------------------------------------------

AXE = PROJECT_ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"


def axe(page, label: str, report: str | None = None) -> list[dict]:
    """Run axe-core on the whole page; print every violation (rule, nodes, why) and, with `report`, keep the
    result under `label` in SCREENSHOTS/<report>.json. The page's context needs bypass_csp where the CSP forbids
    the injected script (the demo site)."""
    import json

    if page.evaluate("typeof window.axe") == "undefined":
        page.add_script_tag(path=str(AXE))
    violations = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
        .violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                               nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200),
                                                         summary: n.failureSummary}))}))""")
    print(f"axe-core, {label}: {len(violations)} overtreding(en)")
    for v in violations:
        print(f"  [{v['impact']}] {v['id']}: {v['help']}")
        for n in v["nodes"]:
            print(f"      {n['target']}: {n['html']}\n        {n['summary']}")
    if report:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{report}.json"
        results = json.loads(path.read_text()) if path.exists() else {}
        results[label] = violations
        path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    return violations


# --- A waitress server in a thread of the test process ---------------------------------------------------------

@contextmanager
def serve_in_thread(app, port: int = 0, **options):
    """Serve a WSGI app with waitress from a thread of the test process; yields its base URL. On the way out the
    sockets are closed in the server's own thread (closed from here, its select() may meet a closed socket and the
    thread dies with EBADF); its loop ends when nothing is left to watch."""
    from waitress import create_server, wasyncore

    server = create_server(app, host="127.0.0.1", port=port, threads=4, **options)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map))
        thread.join(5)
        server.task_dispatcher.shutdown()
        assert not thread.is_alive(), "de server stopte niet"
