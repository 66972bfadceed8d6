"""Structured personal data in chat: e-mail, IBAN, phone, BSN and other numbers, dates, postcodes.

Each finder returns spans; bot.privacy.anonimiseren resolves overlaps by priority. Spans with soort None are
kept as they are (amounts, public service numbers, tags from an earlier pass) and block the others.
"""
from __future__ import annotations

import re
from typing import Iterator

import phonenumbers
from phonenumbers import PhoneNumberType
from schwifty import IBAN
from schwifty.exceptions import SchwiftyException
from stdnum.nl import bsn

from bot.privacy.anonimiseren.woorden import PRIO, SOORTEN, Span, before

TAG_RE = re.compile(r"\[(?:%s)\]" % "|".join(SOORTEN))


def find_tags(text: str) -> Iterator[Span]:
    """Tags from an earlier pass stay as they are: scrubbing twice changes nothing."""
    for m in TAG_RE.finditer(text):
        yield Span(m.start(), m.end(), None, PRIO["TAG"])


# --- e-mail -------------------------------------------------------------------------------------
EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")
# Voice-to-text and careful typists: "jan punt de vries apenstaartje gmail punt com".
SPOKEN_AT_RE = re.compile(r"(?i)\s(?:apenstaartje|at)\s+(?P<domain>[\w-]+(?:\s+(?:punt|dot)\s+[\w-]+)+)(?!\w)")
SPOKEN_PROVIDER = re.compile(
    r"(?i)(?:gmail|hotmail|outlook|live|yahoo|icloud|ziggo|kpnmail|planet|xs4all|home|proton)\b")
SPOKEN_JOINERS = {"punt", "dot", "streepje", "underscore", "min"}
SPOKEN_PARTICLES = {"de", "van", "der", "den", "el"}
WORD_RE = re.compile(r"[\w.+-]+")


def find_emails(text: str) -> Iterator[Span]:
    for m in EMAIL_RE.finditer(text):
        yield Span(m.start(), m.end(), "EMAIL", PRIO["EMAIL"])
    for at in SPOKEN_AT_RE.finditer(text):
        # "at" is also Dutch ("ik at"): only with a mail provider after it; "apenstaartje" always.
        if not at.group().strip().lower().startswith("apenstaartje") and not SPOKEN_PROVIDER.match(at.group("domain")):
            continue
        words = list(WORD_RE.finditer(text, max(0, at.start() - 80), at.start()))
        if not words:
            continue
        # The local part, read backwards: the word before "at", then "punt x", "streepje x" or "de x".
        k = len(words) - 1
        while k >= 2 and words[k - 1].group().lower() in SPOKEN_JOINERS:
            k -= 2
        while k >= 1 and words[k - 1].group().lower() in SPOKEN_PARTICLES:
            k -= 1
            while k >= 2 and words[k - 1].group().lower() in SPOKEN_JOINERS:
                k -= 2
        yield Span(words[k].start(), at.end(), "EMAIL", PRIO["EMAIL"])


# --- IBAN ---------------------------------------------------------------------------------------
# Dutch IBANs by shape: a typo in the check digits is still someone's bank account.
NL_IBAN_RE = re.compile(r"(?i)(?<![a-z0-9])nl\s?\d{2}\s?[a-z]{4}(?:\s?\d){10}(?![a-z0-9])")
FOREIGN_IBAN_RE = re.compile(r"(?i)(?<![a-z0-9])[a-z]{2}\d{2}(?:\s?[a-z0-9]{4}){2,7}(?:\s?[a-z0-9]{1,3})?(?![a-z0-9])")


def _valid_iban(candidate: str) -> bool:
    try:
        IBAN(candidate)
    except SchwiftyException:
        return False
    return True


def find_ibans(text: str) -> Iterator[Span]:
    for m in NL_IBAN_RE.finditer(text):
        yield Span(m.start(), m.end(), "IBAN", PRIO["IBAN"])
    for m in FOREIGN_IBAN_RE.finditer(text):
        # The pattern may run on into a following group of digits: take the longest valid prefix.
        groups = list(re.finditer(r"\S+", m.group()))
        for k in range(len(groups), 0, -1):
            end = groups[k - 1].end()
            if _valid_iban(m.group()[:end]):
                yield Span(m.start(), m.start() + end, "IBAN", PRIO["IBAN"])
                break


# --- phone numbers ------------------------------------------------------------------------------
# Numbers of organisations, not persons, and often the very help an inwoner is pointed to:
# 0800 (free), 0900/0906/0909 (paid info lines), 14 + netnummer (gemeenten); 112 and 113 are too
# short to be phone numbers to libphonenumber and stay anyway.
LOOSE_PHONE_RE = re.compile(r"(?<![\w+])(?:\+31|0031|0)[\s.-]*(?:\(0\)[\s.-]*)?[1-9](?:[\s.-]?\d){7,9}(?![\w])")
PUBLIC_TYPES = {PhoneNumberType.TOLL_FREE, PhoneNumberType.PREMIUM_RATE, PhoneNumberType.SHARED_COST}


def _is_public(number: phonenumbers.PhoneNumber) -> bool:
    if phonenumbers.number_type(number) in PUBLIC_TYPES:
        return True
    return number.country_code == 31 and str(number.national_number).startswith("14") \
        and len(str(number.national_number)) <= 6


def find_phones(text: str) -> Iterator[Span]:
    for m in phonenumbers.PhoneNumberMatcher(text, "NL", leniency=phonenumbers.Leniency.VALID):
        public = _is_public(m.number)
        if not public and not re.match(r"[+(0]", m.raw_string):
            continue  # a bare 9-digit run is a BSN or a number, not a phone number without its 0
        soort = None if public else "TELEFOON"
        yield Span(m.start, m.end, soort, PRIO["PUBLIC_PHONE" if soort is None else "TELEFOON"])
    # Dutch numbers libphonenumber does not accept (one digit short or too many): still personal.
    for m in LOOSE_PHONE_RE.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if not re.match(r"0(?:800|90[069])", digits):
            yield Span(m.start(), m.end(), "TELEFOON", PRIO["TELEFOON"] - 1)


# --- BSN and other numbers ----------------------------------------------------------------------
# Words that announce a case, client or dossier number ("zaaknummer", "dossier", "klantnr").
NUMBER_KEYWORDS = (r"zaak|dossier|klant|kenmerk|referentie|ref|factuur|polis|contract|huurder|cli[eë]nt|relatie|"
                   r"registratie|aanvraag|uitkerings|beschikkings|betalings|vonnis|cjib|v(?=-?n)|pgb|"
                   r"lidmaatschaps|abonnements|burgerservice|sofi|bsn|verzekerden|personeels|patiënt|patient")
KEYWORD_NUMBER_RE = re.compile(
    r"(?i)(?<![\w])(?:%s)(?P<suffix>[\s-]*(?:nummer|nr\.?|no\.?|kenmerk))?(?P<colon>\s*(?:is|was|:|#))?"
    r"(?:\s*nummer)?\s*"
    r"(?P<code>(?=[A-Za-z]*\d)[A-Za-z0-9]+(?:(?:[-/.]|\s(?=[A-Za-z]*\d{2}))(?=[A-Za-z]*\d)[A-Za-z0-9]+)*"
    r"(?:-[A-Za-z]{1,3})?)(?![\w])" % NUMBER_KEYWORDS)
BSN_RE = re.compile(r"(?<![\w.,-])(?:\d{9}|\d{4}\.\d{2}\.\d{3}|\d{3}([ .-])\d{3}\1\d{3})(?![\w]|[.,-]\d)")
DIGIT_RUN_RE = re.compile(r"(?<![\w.,/-])\d+(?:(?:[-/.]|\s(?=\d{2}))\d+)*(?![\w]|[.,/-]\d)")
CODE_RE = re.compile(r"(?<![\w@.+-])[A-Za-z0-9]+(?:[-/.][A-Za-z0-9]+)+(?![\w@]|[-/.][A-Za-z0-9])|"
                     r"(?<![\w@.+-])(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z0-9]{5,}(?![\w@])")
# "1.350", "12.000": thousands, so an amount; "55.667.889" is too long for an amount typed without €.
THOUSANDS_RE = re.compile(r"\d{1,3}(?:\.\d{3}){1,2}(?:,\d{1,2}|,-)?")
YEAR_RANGE_RE = re.compile(r"(?:19|20)\d\d[-/](?:(?:19|20)?\d\d)")
AMOUNT_RE = re.compile(r"(?i)(?:€|\beur\b|\beuro\b)\s?\d[\d.,]*(?:,-)?|"
                       r"(?<![\d.,])\d[\d.,]*(?:,-|,--)?\s?(?:€|euro\b|eur\b)")


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


def _amount_like(s: str) -> bool:
    return THOUSANDS_RE.fullmatch(s) is not None and len(_digits(s)) <= 6


def find_numbers(text: str) -> Iterator[Span]:
    for m in AMOUNT_RE.finditer(text):
        yield Span(m.start(), m.end(), None, PRIO["AMOUNT"])
    for m in BSN_RE.finditer(text):
        if bsn.is_valid(_digits(m.group())):
            yield Span(m.start(), m.end(), "BSN", PRIO["BSN"])
    for m in KEYWORD_NUMBER_RE.finditer(text):
        code = m.group("code").rstrip(".")
        # "zaaknummer 4455", "kenmerk: AB123"; a bare "klant 2019" needs more than a year to be a number.
        announced = m.group("suffix") or m.group("colon")
        if len(_digits(code)) >= (3 if announced or not code.isdigit() else 5):
            soort = "BSN" if bsn.is_valid(_digits(code)) and len(_digits(code)) == 9 else "NUMMER"
            yield Span(m.start("code"), m.start("code") + len(code), soort, PRIO["NUMMER_KEYWORD"])
    for m in DIGIT_RUN_RE.finditer(text):
        if len(_digits(m.group())) >= 6 and not _amount_like(m.group()):
            yield Span(m.start(), m.end(), "NUMMER", PRIO["NUMMER"])
    for m in CODE_RE.finditer(text):
        digits = len(_digits(m.group()))
        if digits >= 4 and not YEAR_RANGE_RE.fullmatch(m.group()) and not _amount_like(m.group()):
            yield Span(m.start(), m.end(), "NUMMER", PRIO["NUMMER"])


# --- dates --------------------------------------------------------------------------------------
DAY = r"(?:0?[1-9]|[12]\d|3[01])"
MONTH = r"(?:0?[1-9]|1[0-2])"
MONTH_NAMES = (r"(?:januari|jan|februari|feb|febr|maart|mrt|april|apr|mei|juni|jun|juli|jul|augustus|aug|"
               r"september|sept|sep|oktober|okt|oct|november|nov|december|dec)")
DATE_RES = [
    re.compile(rf"(?<![\w.,/-]){DAY}( ?[-/.] ?){MONTH}\1(?:(?:19|20)\d{{2}}|\d{{2}}|['’]\d{{2}})(?![\w]|[-/.]\d)"),
    re.compile(rf"(?<![\w.,/-])(?:19|20)\d{{2}}([-/.]){MONTH}\1{DAY}(?![\w]|[-/.]\d)"),
    # "12 maart 1985", "12 mrt '85", "3 april", "1e januari": a day and a month name is a date.
    re.compile(rf"(?i)(?<![\w.,]){DAY}(?:e|ste|de)?\s*{MONTH_NAMES}\.?"
               rf"(?:\s*(?:(?:19|20)\d{{2}}|['’]\d{{2}}))?(?![\w])"),
]


def find_dates(text: str) -> Iterator[Span]:
    for pattern in DATE_RES:
        for m in pattern.finditer(text):
            yield Span(m.start(), m.end(), "DATUM", PRIO["DATUM"])


# --- postcodes ----------------------------------------------------------------------------------
POSTCODE_RE = re.compile(r"(?<![\w€.,])([1-9]\d{3})(\s?)([A-Za-z]{2})(?![\w])")
POSTCODE_CUE_RE = re.compile(r"(?i)(?:postcode|pc)\W*$")
# Two-letter words and units that follow numbers in ordinary sentences ("sinds 2019 ik", "1200 pm").
NOT_POSTCODE_LETTERS = {
    "al", "as", "ik", "in", "is", "je", "ze", "we", "op", "om", "of", "en", "er", "te", "tm", "nu", "na", "zo",
    "de", "da", "du", "ca", "pm", "pj", "pw", "pp", "km", "kg", "cm", "mm", "ml", "mg", "gb", "mb", "kb", "hz",
    "kw", "uu", "am", "an", "at", "be", "by", "do", "go", "he", "if", "it", "me", "my", "no", "on", "or", "so",
    "to", "up", "us", "ja", "wo", "vr", "za", "zo", "ma", "di", "ms", "ok",
}


def find_postcodes(text: str) -> Iterator[Span]:
    for m in POSTCODE_RE.finditer(text):
        letters = m.group(3)
        cue = POSTCODE_CUE_RE.search(before(text, m.start())) is not None
        if letters.upper() in {"SA", "SD", "SS"} and not cue:
            continue  # never issued
        if not cue and letters.lower() in NOT_POSTCODE_LETTERS and not letters.isupper():
            continue
        yield Span(m.start(), m.end(), "POSTCODE", PRIO["POSTCODE"])


# --- kentekens (Dutch licence plates) -----------------------------------------------------------
# The 14 sidecodes as letter (X) and digit (9) groups: XX-99-99 ... 999-XX-9. Written with dashes, with
# spaces, or as one run ("gj123k").
SIDECODES = ("XX-99-99", "99-99-XX", "99-XX-99", "XX-99-XX", "XX-XX-99", "99-XX-XX", "99-XXX-9", "9-XXX-99",
             "XX-999-X", "X-999-XX", "XXX-99-X", "X-99-XXX", "9-XX-999", "999-XX-9")


def _sidecode_re(code: str, separator: str) -> str:
    groups = [("[A-Za-z]" if g[0] == "X" else r"\d") + f"{{{len(g)}}}" for g in code.split("-")]
    return separator.join(groups)


_PLATE = "|".join(f"(?:{_sidecode_re(c, sep)})" for c in SIDECODES for sep in ("-", "", r"\."))
KENTEKEN_RE = re.compile(rf"(?<![\w@./-])(?:{_PLATE})(?![\w@]|[-/.]\w)")
SPACED_KENTEKEN_RE = re.compile(
    r"(?<![\w@./-])(?:%s)(?![\w@])" % "|".join(f"(?:{_sidecode_re(c, ' ')})" for c in SIDECODES))
KENTEKEN_CUE_RE = re.compile(r"(?i)\bkenteken(?:nummer|plaat)?\s*(?:is|:)?\s*$")
_VOWELS = set("aeiouAEIOU")


# Plates of other countries ("BOR XY 71", "LV19 XKT", "B 417 RXT", "KLE-JM 482"): capitals and digits in up to four
# groups, right after a vehicle (or "kenteken").
VEHICLE_CUE_RE = re.compile(r"(?i)\b(?:auto|wagen|bus|busje|bestelbus|bestelauto|camper|caravan|scootmobiel|scooter|"
                            r"brommer|motor|vrachtwagen|aanhanger|taxi|kenteken|nummerbord|plaat|trekker)"
                            r"\b(?:\s+[^\s\d]+){0,4}?(?:\s*:)?\s*$")
FOREIGN_PLATE_RE = re.compile(r"(?<![\w@.-])(?=[A-Z0-9 .-]*\d)(?=[A-Z0-9 .-]*[A-Z])[A-Z0-9]{1,5}(?:[ .-][A-Z0-9]{1,5}){0,3}"
                              r"(?![\w@]|[.-]\w)")


def find_kentekens(text: str) -> Iterator[Span]:
    """A plate needs letters and digits in one of the sidecodes. Spaced ("rz fd 09") only when its letter
    groups hold no vowel or are capitals, or after "kenteken": "ik ben 12 en ga" stays a sentence."""
    for m in KENTEKEN_RE.finditer(text):
        yield Span(m.start(), m.end(), "KENTEKEN", PRIO["KENTEKEN"])
    for m in SPACED_KENTEKEN_RE.finditer(text):
        letters = [g for g in m.group().split() if g.isalpha()]
        cue = KENTEKEN_CUE_RE.search(before(text, m.start())) is not None
        if cue or all(g.isupper() or not (set(g) & _VOWELS) for g in letters):
            yield Span(m.start(), m.end(), "KENTEKEN", PRIO["KENTEKEN"])
    for m in FOREIGN_PLATE_RE.finditer(text):
        alnum = sum(c.isalnum() for c in m.group())
        if 4 <= alnum <= 10 and VEHICLE_CUE_RE.search(before(text, m.start(), 40)):
            yield Span(m.start(), m.end(), "KENTEKEN", PRIO["KENTEKEN"])
