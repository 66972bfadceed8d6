"""Warm handover and erasure through the real Rasa server, action server, tracker store and database."""
import pytest

from bot import db
from tests.conftest import expected
from tests.e2e.conftest import (
    CRISIS_NUMBERS,
    DOMAIN_MESSAGES,
    first_button,
    handovers,
    options,
    run_intake,
    stored_events,
)

pytestmark = pytest.mark.e2e


def test_after_the_choice_a_consented_handover_reaches_the_coordinators(conversation, slots, settings):
    reply, _ = run_intake(conversation, DOMAIN_MESSAGES["werk_inkomen"], first_button, "standaard", slots)
    shown = options(reply)
    contact_button = next(b for m in reply for b in m.get("buttons") or [] if b["payload"] == "/vraag_medewerker")

    assert conversation.texts(contact_button["payload"]) == [
        expected("utter_ask_overdracht_toestemming", "standaard", slots)]
    assert conversation.texts("ja, dat mag") == [expected("utter_ask_contact_gegeven", "standaard", slots)]
    assert conversation.texts("mijn nummer is 06-1234") == [
        expected("utter_contact_ongeldig_telefoon", "standaard", slots)]
    reply = conversation.say("06 12345678")
    assert [m["text"] for m in reply] == [expected("utter_ask_contact_moment", "standaard", slots)]
    reply = conversation.say(reply[0]["buttons"][0]["payload"])  # 's ochtends
    assert reply[0]["text"] == expected("utter_ask_meedenker_keuze", "standaard", slots)
    choice = [b for b in reply[0]["buttons"]]
    assert [b["title"] for b in choice[:-1]] == [f"{o['naam']} ({o['organisatie']})" for o in shown]
    assert choice[-1]["title"] == "Laat de coördinator kiezen"
    confirmation = conversation.texts(choice[0]["payload"])
    assert len(confirmation) == 2 and shown[0]["naam"] in confirmation[0]
    assert confirmation[1] == expected("utter_ask_vragenlijst", "standaard", slots)
    assert "+31 6 12345678" in confirmation[0] and slots["reactietijd"] in confirmation[0]

    [o] = handovers(settings, conversation.sender)
    assert (o.status, o.levensdomein, o.contact_manier, o.contact_gegeven, o.contact_moment) == (
        "nieuw", "werk_inkomen", "telefoon", "+31 6 12345678", "ochtend")
    assert o.gekozen_sleutel == shown[0]["sleutel"]
    lines = [(r.afzender, r.tekst) for r in o.berichten]
    assert ("inwoner", DOMAIN_MESSAGES["werk_inkomen"]) in lines
    assert ("inwoner", "mijn nummer is 06-1234") in lines and ("inwoner", "Ja, dat mag") not in lines
    assert ("inwoner", "ja, dat mag") in lines
    assert ("bot", expected("utter_ask_overdracht_toestemming", "standaard", slots)) in lines
    assert all(any(a == "bot" and o["naam"] in t for a, t in lines) for o in shown)  # the choice shown
    assert o.kanaal == "rest"  # the way in is the chat's channel
    assert conversation.texts("ja graag") == [expected("utter_vragenlijst_ja", "standaard", slots)]
    [o] = handovers(settings, conversation.sender)
    assert o.vragenlijst_mag
    # The coordinators' mail went into the outbox with the handover: a reference and a link, nothing personal.
    from sqlalchemy import select

    from bot.models import Mail

    with db.new_session(settings.database_url) as session:
        mails = list(session.scalars(select(Mail).where(Mail.referentie == o.referentie)))
    assert [m.soort for m in mails] == ["nieuwe_overdracht"] and mails[0].aan == slots["meedenkers_email"]
    assert f"/overdrachten/{o.referentie}" in mails[0].tekst
    assert "12345678" not in mails[0].tekst + mails[0].onderwerp and DOMAIN_MESSAGES["werk_inkomen"] not in mails[0].tekst


def test_asking_for_a_person_without_a_domain_and_saying_no_passes_nothing_on(conversation, slots, settings):
    conversation.say("hallo")
    assert conversation.texts("kan iemand mij terugbellen") == [
        expected("utter_ask_overdracht_toestemming", "standaard", slots)]
    assert conversation.texts("/ontkennen") == [expected("utter_overdracht_geen_toestemming", "standaard", slots)]
    assert handovers(settings, conversation.sender) == []


def test_handover_in_b1_with_an_email_and_the_coordinator_choosing(conversation, slots, settings):
    conversation.say("hallo")
    conversation.say("/vraag_makkelijke_taal", metadata={"taalniveau": "b1"})
    assert conversation.texts("/vraag_medewerker") == [expected("utter_ask_overdracht_toestemming", "b1", slots)]
    conversation.say("/bevestigen")
    assert conversation.texts("mailen graag") == [expected("utter_contact_vraag_email", "b1", slots)]
    assert conversation.texts("fatima.b@voorbeeld.nl") == [expected("utter_ask_contact_moment", "b1", slots)]
    reply = conversation.texts("maakt niet uit")  # no meedenkers shown: no choice question
    assert len(reply) == 2 and "Een meedenker" in reply[0]
    assert reply[1] == expected("utter_ask_vragenlijst", "b1", slots)
    assert conversation.texts("nee") == [expected("utter_vragenlijst_nee", "b1", slots)]
    [o] = handovers(settings, conversation.sender)
    assert (o.contact_manier, o.contact_gegeven, o.gekozen_sleutel, o.taalniveau) == (
        "email", "fatima.b@voorbeeld.nl", None, "b1")


def test_crisis_during_the_handover_comes_first_and_the_question_resumes(conversation, slots):
    conversation.say("hallo")
    conversation.say("/vraag_medewerker")
    conversation.say("/bevestigen")
    texts = conversation.texts("mijn man slaat me en ik ben bang")
    assert texts == [expected("utter_crisis", "standaard", slots), expected("utter_ask_contact_gegeven", "standaard",
                                                                          slots)]
    assert all(n in texts[0] for n in CRISIS_NUMBERS)


def test_a_privacy_question_during_the_handover_is_answered_and_the_question_comes_again(conversation, slots):
    conversation.say("hallo")
    conversation.say("/vraag_medewerker")
    conversation.say("ja")
    texts = conversation.texts("wie kan mijn gegevens allemaal zien?")
    assert texts == [expected("utter_privacy", "standaard", slots), expected("utter_verwijderen_kan", "standaard", slots),
                     expected("utter_ask_contact_gegeven", "standaard", slots)]


def test_erasing_the_conversation_deletes_it_and_withdraws_the_handover(conversation, slots, settings):
    conversation.say("hallo")
    conversation.say(DOMAIN_MESSAGES["wonen"])
    for answer in ("/vraag_medewerker", "ja", "0612345678", "'s avonds"):
        conversation.say(answer)
    [o] = handovers(settings, conversation.sender)
    assert o.status == "nieuw" and o.berichten
    assert stored_events(settings, conversation.sender) > 10  # the conversation really is in the store

    texts = conversation.texts("verwijder mijn gesprek")
    assert texts == [expected("utter_vraag_verwijderen", "standaard", slots)]
    assert conversation.texts("/bevestigen") == [expected("utter_gesprek_verwijderd", "standaard", slots)]

    assert stored_events(settings, conversation.sender) == 0
    [o] = handovers(settings, conversation.sender)
    assert o.status == "ingetrokken" and o.berichten == [] and o.contact_gegeven is None
    # The next message starts a new, empty conversation.
    assert conversation.texts("hallo")[0] == expected("utter_welkom", "standaard", slots)


def test_saying_no_to_erasure_keeps_the_conversation(conversation, slots, settings):
    conversation.say("hallo")
    texts = conversation.texts("wat doen jullie met mijn gegevens")
    assert texts == [expected("utter_privacy", "standaard", slots), expected("utter_verwijderen_kan", "standaard", slots)]
    assert conversation.texts("haal mijn gesprek maar weg") == [expected("utter_vraag_verwijderen", "standaard", slots)]
    assert conversation.texts("nee") == [expected("utter_gesprek_bewaard", "standaard", slots)]
    assert stored_events(settings, conversation.sender) > 0


def _sign_in(stack, settings, rol):
    import html
    import re
    import secrets

    import requests

    from bot.privacy import accounts

    name, password = f"{rol}-{secrets.token_hex(4)}", secrets.token_urlsafe(16)
    with db.session_factory(settings.database_url)() as session, session.begin():
        accounts.maak_gebruiker(session, name, password, rol)
    web = requests.Session()
    page = web.get(f"{stack.werkplek_url}/aanmelden", timeout=30).text
    token = html.unescape(re.search(r'name="csrf_token" value="([^"]+)"', page).group(1))
    reply = web.post(f"{stack.werkplek_url}/aanmelden", timeout=30,
                     data={"csrf_token": token, "gebruikersnaam": name, "wachtwoord": password})
    assert reply.ok and "/aanmelden" not in reply.url
    return web


def test_the_handover_appears_in_the_running_workspace_with_its_transcript_until_erased(
        conversation, slots, settings, bot_stack):
    import html

    conversation.say("hallo")
    secret_line = "mijn zoon <b>Daan</b> wil niet naar school"
    conversation.say(secret_line)
    for answer in ("/vraag_medewerker", "ja", "daan.vader@voorbeeld.nl", "'s middags"):
        conversation.say(answer)
    [o] = handovers(settings, conversation.sender)

    coordinator = _sign_in(bot_stack, settings, "coordinator")
    listing = coordinator.get(f"{bot_stack.werkplek_url}/overdrachten", timeout=30).text
    assert o.referentie in listing and "daan.vader@voorbeeld.nl" not in listing
    page = coordinator.get(f"{bot_stack.werkplek_url}/overdrachten/{o.referentie}", timeout=30).text
    assert html.escape(secret_line, quote=False) in page and "<b>Daan</b>" not in page
    assert "daan.vader@voorbeeld.nl" in page

    policy = _sign_in(bot_stack, settings, "beleid")
    refused = policy.get(f"{bot_stack.werkplek_url}/overdrachten/{o.referentie}", timeout=30)
    assert refused.status_code == 403 and "Daan" not in refused.text

    conversation.say("verwijder mijn gesprek")
    conversation.say("/bevestigen")
    page = coordinator.get(f"{bot_stack.werkplek_url}/overdrachten/{o.referentie}", timeout=30).text
    assert "Daan" not in page and "daan.vader@voorbeeld.nl" not in page
    assert stored_events(settings, conversation.sender) == 0



@pytest.mark.parametrize("where", ["na de vraag", "midden in de intake", "midden in de overdracht"])
def test_the_erase_address_erases_in_any_state(conversation, slots, settings, bot_stack, where):
    import requests

    conversation.say("hallo")
    conversation.say(DOMAIN_MESSAGES["jeugd"])
    if where == "midden in de intake":
        conversation.say("ja")
    elif where == "midden in de overdracht":
        for message in ("/vraag_medewerker", "ja", "0612345678", "'s ochtends"):
            conversation.say(message)
        conversation.say("/vraag_medewerker")
        conversation.say("ja")  # a second handover request is half-way
        assert handovers(settings, conversation.sender)[0].status == "nieuw"
    assert stored_events(settings, conversation.sender) > 0
    reply = requests.post(f"{bot_stack.rasa_url}/webhooks/rest/verwijderen", timeout=60,
                          json={"sender": conversation.sender, "sleutel": conversation.sleutel,
                                "metadata": {"taalniveau": "b1"}})
    assert reply.status_code == 200
    assert [m["text"] for m in reply.json()] == [expected("utter_gesprek_verwijderd", "b1", slots)]
    assert stored_events(settings, conversation.sender) == 0
    assert all(o.status == "ingetrokken" and not o.berichten for o in handovers(settings, conversation.sender))
    assert conversation.texts("hallo")[0] == expected("utter_welkom", "standaard", slots)


def test_the_erase_address_refuses_a_request_without_a_conversation(bot_stack):
    import requests

    reply = requests.post(f"{bot_stack.rasa_url}/webhooks/rest/verwijderen", data=b"[]", timeout=30)
    assert reply.status_code == 400 and reply.json()[0]["text"]
