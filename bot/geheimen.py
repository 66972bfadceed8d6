"""Secrets the processes share: from the settings, or made once on first use and kept in var/ (owner only).

- WERKPLEK_GEHEIM signs the workspace's cookies;
- ACTION_GEHEIM is the shared secret every call from a Rasa server to an action server carries;
- CHAT_GEHEIM derives each conversation's key, which the widget needs to continue or erase its conversation.
A fixed secret survives restarts (nobody is signed out, conversations go on); a secret per start would not.
"""
from __future__ import annotations

import os
import secrets
import time
from pathlib import Path

from bot.config import PROJECT_ROOT

VAR = PROJECT_ROOT / "var"
FILES = {"WERKPLEK_GEHEIM": "werkplek-geheim", "ACTION_GEHEIM": "action-geheim", "CHAT_GEHEIM": "chat-geheim"}
MIN_LENGTH = 32


def geheim(configured: str, naam: str, folder: Path = VAR) -> str:
    """The configured secret, else the one kept in folder/<file>, made now when there is none."""
    if configured:
        if len(configured) < MIN_LENGTH:
            raise SystemExit(f"Configuratiefout: {naam} moet minstens {MIN_LENGTH} tekens lang zijn.")
        return configured
    path = folder / FILES[naam]
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # O_EXCL: when two processes start at once, one writes and the other reads the same secret.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _ in range(20):  # the other process may still be writing it
            key = path.read_text(encoding="utf-8").strip()
            if len(key) >= MIN_LENGTH:
                return key
            time.sleep(0.05)
        raise SystemExit(f"Configuratiefout: {path} bevat geen bruikbaar geheim. Verwijder het bestand; "
                         "bij de volgende start wordt een nieuw gemaakt.")
    key = secrets.token_urlsafe(48)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(key + "\n")
    return key
