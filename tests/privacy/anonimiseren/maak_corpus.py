"""Build corpus.jsonl from corpus_bron.txt: fill in generated BSNs and IBANs, turn markup into spans.

Run: .venv/bin/python tests/privacy/anonimiseren/maak_corpus.py   (seeded, so the output is stable)
"""
from __future__ import annotations

import json
import random
import re
from pathlib import Path

from schwifty import IBAN
from stdnum.nl import bsn

HERE = Path(__file__).resolve().parent
BRON = HERE / "corpus_bron.txt"
CORPUS = HERE / "corpus.jsonl"
BANKS = ["ABNA", "INGB", "RABO", "SNSB", "ASNB", "TRIO", "KNAB", "BUNQ", "RBRB"]
MARKUP = re.compile(r"\[\[([A-Z]+)\|([^\]]+)\]\]|\{\{([A-Za-z]+)([._?]?)\}\}")


def _bsn(rng: random.Random, valid: bool) -> str:
    while True:
        number = f"{rng.randrange(10_000_000, 999_999_999):09d}"
        if bsn.is_valid(number) == valid:
            return number


def _iban(rng: random.Random) -> str:
    account = f"{rng.randrange(10**9, 10**10):010d}"
    return str(IBAN.generate("NL", bank_code=rng.choice(BANKS), account_code=account).compact)


def _fill(name: str, style: str, rng: random.Random) -> tuple[str, str]:
    """(soort, text) for a placeholder."""
    if name == "BSN":
        number = _bsn(rng, valid=style != "?")
        if style == ".":
            return "BSN", f"{number[:4]}.{number[4:6]}.{number[6:]}"
        if style == "_":
            return "BSN", f"{number[:3]} {number[3:6]} {number[6:]}"
        return ("NUMMER" if style == "?" else "BSN"), number
    if name.lower() == "iban":
        iban = _iban(rng)
        if style == "_":
            iban = " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))
        return "IBAN", iban.lower() if name == "iban" else iban
    raise ValueError(f"onbekende plaatshouder {name}{style}")


def parse(line: str, rng: random.Random) -> dict:
    text, spans, pos = [], [], 0
    for match in MARKUP.finditer(line):
        text.append(line[pos:match.start()])
        if match.group(1):
            soort, value = match.group(1), match.group(2)
        else:
            soort, value = _fill(match.group(3), match.group(4), rng)
        text.append(value)
        spans.append({"soort": soort, "tekst": value})
        pos = match.end()
    text.append(line[pos:])
    return {"tekst": "".join(text), "spans": spans}


def build() -> list[dict]:
    rng = random.Random(20240611)
    lines = [ln.rstrip("\n") for ln in BRON.read_text(encoding="utf-8").splitlines()]
    return [parse(ln, rng) for ln in lines if ln.strip() and not ln.startswith("#")]


if __name__ == "__main__":
    records = build()
    with CORPUS.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    clean = sum(not r["spans"] for r in records)
    print(f"{len(records)} berichten ({clean} zonder persoonsgegevens) geschreven naar {CORPUS}")
