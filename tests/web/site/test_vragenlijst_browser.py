"""The questionnaire page in Debian's Chromium: axe, keyboard only, 200% zoom and 320 px, standard and B1."""
from __future__ import annotations

import pytest

from bot import db
from bot.overdracht import overdracht, vragenlijst
from tests.conftest import SCREENSHOTS, make_settings, serve_in_thread
from tests.conftest import axe as run_axe
from tests.web.site.widget import FOCUS_VISIBLE

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from bot.web.site.app import create_app

    settings = make_settings(tmp_path_factory.mktemp("vragenlijst"))
    db.upgrade(settings.database_url)
    with serve_in_thread(create_app(settings)) as origin:
        yield origin, db.session_factory(settings.database_url)


def _uitnodiging(sessions, taalniveau="standaard"):
    with sessions() as session, session.begin():
        o = overdracht.maak(session, gesprek_id="g", contact_manier="telefoon", contact_gegeven="+31 6 12345678",
                            contact_moment=None, transcript=[], levensdomein="wonen", taalniveau=taalniveau)
        o.status, o.uitkomst, o.vragenlijst_mag, o.toegewezen_soort = "afgerond", "ondersteuning", True, "vrijwillig"
        return vragenlijst.nodig_uit(session, o, "coord")


def _axe(page, label):
    return run_axe(page, label, report="vragenlijst-axe")


@pytest.mark.parametrize("taal", ["standaard", "b1"])
def test_the_questionnaire_passes_axe_and_fits_320_px_and_200_percent_zoom(site, chromium, taal):
    origin, sessions = site
    u = _uitnodiging(sessions, taal)
    for label, viewport in (("320px", {"width": 320, "height": 800}), ("zoom-200", {"width": 640, "height": 450}),
                            ("desktop", {"width": 1280, "height": 900})):
        context = chromium.new_context(bypass_csp=True, locale="nl-NL", viewport=viewport)
        page = context.new_page()
        page.goto(f"{origin}/vragenlijst/{u.token}")
        assert _axe(page, f"vragenlijst-{taal}-{label}") == []
        # Nothing sideways: the page is as wide as the window at 320 px and at 200% zoom (1280 px / 2).
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), label
        if label != "zoom-200":
            page.screenshot(path=str(SCREENSHOTS / f"vragenlijst-{taal}-{label}.png"), full_page=True)
        context.close()
    context = chromium.new_context(bypass_csp=True, locale="nl-NL")
    page = context.new_page()
    page.goto(f"{origin}/vragenlijst")
    assert _axe(page, f"vragenlijst-code-{taal}") == []
    page.get_by_label("Code").fill("abc")
    page.keyboard.press("Enter")
    page.get_by_role("alert").filter(has_text="Deze code klopt niet").wait_for()
    assert page.get_by_label("Code").input_value() == "abc"  # what was typed stays
    assert _axe(page, "vragenlijst-code-fout") == []
    context.close()


def test_keyboard_only_from_the_first_statement_to_thanks(site, chromium):
    origin, sessions = site
    u = _uitnodiging(sessions)
    context = chromium.new_context(bypass_csp=True, locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{origin}/vragenlijst/{u.token}")
    first = page.locator("#geholpen-1")
    first.focus()  # from here on only keys
    for _ in range(5):  # five statements: arrow to "Mee eens" (4), then Tab to the next group
        for _ in range(3):
            page.keyboard.press("ArrowDown")
        assert page.evaluate(FOCUS_VISIBLE), "focus must be visible on a radio button"
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "verbeterpunt"
    page.keyboard.type("Sneller terugbellen")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "BUTTON" and page.evaluate(FOCUS_VISIBLE)
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Bedankt voor uw antwoorden").wait_for()
    assert _axe(page, "vragenlijst-bedankt") == []
    with sessions() as session:
        from sqlalchemy import select

        from bot.models import VragenlijstAntwoord

        [a] = session.scalars(select(VragenlijstAntwoord))
        assert (a.geholpen, a.verder, a.keuzes, a.zelfde, a.aanraden) == (4, 4, 4, 4, 4)
        assert a.verbeterpunt == "Sneller terugbellen"
    reply = page.goto(f"{origin}/vragenlijst/{u.token}")
    assert reply.status == 404 and "niet (meer) beschikbaar" in page.inner_text("main")  # once
    context.close()
