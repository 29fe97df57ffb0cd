"""The intent classifier: Rasa's logistic regression, with its regularisation made a setting.

Rasa 3.6's `LogisticRegressionClassifier` fixes scikit-learn's `C` at 1.0. On this data a
weaker regularisation (`C: 3`, chosen on the hold-out and CLINC150 `oos_val` only, README
"Measured") lets a message of one or two words ("office hours?") count for as much as its
words should, instead of falling back on each intent's prior. Rasa's classifier also fails
on a message without words (an empty one has no features); such a message gets no intent,
as DIET gave it, so that the FallbackClassifier passes it on to the help menu. So does one of
punctuation or emoji only ("!!!", ":)"): its character n-grams say nothing, yet the
regression was 57% sure "!!!" meant goodbye.
"""

from typing import Any, Dict, List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from actions.unclear_question import has_words


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class IntentLogisticRegression(LogisticRegressionClassifier):
    """Rasa's logistic regression intent classifier: `C` configurable, no error on a message
    without words."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {**LogisticRegressionClassifier.get_default_config(), "C": 1.0}

    def __init__(
        self,
        config: Dict[str, Any],
        name: str,
        model_storage: ModelStorage,
        resource: Resource,
    ) -> None:
        super().__init__(config, name, model_storage, resource)
        self.clf.set_params(C=self.config["C"])

    def process(self, messages: List[Message]) -> List[Message]:
        """Rank the intents of every message that has words; give the others none."""
        with_words, without_words = [], []
        for message in messages:
            (with_words if classifiable(message) else without_words).append(message)
        if with_words:
            super().process(with_words)
        for message in without_words:
            message.set(INTENT, {"name": None, "confidence": 0.0}, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [], add_to_output=True)
        return messages


def classifiable(message: Message) -> bool:
    """Does the message hold a letter or digit (of any script), and did the featurizers find
    anything in it (an empty one has nothing)?"""
    if not has_words(message.get(TEXT, "")):
        return False
    sentence_sparse, sentence_dense = (
        message.get_sparse_features(TEXT)[1],
        message.get_dense_features(TEXT)[1],
    )
    return sentence_sparse is not None or sentence_dense is not None
