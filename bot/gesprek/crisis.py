"""A high-precision safety net for messages about acute danger.

The NLU model recognises `crisis` from training data; this net catches the unmistakable phrasings
even when the model is unsure (typos, long stories about money with one line about danger), so the
crisis numbers never depend on a classifier's confidence alone. Patterns are deliberately narrow:
a false alarm shows helpline numbers, a miss can cost a life, but noise would teach people to ignore them.
"""
from __future__ import annotations

import re
import unicodedata

_PATTERNS = [
    # suicidal thoughts
    r"zelf ?moord", r"su[iï]c[iï]d", r"zelfdoding",
    # "ik ga dood van de stress" and "niet meer leven van mijn uitkering" are figures of speech
    r"\b(wil|will|wl|wilde|ga|gaan)\s+(niet\s+meer\s+)?(dood|sterven)\b(?!\s+van\b)",
    r"\bniet\s+meer\s+(leven|lefen|levn|bestaan|wakker\s+worden)\b(?!\s+van\b)",
    r"\b(een\s+)?(eind|einde)\s+(aan\s+)?(mijn|m'n|mn|het|me|mij)\s*(leven|maken|aan\s+maken)",
    r"\b(eind|einde)\s+aan\s+(maken|make)\b",
    r"\bmezelf\s+(iets\s+)?(aandoen|aan\s+doen|snijden|ophangen|van\s+kant)",
    r"\b(mij|me)zelf\s+(te\s+)?(snijd|snijden|pijn\s+doen)",
    # "het hoeft voor mij niet meer", not "de hulp hoeft niet meer"
    r"\bhoeft\s+(voor\s+mij\s+(allemaal\s+)?|allemaal\s+(voor\s+mij\s+)?)niet\s+meer\b", r"\bhet\s+hoeft\s+niet\s+meer$",
    r"\bbeter\s+af\s+zonder\s+mij\b",
    # "al mijn pillen ingenomen", not "ik heb mijn pillen ingenomen"
    r"\b(al|alle|veel|te\s+veel|een\s+strip|een\s+doos|een\s+hele)\s+(mijn\s+|de\s+)?pillen\s+(ingenomen|geslikt)\b",
    r"(?<!mijn )\bpillen\s+(ingenomen|geslikt)\b",
    r"\bvan\s+(het|de)\s+(flat|brug|dak)\s+(springen|af\s+springen)",
    r"\bvoor\s+de\s+trein\b",
    # "dat ze dood wil", "zegt dat hij niet meer wil leven"
    r"\b(ik|hij|zij|ze)\s+((?!is\b|was\b|ben\b)\w+\s+)?dood\s+(wil|wilt|wou)\b(?!\s+(ik|we)\b)", r"\bniet\s+meer\s+(wil|wilt)\s+leven\b",
    r"\bop\s+het\s+dak\b.*\b(spring|springen)\b", r"\bsta\s+(nu\s+)?op\s+(het\s+dak|de\s+brug)\b",
    r"\bafscheidsbrie[fv]",
    # English, the most common second language in the chat
    r"\bkill\s+(my\s*self|me)\b", r"\bend\s+(my|it)\s+(life|all)\b",
    r"\b(don'?t|do\s+not|dont)\s+want\s+to\s+(live|be\s+alive|wake\s+up)\b",
    r"\b(hits|beats)\s+(me|my\s+\w+)\b",
    # violence at home, a child in danger
    r"\bhuiselijk\s+geweld\b",
    r"\b(slaat|sloeg|schopt|schopte|wurgt|wurgde|mishandelt|mishandeld|bedreigt)\s+(me|mij|ons|mn|m'n|mijn|de\s+kinderen|zijn\s+kinderen|haar\s+kinderen)\b",
    r"\b(heeft|hebben)\s+(me|mij|ons|mijn\s+\w+)\s+(weer\s+|opnieuw\s+)?(geslagen|geschopt|gewurgd|mishandeld)\b",
    r"\bmishandel", r"\bverkracht",
    r"\bbang\s+voor\s+(mijn|mn|m'n)\s+(man|vrouw|partner|vriend|vriendin|ex|vader|moeder|zoon)\b",
    r"\bmet\s+(een\s+)?mes\s+(bedreigd|gedreigd)",
    r"\b(hij|zij|ze)\s+(gaat|wil)\s+(me|mij)\s+(vermoorden|doodmaken|dood\s+maken)\b",
    r"\bvermoord",
    # someone in danger right now
    # a person who does not respond; not "de woningbouw reageert niet meer op mijn mails"
    r"\breageert\s+niet(\s+meer)?\b(?!\s+(op|meer\s+op)\b)(?!.*\b(mail|brief|klacht|bericht|telefoon)\w*)",
    r"\bis\s+bewusteloos\b", r"\bademt\s+niet\b",
]
_REGEX = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)


def _normalise(text: str) -> str:
    # Fold accents and collapse punctuation so "zelf-moord", "ZELFMOORD!!" and "suïcide" all match.
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[^\w'ïë]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def is_acute_danger(text: str | None) -> bool:
    """True when the text unmistakably speaks of acute danger."""
    if not text:
        return False
    return _REGEX.search(_normalise(text)) is not None
