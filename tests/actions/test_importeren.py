"""Importing the actions opens no database, makes no folder and starts no thread: rasa_sdk imports every module
of the package, and a test or tool that only needs a class must not pay for (or trip over) a database."""
from __future__ import annotations

import json
import subprocess
import sys

from bot.config import PROJECT_ROOT

PROBE = """
import json, threading
import actions, actions.gedeeld, actions.gesprek
from rasa_sdk.executor import ActionExecutor
executor = ActionExecutor()
executor.register_package("actions")
print(json.dumps({"threads": threading.active_count(), "actions": sorted(executor.actions)}))
"""


def test_importing_the_actions_has_no_side_effects(tmp_path):
    folder = tmp_path / "nog-niet"
    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": f"sqlite:///{folder}/bot.db",
           "TRACKER_STORE_URL": f"sqlite:///{folder}/tracker.db", "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["threads"] == 1  # no signal writer, no network refresher
    assert not folder.exists()  # no database was opened
    assert {"action_session_start", "action_beurt"} == set(found["actions"])
