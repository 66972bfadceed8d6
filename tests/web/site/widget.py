"""The chat widget as an inwoner meets it in the page: a small page object for the browser tests."""
from __future__ import annotations

import json

from tests.conftest import AXE, SCREENSHOTS, expected  # noqa: F401 (the widget tests import them from here)
from tests.conftest import axe as run_axe

PANEL_NAME = "Chat over cliëntondersteuning"
QUESTIONS = ["utter_ask_onderwerp", "utter_ask_wijk", "utter_ask_voorkeur_ondersteuner", "utter_ask_taal"]
# The button an inwoner picks for each intake question (None: the first one offered).
ANSWERS = {"utter_ask_onderwerp": None, "utter_ask_wijk": "Centrum",
           "utter_ask_voorkeur_ondersteuner": "Maakt niet uit", "utter_ask_taal": "Nederlands is goed"}
DOMAIN_WITH_TYPOS = "ik heb schuldn en kan de hur niet betalen"

# What the log shows, as data: a bot message's text, or a card's fields.
READ_LOG = """() => [...document.querySelectorAll('.ocw-msg')].map(m => {
  const card = m.querySelector('.ocw-card');
  const who = m.classList.contains('ocw-msg--user') ? 'user' : m.classList.contains('ocw-msg--error') ? 'error' : 'bot';
  if (!card) return {who, text: (m.querySelector('.ocw-text') || m.lastElementChild).textContent};
  const links = [...card.querySelectorAll('a')].map(a => a.getAttribute('href'));
  return {who, card: {naam: card.querySelector('h3').textContent, wie: card.querySelector('.ocw-card-wie').textContent,
          intro: (card.querySelector('.ocw-card-intro') || {}).textContent || '', links}};
})"""
IDLE = "() => document.querySelector('.ocw-typing').textContent === ''"
FOCUS_VISIBLE = """() => { const s = getComputedStyle(document.activeElement);
  return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow || 'none') !== 'none'; }"""
FOCUSED_NAME = """() => { const e = document.activeElement;
  return e ? (e.getAttribute('aria-label') || e.textContent || '').trim() : ''; }"""
# The same, but a form field is named by its label (a radio button, the feedback's text field).
FOCUSED_LABEL = """() => { const e = document.activeElement; if (!e) return '';
  const label = e.labels && e.labels[0];
  return (label ? label.textContent : (e.getAttribute('aria-label') || e.textContent || '')).trim(); }"""
MENING_BUTTON = "Mening geven"
MENING_QUESTION = "Heeft dit gesprek u geholpen?"


def question_in(texts: list[str], level: str, slots: dict) -> str | None:
    return next((q for q in QUESTIONS if expected(q, level, slots) in texts), None)


class Widget:
    def __init__(self, page):
        self.page = page

    # --- parts -----------------------------------------------------------------------------------
    @property
    def launcher(self):
        return self.page.get_by_role("button", name="Chat met ons")

    @property
    def panel(self):
        return self.page.get_by_role("dialog", name=PANEL_NAME)

    @property
    def log(self):
        return self.page.get_by_role("log")

    @property
    def input(self):
        return self.page.get_by_label("Uw bericht")

    @property
    def level_toggle(self):
        # the header's switch, not the welcome's "Makkelijke taal" answer button
        return self.page.locator(".ocw-tools").get_by_role("button", name="Makkelijke taal")

    def entries(self) -> list[dict]:
        return self.page.evaluate(READ_LOG)

    def bot_texts(self) -> list[str]:
        return [e["text"] for e in self.entries() if e["who"] == "bot" and "text" in e]

    def user_texts(self) -> list[str]:
        return [e["text"] for e in self.entries() if e["who"] == "user"]

    def cards(self) -> list[dict]:
        return [e["card"] for e in self.entries() if "card" in e]

    def stored(self) -> dict:
        return json.loads(self.page.evaluate("sessionStorage.getItem('ocw-chat')") or "null")

    def focused(self) -> str:
        return self.page.evaluate(FOCUSED_NAME)

    def focus_is_visible(self) -> bool:
        return self.page.evaluate(FOCUS_VISIBLE)

    def focused_label(self) -> str:
        return self.page.evaluate(FOCUSED_LABEL)

    # --- feedback ("Mening geven") ----------------------------------------------------------------
    @property
    def mening_button(self):
        return self.panel.get_by_role("button", name=MENING_BUTTON, exact=True)

    @property
    def mening(self):
        """The feedback questions (or the thanks) in the log; count() == 0 while they are not shown."""
        return self.log.locator(".ocw-mening")

    # --- acting ----------------------------------------------------------------------------------
    def turn(self, action) -> list:
        """Does `action`, waits for the bot's answer and returns what it added (texts, and cards as dicts)."""
        before = len(self.entries())
        action()
        self.page.wait_for_function(
            f"() => document.querySelectorAll('.ocw-msg').length > {before} && ({IDLE})()", timeout=60_000)
        new = self.entries()[before:]
        return [e.get("text", e.get("card")) for e in new if e["who"] == "bot"]

    def open(self) -> list:
        return self.turn(self.launcher.click)

    def type(self, text: str) -> list:
        def send():
            self.input.fill(text)
            self.page.get_by_role("button", name="Verstuur").click()
        return self.turn(send)

    def choose(self, title: str | None) -> list:
        buttons = self.log.get_by_role("button")
        button = buttons.first if title is None else self.log.get_by_role("button", name=title, exact=True)
        return self.turn(button.click)

    def tab_to(self, name: str, *, backwards: bool = False, limit: int = 80) -> None:
        """Moves the focus with Tab (or Shift+Tab) until it is on the control called `name` (a form field: by its
        label), visibly."""
        key = "Shift+Tab" if backwards else "Tab"
        seen = []
        for _ in range(limit):
            self.page.keyboard.press(key)
            seen.append(self.focused_label())
            if seen[-1] == name:
                assert self.focus_is_visible(), f"focus on {name!r} is not visible"
                return
        raise AssertionError(f"{name!r} not reached with {key}; focus went through {seen}")

    def to_the_choice(self, slots: dict) -> list:
        """Open the chat, ask a question with typos, say yes and answer the questions: the choice of meedenkers."""
        if self.launcher.is_visible():
            self.open()
        self.type(DOMAIN_WITH_TYPOS)
        reply = self.run_intake(self.choose("Ja, graag"), "standaard", slots)
        assert reply[0] == expected("utter_keuze_intro", "standaard", slots)
        return reply

    def run_intake(self, first: list, level: str, slots: dict) -> list:
        """Answers the intake questions with buttons until the choice of meedenkers is shown."""
        reply = first
        while (question := question_in(reply, level, slots)) is not None:
            reply = self.choose(ANSWERS[question])
        return reply

    def axe(self, label: str, record: bool = True) -> list[dict]:
        """Runs axe-core on the whole page; prints every violation found (and keeps them in reports/)."""
        return run_axe(self.page, label, report="widget-axe" if record else None)
