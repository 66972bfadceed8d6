"""The signal writer that scrubs free text before it is stored: one recipe for the action server (knelpunten)
and the Rasa server (chat feedback). The anonymiser is imported and warmed up in the writer's own thread, so
building a writer loads nothing and no inwoner waits for it."""
from __future__ import annotations

from bot.signalen.signalen import SignaalSchrijver


def _anonimiseer(text: str) -> str:
    from bot.privacy import anonimiseren

    return anonimiseren.anonimiseer(text)


def _warm_up() -> None:
    from bot.privacy import anonimiseren

    anonimiseren.warm_up()


def met_anonimiseren(session_factory, wijken: dict[str, str]) -> SignaalSchrijver:
    return SignaalSchrijver(session_factory, wijken, anonimiseer=_anonimiseer, warm_up=_warm_up)
