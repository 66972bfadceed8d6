"""The real workspace (waitress) in Debian's Chromium, driven by Playwright: what a coordinator sees and does."""
from __future__ import annotations

import re

import pytest

from tests.conftest import SCREENSHOTS, serve_in_thread

from .conftest import BELEID, COORDINATOR, make_settings, seed

pytestmark = pytest.mark.e2e  # a real process, browser or Rasa command: not in the fast lane



@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from bot.web.werkplek import create_app

    settings = make_settings(tmp_path_factory.mktemp("werkplek"))
    refs = seed(settings)
    with serve_in_thread(create_app(settings, retention=False)) as origin:
        yield origin, refs


@pytest.fixture(scope="module")
def browser(chromium):
    return chromium


@pytest.fixture
def visit(server, browser):
    """A fresh browser context per test that records every request it makes."""
    origin, _ = server
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    yield page
    context.close()
    foreign = [u for u in requests if not u.startswith(origin + "/")]
    assert requests and not foreign, f"verzoeken naar een andere host: {foreign}"


def sign_in(page, origin, credentials):
    page.goto(f"{origin}/aanmelden")
    page.get_by_label("Gebruikersnaam").fill(credentials[0])
    page.get_by_label("Wachtwoord").fill(credentials[1])
    page.get_by_role("button", name="Aanmelden").click()


def test_coordinator_works_through_a_handover(server, visit):
    origin, refs = server
    page = visit
    sign_in(page, origin, COORDINATOR)
    page.wait_for_url(f"{origin}/overdrachten")
    assert page.get_by_role("heading", level=1).inner_text() == "Overdrachten"
    table = page.get_by_role("table")
    assert "Huurachterstand" in table.inner_text() and "Coördinator kiest" in table.inner_text()
    assert "+31 6 12345678" not in page.content()
    # The Utrecht styles are really applied: the theme's font and the button component, not browser defaults.
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Noto Sans" in font, font
    assert page.evaluate("getComputedStyle(document.querySelector('.utrecht-button')).cursor") == "pointer"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "werkplek-overdrachten.png"), full_page=True)

    row = page.get_by_role("row").filter(has_text="Huurachterstand")
    row.get_by_role("link").click()
    page.wait_for_url(f"{origin}/overdrachten/{refs['huur']}")
    assert "+31 6 12345678" in page.inner_text("main")
    assert "Ik heb een huurachterstand" in page.inner_text("main")

    page.get_by_role("button", name="Oppakken").click()
    page.get_by_role("status").filter(has_text="Je hebt deze overdracht opgepakt.").wait_for()
    page.get_by_label("Meedenker").select_option("vml-youssef")
    page.get_by_role("button", name="Toewijzen").click()
    page.get_by_role("status").filter(has_text="toegewezen aan Youssef El Amrani").wait_for()
    page.get_by_label("Notitie", exact=True).fill("Inwoner gebeld; terugbellen dinsdag.")
    page.get_by_role("button", name="Notitie toevoegen").click()
    page.get_by_role("status").filter(has_text="De notitie is toegevoegd.").wait_for()
    page.screenshot(path=str(SCREENSHOTS / "werkplek-transcript.png"), full_page=True)
    page.get_by_label("Geen contact mogelijk").check()
    page.get_by_role("button", name="Afronden").click()
    page.get_by_role("status").filter(has_text="De overdracht is afgerond.").wait_for()

    history = page.get_by_role("table").filter(has_text="Wie wat deed").inner_text()
    for what in ("Opgepakt", "Toegewezen", "Youssef El Amrani", "Notitie", "terugbellen dinsdag", "Afgerond"):
        assert what in history
    assert history.count("coord") >= 4
    assert page.get_by_role("button", name="Oppakken").count() == 0

    page.get_by_role("link", name=re.compile("Toegangslog")).click()
    log = page.get_by_role("table").inner_text()
    assert log.count("Gesprek ingezien") >= 5 and "coord" in log


def test_beleid_and_anonymous_cannot_open_a_transcript(server, visit):
    origin, refs = server
    page = visit
    url = f"{origin}/overdrachten/{refs['huur']}"
    reply = page.goto(url)
    assert page.url.startswith(f"{origin}/aanmelden")
    assert "Ik heb een huurachterstand" not in page.content() and reply.status == 200
    sign_in(page, origin, BELEID)
    page.wait_for_url(f"{origin}/rapportage")
    reply = page.goto(url)
    assert reply.status == 403
    assert page.get_by_role("heading", level=1).inner_text() == "Geen toegang"
    assert "Ik heb een huurachterstand" not in page.content() and "+31 6 12345678" not in page.content()
    assert page.goto(f"{origin}/").url == f"{origin}/rapportage"
    assert page.get_by_role("link", name="Overdrachten", exact=True).count() == 0


def test_html_in_a_transcript_is_shown_as_text(server, visit):
    origin, refs = server
    page = visit
    sign_in(page, origin, COORDINATOR)
    page.wait_for_url(f"{origin}/overdrachten")
    page.goto(f"{origin}/overdrachten/{refs['xss']}")
    assert page.evaluate("typeof window.hacked") == "undefined"
    gesprek = page.locator(".werkplek-gesprek").inner_text()
    assert "<script>window.hacked=1</script>" in gesprek and "<b>vet</b>" in gesprek
    assert page.locator(".werkplek-gesprek b").count() == 0


def test_form_without_csrf_token_is_refused(server, visit):
    origin, refs = server
    page = visit
    sign_in(page, origin, COORDINATOR)
    page.wait_for_url(f"{origin}/overdrachten")
    page.goto(f"{origin}/overdrachten/{refs['schulden']}")
    page.evaluate("document.querySelectorAll('input[name=csrf_token]').forEach(e => e.remove())")
    with page.expect_navigation():
        page.get_by_role("button", name="Oppakken").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Het formulier is verlopen"
    reply = page.request.post(f"{origin}/overdrachten/{refs['schulden']}/afronden", max_redirects=0)
    assert reply.status == 400
    page.goto(f"{origin}/overdrachten/{refs['schulden']}")
    assert page.get_by_role("button", name="Oppakken").count() == 1  # nothing changed


def test_skip_link_is_first_and_becomes_visible_on_focus(server, visit):
    origin, _ = server
    page = visit
    page.goto(f"{origin}/aanmelden")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Naar de inhoud"
    box = page.locator(".utrecht-skip-link").bounding_box()
    assert box and box["y"] >= 0
