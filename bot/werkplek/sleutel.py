"""The key that signs session cookies: from the settings, or made once and kept in var/."""
from __future__ import annotations

import os
import secrets
import time
from pathlib import Path

from bot.config import PROJECT_ROOT, Settings

SLEUTEL_FILE = PROJECT_ROOT / "var" / "werkplek-geheim"


def geheime_sleutel(settings: Settings, path: Path = SLEUTEL_FILE) -> str:
    """A fixed key keeps users signed in across restarts; a key per start would sign everyone out."""
    if settings.werkplek_geheim:
        return settings.werkplek_geheim
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # O_EXCL: when two processes start at once, one writes and the other reads the same key.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _ in range(20):  # the other process may still be writing it
            key = path.read_text(encoding="utf-8").strip()
            if len(key) >= 32:
                return key
            time.sleep(0.05)
        raise SystemExit(f"Configuratiefout: {path} bevat geen bruikbare sleutel. Verwijder het bestand; "
                         "bij de volgende start wordt een nieuwe gemaakt.")
    key = secrets.token_urlsafe(48)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(key + "\n")
    return key
