"""Accessibility of the site's less travelled pages, in Debian's Chromium: the questionnaire's code page at 320 px and
at 200% zoom, its error pages and the "link invalid/used" page (axe-core), a keyboard-only run of the questionnaire
in B1 from the top of the page, and the widget's "Mening geven" at 200% zoom by keyboard.

200% zoom is emulated as test_vragenlijst_browser.py does it: a 1280 x 900 window at 200% lays out as 640 x 450 CSS
pixels (here also drawn with two device pixels per CSS pixel, as a zoomed screen is).
"""
from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from bot import db
from bot.models import Signaal, VragenlijstAntwoord
from bot.overdracht import overdracht, vragenlijst
from bot.vocabulaire import BEKEND_VIA
from tests.conftest import SCREENSHOTS, make_settings, serve_in_thread
from tests.conftest import axe as run_axe

from .widget import FOCUS_VISIBLE, MENING_QUESTION, Widget

pytestmark = pytest.mark.e2e  # a real server and a browser: not in the fast lane

NARROW = {"viewport": {"width": 320, "height": 800}}
ZOOM_200 = {"viewport": {"width": 640, "height": 450}, "device_scale_factor": 2}
SIZES = {"320px": NARROW, "zoom-200": ZOOM_200}
NO_SIDEWAYS = "document.scrollingElement.scrollWidth <= window.innerWidth"
# Where the focused element is: reachable means in the window once the browser scrolled to it, and not covered by
# anything (a sticky header or the message form: WCAG 2.4.11), tested at its centre.
FOCUS_BOX = """() => { const e = document.activeElement, r = e.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return {id: e.id, tag: e.tagName, name: (e.labels && e.labels[0] ? e.labels[0].textContent
          : e.getAttribute('aria-label') || e.textContent || '').trim(),
          inside: r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0
                  && r.right <= window.innerWidth + 0.5 && r.bottom <= window.innerHeight + 0.5
                  && !!hit && (e.contains(hit) || [...(e.labels || [])].some(l => l.contains(hit)))}; }"""
# Every id a field points to for its name or description must be there (axe only asks for one of several).
MISSING_REFERENCES = """() => [...document.querySelectorAll('[aria-describedby], [aria-labelledby]')].flatMap(e =>
  ['aria-describedby', 'aria-labelledby'].flatMap(a => (e.getAttribute(a) || '').split(/\\s+/).filter(Boolean)
    .filter(id => !document.getElementById(id)).map(id => `${e.id || e.tagName} ${a}=${id}`)))"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The demo site alone (waitress), with a database of its own: the questionnaire needs no bot."""
    from bot.web.site.app import create_app

    settings = make_settings(tmp_path_factory.mktemp("toegankelijkheid"))
    db.upgrade(settings.database_url)
    with serve_in_thread(create_app(settings)) as origin:
        yield origin, db.session_factory(settings.database_url)
    db.engine_for(settings.database_url).dispose()


@pytest.fixture
def new_page(chromium):
    """new_page(**context options) -> a page in a context of its own, closed after the test. CSP is bypassed only
    so axe-core can be injected as a script."""
    contexts = []

    def make(**options):
        options = {"locale": "nl-NL", "viewport": {"width": 1280, "height": 900}, **options}
        context = chromium.new_context(bypass_csp=True, **options)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def _uitnodiging(sessions, taalniveau="standaard"):
    """An invitation for a handover closed with support and consent, as the workspace makes one."""
    with sessions() as session, session.begin():
        o = overdracht.maak(session, gesprek_id="g", contact_manier="telefoon", contact_gegeven="+31 6 12345678",
                            contact_moment=None, transcript=[], levensdomein="wonen", taalniveau=taalniveau)
        o.status, o.uitkomst, o.vragenlijst_mag, o.toegewezen_soort = "afgerond", "ondersteuning", True, "vrijwillig"
        return vragenlijst.nodig_uit(session, o, "coord")


def _axe(page, label):
    return run_axe(page, label, report="toegankelijkheid-extra-axe")


def _no_sideways(page) -> bool:
    return page.evaluate(NO_SIDEWAYS)


def _focus(page) -> dict:
    info = page.evaluate(FOCUS_BOX)
    info["visible"] = page.evaluate(FOCUS_VISIBLE)
    return info


# --- 1. The questionnaire -----------------------------------------------------------------------------------

@pytest.mark.parametrize("taal", ["standaard", "b1"])
@pytest.mark.parametrize("maat", list(SIZES))
def test_the_code_page_passes_axe_and_fits_at_320_px_and_200_percent_zoom_also_with_a_wrong_code(
        site, new_page, maat, taal):
    origin, _ = site
    page = new_page(**SIZES[maat])
    page.goto(f"{origin}/vragenlijst" + ("?taal=b1" if taal == "b1" else ""))
    label = "Code van de kaart" if taal == "b1" else "Code"
    found = {"leeg": _axe(page, f"vragenlijst-code-{taal}-{maat}")}
    assert _no_sideways(page), "de codepagina schuift opzij"
    field = page.get_by_label(label, exact=True)
    for part in (field, page.get_by_role("button", name="Verder" if taal == "b1" else "Naar de vragenlijst")):
        box = part.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= SIZES[maat]["viewport"]["width"], part
    if maat == "320px":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"vragenlijst-code-{taal}-320.png"), full_page=True)

    field.fill("ACDE-FGHJ")  # too short
    with page.expect_navigation():
        page.keyboard.press("Enter")
    alert = page.get_by_role("alert").filter(has_text="Deze code klopt niet")
    expect(alert).to_be_visible()
    assert field.input_value() == "ACDE-FGHJ" and field.get_attribute("aria-invalid") == "true"
    found["fout"] = _axe(page, f"vragenlijst-code-fout-{taal}-{maat}")
    assert _no_sideways(page), "de codepagina met de foutmelding schuift opzij"
    # The field points to the message, so a screen reader reads it with the field (WCAG 3.3.1, 1.3.1).
    assert page.evaluate(MISSING_REFERENCES) == []
    description = field.evaluate("""e => (e.getAttribute('aria-describedby') || '').split(/\\s+/)
        .map(id => document.getElementById(id)).filter(Boolean).map(d => d.textContent).join(' ')""")
    assert "Deze code klopt niet" in description, description
    assert found == {"leeg": [], "fout": []}


@pytest.mark.parametrize("maat", ["desktop", *SIZES])
def test_a_refused_answer_and_the_invalid_link_page_pass_axe(site, new_page, maat):
    origin, sessions = site
    u = _uitnodiging(sessions)
    page = new_page(**SIZES.get(maat, {}))
    page.goto(f"{origin}/vragenlijst/{u.token}")
    page.get_by_label("Mee eens", exact=True).first.check()
    # Only a tampered form can send a score outside the scale: the server refuses it, keeping what was typed.
    page.locator("#keuzes-5").evaluate("e => { e.value = '7'; e.checked = true; }")
    page.get_by_label("Verbeterpunten?").fill("Sneller terugbellen")
    with page.expect_navigation():
        page.get_by_role("button", name="Antwoorden versturen").click()
    expect(page.get_by_role("alert").filter(has_text="Kies bij elke uitspraak")).to_be_visible()
    assert page.get_by_label("Verbeterpunten?").input_value() == "Sneller terugbellen"
    assert page.locator("#geholpen-4").is_checked()
    found = {"fout": _axe(page, f"vragenlijst-antwoord-fout-{maat}")}
    assert _no_sideways(page) and page.evaluate(MISSING_REFERENCES) == []

    for taal in ("standaard", "b1"):  # a link nobody was sent
        reply = page.goto(f"{origin}/vragenlijst/ACDEFGHJKMNP" + ("?taal=b1" if taal == "b1" else ""))
        assert reply.status == 404
        heading = "Deze link werkt niet" if taal == "b1" else "Deze vragenlijst is niet (meer) beschikbaar"
        expect(page.get_by_role("heading", level=1, name=heading)).to_be_visible()
        found[f"ongeldig {taal}"] = _axe(page, f"vragenlijst-ongeldig-{taal}-{maat}")
        assert _no_sideways(page)
    assert found == dict.fromkeys(found, [])


def test_keyboard_only_in_b1_from_the_top_of_the_page_to_thanks_and_the_used_link(site, new_page):
    origin, sessions = site
    u = _uitnodiging(sessions, "b1")
    page = new_page()
    page.goto(f"{origin}/vragenlijst/{u.token}")
    assert page.evaluate("document.activeElement === document.body")  # nothing focused by a script
    kb = page.keyboard
    stops = []

    def tab(key: str = "Tab") -> dict:
        kb.press(key)
        stops.append(_focus(page))
        assert stops[-1]["visible"] and stops[-1]["inside"], f"focus niet zichtbaar of buiten beeld: {stops[-1]}"
        return stops[-1]

    assert tab()["name"] == "Naar de inhoud"  # the skip link first
    kb.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"
    while not tab()["id"].startswith("geholpen-"):
        assert len(stops) < 10, [s["name"] for s in stops]
    # Tab enters each statement's radio group; the arrow keys (and Space) choose within it.
    keys = {"geholpen": ["ArrowDown"] * 4,           # 5 Helemaal waar
            "verder": ["Space"],                     # 1 Helemaal niet waar
            "keuzes": ["ArrowUp"],                   # round to the last: Weet ik niet
            "zelfde": ["ArrowRight", "ArrowRight"],  # 3 Een beetje
            "aanraden": ["ArrowDown"] * 4 + ["ArrowLeft"]}  # 4 Waar
    for n, (stelling, presses) in enumerate(keys.items()):
        if n:
            assert tab()["id"].startswith(f"{stelling}-"), stops[-1]
        for key in presses:
            kb.press(key)
            focus = _focus(page)
            assert focus["visible"] and focus["inside"] and focus["id"].startswith(f"{stelling}-"), focus
    assert tab()["id"] == "verbeterpunt"
    kb.type("Ik wil sneller een antwoord")
    assert tab()["tag"] == "BUTTON" and stops[-1]["name"] == "Versturen"
    with page.expect_navigation():
        kb.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Dank u wel!")).to_be_visible()
    found = {"bedankt b1": _axe(page, "vragenlijst-bedankt-b1")}
    with sessions() as session:
        [a] = session.scalars(select(VragenlijstAntwoord).order_by(VragenlijstAntwoord.id.desc()).limit(1))
        assert (a.geholpen, a.verder, a.keuzes, a.zelfde, a.aanraden) == (5, 1, None, 3, 4)
        assert a.verbeterpunt == "Ik wil sneller een antwoord"
    reply = page.goto(f"{origin}/vragenlijst/{u.token}")  # used: the page says so, in B1 when asked
    assert reply.status == 404 and "niet (meer) beschikbaar" in page.inner_text("main")
    found["gebruikt"] = _axe(page, "vragenlijst-gebruikt")
    page.goto(f"{origin}/vragenlijst/{u.token}?taal=b1")
    expect(page.get_by_role("heading", level=1, name="Deze link werkt niet")).to_be_visible()
    found["gebruikt b1"] = _axe(page, "vragenlijst-gebruikt-b1")
    assert found == dict.fromkeys(found, [])


# --- 2. "Mening geven" in the widget at 200% zoom ------------------------------------------------------------

def _meningen(settings) -> list[Signaal]:
    with db.new_session(settings.database_url) as session:
        return list(session.scalars(select(Signaal).where(Signaal.soort == "mening").order_by(Signaal.id)))


def test_mening_geven_at_200_percent_zoom_by_keyboard_only_and_axe_with_the_panel_open(open_page, settings):
    page = open_page(bypass_csp=True, reduced_motion="reduce", **ZOOM_200)  # axe is injected as an inline script
    widget = Widget(page)
    kb = page.keyboard
    before = len(_meningen(settings))

    def reachable(name: str, backwards: bool = False) -> None:
        widget.tab_to(name, backwards=backwards)  # checks the focus is visible
        focus = _focus(page)
        assert focus["inside"], f"{name!r} has focus but is not on screen at 200%: {focus}"

    reachable("Chat met ons")
    widget.turn(lambda: kb.press("Enter"))
    assert _no_sideways(page)
    reachable("Mening geven", backwards=True)
    kb.press("Enter")
    expect(widget.mening.get_by_role("heading", name=MENING_QUESTION)).to_be_visible()
    assert widget.focused() == "Ja" and widget.focus_is_visible() and _focus(page)["inside"]
    found = {"vraag": widget.axe("200%, mening open")}
    kb.press("Space")
    assert widget.mening.get_by_role("button", name="Ja", exact=True).get_attribute("aria-pressed") == "true"
    bekend = widget.mening.get_by_role("group", name="Hoe kent u ons?")
    expect(bekend).to_be_visible()
    reachable(BEKEND_VIA["website"])
    kb.press("ArrowDown")
    assert bekend.get_by_role("radio", name=BEKEND_VIA["huisarts"]).is_checked() and _focus(page)["inside"]
    reachable("Wat kan beter?")
    kb.type("Grotere letters graag.")
    found["alles open"] = widget.axe("200%, mening open, ingevuld")
    assert _no_sideways(page)
    assert widget.mening.evaluate("m => m.scrollWidth <= m.clientWidth + 1"), "nothing in it is cut off sideways"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "widget-mening-zoom-200.png"))
    reachable("Versturen")
    kb.press("Enter")
    expect(widget.mening.get_by_text("Dank u wel voor uw mening.")).to_be_focused()
    assert _focus(page)["inside"]
    found["bedankt"] = widget.axe("200%, mening verstuurd")

    deadline = time.monotonic() + 60
    while len(rows := _meningen(settings)) <= before and time.monotonic() < deadline:
        time.sleep(0.2)
    assert [(s.uitkomst, s.bekend_via, s.knelpunt) for s in rows[before:]] == [
        ("ja", "huisarts", "Grotere letters graag.")]
    assert found == {"vraag": [], "alles open": [], "bedankt": []}
