"""`bot anonimiseer` through a real process: exactly one scrubbed line per input line, in order."""
import json
import os
import select
import subprocess
import sys
from pathlib import Path

import pytest

from bot.privacy.anonimiseren import anonimiseer

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("warm")]  # real processes: not in the fast lane

BOT = Path(sys.executable).with_name("bot")
COMMAND = [str(BOT), "anonimiseer"]


def run(data: bytes) -> subprocess.CompletedProcess:
    return subprocess.run(COMMAND, input=data, capture_output=True, timeout=300)


def expected(data: bytes) -> bytes:
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()  # the newline ending the last line starts no new one
    out = []
    for line in lines:
        line = line[:-1] if line.endswith(b"\r") else line
        out.append(anonimiseer(line.decode("utf-8", errors="replace")).encode("utf-8") + b"\n")
    return b"".join(out)


def test_large_input_arriving_at_once():
    corpus = Path(__file__).with_name("corpus.jsonl").read_text(encoding="utf-8")
    messages = [json.loads(line)["tekst"] for line in corpus.splitlines()]
    lines = []
    for i in range(5000):
        lines.append(messages[i % len(messages)].encode("utf-8"))
        if i % 7 == 0:
            lines.append(b"")  # empty lines stay, as empty lines
        if i % 11 == 0:
            lines.append(b"bel 06-12345678\r")  # Windows line ending
        if i % 13 == 0:
            lines.append(b"kapot \xff\xfe utf-8 van Fatima \xc3")  # invalid UTF-8
        if i % 17 == 0:
            lines.append(b"ik ben jan\rde vries")  # a lone carriage return inside a line
    data = b"\n".join(lines) + b"\n"
    result = run(data)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.count(b"\n") == len(lines)
    assert result.stdout == expected(data)


@pytest.mark.parametrize("data, out", [
    (b"", b""),
    (b"\n", b"\n"),
    (b"\n\n\n", b"\n\n\n"),
    (b"geen newline aan het eind", b"geen newline aan het eind\n"),
    (b"a\r\nb\r\n", b"a\nb\n"),
    (b"ik ben jan\rde vries\n", "ik ben [NAAM]\n".encode()),
    (b"\xff\xfe\n06-12345678\n", "\ufffd\ufffd\n[TELEFOON]\n".encode()),
])
def test_line_contract(data, out):
    result = run(data)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == out


def test_answers_each_line_before_the_input_ends():
    """A program can keep the command open and scrub message by message."""
    with subprocess.Popen(COMMAND, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        for text, want in [("ik ben jan de vries", b"ik ben [NAAM]\n"), ("bel 0612345678", b"bel [TELEFOON]\n")]:
            proc.stdin.write(text.encode() + b"\n")
            proc.stdin.flush()
            ready, _, _ = select.select([proc.stdout], [], [], 120)
            assert ready, "geen antwoord op een regel terwijl de invoer nog openstaat"
            assert proc.stdout.readline() == want
        proc.stdin.close()
        assert proc.wait(timeout=60) == 0


def test_nothing_but_the_lines_on_stdout_when_the_cache_is_new(tmp_path):
    """deduce logs to stdout on import and while building; none of that may reach our output."""
    env = {**os.environ, "ANONIMISEREN_CACHE": str(tmp_path / "cache")}
    result = subprocess.run(COMMAND, input=b"hallo\n", capture_output=True, timeout=300, env=env)
    assert result.stdout == b"hallo\n"
