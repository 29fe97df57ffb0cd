"""Messages not written in English are recognised as such, not guessed at.

The classifier knows English words only; a Spanish question ("¿Dónde puedo pagar una
multa?") is made of words it never saw, and it may still pick a topic for it. This component
counts the message's words that are common function words of another language (spaCy's stop-
word lists of Spanish, French, German, Portuguese and Italian, without the English ones)
against the English function words. When the other language wins, the message becomes
`nlu_fallback` with `language: other`, and action_handle_unclear_question says that the
assistant reads English only and gives the clerk's office numbers."""

import re
from typing import FrozenSet

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.training_data.message import Message
from spacy.lang.de.stop_words import STOP_WORDS as GERMAN
from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH
from spacy.lang.es.stop_words import STOP_WORDS as SPANISH
from spacy.lang.fr.stop_words import STOP_WORDS as FRENCH
from spacy.lang.it.stop_words import STOP_WORDS as ITALIAN
from spacy.lang.pt.stop_words import STOP_WORDS as PORTUGUESE

from nlu_components.overrides import RuleComponent, overrule

LANGUAGE = "language"
OTHER_LANGUAGE = "other"
# Words of those lists that English visitors type too ("hi", "ok", "come", "no", "per").
SHARED_WITH_ENGLISH = {
    "hi",
    "ok",
    "come",
    "no",
    "non",
    "per",
    "pacer",
    "online",
    "email",
    "me",
    "a",
    "e",
    "se",
}
FOREIGN_WORDS: FrozenSet[str] = frozenset(
    (SPANISH | FRENCH | GERMAN | PORTUGUESE | ITALIAN) - ENGLISH - SHARED_WITH_ENGLISH
)
# Punctuation English never uses: "¿Dónde ...?", "¡Hola!".
FOREIGN_PUNCTUATION = re.compile("[¿¡]")
WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def is_foreign(text: str) -> bool:
    """True when the message reads as another language rather than English."""
    if FOREIGN_PUNCTUATION.search(text):
        return True
    words = WORD.findall(text.lower())
    foreign = sum(word in FOREIGN_WORDS for word in words)
    english = sum(word in ENGLISH for word in words)
    return foreign >= 2 and foreign > english


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class ForeignLanguageClassifier(RuleComponent):
    """Turns a message in another language into nlu_fallback, marked `language: other`."""

    def process_message(self, message: Message) -> None:
        if is_foreign(message.get("text") or ""):
            overrule(message, "nlu_fallback", "the message is not in English")
            message.set(LANGUAGE, OTHER_LANGUAGE, add_to_output=True)
