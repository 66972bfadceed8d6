"""Debian's Chromium driven by Playwright against the real stack: Rasa, actions and the demo site."""
from __future__ import annotations

import pytest


@pytest.fixture
def open_page(bot_stack, chromium):
    """Opens the demo page in a fresh browser context; afterwards checks every request the page made went to
    the site itself or to the bot, and (unless a test switched CSP off) that the CSP blocked nothing."""
    site, bot = bot_stack.site_url, bot_stack.rasa_url
    contexts = []

    def _open(path: str = "/", *, bypass_csp: bool = False, **options):
        options = {"locale": "nl-NL", "viewport": {"width": 1280, "height": 900}, **options}
        context = chromium.new_context(bypass_csp=bypass_csp, **options)
        record = {"requests": [], "csp": [], "bypass_csp": bypass_csp}
        contexts.append((context, record))
        context.on("request", lambda r: record["requests"].append(r.url))
        page = context.new_page()
        page.on("console", lambda m: "Content Security Policy" in m.text and record["csp"].append(m.text))
        page.goto(site + path)
        return page

    yield _open
    for context, record in contexts:
        context.close()
        foreign = [u for u in record["requests"] if not (u.startswith(site + "/") or u.startswith(bot + "/"))]
        assert record["requests"] and not foreign, f"verzoeken naar een andere host: {foreign}"
        assert not record["csp"], f"de Content-Security-Policy hield iets tegen: {record['csp']}"
