"""The readable transcript of a conversation, from Rasa tracker events (user and bot turns with times)."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass


@dataclass(frozen=True)
class Regel:
    tijd: dt.datetime  # UTC, naive
    afzender: str  # inwoner | bot
    tekst: str


def _utc(timestamp) -> dt.datetime:
    return dt.datetime.fromtimestamp(float(timestamp or 0), dt.timezone.utc).replace(tzinfo=None)


def _card_text(custom: dict) -> str:
    if custom.get("type") == "meedenker":
        parts = [custom.get("naam"), custom.get("organisatie"), custom.get("telefoon"), custom.get("email")]
        return "Keuze getoond: " + ", ".join(p for p in parts if p)
    if custom.get("type") == "taalniveau":  # the widget's signal; the bot's own text says it in words
        return ""
    return json.dumps(custom, ensure_ascii=False)


def from_events(events: list[dict]) -> list[Regel]:
    """User texts and bot texts in order. A button click is shown as the button's title, not its payload."""
    regels: list[Regel] = []
    last_buttons: dict[str, str] = {}
    for event in events:
        kind = event.get("event")
        if kind == "user":
            text = event.get("text") or ""
            shown = last_buttons.get(text, text)
            if shown:
                regels.append(Regel(_utc(event.get("timestamp")), "inwoner", shown))
        elif kind == "bot":
            data = event.get("data") or {}
            text = event.get("text")
            if not text and data.get("custom"):
                text = _card_text(data["custom"])
            last_buttons = {b.get("payload"): b.get("title") for b in data.get("buttons") or []
                            if b.get("payload")}
            if text:
                regels.append(Regel(_utc(event.get("timestamp")), "bot", text))
    return regels
