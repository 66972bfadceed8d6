"""Starts the Rasa server, the action server, the coordinators' workspace and the demo site as child processes,
and stops them together.

Used by `bot serve` (make run) and by the end-to-end tests, so both run the same stack.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests
import yaml

from bot.config import PROJECT_ROOT, Settings
from bot.rasa_adapters.action_server import HEADER, authorization
from bot.rasa_adapters.cli import COMMAND as RASA_COMMAND
from bot.rasa_adapters.cli import TELEMETRY_OFF

MODEL_PATH = PROJECT_ROOT / "models" / "intake.tar.gz"
BIN_DIR = Path(sys.executable).parent
TRACKER_STORE_CLASS = "bot.rasa_adapters.tracker_store.TrackerStore"


def tracker_store_config(url: str) -> dict:
    """Rasa's SQL tracker store settings from a SQLAlchemy URL."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    # Our subclass of Rasa's SQL store (erasure on request). Rasa passes `url` to a custom store as `host`.
    config = {"type": TRACKER_STORE_CLASS, "dialect": parsed.drivername, "db": parsed.database}
    for key, value in (("url", parsed.host), ("port", parsed.port),
                       ("username", parsed.username), ("password", parsed.password)):
        if value is not None:
            config[key] = value
    if parsed.drivername.startswith("sqlite") and parsed.database:
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    return config


def _die_with_parent() -> None:
    """In the child before exec: the kernel sends it SIGTERM when the launcher ends, however it ends (also
    SIGKILL), so no server outlives `make run` and keeps its port. Each child has its own session, so that
    Ctrl-C reaches the launcher only and it stops them in order."""
    _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


_PR_SET_PDEATHSIG = 1
_LIBC = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)  # loaded before any fork

PRIVATE_UMASK = 0o077  # files our processes create are readable by their owner only


def private_folder(folder: Path) -> None:
    """Make `folder` and everything in it readable by its owner only (it holds transcripts, contact details,
    password hashes and logs); also repairs what an earlier version left readable for all."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in [folder, *folder.rglob("*")]:
        if path.is_symlink():
            continue
        path.chmod(0o700 if path.is_dir() else 0o600)


def private_database(url: str) -> None:
    """A SQLite database outside var/ (and its -wal and -shm files) is made owner-only too."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.drivername.startswith("sqlite") and parsed.database and parsed.database != ":memory:":
        for suffix in ("", "-wal", "-shm"):
            path = Path(parsed.database + suffix)
            if path.exists():
                path.chmod(0o600)


def free_port() -> int:
    """A port nothing listens on now (for tests, benchmarks and the production profile's instances)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_in_use(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def lock_store_config(url: str) -> dict | None:
    """Rasa's Redis lock store from redis://host:port/db; None: Rasa's in-memory lock store (one server)."""
    if not url:
        return None
    from urllib.parse import urlparse

    parsed = urlparse(url)
    if parsed.scheme != "redis":
        raise SystemExit(f"Configuratiefout: LOCK_STORE_URL moet met redis:// beginnen, niet {url!r}.")
    # Our atomic variant of Rasa's Redis lock store (bot/rasa_adapters/lock_store.py); Rasa passes `url` to it as `host`.
    config = {"type": "bot.rasa_adapters.lock_store.AtomicRedisLockStore", "url": parsed.hostname or "127.0.0.1",
              "port": parsed.port or 6379, "db": int((parsed.path or "/0").strip("/") or 0), "key_prefix": "intakebot"}
    if parsed.password:
        config["password"] = parsed.password
    return config


def write_endpoints(settings: Settings, path: Path) -> Path:
    """Rasa's endpoints. The action server's secret stays out of the file: Rasa fills in ${ACTION_GEHEIM}
    from its environment when it reads it."""
    endpoints = {
        "action_endpoint": {"url": settings.action_server_url,
                            "headers": {HEADER: authorization("${ACTION_GEHEIM}")}},
        "tracker_store": tracker_store_config(settings.tracker_store_url),
    }
    lock_store = lock_store_config(settings.lock_store_url)
    if lock_store:
        endpoints["lock_store"] = lock_store
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(endpoints, sort_keys=False))
    return path


@dataclass
class Stack:
    settings: Settings
    log_dir: Path
    model: Path = MODEL_PATH
    env: dict = field(default_factory=dict)
    processes: list = field(default_factory=list)
    _stopped: dict = field(default_factory=dict)

    @property
    def rasa_url(self) -> str:
        return self.settings.rasa_url

    @property
    def webhook_url(self) -> str:
        return f"{self.rasa_url}/webhooks/rest/webhook"

    def _spawn(self, name: str, args: list[str]) -> subprocess.Popen:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log = open(self.log_dir / f"{name}.log", "ab")
        env = {**os.environ, **self.env, **self._secrets(), **TELEMETRY_OFF}
        proc = subprocess.Popen(
            args, cwd=PROJECT_ROOT, stdout=log, stderr=subprocess.STDOUT, env=env,
            start_new_session=True,  # so stop() can end the whole process group
            preexec_fn=_die_with_parent,
        )
        proc.name = name  # type: ignore[attr-defined]
        self.processes.append(proc)
        return proc

    def _secrets(self) -> dict[str, str]:
        """Every process gets the shared secrets, made once when .env leaves them empty."""
        from bot.geheimen import geheim

        return {name: geheim(getattr(self.settings, name.lower()), name) for name in ("ACTION_GEHEIM", "CHAT_GEHEIM")}

    @property
    def werkplek_url(self) -> str:
        return self.settings.werkplek_url

    @property
    def site_url(self) -> str:
        return self.settings.site_url

    def ports(self) -> dict[str, int]:
        return {"RASA_PORT": self.settings.rasa_port, "ACTION_PORT": self.settings.action_port,
                "WERKPLEK_PORT": self.settings.werkplek_port, "SITE_PORT": self.settings.site_port}

    def prepare_database(self) -> None:
        """Our database at the newest schema (before start: the demo network and accounts go in first)."""
        from bot import db

        db.upgrade(self.settings.database_url)

    def start(self, timeout: float = 240.0) -> "Stack":
        # Otherwise the readiness check could be answered by another program on the same port.
        for name, port in self.ports().items():
            if port_in_use(port):
                raise RuntimeError(f"poort {port} is al in gebruik (draait de bot al?); "
                                   f"stop dat programma of kies een andere {name} in .env")
        if not self.model.exists():
            raise SystemExit(f"Geen getraind model gevonden in {self.model}. Draai eerst 'make train'.")
        self._start_processes(write_endpoints(self.settings, self.log_dir / "endpoints.yml"))
        self._wait_until_ready(timeout)
        return self

    def _rasa_command(self, endpoints: Path, port: int, host: str | None = None) -> list[str]:
        # Browsers may call the bot only from the gemeente's own pages (CHAT_SITES).
        return [*RASA_COMMAND, "run", "--model", str(self.model), "--endpoints", str(endpoints),
                "--credentials", str(PROJECT_ROOT / "credentials.yml"), "--port", str(port),
                "--interface", host or self.settings.rasa_host, "--cors", *self.settings.chat_origins]

    def _actions_command(self, port: int, host: str | None = None) -> list[str]:
        return [str(BIN_DIR / "bot"), "actions", "--host", host or self.settings.action_host, "--port", str(port)]

    def _start_processes(self, endpoints: Path) -> None:
        self._start_bot(endpoints)
        self._spawn("werkplek", [str(BIN_DIR / "bot"), "werkplek"])
        self._spawn("site", [str(BIN_DIR / "bot"), "site"])

    def _start_bot(self, endpoints: Path) -> None:
        self._spawn("actions", self._actions_command(self.settings.action_port))
        self._spawn("rasa", self._rasa_command(endpoints, self.settings.rasa_port))

    def readiness_checks(self) -> dict[str, str]:
        return {
            "actions": self.settings.action_server_url.replace("/webhook", "/health"),
            "rasa": f"{self.rasa_url}/webhooks/rest/",
            "werkplek": f"{self.werkplek_url}/gezondheid",
            "site": f"{self.site_url}/gezondheid",
        }

    def _wait_until_ready(self, timeout: float, names: list[str] | None = None) -> None:
        deadline = time.monotonic() + timeout
        pending = {name: url for name, url in self.readiness_checks().items() if names is None or name in names}
        while pending:
            for proc in self.processes:
                if proc.poll() is not None:
                    self.stop()
                    raise RuntimeError(
                        f"{proc.name} stopte tijdens het starten (code {proc.returncode}); "
                        f"zie {self.log_dir / (proc.name + '.log')}")
            for name, url in list(pending.items()):
                try:
                    if requests.get(url, timeout=2).ok:
                        del pending[name]
                except requests.RequestException:
                    pass
            if pending and time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"Niet op tijd gestart: {', '.join(pending)}; zie de logs in {self.log_dir}")
            if pending:
                time.sleep(1)

    def process(self, name: str) -> subprocess.Popen:
        return next(p for p in self.processes if p.name == name)

    def stop_process(self, name: str) -> None:
        """Stop one process (fault tests: the action server goes down)."""
        proc = self.process(name)
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
        self.processes.remove(proc)
        self._stopped[name] = proc.args

    def restart_process(self, name: str, timeout: float = 120.0) -> None:
        """Start a stopped process again with the same command, and wait until it answers."""
        self._spawn(name, self._stopped.pop(name))
        self._wait_until_ready(timeout, [name])

    def stop(self) -> None:
        for proc in self.processes:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.processes:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        self.processes.clear()

    def __enter__(self) -> "Stack":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
