"""A small terminal chat that talks to the running bot through Rasa's REST channel."""
from __future__ import annotations

import uuid

import requests


def split_key(messages: list[dict]) -> tuple[list[dict], str | None]:
    """The messages without the conversation's key message, and the key when the answer carried one."""
    key = next((m["custom"].get("sleutel") for m in messages
                if isinstance(m.get("custom"), dict) and m["custom"].get("type") == "gesprek"), None)
    return [m for m in messages if not (isinstance(m.get("custom"), dict) and m["custom"].get("type") == "gesprek")], key


def _print_reply(messages: list[dict]) -> list[dict]:
    buttons: list[dict] = []
    for message in messages:
        if message.get("text"):
            print(f"\nBot: {message['text']}")
        for button in message.get("buttons") or []:
            buttons.append(button)
            print(f"   [{len(buttons)}] {button['title']}")
    return buttons


def run_terminal_chat(webhook_url: str) -> None:
    sender, key = f"terminal-{uuid.uuid4().hex}", None
    print("Chat met de bot. Typ uw bericht, of het nummer van een knop. Stoppen: Ctrl-C of /stop.")
    buttons: list[dict] = []
    while True:
        try:
            text = input("\nU: ").strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return
        if text in {"/stop", "/quit"}:
            return
        if text.isdigit() and 1 <= int(text) <= len(buttons):
            text = buttons[int(text) - 1]["payload"]
        try:
            reply = requests.post(webhook_url, json={"sender": sender, "message": text, "sleutel": key}, timeout=60)
            reply.raise_for_status()
        except requests.RequestException:
            print(f"De bot is niet bereikbaar op {webhook_url}. Draait 'make run' nog?")
            continue
        messages, new_key = split_key(reply.json())
        key = new_key or key
        buttons = _print_reply(messages)
