"""Keeps docs/benchmarks.md up to date: each benchmark rewrites only its own section."""
from __future__ import annotations

import datetime as dt
import os
import platform
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
TITLES = {"nlu": "NLU: our pipeline against Rasa's default and a TF-IDF baseline (`make nlu-bench`)",
          "load": "Load: multi-turn conversations against three targets (`make bench`)",
          "soak": "Soak: memory of each process under moderate load (`make bench`)",
          "dialogen": "Dialogues: simulated inwoners through the real servers (`make dialogues`)",
          "nlu_heldout": "NLU on held-out messages: pipelines compared (`make nlu-heldout`)",
          # written by hand from the two commands above, run on the code before and after the change
          "voor_na": "Understanding inwoners: before and after the gespreksleider and the TF-IDF pipeline",
          "anonimiseren": "Anonymiser: leaks per kind on the labelled corpus (`.venv/bin/python scripts/anonimiseren_eval.py`)"}


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next((int(line.split()[1]) // (1024 * 1024) for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0)
    return f"{os.cpu_count()} cores ({cpu}), {mem} GB RAM, {platform.system()} {platform.release()}"


def write_section(key: str, body: str) -> None:
    sections: dict[str, str] = {}
    if DOC.exists():
        current = None
        for line in DOC.read_text().splitlines(keepends=True):
            if line.startswith("<!-- section: "):
                current = line.split(":", 1)[1].strip(" ->\n")
                sections[current] = ""
            elif current:
                sections[current] += line
    stamp = f"Measured {dt.date.today().isoformat()} on {machine()}.\n\n"
    sections[key] = f"## {TITLES[key]}\n\n{stamp}{body}\n"
    DOC.parent.mkdir(exist_ok=True)
    text = "# Benchmarks\n\nWritten by the benchmark scripts; each run replaces its own section.\n\n"
    for name in TITLES:
        if name in sections:
            text += f"<!-- section: {name} -->\n{sections[name].rstrip()}\n\n"
    DOC.write_text(text)
