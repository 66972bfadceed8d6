"""Load benchmark: realistic multi-turn conversations against (a) our bot in the default profile, (b) the
production profile, (c) a plain Rasa starter bot (`rasa init`) as the floor of what Rasa itself costs.

Each level runs N concurrent conversations (asyncio + aiohttp) for DURATION seconds; every conversation
is a whole intake: a domain question (all four domains), sometimes B1, the questions, the choice of
meedenkers and, in a third of them, a handover. Prints p50/p95/p99 latency per turn, throughput and
errors per target and level, the ratio of our p95 to the floor's, then a soak run with the memory of
every process at start and end. Writes the tables to docs/benchmarks.md.
Usage: make bench   (DURATION=30 LEVELS=10,50,100 SOAK_MINUTES=10 by default)
"""
from __future__ import annotations

import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

DURATION = float(os.environ.get("DURATION", "30"))
LEVELS = [int(x) for x in os.environ.get("LEVELS", "10,50,100").split(",")]
SOAK_MINUTES = float(os.environ.get("SOAK_MINUTES", "10"))
SOAK_LEVEL = int(os.environ.get("SOAK_LEVEL", "10"))
TARGETS = os.environ.get("TARGETS", "floor,default,productie").split(",")

DOMAINS = ["ik heb huurachterstand en moet misschien mijn huis uit", "ik kom niet rond en heb schulden",
           "mijn zoon van 15 gaat niet meer naar school", "ik wil huishoudelijke hulp aanvragen"]
FLOOR_SCRIPT = ["hello", "I am feeling sad", "yes", "great, thanks", "bye"]


def our_script(rng: random.Random) -> list[str]:
    turns = ["hallo"]
    if rng.random() < 0.2:
        turns.append("kan het in makkelijke taal")
    turns += [rng.choice(DOMAINS), "ja"]
    turns += ["weet ik niet", "maakt niet uit", "weet ik niet", "nederlands is goed"]  # the intake questions
    if rng.random() < 1 / 3:
        turns += ["/vraag_medewerker", "ja", "06 12345678", "maakt niet uit", "de coordinator mag kiezen"]
    turns.append("bedankt")
    return turns


def _is_fault(body) -> bool:
    """The channel's safety net answers 200 with an apology; for a benchmark that is an error."""
    texts = [m.get("text") or "" for m in body if isinstance(m, dict)]
    return any(t.startswith("Sorry, er ging iets mis aan onze kant") for t in texts) and TE_LANG not in texts


async def conversation(session, url, script, latencies, errors, stop_at):
    sender, key = f"bench-{uuid.uuid4().hex}", None
    for message in script:
        if time.monotonic() > stop_at:
            return
        start = time.monotonic()
        try:
            async with session.post(url, json={"sender": sender, "message": message, "sleutel": key}) as reply:
                body = await reply.json(content_type=None)
                if reply.status != 200 or not body or _is_fault(body):
                    errors.append(f"{reply.status}: {str(body)[:80]}")
                    continue
                body, new_key = split_key(body)
                key = new_key or key
        except Exception as exc:  # noqa: BLE001 - every failure counts as an error
            errors.append(f"{exc.__class__.__name__}: {exc}")
            continue
        latencies.append(time.monotonic() - start)


async def run_level(url: str, concurrency: int, duration: float, script_for) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    rng = random.Random(concurrency)
    stop_at = time.monotonic() + duration
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(timeout=timeout, connector=aiohttp.TCPConnector(limit=0)) as session:
        async def user():
            while time.monotonic() < stop_at:
                await conversation(session, url, script_for(rng), latencies, errors, stop_at)

        started = time.monotonic()
        await asyncio.gather(*(user() for _ in range(concurrency)))
        elapsed = time.monotonic() - started
    q = statistics.quantiles(latencies, n=100) if len(latencies) >= 2 else [float("nan")] * 99
    return {"concurrency": concurrency, "turns": len(latencies), "errors": len(errors),
            "p50_ms": round(q[49] * 1000), "p95_ms": round(q[94] * 1000), "p99_ms": round(q[98] * 1000),
            "throughput": round(len(latencies) / elapsed, 1), "error_examples": errors[:3]}


from bot.rasa_adapters.channel import TE_LANG  # noqa: E402
from bot.rasa_adapters.cli import COMMAND as RASA_COMMAND  # noqa: E402
from bot.runtime.chat import split_key  # noqa: E402 (after the sys.path lines)
from bot.runtime.launcher import free_port  # noqa: E402


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (the process group), from /proc."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(stat[2]) != pid and int(entry.name) != pid:  # field 5: process group
                continue
            for line in (entry / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except (OSError, IndexError, ValueError):
            continue
    return round(total / 1024)


def start_floor(tmp: Path):
    """`rasa init` in a temporary folder (it trains its model), then its Rasa server with the REST channel."""
    subprocess.run([*RASA_COMMAND, "init", "--no-prompt", "--init-dir", str(tmp)], cwd=tmp, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    port = free_port()
    log = open(tmp / "floor.log", "ab")
    proc = subprocess.Popen([*RASA_COMMAND, "run", "--port", str(port), "--interface", "127.0.0.1"], cwd=tmp,
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    import requests

    for _ in range(300):
        try:
            if requests.get(f"{url}/webhooks/rest/", timeout=2).ok:
                return proc, f"{url}/webhooks/rest/webhook"
        except requests.RequestException:
            pass
        time.sleep(1)
    raise RuntimeError("floor bot did not start")


def our_stack(kind: str, tmp: Path):
    from bot import db
    from bot.config import load_settings
    from bot.netwerk import netwerk
    from bot.runtime.launcher import Stack
    from bot.runtime.productie import ProductieStack

    env = {k: str(free_port()) for k in ("RASA_PORT", "ACTION_PORT", "WERKPLEK_PORT", "SITE_PORT")}
    if kind == "default":
        env |= {"DATABASE_URL": f"sqlite:///{tmp}/bot.db", "TRACKER_STORE_URL": f"sqlite:///{tmp}/tracker.db"}
    else:
        suffix = uuid.uuid4().hex[:8]
        env |= {"DATABASE_URL": f"postgresql://postgres@127.0.0.1:5432/intakebot_bench_{suffix}",
                "TRACKER_STORE_URL": f"postgresql://postgres@127.0.0.1:5432/intakebot_bench_gesprekken_{suffix}",
                "LOCK_STORE_URL": "redis://127.0.0.1:6379/4"}
    settings = load_settings(environ=env)
    cls = Stack if kind == "default" else ProductieStack
    stack = cls(settings=settings, log_dir=tmp / f"logs-{kind}", env=env)
    stack.prepare_database()
    stack.start(timeout=600)
    netwerk.load_demo_if_empty(db.session_factory(settings.database_url), settings.wijken)
    return stack


def drop_bench_databases(stack) -> None:
    from sqlalchemy import create_engine, text

    from bot import db

    db.engine_for(stack.settings.database_url).dispose()
    admin = create_engine("postgresql://postgres@127.0.0.1:5432/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        for url in (stack.settings.database_url, stack.settings.tracker_store_url):
            conn.execute(text(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)'))


def table(rows: list[dict]) -> str:
    lines = ["| target | concurrent | turns | p50 ms | p95 ms | p99 ms | turns/s | errors |", "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['target']} | {r['concurrency']} | {r['turns']} | {r['p50_ms']} | {r['p95_ms']} | "
                     f"{r['p99_ms']} | {r['throughput']} | {r['errors']} |")
    return "\n".join(lines)


def main() -> None:
    from benchmarks_doc import write_section

    rows = []
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        if "floor" in TARGETS:
            floor_dir = tmp / "floor"
            floor_dir.mkdir()
            print("Vloer: rasa init trainen en starten...", flush=True)
            floor, floor_url = start_floor(floor_dir)
            try:
                for level in LEVELS:
                    r = asyncio.run(run_level(floor_url, level, DURATION, lambda rng: FLOOR_SCRIPT))
                    rows.append({"target": "floor (rasa init)", **r})
                    print(rows[-1], flush=True)
            finally:
                os.killpg(floor.pid, 15)
                floor.wait(30)

        for kind in [t for t in ("default", "productie") if t in TARGETS]:
            print(f"Onze bot, profiel {kind}: starten...", flush=True)
            stack = our_stack(kind, tmp)
            try:
                url = f"{stack.rasa_url}/webhooks/rest/webhook"
                asyncio.run(run_level(url, 5, 10, our_script))  # warm-up, not counted
                for level in LEVELS:
                    r = asyncio.run(run_level(url, level, DURATION, our_script))
                    rows.append({"target": f"ours, {kind} profile", **r})
                    print(rows[-1], flush=True)
                if kind == "default" and SOAK_MINUTES > 0:
                    soak(stack, url, write_section)
            finally:
                stack.stop()
                if kind == "productie":
                    drop_bench_databases(stack)

    floor_p95 = {r["concurrency"]: r["p95_ms"] for r in rows if r["target"].startswith("floor")}
    ratios = [f"- {r['target']}, {r['concurrency']} concurrent: p95 ratio to the floor "
              f"{r['p95_ms'] / floor_p95[r['concurrency']]:.2f}" for r in rows
              if not r["target"].startswith("floor") and floor_p95.get(r["concurrency"])]
    body = (f"{DURATION:.0f} s per level; one turn = one POST to the REST channel and its full answer. "
            "Our conversations: greeting, sometimes B1, a domain question (all four), the intake questions, "
            "the choice of meedenkers, in a third of them a handover (consent, phone, moment, choice), thanks. "
            "The floor: `rasa init`'s moodbot (greet, mood, affirm, goodbye). Load generator, servers and "
            "databases share the same machine.\n\n" + table(rows) + "\n\n" + "\n".join(ratios) + "\n")
    print("\n" + table(rows) + "\n" + "\n".join(ratios))
    write_section("load", body)


def soak(stack, url, write_section) -> None:
    print(f"Duurtest: {SOAK_MINUTES:g} minuten met {SOAK_LEVEL} gesprekken tegelijk...", flush=True)
    before = {p.name: rss_mb(p.pid) for p in stack.processes}
    r = asyncio.run(run_level(url, SOAK_LEVEL, SOAK_MINUTES * 60, our_script))
    after = {p.name: rss_mb(p.pid) for p in stack.processes}
    lines = ["| process | RSS at start (MB) | RSS at end (MB) |", "|---|---|---|"]
    lines += [f"| {name} | {before[name]} | {after.get(name, '?')} |" for name in before]
    body = (f"Default profile, {SOAK_LEVEL} concurrent conversations for {SOAK_MINUTES:g} minutes: "
            f"{r['turns']} turns, p95 {r['p95_ms']} ms, {r['errors']} errors.\n\n" + "\n".join(lines) + "\n")
    print(body, flush=True)
    write_section("soak", body)


if __name__ == "__main__":
    main()
