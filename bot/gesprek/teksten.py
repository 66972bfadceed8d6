"""Reading the bot's responses from domain.yml, split by language level."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from bot.config import PROJECT_ROOT
from bot.gesprek.taalniveau import B1


def load_responses(domain_path: Path = PROJECT_ROOT / "domain.yml") -> dict[str, list[dict]]:
    return yaml.safe_load(domain_path.read_text(encoding="utf-8"))["responses"]


def is_b1_variant(variant: dict) -> bool:
    return any(
        c.get("type") == "slot" and c.get("name") == "taalniveau" and c.get("value") == B1
        for c in variant.get("condition") or []
    )


def split_levels(variants: list[dict]) -> tuple[list[dict], list[dict]]:
    """(B1 variants, standard variants); a standard variant carries no condition at all."""
    b1 = [v for v in variants if is_b1_variant(v)]
    standard = [v for v in variants if not v.get("condition")]
    return b1, standard


def fill(text: str, values: dict[str, str]) -> str:
    """A response's text with its {placeholders} filled in; unknown ones stay as they are."""
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), text)


class Teksten:
    """Renders the bot's responses itself, at the level the conversation has *now*: Rasa would pick a variant by
    the slots as they were before the turn, so a switch to B1 would show the resumed question in the old level."""

    def __init__(self, responses: dict[str, list[dict]] | None = None):
        self.responses = responses if responses is not None else load_responses()
        self._levels = {name: split_levels(variants) for name, variants in self.responses.items()}

    def variant(self, naam: str, niveau: str) -> dict:
        b1, standard = self._levels[naam]
        return (b1 if niveau == B1 and b1 else standard or b1)[0]

    def render(self, naam: str, niveau: str, waarden: dict) -> dict:
        """{'text', 'buttons', 'custom'} of one response, with its {placeholders} filled from `waarden`."""
        variant = self.variant(naam, niveau)
        text = fill(variant.get("text") or "", {k: str(v) for k, v in waarden.items() if v is not None})
        return {"text": text.strip(), "buttons": list(variant.get("buttons") or []),
                "custom": variant.get("custom")}
