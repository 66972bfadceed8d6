import re

import pytest
from sqlalchemy import func, select

from bot.models import Aanmeldpoging, Toegangsregel
from bot.overdracht import overdracht

from .conftest import COORDINATOR, csrf_token, login, post_form


def _records(sessions, ref=None):
    with sessions() as session:
        query = select(Toegangsregel)
        if ref:
            query = query.where(Toegangsregel.data_subject_id == ref)
        return session.scalars(query.order_by(Toegangsregel.id)).all()


def _coordinator_routes(refs):
    ref = refs["huur"]
    return {
        "get": ["/overdrachten", f"/overdrachten/{ref}", f"/overdrachten/{ref}/toegangslog",
                "/overdrachten/bestaat-niet"],
        "post": [f"/overdrachten/{ref}/{action}" for action in ("oppakken", "toewijzen", "notitie", "afronden")],
    }


# Who may open which page (the route's rule in bot/web/werkplek): every other signed-in role gets 403. <ref> is a
# handover assigned to the meedenker (anna), so her refusals below are about her role, not about whose it is.
COORDINATOR_ROL, MEEDENKER_ROL, BELEID_ROL, ADVIESRAAD_ROL = "coordinator", "meedenker", "beleid", "adviesraad"
RAPPORT = {COORDINATOR_ROL, BELEID_ROL, ADVIESRAAD_ROL}
TOEGANG = [
    ("GET", "/overdrachten", {COORDINATOR_ROL}),
    ("GET", "/overdrachten/<ref>", {COORDINATOR_ROL, MEEDENKER_ROL}),
    ("GET", "/overdrachten/<ref>/toegangslog", {COORDINATOR_ROL}),
    ("GET", "/mijn", {MEEDENKER_ROL}),
    ("GET", "/registreren", {COORDINATOR_ROL, MEEDENKER_ROL}),
    ("GET", "/beschikbaarheid", {MEEDENKER_ROL}),
    ("GET", "/netwerk", {COORDINATOR_ROL}),
    ("GET", "/mails", {COORDINATOR_ROL}),
    ("GET", "/rapportage", RAPPORT),
    ("GET", "/rapportage/rapport.css", RAPPORT),
    ("GET", "/rapportage/download?formaat=csv", RAPPORT),
    ("GET", "/rapportage/download?formaat=xlsx", RAPPORT),
    ("POST", "/overdrachten/<ref>/oppakken", {COORDINATOR_ROL}),
    ("POST", "/overdrachten/<ref>/toewijzen", {COORDINATOR_ROL}),
    ("POST", "/overdrachten/<ref>/aannemen", {MEEDENKER_ROL}),
    ("POST", "/overdrachten/<ref>/afwijzen", {MEEDENKER_ROL}),
    ("POST", "/overdrachten/<ref>/collega", {MEEDENKER_ROL}),
    ("POST", "/overdrachten/<ref>/contact", {COORDINATOR_ROL, MEEDENKER_ROL}),
    ("POST", "/overdrachten/<ref>/notitie", {COORDINATOR_ROL, MEEDENKER_ROL}),
    ("POST", "/overdrachten/<ref>/afronden", {COORDINATOR_ROL, MEEDENKER_ROL}),
    ("POST", "/overdrachten/<ref>/vragenlijst", {COORDINATOR_ROL, MEEDENKER_ROL}),
    ("POST", "/registreren", {COORDINATOR_ROL, MEEDENKER_ROL}),
    ("POST", "/beschikbaarheid", {MEEDENKER_ROL}),
    ("POST", "/netwerk/vml-anna/beschikbaarheid", {COORDINATOR_ROL}),
]


# Pages every visitor or every signed-in account has: sign-in, sign-out, own password, health, start, static files.
VOOR_IEDEREEN = {"/", "/aanmelden", "/afmelden", "/wachtwoord", "/gezondheid", "/static/<pakket>/<path:pad>"}


def test_the_role_matrix_names_every_route_of_the_workspace(app):
    """A new page or action cannot slip past the role test: each of its methods must have a row in TOEGANG."""
    in_matrix = {(m, p.split("?")[0].replace("<ref>", "<referentie>").replace("vml-anna", "<sleutel>"))
                 for m, p, _ in TOEGANG}
    routes = {(m, r.rule) for r in app.url_map.iter_rules() if r.rule not in VOOR_IEDEREEN
              for m in r.methods - {"HEAD", "OPTIONS"}}
    assert routes - in_matrix == set()
    assert in_matrix - routes == set()


def test_health_check_needs_no_sign_in(app):
    reply = app.test_client().get("/gezondheid")
    assert (reply.status_code, reply.get_data(as_text=True)) == (200, "ok")


def test_sign_in_with_wrong_password_is_refused(app, sessions):
    client = app.test_client()
    reply = login(client, (COORDINATOR[0], "verkeerd-wachtwoord"))
    assert reply.status_code == 401
    assert "De gebruikersnaam of het wachtwoord klopt niet." in reply.get_data(as_text=True)
    assert client.get("/overdrachten").status_code == 302
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(Aanmeldpoging).where(
            Aanmeldpoging.uitkomst == "mislukt")) == 1


def test_sign_in_is_throttled_after_five_failures(app):
    client = app.test_client()
    for _ in range(5):
        assert login(client, (COORDINATOR[0], "verkeerd-wachtwoord")).status_code == 401
    reply = login(client, COORDINATOR)  # the right password, but too late
    assert reply.status_code == 429
    assert re.search(r"Te veel mislukte pogingen\. Probeer het over \d+ minuten opnieuw\.",
                     reply.get_data(as_text=True))


def test_start_page_depends_on_role(coordinator, beleid):
    assert coordinator.get("/").headers["Location"].endswith("/overdrachten")
    assert beleid.get("/").headers["Location"].endswith("/rapportage")
    assert "Rapportage voor beleid" in beleid.get("/rapportage").get_data(as_text=True)
    assert coordinator.get("/rapportage").status_code == 200


def test_session_cookie_flags_and_rotation_at_sign_in(app):
    client = app.test_client()
    client.get("/aanmelden")
    before = client.get_cookie("werkplek_sessie").value
    reply = login(client, COORDINATOR)
    cookie = next(h for h in reply.headers.getlist("Set-Cookie") if h.startswith("werkplek_sessie="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    assert "Expires=" not in cookie and "Max-Age" not in cookie  # gone when the browser closes
    assert client.get_cookie("werkplek_sessie").value != before


def test_secure_cookie_when_served_over_https(tmp_path, refs):
    from bot.web.werkplek import create_app

    from .conftest import make_settings

    settings = make_settings(tmp_path, WERKPLEK_HTTPS="ja")
    app = create_app(settings, retention=False)
    client = app.test_client()
    reply = client.get("/aanmelden", base_url="https://localhost")
    assert "Secure" in reply.headers["Set-Cookie"]


def test_beleid_is_refused_every_coordinator_route(beleid, refs, sessions):
    routes = _coordinator_routes(refs)
    token = csrf_token(beleid.get("/rapportage").get_data(as_text=True))
    for url in routes["get"]:
        reply = beleid.get(url)
        assert reply.status_code == 403, url
        assert "Geen toegang" in reply.get_data(as_text=True)
    for url in routes["post"]:
        reply = beleid.post(url, data={"csrf_token": token, "tekst": "x", "meedenker": "vml-anna"})
        assert reply.status_code == 403, url
    assert not _records(sessions)
    with sessions() as session:
        assert overdracht.vind(session, refs["huur"]).status == overdracht.NIEUW


def test_anonymous_visitors_are_sent_to_sign_in_and_get_no_data(app, refs, sessions):
    client = app.test_client()
    routes = _coordinator_routes(refs)
    for url in routes["get"] + ["/rapportage", "/"]:
        reply = client.get(url)
        assert reply.status_code == 302, url
        assert "/aanmelden" in reply.headers["Location"]
    token = csrf_token(client.get("/aanmelden").get_data(as_text=True))
    for url in routes["post"]:
        reply = client.post(url, data={"csrf_token": token, "tekst": "x"})
        assert reply.status_code in (302, 403), url
        assert "+31 6 12345678" not in reply.get_data(as_text=True)
    assert not _records(sessions)


def test_sign_in_returns_to_the_page_asked_for_but_never_to_another_site(app, refs):
    client = app.test_client()
    target = f"/overdrachten/{refs['huur']}"
    page = client.get(target).headers["Location"]
    token = csrf_token(client.get(page).get_data(as_text=True))
    reply = client.post(page, data={"gebruikersnaam": COORDINATOR[0], "wachtwoord": COORDINATOR[1],
                                     "csrf_token": token})
    assert reply.headers["Location"] == target
    other = app.test_client()
    token = csrf_token(other.get("/aanmelden").get_data(as_text=True))
    reply = other.post("/aanmelden?volgende=//evil.example/x", data={
        "gebruikersnaam": COORDINATOR[0], "wachtwoord": COORDINATOR[1], "csrf_token": token})
    assert reply.headers["Location"] == "/"


def test_post_without_csrf_token_is_refused(coordinator, refs, sessions):
    reply = coordinator.post(f"/overdrachten/{refs['huur']}/oppakken")
    assert reply.status_code == 400
    assert "Het formulier is verlopen" in reply.get_data(as_text=True)
    reply = coordinator.post(f"/overdrachten/{refs['huur']}/oppakken", data={"csrf_token": "vervalst"})
    assert reply.status_code == 400
    with sessions() as session:
        assert overdracht.vind(session, refs["huur"]).behandelaar is None


def test_list_shows_no_personal_data_and_writes_no_access_records(coordinator, refs, sessions):
    reply = coordinator.get("/overdrachten")
    html = reply.get_data(as_text=True)
    assert reply.status_code == 200 and '<html lang="nl">' in html
    for row in ("Huurachterstand", "De Akkers", "Anna de Vries", "Coördinator kiest", "2 uur", "3 dagen",
                "25 minuten"):
        assert row in html
    for secret in ("+31 6 12345678", "inwoner@example.nl", "Ik heb een huurachterstand", "Ik heb schulden",
                   "window.hacked"):
        assert secret not in html
    assert not _records(sessions)


def test_list_filters(coordinator, refs):
    html = coordinator.get("/overdrachten?levensdomein=jeugd").get_data(as_text=True)
    assert refs["xss"] in html and refs["huur"] not in html
    html = coordinator.get("/overdrachten?status=ingetrokken").get_data(as_text=True)
    assert refs["ingetrokken"] in html and refs["huur"] not in html
    html = coordinator.get("/overdrachten?organisatie=Vrijwillige+Meedenkers+Lindeveld").get_data(as_text=True)
    assert refs["huur"] in html and refs["schulden"] in html and refs["xss"] not in html


def test_opening_a_handover_writes_access_records(coordinator, refs, sessions, settings):
    ref = refs["huur"]
    reply = coordinator.get(f"/overdrachten/{ref}")
    html = reply.get_data(as_text=True)
    assert reply.status_code == 200
    assert "+31 6 12345678" in html and "Ik heb een huurachterstand" in html and "&#39;s ochtends" in html
    assert reply.headers["Cache-Control"] == "no-store"
    records = _records(sessions, ref)
    assert sorted(r.name for r in records) == ["contactgegevens_inzien", "transcript_inzien"]
    assert len({r.trace_id for r in records}) == 1 and len({r.span_id for r in records}) == 2
    for r in records:
        assert re.fullmatch(r"[0-9a-f]{32}", r.trace_id) and re.fullmatch(r"[0-9a-f]{16}", r.span_id)
        assert (r.gebruiker, r.status_code, r.resource_name) == ("coord", "OK", "intakebot-werkplek")
        assert r.processing_activity_id == settings.verwerkingsactiviteit
        assert (r.data_subject_id, r.data_subject_id_type) == (ref, "overdracht-referentie")
        assert r.start_time <= r.end_time and r.resource_version
    coordinator.get(f"/overdrachten/{ref}")
    assert len(_records(sessions, ref)) == 4  # every open counts
    log_page = coordinator.get(f"/overdrachten/{ref}/toegangslog").get_data(as_text=True)
    assert "Gesprek ingezien" in log_page and "Contactgegevens ingezien" in log_page and records[0].span_id in log_page
    assert len(_records(sessions, ref)) == 4  # the log page shows no personal data itself


def test_state_changes_record_who_and_when(coordinator, refs, sessions):
    ref = refs["huur"]
    page = f"/overdrachten/{ref}"
    today = overdracht.now().date().isoformat()
    for url, data in ((f"{page}/oppakken", {}), (f"{page}/toewijzen", {"meedenker": "vml-youssef"}),
                      (f"{page}/notitie", {"tekst": "Gebeld, <b>voicemail</b>"}), (f"{page}/contact", {"datum": today}),
                      (f"{page}/afronden", {"uitkomst": "doorverwezen", "doorverwezen_naar": "schuldhulp"})):
        reply = post_form(coordinator, page, url, data)
        assert reply.status_code == 302 and reply.headers["Location"] == page
    with sessions() as session:
        o = overdracht.vind(session, ref)
        assert (o.status, o.behandelaar, o.toegewezen_naam) == ("afgerond", "coord", "Youssef El Amrani")
        assert (o.uitkomst, o.doorverwezen_naar, o.eerste_contact.isoformat()) == ("doorverwezen", "schuldhulp", today)
        assert o.afgerond is not None
        events = [(e.gebruiker, e.soort) for e in o.gebeurtenissen]
        assert events == [("inwoner", "aangemaakt"), ("coord", "opgepakt"), ("coord", "toegewezen"),
                          ("coord", "notitie"), ("coord", "eerste_contact"), ("coord", "afgerond")]
        assert all(e.tijd is not None for e in o.gebeurtenissen)
    html = coordinator.get(page).get_data(as_text=True)
    assert "Gebeld, &lt;b&gt;voicemail&lt;/b&gt;" in html and "Youssef El Amrani" in html
    assert 'action="' + page + '/afronden"' not in html  # done: no more claim/assign/done forms


def test_refused_change_is_shown_as_dutch_message(coordinator, refs):
    page = f"/overdrachten/{refs['huur']}"
    post_form(coordinator, page, f"{page}/afronden")
    assert "Kies de uitkomst" in coordinator.get(page).get_data(as_text=True)
    post_form(coordinator, page, f"{page}/afronden", {"uitkomst": "ondersteuning"})
    assert "Vul eerst de datum van het eerste contact in" in coordinator.get(page).get_data(as_text=True)
    post_form(coordinator, page, f"{page}/afronden", {"uitkomst": "geen_contact"})
    reply = post_form(coordinator, page, f"{page}/oppakken")
    html = coordinator.get(reply.headers["Location"]).get_data(as_text=True)
    assert "Deze overdracht is al afgerond." in html
    post_form(coordinator, page, f"{page}/toewijzen", {"meedenker": "vml-anna"})
    assert "Deze overdracht is al afgerond." in coordinator.get(page).get_data(as_text=True)
    post_form(coordinator, page, f"{page}/notitie", {"tekst": "   "})
    assert "Een notitie mag niet leeg zijn." in coordinator.get(page).get_data(as_text=True)


def test_unknown_meedenker_is_refused(coordinator, refs, sessions):
    page = f"/overdrachten/{refs['schulden']}"
    post_form(coordinator, page, f"{page}/toewijzen", {"meedenker": "verzonnen"})
    assert "Kies een meedenker uit de lijst." in coordinator.get(page).get_data(as_text=True)
    with sessions() as session:
        assert overdracht.vind(session, refs["schulden"]).toegewezen_sleutel is None


def test_withdrawn_handover_shows_nothing_personal(coordinator, refs, sessions):
    ref = refs["ingetrokken"]
    reply = coordinator.get(f"/overdrachten/{ref}")
    html = reply.get_data(as_text=True)
    assert reply.status_code == 200
    assert "Geheime tekst" not in html and "+31 6 87654321" not in html
    assert "neem geen contact op" in html
    assert "/oppakken" not in html and "/notitie" not in html and "/afronden" not in html
    assert [r.name for r in _records(sessions, ref)] == ["categorieen_inzien"]  # what was left, still a view


def test_transcript_html_is_shown_as_text(coordinator, refs):
    html = coordinator.get(f"/overdrachten/{refs['xss']}").get_data(as_text=True)
    assert "<script>window.hacked" not in html and "<b>vet</b>" not in html
    assert "&lt;script&gt;window.hacked=1&lt;/script&gt;" in html and "&lt;b&gt;vet&lt;/b&gt;" in html


def test_unknown_reference_gives_dutch_404(coordinator):
    reply = coordinator.get("/overdrachten/00000000-0000-0000-0000-000000000000")
    assert reply.status_code == 404 and "Pagina niet gevonden" in reply.get_data(as_text=True)
    assert coordinator.get("/bestaat/niet").status_code == 404


def test_security_headers(app, coordinator):
    reply = coordinator.get("/overdrachten")
    csp = reply.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "script-src" not in csp
    assert reply.headers["X-Content-Type-Options"] == "nosniff"
    assert reply.headers["Referrer-Policy"] == "no-referrer"
    assert reply.headers["Cache-Control"] == "no-store"


def test_css_is_served_by_the_app_itself(app):
    client = app.test_client()
    html = client.get("/aanmelden").get_data(as_text=True)
    sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert len(sheets) == 5 and all(s.startswith("/static/") for s in sheets)
    for sheet in sheets:
        reply = client.get(sheet)
        assert reply.status_code == 200, sheet
        assert reply.mimetype == "text/css"
    assert ".utrecht-button" in client.get(sheets[3]).get_data(as_text=True)
    assert "--utrecht-button" in client.get(sheets[2]).get_data(as_text=True)  # the theme's tokens
    assert client.get("/static/utrecht/../../package.json").status_code == 404
    assert client.get("/static/onbekend/index.css").status_code == 404


def test_unexpected_error_gives_dutch_page_without_stack_trace(app, coordinator, monkeypatch):
    def boom(*_a, **_kw):
        raise RuntimeError("geheim detail uit de code")

    monkeypatch.setattr(overdracht, "lijst", boom)
    reply = coordinator.get("/overdrachten")
    html = reply.get_data(as_text=True)
    assert reply.status_code == 500 and "Er ging iets mis" in html
    assert "geheim detail" not in html and "Traceback" not in html


def test_sign_out_ends_the_session(coordinator):
    reply = post_form(coordinator, "/overdrachten", "/afmelden")
    assert reply.status_code == 302
    assert coordinator.get("/overdrachten").status_code == 302


def test_maintenance_thread_purges_daily_and_checks_for_abandoned_conversations_hourly(monkeypatch, settings):
    import threading

    import bot.privacy.bewaren
    from bot.web.werkplek import opruimen

    purges, checks = [], []
    monkeypatch.setattr(bot.privacy.bewaren, "purge", lambda s: purges.append(s) or {})
    monkeypatch.setattr(bot.privacy.bewaren, "signal_abandoned", lambda s, w: checks.append(s) or 0)
    stop = threading.Event()
    thread = opruimen.start(settings, interval=0.5, stop=stop, tick=0.1)
    stop.wait(1.2)
    stop.set()
    thread.join(5)
    assert not thread.is_alive()
    assert 2 <= len(purges) <= 4 and len(checks) >= 2 * len(purges) and purges[0] == settings


@pytest.mark.parametrize("rol", [COORDINATOR_ROL, MEEDENKER_ROL, BELEID_ROL, ADVIESRAAD_ROL])
def test_each_role_opens_only_its_own_pages(app, refs, sessions, rol):
    from .conftest import ADVIESRAAD, BELEID, MEEDENKER

    with sessions() as session, session.begin():  # Anna's handover: her own refusals are about her role only
        o = overdracht.vind(session, refs["huur"])
        overdracht.pak_op(o, "coord")
        overdracht.wijs_toe(o, "coord", overdracht.Gekozen("vml-anna", "Anna de Vries", "VML", "vrijwillig"))
    client = app.test_client()
    assert login(client, {COORDINATOR_ROL: COORDINATOR, MEEDENKER_ROL: MEEDENKER, BELEID_ROL: BELEID,
                          ADVIESRAAD_ROL: ADVIESRAAD}[rol]).status_code == 302
    token = csrf_token(client.get("/wachtwoord").get_data(as_text=True))
    for method, path, rollen in TOEGANG:
        url = path.replace("<ref>", refs["huur"])
        reply = client.get(url) if method == "GET" else client.post(url, data={"csrf_token": token})
        if rol in rollen:
            assert reply.status_code != 403 and reply.status_code < 500, (rol, method, url, reply.status_code)
            if method == "GET":
                assert reply.status_code == 200, (rol, url)
        else:
            assert reply.status_code == 403, (rol, method, url, reply.status_code)
            assert "Geen toegang" in reply.get_data(as_text=True)
    for method, path, _ in TOEGANG:  # and nobody who is not signed in
        url = path.replace("<ref>", refs["huur"])
        anonymous = app.test_client()
        reply = anonymous.get(url) if method == "GET" else anonymous.post(url, data={"csrf_token": token})
        assert reply.status_code in (302, 403), (method, url)
        if method == "GET":
            assert "/aanmelden" in reply.headers["Location"]
