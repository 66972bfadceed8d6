"""`bot report`: writes the report, and every mistake gets a clear Dutch message without a traceback."""
from __future__ import annotations

import argparse
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from bot.config import PROJECT_ROOT
from bot.signalen import cli

from .conftest import FEB, voeg


@pytest.fixture
def omgeving(database_url, sessions, monkeypatch):
    with sessions() as session, session.begin():
        voeg(session, 6, "levensdomein", FEB, levensdomein="wonen")
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("WIJKEN", "Centrum,Kleidorp")
    return database_url


def run(*argv: str) -> int:
    return cli.main(list(argv))


@pytest.mark.parametrize("formaat", ["html", "csv", "xlsx"])
def test_writes_each_format(omgeving, tmp_path, capsys, formaat):
    pad = tmp_path / f"rapport.{formaat}"
    assert run("--van", "2026-01-01", "--tot", "2026-03-31", "--formaat", formaat, "--uit", str(pad)) == 0
    assert pad.stat().st_size > 0
    assert f"geschreven naar {pad}" in capsys.readouterr().out
    if formaat == "xlsx":
        assert load_workbook(pad)["Contacten per maand"]["B6"].value == 6  # februari 2026, wonen
    if formaat == "html":
        assert 'lang="nl"' in pad.read_text(encoding="utf-8")


def test_default_file_name_in_the_current_folder(omgeving, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("--van", "2026-01-01", "--tot", "2026-01-31", "--formaat", "CSV") == 0
    assert (tmp_path / "rapport-signalen-2026-01-01-2026-01-31.csv").exists()


@pytest.mark.parametrize("argv, melding", [
    (["--van", "2026-13-01", "--tot", "2026-12-31", "--formaat", "html"],
     "'2026-13-01' bij --van is geen geldige datum. Schrijf de datum als JJJJ-MM-DD"),
    (["--van", "1-1-2026", "--tot", "2026-12-31", "--formaat", "html"], "'1-1-2026' bij --van is geen geldige datum"),
    (["--van", "2026-01-01", "--formaat", "html"], "Geef een datum met --tot JJJJ-MM-DD"),
    (["--van", "2026-02-01", "--tot", "2026-01-01", "--formaat", "html"],
     "De begindatum (2026-02-01) ligt na de einddatum (2026-01-01)."),
    (["--van", "2026-01-01", "--tot", "2026-01-31", "--formaat", "pdf"],
     "Onbekend formaat 'pdf'. Kies --formaat html, csv of xlsx."),
    (["--van", "2026-01-01", "--tot", "2026-01-31"], "Geen formaat gegeven. Kies --formaat html, csv of xlsx."),
])
def test_bad_input_is_a_dutch_error(omgeving, capsys, argv, melding):
    assert run(*argv) == 2
    fout = capsys.readouterr().err
    assert fout.startswith("Fout: ") and melding in fout


def test_a_folder_that_does_not_exist(omgeving, tmp_path, capsys):
    pad = tmp_path / "bestaat-niet" / "rapport.html"
    assert run("--van", "2026-01-01", "--tot", "2026-01-31", "--formaat", "html", "--uit", str(pad)) == 2
    assert f"De map '{pad.parent}' bestaat niet." in capsys.readouterr().err


def test_a_folder_instead_of_a_file(omgeving, tmp_path, capsys):
    assert run("--van", "2026-01-01", "--tot", "2026-01-31", "--formaat", "xlsx", "--uit", str(tmp_path)) == 2
    assert f"'{tmp_path}' is een map." in capsys.readouterr().err


def test_a_file_that_cannot_be_written(omgeving, tmp_path, capsys, monkeypatch):
    # Tests run as root, for whom permissions do not stop writing: make the write itself fail.
    def weigert(*_):
        raise PermissionError(13, "Toegang geweigerd")

    monkeypatch.setattr(cli, "schrijf", weigert)
    pad = tmp_path / "rapport.html"
    assert run("--van", "2026-01-01", "--tot", "2026-01-31", "--formaat", "html", "--uit", str(pad)) == 1
    assert capsys.readouterr().err == f"Fout: het rapport kon niet worden geschreven naar '{pad}': Toegang geweigerd.\n"


def test_the_threshold_comes_from_the_settings(omgeving, tmp_path, monkeypatch, capsys):
    from bot import config

    echte = config.load_settings
    drempel = {"waarde": 7}

    class MetDrempel:  # RAPPORT_DREMPEL, as the lead adds it to Settings
        def __init__(self, settings):
            self._settings = settings
            self.rapport_drempel = drempel["waarde"]

        def __getattr__(self, naam):
            return getattr(self._settings, naam)

    monkeypatch.setattr(config, "load_settings", lambda: MetDrempel(echte()))
    pad = tmp_path / "rapport.csv"
    assert run("--van", "2026-02-01", "--tot", "2026-02-28", "--formaat", "csv", "--uit", str(pad)) == 0
    assert "Contacten per maand,Totaal,Wonen,<7" in pad.read_text(encoding="utf-8-sig")  # 6 < 7
    drempel["waarde"] = 0
    assert run("--van", "2026-02-01", "--tot", "2026-02-28", "--formaat", "csv", "--uit", str(pad)) == 2
    assert "RAPPORT_DREMPEL moet minstens 1 zijn" in capsys.readouterr().err


@pytest.mark.e2e  # a real process
def test_no_traceback_in_a_real_process(omgeving, tmp_path):
    proces = subprocess.run([sys.executable, "-m", "bot.signalen.cli", "--van", "31-12-2026", "--tot", "2026-12-31",
                             "--formaat", "html"], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert proces.returncode == 2
    assert "Traceback" not in proces.stderr and "geen geldige datum" in proces.stderr
    proces = subprocess.run([sys.executable, "-m", "bot.signalen.cli", "--van", "2026-01-01", "--tot", "2026-12-31",
                             "--formaat", "html", "--uit", "/proc/geen-rapport.html"],
                            capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=120)
    assert proces.returncode == 1, proces.stderr
    assert "Traceback" not in proces.stderr
    assert "kon niet worden geschreven naar '/proc/geen-rapport.html'" in proces.stderr


def test_the_arguments_fit_under_the_bot_command():
    """The lines the lead adds to bot/runtime/cli.py."""
    parser = argparse.ArgumentParser(prog="bot")
    sub = parser.add_subparsers(dest="command", required=True)
    report = sub.add_parser("report", help="rapportage voor beleid uit de anonieme signalen")
    cli.voeg_argumenten_toe(report)
    report.set_defaults(func=cli.main_report)
    args = parser.parse_args(["report", "--van", "2026-01-01", "--tot", "2026-01-31", "--formaat", "csv"])
    assert args.func is cli.main_report and args.formaat == "csv"
