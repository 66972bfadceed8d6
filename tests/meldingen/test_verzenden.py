"""Notification mails from the outbox to a real SMTP relay (a process of its own, tests/meldingen/smtp_server.py)
or, without MAIL_HOST, to files; and when reminders are due (working days, Dutch public holidays).

Time is passed in (`op`) instead of waited for. Tests that start the relay are marked e2e: `make test-fast`
leaves them out.
"""
import collections
import datetime as dt
import email
import email.policy
import re
import stat
import threading
import time

import pytest
from sqlalchemy import select

from bot import db, tijd
from bot.meldingen import meldingen, verzenden
from bot.models import Mail, Overdracht
from bot.overdracht import overdracht
from bot.overdracht.transcript import Regel
from bot.privacy import accounts
from bot.runtime.launcher import free_port
from bot.tijd import nu

E2E = pytest.mark.e2e  # a real process: not in the fast lane

WACHTWOORD = "Paarse-olifant-danst-42-keer"
CONTACT = "inwoner.jansen@voorbeeld.nl"
TELEFOON = "06-12345678"
GEHEIM = "Ik heb schulden bij de woningcorporatie en durf het niet te zeggen"
WERKPLEK = "https://werkplek.lindeveld.example"


def _coordinator(session, naam, adres, actief=True):
    gebruiker = accounts.maak_gebruiker(session, naam, WACHTWOORD, "coordinator")
    gebruiker.email = adres
    gebruiker.actief = actief
    return gebruiker


def _handover(session, settings, tijd=None, contact=CONTACT):
    """A handover with personal data in it, and its notification queued in the same transaction."""
    o = overdracht.maak(session, gesprek_id="gesprek-1", contact_manier="email", contact_gegeven=contact,
                        contact_moment=f"bel liefst {TELEFOON}", transcript=[Regel(nu(), "inwoner", GEHEIM)],
                        onderwerp="schulden", wijk="Centrum", tijd=tijd)
    session.flush()
    mails = meldingen.nieuwe_overdracht(session, settings, o)
    return o, mails


def _queue(sessions, settings, coordinators=(("anna", "anna@lindeveld.example"),)):
    """Coordinators, and one handover with its mails committed; returns (referentie, [mail ids])."""
    with sessions() as s, s.begin():
        for naam, adres in coordinators:
            _coordinator(s, naam, adres)
        o, mails = _handover(s, settings)
        s.flush()
        return o.referentie, [m.id for m in mails]


def _mails(sessions):
    with sessions() as s:
        return list(s.scalars(select(Mail).order_by(Mail.id)))


def _mode(path):
    return stat.S_IMODE(path.stat().st_mode)


# --- Without MAIL_HOST: files ---------------------------------------------------------------------------------


def test_without_a_relay_each_due_mail_becomes_a_private_file_once(settings, sessions, goedkope_hashes):
    referentie, ids = _queue(sessions, settings, [("anna", "anna@lindeveld.example"),
                                                  ("bram", "bram@lindeveld.example")])
    with sessions() as s, s.begin():  # one that is not due yet
        s.add(Mail(soort="test", aan="later@lindeveld.example", onderwerp="Later", tekst="Later.",
                   aangemaakt=nu(), pogingen=0, volgende_poging=nu() + dt.timedelta(hours=1)))
    folder = settings.mail_folder
    assert not folder.exists()

    uitslag = verzenden.verstuur_wachtende(sessions, settings)

    assert (uitslag.verstuurd, uitslag.mislukt) == (2, 0)
    files = sorted(folder.iterdir())
    assert len(files) == 2 and all(f.suffix == ".eml" for f in files)
    assert _mode(folder) == 0o700
    assert [_mode(f) for f in files] == [0o600, 0o600]
    messages = [email.message_from_bytes(f.read_bytes(), policy=email.policy.default) for f in files]
    assert sorted(m["To"] for m in messages) == ["anna@lindeveld.example", "bram@lindeveld.example"]
    for m in messages:
        assert m["From"] == settings.mail_afzender
        assert m["Subject"] == f"Nieuwe overdracht (ref. {referentie[:8].upper()})"
        assert m["Auto-Submitted"] == "auto-generated"
        assert f"{WERKPLEK}/overdrachten/{referentie}" in m.get_content()
    rows = {m.id: m for m in _mails(sessions)}
    for i in ids:
        assert rows[i].verstuurd is not None and rows[i].pogingen == 1 and rows[i].laatste_fout is None
        assert rows[i].bezig_tot is None
    assert [m.verstuurd for m in rows.values() if m.aan == "later@lindeveld.example"] == [None]

    again = verzenden.verstuur_wachtende(sessions, settings)

    assert (again.verstuurd, again.mislukt) == (0, 0)
    assert sorted(folder.iterdir()) == files
    later = verzenden.verstuur_wachtende(sessions, settings, op=nu() + dt.timedelta(hours=2))
    assert (later.verstuurd, later.mislukt) == (1, 0)
    assert len(list(folder.iterdir())) == 3


def test_a_folder_that_exists_is_made_private(settings, sessions, goedkope_hashes):
    settings.mail_folder.mkdir(mode=0o755)
    _queue(sessions, settings)

    verzenden.verstuur_wachtende(sessions, settings)

    assert _mode(settings.mail_folder) == 0o700


def test_without_coordinators_with_an_address_the_network_address_gets_the_mail(settings, sessions,
                                                                                 goedkope_hashes):
    with sessions() as s, s.begin():
        _coordinator(s, "anna", None)
        _coordinator(s, "bram", "bram@lindeveld.example", actief=False)
        _handover(s, settings)

    assert [m.aan for m in _mails(sessions)] == [settings.meedenkers_email]


# --- Two senders at once ------------------------------------------------------------------------------------


def _count_sends(monkeypatch, wait_first=None):
    """Wrap the real verstuur: count sends per mail. With `wait_first`, the first send waits until that event."""
    real = verzenden.verstuur
    sends = collections.Counter()
    lock = threading.Lock()
    first = []

    def counting(mail, settings):
        with lock:
            sends[mail.id] += 1
            is_first = not first
            first.append(mail.id)
        if is_first and wait_first is not None:
            assert wait_first.wait(10), "the other sender did not finish"
        time.sleep(0.002)  # a real send takes a while: let the senders interleave
        return real(mail, settings)

    monkeypatch.setattr(verzenden, "verstuur", counting)
    return sends


def _many(sessions, aantal):
    with sessions() as s, s.begin():
        for i in range(aantal):
            s.add(Mail(soort="test", aan=f"c{i}@lindeveld.example", onderwerp=f"Mail {i}", tekst="Tekst.",
                       aangemaakt=nu(), pogingen=0, volgende_poging=nu()))


def _run_together(sessions, settings, senders, on_done=None):
    barrier = threading.Barrier(senders)
    results, errors = [], []

    def run():
        try:
            barrier.wait(5)
            results.append(verzenden.verstuur_wachtende(sessions, settings))
        except Exception as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)
        finally:
            if on_done:
                on_done.set()

    threads = [threading.Thread(target=run) for _ in range(senders)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors, errors
    return results


def test_a_sender_never_sends_a_mail_another_sender_claimed(settings, sessions, monkeypatch):
    """Deterministic: the first sender holds its first mail until the second has finished all it could."""
    _many(sessions, 10)
    other_done = threading.Event()
    sends = _count_sends(monkeypatch, wait_first=other_done)

    results = _run_together(sessions, settings, 2, on_done=other_done)

    ids = [m.id for m in _mails(sessions)]
    assert dict(sends) == {i: 1 for i in ids}
    assert sorted(r.verstuurd for r in results) == [1, 9]
    assert all(m.verstuurd is not None and m.pogingen == 1 for m in _mails(sessions))
    assert len(list(settings.mail_folder.iterdir())) == 10


def test_a_claim_lasts_from_when_it_is_made_not_from_when_the_round_began(settings, sessions, monkeypatch):
    """Sender A's round began at T0; its first mail took two and a half minutes (a slow relay). It then claims
    the second mail and is still sending it when sender B's round begins at T0 + 3 min: B must leave it alone."""
    _many(sessions, 2)
    t0 = nu() + dt.timedelta(seconds=1)
    clock = [t0]
    monkeypatch.setattr(verzenden, "nu", lambda: clock[0])
    real = verzenden.verstuur
    sends = collections.Counter()
    a_sends_second, b_done = threading.Event(), threading.Event()
    a_thread = []

    def slow(mail, settings):
        sends[mail.id] += 1
        if threading.current_thread() in a_thread:
            if sum(sends.values()) == 1:
                clock[0] = t0 + dt.timedelta(minutes=2, seconds=30)
            else:
                a_sends_second.set()
                assert b_done.wait(10)
        return real(mail, settings)

    monkeypatch.setattr(verzenden, "verstuur", slow)
    a = threading.Thread(target=verzenden.verstuur_wachtende, args=(sessions, settings))
    a_thread.append(a)
    a.start()
    assert a_sends_second.wait(10)
    clock[0] = t0 + dt.timedelta(minutes=3)
    try:
        verzenden.verstuur_wachtende(sessions, settings)  # sender B
    finally:
        b_done.set()
        a.join(10)

    assert dict(sends) == {m.id: 1 for m in _mails(sessions)}


def test_four_senders_at_once_deliver_every_mail_exactly_once(settings, sessions, monkeypatch):
    _many(sessions, 30)
    sends = _count_sends(monkeypatch)

    results = _run_together(sessions, settings, 4)

    assert dict(sends) == {m.id: 1 for m in _mails(sessions)}
    assert sum(r.verstuurd for r in results) == 30 and sum(r.mislukt for r in results) == 0
    assert len(list(settings.mail_folder.iterdir())) == 30


# --- A real SMTP relay ---------------------------------------------------------------------------------------


def _relay_settings(instellingen, relay_port, **extra):
    return instellingen(MAIL_HOST="127.0.0.1", MAIL_PORT=str(relay_port), MAIL_STARTTLS="nee", **extra)


@E2E
def test_a_new_handover_reaches_the_coordinators_with_a_link_and_no_personal_data(instellingen, smtp_relay,
                                                                                   goedkope_hashes):
    relay = smtp_relay()
    settings = _relay_settings(instellingen, relay.port)
    sessions = db.session_factory(settings.database_url)
    referentie, _ = _queue(sessions, settings, [("anna", "anna@lindeveld.example"),
                                                ("bram", "bram@lindeveld.example")])

    uitslag = verzenden.verstuur_wachtende(sessions, settings)

    assert (uitslag.verstuurd, uitslag.mislukt) == (2, 0)
    received = relay.berichten()
    assert sorted(m["To"] for m in received) == ["anna@lindeveld.example", "bram@lindeveld.example"]
    assert sorted(m["X-Envelope-To"] for m in received) == ["anna@lindeveld.example", "bram@lindeveld.example"]
    for m in received:
        assert m["X-Envelope-From"] == settings.mail_afzender == m["From"]
        assert m["Subject"] == f"Nieuwe overdracht (ref. {referentie[:8].upper()})"
        assert re.search(r"\(ref\. [0-9A-F]{8}\)$", m["Subject"])
        body = m.get_content()
        assert f"{WERKPLEK}/overdrachten/{referentie}" in body
        assert "Deze mail bevat geen gegevens van de inwoner" in body
        everything = m.as_string()
        for personal in (CONTACT, TELEFOON, GEHEIM, "schulden", "Centrum"):
            assert personal not in everything
    assert all(m.verstuurd is not None for m in _mails(sessions))


@E2E
def test_a_relay_that_is_down_keeps_the_mail_and_a_later_round_sends_it_once(instellingen, smtp_relay,
                                                                              goedkope_hashes):
    port = free_port()  # nothing listens here (yet)
    settings = _relay_settings(instellingen, port)
    sessions = db.session_factory(settings.database_url)
    referentie, [mail_id] = _queue(sessions, settings)
    voor = nu()

    uitslag = verzenden.verstuur_wachtende(sessions, settings)

    assert (uitslag.verstuurd, uitslag.mislukt) == (0, 1)
    with sessions() as s:
        assert s.scalars(select(Overdracht.referentie)).all() == [referentie]
    [mail] = _mails(sessions)
    assert mail.id == mail_id and mail.verstuurd is None and mail.pogingen == 1 and mail.bezig_tot is None
    assert "niet bereikbaar" in mail.laatste_fout and f"127.0.0.1:{port}" in mail.laatste_fout
    assert mail.laatste_fout.startswith("De mailserver")
    assert mail.volgende_poging > voor
    # Not due yet: the next round right away leaves it alone.
    assert (verzenden.verstuur_wachtende(sessions, settings).verstuurd, _mails(sessions)[0].pogingen) == (0, 1)

    relay = smtp_relay(port=port)
    later = mail.volgende_poging + dt.timedelta(seconds=1)
    uitslag = verzenden.verstuur_wachtende(sessions, settings, op=later)

    assert (uitslag.verstuurd, uitslag.mislukt) == (1, 0)
    [mail] = _mails(sessions)
    assert mail.verstuurd is not None and mail.laatste_fout is None and mail.pogingen == 2
    assert verzenden.verstuur_wachtende(sessions, settings, op=later + dt.timedelta(hours=1)).verstuurd == 0
    [received] = relay.berichten()
    assert received["To"] == "anna@lindeveld.example" and referentie in received.get_content()


@E2E
def test_a_relay_that_refuses_the_address_gives_a_precise_reason_and_loses_nothing(instellingen, smtp_relay,
                                                                                   goedkope_hashes):
    refusing = smtp_relay("--weiger")
    settings = _relay_settings(instellingen, refusing.port)
    sessions = db.session_factory(settings.database_url)
    _queue(sessions, settings)

    uitslag = verzenden.verstuur_wachtende(sessions, settings)

    assert (uitslag.verstuurd, uitslag.mislukt) == (0, 1)
    [mail] = _mails(sessions)
    assert mail.verstuurd is None and mail.pogingen == 1
    assert mail.laatste_fout == (f"De mailserver 127.0.0.1:{refusing.port} weigerde het adres "
                                 "anna@lindeveld.example (550 5.7.1 Relaying denied).")
    assert refusing.berichten() == []

    refusing.stop()
    relay = smtp_relay(port=refusing.port)  # the relay is fixed: the kept mail goes out
    uitslag = verzenden.verstuur_wachtende(sessions, settings, op=mail.volgende_poging)

    assert (uitslag.verstuurd, uitslag.mislukt) == (1, 0)
    assert [m["To"] for m in relay.berichten()] == ["anna@lindeveld.example"]


@E2E
def test_starttls_and_login_with_the_gemeentes_own_ca(instellingen, smtp_relay, certificaat, goedkope_hashes):
    cert, key = certificaat
    relay = smtp_relay("--tls", str(cert), str(key), "--gebruiker", "werkplek", "--wachtwoord", "juist-geheim")
    goed = dict(MAIL_HOST="127.0.0.1", MAIL_PORT=str(relay.port), MAIL_STARTTLS="ja", MAIL_GEBRUIKER="werkplek",
                MAIL_WACHTWOORD="juist-geheim", MAIL_CA=str(cert))
    settings = instellingen(**goed)
    sessions = db.session_factory(settings.database_url)
    _queue(sessions, settings)
    op = nu()

    # A wrong password: refused, said so, kept.
    uitslag = verzenden.verstuur_wachtende(sessions, instellingen(**{**goed, "MAIL_WACHTWOORD": "fout"}), op=op)
    assert (uitslag.verstuurd, uitslag.mislukt) == (0, 1)
    [mail] = _mails(sessions)
    assert mail.verstuurd is None and mail.pogingen == 1
    assert mail.laatste_fout.startswith(f"De mailserver 127.0.0.1:{relay.port} weigerde de aanmelding van "
                                        "'werkplek' (535")
    assert "Controleer MAIL_GEBRUIKER en MAIL_WACHTWOORD" in mail.laatste_fout

    # Without MAIL_CA the self-signed certificate is not trusted: nothing sent, not even the password.
    op = mail.volgende_poging
    uitslag = verzenden.verstuur_wachtende(sessions, instellingen(**{**goed, "MAIL_CA": ""}), op=op)
    assert (uitslag.verstuurd, uitslag.mislukt) == (0, 1)
    [mail] = _mails(sessions)
    assert mail.verstuurd is None and mail.pogingen == 2
    assert mail.laatste_fout.startswith(f"De versleutelde verbinding met de mailserver 127.0.0.1:{relay.port} "
                                        "lukte niet")
    assert "CERTIFICATE_VERIFY_FAILED" in mail.laatste_fout and "certificaat (of MAIL_CA)" in mail.laatste_fout
    assert relay.berichten() == []

    uitslag = verzenden.verstuur_wachtende(sessions, settings, op=mail.volgende_poging)

    assert (uitslag.verstuurd, uitslag.mislukt) == (1, 0)
    [received] = relay.berichten()
    assert (received["To"], received["X-TLS"], received["X-Aangemeld"]) == ("anna@lindeveld.example", "ja",
                                                                             "werkplek")
    assert _mails(sessions)[0].laatste_fout is None


@E2E
def test_no_password_goes_out_unencrypted_and_starttls_is_not_silently_skipped(instellingen, smtp_relay,
                                                                              goedkope_hashes):
    relay = smtp_relay()  # plain SMTP, no STARTTLS on offer
    settings = _relay_settings(instellingen, relay.port, MAIL_GEBRUIKER="werkplek", MAIL_WACHTWOORD="geheim")
    sessions = db.session_factory(settings.database_url)
    _queue(sessions, settings)

    assert verzenden.verstuur_wachtende(sessions, settings).mislukt == 1
    assert _mails(sessions)[0].laatste_fout.startswith("MAIL_GEBRUIKER is ingesteld maar MAIL_STARTTLS staat uit")

    met_tls = instellingen(MAIL_HOST="127.0.0.1", MAIL_PORT=str(relay.port), MAIL_STARTTLS="ja")
    assert verzenden.verstuur_wachtende(sessions, met_tls, op=_mails(sessions)[0].volgende_poging).mislukt == 1
    [mail] = _mails(sessions)
    assert mail.laatste_fout.startswith(f"De mailserver 127.0.0.1:{relay.port} biedt geen STARTTLS aan")
    assert mail.verstuurd is None and mail.pogingen == 2
    assert relay.berichten() == []


@E2E
@pytest.mark.parametrize("eisen, instelling, raad", [
    (["--tls"], {"MAIL_STARTTLS": "nee"}, "MAIL_STARTTLS"),
    (["--tls", "--gebruiker", "werkplek", "--wachtwoord", "geheim"], {"MAIL_STARTTLS": "ja"}, "MAIL_GEBRUIKER"),
])
def test_a_relay_that_wants_encryption_or_a_login_says_so_not_check_the_sender(
        instellingen, smtp_relay, certificaat, goedkope_hashes, eisen, instelling, raad):
    """The relay answers MAIL FROM with 530 (STARTTLS or AUTH first): the hint must point at that setting."""
    cert, key = certificaat
    options = [o for e in eisen for o in ([e, str(cert), str(key)] if e == "--tls" else [e])]
    relay = smtp_relay(*options)
    settings = instellingen(MAIL_HOST="127.0.0.1", MAIL_PORT=str(relay.port), MAIL_CA=str(cert), **instelling)
    sessions = db.session_factory(settings.database_url)
    _queue(sessions, settings)

    assert verzenden.verstuur_wachtende(sessions, settings).mislukt == 1
    fout = _mails(sessions)[0].laatste_fout
    assert "530" in fout and raad in fout and "Controleer MAIL_AFZENDER" not in fout
    assert relay.berichten() == []


def test_waiting_grows_after_each_failure_up_to_an_hour():
    assert [verzenden.wachttijd(n) for n in (1, 2, 3, 4)] == [dt.timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert verzenden.wachttijd(7) == dt.timedelta(hours=1)
    assert verzenden.wachttijd(41) == dt.timedelta(hours=1)
    assert verzenden.wachttijd(42) == dt.timedelta(hours=1)  # after about a day and a half of failures
    assert verzenden.wachttijd(500) == dt.timedelta(hours=1)


def test_a_mail_that_keeps_failing_for_days_is_still_retried_hourly(instellingen):
    """Any lasting failure (a relay down over a long weekend, an address it refuses for good): after about 36
    hours of hourly attempts a mail has 41 of them. The 42nd must fail like the others, not crash the round."""
    settings = _relay_settings(instellingen, free_port())  # nothing listens: every attempt fails
    sessions = db.session_factory(settings.database_url)
    with sessions() as s, s.begin():
        s.add(Mail(soort="test", aan="anna@lindeveld.example", onderwerp="O", tekst="T", aangemaakt=nu(),
                   pogingen=41, volgende_poging=nu()))
        s.add(Mail(soort="test", aan="bram@lindeveld.example", onderwerp="O", tekst="T", aangemaakt=nu(),
                   pogingen=0, volgende_poging=nu()))
    op = nu()

    uitslag = verzenden.verstuur_wachtende(sessions, settings, op=op)

    assert (uitslag.verstuurd, uitslag.mislukt) == (0, 2)
    oud, nieuw = _mails(sessions)
    assert (oud.pogingen, oud.volgende_poging, oud.bezig_tot) == (42, op + dt.timedelta(hours=1), None)
    assert "niet bereikbaar" in oud.laatste_fout
    assert nieuw.pogingen == 1  # the round went on to the next mail


def test_a_mail_folder_that_cannot_be_written_is_a_failed_attempt_with_a_reason(instellingen, tmp_path):
    (tmp_path / "bestand").write_text("geen map")
    settings = instellingen(MAIL_MAP=str(tmp_path / "bestand" / "mail"))  # below a file: no one can write here
    sessions = db.session_factory(settings.database_url)
    _many(sessions, 1)

    uitslag = verzenden.verstuur_wachtende(sessions, settings)

    assert (uitslag.verstuurd, uitslag.mislukt) == (0, 1)
    [mail] = _mails(sessions)
    assert mail.verstuurd is None and mail.pogingen == 1 and mail.bezig_tot is None and mail.laatste_fout


# --- Reminders and working days ------------------------------------------------------------------------------

# Thursday 23:30 UTC is Friday 00:30 in Amsterdam (CET): the handover came in on a Friday.
VRIJDAG = dt.datetime(2026, 3, 5, 23, 30)


def _reminders(sessions, settings, op):
    with sessions() as s, s.begin():
        made = meldingen.herinneringen(s, settings, op)
        return [(m.soort, m.aan) for m in made]


def test_a_reminder_comes_after_two_working_days_counted_in_amsterdam_and_only_once(settings, sessions,
                                                                                   goedkope_hashes):
    assert settings.reactietijd == "twee werkdagen" and settings.reactietijd_werkdagen == 2
    with sessions() as s, s.begin():
        _coordinator(s, "anna", "anna@lindeveld.example")
        o, _ = _handover(s, settings, tijd=VRIJDAG)
        afgerond, _ = _handover(s, settings, tijd=VRIJDAG)
        afgerond.status = overdracht.AFGEROND
        referentie = o.referentie

    maandag_laat = dt.datetime(2026, 3, 9, 22, 30)  # Monday 23:30 in Amsterdam
    assert _reminders(sessions, settings, maandag_laat) == []
    dinsdag = dt.datetime(2026, 3, 10, 9, 0)
    assert _reminders(sessions, settings, dinsdag) == [(meldingen.HERINNERING_OPPAKKEN, "anna@lindeveld.example")]
    woensdag = dt.datetime(2026, 3, 11, 9, 0)
    assert _reminders(sessions, settings, woensdag) == []

    [mail] = [m for m in _mails(sessions) if m.soort == meldingen.HERINNERING_OPPAKKEN]
    assert mail.referentie == referentie and mail.aangemaakt == dinsdag
    assert mail.onderwerp == f"Herinnering: overdracht nog niet aangenomen (ref. {referentie[:8].upper()})"
    assert f"{WERKPLEK}/overdrachten/{referentie}" in mail.tekst
    assert CONTACT not in mail.tekst and GEHEIM not in mail.tekst


def test_a_public_holiday_moves_the_reminder_a_day(settings, sessions, goedkope_hashes):
    with sessions() as s, s.begin():
        _coordinator(s, "anna", "anna@lindeveld.example")
        _handover(s, settings, tijd=dt.datetime(2026, 4, 24, 12, 0))  # Friday; Monday 27 April is Koningsdag

    assert _reminders(sessions, settings, dt.datetime(2026, 4, 28, 12, 0)) == []
    assert len(_reminders(sessions, settings, dt.datetime(2026, 4, 29, 12, 0))) == 1


def test_reactietijd_sets_the_number_of_working_days(instellingen, goedkope_hashes):
    settings = instellingen(REACTIETIJD="3 werkdagen")
    sessions = db.session_factory(settings.database_url)
    with sessions() as s, s.begin():
        _coordinator(s, "anna", "anna@lindeveld.example")
        _handover(s, settings, tijd=VRIJDAG)

    assert _reminders(sessions, settings, dt.datetime(2026, 3, 10, 12, 0)) == []
    assert len(_reminders(sessions, settings, dt.datetime(2026, 3, 11, 12, 0))) == 1


def test_a_round_queues_the_due_reminders_and_sends_them(settings, sessions, goedkope_hashes):
    with sessions() as s, s.begin():
        _coordinator(s, "anna", "anna@lindeveld.example")
        _, [nieuw] = _handover(s, settings, tijd=VRIJDAG)
        nieuw.verstuurd = VRIJDAG  # that one went out on Friday

    uitslag = verzenden.ronde(sessions, settings, op=dt.datetime(2026, 3, 10, 12, 0))

    assert (uitslag.verstuurd, uitslag.mislukt) == (1, 0)
    [eml] = settings.mail_folder.iterdir()
    assert "Herinnering: overdracht nog niet aangenomen" in eml.read_text()
    assert sorted(m.soort for m in _mails(sessions)) == [meldingen.HERINNERING_OPPAKKEN, meldingen.NIEUW]
    assert verzenden.ronde(sessions, settings, op=dt.datetime(2026, 3, 11, 12, 0)).verstuurd == 0


@pytest.mark.parametrize("dag, werkdag", [
    (dt.date(2026, 4, 24), True),    # Friday
    (dt.date(2026, 4, 25), False),   # Saturday
    (dt.date(2026, 4, 26), False),   # Sunday
    (dt.date(2026, 4, 27), False),   # Koningsdag, a Monday
    (dt.date(2026, 4, 6), False),    # Tweede Paasdag
    (dt.date(2026, 5, 14), False),   # Hemelvaartsdag
    (dt.date(2026, 5, 25), False),   # Tweede Pinksterdag
    (dt.date(2026, 12, 25), False),  # Eerste Kerstdag, a Friday
    (dt.date(2025, 12, 25), False),  # Eerste Kerstdag, a Thursday
    (dt.date(2025, 12, 26), False),  # Tweede Kerstdag, a Friday
    (dt.date(2026, 12, 28), True),   # the Monday after
    (dt.date(2027, 1, 1), False),    # Nieuwjaarsdag
    (dt.date(2025, 5, 5), False),    # Bevrijdingsdag in a lustrum year
    (dt.date(2026, 5, 5), True),     # Bevrijdingsdag otherwise: a working day
])
def test_working_days_skip_weekends_and_dutch_public_holidays(dag, werkdag):
    assert tijd.is_werkdag(dag) is werkdag


def test_counting_working_days():
    vrijdag = dt.date(2026, 3, 6)
    assert tijd.werkdagen_tussen(vrijdag, vrijdag) == 0
    assert tijd.werkdagen_tussen(vrijdag, dt.date(2026, 3, 8)) == 0  # the weekend
    assert tijd.werkdagen_tussen(vrijdag, dt.date(2026, 3, 9)) == 1
    assert tijd.werkdagen_tussen(vrijdag, dt.date(2026, 3, 10)) == 2
    assert tijd.werkdagen_tussen(dt.date(2026, 3, 10), vrijdag) == 0
    assert tijd.werkdagen_tussen(dt.date(2026, 4, 24), dt.date(2026, 4, 28)) == 1  # Koningsdag
    assert tijd.werkdagen_tussen(dt.date(2025, 12, 24), dt.date(2025, 12, 29)) == 1  # Christmas
    assert tijd.werkdagen_tussen(dt.date(2026, 12, 24), dt.date(2027, 1, 4)) == 5  # 28-31 Dec and 4 Jan
    assert tijd.na_werkdagen(vrijdag, 2) == dt.date(2026, 3, 10)
    assert tijd.na_werkdagen(dt.date(2026, 4, 24), 2) == dt.date(2026, 4, 29)
    assert tijd.na_werkdagen(dt.date(2025, 12, 24), 2) == dt.date(2025, 12, 30)
    assert tijd.na_werkdagen(vrijdag, 0) == vrijdag


def test_na_werkdagen_is_the_first_day_the_count_is_reached():
    start = dt.date(2025, 12, 1)
    for offset in range(0, 400, 3):
        van = start + dt.timedelta(days=offset)
        for n in (1, 2, 5):
            dag = tijd.na_werkdagen(van, n)
            assert tijd.is_werkdag(dag)
            assert tijd.werkdagen_tussen(van, dag) == n
            assert tijd.werkdagen_tussen(van, dag - dt.timedelta(days=1)) == n - 1
