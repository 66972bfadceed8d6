import pytest

from bot.config import load_settings
from bot.gesprek.onzin import gemeente_words, looks_like_gibberish

OWN = gemeente_words(load_settings(environ={}))


@pytest.mark.parametrize("text", ["qwpoeiruty zxmvn", "jjjjj", "blorp snerf kwibbel", "!!!", "", "🙈🙈"])
def test_no_word_at_all_is_gibberish(text):
    assert looks_like_gibberish(text, OWN)


@pytest.mark.parametrize("text", ["schulde", "uitkerring", "huishoudelijke hlup", "ja", "ok", "wmo", "pgb",
                                  "hallo?", "Molenwyk", "ik woon in lindeveld", "jeugzorg", "Tigrinya"])
def test_misspelled_real_words_are_not_gibberish(text):
    assert not looks_like_gibberish(text, OWN)


@pytest.mark.parametrize("text", ["0612345678", "06-12 34 56 78", "+31 6 12345678", "j.jansen@ziggo.nl", "14"])
def test_numbers_and_addresses_are_answers_not_gibberish(text):
    assert not looks_like_gibberish(text, OWN)
