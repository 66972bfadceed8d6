"""Handover domain logic, contact details, transcripts: plain Python on a real SQLite database."""
import datetime as dt

import pytest
from sqlalchemy import select

from bot import db
from bot.gesprek import intake
from bot.models import Mail, Overdracht, OverdrachtGebeurtenis, TranscriptRegel
from bot.overdracht import contact, overdracht
from bot.overdracht.transcript import Regel, from_events
from bot.privacy.gesprekken import verwijderen_gevraagd


@pytest.mark.parametrize("text,expected", [
    ("0612345678", "+31 6 12345678"), ("06-12 34 56 78", "+31 6 12345678"), ("bel 010 - 123 45 67", "+31 10 123 4567"),
    ("+32 470 12 34 56", "+32 470 12 34 56"), ("0031612345678", "+31 6 12345678"),
])
def test_phone_numbers_in_any_notation_are_normalised(text, expected):
    assert contact.parse(text) == contact.Contact("telefoon", expected)


@pytest.mark.parametrize("text,code", [
    ("06123", "ongeldig_telefoon"), ("0612345678901234", "ongeldig_telefoon"), ("jan@", "ongeldig_email"),
    ("jan@example", "ongeldig_email"), ("jan@@example.nl", "ongeldig_email"), ("bel me", "vraag_telefoon"),
    ("per mail graag", "vraag_email"), ("geen idee", "onbekend"), ("", "onbekend"),
])
def test_unusable_contact_details_say_why(text, code):
    assert contact.parse(text) == contact.Probleem(code)


def test_email_is_found_inside_a_sentence_and_normalised():
    assert contact.parse("mijn mail is Piet@Example.NL.") == contact.Contact("email", "Piet@example.nl")


@pytest.mark.parametrize("text,key", [("'s ochtends", "ochtend"), ("na 5 uur", "avond"), ("middag", "middag"),
                                      ("maakt niet uit", "maakt_niet_uit"), ("ochtend", "ochtend"),
                                      ("blauw", None)])
def test_contact_moment(text, key):
    assert contact.parse_moment(text) == key


@pytest.mark.parametrize("text,expected", [("ja", "ja"), ("Ja hoor!", "ja"), ("prima", "ja"), ("nee", "nee"),
                                           ("liever niet", "nee"), ("misschien", None)])
def test_yes_no_in_words(text, expected):
    assert intake.parse_ja_nee(text) == expected


SHOWN = [("wl-olena", "Olena Kovalenko", "Wijkteam Lindeveld"), ("mee-rachid", "Rachid Amrani", "MEE Lindeveld")]


@pytest.mark.parametrize("text,expected", [("wl-olena", "wl-olena"), ("Olena", "wl-olena"), ("rachid graag", "mee-rachid"),
                                           ("iemand van MEE", "mee-rachid"), ("kies jij maar", "coordinator"),
                                           ("maakt niet uit", "coordinator"), ("Piet", None)])
def test_choice_of_meedenker(text, expected):
    assert intake.parse_meedenker_keuze(text, SHOWN) == expected


def test_transcript_shows_button_titles_and_cards_and_skips_empty_events():
    events = [
        {"event": "action", "name": "action_listen"},
        {"event": "bot", "timestamp": 10, "text": "Wilt u dat?", "data": {"buttons": [
            {"title": "Ja, graag", "payload": "/bevestigen"}]}},
        {"event": "user", "timestamp": 20, "text": "/bevestigen"},
        {"event": "bot", "timestamp": 30, "text": None, "data": {"custom": {
            "type": "meedenker", "naam": "Olena", "organisatie": "Wijkteam", "telefoon": "0123"}}},
        {"event": "user", "timestamp": 40, "text": "<b>echt</b>"},
        {"event": "bot", "timestamp": 50, "text": None, "data": {"custom": {"type": "taalniveau", "taalniveau": "b1"}}},
    ]
    assert from_events(events) == [
        Regel(dt.datetime(1970, 1, 1, 0, 0, 10), "bot", "Wilt u dat?"),
        Regel(dt.datetime(1970, 1, 1, 0, 0, 20), "inwoner", "Ja, graag"),
        Regel(dt.datetime(1970, 1, 1, 0, 0, 30), "bot", "Keuze getoond: Olena, Wijkteam, 0123"),
        Regel(dt.datetime(1970, 1, 1, 0, 0, 40), "inwoner", "<b>echt</b>"),
    ]


class _Event:
    def __init__(self, type_name, key=None, value=None):
        self.type_name, self.key, self.value = type_name, key, value


def test_erasure_is_requested_only_by_the_outcome_verwijderd_after_the_last_message():
    assert verwijderen_gevraagd([_Event("user"), _Event("action"), _Event("bot"), _Event("slot", "uitkomst", "verwijderd"),
                                 _Event("action")])
    assert not verwijderen_gevraagd([_Event("slot", "uitkomst", "verwijderd"), _Event("user"), _Event("bot")])
    assert not verwijderen_gevraagd([_Event("user"), _Event("slot", "uitkomst", "keuze")])
    assert not verwijderen_gevraagd([_Event("user"), _Event("slot", "levensdomein", "verwijderd")])


@pytest.fixture
def sessions(tmp_path):
    url = f"sqlite:///{tmp_path}/o.db"
    db.upgrade(url)
    return db.session_factory(url)


def _maak(session, gesprek="g1", gekozen=None, **kw):
    return overdracht.maak(session, gesprek_id=gesprek, contact_manier="telefoon", contact_gegeven="+31 6 12345678",
                           contact_moment="ochtend", transcript=[Regel(dt.datetime(2026, 1, 1), "inwoner", "hoi")],
                           gekozen=gekozen, **kw)


def test_coordinator_actions_keep_who_and_when_and_follow_the_states(sessions):
    with sessions() as s, s.begin():
        ref = _maak(s, levensdomein="wonen").referentie
    with sessions() as s, s.begin():
        o = overdracht.vind(s, ref)
        overdracht.pak_op(o, "anna")
        assert (o.status, o.behandelaar) == ("opgepakt", "anna")
        overdracht.wijs_toe(o, "anna", overdracht.Gekozen("wl-olena", "Olena", "Wijkteam"))
        overdracht.notitie(o, "anna", "Gebeld, voicemail ingesproken")
        overdracht.rond_af(o, "bert", "afgezien")
        assert o.status == "afgerond" and o.afgerond is not None
        with pytest.raises(overdracht.OverdrachtFout):
            overdracht.pak_op(o, "bert")
        with pytest.raises(overdracht.OverdrachtFout):
            overdracht.notitie(o, "bert", "   ")
    with sessions() as s:
        rows = [(g.gebruiker, g.soort, g.tekst) for g in s.scalars(select(OverdrachtGebeurtenis))]
        assert rows == [("inwoner", "aangemaakt", "Toestemming gegeven in de chat"), ("anna", "opgepakt", None),
                        ("anna", "toegewezen", "Olena (Wijkteam)"), ("anna", "notitie", "Gebeld, voicemail ingesproken"),
                        ("bert", "afgerond", "Inwoner zag ervan af")]
        assert all(g.tijd is not None for g in s.scalars(select(OverdrachtGebeurtenis)))


def test_list_filters_and_puts_the_longest_waiting_open_handover_first(sessions):
    t = dt.datetime(2026, 11, 1, 12)
    with sessions() as s, s.begin():
        _maak(s, "a", levensdomein="wonen", tijd=t)
        _maak(s, "b", levensdomein="jeugd", tijd=t - dt.timedelta(days=2),
              gekozen=overdracht.Gekozen("x", "X", "MEE Lindeveld"))
        done = _maak(s, "c", levensdomein="wonen", tijd=t - dt.timedelta(days=5))
        overdracht.rond_af(done, "anna", "geen_contact")
    with sessions() as s:
        assert [o.gesprek_id for o in overdracht.lijst(s)] == ["b", "a", "c"]
        assert [o.gesprek_id for o in overdracht.lijst(s, levensdomein="wonen")] == ["a", "c"]
        assert [o.gesprek_id for o in overdracht.lijst(s, status="afgerond")] == ["c"]
        assert [o.gesprek_id for o in overdracht.lijst(s, organisatie="MEE Lindeveld")] == ["b"]
        assert overdracht.organisaties(s) == ["MEE Lindeveld"]


def test_withdrawal_erases_transcript_contact_and_note_texts_of_that_conversation_only(sessions):
    with sessions() as s, s.begin():
        mine = _maak(s, "mine")
        overdracht.notitie(mine, "anna", "Mevrouw Jansen belt terug")
        _maak(s, "other")
    with sessions() as s, s.begin():
        assert overdracht.trek_in(s, "mine") == 1
    with sessions() as s:
        by_conv = {o.gesprek_id: o for o in s.scalars(select(Overdracht))}
        assert by_conv["mine"].status == "ingetrokken" and by_conv["mine"].contact_gegeven is None
        assert by_conv["mine"].berichten == [] and by_conv["other"].berichten != []
        assert all(g.tekst in (None, "Gesprek verwijderd door de inwoner") for g in by_conv["mine"].gebeurtenissen)
        assert len(s.scalars(select(TranscriptRegel)).all()) == 1
        with pytest.raises(overdracht.OverdrachtFout):
            overdracht.pak_op(by_conv["mine"], "anna")


def test_withdrawal_drops_the_mails_not_yet_sent_about_it_and_keeps_the_sent_ones(sessions):
    """An unsent invitation to the questionnaire holds the inwoner's address; nothing more goes out about it."""
    nu = overdracht.now()
    with sessions() as s, s.begin():
        mine, other = _maak(s, "mine"), _maak(s, "other")
        for o, soort, verstuurd in ((mine, "vragenlijst", None), (mine, "nieuwe_overdracht", nu),
                                    (mine, "herinnering_contact", None), (other, "vragenlijst", None)):
            s.add(Mail(soort=soort, referentie=o.referentie, aan="inwoner@example.nl", onderwerp="o", tekst="t",
                       aangemaakt=nu, verstuurd=verstuurd, pogingen=0, volgende_poging=nu))
    with sessions() as s, s.begin():
        assert overdracht.trek_in(s, "mine") == 1
    with sessions() as s:
        over = {o.gesprek_id: o.referentie for o in s.scalars(select(Overdracht))}
        left = sorted((m.referentie == over["mine"], m.soort) for m in s.scalars(select(Mail)))
        assert left == [(False, "vragenlijst"), (True, "nieuwe_overdracht")]
