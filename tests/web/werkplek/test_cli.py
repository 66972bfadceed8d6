import io

import pytest
from sqlalchemy import select

from bot import db
from bot.models import Gebruiker
from bot.privacy import accounts
from bot.runtime import cli


@pytest.fixture
def database(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path}/bot.db"
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def _users(url):
    with db.session_factory(url)() as session:
        return session.scalars(select(Gebruiker)).all()


def test_users_add_from_stdin(database, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("een-lang-wachtwoord\n"))
    assert cli.main(["users", "add", "anna", "--rol", "beleid", "--naam", "Anna", "--wachtwoord-stdin"]) == 0
    assert "Account 'anna' (Beleid) is gemaakt." in capsys.readouterr().out
    [user] = _users(database)
    assert (user.naam, user.rol) == ("Anna", "beleid")
    with db.session_factory(database)() as session:
        assert accounts.controleer(session, "anna", "een-lang-wachtwoord")


def test_users_add_refuses_short_password_without_traceback(database, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("kort\n"))
    assert cli.main(["users", "add", "anna", "--rol", "coordinator", "--wachtwoord-stdin"]) == 1
    err = capsys.readouterr().err
    assert "minstens 12 tekens" in err and "Traceback" not in err
    assert _users(database) == []


def test_users_add_asks_twice_and_refuses_a_mismatch(database, monkeypatch, capsys):
    answers = iter(["een-lang-wachtwoord", "een-ander-wachtwoord"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert cli.main(["users", "add", "anna", "--rol", "coordinator"]) == 1
    assert "niet gelijk" in capsys.readouterr().err
    assert _users(database) == []
