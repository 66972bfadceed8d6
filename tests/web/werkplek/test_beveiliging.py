"""The workspace's doors (issue 12): revocable sessions, safe redirects, HSTS, logged refusals, the throttle
behind a trusted proxy, a bounded report period."""
from __future__ import annotations

import datetime as dt
import logging
import threading
import time

import pytest
import requests

from bot.privacy import accounts

from .conftest import BELEID, COORDINATOR, csrf_token, login, make_settings, post_form


def _copy_of_cookie(client):
    return client.get_cookie("werkplek_sessie").value


def _with_cookie(app, value):
    thief = app.test_client()
    thief.set_cookie("werkplek_sessie", value)
    return thief


def test_a_copied_cookie_is_worthless_after_sign_out(app, coordinator):
    copy = _copy_of_cookie(coordinator)
    assert _with_cookie(app, copy).get("/overdrachten").status_code == 200
    post_form(coordinator, "/overdrachten", "/afmelden")
    assert _with_cookie(app, copy).get("/overdrachten").status_code == 302


def test_a_password_change_ends_every_other_session(app, coordinator):
    other_browser = app.test_client()
    assert login(other_browser, COORDINATOR).status_code == 302
    copy = _copy_of_cookie(coordinator)
    reply = post_form(coordinator, "/wachtwoord", "/wachtwoord",
                      {"huidig": COORDINATOR[1], "nieuw": "zeven-blauwe-koeien", "herhaal": "zeven-blauwe-koeien"})
    assert reply.status_code == 302
    assert coordinator.get("/overdrachten").status_code == 200  # this browser stays signed in
    assert other_browser.get("/overdrachten").status_code == 302
    assert _with_cookie(app, copy).get("/overdrachten").status_code == 302
    assert login(app.test_client(), (COORDINATOR[0], "zeven-blauwe-koeien")).status_code == 302


@pytest.mark.parametrize("form, fout", [
    ({"huidig": "fout-fout-fout", "nieuw": "zeven-blauwe-koeien", "herhaal": "zeven-blauwe-koeien"}, "klopt niet"),
    ({"huidig": COORDINATOR[1], "nieuw": "zeven-blauwe-koeien", "herhaal": "zeven-blauwe-koe"}, "niet gelijk"),
    ({"huidig": COORDINATOR[1], "nieuw": "password1234", "herhaal": "password1234"}, "te makkelijk"),
])
def test_a_refused_password_change_says_why_and_changes_nothing(app, coordinator, form, fout):
    reply = post_form(coordinator, "/wachtwoord", "/wachtwoord", form)
    assert reply.status_code == 400 and fout in reply.get_data(as_text=True)
    assert login(app.test_client(), COORDINATOR).status_code == 302


def test_deactivation_and_reactivation_do_not_revive_a_copied_cookie(app, coordinator, sessions):
    copy = _copy_of_cookie(coordinator)
    for actief in (False, True):
        with sessions() as session, session.begin():
            accounts.zet_actief(session, accounts.vind(session, COORDINATOR[0]), actief)
    assert _with_cookie(app, copy).get("/overdrachten").status_code == 302


def test_idle_sessions_end_after_thirty_minutes(settings, refs):
    from bot.web.werkplek import create_app

    clock = {"now": dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)}
    app = create_app(settings, retention=False, now=lambda: clock["now"])
    client = app.test_client()
    assert login(client, COORDINATOR).status_code == 302
    clock["now"] += dt.timedelta(minutes=29)
    assert client.get("/overdrachten").status_code == 200
    clock["now"] += dt.timedelta(minutes=31)
    reply = client.get("/overdrachten")
    assert reply.status_code == 302 and "/aanmelden" in reply.headers["Location"]
    assert "te lang niet actief" in client.get(reply.headers["Location"]).get_data(as_text=True)


@pytest.mark.parametrize("volgende", ["/%09/evil.example/x", "/%0a/x", "/%0d%0a/x", "//evil.example", "/\\evil.example",
                                      "https://evil.example/", "/%2F/evil.example", " //evil.example", "javascript:alert(1)",
                                      "%2F%2Fevil.example"])
def test_sign_in_never_redirects_off_site_and_never_fails(app, volgende):
    client = app.test_client()
    token = csrf_token(client.get("/aanmelden").get_data(as_text=True))
    reply = client.post(f"/aanmelden?volgende={volgende}", data={
        "gebruikersnaam": COORDINATOR[0], "wachtwoord": COORDINATOR[1], "csrf_token": token})
    assert reply.status_code == 302
    assert reply.headers["Location"] == "/"


def test_sign_in_keeps_a_local_path_with_its_query(app, refs):
    client = app.test_client()
    token = csrf_token(client.get("/aanmelden").get_data(as_text=True))
    reply = client.post("/aanmelden?volgende=/overdrachten%3Fstatus%3Dnieuw", data={
        "gebruikersnaam": COORDINATOR[0], "wachtwoord": COORDINATOR[1], "csrf_token": token})
    assert reply.headers["Location"] == "/overdrachten?status=nieuw"


def test_the_host_header_is_never_reflected_into_a_redirect(app, coordinator):
    for client, url in ((app.test_client(), "/overdrachten"), (coordinator, "/"), (app.test_client(), "/")):
        reply = client.get(url, headers={"Host": "evil.example"})
        assert reply.status_code == 302 and "evil.example" not in reply.headers["Location"]


def test_hsts_only_over_https(tmp_path, refs):
    from bot.web.werkplek import create_app

    plain = create_app(make_settings(tmp_path), retention=False).test_client().get("/aanmelden")
    assert "Strict-Transport-Security" not in plain.headers
    https = create_app(make_settings(tmp_path, WERKPLEK_HTTPS="ja"), retention=False).test_client()
    assert "max-age=31536000" in https.get("/aanmelden", base_url="https://localhost").headers["Strict-Transport-Security"]


def test_refused_access_and_forged_forms_are_logged_with_who_and_what(beleid, coordinator, refs, caplog):
    caplog.set_level(logging.WARNING)
    assert beleid.get(f"/overdrachten/{refs['huur']}").status_code == 403
    assert coordinator.post(f"/overdrachten/{refs['huur']}/oppakken", data={"csrf_token": "vervalst"}).status_code == 400
    lines = [r.getMessage() for r in caplog.records]
    assert any("Geen toegang" in m and BELEID[0] in m and refs["huur"] in m for m in lines), lines
    assert any("CSRF" in m and COORDINATOR[0] in m and "oppakken" in m for m in lines), lines


def test_the_report_period_is_bounded_with_a_dutch_message(beleid):
    started = time.monotonic()
    html = beleid.get("/rapportage?van=0001-01-01&tot=9999-12-31").get_data(as_text=True)
    assert time.monotonic() - started < 30
    assert "hoogstens 5 jaar" in html and "standaardperiode" in html


def _serve(app, proxy: str):
    from waitress import create_server

    from bot.web.server import proxy_options

    server = create_server(app, host="127.0.0.1", port=0, threads=4, **proxy_options(proxy))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.effective_port}"


@pytest.mark.parametrize("proxy, throttled_address", [("127.0.0.1", "203.0.113.5"), ("", "127.0.0.1")])
def test_the_throttle_reads_the_client_address_only_from_a_trusted_proxy(app, sessions, proxy, throttled_address):
    """Behind the gemeente's proxy every request comes from the proxy's address; only a configured proxy's
    X-Forwarded-For counts, so one guesser does not slow everyone, and nobody can pick their own address."""
    from sqlalchemy import select

    from bot.models import Aanmeldpoging

    server, base = _serve(app, proxy)
    try:
        web = requests.Session()
        token = csrf_token(web.get(f"{base}/aanmelden").text)
        reply = web.post(f"{base}/aanmelden", allow_redirects=False, headers={"X-Forwarded-For": "203.0.113.5"},
                         data={"gebruikersnaam": COORDINATOR[0], "wachtwoord": "fout-fout-fout", "csrf_token": token})
        assert reply.status_code == 401
    finally:
        server.close()
    with sessions() as session:
        assert session.scalars(select(Aanmeldpoging.ip)).all() == [throttled_address]
