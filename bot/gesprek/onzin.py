"""Recognise messages without a single word: keyboard mashing, stray characters, only emoji.

A classifier always picks some intent, sometimes with high confidence ("jjjjj" looked like `bevestigen`);
answering such a message as if it were understood confuses people, so it goes to the fallback instead.
A word counts when Dutch or English word frequency lists know it, or when it is a small typo away from
a common Dutch word ("schulde", "uitkerring").
"""
from __future__ import annotations

import difflib
import re
from functools import lru_cache

import wordfreq

_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)
_MIN_ZIPF = 1.0
_ANSWER = re.compile(r"\d{2,}|\S@\S+\.\S")


@lru_cache(maxsize=1)
def _common_dutch_by_initial() -> dict[str, list[str]]:
    by_initial: dict[str, list[str]] = {}
    for word in wordfreq.top_n_list("nl", 30000):
        by_initial.setdefault(word[:1], []).append(word)
    return by_initial


def _known(token: str, own_words: frozenset[str] = frozenset()) -> bool:
    t = token.lower()
    if t in own_words or difflib.get_close_matches(t, own_words, n=1, cutoff=0.8):
        return True
    if wordfreq.zipf_frequency(t, "nl") >= _MIN_ZIPF or wordfreq.zipf_frequency(t, "en") >= _MIN_ZIPF:
        return True
    if len(t) < 4:
        return False
    return bool(difflib.get_close_matches(t, _common_dutch_by_initial().get(t[:1], []), n=1, cutoff=0.85))


def looks_like_gibberish(text: str | None, own_words: frozenset[str] = frozenset()) -> bool:
    """`own_words`: lower-case words of the gemeente itself (its name, wijken) that no list knows."""
    if _ANSWER.search(text or ""):
        return False  # a number or an address is an answer (phone, e-mail, age, postcode), not mashing
    tokens = _TOKEN.findall(text or "")
    # Any real word means a real message, however misspelled the rest is.
    return not any(_known(t, own_words) for t in tokens)


def gemeente_words(settings) -> frozenset[str]:
    names = [settings.gemeente_naam, *settings.wijken.values()]
    return frozenset(w.lower() for name in names for w in _TOKEN.findall(name))


def warm_up() -> None:
    """Load the word lists now rather than on an inwoner's first message."""
    looks_like_gibberish("warm")
    _common_dutch_by_initial()
