"""The coordinators' network file: validation, all-or-nothing import into a real database, export."""
import io
import subprocess
import sys
from pathlib import Path

import pytest

from bot import db
from bot.config import PROJECT_ROOT, load_settings
from bot.netwerk import netwerk

WIJKEN = load_settings(environ={}).wijken
HEADER = ",".join(netwerk.COLUMNS)
GOOD = [
    "anna,Anna de Vries,Vrijwillige Meedenkers,vrijwillig,wonen;werk_inkomen,schulden;ouderen,molenwijk;bosrijk,"
    "arabisch,ja,0123 456 701,anna@meedenkers.example,,Ik help u graag.,Ik help u.",
    "bram,Bram Jansen,MEEdoen,beroepsmatig,wmo_aanvraag,lvb,hele_gemeente,,nee,,,"
    "\"Wijkpunt De Akkers, Akkerplein 4: di 9-12\",Ik ben consulent.,Ik help u.",
]
DEMO = PROJECT_ROOT / "data" / "demo" / "meedenkers.csv"


def csv_text(*rows):
    return "\n".join([HEADER, *rows]) + "\n"


def problems_for(text):
    with pytest.raises(netwerk.ImportRejected) as rejected:
        netwerk.parse_csv(io.StringIO(text), WIJKEN, filename="netwerk.csv")
    return [str(p) for p in rejected.value.problems]


def test_good_rows_are_read():
    records = netwerk.parse_csv(io.StringIO(csv_text(*GOOD)), WIJKEN)
    anna, bram = records
    assert anna.levensdomeinen == {"wonen", "werk_inkomen"} and anna.talen == {"arabisch"}
    assert anna.wijken == {"molenwijk", "bosrijk"} and not anna.hele_gemeente
    assert bram.hele_gemeente and not bram.neemt_nieuwe_inwoners and bram.spreekuur.startswith("Wijkpunt")


@pytest.mark.parametrize("change,expected", [
    (("levensdomeinen", "wonen;zorg"), "regel 2, kolom 'levensdomeinen': onbekende levensdomein 'zorg'"),
    (("soort", "betaald"), "regel 2, kolom 'soort': onbekende soort 'betaald'"),
    (("wijken", "atlantis"), "regel 2, kolom 'wijken': onbekende wijk 'atlantis'"),
    (("talen", "klingon"), "regel 2, kolom 'talen': onbekende taal 'klingon'"),
    (("expertise", "alles"), "regel 2, kolom 'expertise': onbekende expertise 'alles'"),
    (("email", "anna@"), "regel 2, kolom 'email': 'anna@' is geen geldig e-mailadres"),
    (("telefoon", "12"), "regel 2, kolom 'telefoon': '12' is geen geldig telefoonnummer"),
    (("telefoon", "bel mij"), "regel 2, kolom 'telefoon': 'bel mij' is geen geldig telefoonnummer"),
    (("neemt_nieuwe_inwoners", "misschien"), "regel 2, kolom 'neemt_nieuwe_inwoners': 'misschien'"),
    (("naam", ""), "regel 2, kolom 'naam': is leeg, maar verplicht"),
    (("intro_b1", ""), "regel 2, kolom 'intro_b1': is leeg, maar verplicht"),
    (("sleutel", "Anna de V"), "regel 2, kolom 'sleutel': 'anna de v' mag alleen"),
])
def test_each_kind_of_bad_field_is_reported_with_line_and_column(change, expected):
    column, value = change
    row = dict(zip(netwerk.COLUMNS, next(__import__("csv").reader([GOOD[0]]))))
    row[column] = value
    bad = ",".join(f'"{row[c]}"' for c in netwerk.COLUMNS)
    problems = problems_for(csv_text(bad, GOOD[1]))
    assert any(p.startswith("netwerk.csv, " + expected) for p in problems), problems


def test_missing_contact_is_reported():
    row = GOOD[0].replace("0123 456 701,anna@meedenkers.example,", ",,")
    assert problems_for(csv_text(row)) == [
        "netwerk.csv, regel 2, kolom 'telefoon': geen contact: vul telefoon, e-mail of spreekuur in"]


def test_duplicate_key_names_both_lines():
    problems = problems_for(csv_text(GOOD[0], GOOD[1], GOOD[0]))
    assert problems == ["netwerk.csv, regel 4, kolom 'sleutel': 'anna' staat dubbel (ook op regel 2)"]


def test_every_problem_in_the_file_is_reported_not_just_the_first():
    bad1 = GOOD[0].replace("vrijwillig,", "vrijwilig,")
    bad2 = GOOD[1].replace("beroepsmatig,wmo_aanvraag", "beroepsmatig,wmo")
    problems = problems_for(csv_text(bad1, bad2))
    assert len(problems) == 2 and "regel 2" in problems[0] and "regel 3" in problems[1]


def test_missing_and_unknown_columns():
    problems = problems_for("sleutel,naam,kleur\nx,y,z\n")
    assert problems[0].startswith("netwerk.csv, regel 1: kolommen ontbreken: organisatie, soort")
    assert "onbekende kolommen: kleur" in problems[1]


def test_a_row_with_too_many_fields():
    problems = problems_for(csv_text(GOOD[0] + ",extra"))
    assert problems == ["netwerk.csv, regel 2: meer velden dan kolommen (staat er een komma te veel?)"]


def test_line_numbers_count_multiline_fields():
    multiline = GOOD[1].replace("Ik ben consulent.", '"Ik ben consulent.\nIk help bij de Wmo."')
    problems = problems_for(csv_text(multiline, GOOD[0].replace("ja,", "soms,")))
    assert problems[0].startswith("netwerk.csv, regel 4, kolom 'neemt_nieuwe_inwoners'")


@pytest.fixture
def db_url(tmp_path):
    url = f"sqlite:///{tmp_path}/bot.db"
    db.upgrade(url)
    return url


def test_import_writes_the_network_and_export_writes_the_same_format(db_url):
    records = netwerk.parse_csv(io.StringIO(csv_text(*GOOD)), WIJKEN)
    with db.new_session(db_url) as session, session.begin():
        netwerk.replace_network(session, records)
    with db.new_session(db_url) as session:
        loaded = netwerk.load_network(session)
    assert sorted(loaded, key=lambda r: r.sleutel) == records
    out = io.StringIO()
    netwerk.write_csv(loaded, out)
    assert netwerk.parse_csv(io.StringIO(out.getvalue()), WIJKEN) == records


def test_reimport_replaces_the_network(db_url):
    with db.new_session(db_url) as session, session.begin():
        netwerk.replace_network(session, netwerk.parse_csv(io.StringIO(csv_text(*GOOD)), WIJKEN))
    changed = GOOD[0].replace("Anna de Vries", "Anna van Dijk")
    with db.new_session(db_url) as session, session.begin():
        netwerk.replace_network(session, netwerk.parse_csv(io.StringIO(csv_text(changed)), WIJKEN))
    with db.new_session(db_url) as session:
        loaded = netwerk.load_network(session)
        from sqlalchemy import select

        from bot.models import Organisatie
        organisaties = session.execute(select(Organisatie.naam)).scalars().all()
    assert [(r.sleutel, r.naam) for r in loaded] == [("anna", "Anna van Dijk")]
    assert organisaties == ["Vrijwillige Meedenkers"]  # MEEdoen has nobody left


def run_cli(*args, env):
    return subprocess.run([str(Path(sys.executable).parent / "bot"), *args], capture_output=True, text=True,
                          env={**__import__("os").environ, **env}, cwd=PROJECT_ROOT, timeout=120)


@pytest.mark.e2e  # a real `bot` process
def test_cli_import_is_all_or_nothing(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/cli.db"}
    good = tmp_path / "goed.csv"
    good.write_text(csv_text(*GOOD), encoding="utf-8")
    result = run_cli("meedenkers", "import", str(good), env=env)
    assert result.returncode == 0, result.stderr
    assert "2 meedenkers van 2 organisaties" in result.stdout

    bad = tmp_path / "fout.csv"
    bad.write_text(csv_text(GOOD[0].replace("Anna de Vries", "Anna Nieuw"), "carl,Carl,X,vrijwillig,wonen,,"
                            "centrum,,ja,,carl@,,Hallo.,Hallo."), encoding="utf-8")
    result = run_cli("meedenkers", "import", str(bad), env=env)
    assert result.returncode == 1
    assert f"{bad}, regel 3, kolom 'email': 'carl@' is geen geldig e-mailadres" in result.stderr
    assert "Niets ingelezen" in result.stderr and "Traceback" not in result.stderr

    exported = run_cli("meedenkers", "export", env=env)
    assert exported.returncode == 0
    assert "Anna de Vries" in exported.stdout and "Anna Nieuw" not in exported.stdout and "carl" not in exported.stdout


@pytest.mark.e2e  # a real `bot` process
def test_cli_reports_a_file_that_is_not_utf8(tmp_path):
    bad = tmp_path / "latin1.csv"
    bad.write_bytes(csv_text(GOOD[0].replace("Anna", "Anné")).encode("latin-1"))
    result = run_cli("meedenkers", "import", str(bad), env={"DATABASE_URL": f"sqlite:///{tmp_path}/x.db"})
    assert result.returncode == 1 and "geen UTF-8" in result.stderr and "Traceback" not in result.stderr


def test_the_demo_network_is_valid_and_covers_every_domain_with_both_kinds():
    records = netwerk.read_file(DEMO, WIJKEN)
    assert 20 <= len(records) <= 30
    assert 7 <= len({r.organisatie for r in records}) <= 8
    for domein in ("wonen", "werk_inkomen", "jeugd", "wmo_aanvraag"):
        assert {r.soort for r in records if domein in r.levensdomeinen} == {"vrijwillig", "beroepsmatig"}, domein
    assert len({w for r in records for w in r.wijken}) >= 4


def test_network_cache_refreshes_in_the_background_after_ttl(db_url):
    import time as _time

    sessions = db.session_factory(db_url)
    now = [0.0]
    cache = netwerk.NetworkCache(sessions, ttl=60, clock=lambda: now[0])
    with sessions() as session, session.begin():
        netwerk.replace_network(session, netwerk.parse_csv(io.StringIO(csv_text(GOOD[0])), WIJKEN))
    assert [r.sleutel for r in cache.get()] == ["anna"]
    with sessions() as session, session.begin():
        netwerk.replace_network(session, netwerk.parse_csv(io.StringIO(csv_text(*GOOD)), WIJKEN))
    now[0] = 30
    assert [r.sleutel for r in cache.get()] == ["anna"]  # still fresh enough
    now[0] = 61
    cache.get()  # starts the refresh, answers from what it has
    deadline = _time.monotonic() + 10
    while len(cache.get()) != 2 and _time.monotonic() < deadline:
        _time.sleep(0.05)
    assert sorted(r.sleutel for r in cache.get()) == ["anna", "bram"]
