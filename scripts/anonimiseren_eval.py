"""Measure the anonymiser on the labelled corpus: leaks per kind and over-scrubbing of clean text.

Two leak measures per kind:
- `lek`: the span's text (or, for spans with 4+ digits, its digits) still appears in the output;
- `lek_deels`: any word of the span survives in place (found by aligning input and output words), so
  "Fatima [NAAM]" counts as a leak too. The targets apply to this stricter one.
Every 5th message is held out: its figures are reported, its failures never printed (no tuning on it).

Run: .venv/bin/python scripts/anonimiseren_eval.py [--fouten]   (writes reports/anonimiseren.json)
"""
from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.privacy.anonimiseren import anonimiseer, warm_up  # noqa: E402
from bot.privacy.anonimiseren.woorden import SOORTEN  # noqa: E402

CORPUS = ROOT / "tests" / "privacy" / "anonimiseren" / "corpus.jsonl"
REPORT = ROOT / "reports" / "anonimiseren.json"
TARGETS = {"BSN": 0.0, "IBAN": 0.0, "TELEFOON": 0.0, "EMAIL": 0.0, "POSTCODE": 0.0, "ADRES": 0.0, "KENTEKEN": 0.0,
           "DATUM": 0.0, "NUMMER": 0.0, "NAAM": 0.01}
# Words inside a span that identify no one on their own ("van", "de"; "punt" in a spoken address).
NOT_IDENTIFYING = {"van", "de", "der", "den", "het", "t", "el", "al", "la", "le", "ter", "ten", "punt", "dot", "at",
                   "apenstaartje"}
WORD_RE = re.compile(r"\w+")


def load_corpus(path: Path = CORPUS) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def held_out(index: int) -> bool:
    return index % 5 == 4


def surviving_words(text: str, output: str) -> list[tuple[re.Match, bool]]:
    """Each word of the input with whether it is still there, in place, in the output."""
    words = list(WORD_RE.finditer(text))
    out = [m.group() for m in WORD_RE.finditer(output)]
    matcher = difflib.SequenceMatcher(None, [w.group() for w in words], out, autojunk=False)
    kept = set()
    for block in matcher.get_matching_blocks():
        kept.update(range(block.a, block.a + block.size))
    return [(w, i in kept) for i, w in enumerate(words)]


def _digits_in(digits: str, output: str) -> bool:
    """The digits still in the output, however they are grouped: "06 12 34" contains "061234"."""
    return digits in re.sub(r"(?<=\d)[\s./-]+(?=\d)", "", output)


def span_leaks(record: dict, output: str) -> list[tuple[dict, bool, bool]]:
    """(span, leaked by text or digits, leaked in part) for each labelled span."""
    text, pos, result = record["tekst"], 0, []
    words = surviving_words(text, output)
    for span in record["spans"]:
        start = text.find(span["tekst"], pos)
        end = start + len(span["tekst"])
        pos = end
        digits = re.sub(r"\D", "", span["tekst"])
        whole = span["tekst"].lower() in output.lower() or (len(digits) >= 4 and _digits_in(digits, output))
        part = any(kept for w, kept in words if w.start() >= start and w.end() <= end
                   and w.group().lower() not in NOT_IDENTIFYING)
        result.append((span, whole, whole or part))
    return result


def evaluate(records: list[tuple[int, dict]]) -> dict:
    kinds = {k: {"spans": 0, "lek": 0, "lek_deels": 0} for k in SOORTEN}
    clean = {"berichten": 0, "veranderd": 0, "woorden": 0, "woorden_veranderd": 0}
    collateral = {"woorden": 0, "woorden_veranderd": 0}
    failures = []
    for index, record in records:
        output = anonimiseer(record["tekst"])
        if not record["spans"]:
            words = surviving_words(record["tekst"], output)
            clean["berichten"] += 1
            clean["veranderd"] += output != record["tekst"]
            clean["woorden"] += len(words)
            changed = [w.group() for w, kept in words if not kept]
            clean["woorden_veranderd"] += len(changed)
            if changed:
                failures.append((index, "TE VEEL", record["tekst"], output, changed))
            continue
        for span, whole, part in span_leaks(record, output):
            counts = kinds[span["soort"]]
            counts["spans"] += 1
            counts["lek"] += whole
            counts["lek_deels"] += part
            if part:
                failures.append((index, span["soort"], record["tekst"], output, span["tekst"]))
        inside = _span_ranges(record)
        lost = []
        for w, kept in surviving_words(record["tekst"], output):
            if not any(a <= w.start() < b for a, b in inside):
                collateral["woorden"] += 1
                collateral["woorden_veranderd"] += not kept
                lost += [] if kept else [w.group()]
        if lost:
            failures.append((index, "BIJSCHADE", record["tekst"], output, lost))
    for counts in kinds.values():
        n = counts["spans"] or 1
        counts["lek_fractie"] = round(counts["lek"] / n, 4)
        counts["lek_deels_fractie"] = round(counts["lek_deels"] / n, 4)
    return {
        "berichten": len(records),
        "soorten": kinds,
        "schoon": {**clean,
                   "fractie_berichten_veranderd": round(clean["veranderd"] / max(clean["berichten"], 1), 4),
                   "fractie_woorden_veranderd": round(clean["woorden_veranderd"] / max(clean["woorden"], 1), 4)},
        "bijschade": {**collateral, "fractie_woorden_veranderd":
                      round(collateral["woorden_veranderd"] / max(collateral["woorden"], 1), 4)},
        "_fouten": failures,
    }


def _span_ranges(record: dict) -> list[tuple[int, int]]:
    ranges, pos = [], 0
    for span in record["spans"]:
        start = record["tekst"].find(span["tekst"], pos)
        ranges.append((start, start + len(span["tekst"])))
        pos = start + len(span["tekst"])
    return ranges


def meets_targets(result: dict) -> bool:
    return all(result["soorten"][k]["lek_deels_fractie"] <= limit for k, limit in TARGETS.items())


def _table(name: str, result: dict) -> str:
    lines = [f"\n{name}: {result['berichten']} berichten",
             f"  {'soort':<10}{'spans':>7}{'lek':>8}{'lek (deels)':>13}{'doel':>8}"]
    for kind, c in result["soorten"].items():
        target = TARGETS.get(kind)
        lines.append(f"  {kind:<10}{c['spans']:>7}{c['lek_fractie']:>8.1%}{c['lek_deels_fractie']:>13.1%}"
                     f"{'' if target is None else f'≤{target:.0%}':>8}")
    s, b = result["schoon"], result["bijschade"]
    lines.append(f"  schone berichten veranderd: {s['veranderd']}/{s['berichten']} "
                 f"({s['fractie_berichten_veranderd']:.1%}), woorden veranderd: "
                 f"{s['woorden_veranderd']}/{s['woorden']} ({s['fractie_woorden_veranderd']:.1%})")
    lines.append(f"  bijschade (woorden buiten de spans in berichten met gegevens): "
                 f"{b['woorden_veranderd']}/{b['woorden']} ({b['fractie_woorden_veranderd']:.1%})")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fouten", action="store_true", help="toon de fouten (alleen van het afstemdeel)")
    args = parser.parse_args()
    warm_up()
    corpus = list(enumerate(load_corpus()))
    results = {
        "afstemdeel": evaluate([(i, r) for i, r in corpus if not held_out(i)]),
        "achtergehouden": evaluate([(i, r) for i, r in corpus if held_out(i)]),
        "totaal": evaluate(corpus),
    }
    if args.fouten:
        for index, kind, text, output, what in results["afstemdeel"]["_fouten"]:
            print(f"[{index}] {kind}: {what!r}\n    in:  {text}\n    uit: {output}")
    for name, result in results.items():
        print(_table(name, result))
    report = {name: {k: v for k, v in r.items() if not k.startswith("_")} for name, r in results.items()}
    report["doelen_lek_deels"] = TARGETS
    report["doelen_gehaald"] = {name: meets_targets(r) for name, r in results.items()}
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nRapport: {REPORT.relative_to(ROOT)}")
    _write_doc(results)
    return 0


def _write_doc(results: dict) -> None:
    """The same figures as a section of docs/benchmarks.md (a word of a span left in place counts as a leak)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from benchmarks_doc import write_section

    parts = [("afstemdeel", "tuned (4/5)"), ("achtergehouden", "held out (1/5)")]
    lines = ["| kind | " + " | ".join(f"{label}: spans | leaked" for _, label in parts) + " | target |",
             "|---|" + "---|---|" * len(parts) + "---|"]
    for kind in SOORTEN:
        cells = []
        for name, _ in parts:
            c = results[name]["soorten"][kind]
            cells += [str(c["spans"]), f"{c['lek_deels']} ({c['lek_deels_fractie']:.1%})"]
        target = TARGETS.get(kind)
        lines.append(f"| {kind} | " + " | ".join(cells) + f" | {'' if target is None else f'≤ {target:.0%}'} |")
    clean = [results[name]["schoon"] for name, _ in parts]
    lines.append("| clean words changed | " + " | ".join(
        f"{c['woorden']} | {c['woorden_veranderd']} ({c['fractie_woorden_veranderd']:.1%})" for c in clean) + " | ≤ 1% |")
    write_section("anonimiseren", f"{results['totaal']['berichten']} messages of `tests/privacy/anonimiseren/corpus.jsonl`; "
                                  "every 5th is held out and its failures are never printed.\n\n" + "\n".join(lines) + "\n")


if __name__ == "__main__":
    sys.exit(main())
