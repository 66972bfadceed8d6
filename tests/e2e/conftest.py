"""What the end-to-end tests share: messages for each levensdomein, driving the intake, reading the databases."""
from __future__ import annotations

from sqlalchemy import func, select

from bot import db
from bot.gesprek.herkennen import namens_label
from bot.models import Overdracht
from bot.privacy.gesprekken import EVENTS
from bot.vocabulaire import NAMENS
from tests.conftest import RESPONSES, expected

DOMAIN_MESSAGES = {
    "wonen": "ik heb huurachterstand en de woningcorporatie wil me uit huis zetten",
    "werk_inkomen": "ik heb schulden en snap de brieven niet",
    "jeugd": "mijn dochter van 14 gaat al weken niet meer naar school",
    "wmo_aanvraag": "ik wil huishoudelijke hulp aanvragen bij de gemeente",
}


CRISIS_NUMBERS = ["112", "113", "0800-0113", "0800-2000", "113.nl"]


QUESTIONS = ["utter_ask_onderwerp", "utter_ask_wijk", "utter_ask_voorkeur_ondersteuner", "utter_ask_taal"]


def question_asked(messages, level, slots):
    """The intake question among the messages (the wijk and language questions in their variant for a question
    on behalf of someone count as the question itself)."""
    texts = [m.get("text") for m in messages]
    for q in QUESTIONS:
        if expected(q, level, slots) in texts:
            return q
        if f"{q}_namens" in RESPONSES and any(expected(f"{q}_namens", level, slots, persoon=p) in texts
                                              for p in map(namens_label, NAMENS)):
            return q
    return None


def options(messages):
    return [m["custom"] for m in messages if isinstance(m.get("custom"), dict) and m["custom"].get("type") == "meedenker"]


def run_intake(conversation, domain_message, answer, level, slots):
    """Ask for a meedenker and answer every question with answer(question, buttons); returns the last reply
    and the questions that were asked."""
    conversation.say("hallo")
    if level == "b1":
        conversation.say("/vraag_makkelijke_taal", metadata={"taalniveau": "b1"})
    conversation.say(domain_message)
    reply = conversation.say("ja graag")
    asked = []
    while (question := question_asked(reply, level, slots)) is not None:
        assert question not in asked, f"{question} twice: {reply}"
        asked.append(question)
        buttons = [b for m in reply for b in m.get("buttons") or []]
        reply = conversation.say(answer(question, buttons))
    return reply, asked


def first_button(question, buttons):
    return buttons[0]["payload"]


def skip(question, buttons):
    return {"utter_ask_voorkeur_ondersteuner": "maakt niet uit"}.get(question, "weet ik niet")


def handovers(settings, sender):
    with db.new_session(settings.database_url) as session:
        rows = list(session.scalars(select(Overdracht).where(Overdracht.gesprek_id == sender)))
        for o in rows:
            _ = [r.tekst for r in o.berichten], [g.soort for g in o.gebeurtenissen]  # load before closing
        return rows


def stored_events(settings, sender):
    with db.engine_for(settings.tracker_store_url).connect() as conn:
        return conn.scalar(select(func.count()).select_from(EVENTS).where(EVENTS.c.sender_id == sender))
