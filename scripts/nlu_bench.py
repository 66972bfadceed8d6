"""Compare NLU pipelines on the same cross-validation folds of our training data, clean and with typos.

1. our pipeline (config.yml), 2. Rasa's default pipeline (a config without `pipeline:`),
3. a TF-IDF + logistic regression baseline (scikit-learn). For each: intent accuracy and macro-F1 on the
held-out fold, and on the same messages with synthetic typos (a character swapped, dropped or doubled in
10% of the words). Writes reports/nlu_bench.json and the table in docs/benchmarks.md.
Usage: make nlu-bench   (FOLDS=3 by default; takes about 40 minutes on 2 cores)
"""
from __future__ import annotations

import asyncio
import json
import os
import random
import re
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from bot.rasa_adapters.cli import COMMAND as RASA  # Rasa without telemetry

ROOT = Path(__file__).resolve().parent.parent
FOLDS = int(os.environ.get("FOLDS", "3"))
SEED = 2015
DEFAULT_CONFIG = "recipe: default.v1\nassistant_id: nlu-bench-default\nlanguage: nl\n"


def typos(text: str, rng: random.Random, share: float = 0.10) -> str:
    """Swap, drop or double one character in `share` of the words (at least one word when there are any)."""
    words = text.split(" ")
    candidates = [i for i, w in enumerate(words) if len(re.sub(r"\W", "", w)) >= 2]
    if not candidates:
        return text
    for i in rng.sample(candidates, max(1, round(share * len(candidates)))):
        w = words[i]
        p = rng.randrange(len(w) - 1)
        kind = rng.choice(("swap", "drop", "double"))
        if kind == "swap":
            w = w[:p] + w[p + 1] + w[p] + w[p + 2:]
        elif kind == "drop":
            w = w[:p] + w[p + 1:]
        else:
            w = w[:p] + w[p] + w[p:]
        words[i] = w
    return " ".join(words)


def load_examples():
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(ROOT / "data" / "nlu"))
    return data, [(m.get("text"), m.get("intent")) for m in data.intent_examples]


def folds(examples):
    from sklearn.model_selection import StratifiedKFold

    labels = [intent for _, intent in examples]
    return list(StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED).split(examples, labels))


def scores(truth, predicted) -> dict:
    from sklearn.metrics import accuracy_score, f1_score

    return {"accuracy": round(accuracy_score(truth, predicted), 3),
            "macro_f1": round(f1_score(truth, predicted, average="macro", zero_division=0), 3)}


def train_rasa(config_text: str, train_yaml: str, tmp: Path, name: str) -> tuple[Path, float]:
    config = tmp / f"{name}.yml"
    config.write_text(config_text)
    nlu = tmp / f"{name}-nlu.yml"
    nlu.write_text(train_yaml)
    start = time.monotonic()
    subprocess.run([*RASA, "train", "nlu", "--config", str(config), "--nlu", str(nlu), "--out", str(tmp),
                    "--fixed-model-name", name, "--quiet"], cwd=ROOT, check=True,
                   env={**os.environ, "RASA_MAX_CACHE_SIZE": "0"}, stdout=subprocess.DEVNULL)
    return tmp / f"{name}.tar.gz", time.monotonic() - start


def predict_rasa(model: Path, texts: list[str]) -> list[str]:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))

    async def run():
        return [((await agent.parse_message(t)).get("intent") or {}).get("name") for t in texts]

    return asyncio.run(run())


def tfidf_baseline(train, test_texts):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    model = make_pipeline(
        make_union(TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, min_df=1),
                   TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)),
        LogisticRegression(max_iter=2000, C=10))
    start = time.monotonic()
    model.fit([t for t, _ in train], [i for _, i in train])
    return model, time.monotonic() - start


def main() -> None:
    from rasa.shared.nlu.training_data.training_data import TrainingData

    data, examples = load_examples()
    our_config = (ROOT / "config.yml").read_text()
    rng = random.Random(SEED)
    results: dict[str, dict[str, list]] = {}
    train_seconds: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        for k, (train_idx, test_idx) in enumerate(folds(examples)):
            train = [examples[i] for i in train_idx]
            test = [examples[i] for i in test_idx]
            texts = [t for t, _ in test]
            noisy = [typos(t, rng) for t in texts]
            truth = [i for _, i in test]
            train_msgs = [data.intent_examples[i] for i in train_idx]
            train_yaml = TrainingData(training_examples=train_msgs, entity_synonyms=data.entity_synonyms,
                                      regex_features=data.regex_features,
                                      lookup_tables=data.lookup_tables).nlu_as_yaml()
            for name, config_text in (("ons", our_config), ("rasa_standaard", DEFAULT_CONFIG)):
                model, seconds = train_rasa(config_text, train_yaml, tmp, f"{name}-{k}")
                train_seconds.setdefault(name, []).append(seconds)
                for variant, inputs in (("schoon", texts), ("typfouten", noisy)):
                    results.setdefault(name, {}).setdefault(variant, []).append(
                        scores(truth, predict_rasa(model, inputs)))
                print(f"fold {k + 1}/{FOLDS} {name}: {results[name]['schoon'][-1]} "
                      f"typfouten {results[name]['typfouten'][-1]} ({seconds:.0f} s)", flush=True)
            model, seconds = tfidf_baseline(train, texts)
            train_seconds.setdefault("tfidf_lr", []).append(seconds)
            for variant, inputs in (("schoon", texts), ("typfouten", noisy)):
                results.setdefault("tfidf_lr", {}).setdefault(variant, []).append(
                    scores(truth, list(model.predict(inputs))))
            print(f"fold {k + 1}/{FOLDS} tfidf_lr: {results['tfidf_lr']['schoon'][-1]}", flush=True)

    summary = {name: {variant: {metric: round(statistics.mean(s[metric] for s in runs), 3)
                                for metric in ("accuracy", "macro_f1")}
                      for variant, runs in per.items()} | {"train_seconds": round(statistics.mean(train_seconds[name]))}
               for name, per in results.items()}
    out = {"folds": FOLDS, "seed": SEED, "examples": len(examples), "results": summary}
    (ROOT / "reports").mkdir(exist_ok=True)
    (ROOT / "reports" / "nlu_bench.json").write_text(json.dumps(out, indent=2) + "\n")
    labels = {"ons": "Our pipeline (config.yml)", "rasa_standaard": "Rasa default pipeline",
              "tfidf_lr": "TF-IDF + logistic regression"}
    lines = ["| pipeline | accuracy | macro-F1 | accuracy with typos | macro-F1 with typos | training per fold |",
             "|---|---|---|---|---|---|"]
    for name, s in summary.items():
        lines.append(f"| {labels[name]} | {s['schoon']['accuracy']:.3f} | {s['schoon']['macro_f1']:.3f} | "
                     f"{s['typfouten']['accuracy']:.3f} | {s['typfouten']['macro_f1']:.3f} | {s['train_seconds']} s |")
    table = "\n".join(lines)
    print("\n" + table)
    from benchmarks_doc import write_section  # noqa: E402 (scripts/ is on sys.path)

    write_section("nlu", f"{FOLDS}-fold cross-validation (stratified, seed {SEED}) over {len(examples)} "
                         f"examples of `data/nlu/`; typos: one character swapped, dropped or doubled in 10% of "
                         f"the words of each held-out message.\n\n{table}\n")


if __name__ == "__main__":
    main()
