"""Benchmark: the anonymiser's load time, memory and time per message over the labelled corpus.

Load time and RSS are measured in a fresh process (what the action server or `bot anonimiseer` pays at
start, with the cache already built at setup); the timings per message after warm-up, in one thread.
Run: .venv/bin/python benchmarks/bench_anonimiseren.py
"""
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT / "tests" / "anonimiseren" / "corpus.jsonl"
ROUNDS = 5

LOAD = """
import time
def rss():
    return next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmRSS")) / 1024
import bot.config
before = rss()
start = time.perf_counter()
from bot.privacy.anonimiseren import warm_up
warm_up()
print(time.perf_counter() - start, before, rss())
"""


def percentile(values, p):
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def main() -> None:
    out = subprocess.run([sys.executable, "-c", LOAD], capture_output=True, text=True, check=True, cwd=ROOT)
    load_s, rss_before, rss_after = (float(x) for x in out.stdout.split())
    print(f"laden (uit de cache, vers proces): {load_s:.2f} s")
    print(f"geheugen (RSS): {rss_before:.0f} MB voor, {rss_after:.0f} MB na het laden "
          f"(+{rss_after - rss_before:.0f} MB)")

    from bot.privacy.anonimiseren import anonimiseer, warm_up

    warm_up()
    messages = [json.loads(line)["tekst"] for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    times = []
    start = time.perf_counter()
    for _ in range(ROUNDS):
        for text in messages:
            t0 = time.perf_counter()
            anonimiseer(text)
            times.append(time.perf_counter() - t0)
    total = time.perf_counter() - start
    ms = [t * 1000 for t in times]
    print(f"{len(messages)} berichten x {ROUNDS} rondes: p50 {percentile(ms, 50):.2f} ms, "
          f"p95 {percentile(ms, 95):.2f} ms, max {max(ms):.2f} ms, {len(times) / total:.0f} berichten/s")


if __name__ == "__main__":
    main()
