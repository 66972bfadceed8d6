"""Anonymise Dutch chat messages: personal data becomes [NAAM], [TELEFOON], [BSN], [IBAN], [EMAIL],
[ADRES], [POSTCODE], [DATUM], [NUMMER] or [KENTEKEN].

Kept on purpose, since they identify no one and carry the meaning of a question: ages ("mijn moeder
van 82"), amounts ("€ 450"), years and months without a day ("sinds januari 2024"), place and wijk
names, organisations, and public service numbers (112, 113, 0800-/0900-numbers, 14 + netnummer).

deduce and the lexicons load once per process (about a second from the cache; `warm_up()` or
`python -m bot.privacy.anonimiseren --warm` at setup builds the cache, so an inwoner never waits for it).
"""
from __future__ import annotations

import bisect
import os
import re
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import BinaryIO

from bot.config import PROJECT_ROOT
from bot.privacy.anonimiseren import patronen
from bot.privacy.anonimiseren.adressen import find_addresses, load_streets
from bot.privacy.anonimiseren.namen import PARTICLES, NameRules
from bot.privacy.anonimiseren.woorden import SOORTEN, Span, is_common_word

# Line breaks of every kind become spaces: one message in, one line out.
_LINE_BREAKS = {ord(c): " " for c in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"}
_GLUED = re.compile(r"[^\s(\]]\[(?:%s)\]|\[(?:%s)\](?:[^\s.,!?;:)\[]|[.,!?;:)]\S)" % (("|".join(SOORTEN),) * 2))
_lock = threading.Lock()
_models = None


class _Models:
    def __init__(self, cache_dir: Path):
        from bot.privacy.anonimiseren.deduce_model import load_deduce

        model = load_deduce(cache_dir)
        lookup_src = Path(model.lookup_data_path) / "src"
        self.names = NameRules(model, lookup_src, extra_places=_wijken())
        self.streets = load_streets(lookup_src)


def _wijken() -> list[str]:
    """The gemeente's wijken and kernen stay: they are where help is, not who asks for it."""
    from bot.config import load_settings

    return list(load_settings().wijken.values())


def cache_dir() -> Path:
    """Our deduce cache, per deduce version (another version must never trigger deduce's own full build).

    var/cache/ in the checkout, or ANONIMISEREN_CACHE; a temporary folder when neither can be written.
    """
    from bot.privacy.anonimiseren.deduce_model import import_deduce

    version = import_deduce().__version__
    base = Path(os.environ.get("ANONIMISEREN_CACHE") or PROJECT_ROOT / "var" / "cache")
    preferred = base / f"deduce-{version}"
    try:
        preferred.mkdir(parents=True, exist_ok=True)
        if os.access(preferred, os.W_OK):
            return preferred
    except OSError:
        pass
    return Path(tempfile.gettempdir()) / f"intakebot-deduce-{version}"


def _loaded() -> _Models:
    global _models
    if _models is None:
        with _lock:
            if _models is None:
                _models = _Models(cache_dir())
    return _models


def warm_up() -> None:
    """Build or load deduce's cache and the word lists now, not on an inwoner's first message."""
    anonimiseer("Ik ben Jan de Vries, 06-12345678, Kerkstraat 12.")


def find_spans(text: str) -> list[Span]:
    """Spans to replace (and to keep), overlaps resolved: the higher priority wins."""
    models = _loaded()
    found: list[Span] = []
    for finder in (patronen.find_tags, patronen.find_emails, patronen.find_ibans, patronen.find_phones,
                   patronen.find_numbers, patronen.find_dates, patronen.find_postcodes, patronen.find_kentekens):
        found.extend(finder(text))
    found.extend(find_addresses(text, models.streets))
    found.extend(models.names.find(text))
    return [tidy for span in _resolve(found, text) if (tidy := _tidy(text, span)) is not None]


def _resolve(spans: list[Span], text: str) -> list[Span]:
    """Higher priority first; a lower span keeps only the parts no chosen span covers."""
    chosen: list[tuple[int, int]] = []  # disjoint, sorted by start
    result: list[Span] = []
    for span in sorted(spans, key=lambda s: (-s.prio, -(s.end - s.start), s.start)):
        free = _free_parts(chosen, span.start, span.end)
        if span.soort is None and free != [(span.start, span.end)]:
            continue  # a keep that lost part of itself to personal data keeps nothing
        if span.soort == "NAAM" and free != [(span.start, span.end)]:
            # What a name keeps beside an address or plate that took its middle: only name-like words
            # ("aan de" from "aan de Oude Gracht 7" is no name).
            free = [(a, b) for a, b in free if not all(
                w.lower() in PARTICLES or (w.islower() and is_common_word(w))
                for w in re.findall(r"[^\W\d_]+", text[a:b]))]
        for a, b in free:
            bisect.insort(chosen, (a, b))
            result.append(Span(a, b, span.soort, span.prio))
    return sorted(result)


def _tidy(text: str, span: Span) -> Span | None:
    """Trim what overlaps left at the edges of a span: spaces, and 'van'/'de' left over from a name
    whose surname turned out to be an organisation ("Kwabena van Vluchtelingenwerk")."""
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while start < end and text[end - 1].isspace():
        end -= 1
    if span.soort == "NAAM":
        words = list(re.finditer(r"\S+", text[start:end]))
        # A capitalised particle alone is a nickname ("Bernardus "Ben" Kuijpers"), not a leftover.
        while len(words) > 1 and words[-1].group().lower() in PARTICLES or \
                (len(words) == 1 and words[0].group() in PARTICLES):
            words.pop()
        # "de juf van jip": a lower-case particle before a lower-case name belongs to the sentence
        while len(words) > 1 and words[0].group() in PARTICLES and words[1].group().islower():
            words.pop(0)
        if not words:
            return None
        start, end = start + words[0].start(), start + words[-1].end()
    return Span(start, end, span.soort, span.prio) if end > start else None


def _free_parts(chosen: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    parts, pos = [], start
    i = max(0, bisect.bisect_right(chosen, (start, start)) - 1)
    while i < len(chosen) and chosen[i][0] < end:
        a, b = chosen[i]
        if b > pos:
            if a > pos:
                parts.append((pos, a))
            pos = max(pos, b)
        i += 1
    if pos < end:
        parts.append((pos, end))
    return parts


def anonimiseer(text: str) -> str:
    """The message with personal data replaced by tags; always a single line."""
    line = text.translate(_LINE_BREAKS)
    out = _scrub_once(line)
    # A tag frees what stood next to it: glued to other text ("[NAAM]111222333"), or where a longer find lost to
    # a stronger one ("aartje jan@x.nl": the name "aartje jan" loses to the e-mail address). Look again until a
    # pass finds nothing more; a message without personal data needs one pass.
    for _ in range(3):
        if out == line and not _GLUED.search(out):
            break
        again = _scrub_once(out)
        if again == out:
            break
        out = again
    return out


def _scrub_once(text: str) -> str:
    out, pos, last = [], 0, None
    for span in find_spans(text):
        if span.soort is None or not any(ch.isalnum() for ch in text[span.start:span.end]):
            continue
        between = text[pos:span.start]
        if last is not None and last.soort == span.soort == "NAAM" and between.strip(" -") == "":
            pos = span.end  # "[NAAM] [NAAM]" for one person's first and last name reads as one
            last = span
            continue
        out.append(between)
        out.append(f"[{span.soort}]")
        pos, last = span.end, span
    out.append(text[pos:])
    return "".join(out)



def main(stdin: BinaryIO | None = None, stdout: BinaryIO | None = None) -> int:
    """`bot anonimiseer`: UTF-8 lines in, exactly one scrubbed line out per line, in order."""
    stdin = stdin if stdin is not None else sys.stdin.buffer
    stdout = stdout if stdout is not None else sys.stdout.buffer
    warm_up()
    try:
        for raw in stdin:  # binary iteration splits on b"\n" only; a lone \r stays inside its line
            line = raw[:-1] if raw.endswith(b"\n") else raw
            line = line[:-1] if line.endswith(b"\r") else line
            stdout.write(anonimiseer(line.decode("utf-8", errors="replace")).encode("utf-8", errors="replace") + b"\n")
            stdout.flush()
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, without a second error at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), stdout.fileno())
        return 1
    return 0


def _warm_command() -> int:
    import resource

    start = time.perf_counter()
    warm_up()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Anonimiseerder klaar in {time.perf_counter() - start:.1f} s "
          f"(cache: {cache_dir()}, geheugen {rss:.0f} MB).")
    return 0

