"""Cross-validate the NLU pipeline on our own training data and write the reports to reports/.

Prints the macro-F1 over intents and how long one full training of the bot takes on this machine.
Usage: make nlu-eval   (FOLDS=3 by default; FOLDS=5 make nlu-eval for more)
"""
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from bot.rasa_adapters.cli import COMMAND as RASA  # Rasa without telemetry

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "reports"
FOLDS = os.environ.get("FOLDS", "3")  # 3 keeps it near 25 minutes on 2 cores


def main() -> None:
    REPORTS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        start = time.monotonic()
        # No cache: the figure is what a fresh clone (and CI) pays.
        subprocess.run([*RASA, "train", "--out", tmp, "--quiet"], cwd=ROOT, check=True,
                       env={**os.environ, "RASA_MAX_CACHE_SIZE": "0"})
        train_seconds = time.monotonic() - start

        out = Path(tmp) / "cv"
        start = time.monotonic()
        subprocess.run([*RASA, "test", "nlu", "--nlu", "data/nlu", "--config", "config.yml",
                        "--cross-validation", "--folds", FOLDS, "--out", str(out)], cwd=ROOT, check=True)
        cv_seconds = time.monotonic() - start
        for name in ("intent_report.json", "intent_confusion_matrix.png", "intent_errors.json",
                     "DIETClassifier_report.json"):
            if (out / name).exists():
                shutil.copy(out / name, REPORTS / name)

    report = json.loads((REPORTS / "intent_report.json").read_text())
    summary = {
        "folds": int(FOLDS),
        "intent_macro_f1": round(report["macro avg"]["f1-score"], 3),
        "intent_weighted_f1": round(report["weighted avg"]["f1-score"], 3),
        "intent_accuracy": round(report.get("accuracy", float("nan")), 3),
        "train_seconds": round(train_seconds),
        "cross_validation_seconds": round(cv_seconds),
    }
    (REPORTS / "nlu_eval_summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    print("\nNLU-kruisvalidatie:")
    for key, value in summary.items():
        print(f"  {key:28} {value}")
    worst = sorted((v["f1-score"], k) for k, v in report.items() if isinstance(v, dict) and "support" in v
                   and k not in ("macro avg", "weighted avg", "micro avg"))[:5]
    print("  zwakste intents:", ", ".join(f"{k} {f:.2f}" for f, k in worst))


if __name__ == "__main__":
    main()
