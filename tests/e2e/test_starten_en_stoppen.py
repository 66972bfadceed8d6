"""`bot serve` as `make run` starts it: its servers end with it however it ends, and what they write is
private (issue 12, findings 7 and 11)."""
from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from bot.config import PROJECT_ROOT, load_settings
from bot.runtime.launcher import free_port, port_in_use

pytestmark = pytest.mark.e2e
BOT = Path(sys.executable).parent / "bot"


@pytest.fixture
def serve(tmp_path):
    """Starts `bot serve` on free ports with databases in tmp_path; yields (process, env, data folder)."""
    data = tmp_path / "data"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{data}/bot.db", "TRACKER_STORE_URL": f"sqlite:///{data}/tracker.db",
           "ACTION_GEHEIM": "a" * 40, "CHAT_GEHEIM": "c" * 40, "WERKPLEK_GEHEIM": "w" * 40,
           **{name: str(free_port()) for name in ("RASA_PORT", "ACTION_PORT", "WERKPLEK_PORT", "SITE_PORT")}}
    settings = load_settings(environ=env)
    data.mkdir()
    data.chmod(0o755)
    # An account first, so no demo accounts file is written; made by our own command, as a gemeente would.
    subprocess.run([str(BOT), "users", "add", "iemand", "--rol", "coordinator", "--wachtwoord-stdin"], env=env,
                   input="drie-nieuwe-stoelen\n", text=True, check=True, capture_output=True, cwd=PROJECT_ROOT)
    started = []

    def start():
        proc = subprocess.Popen([str(BOT), "serve"], cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, start_new_session=True)
        started.append(proc)
        deadline = time.monotonic() + 240
        for line in proc.stdout:
            if "De bot draait." in line:
                break
            assert time.monotonic() < deadline, "bot serve startte niet op tijd"
        assert proc.poll() is None, "bot serve stopte tijdens het starten"
        return proc, settings, data

    yield start
    for proc in started:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)


def _ports(settings):
    return [settings.rasa_port, settings.action_port, settings.werkplek_port, settings.site_port]


def _all_free(ports, within: float = 30) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if not any(port_in_use(p) for p in ports):
            return True
        time.sleep(0.5)
    return False


def test_when_the_launcher_is_killed_its_servers_end_too(serve):
    proc, settings, _ = serve()
    assert all(port_in_use(p) for p in _ports(settings))
    proc.send_signal(signal.SIGKILL)  # no chance to clean up: the kernel tells the children
    proc.wait(10)
    assert _all_free(_ports(settings)), [p for p in _ports(settings) if port_in_use(p)]


def test_a_closed_terminal_stops_the_stack_cleanly_and_what_it_wrote_is_private(serve):
    proc, settings, data = serve()
    reply = requests.post(f"{settings.rasa_url}/webhooks/rest/webhook", timeout=60,
                          json={"sender": f"test-{os.urandom(16).hex()}", "message": "mijn naam is Jan, bel 0612345678"})
    assert reply.ok
    written = [p for p in data.rglob("*") if p.is_file()]
    assert {p.name for p in written} >= {"bot.db", "tracker.db"}
    for path in written + [PROJECT_ROOT / "var"] + list((PROJECT_ROOT / "var" / "log").glob("*.log")):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode & 0o077 == 0, f"{path} is {oct(mode)}"
    proc.send_signal(signal.SIGHUP)
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0 and "Stoppen" in out
    assert _all_free(_ports(settings), within=5)
