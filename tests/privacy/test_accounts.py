import datetime as dt
import logging
import os
import stat
import threading

import pytest
from sqlalchemy import select

from bot import db
from bot.models import Aanmeldpoging, Gebruiker
from bot.privacy import accounts
from tests.conftest import make_settings

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


@pytest.fixture
def sessions(tmp_path, goedkope_hashes):
    settings = make_settings(tmp_path)
    db.upgrade(settings.database_url)
    factory = db.session_factory(settings.database_url)
    with factory() as s, s.begin():
        accounts.maak_gebruiker(s, "anna", "een-lang-wachtwoord", accounts.COORDINATOR)
    return factory


def _fails(sessions, n, ip="10.0.0.1", naam="anna", apparaat=None, at=T0):
    for i in range(n):
        with pytest.raises(accounts.AccountFout, match="klopt niet"):
            accounts.aanmelden(sessions, naam, f"fout-{i}", ip, apparaat=apparaat, now=at)


def _uitkomsten(sessions):
    with sessions() as s:
        return [p.uitkomst for p in s.scalars(select(Aanmeldpoging).order_by(Aanmeldpoging.id))]


def test_inactive_user_cannot_sign_in(sessions):
    with sessions() as s, s.begin():
        accounts.vind(s, "anna").actief = False
    with pytest.raises(accounts.AccountFout, match="klopt niet"):
        accounts.aanmelden(sessions, "anna", "een-lang-wachtwoord", "10.0.0.1", now=T0)


def test_five_failures_slow_down_that_client_only_and_the_password_is_not_checked(sessions, caplog):
    caplog.set_level(logging.INFO, logger="werkplek.aanmelden")
    _fails(sessions, 5, ip="10.0.0.1")
    # The guessing client must wait, even with the right password: the check is not even made.
    with pytest.raises(accounts.Geblokkeerd, match=r"Te veel mislukte pogingen\. Probeer het over 15 minuten"):
        accounts.aanmelden(sessions, "anna", "een-lang-wachtwoord", "10.0.0.1", now=T0)
    # The real user on another address is not locked out by the stranger.
    assert accounts.aanmelden(sessions, "anna", "een-lang-wachtwoord", "10.0.0.2", now=T0).gebruikersnaam == "anna"
    assert _uitkomsten(sessions) == ["mislukt"] * 5 + ["geweigerd", "gelukt"]
    failures = [r.getMessage() for r in caplog.records if r.name == "werkplek.aanmelden" and r.levelno == logging.WARNING]
    assert len(failures) == 6 and all("anna" in m and "10.0.0.1" in m for m in failures)
    assert not any("fout-" in r.getMessage() or "een-lang-wachtwoord" in r.getMessage() for r in caplog.records)


def test_refused_attempts_do_not_extend_the_wait(sessions):
    _fails(sessions, 5, at=T0)
    for minute in range(1, 15):  # someone keeps trying every minute
        with pytest.raises(accounts.Geblokkeerd):
            accounts.aanmelden(sessions, "anna", "nog-een-gok", "10.0.0.1", now=T0 + dt.timedelta(minutes=minute))
    later = T0 + accounts.VENSTER + dt.timedelta(seconds=1)
    assert accounts.aanmelden(sessions, "anna", "een-lang-wachtwoord", "10.0.0.1", now=later)


def test_guessing_from_many_addresses_cannot_lock_out_a_browser_that_signed_in_before(sessions):
    for i in range(accounts.MAX_PER_NAAM // 4):
        _fails(sessions, 4, ip=f"192.0.2.{i}")  # below the per-client limit on every address
    # New clients for this name now wait: spread-out guessing is slowed ...
    with pytest.raises(accounts.Geblokkeerd):
        accounts.aanmelden(sessions, "anna", "een-lang-wachtwoord", "198.51.100.1", now=T0)
    # ... but the user's own browser (its device cookie) is not.
    assert accounts.aanmelden(sessions, "anna", "een-lang-wachtwoord", "198.51.100.1", apparaat="d" * 32, now=T0)


def test_a_device_cookie_has_its_own_limit(sessions):
    _fails(sessions, 5, apparaat="a" * 32)  # someone who stole the cookie still gets only five tries
    with pytest.raises(accounts.Geblokkeerd):
        accounts.aanmelden(sessions, "anna", "een-lang-wachtwoord", "10.0.0.1", apparaat="a" * 32, now=T0)
    assert accounts.aanmelden(sessions, "anna", "een-lang-wachtwoord", "10.0.0.1", now=T0)


def test_one_password_tried_on_many_names_from_one_address_is_slowed(sessions):
    for i in range(accounts.MAX_PER_ADRES // 3):
        _fails(sessions, 3, ip="203.0.113.9", naam=f"naam{i}")
    with pytest.raises(accounts.Geblokkeerd):
        accounts.aanmelden(sessions, "anna", "een-lang-wachtwoord", "203.0.113.9", now=T0)
    assert accounts.aanmelden(sessions, "anna", "een-lang-wachtwoord", "203.0.113.10", now=T0)


def test_four_failures_do_not_block(sessions):
    _fails(sessions, 4)
    assert accounts.aanmelden(sessions, "anna", "een-lang-wachtwoord", "10.0.0.1", now=T0)


def test_parallel_guesses_cannot_slip_past_the_limit(sessions):
    """24 attempts at the same moment: exactly five passwords are checked (was twelve)."""
    from concurrent.futures import ThreadPoolExecutor

    barrier = threading.Barrier(24)

    def guess(i):
        barrier.wait()
        try:
            accounts.aanmelden(sessions, "anna", f"gok-{i}", "10.0.0.1", now=T0)
        except accounts.AccountFout as fout:
            return type(fout).__name__

    with ThreadPoolExecutor(max_workers=24) as pool:
        results = list(pool.map(guess, range(24)))
    assert results.count("AccountFout") == accounts.MAX_PER_CLIENT
    assert sorted(_uitkomsten(sessions)) == ["geweigerd"] * 19 + ["mislukt"] * 5


@pytest.mark.parametrize("wachtwoord, reden", [
    ("password1234", "te makkelijk"), ("wachtwoord1234", "te makkelijk"), ("lindeveld2026", "te makkelijk"),
    ("aaaaaaaaaaaaaaaa", "te makkelijk"), ("qwertyuiop12", "te makkelijk"),
    ("anna-is-de-beste", "gebruikersnaam of naam"), ("JansenWerkt2026!!", "gebruikersnaam of naam"),
])
def test_guessable_passwords_are_refused(session, wachtwoord, reden):
    with pytest.raises(accounts.AccountFout, match=reden):
        accounts.maak_gebruiker(session, "anna", wachtwoord, accounts.COORDINATOR, "Anna Jansen")


def test_sessions_end_on_sign_out_password_change_deactivation_idle_and_age(session):
    anna = accounts.maak_gebruiker(session, "anna", "een-lang-wachtwoord", accounts.COORDINATOR)
    session.flush()
    live = lambda token, at=T0: accounts.sessie_gebruiker(session, token, at)  # noqa: E731
    token = accounts.nieuwe_sessie(session, anna, T0)
    assert live(token) == (anna, None)
    accounts.beeindig_sessie(session, token)
    assert live(token) == (None, "onbekend")

    token = accounts.nieuwe_sessie(session, anna, T0)
    assert accounts.wijzig_wachtwoord(session, anna, "drie-nieuwe-stoelen") == 1
    assert live(token) == (None, "onbekend")

    token = accounts.nieuwe_sessie(session, anna, T0)
    accounts.zet_actief(session, anna, False)
    accounts.zet_actief(session, anna, True)  # reactivation does not bring the old session back
    assert live(token) == (None, "onbekend")

    token = accounts.nieuwe_sessie(session, anna, T0)
    assert live(token, T0 + dt.timedelta(minutes=29))[0] is anna  # a request keeps it alive ...
    assert live(token, T0 + dt.timedelta(minutes=58))[0] is anna
    assert live(token, T0 + dt.timedelta(minutes=89)) == (None, "verlopen")  # ... 30 idle minutes end it

    token = accounts.nieuwe_sessie(session, anna, T0)
    for minutes in range(20, 8 * 60, 20):  # busy all day
        assert live(token, T0 + dt.timedelta(minutes=minutes))[0] is anna
    assert live(token, T0 + dt.timedelta(hours=8, minutes=1)) == (None, "verlopen")


def test_only_a_hash_of_the_session_token_is_stored(session):
    from bot.models import Sessie

    anna = accounts.maak_gebruiker(session, "anna", "een-lang-wachtwoord", accounts.COORDINATOR)
    session.flush()
    token = accounts.nieuwe_sessie(session, anna, T0)
    stored = session.scalars(select(Sessie)).one()
    assert token not in stored.token_hash and len(stored.token_hash) == 64


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
