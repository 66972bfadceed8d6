"""Conversations full of personal data through the real servers leave only categories and scrubbed quotes."""
import time

import pytest
from sqlalchemy import func, select

from bot import db
from bot.models import Signaal
from bot.vocabulaire import ALLE_ONDERWERPEN, DOELGROEPEN, Levensdomein

pytestmark = pytest.mark.e2e

PERSONAL = {
    "naam": ["Jan de Vries", "fatima el amrani", "Oleksandr Kovalenko"],
    "bsn": ["111222333", "123456782"],
    "telefoon": ["06-12345678", "0612345678", "+31 6 98765432"],
    "email": ["jan.devries@ziggo.nl", "f.elamrani@gmail.com"],
    "adres": ["Kerkstraat 12", "Molenweg 7b"],
    "postcode": ["1234 AB", "5678CD"],
    "iban": ["NL91ABNA0417164300", "NL20 INGB 0001 2345 67"],
}
MESSAGES = [
    "hoi ik ben Jan de Vries, bsn 111222333, ik heb huurachterstand en moet mijn huis uit aan de Kerkstraat 12 1234 AB",
    "mijn naam is fatima el amrani en ik heb schulden, bel me op 06-12345678 of mail f.elamrani@gmail.com",
    "ik wil huishoudelijke hulp aanvragen, ik ben Oleksandr Kovalenko, Molenweg 7b 5678CD, bsn 123456782",
    "mijn dochter gaat niet naar school, mail jan.devries@ziggo.nl of bel +31 6 98765432",
    "ik kan de rekeningen niet betalen, mijn rekening is NL91ABNA0417164300 en NL20 INGB 0001 2345 67",
]


def test_signals_hold_categories_and_scrubbed_quotes_only(bot_stack, conversation_factory, stack_env):
    from bot.config import load_settings

    settings = load_settings(environ=stack_env)
    with db.new_session(settings.database_url) as session:
        before = session.scalar(select(func.count()).select_from(Signaal))
    for text in MESSAGES:
        conversation = conversation_factory()
        conversation.say("hallo")
        conversation.say(text)
        conversation.say("ja")
        for _ in range(4):  # skip the intake questions: a choice or a no-match follows
            conversation.say("weet ik niet")
        conversation.say("/vraag_medewerker")
        conversation.say("ja")
        conversation.say("06-12345678")
        conversation.say("maakt niet uit")
        conversation.say("de coordinator mag kiezen")
        conversation.say("ik wil er een einde aan maken")  # crisis

    # Signals are written in the background: wait until no new ones come for a few seconds.
    deadline, last, stable_since = time.monotonic() + 120, -1, time.monotonic()
    while time.monotonic() < deadline and time.monotonic() - stable_since < 5:
        with db.new_session(settings.database_url) as session:
            rows = list(session.scalars(select(Signaal).order_by(Signaal.id)))
        if len(rows) != last:
            last, stable_since = len(rows), time.monotonic()
        time.sleep(0.5)
    new = rows[before:]
    kinds = [r.soort for r in new]
    # Every conversation got its crisis answer and made a handover. Messages this full of personal data
    # are not always recognised as a domain question; the ones that were carry a scrubbed quote.
    assert kinds.count("crisis") == len(MESSAGES) and kinds.count("overdracht") == len(MESSAGES), kinds
    recognised = [r for r in new if r.soort == "levensdomein"]
    assert recognised, kinds
    assert all(r.knelpunt for r in recognised)  # each recognised question left a scrubbed quote
    assert all(r.knelpunt is None for r in new if r.soort != "levensdomein")
    for r in new:
        assert r.levensdomein in {None, *(d.value for d in Levensdomein)}
        assert r.onderwerp in {None, *ALLE_ONDERWERPEN} and r.doelgroep in {None, *DOELGROEPEN}
        assert r.wijk in {None, *settings.wijken} and r.taalniveau in {None, "standaard", "b1"}
        text = (r.knelpunt or "").lower()
        for kind, values in PERSONAL.items():
            for value in values:
                assert value.lower() not in text, f"{kind} {value!r} in {r.knelpunt!r}"
                digits = "".join(c for c in value if c.isdigit())
                if len(digits) >= 6:
                    assert digits not in "".join(c for c in text if c.isdigit()), f"{kind} digits in {r.knelpunt!r}"
