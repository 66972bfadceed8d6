"""NLU on held-out messages: pipelines trained on data/nlu only, measured on eval/ (written apart, never trained on).

For each pipeline: intent accuracy, macro-F1 over all intents and over the four levensdomeinen, crisis recall,
false crisis answers on the calm messages with alarming-looking words (eval/crisis_kalm.yml), the same figures
with typos (one character swapped, dropped or doubled in 10% of the words), the entities (onderwerp as its button,
doelgroep, wijk: share right, "none" included), the training time (`rasa train nlu`, wall clock), and the Rasa
server with that model: seconds until it answers and its memory (RSS). Only figures are printed, never a held-out
message: what is measured here is not tuned on.

Run: make nlu-heldout                          (every pipeline in scripts/pipelines/ and config.yml)
     .venv/bin/python scripts/nlu_heldout.py --model models/intake.tar.gz   (one trained model)
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from nlu_bench import tfidf_baseline, train_rasa, typos  # noqa: E402

EVAL = ROOT / "eval"
PIPELINES = ROOT / "scripts" / "pipelines"
REPORT = ROOT / "reports" / "nlu_heldout.json"
DOMEINEN = ["vraag_wonen", "vraag_werk_inkomen", "vraag_jeugd", "vraag_wmo_aanvraag"]
SEED = 2026


ENTITEITEN = ("onderwerp", "doelgroep", "wijk")


def load_eval() -> tuple[list[dict], list[tuple[str, str]]]:
    heldout = yaml.safe_load((EVAL / "nlu_heldout.yml").read_text(encoding="utf-8"))["berichten"]
    kalm = yaml.safe_load((EVAL / "crisis_kalm.yml").read_text(encoding="utf-8"))["berichten"]
    return heldout, [(b["tekst"], b["intent"]) for b in kalm]


def quiet() -> None:
    """Rasa logs parsed messages at debug level; nothing of the held-out set may reach the terminal."""
    import logging

    from rasa.utils.log_utils import configure_structlog

    logging.getLogger().setLevel(logging.ERROR)
    for name in ("rasa", "tensorflow", "absl"):
        logging.getLogger(name).setLevel(logging.ERROR)
    configure_structlog(logging.ERROR)


def predict_rasa(model: Path, texts: list[str]) -> list[dict]:
    import asyncio

    from rasa.core.agent import Agent

    quiet()
    agent = Agent.load(str(model))

    async def run():
        found = []
        for t in texts:
            parsed = await agent.parse_message(t)
            entities = {}
            for e in parsed.get("entities") or []:
                entities.setdefault(e.get("entity"), e.get("value"))
            found.append({"intent": (parsed.get("intent") or {}).get("name"), "entities": entities})
        return found

    return asyncio.run(run())


def entity_scores(heldout: list[dict], predicted: list[dict]) -> dict:
    from bot.gesprek.herkennen import hoofdonderwerp

    scores = {}
    for name in ENTITEITEN:
        right = 0
        for item, p in zip(heldout, predicted):
            want, got = item.get(name), p["entities"].get(name)
            if name == "onderwerp":  # as the button it belongs to: what the dialogue works with
                domein = item["intent"][len("vraag_"):] if item["intent"].startswith("vraag_") else None
                want = hoofdonderwerp(want, domein) or want
                got = hoofdonderwerp(got, domein) or got
            right += (want or None) == (got or None)
        scores[name] = round(right / len(heldout), 3)
    return scores


def server(model: Path) -> dict:
    """Start `rasa run` with this model: seconds until /status answers, and the server's RSS then."""
    import socket
    import subprocess

    import requests

    from bot.rasa_adapters.cli import COMMAND as RASA

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    start = time.monotonic()
    proc = subprocess.Popen([*RASA, "run", "--model", str(model), "--port", str(port), "--interface", "127.0.0.1",
                             "--enable-api"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.monotonic() - start < 300:
            try:
                if requests.get(f"http://127.0.0.1:{port}/status", timeout=1).status_code == 200:
                    break
            except requests.RequestException:
                pass
            time.sleep(0.2)
        seconds = time.monotonic() - start
        requests.post(f"http://127.0.0.1:{port}/model/parse", json={"text": "hallo"}, timeout=60)
        rss = next(int(line.split()[1]) for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines()
                   if line.startswith("VmRSS"))
    finally:
        proc.terminate()
        proc.wait(timeout=60)
    return {"start_seconden": round(seconds, 1), "rss_mb": round(rss / 1024)}


def measure(truth: list[str], predicted: list[str], kalm_predicted: list[str]) -> dict:
    from sklearn.metrics import accuracy_score, f1_score

    crisis = [p for t, p in zip(truth, predicted) if t == "crisis"]
    return {
        "accuracy": round(accuracy_score(truth, predicted), 3),
        "macro_f1": round(f1_score(truth, predicted, average="macro", zero_division=0), 3),
        "domein_macro_f1": round(f1_score(truth, predicted, labels=DOMEINEN, average="macro", zero_division=0), 3),
        "crisis_recall": round(sum(p == "crisis" for p in crisis) / max(len(crisis), 1), 3),
        "vals_alarm": round(sum(p == "crisis" for p in kalm_predicted) / max(len(kalm_predicted), 1), 4),
        "vals_alarm_aantal": sum(p == "crisis" for p in kalm_predicted),
    }


def evaluate(predict, heldout, kalm, rng_seed: int = SEED) -> dict:
    """`predict` maps texts to parses ({"intent", "entities"}) or to intent names."""
    rng = random.Random(rng_seed)
    texts, truth = [b["tekst"] for b in heldout], [b["intent"] for b in heldout]
    kalm_texts = [t for t, _ in kalm]
    noisy, kalm_noisy = [typos(t, rng) for t in texts], [typos(t, rng) for t in kalm_texts]
    parsed = predict(texts + kalm_texts + noisy + kalm_noisy)
    parsed = [p if isinstance(p, dict) else {"intent": p, "entities": {}} for p in parsed]
    predicted = [p["intent"] for p in parsed]
    n, k = len(texts), len(kalm_texts)
    result = {"schoon": measure(truth, predicted[:n], predicted[n:n + k]),
              "typfouten": measure(truth, predicted[n + k:2 * n + k], predicted[2 * n + k:])}
    if any(p["entities"] for p in parsed):
        result["entiteiten"] = entity_scores(heldout, parsed[:n])
    return result


def training_yaml(folder: Path) -> str:
    from rasa.shared.nlu.training_data.loading import load_data

    return load_data(str(folder)).nlu_as_yaml()


def pipelines(selected: list[str] | None) -> dict[str, str]:
    found = {"config.yml": (ROOT / "config.yml").read_text()}
    for path in sorted(PIPELINES.glob("*.yml")):
        found[path.stem] = path.read_text()
    return {k: v for k, v in found.items() if not selected or k in selected}


def rij(naam: str, r: dict) -> str:
    s, t, e, srv = r["schoon"], r["typfouten"], r.get("entiteiten") or {}, r.get("server") or {}
    entiteiten = " / ".join(f"{e[k]:.2f}" for k in ENTITEITEN) if e else "–"
    return (f"| {naam} | {s['accuracy']:.3f} | {s['macro_f1']:.3f} | {s['domein_macro_f1']:.3f} | "
            f"{s['crisis_recall']:.2f} | {s['vals_alarm_aantal']} ({s['vals_alarm']:.1%}) | {t['accuracy']:.3f} | "
            f"{t['macro_f1']:.3f} | {entiteiten} | {r.get('train_seconds', '–')} s | "
            f"{srv.get('start_seconden', '–')} s | {srv.get('rss_mb', '–')} MB |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="evaluate this trained model instead of training the pipelines")
    parser.add_argument("--pipelines", help="only these (comma separated: config.yml, names in scripts/pipelines/)")
    parser.add_argument("--data", default=str(ROOT / "data" / "nlu"),
                        help="trainingsdata (standaard data/nlu; een oudere versie om 'voor' te meten)")
    parser.add_argument("--geen-doc", action="store_true", help="docs/benchmarks.md niet bijwerken")
    args = parser.parse_args()
    heldout, kalm = load_eval()
    results: dict[str, dict] = {}
    if args.model:
        results[Path(args.model).name] = evaluate(lambda xs: predict_rasa(Path(args.model), xs), heldout, kalm)
        results[Path(args.model).name]["server"] = server(Path(args.model))
    else:
        train_yaml = training_yaml(Path(args.data))
        with tempfile.TemporaryDirectory() as folder:
            tmp = Path(folder)
            for name, config_text in pipelines(args.pipelines.split(",") if args.pipelines else None).items():
                model, seconds = train_rasa(config_text, train_yaml, tmp, name.replace(".yml", ""))
                results[name] = evaluate(lambda xs, m=model: predict_rasa(m, xs), heldout, kalm)
                results[name]["train_seconds"] = round(seconds)
                results[name]["server"] = server(model)
                print(rij(name, results[name]), flush=True)
        from rasa.shared.nlu.training_data.loading import load_data

        data = load_data(args.data)
        train = [(m.get("text"), m.get("intent")) for m in data.intent_examples]
        start = time.monotonic()
        baseline, _ = tfidf_baseline(train, [])
        results["tfidf_lr (sklearn, no guards)"] = evaluate(lambda xs: list(baseline.predict(xs)), heldout, kalm)
        results["tfidf_lr (sklearn, no guards)"]["train_seconds"] = round(time.monotonic() - start)
    if args.pipelines and not args.model and args.data == parser.get_default("data") and REPORT.exists():
        # Only some pipelines re-run: the others keep their last measured row (same data, same held-out sets).
        results = {**json.loads(REPORT.read_text()), **results}
    kop = ("| pipeline | accuracy | macro-F1 | domain macro-F1 | crisis recall | false crisis (of "
           f"{len(kalm)} calm) | accuracy with typos | macro-F1 with typos | entities right (onderwerp / doelgroep / "
           "wijk) | training | server start | server RSS |")
    regels = [kop, "|---" * 12 + "|"] + [rij(n, r) for n, r in results.items()]
    print("\n".join(regels))
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(json.dumps(results, indent=2) + "\n")
    if not args.geen_doc and not args.model:
        from benchmarks_doc import write_section

        write_section("nlu_heldout", f"{len(heldout)} held-out messages (`eval/nlu_heldout.yml`, "
                                     f"{sum(b['intent'] == 'crisis' for b in heldout)} of them crisis) and {len(kalm)} calm "
                                     "messages with alarming-looking words (`eval/crisis_kalm.yml`), written apart from "
                                     "`data/nlu/` and never trained on; every pipeline trained on `data/nlu/` only.\n\n"
                                     + "\n".join(regels) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
