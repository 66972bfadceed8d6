"""One example per kind and per thing to keep; the corpus tests measure the rates."""
import pytest

from bot.privacy.anonimiseren import anonimiseer

pytestmark = pytest.mark.usefixtures("warm")

SCRUBBED = [
    ("ik ben jan de vries", "ik ben [NAAM]"),
    ("Mijn naam is Fatima El Amrani.", "Mijn naam is [NAAM]."),
    ("ik heet Oleksandr Kovalenko", "ik heet [NAAM]"),
    ("mijn zoon daan is 15", "mijn zoon [NAAM] is 15"),
    ("groetjes, Sanne", "groetjes, [NAAM]"),
    ("bel me op 06-12345678", "bel me op [TELEFOON]"),
    ("06 1234 5678", "[TELEFOON]"),
    ("+31 6 12345678", "[TELEFOON]"),
    ("0031612345678", "[TELEFOON]"),
    ("(010) 123 45 67", "[TELEFOON]"),
    ("010-1234567", "[TELEFOON]"),
    ("bsn 111222333", "bsn [BSN]"),
    ("bsn 1112.22.333", "bsn [BSN]"),
    ("bsn 123456789", "bsn [NUMMER]"),  # fails the 11-proef: still removed
    ("mijn iban is nl91abna0417164300", "mijn iban is [IBAN]"),
    ("NL91 ABNA 0417 1643 00", "[IBAN]"),
    ("mail jan.devries@gmail.com", "mail [EMAIL]"),
    ("ik woon op de Kerkstraat 12a", "ik woon op de [ADRES]"),
    ("kerkstraat 12 1234AB", "[ADRES] [POSTCODE]"),
    ("Van Goghlaan 3-II", "[ADRES]"),
    ("postcode 1234 AB", "postcode [POSTCODE]"),
    ("geboren 12-03-1985", "geboren [DATUM]"),
    ("12 maart 1985", "[DATUM]"),
    ("3/12/85", "[DATUM]"),
    ("zaaknummer Z-2024-12345", "zaaknummer [NUMMER]"),
    ("dossier 884512", "dossier [NUMMER]"),
]

KEPT = [
    "bel 112 of 113",
    "ik heb 0800-0113 gebeld",
    "Veilig Thuis: 0800-2000",
    "de gemeente: 14 020",
    "mijn moeder van 82",
    "huurachterstand van 3 maanden",
    "€ 450 per maand",
    "ik krijg 1.350 netto",
    "ik heb schulden bij de Belastingdienst",
    "ik woon in Molenwijk",
    "ik heb een vraag over de Wmo",
    "sinds januari 2024",
    "in 2019 ben ik verhuisd",
    "ik ben moe",
    "ik ben alleenstaande moeder",
    "mijn vader heeft Alzheimer",
    "kan het in jip en janneke taal",
]


@pytest.mark.parametrize("text, expected", SCRUBBED)
def test_personal_data_is_replaced_by_its_tag(text, expected):
    assert anonimiseer(text) == expected


@pytest.mark.parametrize("text", KEPT)
def test_ordinary_text_is_kept(text):
    assert anonimiseer(text) == text


def test_a_message_stays_one_line():
    assert anonimiseer("regel 1\nregel 2\r\nregel 3\u2028regel 4") == "regel 1 regel 2  regel 3 regel 4"


def test_tags_from_an_earlier_pass_are_kept():
    assert anonimiseer("[NAAM] belde over [TELEFOON] en [NUMMER]") == "[NAAM] belde over [TELEFOON] en [NUMMER]"

