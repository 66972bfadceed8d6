"""Rasa's command line (`python -m bot.rasa_adapters.cli train|run|test|...`) with telemetry switched off in code.

Rasa 3.6 sends usage data and error reports to third parties unless told otherwise, and on its first run it
writes a global config in the user's home with metrics enabled, even when RASA_TELEMETRY_ENABLED=false is set.
A gemeente may not send data about its inwoners' conversations anywhere, and the project must not depend on
what a user's home says. So every Rasa command the project runs goes through here: the environment variable
is set for this process and its children, and the two start-up calls that read or write the global config
and start error reporting are replaced before Rasa's own `main` runs.
"""
from __future__ import annotations

import os
import sys

TELEMETRY_OFF = {"RASA_TELEMETRY_ENABLED": "false"}
COMMAND = [sys.executable, "-m", "bot.rasa_adapters.cli"]


def disable_telemetry() -> None:
    os.environ.update(TELEMETRY_OFF)
    import rasa.telemetry

    rasa.telemetry.initialize_telemetry = lambda: False
    rasa.telemetry.initialize_error_reporting = lambda: None


def main() -> None:
    disable_telemetry()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
