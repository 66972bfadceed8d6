"""The docs stay true: every setting and every `bot` subcommand is documented, every link in the README and the
docs leads somewhere, and the README starts with the two commands (as datasette tests its docs)."""
from __future__ import annotations

import argparse
import re

import pytest

from bot.config import DEFAULTS, PROJECT_ROOT
from bot.runtime.cli import build_parser

BEHEER = (PROJECT_ROOT / "docs" / "beheer.md").read_text(encoding="utf-8")
DOCS = [PROJECT_ROOT / "README.md", *sorted((PROJECT_ROOT / "docs").glob("*.md"))]


def _settings_table() -> str:
    return BEHEER.split("## Configuration", 1)[1].split("\n## ", 1)[0]


def _environment_reads() -> set[str]:
    """Environment variables the code reads directly, besides the settings."""
    found = set()
    for path in (PROJECT_ROOT / "bot").rglob("*.py"):
        found |= set(re.findall(r"os\.environ\.get\(\"([A-Z0-9_]+)\"", path.read_text(encoding="utf-8")))
    return found


@pytest.mark.parametrize("name", sorted(set(DEFAULTS) | _environment_reads()))
def test_every_setting_the_code_reads_is_in_the_configuration_table(name):
    assert f"`{name}`" in _settings_table()


def _subcommands(parser, prefix=("bot",)):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                path = (*prefix, name)
                children = list(_subcommands(sub, path))
                yield from children or [" ".join(path)]


@pytest.mark.parametrize("command", sorted(_subcommands(build_parser())))
def test_every_bot_subcommand_is_documented(command):
    commands = BEHEER.split("## The `bot` command", 1)[1].split("\n## ", 1)[0]
    assert re.search(rf"`{re.escape(command)}(?: |`)", commands), command


def test_the_readme_starts_with_the_two_commands():
    head = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8").split("```", 2)[1]
    assert re.search(r"^make run\b", head, re.M) and re.search(r"^make test\b", head, re.M)


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_links_between_docs_lead_somewhere(doc):
    for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", doc.read_text(encoding="utf-8")):
        assert (doc.parent / target).exists(), f"{doc.name} links to {target}"


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_paths_named_in_the_docs_exist(doc):
    """`bot/...`, `tests/...`, `scripts/...` written in backticks are real files or folders."""
    for path in re.findall(r"`((?:bot|tests|scripts|benchmarks|actions|data|eval|migrations)/[\w./-]+?)(?:::\w+)?`",
                           doc.read_text(encoding="utf-8")):
        assert (PROJECT_ROOT / path).exists(), f"{doc.name} names {path}"
