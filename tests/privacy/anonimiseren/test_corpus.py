"""The labelled corpus: its shape, and the anonymiser's leak and over-scrubbing rates on it."""
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from schwifty import IBAN
from stdnum.nl import bsn

from tests.privacy.anonimiseren import maak_corpus

CORPUS = Path(__file__).with_name("corpus.jsonl")
STRUCTURED = ["TELEFOON", "BSN", "IBAN", "EMAIL", "POSTCODE"]


def records():
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]


def test_corpus_is_built_from_its_source():
    assert records() == maak_corpus.build(), "corpus.jsonl is verouderd: draai tests/privacy/anonimiseren/maak_corpus.py"


def test_corpus_covers_every_kind_and_clean_text():
    recs = records()
    kinds = Counter(span["soort"] for r in recs for span in r["spans"])
    assert len(recs) >= 250
    assert sum(not r["spans"] for r in recs) >= 60
    assert kinds["NAAM"] >= 100
    assert all(kinds[k] >= 20 for k in ["TELEFOON", "BSN", "IBAN", "EMAIL", "ADRES", "POSTCODE", "DATUM", "NUMMER",
                                        "KENTEKEN"])
    for r in recs:
        for span in r["spans"]:
            assert span["tekst"] in r["tekst"]


def test_generated_numbers_are_what_their_label_says():
    spans = [span for r in records() for span in r["spans"]]
    for span in spans:
        digits = re.sub(r"\D", "", span["tekst"])
        if span["soort"] == "BSN":
            assert bsn.is_valid(digits), span
        if span["soort"] == "IBAN":
            assert IBAN(span["tekst"]).country_code == "NL"
    invalid_bsn = [s for s in spans if s["soort"] == "NUMMER" and re.fullmatch(r"\d{9}", s["tekst"])
                   and not bsn.is_valid(s["tekst"])]
    assert len(invalid_bsn) >= 5


@pytest.fixture(scope="module")
def result(warm, evaluation):
    return evaluation.evaluate(list(enumerate(evaluation.load_corpus())))


@pytest.fixture(scope="module")
def tuned(warm, evaluation):
    """The four fifths the anonymiser was tuned on (the held-out fifth is only reported, by the eval script)."""
    return evaluation.evaluate([(i, r) for i, r in enumerate(evaluation.load_corpus()) if not evaluation.held_out(i)])


@pytest.mark.parametrize("kind", STRUCTURED)
def test_structured_identifiers_never_leak(result, kind):
    counts = result["soorten"][kind]
    assert counts["lek_deels"] == 0, [f for f in result["_fouten"] if f[1] == kind]


@pytest.mark.parametrize("kind", ["ADRES", "KENTEKEN"])
def test_addresses_and_kentekens_never_leak_where_tuned_and_rarely_elsewhere(result, tuned, kind):
    assert tuned["soorten"][kind]["lek_deels"] == 0, [f for f in tuned["_fouten"] if f[1] == kind]
    assert result["soorten"][kind]["lek_deels_fractie"] <= 0.02


def test_a_whole_address_never_survives(result):
    assert result["soorten"]["ADRES"]["lek"] == 0


def test_names_leak_rarely(result, tuned):
    assert tuned["soorten"]["NAAM"]["lek_deels_fractie"] <= 0.025
    assert result["soorten"]["NAAM"]["lek_deels_fractie"] <= 0.035


def test_dates_and_numbers_do_not_leak(result):
    assert result["soorten"]["DATUM"]["lek_deels"] == 0
    assert result["soorten"]["NUMMER"]["lek_deels"] == 0


def test_clean_messages_are_left_alone(result):
    assert result["schoon"]["fractie_woorden_veranderd"] <= 0.01
    assert result["schoon"]["fractie_berichten_veranderd"] <= 0.03


def test_words_around_personal_data_survive(result):
    assert result["bijschade"]["fractie_woorden_veranderd"] <= 0.03
