from bot.gesprek.fallback import fallback_stage

F = "nlu_fallback"


def test_first_miss_asks_to_rephrase():
    assert fallback_stage([F, "groeten"]) == 1


def test_second_miss_in_a_row_offers_a_person():
    assert fallback_stage([F, F, "groeten"]) == 2


def test_a_understood_message_in_between_starts_over():
    assert fallback_stage([F, "vraag_wonen", F]) == 1


def test_third_miss_shows_buttons_again():
    assert fallback_stage([F, F, F]) == 1
