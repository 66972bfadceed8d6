"""Rasa NLU pipeline component around `bot.gesprek.crisis` (only imported by Rasa itself)."""
from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.config import load_settings
from bot.gesprek import onzin
from bot.gesprek.crisis import is_acute_danger

CRISIS_INTENT = "crisis"
FALLBACK_INTENT = "nlu_fallback"


class _Guard(GraphComponent):
    """A stateless pipeline step that may overrule the classifier's intent."""

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "_Guard":
        return cls()


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class CrisisGuard(_Guard):
    """Overrides the intent with `crisis` when the text unmistakably speaks of acute danger.

    Sits after the trained classifier and before the FallbackClassifier, so an unsure model can
    neither hide a crisis nor send it to the fallback.
    """

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if not is_acute_danger(message.get(TEXT)):
                continue
            top = {"name": CRISIS_INTENT, "confidence": 1.0}
            ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != CRISIS_INTENT]
            message.set(INTENT, top, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [top] + ranking, add_to_output=True)
        return messages


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class GibberishGuard(_Guard):
    """Sends messages without a single real word to the fallback instead of a confident guess."""

    def __init__(self) -> None:
        self._own_words = onzin.gemeente_words(load_settings())
        onzin.warm_up()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = (message.get(INTENT) or {}).get("name")
            if intent == CRISIS_INTENT or not message.get(TEXT):
                continue
            if onzin.looks_like_gibberish(message.get(TEXT), self._own_words):
                message.set(INTENT, {"name": FALLBACK_INTENT, "confidence": 1.0}, add_to_output=True)
        return messages
