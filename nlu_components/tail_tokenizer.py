"""A spaCy tokenizer that judges a very long message by its last question.

Visitors who paste a long story usually ask their question at the end. The intent
classifier sums its features over all tokens, so in a 5,000-character message the story
drowns the question. A message longer than `max_tokens` tokens is therefore cut down to its
last sentence ending in "?" (or, without one, to its last `max_tokens` tokens). Every training
example is far shorter, so training is unchanged.
"""

from typing import Any, Dict, List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.tokenizers.spacy_tokenizer import SpacyTokenizer
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.nlu.training_data.message import Message

SENTENCE_ENDS = {".", "!", "?"}


def last_question(tokens: List[Token], max_tokens: int) -> List[Token]:
    """The tokens of the last sentence ending in "?", else the last `max_tokens` tokens."""
    ends = [i for i, token in enumerate(tokens) if token.text in SENTENCE_ENDS]
    questions = [i for i in ends if tokens[i].text == "?"]
    if not questions:
        return tokens[-max_tokens:]
    question_end = questions[-1]
    earlier_ends = [i for i in ends if i < question_end]
    start = earlier_ends[-1] + 1 if earlier_ends else 0
    return tokens[start : question_end + 1][-max_tokens:]


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class TailSpacyTokenizer(SpacyTokenizer):
    """SpacyTokenizer that keeps only the last question of a message over `max_tokens`."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {**SpacyTokenizer.get_default_config(), "max_tokens": 80}

    def tokenize(self, message: Message, attribute: str) -> List[Token]:
        tokens = super().tokenize(message, attribute)
        if len(tokens) <= self._config["max_tokens"]:
            return tokens
        return last_question(tokens, self._config["max_tokens"])
