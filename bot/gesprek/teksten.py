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
