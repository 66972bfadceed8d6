"""Benchmark: one match against a network of 5,000 meedenkers (target p95 < 20 ms).

Builds a synthetic network, writes it to a throw-away SQLite database through the real import path,
loads it back as the action server does, then times `matching.kies` for many random questions.
Run: make bench-matching
"""
import random
import statistics
import tempfile
import time

from bot import db
from bot.config import load_settings
from bot.netwerk import netwerk
from bot.netwerk.matching import Vraag, kies
from bot.vocabulaire import DOELGROEPEN, EXPERTISES, ONDERWERPEN, TALEN, Levensdomein

SIZE = 5000
MATCHES = 2000
rng = random.Random(2015)
wijken = list(load_settings(environ={}).wijken)
domeinen = [d.value for d in Levensdomein]


def synthetic(i: int) -> netwerk.MeedenkerRecord:
    return netwerk.MeedenkerRecord(
        sleutel=f"m{i}", naam=f"Meedenker {i}", organisatie=f"Organisatie {i % 40}",
        soort=rng.choice(["vrijwillig", "beroepsmatig"]),
        levensdomeinen=frozenset(rng.sample(domeinen, rng.randint(1, 3))),
        expertise=frozenset(rng.sample(sorted(EXPERTISES), rng.randint(0, 4))),
        wijken=frozenset() if rng.random() < 0.3 else frozenset(rng.sample(wijken, rng.randint(1, 3))),
        talen=frozenset(rng.sample(sorted(TALEN), rng.choice([0, 0, 0, 1, 2]))),
        neemt_nieuwe_inwoners=rng.random() < 0.85, telefoon="0123 456 789",
        intro="Ik denk met u mee.", intro_b1="Ik help u.")


def percentile(values, p):
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def main() -> None:
    records = [synthetic(i) for i in range(SIZE)]
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        db.upgrade(url)
        sessions = db.session_factory(url)
        start = time.perf_counter()
        with sessions() as session, session.begin():
            netwerk.replace_network(session, records)
        import_s = time.perf_counter() - start
        start = time.perf_counter()
        network = netwerk.NetworkCache(sessions).get()
        load_s = time.perf_counter() - start

    timings = []
    for r in range(MATCHES):
        domein = rng.choice(domeinen)
        vraag = Vraag(levensdomein=domein, onderwerp=rng.choice([None, *ONDERWERPEN[domein]]),
                      doelgroep=rng.choice([None, None, *DOELGROEPEN]), wijk=rng.choice([None, *wijken]),
                      voorkeur=rng.choice([None, "vrijwillig", "beroepsmatig"]),
                      taal=rng.choice([None, None, None, *TALEN]))
        start = time.perf_counter()
        keuze = kies(network, vraag, rotatie=r)
        timings.append((time.perf_counter() - start) * 1000)
        assert 2 <= len(keuze.opties) <= 4

    print(f"Netwerk: {SIZE} meedenkers, {MATCHES} matches")
    print(f"  importeren in de database (eenmalig):  {import_s:.2f} s")
    print(f"  laden uit de database (per {load_settings(environ={}).netwerk_verversen_seconden} s):   {load_s:.2f} s")
    print(f"  één match: p50 {percentile(timings, 50):.2f} ms, p95 {percentile(timings, 95):.2f} ms, "
          f"max {max(timings):.2f} ms  (doel: p95 < 20 ms)")


if __name__ == "__main__":
    main()
