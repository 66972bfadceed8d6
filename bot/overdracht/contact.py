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
    ("ochtend", ("ochtend", "morgens", "morgen", "voor 12", "voor twaalf", "ochtends", "vroeg")),
    ("middag", ("middag", "middags", "na 12", "na twaalf", "lunch")),
    ("avond", ("avond", "avonds", "na 5", "na vijf", "na 17", "na het werk", "na werktijd")),
    ("maakt_niet_uit", ("maakt niet uit", "maakt niks uit", "altijd", "wanneer", "geen voorkeur", "weet ik niet",
                        "om het even", "maakt me niet uit", "maakt mij niet uit", "hele dag", "elk moment",
                        "zo snel mogelijk", "snel", "nu", "nvt")),
]


def parse_moment(text: str | None) -> str | None:
    t = re.sub(r"[^\w\s]", " ", (text or "").lower())
    t = re.sub(r"\s+", " ", t).strip()
    if t in MOMENTEN:
        return t
    for key, words in _MOMENT_WORDS:
        if any(re.search(rf"\b{re.escape(w)}\b", t) for w in words):
            return key
    return None
