"""Contact details an inwoner gives for a handover: a Dutch (or international) phone number or an e-mail.

Validated with well-kept libraries (phonenumbers, email-validator) instead of home-made patterns.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from email_validator import EmailNotValidError, validate_email

TELEFOON = "telefoon"
EMAIL = "email"

_EMAIL_LIKE = re.compile(r"\S*@\S*")
_DIGITS = re.compile(r"[+(]?\d[\d\s().\-/]{2,}\d")
_WANTS_PHONE = re.compile(r"\b(bel|bellen|telefoon|tel|nummer|mobiel|06)\b", re.I)
_WANTS_MAIL = re.compile(r"\b(mail|mailen|e-?mail|email)\b", re.I)


@dataclass(frozen=True)
class Contact:
    manier: str  # telefoon | email
    gegeven: str  # normalised: +31 6 12345678 / name@example.nl


@dataclass(frozen=True)
class Probleem:
    """Why the answer was not usable; the bot turns the code into a plain-language message."""

    code: str  # ongeldig_telefoon | ongeldig_email | vraag_telefoon | vraag_email | onbekend


def parse(text: str | None) -> Contact | Probleem:
    text = (text or "").strip()
    mail = _EMAIL_LIKE.search(text)
    if mail:
        candidate = mail.group(0).strip(".,;:!?()<>\"'")
        try:
            checked = validate_email(candidate, check_deliverability=False)
        except EmailNotValidError:
            return Probleem("ongeldig_email")
        return Contact(EMAIL, checked.normalized)
    digits = _DIGITS.search(text)
    if digits:
        try:
            number = phonenumbers.parse(digits.group(0), "NL")
        except phonenumbers.NumberParseException:
            return Probleem("ongeldig_telefoon")
        if not phonenumbers.is_valid_number(number):
            return Probleem("ongeldig_telefoon")
        return Contact(TELEFOON, phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL))
    if _WANTS_MAIL.search(text):
        return Probleem("vraag_email")
    if _WANTS_PHONE.search(text):
        return Probleem("vraag_telefoon")
    return Probleem("onbekend")


# When the inwoner prefers to be contacted; free answers are kept short and only from this list.
MOMENTEN = {
    "ochtend": "'s ochtends",
    "middag": "'s middags",
    "avond": "'s avonds (tot 20.00 uur)",
    "maakt_niet_uit": "maakt niet uit",
}
# The same, as it reads inside the confirmation sentence ("... neemt 's ochtends contact met u op").
MOMENT_IN_ZIN = {"ochtend": "'s ochtends", "middag": "'s middags", "avond": "'s avonds",
                 "maakt_niet_uit": "zo snel mogelijk"}
_MOMENT_WORDS = [
    ("maakt_niet_uit", ("maakt niet uit", "maakt niks uit", "maakt me niet uit", "maakt mij niet uit", "altijd",
                        "geen voorkeur", "weet ik niet", "om het even", "hele dag", "elk moment", "zo snel mogelijk",
                        "nvt", "egal", "anytime", "any time", "doesnt matter", "wanneer het uitkomt",
                        "wie het eerst kan", "liefst zo snel", "overdag", "tijdens kantooruren", "onder werktijd",
                        "maakt niet zoveel uit", "maakt niet veel uit", "maakt niet zo veel uit", "whenever")),
    ("ochtend", ("ochtend", "ochtends", "morgens", "smorgens", "voor de middag", "voor 12", "voor twaalf", "vroeg",
                 "morning", "mornings", "vormittags", "morgen vroeg")),
    ("middag", ("middag", "middags", "smiddags", "lunch", "afternoon", "afternoons", "nachmittags", "nachmittag")),
    ("avond", ("avond", "avonds", "savonds", "na het werk", "na werktijd", "evening", "evenings", "after work",
               "abends", "na het eten", "zessen", "na zes", "na zevenen")),
]
_GETALLEN = {"een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9,
             "tien": 10, "elf": 11, "twaalf": 12}
_NA_UUR = re.compile(r"\b(na|vanaf|after|ab|nach)\s+(\d{1,2}|een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf)"
                     r"(\s*(00|uur|u|h|pm|am)\b)?")


def _na_uur(text: str) -> str | None:
    """'na 15.00 uur' -> middag, 'na vijf uur' -> avond: an afternoon hour said without pm is meant as pm."""
    found = _NA_UUR.search(text)
    if not found:
        return None
    hour = int(found.group(2)) if found.group(2).isdigit() else _GETALLEN[found.group(2)]
    if hour <= 7:
        hour += 12
    return "ochtend" if hour < 12 else "middag" if hour < 17 else "avond"


def parse_moment(text: str | None) -> str | None:
    t = re.sub(r"[^\w\s]", " ", (text or "").lower()).replace("'", "")
    t = re.sub(r"\s+", " ", t).strip()
    if t in MOMENTEN:
        return t
    by_hour = _na_uur(t)
    if by_hour:
        return by_hour
    for key, words in _MOMENT_WORDS:
        if any(re.search(rf"\b{re.escape(w)}\b", t) for w in words):
            return key
    if re.search(r"\b(snel|nu|vandaag|asap|direct|meteen)\b", t):
        return "maakt_niet_uit"
    return None
