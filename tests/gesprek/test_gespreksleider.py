"""The conversation, turn by turn, without Rasa: the demo network, real matching, recorded handovers.

Messages carry the intent a classifier would give; what is tested is what the bot makes of them.
"""
from __future__ import annotations

import pytest

from bot.config import load_settings
from bot.gesprek.gespreksleider import Bericht, Gespreksleider, nieuwe_toestand
from bot.netwerk import matching, netwerk

WIJKEN = load_settings(environ={}).wijken
NETWERK = netwerk.read_file(netwerk.DEMO_FILE, WIJKEN)


class Diensten:
    def __init__(self, bewaren_lukt=True):
        self.wijken = WIJKEN
        self.reactietijd = "twee werkdagen"
        self.overdrachten = []
        self.ingetrokken = 0
        self.bewaren_lukt = bewaren_lukt

    def meedenkers(self):
        return NETWERK

    def kies(self, vraag):
        return matching.kies(NETWERK, vraag, rotatie=0)

    def bewaar_overdracht(self, gegevens):
        if self.bewaren_lukt:
            self.overdrachten.append(gegevens)
        return self.bewaren_lukt

    def vragenlijst_mag(self):
        self.vragenlijst = True
        return bool(self.overdrachten)

    def trek_in(self):
        self.ingetrokken += 1


class Gesprek:
    """One conversation: say(text, intent) returns the names of the responses of that turn."""

    def __init__(self, **diensten):
        self.diensten = Diensten(**diensten)
        self.leider = Gespreksleider(self.diensten)
        self.toestand = nieuwe_toestand()
        self.beurten = []

    def zeg(self, tekst, intent="geef_informatie", zekerheid=0.9, taalniveau=None, **entiteiten):
        beurt = self.leider.beurt(self.toestand, Bericht(tekst, intent, zekerheid, entiteiten, taalniveau))
        self.toestand = beurt.toestand
        self.beurten.append(beurt)
        return beurt.namen

    @property
    def laatste(self):
        return self.beurten[-1]

    def uitkomsten(self):
        return [b.uitkomst for b in self.beurten if b.uitkomst]

    def signalen(self):
        return [s.soort for b in self.beurten for s in b.signalen]


QUESTIONS = {"utter_ask_onderwerp", "utter_ask_wijk", "utter_ask_wijk_namens", "utter_ask_voorkeur_ondersteuner",
             "utter_ask_taal", "utter_ask_taal_namens"}


def vragen(namen):
    return [n for n in namen if n in QUESTIONS]


def test_a_first_message_is_acknowledged_explained_and_asks_whether_to_search():
    g = Gesprek()
    assert g.zeg("ik heb schulden en snap de brieven niet", "vraag_werk_inkomen") == [
        "utter_erkenning_werk_inkomen", "utter_meedenker_werk_inkomen", "utter_vraag_meedenker"]
    assert g.toestand["levensdomein"] == "werk_inkomen" and g.toestand["onderwerp"] == "schulden"
    assert g.signalen() == ["levensdomein"]
    assert g.laatste.signalen[0].velden["knelpunt"] == "ik heb schulden en snap de brieven niet"


def test_what_the_first_message_tells_is_not_asked_again():
    g = Gesprek()
    g.zeg("ik woon in de molenwijk met mijn kinderen en er zit overal schimmel, ik spreek koerdisch", "vraag_wonen")
    assert (g.toestand["wijk"], g.toestand["onderwerp"], g.toestand["taal"]) == ("molenwijk", "overlast", "koerdisch")
    assert vragen(g.zeg("ja graag", "bevestigen")) == ["utter_ask_voorkeur_ondersteuner"]
    assert "utter_keuze_intro" in g.zeg("maakt mij echt niks uit")
    assert g.toestand["voorkeur"] == "geen_voorkeur"


def test_own_words_for_the_sub_topic_map_onto_one_or_are_kept():
    g = Gesprek()
    g.zeg("ik heb een vraag over mijn huis", "vraag_wonen")
    assert vragen(g.zeg("ja", "bevestigen")) == ["utter_ask_onderwerp"]
    assert vragen(g.zeg("het gaat om vocht in mijn huis")) == ["utter_ask_wijk"]
    assert g.toestand["onderwerp"] == "overlast"

    g = Gesprek()
    g.zeg("ik wil iets vragen over geld", "vraag_werk_inkomen")
    g.zeg("ja", "bevestigen")
    reply = g.zeg("die pas voor mensen met weinig geld, voor de zwemles van de kinderen")
    assert reply[0] == "utter_omschrijving_genoteerd" and vragen(reply) == ["utter_ask_wijk"]
    assert g.toestand["onderwerp"] is None and g.toestand["eigen_woorden"]


def test_an_unknown_answer_gets_one_not_recognised_and_then_the_bot_moves_on():
    g = Gesprek()
    g.zeg("ik heb schulden", "vraag_werk_inkomen")
    g.zeg("ja", "bevestigen")
    assert vragen(g.zeg("ik woon in Amsterdam Noord", "nlu_fallback")) == ["utter_ask_wijk"]
    assert g.laatste.namen[0] == "utter_antwoord_niet_herkend"
    reply = g.zeg("bij de supermarkt", "nlu_fallback")
    assert reply[0] == "utter_vraag_overgeslagen" and vragen(reply) == ["utter_ask_voorkeur_ondersteuner"]
    assert g.toestand["wijk"] == "onbekend"


def test_a_polite_answer_that_is_not_understood_never_loops_between_questions():
    g = Gesprek()
    g.zeg("ik heb schulden", "vraag_werk_inkomen")
    g.zeg("ja", "bevestigen")
    g.zeg("Zuiderpark")
    asked = []
    for _ in range(6):
        reply = g.zeg("dank u wel voor uw hulp, heel vriendelijk", "bedanken")
        asked += vragen(reply)
        if "utter_keuze_intro" in reply:
            break
    assert "utter_ask_wijk" not in asked
    assert "utter_keuze_intro" in reply or set(asked) == {"utter_ask_voorkeur_ondersteuner"}


@pytest.mark.parametrize("antwoord, verwacht", [
    ("maakt mij echt niks uit", "geen_voorkeur"), ("liever iemand die daar voor geleerd heeft", "beroepsmatig"),
    ("Iemand die dit als werk doet", "beroepsmatig"), ("een echt mens die er verstand van heeft, geen vrijwilliger",
                                                        "beroepsmatig"), ("vrijwilliger is prima", "vrijwillig")])
def test_preference_in_own_words(antwoord, verwacht):
    g = Gesprek()
    g.zeg("ik heb schulden", "vraag_werk_inkomen")
    g.zeg("ja", "bevestigen")
    g.zeg("hoogzand")
    g.zeg(antwoord)
    assert g.toestand["voorkeur"] == verwacht


@pytest.mark.parametrize("antwoord, verwacht", [("nee hoor", "nederlands"), ("nederlands is prima", "nederlands"),
                                                 ("papiaments is makkelijker voor mij", "papiaments"),
                                                 ("we spreken thuis arabisch", "arabisch")])
def test_language_in_own_words(antwoord, verwacht):
    g = Gesprek()
    g.zeg("ik heb schulden, is er een tolk?", "vraag_werk_inkomen")
    for answer in ("ja", "hoogzand", "maakt niet uit"):
        g.zeg(answer)
    assert "utter_keuze_intro" in g.zeg(antwoord)
    assert g.toestand["taal"] == verwacht


@pytest.mark.parametrize("eerste, namens", [("ik heb schulden en snap de brieven niet", None),
                                            ("mijn moeder heeft schulden en snapt de brieven niet", "moeder"),
                                            ("mijn zoon van 19 heeft schulden en snapt de brieven niet", None)])
def test_the_language_question_only_when_there_is_a_reason(eerste, namens):
    g = Gesprek()
    g.zeg(eerste, "vraag_werk_inkomen")
    g.zeg("ja", "bevestigen")
    g.zeg("hoogzand")
    reply = g.zeg("maakt niet uit")
    if namens:  # someone else may not speak Dutch
        assert vragen(reply) == ["utter_ask_taal_namens"]
    else:  # written in plain Dutch: not asked, and another language stays one button away
        assert "utter_keuze_intro" in reply and g.toestand["taal"] == "nederlands"
        assert {"utter_ask_taal", "utter_ask_taal_namens"} & set(g.zeg("/geef_informatie", taal="andere"))
        reply = g.zeg("turks")
        assert "utter_keuze_intro" in reply and g.toestand["taal"] == "turks"


@pytest.mark.parametrize("eerste", ["mijn nederlands is niet zo goed, ik heb schulden",
                                    "Я не понимаю письма, у меня долги", "I have debts and do not understand the letters",
                                    "ik heb schulden, kan er een tolk bij?"])
def test_a_reason_to_ask_the_language(eerste):
    g = Gesprek()
    g.zeg(eerste, "vraag_werk_inkomen")
    asked = [n for answer in ("ja", "weet ik niet", "hoogzand", "maakt niet uit") for n in vragen(g.zeg(answer))]
    # asked, or already known from the message itself (written in English)
    assert "utter_ask_taal" in asked or g.toestand["taal"] not in (None, "nederlands")


def test_a_language_typed_after_the_choice_shows_meedenkers_who_speak_it():
    g = Gesprek()
    g.zeg("ik heb schulden", "vraag_werk_inkomen")
    for answer in ("ja", "hoogzand", "maakt niet uit"):
        g.zeg(answer)
    assert "utter_keuze_intro" in g.zeg("heeft u ook iemand die arabisch spreekt?", "vraag_werk_inkomen", 0.4)
    assert g.toestand["taal"] == "arabisch"


def test_simpler_language_mid_question_resumes_the_question_in_b1():
    g = Gesprek()
    g.zeg("ik heb schulden", "vraag_werk_inkomen")
    g.zeg("ja", "bevestigen")
    reply = g.zeg("kan het makkelijker", "vraag_makkelijke_taal")
    assert reply == ["widget", "utter_taalniveau_nu", "utter_ask_wijk"]
    assert g.toestand["niveau"] == "b1" and g.toestand["vraag"] == "wijk"
    assert g.laatste.uitingen[0].kaart == {"type": "taalniveau", "taalniveau": "b1"}


@pytest.mark.parametrize("intent, antwoord", [
    ("vraag_kosten", "utter_kosten"), ("vraag_privacy", "utter_privacy"), ("bot_vraag", "utter_bot"),
    ("vraag_onafhankelijkheid", "utter_onafhankelijkheid"), ("uitleg_clientondersteuning",
                                                             "utter_uitleg_clientondersteuning")])
def test_a_side_question_is_answered_and_the_pending_question_comes_back(intent, antwoord):
    g = Gesprek()
    g.zeg("ik heb schulden", "vraag_werk_inkomen")
    g.zeg("ja", "bevestigen")
    reply = g.zeg("en wat is dat dan precies?", intent)
    assert reply[0] == antwoord and reply[-1] == "utter_ask_wijk"
    assert "utter_antwoord_niet_herkend" not in reply


def test_a_question_that_names_both_kinds_is_a_question_not_a_preference():
    g = Gesprek()
    g.zeg("ik heb schulden", "vraag_werk_inkomen")
    g.zeg("ja", "bevestigen")
    g.zeg("hoogzand")
    reply = g.zeg("wat is het verschil tussen een vrijwilliger en een beroepskracht eigenlijk",
                  "uitleg_clientondersteuning")
    assert reply == ["utter_verschil_soorten", "utter_ask_voorkeur_ondersteuner"]
    assert g.toestand["voorkeur"] is None


def test_crisis_mid_question_gets_the_numbers_at_once_and_the_question_resumes():
    g = Gesprek()
    g.zeg("ik heb schulden", "vraag_werk_inkomen")
    g.zeg("ja", "bevestigen")
    reply = g.zeg("soms denk ik dat het voor iedereen beter is als ik er niet meer ben", "crisis")
    assert reply == ["utter_crisis", "utter_ask_wijk"]
    assert g.uitkomsten() == ["crisis"] and "crisis" in g.signalen()


def test_an_overburdened_inwoner_gets_the_normal_answer_and_one_calm_line():
    g = Gesprek()
    reply = g.zeg("ik zorg voor mijn man met dementie en het wordt me allemaal te veel", "vraag_wmo_aanvraag")
    assert reply[0] == "utter_erkenning_wmo_aanvraag" and "utter_steun_overbelast" in reply
    assert "utter_crisis" not in reply and reply[-1] == "utter_vraag_meedenker"
    g.zeg("ja", "bevestigen")
    assert "utter_steun_overbelast" not in g.zeg("ik kan het niet meer aan, molenwijk")


def test_on_behalf_of_someone_is_understood_and_recorded():
    g = Gesprek()
    reply = g.zeg("mijn moeder van 88 kan niet meer zelf schoonmaken", "vraag_wmo_aanvraag")
    assert "utter_namens_gezien" in reply
    assert g.toestand["namens"] == "moeder" and g.toestand["onderwerp"] == "huishoudelijke_hulp"
    assert vragen(g.zeg("ja", "bevestigen")) == ["utter_ask_wijk_namens"]
    assert g.laatste.uitingen[-1].waarden["persoon"] == "uw moeder"
    for answer in ("centrum", "vrijwilliger", "nederlands"):
        reply = g.zeg(answer)
    assert "utter_keuze_intro" in reply
    assert g.zeg("bel mij maar") == ["utter_ask_overdracht_toestemming_namens"]
    g.zeg("ja", "bevestigen")
    g.zeg("0612345678")
    g.zeg("ochtend")
    g.zeg("de eerste")
    [overdracht] = g.diensten.overdrachten
    assert overdracht.namens == "moeder" and overdracht.gekozen is not None


@pytest.mark.parametrize("verzoek", ["bel me", "mail me maar", "kan iemand langskomen", "kunnen ze me whatsappen?",
                                     "neem maar contact op"])
def test_asking_for_contact_after_the_choice_starts_the_handover_in_any_phrasing(verzoek):
    g = Gesprek()
    g.zeg("ik heb schulden", "vraag_werk_inkomen")
    for answer in ("ja", "hoogzand", "maakt niet uit", "nederlands"):
        g.zeg(answer)
    assert g.toestand["na_keuze"]
    # the classifier may call a short request anything; the words decide
    assert g.zeg(verzoek, "geef_informatie", 0.4) == ["utter_ask_overdracht_toestemming"]


def test_a_full_handover_with_contact_preference_and_moment():
    g = Gesprek()
    g.zeg("ik heb schulden", "vraag_werk_inkomen")
    for answer in ("ja", "hoogzand", "maakt niet uit", "nederlands"):
        g.zeg(answer)
    g.zeg("mail me maar, bellen vind ik eng")
    assert g.zeg("ja", "bevestigen") == ["utter_contact_vraag_email"]
    assert g.zeg("Daan.vd.Berg+hulp@Example.com") == ["utter_ask_contact_moment"]
    assert g.zeg("na vijf uur") == ["utter_ask_meedenker_keuze"]
    assert g.zeg("de tweede") == ["utter_overdracht_bevestigd", "utter_ask_vragenlijst"]
    [o] = g.diensten.overdrachten
    assert (o.contact_manier, o.contact_moment) == ("email", "avond")
    assert o.gekozen.sleutel == g.toestand["getoond"][1]
    assert g.uitkomsten()[-1] == "overdracht"
    assert g.zeg("ja", "bevestigen") == ["utter_vragenlijst_ja"] and g.diensten.vragenlijst


def test_the_questionnaire_question_steps_aside_for_anything_else_than_yes_or_no():
    g = Gesprek()
    g.zeg("ik heb schulden", "vraag_werk_inkomen")
    for answer in ("ja", "hoogzand", "maakt niet uit", "nederlands"):
        g.zeg(answer)
    g.zeg("bel me maar", "vraag_medewerker")
    g.zeg("ja", "bevestigen")
    g.zeg("06 12345678")
    g.zeg("maakt niet uit")
    assert g.zeg("de eerste")[-1] == "utter_ask_vragenlijst"
    assert g.zeg("dank je wel", "bedanken") == ["utter_graag_gedaan"]  # read as usual, not as an answer
    assert not getattr(g.diensten, "vragenlijst", False) and g.toestand["vraag"] is None
    g2 = Gesprek()
    g2.zeg("ik heb schulden", "vraag_werk_inkomen")
    for answer in ("ja", "hoogzand", "maakt niet uit", "nederlands", ("bel me maar", "vraag_medewerker"),
                   ("ja", "bevestigen"), "06 12345678", "maakt niet uit", "de eerste"):
        g2.zeg(*answer) if isinstance(answer, tuple) else g2.zeg(answer)
    assert g2.zeg("nee", "ontkennen") == ["utter_vragenlijst_nee"] and not getattr(g2.diensten, "vragenlijst", False)


def test_no_consent_is_respected():
    g = Gesprek()
    g.zeg("ik heb schulden", "vraag_werk_inkomen")
    for answer in ("ja", "hoogzand", "maakt niet uit", "nederlands", "bel me maar"):
        g.zeg(answer)
    reply = g.zeg("wacht, gaat mijn verhaal dan naar iemand anders? nee dan doe ik het liever niet",
                  "vraag_privacy")
    assert reply == ["utter_overdracht_geen_toestemming"]
    assert g.diensten.overdrachten == [] and g.uitkomsten()[-1] == "geen_toestemming"


def test_a_phone_number_that_cannot_be_read_twice_ends_with_the_network_numbers():
    g = Gesprek()
    g.zeg("ik heb schulden", "vraag_werk_inkomen")
    for answer in ("ja", "hoogzand", "maakt niet uit", "nederlands", "bel me"):
        g.zeg(answer)
    g.zeg("ja", "bevestigen")
    assert g.zeg("06 123") == ["utter_contact_ongeldig_telefoon"]
    assert g.zeg("06 12") == ["utter_contact_niet_gelukt"]
    assert g.toestand["vraag"] is None and g.diensten.overdrachten == []


def test_a_failed_save_says_so():
    g = Gesprek(bewaren_lukt=False)
    g.zeg("help, bel me", "vraag_medewerker")
    g.zeg("ja", "bevestigen")
    g.zeg("0612345678")
    assert g.zeg("maakt niet uit") == ["utter_overdracht_mislukt"]


def test_a_second_levensdomein_after_the_choice_is_offered_its_own_search():
    g = Gesprek()
    g.zeg("ik moet mijn huis uit", "vraag_wonen")
    for answer in ("ja", "Molenwijk", "beroepskracht", "nederlands"):
        g.zeg(answer)
    reply = g.zeg("ik heb ook nog schulden bij de zorgverzekering", "vraag_werk_inkomen")
    assert reply == ["utter_erkenning_werk_inkomen", "utter_vraag_meedenker_tweede"]
    assert g.toestand["levensdomein"] == "werk_inkomen" and g.toestand["onderwerp"] == "schulden"
    reply = g.zeg("ja", "bevestigen")
    assert "utter_keuze_intro" in reply  # wijk, preference and language are known already


def test_a_second_levensdomein_during_the_questions_is_noted_and_offered_after_the_choice():
    g = Gesprek()
    g.zeg("ik moet mijn huis uit", "vraag_wonen")
    g.zeg("ja", "bevestigen")
    reply = g.zeg("oja en ik heb ook schulden", "vraag_werk_inkomen", 0.95)
    assert reply == ["utter_tweede_vraag_genoteerd", "utter_ask_wijk"]
    g.zeg("Molenwijk")
    reply = g.zeg("beroepskracht")
    assert "utter_keuze_intro" in reply and reply[-1] == "utter_tweede_vraag_aanbod"
    reply = g.zeg("ja", "bevestigen")
    assert reply[0] == "utter_erkenning_werk_inkomen" and g.toestand["levensdomein"] == "werk_inkomen"


def test_erasure_on_request_withdraws_and_resets():
    g = Gesprek()
    g.zeg("ik heb schulden", "vraag_werk_inkomen")
    g.zeg("ja", "bevestigen")
    assert g.zeg("verwijder mijn gesprek", "vraag_privacy") == ["utter_vraag_verwijderen"]
    assert g.zeg("ja", "bevestigen") == ["utter_gesprek_verwijderd"]
    assert g.diensten.ingetrokken == 1 and g.uitkomsten() == ["verwijderd"]
    assert g.toestand["levensdomein"] is None


def test_keeping_the_conversation_resumes_the_question():
    g = Gesprek()
    g.zeg("ik heb schulden", "vraag_werk_inkomen")
    g.zeg("ja", "bevestigen")
    g.zeg("haal alles weg", "vraag_privacy")
    assert g.zeg("nee", "ontkennen") == ["utter_gesprek_bewaard_verder", "utter_ask_wijk"]


def test_no_meedenker_is_respected():
    g = Gesprek()
    g.zeg("waar kan ik schuldhulp aanvragen", "vraag_werk_inkomen")
    assert g.zeg("nee hoor, alleen het adres is genoeg") == ["utter_geen_meedenker"]
    assert g.uitkomsten() == ["geen_meedenker"]


def test_fallback_first_asks_to_rephrase_then_offers_a_person():
    g = Gesprek()
    assert g.zeg("blabla", "nlu_fallback") == ["utter_fallback_herformuleren"]
    assert g.zeg("blub", "nlu_fallback") == ["utter_fallback_medewerker"]
    assert g.signalen() == ["medewerker"]


def test_a_button_answer_is_taken_as_is():
    g = Gesprek()
    g.zeg("/vraag_jeugd", "vraag_jeugd")
    g.zeg("/bevestigen", "bevestigen")
    assert vragen(g.zeg('/geef_informatie{"onderwerp":"school"}', onderwerp="school")) == ["utter_ask_wijk"]
    assert g.toestand["onderwerp"] == "school"
    g.zeg('/geef_informatie{"wijk":"onbekend"}', wijk="onbekend")
    assert g.toestand["wijk"] == "onbekend"


def test_a_first_message_the_classifier_did_not_place_is_placed_by_its_words():
    g = Gesprek()
    reply = g.zeg("Hi, my husband had a stroke and now needs a wheelchair", "nlu_fallback", 0.2)
    assert reply[0] == "utter_erkenning_wmo_aanvraag" and g.toestand["onderwerp"] == "hulpmiddelen"
    # the classifier torn between two domains: its best guess is a better start than a fallback
    g = Gesprek()
    beurt = g.leider.beurt(g.toestand, Bericht("huurachterstand en een deurwaarder", "nlu_fallback", 0.3, {}, None,
                                               (("nlu_fallback", 0.3), ("vraag_wonen", 0.28),
                                                ("vraag_werk_inkomen", 0.27))))
    assert beurt.namen[0] == "utter_erkenning_wonen"


def test_an_unsure_side_question_is_still_answered_rather_than_not_recognised():
    g = Gesprek()
    g.zeg("ik heb schulden", "vraag_werk_inkomen")
    reply = g.zeg("moet ik daar voor betalen? want geld heb ik dus niet haha", "vraag_kosten", 0.4)
    assert reply == ["utter_kosten", "utter_vraag_meedenker"]


def test_a_side_question_that_names_a_domain_is_answered_and_offers_the_search():
    g = Gesprek()
    reply = g.zeg("ik had al iemand voor mijn dagbesteding maar het klikte niet, mag ik een andere?",
                  "uitleg_keuzevrijheid")
    assert reply[0] == "utter_uitleg_keuzevrijheid" and reply[-1] == "utter_vraag_meedenker"
    assert g.toestand["levensdomein"] == "wmo_aanvraag" and g.toestand["onderwerp"] == "begeleiding"


def test_naming_a_kind_of_which_several_were_shown_leaves_the_pick_to_the_coordinator():
    g = Gesprek()
    g.zeg("ik heb schulden", "vraag_werk_inkomen")
    for answer in ("ja", "zuiderpark", "vrijwilliger", "nederlands", "bel me maar", "ja", "0612345678", "avond"):
        g.zeg(answer)
    assert set(g.toestand["soorten"].values()) == {"vrijwillig"} and len(g.toestand["getoond"]) > 1
    assert g.zeg("de vrijwilliger") == ["utter_coordinator_kiest_soort", "utter_overdracht_bevestigd",
                                        "utter_ask_vragenlijst"]
    assert g.diensten.overdrachten[0].gekozen is None


def test_the_same_side_question_twice_for_one_question_is_no_loop():
    g = Gesprek()
    g.zeg("ik heb schulden", "vraag_werk_inkomen")
    g.zeg("ja", "bevestigen")
    g.zeg("hoogzand")
    first = g.zeg("iemand die weet wat ie doet, mag ik zelf kiezen?", "uitleg_keuzevrijheid", 0.7)
    assert "utter_ask_voorkeur_ondersteuner" in first and "utter_antwoord_niet_herkend" not in first
    second = g.zeg("iemand die weet wat ie doet, mag ik zelf kiezen?", "uitleg_keuzevrijheid", 0.7)
    assert second[0] == "utter_antwoord_niet_herkend"
    assert vragen(g.zeg("iemand die weet wat ie doet, mag ik zelf kiezen?", "uitleg_keuzevrijheid", 0.7)) == []
    assert g.toestand["vraag"] is None and g.toestand["na_keuze"]


@pytest.mark.parametrize("antwoord", ["Het liefst iemand die de weg kent bij de woningcorporaties, iemand uit het vak",
                                      "iemand die het vak verstaat", "iemand met verstand van zaken",
                                      "someone who does this professionally please"])
def test_a_professional_described_in_own_words(antwoord):
    g = Gesprek()
    g.zeg("ik heb schulden", "vraag_werk_inkomen")
    g.zeg("ja", "bevestigen")
    g.zeg("hoogzand")
    g.zeg(antwoord)
    assert g.toestand["voorkeur"] == "beroepsmatig"


def test_a_real_chance_of_crisis_gets_one_calm_line_but_not_the_crisis_numbers():
    g = Gesprek()
    bericht = Bericht("ik weet het allemaal niet meer met de schulden", "vraag_werk_inkomen", 0.5, {}, None,
                      [("vraag_werk_inkomen", 0.5), ("crisis", 0.3)])
    beurt = g.leider.beurt(g.toestand, bericht)
    assert "utter_steun_overbelast" in beurt.namen and "utter_crisis" not in beurt.namen
    assert beurt.namen[0] == "utter_erkenning_werk_inkomen"
    g.toestand = beurt.toestand
    again = g.leider.beurt(g.toestand, Bericht("ja", "bevestigen", 0.9, {}, None, [("bevestigen", 0.6), ("crisis", 0.3)]))
    assert "utter_steun_overbelast" not in again.namen  # once per conversation


def test_a_small_chance_of_crisis_stays_without_the_line():
    g = Gesprek()
    bericht = Bericht("ik heb schulden", "vraag_werk_inkomen", 0.8, {}, None,
                      [("vraag_werk_inkomen", 0.8), ("crisis", 0.05)])
    assert "utter_steun_overbelast" not in g.leider.beurt(g.toestand, bericht).namen
