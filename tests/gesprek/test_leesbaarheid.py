"""Every bot text exists in standard Dutch and in B1 (makkelijke taal), and B1 stays simple."""
import pytest

from bot.gesprek import leesbaarheid
from bot.gesprek.teksten import load_responses, split_levels

RESPONSES = load_responses()


def _b1_text(name):
    b1, _ = split_levels(RESPONSES[name])
    return b1[0]["text"]


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_every_response_has_one_b1_and_one_standard_variant(name):
    b1, standard = split_levels(RESPONSES[name])
    assert len(b1) == 1, f"{name}: {len(b1)} B1-varianten"
    assert len(standard) == 1, f"{name}: {len(standard)} standaardvarianten"
    assert b1[0]["text"].strip() and standard[0]["text"].strip()
    assert b1[0]["text"] != standard[0]["text"] or len(leesbaarheid.words(standard[0]["text"])) <= 8, (
        f"{name}: B1 is gelijk aan de standaardtekst")


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_b1_offers_the_same_choices(name):
    b1, standard = split_levels(RESPONSES[name])
    payloads = lambda v: sorted(b["payload"] for b in v.get("buttons") or [])  # noqa: E731
    assert payloads(b1[0]) == payloads(standard[0]) or name == "utter_welkom"


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_b1_sentences_are_short(name):
    text = leesbaarheid.fill(_b1_text(name))
    assert leesbaarheid.mean_sentence_length(text) <= 10, leesbaarheid.sentences(text)


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_b1_uses_common_words_or_explains_them(name):
    text = leesbaarheid.fill(_b1_text(name))
    configured = {w for value in leesbaarheid.EXAMPLE_SLOTS.values() for w in leesbaarheid.words(value)}
    unexplained = [w for w in leesbaarheid.rare_words(text)
                   if leesbaarheid.glossary_term(w) is None and w not in configured]
    assert not unexplained, f"{name}: weinig gebruikte woorden {unexplained}"


@pytest.mark.parametrize("term", [t for t, e in leesbaarheid.B1_GLOSSARY.items() if e])
def test_b1_explains_a_term_where_it_is_used(term):
    """Wmo and Wlz are explained in the text that uses them; meedenker in the texts that open B1."""
    users = [n for n in RESPONSES if term in leesbaarheid.words(_b1_text(n).lower())]
    if term == "meedenker":
        users = ["utter_welkom", "utter_taalniveau_gewijzigd", "utter_uitleg_clientondersteuning"]
    for name in users:
        assert leesbaarheid.B1_GLOSSARY[term] in _b1_text(name).lower(), f"{name} legt '{term}' niet uit"


def test_b1_is_easy_to_read_on_average():
    figures = leesbaarheid.figures([_b1_text(n) for n in RESPONSES])
    assert figures.flesch_douma >= 80, figures
    assert figures.mean_sentence_length <= 10, figures


def test_the_measures_can_tell_hard_from_easy():
    hard = ("De onafhankelijke cliëntondersteuner ondersteunt belanghebbenden bij het formuleren van "
            "hulpvragen betreffende maatschappelijke ondersteuning en aanverwante voorzieningen.")
    easy = "Ik help u. Dat is gratis. Bel mij maar."
    assert leesbaarheid.flesch_douma(hard) < 30 < 80 < leesbaarheid.flesch_douma(easy)
    assert leesbaarheid.mean_sentence_length(hard) > 10
    assert "cliëntondersteuner" in leesbaarheid.rare_words(hard)
