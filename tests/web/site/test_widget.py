"""The chat widget on the demo page, in Debian's Chromium, against the real Rasa server, action server and site."""
from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from bot import db
from bot.models import Overdracht
from bot.privacy.gesprekken import EVENTS

from .widget import DOMAIN_WITH_TYPOS, IDLE, PANEL_NAME, SCREENSHOTS, Widget, expected, question_in

pytestmark = pytest.mark.e2e

SERIOUS = ("serious", "critical")
MOBILE = {"viewport": {"width": 320, "height": 640}}


def stored_events(settings, sender: str) -> int:
    with db.engine_for(settings.tracker_store_url).connect() as conn:
        return conn.scalar(select(func.count()).select_from(EVENTS).where(EVENTS.c.sender_id == sender))


def handovers(settings, sender: str) -> list[Overdracht]:
    with db.new_session(settings.database_url) as session:
        return list(session.scalars(select(Overdracht).where(Overdracht.gesprek_id == sender)))


def to_the_choice(widget: Widget, slots: dict) -> list:
    """Open the chat, ask a question with typos, say yes and answer the questions: the choice of meedenkers."""
    if widget.launcher.is_visible():
        widget.open()
    widget.type(DOMAIN_WITH_TYPOS)
    reply = widget.run_intake(widget.choose("Ja, graag"), "standaard", slots)
    assert reply[0] == expected("utter_keuze_intro", "standaard", slots)
    return reply


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_whole_conversation_with_the_mouse(open_page, slots, settings):
    page = open_page()
    widget = Widget(page)
    assert widget.launcher.is_visible() and not widget.panel.is_visible()
    welcome = widget.open()
    assert widget.panel.is_visible()
    assert page.evaluate("document.activeElement.id") == "ocw-input"
    privacy = widget.panel.get_by_role("link", name="Zo gaan wij om met uw gegevens")
    expect(privacy).to_be_in_viewport(ratio=1)
    assert privacy.get_attribute("href") == "/privacy"
    assert "computerprogramma" in widget.panel.locator(".ocw-privacy").inner_text()
    assert welcome[0] == expected("utter_welkom", "standaard", slots)
    assert expected("utter_groeten", "standaard", slots) in welcome

    reply = widget.type(DOMAIN_WITH_TYPOS)
    assert reply == [expected("utter_erkenning_werk_inkomen", "standaard", slots),
                     expected("utter_meedenker_werk_inkomen", "standaard", slots),
                     expected("utter_vraag_meedenker", "standaard", slots)]
    reply = widget.choose("Ja, graag")
    # The button's title is what the inwoner "said", never its payload.
    assert widget.user_texts() == [DOMAIN_WITH_TYPOS, "Ja, graag"]
    first_question = question_in(reply, "standaard", slots)
    assert first_question is not None, reply

    # Makkelijke taal, midway: confirmed, and the open question comes again in B1.
    toggle = widget.level_toggle
    assert toggle.get_attribute("aria-pressed") == "false"
    reply = widget.turn(toggle.click)
    assert toggle.get_attribute("aria-pressed") == "true"
    assert reply == [expected("utter_taalniveau_nu", "b1", slots), expected(first_question, "b1", slots)]

    reply = widget.run_intake(reply, "b1", slots)
    texts = [r for r in reply if isinstance(r, str)]
    cards = [r for r in reply if isinstance(r, dict)]
    assert texts[0] == expected("utter_keuze_intro", "b1", slots)
    assert texts[-1] == expected("utter_na_keuze", "b1", slots)
    assert 2 <= len(cards) <= 4
    for card in cards:
        assert card["naam"] and card["intro"] and any(label in card["wie"] for label in
                                                      ("Vrijwilliger", "Doet dit als werk"))
        assert not any(t.startswith(card["naam"]) for t in texts), "the option's text is replaced by its card"
    links = [link for card in cards for link in card["links"]]
    assert any(re.fullmatch(r"tel:\+?\d{3,}", link) for link in links), links
    assert any(re.fullmatch(r"mailto:[^@\s]+@[^@\s]+", link) for link in links), links
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    widget.page.locator(".ocw-card").first.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "widget-b1.png"))

    # Handover through the buttons: consent, a typed phone number, a moment, a meedenker.
    stored = widget.stored()
    shown = [item["card"] for item in stored["history"] if item.get("card")]
    assert [c["naam"] for c in shown] == [c["naam"] for c in cards]
    assert widget.choose("Bel of mail mij") == [expected("utter_ask_overdracht_toestemming", "b1", slots)]
    assert widget.choose("Ja, dat mag") == [expected("utter_ask_contact_gegeven", "b1", slots)]
    assert widget.type("06 12345678") == [expected("utter_ask_contact_moment", "b1", slots)]
    assert widget.choose("'s Ochtends") == [expected("utter_ask_meedenker_keuze", "b1", slots)]
    chosen = shown[0]
    confirmation = widget.choose(f"{chosen['naam']} ({chosen['organisatie']})")
    assert confirmation == [expected("utter_overdracht_bevestigd", "b1", slots,
                                     wie=f"{chosen['naam']} van {chosen['organisatie']}"),
                            expected("utter_ask_vragenlijst", "b1", slots)]
    [handover] = handovers(settings, stored["sender"])
    assert (handover.contact_gegeven, handover.contact_moment, handover.gekozen_sleutel, handover.taalniveau) == (
        "+31 6 12345678", "ochtend", chosen["sleutel"], "b1")
    assert not any(t.startswith("/") for t in widget.user_texts())


def tab_to(widget: Widget, name: str, *, backwards: bool = False, limit: int = 80) -> None:
    """Moves the focus with Tab (or Shift+Tab) until it is on the control called `name`, visibly."""
    key = "Shift+Tab" if backwards else "Tab"
    seen = []
    for _ in range(limit):
        widget.page.keyboard.press(key)
        seen.append(widget.focused())
        if seen[-1] == name:
            assert widget.focus_is_visible(), f"focus on {name!r} is not visible"
            return
    raise AssertionError(f"{name!r} not reached with {key}; focus went through {seen}")


def keyboard_turn(widget: Widget, *keys: str) -> list:
    return widget.turn(lambda: [widget.page.keyboard.press(k) for k in keys])


def test_the_same_conversation_with_the_keyboard_only(open_page, slots, settings):
    page = open_page()
    widget = Widget(page)
    kb = page.keyboard
    tab_to(widget, "Chat met ons")
    welcome = keyboard_turn(widget, "Enter")
    assert widget.panel.is_visible()
    assert page.evaluate("document.activeElement.id") == "ocw-input" and widget.focus_is_visible()
    assert welcome[0] == expected("utter_welkom", "standaard", slots)

    kb.type(DOMAIN_WITH_TYPOS)
    assert keyboard_turn(widget, "Enter")[-1] == expected("utter_vraag_meedenker", "standaard", slots)
    tab_to(widget, "Ja, graag", backwards=True)
    reply = keyboard_turn(widget, "Space")
    assert page.evaluate("document.activeElement.id") == "ocw-input"  # the used buttons are gone
    question = question_in(reply, "standaard", slots)
    assert question is not None, reply

    tab_to(widget, "Makkelijke taal", backwards=True)
    assert page.evaluate("document.activeElement.closest('.ocw-tools') !== null")
    reply = keyboard_turn(widget, "Space")
    assert reply == [expected("utter_taalniveau_nu", "b1", slots), expected(question, "b1", slots)]
    assert widget.level_toggle.get_attribute("aria-pressed") == "true"

    while (question := question_in(reply, "b1", slots)) is not None:
        title = {"utter_ask_wijk": "Centrum", "utter_ask_voorkeur_ondersteuner": "Maakt niet uit",
                 "utter_ask_taal": "Nederlands is goed"}.get(question)
        if title is None:
            title = widget.log.get_by_role("button").first.inner_text()
        tab_to(widget, title, backwards=True)
        reply = keyboard_turn(widget, "Enter")
    cards = [r for r in reply if isinstance(r, dict)]
    assert len(cards) >= 2
    tab_to(widget, "Bel of mail mij", backwards=True)
    # The cards' contact links come before it, and are reachable by keyboard too.
    link = widget.log.locator(".ocw-card a").last.inner_text()
    tab_to(widget, link, backwards=True)
    tab_to(widget, "Bel of mail mij")
    assert keyboard_turn(widget, "Enter") == [expected("utter_ask_overdracht_toestemming", "b1", slots)]
    tab_to(widget, "Ja, dat mag", backwards=True)
    assert keyboard_turn(widget, "Space") == [expected("utter_ask_contact_gegeven", "b1", slots)]
    kb.type("06 12345678")
    assert keyboard_turn(widget, "Enter") == [expected("utter_ask_contact_moment", "b1", slots)]
    tab_to(widget, "'s Middags", backwards=True)
    assert keyboard_turn(widget, "Enter") == [expected("utter_ask_meedenker_keuze", "b1", slots)]
    tab_to(widget, "Laat de coördinator kiezen", backwards=True)
    assert keyboard_turn(widget, "Enter") == [
        expected("utter_overdracht_bevestigd", "b1", slots, wie="Een meedenker"),
        expected("utter_ask_vragenlijst", "b1", slots)]
    sender = widget.stored()["sender"]
    [handover] = handovers(settings, sender)
    assert (handover.contact_moment, handover.gekozen_sleutel) == ("middag", None)

    # Escape closes and gives the focus back to the launcher; Enter opens it again, as it was.
    before = widget.entries()
    kb.press("Escape")
    assert not widget.panel.is_visible()
    assert widget.focused() == "Chat met ons" and widget.focus_is_visible()
    kb.press("Enter")
    assert widget.panel.is_visible() and page.evaluate("document.activeElement.id") == "ocw-input"
    assert widget.entries() == before

    # Erasing by keyboard: the confirmation traps nothing but itself, Escape backs out, Enter confirms.
    tab_to(widget, "Gesprek verwijderen", backwards=True)
    kb.press("Enter")
    dialog = page.get_by_role("alertdialog", name="Weet u het zeker?")
    assert dialog.is_visible() and widget.focused() == "Nee, terug" and widget.focus_is_visible()
    kb.press("Escape")
    assert not dialog.is_visible() and widget.panel.is_visible()
    assert widget.focused() == "Gesprek verwijderen"
    assert stored_events(settings, sender) > 0
    kb.press("Space")
    tab_to(widget, "Ja, verwijderen", backwards=True)
    kb.press("Enter")
    page.wait_for_function(f"() => document.querySelectorAll('.ocw-msg').length === 1 && ({IDLE})()")
    assert widget.bot_texts() == [expected("utter_gesprek_verwijderd", "b1", slots)]
    assert page.evaluate("document.activeElement.id") == "ocw-input"
    assert stored_events(settings, sender) == 0
    assert [h.status for h in handovers(settings, sender)] == ["ingetrokken"]


def erase(widget: Widget) -> None:
    """Gesprek verwijderen, confirmed; waits until the widget has dealt with the bot's answer."""
    page = widget.page
    widget.panel.get_by_role("button", name="Gesprek verwijderen").click()
    dialog = page.get_by_role("alertdialog", name="Weet u het zeker?")
    assert dialog.is_visible()
    dialog.get_by_role("button", name="Ja, verwijderen").click()
    page.wait_for_function(f"() => ({IDLE})() && document.activeElement.matches('#ocw-input, .ocw-erase')")


def test_a_reload_keeps_the_conversation_and_erasing_removes_it_everywhere(open_page, slots, settings):
    page = open_page()
    widget = Widget(page)
    widget.open()
    widget.type(DOMAIN_WITH_TYPOS)
    before, sender = widget.entries(), widget.stored()["sender"]
    assert len(before) >= 5

    page.reload()
    assert widget.panel.is_visible(), "the chat stays open across a page load"
    assert widget.entries() == before and widget.stored()["sender"] == sender
    # Only the same conversation knows what this "no" answers.
    assert widget.choose("Nee, nu niet") == [expected("utter_geen_meedenker", "standaard", slots)]
    assert stored_events(settings, sender) > 0

    # "Nee, terug" leaves everything as it was.
    kept = widget.entries()
    widget.panel.get_by_role("button", name="Gesprek verwijderen").click()
    page.get_by_role("alertdialog", name="Weet u het zeker?").get_by_role("button", name="Nee, terug").click()
    assert widget.entries() == kept and widget.stored()["sender"] == sender
    assert stored_events(settings, sender) > 0

    erase(widget)
    assert widget.bot_texts() == [expected("utter_gesprek_verwijderd", "standaard", slots)]
    assert len(widget.entries()) == 1
    stored = widget.stored()
    assert stored["sender"] != sender and [i["text"] for i in stored["history"]] == widget.bot_texts()
    assert stored_events(settings, sender) == 0

    page.reload()  # gone from the tab as well
    assert widget.bot_texts() == [expected("utter_gesprek_verwijderd", "standaard", slots)]
    reply = widget.type("ik heb een vraag over wonen")  # a new conversation starts with the welcome
    assert reply[0] == expected("utter_welkom", "standaard", slots)
    assert stored_events(settings, widget.stored()["sender"]) > 0


def test_erasing_in_the_middle_of_the_intake_removes_the_conversation(open_page, slots, settings):
    widget = Widget(open_page())
    widget.open()
    widget.type(DOMAIN_WITH_TYPOS)
    assert question_in(widget.choose("Ja, graag"), "standaard", slots) is not None  # the form is open
    sender = widget.stored()["sender"]
    erase(widget)
    assert stored_events(settings, sender) == 0
    assert widget.bot_texts() == [expected("utter_gesprek_verwijderd", "standaard", slots)]


def test_the_widget_only_starts_afresh_when_the_bot_confirms_the_erasure(open_page, bot_stack):
    """Stubbed erase address: a failed erasure keeps the conversation and says so; a confirmed one starts afresh."""
    page = open_page()
    erase_url = f"{bot_stack.rasa_url}/webhooks/rest/verwijderen"
    answer = {"status": 503, "body": [{"text": "Het verwijderen is nu niet gelukt door een storing."}]}
    sent = []

    def eraser(route):
        sent.append(json.loads(route.request.post_data)["sender"])
        route.fulfill(status=answer["status"], content_type="application/json",
                      headers={"Access-Control-Allow-Origin": "*"}, body=json.dumps(answer["body"]))

    page.route(erase_url, eraser)
    widget = Widget(page)
    widget.open()
    widget.type("hallo")
    sender = widget.stored()["sender"]
    before = widget.bot_texts()
    erase(widget)
    assert sent == [sender] and widget.stored()["sender"] == sender and widget.bot_texts()[:len(before)] == before
    notice = widget.log.locator(".ocw-msg--error").inner_text()
    assert "niet verwijderd" in notice and "14 0123" in notice
    assert widget.focused() == "Gesprek verwijderen"

    answer.update(status=200, body=[{"text": "Het gesprek is verwijderd."}])
    erase(widget)
    assert widget.stored()["sender"] != sender and widget.bot_texts() == ["Het gesprek is verwijderd."]
    # The new conversation has not reached the bot yet: erasing it again needs no request.
    asked = len(sent)
    erase(widget)
    assert widget.bot_texts() == ["Het gesprek is verwijderd."] and len(sent) == asked
    assert widget.stored()["history"] == [{"from": "bot", "text": "Het gesprek is verwijderd.",
                                           "level": "standaard"}]


def test_axe_finds_nothing_serious_open_after_a_conversation_and_at_320px(open_page, slots):
    page = open_page(bypass_csp=True)  # axe is injected as an inline script
    widget = Widget(page)
    widget.open()
    found = widget.axe("desktop, widget open")
    to_the_choice(widget, slots)
    found += widget.axe("desktop, na een gesprek met kaarten")
    page.locator(".ocw-card").first.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "widget-desktop.png"))

    small = open_page(bypass_csp=True, **MOBILE)
    widget = Widget(small)
    to_the_choice(widget, slots)
    found += widget.axe("320 px, na een gesprek met kaarten")
    assert no_horizontal_scroll(small)
    box = widget.panel.bounding_box()
    assert box["width"] == 320 and box["x"] == 0, "full screen on a narrow screen"
    small.locator(".ocw-card").first.scroll_into_view_if_needed()
    small.screenshot(path=str(SCREENSHOTS / "widget-320.png"))
    assert [v for v in found if v["impact"] in SERIOUS] == []

    # Control: the same scan does catch a serious problem when there is one.
    small.evaluate("document.querySelector('.ocw-log').append(document.createElement('button'))")
    planted = widget.axe("controle: knop zonder naam", record=False)
    assert any(v["id"] == "button-name" and v["impact"] in SERIOUS for v in planted)


HOSTILE = '<img src=x onerror=window.hacked=1>'


def test_html_typed_by_the_inwoner_is_shown_as_text(open_page):
    page = open_page(bypass_csp=True)  # the renderer itself must be safe, not only thanks to the CSP
    widget = Widget(page)
    widget.open()
    widget.type(HOSTILE)
    widget.type("<b>vet</b>")
    assert widget.user_texts() == [HOSTILE, "<b>vet</b>"]
    assert widget.log.locator("img, b, script").count() == 0
    assert page.evaluate("typeof window.hacked") == "undefined"


def test_html_from_the_bot_is_shown_as_text(open_page, bot_stack):
    page = open_page(bypass_csp=True)
    evil_card = {"type": "meedenker", "sleutel": "x", "naam": "<b>Anna</b>", "organisatie": HOSTILE,
                 "soort": "vrijwillig", "intro": "<script>window.hacked=1</script> Ik help u.",
                 "telefoon": '0123 456 789"><img src=x onerror=window.hacked=1>',
                 "email": 'a@b.nl" onmouseover="window.hacked=1', "spreekuur": HOSTILE, "talen": [HOSTILE]}
    answer = [
        {"recipient_id": "s", "text": f"Hallo <b>vet</b> {HOSTILE} bel 112"},
        {"recipient_id": "s", "text": "<b>Anna</b>, vrijwilliger."},  # the option's text, as Rasa sends it
        {"recipient_id": "s", "custom": evil_card},
        {"recipient_id": "s", "text": "<i>kies</i>", "custom": {**evil_card, "naam": "Tweede"},
         "buttons": [{"title": HOSTILE, "payload": "/x"}]},
    ]
    page.route(bot_stack.webhook_url, lambda route: route.fulfill(
        status=200, content_type="application/json", body=json.dumps(answer),
        headers={"Access-Control-Allow-Origin": "*"}))
    widget = Widget(page)
    reply = widget.open()
    assert reply[0] == f"Hallo <b>vet</b> {HOSTILE} bel 112"
    assert [r["naam"] for r in reply[1:]] == ["<b>Anna</b>", "Tweede"]
    assert reply[1]["intro"] == "<script>window.hacked=1</script> Ik help u."
    assert widget.log.locator("img, b, i, script").count() == 0
    assert widget.log.get_by_role("button", name=HOSTILE).count() == 1
    assert widget.log.get_by_role("link", name="112").get_attribute("href") == "tel:112"
    widget.log.locator("a[href^='mailto:']").first.hover()
    assert page.evaluate("typeof window.hacked") == "undefined"


def test_an_unreachable_bot_gets_a_dutch_message_and_keeps_the_typed_text(open_page, bot_stack, settings):
    page = open_page()
    widget = Widget(page)
    page.route(bot_stack.webhook_url, lambda route: route.abort())
    widget.launcher.click()
    page.wait_for_function(f"() => document.querySelector('.ocw-msg--error') && ({IDLE})()")
    message = "Mijn huur is te hoog, wie kan mij helpen?"
    widget.input.fill(message)
    page.get_by_role("button", name="Verstuur").click()
    page.wait_for_function(f"() => document.querySelector('.ocw-msg--error') && ({IDLE})()")
    error = widget.log.locator(".ocw-msg--error")
    assert error.count() == 1
    assert "lukt nu niet" in error.inner_text() and settings.gemeente_telefoon in error.inner_text()
    assert error.get_by_role("link", name=settings.gemeente_telefoon).get_attribute("href") == (
        "tel:" + settings.gemeente_telefoon.replace(" ", ""))
    assert widget.input.input_value() == message
    assert widget.user_texts() == [] and widget.stored()["history"] == []

    # An error answer is the same to the inwoner; once the bot is back, the same text goes through.
    page.unroute(bot_stack.webhook_url)
    page.route(bot_stack.webhook_url, lambda route: route.fulfill(status=500, body="kapot"))
    page.get_by_role("button", name="Verstuur").click()
    page.wait_for_function(f"() => document.querySelector('.ocw-msg--error') && ({IDLE})()")
    assert widget.input.input_value() == message
    page.unroute(bot_stack.webhook_url)
    reply = widget.turn(page.get_by_role("button", name="Verstuur").click)
    assert widget.user_texts() == [message] and reply and widget.log.locator(".ocw-msg--error").count() == 0
    assert widget.input.input_value() == ""


def test_no_motion_when_the_system_asks_for_less(open_page):
    durations = """() => [...document.querySelectorAll('.ocw-panel, .ocw-panel *, .ocw-launcher')].flatMap(e => {
        const s = getComputedStyle(e);
        return [...s.animationDuration.split(','), ...s.transitionDuration.split(',')].map(parseFloat); })"""
    page = open_page(reduced_motion="reduce")
    Widget(page).open()
    assert max(page.evaluate(durations)) == 0
    assert page.evaluate("getComputedStyle(document.querySelector('.ocw-log')).scrollBehavior") == "auto"
    moving = open_page(reduced_motion="no-preference")  # and the check can see motion where there is some
    Widget(moving).open()
    assert max(moving.evaluate(durations)) > 0


@pytest.mark.parametrize("size", [{"viewport": {"width": 640, "height": 450}, "device_scale_factor": 2},
                                  MOBILE], ids=["200%", "320px"])
def test_no_horizontal_scrolling_at_200_percent_zoom_and_320px(open_page, slots, size):
    page = open_page(reduced_motion="reduce", **size)  # layout, measured without the opening animation
    widget = Widget(page)
    assert no_horizontal_scroll(page)
    widget.open()
    # Full screen, and the privacy line is in view at the start.
    box = widget.panel.bounding_box()  # sub-pixel positions differ between runs
    assert all(abs(box[k] - v) < 1 for k, v in {"x": 0, "y": 0, **size["viewport"]}.items()), box
    expect(widget.panel.get_by_role("link", name="Zo gaan wij om met uw gegevens")).to_be_in_viewport(ratio=1)
    to_the_choice(widget, slots)
    assert no_horizontal_scroll(page)
    box = widget.panel.bounding_box()
    width = size["viewport"]["width"]
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    for part in ("Makkelijke taal", "Gesprek verwijderen", "Verstuur"):
        b = widget.panel.get_by_role("button", name=part, exact=True).first.bounding_box()
        assert b["x"] >= 0 and b["x"] + b["width"] <= width, part
    assert page.evaluate("""() => [...document.querySelectorAll('.ocw-log > *')]
        .every(e => e.scrollWidth <= e.clientWidth + 1)"""), "nothing in the log is cut off sideways"
    # Only the conversation scrolls; the panel itself never does, so its title and controls stay in view.
    page.locator(".ocw-card").first.scroll_into_view_if_needed()
    assert widget.panel.evaluate("p => [p.scrollTop, p.scrollHeight <= p.clientHeight]") == [0, True]
    expect(widget.panel.get_by_role("heading", name=PANEL_NAME)).to_be_in_viewport(ratio=1)
    if size.get("device_scale_factor") == 2:
        page.screenshot(path=str(SCREENSHOTS / "widget-200.png"))


def test_crisis_numbers_are_links_to_call(open_page, slots):
    widget = Widget(open_page())
    widget.open()
    [crisis] = [t for t in widget.type("ik wil niet meer leven") if "112" in t]
    assert crisis == expected("utter_crisis", "standaard", slots)
    message = widget.log.locator(".ocw-msg--bot").filter(has_text="Veilig Thuis")
    assert message.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))") == [
        "tel:112", "tel:113", "tel:08000113", "tel:08002000"]
    assert message.get_by_role("link", name="113.nl").count() == 0  # a website, not a number to call


def test_only_real_phone_numbers_and_addresses_become_links(open_page, bot_stack):
    page = open_page()
    text = ("Bel 0123 456 700, 14 0123 of 06-12345678, of +31 6 12345678; mail info@lindeveld.example. "
            "Geen nummers: 113.nl, 9.00-12.00 uur, 30 dagen, 1234 AB, 2024, 1120 euro, €112,50, 0800-0113x.")
    page.route(bot_stack.webhook_url, lambda route: route.fulfill(
        status=200, content_type="application/json", headers={"Access-Control-Allow-Origin": "*"},
        body=json.dumps([{"text": text}])))
    widget = Widget(page)
    assert widget.open() == [text]  # the text itself is unchanged
    assert widget.log.locator("a").evaluate_all("as => as.map(a => [a.textContent, a.getAttribute('href')])") == [
        ["0123 456 700", "tel:0123456700"], ["14 0123", "tel:140123"], ["06-12345678", "tel:0612345678"],
        ["+31 6 12345678", "tel:+31612345678"], ["info@lindeveld.example", "mailto:info@lindeveld.example"]]


def test_a_typed_request_for_easy_language_moves_the_switch_too(open_page, slots):
    widget = Widget(open_page())
    widget.open()
    assert widget.level_toggle.get_attribute("aria-pressed") == "false"
    assert widget.type("kan het in makkelijke taal") == [expected("utter_taalniveau_gewijzigd", "b1", slots)]
    assert widget.level_toggle.get_attribute("aria-pressed") == "true" and widget.stored()["level"] == "b1"


def test_the_welcomes_easy_language_button_moves_the_switch_too(open_page, slots):
    widget = Widget(open_page())
    widget.open()
    toggle = widget.level_toggle
    assert widget.choose("Makkelijke taal") == [expected("utter_taalniveau_gewijzigd", "b1", slots)]
    assert toggle.get_attribute("aria-pressed") == "true"
    assert widget.turn(toggle.click) == [expected("utter_taalniveau_gewijzigd", "standaard", slots)]
    assert toggle.get_attribute("aria-pressed") == "false" and widget.stored()["level"] == "standaard"
    assert widget.user_texts() == ["Makkelijke taal", "Makkelijke taal uit"]
