"""A workspace of our own per test: a fresh SQLite database, the demo network, a user per role, handovers."""
from __future__ import annotations

import datetime as dt
import re
from contextlib import contextmanager

import pytest

from bot import db
from bot.netwerk import netwerk
from bot.overdracht import overdracht
from bot.overdracht.overdracht import Gekozen
from bot.overdracht.transcript import Regel
from bot.privacy import accounts
from tests.conftest import make_settings  # noqa: F401 (the werkplek tests import it from here)

COORDINATOR = ("coord", "groene-lamp-zeilt-7")
BELEID = ("beleid1", "paarse-trein-fluit-3")
ADVIESRAAD = ("raad1", "gele-wolk-leest-8")  # the adviesraad (or cliëntenraad): the report, nothing else
# Two meedenkers with an account: Anna (a volunteer) and Marloes (a professional) of the demo network.
MEEDENKER = ("anna", "blauwe-fiets-zingt-4")
MEEDENKER_2 = ("marloes", "rode-boot-danst-9")
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def seed(settings) -> dict[str, str]:
    """Users, the demo network and a few handovers; returns name -> referentie."""
    db.upgrade(settings.database_url)
    sessions = db.session_factory(settings.database_url)
    netwerk.load_demo_if_empty(sessions, settings.wijken)
    now = overdracht.now()
    refs = {}
    with sessions() as session, session.begin():
        accounts.maak_gebruiker(session, *COORDINATOR, accounts.COORDINATOR, "Carla Coördinator",
                                email="coord@lindeveld.example")
        accounts.maak_gebruiker(session, *BELEID, accounts.BELEID, "Bert Beleid")
        accounts.maak_gebruiker(session, *ADVIESRAAD, accounts.ADVIESRAAD, "Rita Raad")
        accounts.maak_gebruiker(session, *MEEDENKER, accounts.MEEDENKER, "Anna de Vries", meedenker_sleutel="vml-anna",
                                email="anna@vml.example")
        accounts.maak_gebruiker(session, *MEEDENKER_2, accounts.MEEDENKER, "Marloes Jansen",
                                meedenker_sleutel="smd-marloes", email="marloes@schakel.example")

        def maak(name, **kw):
            t = kw.pop("tijd", now - dt.timedelta(hours=2))
            o = overdracht.maak(session, gesprek_id=f"gesprek-{name}", tijd=t, **kw)
            refs[name] = o.referentie
            return o

        maak("huur", contact_manier="telefoon", contact_gegeven="+31 6 12345678", contact_moment="ochtend",
             levensdomein="wonen", onderwerp="huurachterstand", wijk="de_akkers",
             gekozen=Gekozen("vml-anna", "Anna de Vries", "Vrijwillige Meedenkers Lindeveld"),
             transcript=[Regel(now - dt.timedelta(hours=2, minutes=3), "inwoner", "Ik heb een huurachterstand"),
                         Regel(now - dt.timedelta(hours=2, minutes=2), "bot",
                               "Wat vervelend. Een meedenker kan met je meekijken.")])
        maak("xss", contact_manier="email", contact_gegeven="inwoner@example.nl", contact_moment="avond",
             levensdomein="jeugd", onderwerp="school", wijk="centrum", tijd=now - dt.timedelta(days=3),
             transcript=[Regel(now - dt.timedelta(days=3), "inwoner",
                               "Hallo <script>window.hacked=1</script> en <b>vet</b>"),
                         Regel(now - dt.timedelta(days=3), "bot", "Dank je. <i>Welke school?</i>")])
        maak("schulden", contact_manier="telefoon", contact_gegeven="+31 20 123 4567", contact_moment=None,
             levensdomein="werk_inkomen", onderwerp="schulden", wijk="molenwijk",
             tijd=now - dt.timedelta(minutes=25),
             gekozen=Gekozen("vml-youssef", "Youssef El Amrani", "Vrijwillige Meedenkers Lindeveld"),
             transcript=[Regel(now - dt.timedelta(minutes=26), "inwoner", "Ik heb schulden")])
        maak("ingetrokken", contact_manier="telefoon", contact_gegeven="+31 6 87654321", contact_moment="middag",
             levensdomein="wmo_aanvraag", onderwerp="huishoudelijke_hulp", wijk="zuiderpark",
             tijd=now - dt.timedelta(days=1),
             transcript=[Regel(now - dt.timedelta(days=1), "inwoner", "Geheime tekst van de inwoner")])
    with sessions() as session, session.begin():
        overdracht.trek_in(session, "gesprek-ingetrokken")
    return refs


def csrf_token(html: str) -> str:
    match = CSRF.search(html)
    assert match, "geen CSRF-token in het formulier"
    return match.group(1)


def login(client, credentials):
    token = csrf_token(client.get("/aanmelden").get_data(as_text=True))
    return client.post("/aanmelden", data={"gebruikersnaam": credentials[0], "wachtwoord": credentials[1],
                                           "csrf_token": token})


def post_form(client, page: str, url: str, data: dict | None = None):
    """Submit a form the way a browser does: with the CSRF token from the page it is on."""
    token = csrf_token(client.get(page).get_data(as_text=True))
    return client.post(url, data={**(data or {}), "csrf_token": token})


@pytest.fixture(autouse=True)
def _goedkoop(goedkope_hashes):
    """Every werkplek test signs in; none of them is about the hash itself."""


@pytest.fixture
def settings(tmp_path):
    return make_settings(tmp_path)


@pytest.fixture
def refs(settings):
    return seed(settings)


@pytest.fixture
def app(settings, refs):
    from bot.web.werkplek import create_app

    return create_app(settings, retention=False)


@pytest.fixture
def sessions(settings, refs):
    return db.session_factory(settings.database_url)


@pytest.fixture
def coordinator(app):
    client = app.test_client()
    assert login(client, COORDINATOR).status_code == 302
    return client


@pytest.fixture
def meedenker(app):
    client = app.test_client()
    assert login(client, MEEDENKER).status_code == 302
    return client


@pytest.fixture
def beleid(app):
    client = app.test_client()
    assert login(client, BELEID).status_code == 302
    return client


@pytest.fixture
def adviesraad(app):
    client = app.test_client()
    assert login(client, ADVIESRAAD).status_code == 302
    return client


@contextmanager
def eigen_paginas(chromium, origin: str):
    """Yields make() -> a page in a browser context of its own (one person signed in); the contexts are closed
    afterwards and no request may have left the workspace. CSP is bypassed only so axe-core can be injected."""
    contexts, requests = [], []

    def make():
        context = chromium.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900}, bypass_csp=True)
        context.on("request", lambda r: requests.append(r.url))
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
    foreign = [u for u in requests if not u.startswith(origin + "/")]
    assert not foreign, f"verzoeken naar een andere host: {foreign}"


def maart_signalen(sessions, wijken):
    """Only these signals, on 10 March 2026: 12 contacts about wonen (9 with a choice in the molenwijk), 3 about
    jeugd (a small number the report must hide)."""
    from sqlalchemy import delete

    from bot.models import Signaal
    from bot.signalen import signalen

    day = dt.date(2026, 3, 10)
    with sessions() as session, session.begin():
        session.execute(delete(Signaal))
        for _ in range(12):
            signalen.record(session, "levensdomein", levensdomein="wonen", datum=day)
        for _ in range(3):
            signalen.record(session, "levensdomein", levensdomein="jeugd", datum=day)
        for _ in range(9):
            signalen.record(session, "keuze", levensdomein="wonen", wijk="molenwijk", wijken=wijken, datum=day)


def afgerond_met_steun(sessions, ref, uitkomst="ondersteuning", mag=True, email=False):
    """Close the handover `ref` with `uitkomst` (support by default) after a first contact today; `mag`: the
    inwoner agreed to the questionnaire; `email`: they gave an e-mail address."""
    with sessions() as session, session.begin():
        o = overdracht.vind(session, ref)
        if email:
            o.contact_manier, o.contact_gegeven = "email", "inwoner@example.nl"
        overdracht.wijs_toe(o, "coord", overdracht.Gekozen("vml-anna", "Anna de Vries", "VML", "vrijwillig"))
        overdracht.leg_contact_vast(o, "coord", overdracht.lokale_dag(overdracht.now()), overdracht.lokale_dag(
            overdracht.now()))
        o.vragenlijst_mag = mag
        overdracht.rond_af(o, "coord", uitkomst)
