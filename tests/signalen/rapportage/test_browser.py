"""The HTML report of a demo year in Debian's Chromium (Playwright): it renders, its charts load, it asks no
other site for anything. Saves a full-page screenshot of the whole report, every section answering a monitoring
question, to SCREENSHOTS/rapport-beleid.png on every run (`make screenshots`: into reports/)."""
from __future__ import annotations

import datetime as dt

import pytest

from bot.config import DEFAULTS
from bot.signalen import rapportage
from bot.signalen.export import naar_html
from bot.vocabulaire import slug
from tests.conftest import SCREENSHOTS

from .conftest import demo_module

pytestmark = pytest.mark.e2e  # a real process, browser or Rasa command: not in the fast lane

SCREENSHOT = SCREENSHOTS / "rapport-beleid.png"
VAN, TOT = dt.date(2025, 11, 1), dt.date(2026, 10, 31)


@pytest.fixture(scope="module")
def rapport_pad(tmp_path_factory):
    from bot import db

    tmp = tmp_path_factory.mktemp("rapport")
    url = f"sqlite:///{tmp}/bot.db"
    db.upgrade(url)
    wijken = {slug(naam): naam for naam in DEFAULTS["WIJKEN"].split(",")}
    sessions = db.session_factory(url)
    with sessions() as session, session.begin():
        aantallen = demo_module().vul(session, VAN, TOT, wijken)  # the demo year, as `make demo-signals` makes it
    assert aantallen.signalen > 3000 and aantallen.vragenlijsten > 40
    with sessions() as session:
        rapport = rapportage.maak_rapport(session, VAN, TOT, wijken, gemeente=DEFAULTS["GEMEENTE_NAAM"],
                                          reactietijd_dagen=2)  # REACTIETIJD "twee werkdagen"
    pad = tmp / "rapport.html"
    pad.write_text(naar_html(rapport), encoding="utf-8")
    return pad


@pytest.fixture(scope="module")
def browser(chromium):
    return chromium


def test_the_report_renders_in_a_browser(rapport_pad, browser):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    verzoeken: list[str] = []
    context.on("request", lambda r: verzoeken.append(r.url))
    page = context.new_page()
    try:
        page.goto(rapport_pad.as_uri())
        page.wait_for_load_state("load")
        assert page.evaluate("document.documentElement.lang") == "nl"
        assert "Cliëntondersteuning in cijfers" in page.get_by_role("heading", level=1).inner_text()
        # A chapter per monitoring question, in the handreiking's order.
        hoofdstukken = [h.inner_text() for h in page.get_by_role("heading", level=2).all()]
        assert hoofdstukken[3:] == ["Bereik en bekendheid", "Wat de chat opleverde", "Beschikbaarheid en deskundigheid",
                                    "Afloop en samenwerking", "Ervaringen van inwoners", "Knelpunten"]
        # A table is named by its caption, for screen readers too.
        for naam in ("Contacten per maand en per levensdomein", "Gesprekken met een keuze of geen match, per wijk",
                     "Meest genoemde knelpunten per levensdomein",
                     "Hoe kent u ons? Antwoorden na een chatgesprek en bij geregistreerde vragen",
                     "Contacten en afgeronde overdrachten per doelgroep",
                     "Dagen van overdracht tot eerste contact, per levensdomein",
                     "Hoe afgeronde overdrachten afliepen, per soort meedenker",
                     "Waar meedenkers inwoners naartoe doorverwezen, per soort meedenker",
                     "Antwoorden op de vragenlijst na de ondersteuning, per stelling",
                     "Heeft dit gesprek u geholpen? Antwoorden na een chatgesprek, per maand",
                     "Meest genoemde verbeterpunten"):
            assert page.get_by_role("table", name=naam).is_visible(), naam
        assert page.locator("table").count() == 19
        # The key figures a policy officer looks for first are there, and shown.
        kern = page.locator(".rapport-kerncijfer").all_inner_texts()
        for naam in ("Passende ondersteuning gevonden", "Eerste contact binnen de reactietijd",
                     "Ervoer de ondersteuning als helpend", "Chatgesprek hielp (ja)"):
            waarde = next(k for k in kern if k.startswith(naam)).split("\n")[-1]
            assert waarde.endswith("%"), (naam, waarde)
        # Every chart is decoded and drawn at a readable size: one for each section where a chart helps.
        afbeeldingen = page.evaluate("[...document.images].map(i => [i.complete, i.naturalWidth, i.clientWidth])")
        assert len(afbeeldingen) == 12
        assert all(klaar and echt > 600 and getoond > 500 for klaar, echt, getoond in afbeeldingen), afbeeldingen
        # Small numbers are hidden in the demo year; the explanation is there to read.
        assert page.get_by_text("<5", exact=True).count() > 0
        assert page.get_by_role("heading", name="Zo leest u dit rapport").is_visible()
        # Nothing wider than the page: tables scroll inside their own box.
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT), full_page=True)
    finally:
        context.close()
    anders = [u for u in verzoeken if not u.startswith(("file://", "data:"))]
    assert verzoeken and not anders, f"verzoeken naar een andere plek: {anders}"
