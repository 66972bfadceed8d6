"""Language level of the bot's texts: standard Dutch or B1 (makkelijke taal)."""
from __future__ import annotations

STANDAARD = "standaard"
B1 = "b1"
LEVELS = (STANDAARD, B1)


def requested_level(metadata: dict | None) -> str:
    """The level a `vraag_makkelijke_taal` message asks for.

    The web widget's switch sends the wanted level in the message metadata (so it can also switch
    back); a typed request ("kan het makkelijker", "ik snap het niet") always means B1.
    """
    wanted = (metadata or {}).get("taalniveau")
    return wanted if wanted in LEVELS else B1
