"""One handover through every role, in Debian's Chromium against the real workspace (waitress) and a real SMTP
relay (tests/meldingen/smtp_server.py): the chat saves it, the coordinators get a mail with a link, the
coordinator assigns it, the meedenker gets a mail, takes it on, records the first contact and closes it; the
outcome reaches the report. Also: a meedenker refused on another's handover, axe-core on the meedenker pages, a
keyboard-only run, and a question registered by phone.

Screenshots, the mails received and the axe results go into SCREENSHOTS (tests/conftest.py).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import uuid
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from bot import db
from bot.meldingen import meldingen, verzenden
from bot.models import Overdracht
from bot.overdracht import overdracht
from bot.overdracht.overdracht import Gekozen
from bot.overdracht.transcript import from_events
from bot.runtime.launcher import free_port
from bot.tijd import lokale_dag, nu
from tests.conftest import SCREENSHOTS, serve_in_thread
from tests.conftest import axe as run_axe
from tests.web.site.widget import FOCUS_VISIBLE

from .conftest import COORDINATOR, MEEDENKER, MEEDENKER_2, eigen_paginas, make_settings, seed

pytestmark = pytest.mark.e2e  # a real process, browser and mail relay: not in the fast lane

ANNA = Gekozen("vml-anna", "Anna de Vries", "Vrijwillige Meedenkers Lindeveld", "vrijwillig")
COORD_MAIL, ANNA_MAIL = "coord@lindeveld.example", "anna@vml.example"
TELEFOON = "+31 6 23456789"  # as the chat stores it (bot.overdracht.contact.parse)
TELEFOON_CIJFERS = "23456789"
VRAAG = "Ik krijg de rekeningen niet meer betaald en de deurwaarder belt steeds"
ANTWOORD = "Dat klinkt zwaar. Een meedenker kan met je meekijken naar je schulden."
OUTCOME_TABLE = "Uitkomst van overdrachten"  # the report's table of how closed handovers ended
LINK = re.compile(r"https?://\S+/overdrachten/[0-9a-f-]{36}")
FOCUS_INFO = f"""() => {{ const e = document.activeElement;
  return {{tag: e.tagName, id: e.id || '',
          name: (e.getAttribute('aria-label') || e.textContent || e.value || '').trim(),
          visible: ({FOCUS_VISIBLE})(), outline: getComputedStyle(e).outlineStyle}}; }}"""


@dataclass
class Werkplek:
    origin: str
    settings: object
    sessions: object
    relay: object
    refs: dict


@pytest.fixture(scope="module")
def werkplek(tmp_path_factory, smtp_relay_per_module):
    """The workspace on a port chosen first (its links must name it: WERKPLEK_URL), mailing to a real relay."""
    from bot.web.werkplek import create_app

    relay = smtp_relay_per_module()
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    # RAPPORT_DREMPEL=1: the report shows counts from 1 up, so one closed handover can be seen in it (with the
    # default 5, one and none both read "<5").
    settings = make_settings(tmp_path_factory.mktemp("traject"), MAIL_HOST="127.0.0.1", MAIL_PORT=str(relay.port),
                             MAIL_STARTTLS="nee", WERKPLEK_URL=origin, RAPPORT_DREMPEL="1")
    refs = seed(settings)
    with serve_in_thread(create_app(settings, retention=False), port=port):
        yield Werkplek(origin, settings, db.session_factory(settings.database_url), relay, refs)
    db.engine_for(settings.database_url).dispose()


@pytest.fixture
def new_page(werkplek, chromium):
    """new_page() -> a page in a browser context of its own (one person signed in), closed after the test; no
    request may leave the workspace. CSP is bypassed only so axe-core can be injected as a script."""
    with eigen_paginas(chromium, werkplek.origin) as make:
        yield make


def sign_in(page, origin, credentials, on_the_form: bool = False):
    """Sign in; `on_the_form`: the page shows the sign-in form already (after a redirect)."""
    if not on_the_form:
        page.goto(f"{origin}/aanmelden")
    page.get_by_label("Gebruikersnaam").fill(credentials[0])
    page.get_by_label("Wachtwoord").fill(credentials[1])
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_load_state()


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def status(page, text: str) -> None:
    """Wait for the flash message after a form (post/redirect/get)."""
    page.get_by_role("status").filter(has_text=text).wait_for()


def body(msg) -> str:
    return msg.get_body(preferencelist=("plain",)).get_content()


def link_in(msg) -> str:
    links = LINK.findall(body(msg))
    assert len(links) == 1, body(msg)
    return links[0]


def today() -> dt.date:
    return lokale_dag(nu())


def handover(werkplek, *, toegewezen: bool = True, **kw) -> str:
    """A chat handover assigned to Anna (toegewezen), straight in the database; returns its referentie."""
    with werkplek.sessions() as session, session.begin():
        o = overdracht.maak(session, gesprek_id=f"test-{uuid.uuid4().hex}", contact_manier="telefoon",
                            contact_gegeven=kw.pop("contact_gegeven", "+31 6 11112222"), contact_moment="ochtend",
                            transcript=[], kanaal="rest", **{"levensdomein": "wmo_aanvraag",
                                                             "onderwerp": "huishoudelijke_hulp", "wijk": "centrum",
                                                             **kw})
        if toegewezen:
            overdracht.pak_op(o, COORDINATOR[0])
            overdracht.wijs_toe(o, COORDINATOR[0], ANNA)
        return o.referentie


# --- axe-core ---------------------------------------------------------------------------------------------

def axe(page, label: str) -> list[dict]:
    return run_axe(page, label, report="werkplek-axe")


# --- 1. The whole trajectory ------------------------------------------------------------------------------

def test_one_handover_through_every_role(werkplek, new_page):
    origin, relay, sessions = werkplek.origin, werkplek.relay, werkplek.sessions
    received = []
    verzenden.verstuur_wachtende(sessions, werkplek.settings)  # whatever other tests left in the outbox
    before = len(relay.berichten())

    def new_mails(adres: str) -> list:
        return [m for m in relay.berichten()[before:] if m["To"] == adres]

    # The chat saves the handover exactly as RasaDiensten.bewaar_overdracht does: the coordinators' mail is in
    # the outbox in the same transaction.
    now = nu()
    events = [{"event": "user", "text": VRAAG, "timestamp": now.timestamp() - 90},
              {"event": "bot", "text": ANTWOORD, "data": {}, "timestamp": now.timestamp() - 89}]
    with sessions() as session, session.begin():
        o = overdracht.maak(session, gesprek_id=f"traject-{uuid.uuid4().hex}", contact_manier="telefoon",
                            contact_gegeven=TELEFOON, contact_moment="middag", transcript=from_events(events),
                            gekozen=None, levensdomein="werk_inkomen", onderwerp="schulden", wijk="molenwijk",
                            doelgroep=None, taal=None, taalniveau="standaard", namens=None, huisbezoek=False,
                            kanaal="rest")
        meldingen.nieuwe_overdracht(session, werkplek.settings, o)
        ref = o.referentie
    assert verzenden.verstuur_wachtende(sessions, werkplek.settings).verstuurd == 1

    (mail,) = new_mails(COORD_MAIL)
    received.append(mail)
    tekst = body(mail)
    assert mail["X-Envelope-To"] == COORD_MAIL and mail["Subject"].startswith("Nieuwe overdracht (ref.")
    assert link_in(mail) == f"{origin}/overdrachten/{ref}"
    for secret in (TELEFOON, TELEFOON_CIJFERS, VRAAG, ANTWOORD, "deurwaarder", "schulden", "molenwijk"):
        assert secret not in tekst.lower() and secret not in str(mail["Subject"]).lower(), secret

    # The coordinator signs in, follows the link from the mail, picks the handover up and assigns it to Anna.
    coord = new_page()
    sign_in(coord, origin, COORDINATOR)
    coord.wait_for_url(f"{origin}/overdrachten")
    assert "Schulden" in coord.get_by_role("table").inner_text()
    shot(coord, "traject-1-overdrachten.png")
    coord.goto(link_in(mail))
    assert TELEFOON in coord.inner_text("main") and VRAAG in coord.inner_text("main")
    coord.get_by_role("button", name="Oppakken").click()
    status(coord, "Je hebt deze overdracht opgepakt.")
    coord.get_by_label("Meedenker", exact=True).select_option("vml-anna")
    shot(coord, "traject-2-toewijzen.png")
    coord.get_by_role("button", name="Toewijzen").click()
    status(coord, "De overdracht is toegewezen aan Anna de Vries.")
    assert coord.get_by_role("alert").count() == 0  # Anna has an address: no "tell her another way"

    assert verzenden.verstuur_wachtende(sessions, werkplek.settings).verstuurd == 1
    (anna_mail,) = new_mails(ANNA_MAIL)
    received.append(anna_mail)
    assert anna_mail["Subject"].startswith("Er is een inwoner voor je (ref.")
    assert link_in(anna_mail) == f"{origin}/overdrachten/{ref}"
    for secret in (TELEFOON, TELEFOON_CIJFERS, VRAAG, "schulden", "molenwijk"):
        assert secret not in body(anna_mail).lower(), secret
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "traject-mails.txt").write_text("\n\n".join(
        f"To: {m['To']}\nSubject: {m['Subject']}\n\n{body(m).rstrip()}" for m in received) + "\n")

    # Anna opens the link from her mail: first the sign-in, then straight to the handover.
    anna = new_page()
    anna.goto(link_in(anna_mail))
    assert anna.url.startswith(f"{origin}/aanmelden")
    sign_in(anna, origin, MEEDENKER, on_the_form=True)
    anna.wait_for_url(f"{origin}/overdrachten/{ref}")
    main = anna.inner_text("main")
    assert "Toegewezen" in main and "Het gesprek en de contactgegevens zie je zodra je de overdracht aanneemt" in main
    for secret in (TELEFOON, VRAAG, ANTWOORD):
        assert secret not in anna.content(), secret
    shot(anna, "traject-3-meedenker-voor-aannemen.png")

    anna.get_by_role("button", name="Aannemen").click()
    status(anna, "Je hebt de overdracht aangenomen.")
    main = anna.inner_text("main")
    assert TELEFOON in main and VRAAG in main and ANTWOORD in main
    assert anna.get_by_label("Datum van het eerste contact").input_value() == today().isoformat()
    anna.get_by_role("button", name="Vastleggen").click()
    status(anna, "De datum van het eerste contact is vastgelegd.")
    assert "In contact" in anna.inner_text("main")
    shot(anna, "traject-4-meedenker-in-contact.png")
    anna.get_by_label("Notitie", exact=True).fill("Samen de brieven van de deurwaarder op een rij gezet.")
    anna.get_by_role("button", name="Notitie toevoegen").click()
    status(anna, "De notitie is toegevoegd.")
    anna.get_by_label("Passende ondersteuning gevonden").check()
    anna.get_by_role("button", name="Afronden", exact=True).click()
    status(anna, "De overdracht is afgerond. Dank je wel!")
    main = anna.inner_text("main")
    assert "Afgerond" in main and "Passende ondersteuning gevonden" in main
    history = anna.get_by_role("table").filter(has_text="Wie wat deed").inner_text()
    for what in ("Opgepakt", "Toegewezen", "Aangenomen", "Eerste contact", "Notitie", "brieven van de deurwaarder",
                 "Afgerond"):
        assert what in history, what
    shot(anna, "traject-5-afgerond.png")

    anna.get_by_role("link", name="Mijn overdrachten").first.click()
    anna.wait_for_url(f"{origin}/mijn")
    row = anna.get_by_role("row").filter(has_text="Schulden")
    assert row.count() == 1 and "Afgerond" in row.inner_text()
    assert row.get_by_role("cell").nth(4).inner_text() == f"{today():%d-%m-%Y}"  # Eerste contact
    shot(anna, "traject-6-mijn.png")
    anna.get_by_role("link", name="Vraag registreren").click()
    anna.get_by_role("heading", level=1, name="Vraag registreren").wait_for()
    shot(anna, "traject-7-registreren.png")
    anna.get_by_role("link", name="Beschikbaarheid").click()
    anna.get_by_role("heading", level=1, name="Beschikbaarheid").wait_for()
    shot(anna, "traject-8-beschikbaarheid.png")

    coord.get_by_role("link", name="Netwerk").click()
    coord.get_by_role("heading", level=1, name="Netwerk").wait_for()
    assert "anna" in coord.get_by_role("row").filter(has_text="Anna de Vries").inner_text()
    shot(coord, "traject-9-netwerk.png")
    coord.get_by_role("link", name="Mails").click()
    coord.get_by_role("heading", level=1, name="Mails").wait_for()
    for adres in (COORD_MAIL, ANNA_MAIL):
        row = coord.get_by_role("row").filter(has_text=adres).filter(has_text=f"{ref[:8].upper()}")
        assert row.count() == 1 and "Verstuurd" in row.inner_text(), coord.get_by_role("table").inner_text()
    assert f"127.0.0.1:{relay.port}" in coord.inner_text("main")
    shot(coord, "traject-10-mails.png")

    # The outcome reaches the report (anonymous: categories and a day).
    van, tot = today().replace(day=1), today()
    coord.goto(f"{origin}/rapportage?van={van}&tot={tot}")
    reply = coord.request.get(f"{origin}/rapportage/download?formaat=csv&van={van}&tot={tot}")
    assert reply.status == 200
    rows = list(csv.DictReader(io.StringIO(reply.text().lstrip("\ufeff"))))
    cells = {(r["rij"], r["kolom"]): r["waarde"] for r in rows if r["tabel"] == OUTCOME_TABLE}
    assert cells[("Werk en inkomen", "Passende ondersteuning gevonden")] == "1", cells
    assert cells[("Totaal", "Afgerond")] == "1", cells
    assert OUTCOME_TABLE in coord.inner_text("main")


# --- 2. Another meedenker is refused, and the refusal is logged -------------------------------------------

def test_a_meedenker_opening_anothers_handover_gets_403_and_it_is_logged(werkplek, new_page):
    origin = werkplek.origin
    ref = handover(werkplek, contact_gegeven="+31 6 33334444")
    marloes = new_page()
    sign_in(marloes, origin, MEEDENKER_2)
    marloes.wait_for_url(f"{origin}/mijn")
    reply = marloes.goto(f"{origin}/overdrachten/{ref}")
    assert reply.status == 403
    assert marloes.get_by_role("heading", level=1).inner_text() == "Geen toegang"
    assert "Je hebt geen toegang tot deze pagina." in marloes.inner_text("main")
    assert "33334444" not in marloes.content() and "Huishoudelijke hulp" not in marloes.content()

    coord = new_page()
    sign_in(coord, origin, COORDINATOR)
    coord.goto(f"{origin}/overdrachten/{ref}/toegangslog")
    row = coord.get_by_role("row").filter(has_text="Geweigerd")
    assert row.count() == 1
    assert "marloes" in row.inner_text() and "Mislukt" in row.inner_text()


# --- 3. axe-core on the new pages -------------------------------------------------------------------------

def fill_registration(page, contact_gegeven: str) -> dict[str, str]:
    """Fill in every field of 'Vraag registreren' (a phone question); returns field id -> value typed."""
    values = {"kanaal": "telefoon", "levensdomein": "wmo_aanvraag", "onderwerp": "huishoudelijke_hulp",
              "wijk": "centrum", "doelgroep": "ouderen", "namens": "partner", "taal": "engels",
              "contact-manier": "telefoon", "contact-moment": "ochtend"}
    for field, value in values.items():
        page.locator(f"#{field}").select_option(value)
    page.get_by_label("Telefoonnummer of e-mailadres").fill(contact_gegeven)
    page.get_by_label("Toelichting").fill("Belde over hulp in huis voor haar man.")
    page.get_by_label("De inwoner gaf toestemming").check()
    return {**values, "contact-gegeven": contact_gegeven, "toelichting": "Belde over hulp in huis voor haar man."}


def submit_bad_phone_number(page, origin) -> dict[str, str]:
    page.goto(f"{origin}/registreren")
    typed = fill_registration(page, "12345")
    page.get_by_role("button", name="Registreren").click()
    page.get_by_role("alert").filter(has_text="Dit telefoonnummer klopt niet").wait_for()
    return typed


def test_the_meedenker_and_coordinator_pages_have_no_axe_violations(werkplek, new_page):
    origin = werkplek.origin
    ref = handover(werkplek)
    found: dict[str, list] = {}

    anna = new_page()
    sign_in(anna, origin, MEEDENKER)
    anna.wait_for_url(f"{origin}/mijn")
    assert anna.get_by_role("row").count() >= 2  # a header and at least this handover
    found["mijn"] = axe(anna, "werkplek /mijn (meedenker)")
    anna.goto(f"{origin}/overdrachten/{ref}")
    found["voor aannemen"] = axe(anna, "werkplek overdracht, meedenker, voor aannemen")
    anna.get_by_role("button", name="Aannemen").click()
    status(anna, "Je hebt de overdracht aangenomen.")
    found["na aannemen"] = axe(anna, "werkplek overdracht, meedenker, na aannemen")

    anna.goto(f"{origin}/beschikbaarheid")
    found["beschikbaarheid"] = axe(anna, "werkplek /beschikbaarheid")
    yesterday = (today() - dt.timedelta(days=1)).isoformat()
    # The field's min keeps a browser from sending a past date; the server must refuse it too (an older browser,
    # or a page left open overnight): send it without the browser's own check.
    anna.evaluate("document.querySelector('form.werkplek-formulier').noValidate = true")
    anna.get_by_label("Afwezig tot en met").fill(yesterday)
    anna.get_by_role("button", name="Opslaan").click()
    anna.get_by_role("alert").wait_for()
    assert anna.get_by_label("Afwezig tot en met").input_value() == yesterday
    assert "beschikbaar voor nieuwe inwoners" in anna.inner_text("main")  # nothing was saved
    found["beschikbaarheid fout"] = axe(anna, "werkplek /beschikbaarheid na een datum in het verleden")

    coord = new_page()
    sign_in(coord, origin, COORDINATOR)
    coord.goto(f"{origin}/netwerk")
    found["netwerk"] = axe(coord, "werkplek /netwerk")
    coord.goto(f"{origin}/mails")
    found["mails"] = axe(coord, "werkplek /mails")
    coord.goto(f"{origin}/overdrachten/{werkplek.refs['schulden']}")
    found["coordinator nieuw"] = axe(coord, "werkplek overdracht, coördinator, nieuw (oppakken, toewijzen)")
    coord.goto(f"{origin}/overdrachten/{ref}")
    found["coordinator aangenomen"] = axe(coord, "werkplek overdracht, coördinator, aangenomen door meedenker")

    assert {page: [v["id"] for v in vs] for page, vs in found.items() if vs} == {}


def test_registering_a_question_has_no_axe_violations_also_after_a_refused_phone_number(werkplek, new_page):
    origin = werkplek.origin
    page = new_page()
    sign_in(page, origin, MEEDENKER)
    page.goto(f"{origin}/registreren")
    found = {"registreren": axe(page, "werkplek /registreren")}
    submit_bad_phone_number(page, origin)
    found["registreren fout"] = axe(page, "werkplek /registreren na een fout telefoonnummer")
    assert {page: [v["id"] for v in vs] for page, vs in found.items() if vs} == {}


def test_a_refused_phone_number_keeps_everything_typed(werkplek, new_page):
    origin = werkplek.origin
    page = new_page()
    sign_in(page, origin, MEEDENKER)
    typed = submit_bad_phone_number(page, origin)
    assert {field: page.locator(f"#{field}").input_value() for field in typed} == typed
    assert "Wat je invulde staat er nog." in page.get_by_role("alert").inner_text()
    # Not checked here: the consent box comes back unticked (registreren.html never sets `checked`); whether
    # consent must be confirmed again after a mistake is a product decision, see the report.


def test_date_fields_offer_only_the_days_the_server_accepts(werkplek, new_page):
    origin = werkplek.origin
    ref = handover(werkplek)
    page = new_page()
    sign_in(page, origin, COORDINATOR)
    page.goto(f"{origin}/overdrachten/{ref}")
    limits = {"max eerste contact": page.get_by_label("Datum van het eerste contact").evaluate("e => e.max")}
    page.goto(f"{origin}/netwerk")
    limits["min netwerk"] = page.locator("#tot-vml-anna").evaluate("e => e.min")  # not escaped: the reference
    anna = new_page()
    sign_in(anna, origin, MEEDENKER)
    anna.goto(f"{origin}/beschikbaarheid")
    limits["min beschikbaarheid"] = anna.get_by_label("Afwezig tot en met").evaluate("e => e.min")
    assert limits == dict.fromkeys(limits, today().isoformat())


# --- 4. Keyboard only -------------------------------------------------------------------------------------

def tab_to(page, name: str, tag: str = "BUTTON", max_tabs: int = 80) -> list[dict]:
    """Press Tab until the element named `name` has focus. Every element shows its focus when Tab reaches it;
    the further stops inside one date field (its day, month and year, its calendar button) are checked by
    test_every_stop_in_a_date_field_shows_focus."""
    seen: list[dict] = []
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUS_INFO)
        if not seen or (info["tag"], info["id"], info["name"]) != (seen[-1]["tag"], seen[-1]["id"], seen[-1]["name"]):
            assert info["visible"], f"focus niet zichtbaar op {info}"
        seen.append(info)
        if info["tag"] == tag and info["name"] == name:
            return seen
    pytest.fail(f"'{name}' niet bereikt met Tab: {[i['name'] for i in seen]}")


def test_a_meedenker_accepts_and_records_first_contact_with_the_keyboard_only(werkplek, new_page):
    origin = werkplek.origin
    ref = handover(werkplek, contact_gegeven="+31 6 55556666")
    page = new_page()
    page.goto(f"{origin}/overdrachten/{ref}")  # the link from the mail, pasted into the address bar
    for field, value in (("gebruikersnaam", MEEDENKER[0]), ("wachtwoord", MEEDENKER[1])):  # the sign-in form
        seen = []
        while page.evaluate("document.activeElement.name") != field:
            page.keyboard.press("Tab")
            seen.append(page.evaluate(FOCUS_INFO))
            assert seen[-1]["visible"] and len(seen) < 10, seen
        page.keyboard.type(value)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url(f"{origin}/overdrachten/{ref}")
    assert "55556666" not in page.content()

    tab_to(page, "Aannemen")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    status(page, "Je hebt de overdracht aangenomen.")
    assert "+31 6 55556666" in page.inner_text("main")

    seen = tab_to(page, "Vastleggen")
    assert any(i["id"] == "datum-contact" for i in seen)  # past the date, filled in with today
    with page.expect_navigation():
        page.keyboard.press("Space")
    status(page, "De datum van het eerste contact is vastgelegd.")
    with werkplek.sessions() as session:
        o = session.scalars(select(Overdracht).where(Overdracht.referentie == ref)).one()
        assert (o.status, o.eerste_contact) == ("in_contact", today())


def test_every_stop_in_a_date_field_shows_focus(werkplek, new_page):
    origin = werkplek.origin
    ref = handover(werkplek, toegewezen=False)
    page = new_page()
    sign_in(page, origin, COORDINATOR)
    page.goto(f"{origin}/overdrachten/{ref}")
    page.get_by_role("button", name="Toewijzen").focus()
    stops = []
    for _ in range(8):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUS_INFO))
        if stops[-1]["name"] == "Vastleggen":
            break
    in_field = [s for s in stops if s["id"] == "datum-contact"]
    assert len(in_field) >= 3  # day, month, year (and the calendar button)
    assert [s for s in in_field if not s["visible"]] == []


# --- 5. A question registered by phone --------------------------------------------------------------------

def register_phone_question(page, origin, onderwerp: str, wijk: str) -> None:
    sign_in(page, origin, COORDINATOR)
    page.get_by_role("link", name="Vraag registreren").click()
    page.get_by_label("Binnengekomen via").select_option(label="Telefoon")
    page.get_by_label("Levensdomein").select_option("jeugd")
    page.get_by_label("Onderwerp").select_option(onderwerp)
    page.get_by_label("Wijk").select_option(wijk)
    page.get_by_label("Contact via").select_option(label="Telefoon")
    page.get_by_label("Telefoonnummer of e-mailadres").fill("06 38765432")
    page.get_by_label("Toelichting").fill("Moeder belde over opvoedvragen.")
    page.get_by_label("De inwoner gaf toestemming").check()
    page.get_by_role("button", name="Registreren").click()
    status(page, "De vraag is geregistreerd.")


def test_a_coordinator_registers_a_phone_question_and_it_is_in_the_list(werkplek, new_page):
    origin = werkplek.origin
    page = new_page()
    register_phone_question(page, origin, "opvoeding", "vaartkwartier")
    assert page.locator("xpath=//dt[normalize-space()='Via']/following-sibling::dd").inner_text() == "Telefoon"
    assert "+31 6 38765432" in page.inner_text("main")
    assert "Moeder belde over opvoedvragen." in page.get_by_role("table").filter(has_text="Wie wat deed").inner_text()

    page.get_by_role("link", name="Overdrachten", exact=True).click()
    page.wait_for_url(f"{origin}/overdrachten")
    row = page.get_by_role("row").filter(has_text="Opvoeding").filter(has_text="Vaartkwartier")
    assert row.count() == 1
    assert "Niet gekozen (geregistreerd)" in row.inner_text() and "Opgepakt" in row.inner_text()
    row.get_by_role("link").click()
    assert page.locator("xpath=//dt[normalize-space()='Via']/following-sibling::dd").inner_text() == "Telefoon"


def test_the_list_shows_telefoon_as_the_way_in(werkplek, new_page):
    origin = werkplek.origin
    page = new_page()
    register_phone_question(page, origin, "school", "zuiderpark")
    page.goto(f"{origin}/overdrachten")
    row = page.get_by_role("row").filter(has_text="School").filter(has_text="Zuiderpark")
    assert row.count() == 1
    assert "Telefoon" in row.inner_text(), row.inner_text()
