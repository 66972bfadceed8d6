"""Our NLU components inside Rasa's own graph machinery: trained, stored, loaded again, and run on messages."""
from __future__ import annotations

from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.rasa_adapters.nlu import CrisisGuard, Entiteiten, TfidfIntentClassifier

EXAMPLES = {
    "vraag_wonen": ["ik heb huurachterstand", "ik moet mijn huis uit", "ik zoek een woning", "overlast van de buren"],
    "vraag_werk_inkomen": ["ik heb schulden", "mijn uitkering is gestopt", "ik zoek werk", "rekeningen betalen"],
    "groeten": ["hallo", "goedemorgen", "hoi", "dag"],
}


def _context():
    return ExecutionContext(GraphSchema({}), "test")


def _message(text, intent=None):
    return Message(data={"text": text, **({"intent": intent} if intent else {})})


def test_the_tfidf_classifier_trains_stores_and_loads(tmp_path):
    storage = LocalModelStorage(tmp_path)
    resource = Resource("tfidf")
    classifier = TfidfIntentClassifier.create({"char_min_df": 1}, storage, resource, _context())
    data = TrainingData([_message(t, i) for i, texts in EXAMPLES.items() for t in texts])
    classifier.train(data)

    loaded = TfidfIntentClassifier.load({"char_min_df": 1}, storage, resource, _context())
    [wonen, geld, groet] = loaded.process([_message("huurachterstand en mijn huis uit"), _message("schulde"),
                                           _message("hallo daar")])
    assert [m.get("intent")["name"] for m in (wonen, geld, groet)] == ["vraag_wonen", "vraag_werk_inkomen", "groeten"]
    ranking = wonen.get("intent_ranking")
    assert len(ranking) == 3 and abs(sum(r["confidence"] for r in ranking) - 1) < 1e-6


def test_an_untrained_classifier_leaves_messages_alone(tmp_path):
    classifier = TfidfIntentClassifier.load({}, LocalModelStorage(tmp_path), Resource("leeg"), _context())
    [message] = classifier.process([_message("hallo")])
    assert message.get("intent") is None


def test_the_crisis_guard_overrules_the_classifier_only_for_danger():
    guard = CrisisGuard()
    danger, calm = _message("ik wil niet meer leven"), _message("ik ga dood van de stress van die rekeningen")
    for m in (danger, calm):
        m.set("intent", {"name": "vraag_werk_inkomen", "confidence": 0.9})
    guard.process([danger, calm])
    assert danger.get("intent")["name"] == "crisis" and calm.get("intent")["name"] == "vraag_werk_inkomen"


def test_entities_come_from_the_dialogues_word_lists_in_the_messages_domain():
    extractor = Entiteiten()
    message = _message("ik heb huurachterstand en woon in de Molenwijk")
    message.set("intent", {"name": "vraag_wonen", "confidence": 0.9})
    message.set("entities", [{"entity": "onderwerp", "value": "schulden", "extractor": "DIETClassifier"},
                             {"entity": "doelgroep", "value": "ouderen", "extractor": "DIETClassifier"}])
    [out] = extractor.process([message])
    found = {e["entity"]: e["value"] for e in out.get("entities")}
    assert found == {"onderwerp": "huurachterstand", "wijk": "molenwijk", "doelgroep": "ouderen"}


def test_the_training_noise_is_like_chat_typing_and_repeatable():
    import random

    from bot.rasa_adapters.nlu import schrijfruis

    text = "Ik heb een huurachterstand en de deurwaarder stuurt brieven, wat moet ik doen?"
    a, b = schrijfruis(text, random.Random(1)), schrijfruis(text, random.Random(1))
    assert a == b and a != text.lower()
    assert a == a.lower() and not any(c in a for c in ".,?!")
    assert len(a.split()) == len(text.split())  # words change, none is lost
