import datetime as dt
import logging
import os
import stat

import pytest
from sqlalchemy import select

from bot import accounts, db
from bot.models import Aanmeldpoging, Gebruiker

from .conftest import make_settings

T0 = dt.datetime(2025, 3, 1, 12, 0)


@pytest.fixture
def session(tmp_path):
    settings = make_settings(tmp_path)
    db.upgrade(settings.database_url)
    with db.session_factory(settings.database_url)() as s:
        yield s


def test_password_is_stored_as_argon2id_hash_not_plaintext(session):
    accounts.maak_gebruiker(session, "Anna", "een-lang-wachtwoord", accounts.COORDINATOR)
    session.commit()
    stored = session.scalars(select(Gebruiker)).one()
    assert stored.gebruikersnaam == "anna"
    assert stored.wachtwoord_hash.startswith("$argon2id$")
    assert "een-lang-wachtwoord" not in stored.wachtwoord_hash
    assert accounts.controleer(session, "anna", "een-lang-wachtwoord") is stored
    assert accounts.controleer(session, "anna", "een-lang-wachtwoorD") is None
    assert accounts.controleer(session, "niemand", "een-lang-wachtwoord") is None


@pytest.mark.parametrize("naam, wachtwoord, rol, fout", [
    ("anna", "kort", "coordinator", "minstens 12 tekens"),
    ("anna", "een-lang-wachtwoord", "admin", "Onbekende rol"),
    ("a b", "een-lang-wachtwoord", "beleid", "gebruikersnaam"),
])
def test_invalid_accounts_are_refused_in_dutch(session, naam, wachtwoord, rol, fout):
    with pytest.raises(accounts.AccountFout, match=fout):
        accounts.maak_gebruiker(session, naam, wachtwoord, rol)


def test_duplicate_user_name_is_refused(session):
    accounts.maak_gebruiker(session, "anna", "een-lang-wachtwoord", accounts.COORDINATOR)
    with pytest.raises(accounts.AccountFout, match="bestaat al"):
        accounts.maak_gebruiker(session, "ANNA", "een-ander-wachtwoord", accounts.BELEID)


def test_inactive_user_cannot_sign_in(session):
    gebruiker = accounts.maak_gebruiker(session, "anna", "een-lang-wachtwoord", accounts.COORDINATOR)
    gebruiker.actief = False
    with pytest.raises(accounts.AccountFout, match="klopt niet"):
        accounts.aanmelden(session, "anna", "een-lang-wachtwoord", "10.0.0.1", now=T0)


def test_outdated_hash_parameters_are_upgraded_at_sign_in(session):
    from argon2 import PasswordHasher

    gebruiker = accounts.maak_gebruiker(session, "anna", "een-lang-wachtwoord", accounts.COORDINATOR)
    gebruiker.wachtwoord_hash = PasswordHasher(time_cost=1, memory_cost=8192).hash("een-lang-wachtwoord")
    old = gebruiker.wachtwoord_hash
    assert accounts.controleer(session, "anna", "een-lang-wachtwoord") is gebruiker
    assert gebruiker.wachtwoord_hash != old and "m=65536,t=3" in gebruiker.wachtwoord_hash


def test_five_failures_for_a_name_block_it_without_checking_the_password(session, caplog):
    accounts.maak_gebruiker(session, "anna", "een-lang-wachtwoord", accounts.COORDINATOR)
    caplog.set_level(logging.INFO, logger="werkplek.aanmelden")
    for i in range(5):
        with pytest.raises(accounts.AccountFout, match="klopt niet"):
            accounts.aanmelden(session, "anna", f"fout-{i}", f"10.0.0.{i}", now=T0 + dt.timedelta(minutes=i))
    # The right password is refused now: the block comes before the check.
    with pytest.raises(accounts.Geblokkeerd, match=r"Te veel mislukte pogingen\. Probeer het over 10 minuten"):
        accounts.aanmelden(session, "anna", "een-lang-wachtwoord", "10.0.0.9", now=T0 + dt.timedelta(minutes=5))
    failures = [r for r in caplog.records if r.name == "werkplek.aanmelden" and r.levelno == logging.WARNING]
    assert len(failures) == 6
    assert all("anna" in r.getMessage() for r in failures)
    assert "10.0.0.3" in failures[3].getMessage()
    assert not any("fout-" in r.getMessage() or "een-lang-wachtwoord" in r.getMessage() for r in caplog.records)
    stored = session.scalars(select(Aanmeldpoging).order_by(Aanmeldpoging.id)).all()
    assert [p.gelukt for p in stored] == [False] * 6
    # Once the window has passed the name may try again, and the right password works.
    later = T0 + dt.timedelta(minutes=5) + accounts.VENSTER + dt.timedelta(seconds=1)
    assert accounts.aanmelden(session, "anna", "een-lang-wachtwoord", "10.0.0.9", now=later).gebruikersnaam == "anna"


def test_five_failures_from_one_address_block_other_names(session):
    accounts.maak_gebruiker(session, "anna", "een-lang-wachtwoord", accounts.COORDINATOR)
    for i in range(5):
        with pytest.raises(accounts.AccountFout):
            accounts.aanmelden(session, f"naam{i}", "gok-gok-gok-gok", "192.0.2.7", now=T0)
    with pytest.raises(accounts.Geblokkeerd):
        accounts.aanmelden(session, "anna", "een-lang-wachtwoord", "192.0.2.7", now=T0)
    # Another address is not affected.
    assert accounts.aanmelden(session, "anna", "een-lang-wachtwoord", "192.0.2.8", now=T0)


def test_four_failures_do_not_block(session):
    accounts.maak_gebruiker(session, "anna", "een-lang-wachtwoord", accounts.COORDINATOR)
    for i in range(4):
        with pytest.raises(accounts.AccountFout):
            accounts.aanmelden(session, "anna", "fout", "10.0.0.1", now=T0)
    assert accounts.aanmelden(session, "anna", "een-lang-wachtwoord", "10.0.0.1", now=T0)


def test_demo_accounts_only_when_there_are_no_users(session, tmp_path):
    made = accounts.demo_accounts(session)
    assert [(g.gebruikersnaam, g.rol) for g, _ in made] == [("coordinator", "coordinator"), ("beleid", "beleid")]
    passwords = [pw for _, pw in made]
    assert len(set(passwords)) == 2 and all(len(pw) >= 12 for pw in passwords)
    assert accounts.controleer(session, "coordinator", passwords[0]) is made[0][0]
    assert accounts.demo_accounts(session) == []

    path = accounts.schrijf_demo_bestand(made, tmp_path / "var" / "demo-accounts.txt")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert passwords[1] in path.read_text(encoding="utf-8")
