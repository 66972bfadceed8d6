"""Rasa NLU pipeline components around `bot.gesprek` (only imported by Rasa itself): the crisis guard, the
gibberish guard and the entities from the dialogue's own word lists."""
from __future__ import annotations

import random
import re
from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.config import load_settings
from bot.gesprek import herkennen, onzin
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


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class Entiteiten(_Guard):
    """The contract's entities from the word lists the dialogue itself uses (`bot.gesprek.herkennen`): after the
    intent, so the sub-topic is looked up in the message's own levensdomein. An entity it finds replaces one of the
    same name from a trained extractor; others are kept."""

    def __init__(self) -> None:
        self._wijken = load_settings().wijken

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not text or text.startswith("/"):
                continue
            intent = (message.get(INTENT) or {}).get("name") or ""
            domein = intent[len("vraag_"):] if intent.startswith("vraag_") else None
            found = [{**e, "extractor": "Entiteiten", "confidence_entity": 1.0}
                     for e in herkennen.entiteiten(text, domein, self._wijken)]
            names = {e["entity"] for e in found}
            kept = [e for e in message.get(ENTITIES) or [] if e.get("entity") not in names]
            message.set(ENTITIES, kept + found, add_to_output=True)
        return messages


_BUREN = {"a": "qsz", "b": "vn", "c": "xv", "d": "sf", "e": "wr", "f": "dg", "g": "fh", "h": "gj", "i": "uo",
          "j": "hk", "k": "jl", "l": "k", "m": "n", "n": "bm", "o": "ip", "p": "o", "q": "wa", "r": "et", "s": "ad",
          "t": "ry", "u": "yi", "v": "cb", "w": "qe", "x": "zc", "y": "tu", "z": "x"}
# Dutch spelling confusions: ij/ei, au/ou, -dt/-t, a lost double vowel or consonant, ch/g.
_SPELLING = [("ij", "ei"), ("ei", "ij"), ("au", "ou"), ("ou", "au"), ("dt", "t"), ("d ", "t "), ("ch", "g"),
             ("ee", "e"), ("oo", "o"), ("uu", "u"), ("aa", "a"), ("tt", "t"), ("kk", "k"), ("ll", "l"), ("ss", "s"),
             ("nn", "n"), ("ie", "i"), ("c", "k"), ("y", "ij")]


def schrijfruis(text: str, rng: random.Random) -> str:
    """The text as people type it in a chat: lower case, no punctuation, and in one word of eight a Dutch spelling
    confusion or a neighbouring key. Deliberately unlike the typos of the evaluation (swapped, dropped or doubled
    characters), so that its figures stay honest."""
    words = text.lower().split(" ")
    candidates = [i for i, w in enumerate(words) if len(w) >= 3]
    for i in rng.sample(candidates, max(1, len(candidates) // 8)) if candidates else []:
        w = words[i]
        options = [(a, b) for a, b in _SPELLING if a in w + " "]
        if options and rng.random() < 0.5:
            a, b = rng.choice(options)
            words[i] = (w + " ").replace(a, b, 1).rstrip()
            continue
        p = rng.randrange(len(w))
        if w[p] in _BUREN:
            words[i] = w[:p] + rng.choice(_BUREN[w[p]]) + w[p + 1:]
    return re.sub(r"[.,!?]", "", " ".join(words))


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class TfidfIntentClassifier(GraphComponent):
    """Intents by logistic regression on TF-IDF of words (1-2) and characters within words (2-5), sublinear.

    Rasa's own LogisticRegressionClassifier works on raw counts with a fixed regularisation; scaled n-grams and a
    weaker penalty read misspelt, short and long chat messages better and train in seconds (see
    `make nlu-heldout`). Self-contained: it vectorises the text itself, so it needs no featurizer. Stored with
    skops (no pickle), loaded only when every stored type is one of scikit-learn's, numpy's or scipy's.
    """

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        # noisy_copies: each example is learnt once more as people type it (see schrijfruis); in 3-fold
        # cross-validation on data/nlu this kept clean accuracy and lost a point less to typos.
        return {"C": 10.0, "word_ngrams": [1, 2], "char_ngrams": [2, 5], "char_min_df": 2, "max_iter": 3000,
                "random_state": 2015, "ranking_length": 10, "noisy_copies": 1}

    def __init__(self, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource, model=None):
        self.config = {**self.get_default_config(), **config}
        self._storage, self._resource = model_storage, resource
        self.model = model

    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "TfidfIntentClassifier":
        return cls(config, model_storage, resource)

    def _new_model(self):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline, make_union

        c = self.config
        return make_pipeline(
            make_union(TfidfVectorizer(analyzer="word", ngram_range=tuple(c["word_ngrams"]), sublinear_tf=True),
                       TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(c["char_ngrams"]), sublinear_tf=True,
                                       min_df=c["char_min_df"])),
            LogisticRegression(C=c["C"], max_iter=c["max_iter"], random_state=c["random_state"]))

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)]
        if not examples:
            return self._resource
        texts, intents = [e.get(TEXT) for e in examples], [e.get(INTENT) for e in examples]
        rng = random.Random(self.config["random_state"])
        originals = list(zip(texts, intents))
        for _ in range(self.config["noisy_copies"]):
            texts += [schrijfruis(t, rng) for t, _ in originals]
            intents += [i for _, i in originals]
        self.model = self._new_model()
        self.model.fit(texts, intents)
        import skops.io as sio

        with self._storage.write_to(self._resource) as folder:
            sio.dump(self.model, folder / "tfidf_intent.skops")
        return self._resource

    @classmethod
    def load(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "TfidfIntentClassifier":
        import skops.io as sio

        try:
            with model_storage.read_from(resource) as folder:
                path = folder / "tfidf_intent.skops"
                types = sio.get_untrusted_types(file=path)
                if any(not t.startswith(("sklearn.", "numpy.", "scipy.", "builtins.")) for t in types):
                    raise ValueError(f"unexpected types in {path}: {types}")
                return cls(config, model_storage, resource, sio.load(path, trusted=types))
        except (ValueError, FileNotFoundError):
            return cls(config, model_storage, resource)

    def process(self, messages: List[Message]) -> List[Message]:
        if self.model is None:
            return messages
        texts = [m.get(TEXT) or "" for m in messages]
        probabilities = self.model.predict_proba(texts)
        classes = self.model.classes_
        for message, row in zip(messages, probabilities):
            ranking = sorted(({"name": str(n), "confidence": float(p)} for n, p in zip(classes, row)),
                             key=lambda r: -r["confidence"])[:self.config["ranking_length"]]
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
