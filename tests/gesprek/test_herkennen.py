"""What a free-text message tells besides its intent, and the answers to the questions in people's own words.

Examples written for these tests (not from eval/): each finder must say None when the text does not clearly say it.
"""
import pytest

from bot.config import load_settings
from bot.gesprek import herkennen, intake
from bot.overdracht import contact

WIJKEN = load_settings(environ={}).wijken


@pytest.mark.parametrize("tekst, domein, verwacht", [
    ("mijn moeder van 91 kan haar huis niet meer schoonhouden", "wmo_aanvraag", "moeder"),
    ("ik regel dit voor mijn schoonvader", "wmo_aanvraag", "schoonvader"),
    ("mijn man heeft alzheimer en ik kan de zorg niet meer alleen", "wmo_aanvraag", "partner"),
    ("onze zoon met adhd wordt steeds van school gestuurd", "jeugd", "zoon"),
    ("we krijgen brieven van school over verzuim", "jeugd", "kind"),
    ("ik ben 17 en wil op mezelf wonen", "jeugd", None),
    ("sinds mijn vrouw overleden is kom ik niet meer rond", "werk_inkomen", None),
    ("ik woon met mijn twee kinderen in een te klein huis", "wonen", None),
    ("mijn buurman van 80 krijgt zijn post niet meer geregeld", "wmo_aanvraag", "buurman"),
    ("my mother needs help at home", "wmo_aanvraag", "moeder"),
])
def test_on_behalf_of_whom(tekst, domein, verwacht):
    assert herkennen.namens_in(tekst, domein) == verwacht


@pytest.mark.parametrize("tekst, verwacht", [
    ("we wonen in de molenwijk, al tien jaar", "molenwijk"),
    ("ik woon sinds kort in Hoogzand", "hoogzand"),
    ("ik wil graag naar het centrum verhuizen", None),  # where they want to go, not where they live
    ("mijn huis is te klein", None),
])
def test_a_wijk_in_a_first_message_counts_only_where_people_live(tekst, verwacht):
    assert herkennen.wijk_in(tekst, WIJKEN, streng=True) == verwacht


@pytest.mark.parametrize("tekst, verwacht", [
    ("mijn vader spreekt alleen Turks", "turks"), ("ik praat beter Engels dan Nederlands", "engels"),
    ("I need help with my rent because I lost my job and I cannot pay", "engels"),
    ("ich habe meine Arbeit verloren und kann die Miete nicht bezahlen", "duits"),
    ("ik spreek geen Arabisch hoor", None), ("ik heb schulden", None)])
def test_a_language_in_a_first_message(tekst, verwacht):
    assert herkennen.taal_in_bericht(tekst) == verwacht


@pytest.mark.parametrize("tekst, domein, verwacht", [
    ("er zit vocht achter het behang", "wonen", "overlast"),
    ("ik heb gewoon geen dak boven mijn hoofd", "wonen", "dakloos"),
    ("de rechter zegt dat ik eruit moet, ontruiming volgende week", "wonen", "uitzetting"),
    ("de incassobureaus bellen elke dag", "werk_inkomen", "schulden"),
    ("ik wil een scootmobiel aanvragen", "wmo_aanvraag", "hulpmiddelen"),
    ("de gemeente heeft mijn dagbesteding afgewezen", "wmo_aanvraag", "bezwaar"),  # the dispute is the question
    ("hij moet naar een verpleeghuis, maar welke hulp thuis is er tot dan", "wmo_aanvraag", "wlz"),
    ("ik heb een vraag", "wonen", None),
    ("huurachterstand en nu dreigt uitzetting", "wonen", None),  # two sub-topics: the bot asks
])
def test_the_sub_topic_in_own_words(tekst, domein, verwacht):
    assert herkennen.onderwerp_in(tekst, domein) == verwacht


def test_a_finer_sub_topic_belongs_to_its_button_and_not_to_another_domain():
    assert herkennen.hoofdonderwerp("dagbesteding", "wmo_aanvraag") == "begeleiding"
    assert herkennen.hoofdonderwerp("pgb", "wmo_aanvraag") == "pgb"
    assert herkennen.hoofdonderwerp("schulden", "wonen") is None
    assert herkennen.hoofdonderwerp("iets_anders", "wonen") is None


@pytest.mark.parametrize("tekst, manier, langs", [
    ("bel me maar", "telefoon", False), ("mail me", "email", False), ("kan iemand bij mij langskomen", None, True),
    ("appen mag ook", "telefoon", False), ("graag contact, maar niet bellen want ik ben slechthorend, mailen dus",
                                           "email", False)])
def test_a_request_to_be_contacted(tekst, manier, langs):
    verzoek = herkennen.contactverzoek_in(tekst)
    assert verzoek is not None and (verzoek.manier, verzoek.langskomen) == (manier, langs)


@pytest.mark.parametrize("tekst", ["mag ik zelf bellen?", "ik heb een vraag over mijn huur", "wat kost het"])
def test_no_request_to_be_contacted(tekst):
    assert herkennen.contactverzoek_in(tekst) is None


@pytest.mark.parametrize("tekst, verwacht", [
    ("ik zorg al jaren voor mijn vader en het wordt me allemaal te veel", True),
    ("ik ben zo moe van al die brieven", True), ("ik ben op zoek naar een huis", False),
    ("ik heb een traplift nodig", False)])
def test_overburdened(tekst, verwacht):
    assert herkennen.overbelast(tekst) is verwacht


def test_entities_with_their_place_in_the_text():
    text = "Ik heb 3 maanden huurachterstand, woon in De  Akkers en wil een Vrijwilliger"
    found = {e["entity"]: (e["value"], text[e["start"]:e["end"]]) for e in herkennen.entiteiten(text, "wonen", WIJKEN)}
    assert found == {"onderwerp": ("huurachterstand", "huurachterstand"), "wijk": ("de_akkers", "De  Akkers"),
                     "voorkeur_ondersteuner": ("vrijwillig", "Vrijwilliger")}


@pytest.mark.parametrize("tekst, verwacht", [
    ("geen vrijwilliger, iemand die het vak kent en ervoor geleerd heeft", "beroepsmatig"),
    ("het liefst een vrijwilliger, die hebben meer tijd", "vrijwillig"),
    ("allebei goed", "geen_voorkeur"), ("boeit me echt niet", "geen_voorkeur"), ("ja", None),
    ("Een vrijwilliger", "vrijwillig"), ("Iemand die dit als werk doet", "beroepsmatig")])
def test_preference_answers(tekst, verwacht):
    assert intake.parse_voorkeur(tekst) == verwacht


@pytest.mark.parametrize("tekst, verwacht", [
    ("nee hoor", "nederlands"), ("nederlands is prima", "nederlands"), ("liefst in het Pools", "pools"),
    ("Tigrinya graag, nederlands is moeilijk", "tigrinya"), ("geen idee", intake.SKIP), ("blauw", None)])
def test_language_answers(tekst, verwacht):
    assert intake.parse_taal(tekst) == verwacht


@pytest.mark.parametrize("tekst, verwacht", [
    ("ja hoor, doe maar", "ja"), ("oke dan", "ja"), ("nee liever niet", "nee"), ("laat maar zitten", "nee"),
    ("misschien", None)])
def test_yes_and_no_in_words(tekst, verwacht):
    assert intake.parse_ja_nee(tekst) == verwacht


def test_wijk_named_beats_not_knowing_it():
    assert intake.parse_wijk("geen idee hoe het heet, achter het station in Zuiderpark", WIJKEN) == "zuiderpark"
    assert intake.parse_wijk("geen idee", WIJKEN) == intake.SKIP
    assert intake.parse_wijk("Amsterdam", WIJKEN) is None


def test_meedenker_choice_by_place_kind_or_leaving_it():
    shown = [("a", "Anna de Vries", "Vrijwillige Meedenkers"), ("b", "Bram Bos", "MEE")]
    soorten = {"a": "vrijwillig", "b": "beroepsmatig"}
    assert intake.parse_meedenker_keuze("de tweede graag", shown, soorten) == "b"
    assert intake.parse_meedenker_keuze("doe maar die vrijwilliger", shown, soorten) == "a"
    assert intake.parse_meedenker_keuze("Bram", shown, soorten) == "b"
    assert intake.parse_meedenker_keuze("kies jij maar", shown, soorten) == intake.COORDINATOR


@pytest.mark.parametrize("tekst, verwacht", [
    ("na 16.00 uur", "middag"), ("na zessen", "avond"), ("liefst voor de middag", "ochtend"),
    ("in the evening", "avond"), ("zo snel mogelijk", "maakt_niet_uit"), ("dinsdag", None)])
def test_moment_in_own_words(tekst, verwacht):
    assert contact.parse_moment(tekst) == verwacht


@pytest.mark.parametrize("tekst, verwacht", [
    ("ik heb schulden en snap de brieven niet", False),
    ("we wonen in de molenwijk en zoeken een groter huis", False),
    ("ik spreek koerdisch, beetje nederlands", True),
    ("kan er een tolk bij het gesprek?", True),
    ("ik ben doof en zoek hulp bij mijn aanvraag", True),
    ("hallo. ik wonen met vrouw en 5 kinder in klein huis", True),
    ("Я не понимаю письма", True),
    ("I lost my job and do not understand the letters", True),
])
def test_a_reason_to_ask_which_language(tekst, verwacht):
    assert herkennen.taal_doet_ertoe(tekst) is verwacht


@pytest.mark.parametrize("tekst", ["doet u maar degene met de meeste ervaring met ouderen",
                                   "degene met ggz-ervaring als die er is", "whoever speaks English best"])
def test_a_description_of_the_meedenker_leaves_the_choice_to_the_coordinator(tekst):
    shown = [("a", "Anna de Vries", "Vrijwillige Meedenkers"), ("b", "Tom Verhoeven", "Budgetwijzer")]
    assert intake.parse_meedenker_keuze(tekst, shown) == intake.COORDINATOR


@pytest.mark.parametrize("tekst", ["overdag, maakt niet zoveel uit", "whenever suits them"])
def test_any_time_in_own_words(tekst):
    assert contact.parse_moment(tekst) == "maakt_niet_uit"
