import pytest

from bot.gesprek.crisis import is_acute_danger

DANGER = [
    "ik wil niet meer leven",
    "Ik denk aan zelfmoord",
    "ik denk aan zelf moord",
    "het hoeft voor mij allemaal niet meer",
    "ik wil er een eind aan maken",
    "ik wil dood",
    "iedereen is beter af zonder mij",
    "mijn man slaat me",
    "hij heeft me weer geslagen gisteren",
    "de buurman mishandelt zijn kinderen",
    "ik ben bang voor mijn partner, hij heeft me bedreigd",
    "ik heb schulden en mijn vriend slaat mij als er geen geld is",
    "mn moeder is gevallen en reageert niet meer",
    "ik heb pillen ingenomen",
    "ik heb al mijn pillen ingenomen",
    "het hoeft niet meer",
    "mijn vader ligt op de bank en reageert niet",
    "SUÏCIDE",
]

SAFE = [
    "ik heb schulden en snap de brieven niet",
    "mijn moeder is vorig jaar dood gegaan en nu moet ik het huis uit",
    "ik wil een traplift aanvragen",
    "mijn zoon gaat niet meer naar school",
    "ik kan de huur niet meer betalen",
    "de gemeente slaat de plank mis met mijn aanvraag",
    # figures of speech and calm uses of alarming words
    "ik ga dood van de stress van al die rekeningen",
    "ik kan niet meer leven van mijn uitkering",
    "de woningbouw reageert niet meer op mijn klachten",
    "de gemeente reageert niet meer, ik heb al drie mails gestuurd",
    "ik heb vanochtend mijn pillen ingenomen maar de pijn blijft",
    "de thuiszorg hoeft niet meer, het gaat weer beter",
    "",
    None,
]


@pytest.mark.parametrize("text", DANGER)
def test_acute_danger_is_recognised(text):
    assert is_acute_danger(text)


@pytest.mark.parametrize("text", SAFE)
def test_ordinary_questions_are_not_alarms(text):
    assert not is_acute_danger(text)
