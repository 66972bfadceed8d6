"""Feedback on the chat ("Mening geven") in the widget: offered at a conversation's natural end, answered by keyboard
only, reachable at any time, accessible (axe) in standard Dutch and B1 and at 320 px, stored as one anonymous,
scrubbed signal. Browser tests drive Debian's Chromium against the real Rasa server, action server and site."""
from __future__ import annotations

import json
import re
import time

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from bot import db
from bot.config import PROJECT_ROOT
from bot.models import Signaal
from bot.vocabulaire import BEKEND_VIA, BEKEND_VIA_B1, CHAT_OORDELEN
from tests.conftest import RESPONSES

from .widget import MENING_QUESTION, SCREENSHOTS, Widget, expected

e2e = pytest.mark.e2e
MOBILE = {"viewport": {"width": 320, "height": 640}}
CHAT_JS = (PROJECT_ROOT / "bot" / "web" / "site" / "static" / "chat.js").read_text(encoding="utf-8")
THANKS = "Dank u wel voor uw mening. Daarmee maken wij de chat beter."
THANKS_B1 = "Dank u wel! Zo maken wij de chat beter."


def meningen(settings) -> list[Signaal]:
    with db.new_session(settings.database_url) as session:
        return list(session.scalars(select(Signaal).where(Signaal.soort == "mening").order_by(Signaal.id)))


def wait_for(settings, count: int, timeout: float = 90) -> list[Signaal]:
    deadline = time.monotonic() + timeout
    while len(rows := meningen(settings)) < count and time.monotonic() < deadline:
        time.sleep(0.2)
    return rows


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


# --- the widget's copy of the vocabularies and of the responses that end a conversation (no browser) ----------

def test_the_widgets_answers_are_the_vocabularys():
    found = re.search(r"const MENING_KEUZES = (\{.*?\n  \});", CHAT_JS, re.S)
    assert found, "MENING_KEUZES not found in chat.js"
    keuzes = json.loads(found.group(1))
    assert keuzes == {"oordeel": CHAT_OORDELEN, "bekend_via": BEKEND_VIA, "bekend_via_b1": BEKEND_VIA_B1}


def test_the_natural_ends_are_responses_of_the_bot():
    found = re.search(r"const NATURAL_ENDS = new Set\(\[([^\]]*)\]\)", CHAT_JS)
    names = re.findall(r'"(utter_\w+)"', found.group(1))
    assert set(names) == {"utter_na_keuze", "utter_geen_match", "utter_overdracht_bevestigd", "utter_afscheid",
                          "utter_vragenlijst_ja", "utter_vragenlijst_nee"}
    assert all(name in RESPONSES for name in names)


# --- in the browser ---------------------------------------------------------------------------------------

@e2e
def test_at_the_natural_end_the_question_is_answered_by_keyboard_only_and_stored_scrubbed(open_page, slots, settings):
    page = open_page(reduced_motion="reduce")  # screenshots without the scrolling animation
    widget = Widget(page)
    kb = page.keyboard
    assert widget.mening.count() == 0
    widget.open()
    widget.type("ik heb schulden en snap de brieven niet")  # no natural end yet: nothing is offered
    assert widget.mening.count() == 0
    widget.to_the_choice(slots)
    # Offered below the choice, without taking the focus from where the inwoner is.
    expect(widget.mening.get_by_role("heading", name=MENING_QUESTION)).to_be_visible()
    assert page.evaluate("document.activeElement.id") == "ocw-input"
    assert widget.mening.get_by_role("group", name="Hoe kent u ons?").count() == 0  # not before an answer
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    widget.mening.evaluate("m => m.scrollIntoView({block: 'end'})")
    page.screenshot(path=str(SCREENSHOTS / "widget-mening-vraag.png"))
    before = len(meningen(settings))

    widget.tab_to("Een beetje", backwards=True)
    kb.press("Space")
    oordeel = widget.mening.get_by_role("button", name="Een beetje")
    assert oordeel.get_attribute("aria-pressed") == "true" and widget.focused() == "Een beetje"
    assert widget.mening.get_by_role("button", name="Ja", exact=True).get_attribute("aria-pressed") == "false"
    bekend = widget.mening.get_by_role("group", name="Hoe kent u ons?")
    expect(bekend).to_be_visible()
    assert [r.get_attribute("value") for r in bekend.get_by_role("radio").all()] == [*BEKEND_VIA, ""]
    widget.tab_to(BEKEND_VIA["website"])  # past "Nee": the group's first option, none chosen yet
    assert not bekend.get_by_role("radio", name=BEKEND_VIA["website"]).is_checked()
    kb.press("ArrowDown")  # a radio group: the arrows choose
    assert bekend.get_by_role("radio", name=BEKEND_VIA["huisarts"]).is_checked()
    widget.tab_to("Wat kan beter?")
    kb.type("Ik ben Fatima de Vries, bel mij op 06 12345678. Graag grotere knoppen.")
    widget.tab_to("Versturen")
    kb.press("Enter")
    thanks = widget.mening.get_by_text(THANKS)
    expect(thanks).to_be_visible()
    page.wait_for_function("() => document.activeElement.classList.contains('ocw-mening-dank')")
    assert widget.stored()["mening"] == "gegeven"

    rows = wait_for(settings, before + 1)
    assert len(rows) == before + 1
    s = rows[-1]
    assert (s.uitkomst, s.bekend_via, s.taalniveau, s.kanaal) == ("een_beetje", "huisarts", "standaard", "rest")
    assert s.knelpunt.startswith("Ik ben [NAAM], bel mij op [TELEFOON].") and "Fatima" not in s.knelpunt, s.knelpunt
    assert widget.stored()["sender"] not in " ".join(str(v) for v in vars(s).values())

    # Given once: the next natural end asks nothing, and "Mening geven" says thanks.
    assert widget.type("doei") == [expected("utter_afscheid", "standaard", slots)]
    assert widget.mening.count() == 0
    widget.tab_to("Mening geven", backwards=True)
    kb.press("Enter")
    expect(widget.mening.get_by_text(THANKS)).to_be_focused()
    assert len(meningen(settings)) == before + 1


@e2e
def test_mening_geven_is_reachable_by_keyboard_at_any_time(open_page, slots):
    page = open_page()
    widget = Widget(page)
    kb = page.keyboard
    widget.tab_to("Chat met ons")
    widget.turn(lambda: kb.press("Enter"))
    # Right at the start: one Shift+Tab from the message field.
    kb.press("Shift+Tab")
    assert widget.focused() == "Mening geven" and widget.focus_is_visible()
    kb.press("Enter")
    expect(widget.mening.get_by_role("heading", name=MENING_QUESTION)).to_be_visible()
    assert widget.focused() == "Ja" and widget.focus_is_visible()
    widget.tab_to("Vraag overslaan")
    kb.press("Enter")
    assert widget.mening.count() == 0 and page.evaluate("document.activeElement.id") == "ocw-input"

    # In the middle of the questions, with the bot's answer buttons in the log.
    kb.type("ik heb schulden en snap de brieven niet")
    widget.turn(lambda: kb.press("Enter"))
    widget.tab_to("Ja, graag", backwards=True)
    reply = widget.turn(lambda: kb.press("Enter"))
    assert widget.log.locator(".ocw-buttons").count() == 1, reply
    widget.tab_to("Mening geven", backwards=True)
    kb.press("Space")
    assert widget.focused() == "Ja"
    widget.tab_to("Nee")
    kb.press("Enter")
    expect(widget.mening.get_by_role("group", name="Hoe kent u ons?")).to_be_visible()
    # The intake goes on: the questions step aside, and what was chosen is kept for later.
    widget.turn(widget.log.locator(".ocw-buttons").get_by_role("button").first.click)
    assert widget.mening.count() == 0
    widget.tab_to("Mening geven", backwards=True)
    kb.press("Enter")
    assert widget.focused() == "Nee"
    assert widget.mening.get_by_role("button", name="Nee", exact=True).get_attribute("aria-pressed") == "true"
    # "Niet versturen" closes it, and it is not offered by itself any more.
    widget.tab_to("Niet versturen")
    kb.press("Enter")
    assert widget.mening.count() == 0 and widget.stored()["mening"] == "gesloten"


@e2e
def test_axe_finds_nothing_with_the_feedback_open_in_standard_dutch_b1_and_at_320px(open_page, slots):
    page = open_page(bypass_csp=True, reduced_motion="reduce")  # axe is injected as an inline script
    widget = Widget(page)
    widget.to_the_choice(slots)
    widget.mening.get_by_role("button", name="Een beetje").click()
    widget.mening.get_by_role("radio", name=BEKEND_VIA["familie"]).check()
    widget.mening.get_by_label("Wat kan beter?").fill("Meer uitleg over de kosten.")
    found = {"standaard": widget.axe("mening open, standaard")}
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    widget.mening.evaluate("m => m.scrollIntoView({block: 'start'})")
    page.screenshot(path=str(SCREENSHOTS / "widget-mening.png"))

    # Makkelijke taal: the same questions in B1, with what was filled in kept.
    widget.turn(widget.level_toggle.click)
    expect(widget.mening.get_by_role("radio", name=BEKEND_VIA_B1["familie"])).to_be_checked()
    assert widget.mening.get_by_label("Wat kan beter?").input_value() == "Meer uitleg over de kosten."
    assert widget.mening.get_by_role("button", name="Een beetje").get_attribute("aria-pressed") == "true"
    expect(widget.mening.get_by_text("Dit hoeft niet. Schrijf geen namen of nummers.")).to_be_visible()
    found["b1"] = widget.axe("mening open, B1")
    widget.mening.get_by_role("button", name="Versturen", exact=True).click()
    expect(widget.mening.get_by_text(THANKS_B1)).to_be_visible()
    found["b1, bedankt"] = widget.axe("mening verstuurd, B1")

    small = open_page(bypass_csp=True, reduced_motion="reduce", **MOBILE)
    widget = Widget(small)
    widget.to_the_choice(slots)
    widget.mening_button.click()
    widget.mening.get_by_role("button", name="Ja", exact=True).click()
    found["320"] = widget.axe("320 px, mening open")
    assert no_horizontal_scroll(small)
    panel = widget.panel.bounding_box()
    assert panel["width"] == 320 and panel["x"] == 0
    for part in [widget.mening_button, *widget.mening.get_by_role("button").all(),
                 *widget.mening.get_by_role("radio").all(), widget.mening.get_by_label("Wat kan beter?")]:
        part.scroll_into_view_if_needed()
        box = part.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320, part
    assert widget.mening.evaluate("m => m.scrollWidth <= m.clientWidth + 1"), "nothing in it is cut off sideways"
    # The panel itself never scrolls: title and message field stay in view with the questions open.
    assert widget.panel.evaluate("p => [p.scrollTop, p.scrollHeight <= p.clientHeight]") == [0, True]
    expect(widget.input).to_be_in_viewport()
    widget.mening.evaluate("m => m.scrollIntoView({block: 'start'})")
    small.screenshot(path=str(SCREENSHOTS / "widget-mening-320.png"))
    assert found == {"standaard": [], "b1": [], "b1, bedankt": [], "320": []}


@e2e
def test_when_sending_fails_the_answers_stay_and_the_inwoner_is_told(open_page, bot_stack, slots, settings):
    page = open_page()
    url = f"{bot_stack.rasa_url}/webhooks/rest/mening"
    page.route(url, lambda route: route.abort())
    widget = Widget(page)
    widget.to_the_choice(slots)
    # A page load keeps the offer (the conversation's end is remembered in the tab).
    page.reload()
    expect(widget.mening.get_by_role("heading", name=MENING_QUESTION)).to_be_visible()
    before = len(meningen(settings))
    widget.mening.get_by_role("button", name="Nee", exact=True).click()
    widget.mening.get_by_label("Wat kan beter?").fill("Het ging te snel.")
    widget.mening.get_by_role("button", name="Versturen", exact=True).click()
    problem = widget.mening.get_by_role("alert")
    expect(problem).to_have_text("Het versturen is niet gelukt. Probeer het later nog eens.")
    assert widget.mening.get_by_label("Wat kan beter?").input_value() == "Het ging te snel."
    assert widget.stored()["mening"] is None

    page.unroute(url)
    widget.mening.get_by_role("button", name="Versturen", exact=True).click()
    expect(widget.mening.get_by_text(THANKS)).to_be_visible()
    rows = wait_for(settings, before + 1)
    assert [(r.uitkomst, r.knelpunt) for r in rows[before:]] == [("nee", "Het ging te snel.")]
