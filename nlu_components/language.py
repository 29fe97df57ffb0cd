"""Each message is marked with the language it is written in, for the slot `language`.

understanding/language.py decides; this component writes the decision into the parse:
- a message clearly in English or Spanish gets the entity `language` ("en" or "es"), which
  sets the slot and so the language of every answer from this turn on; a short or mixed
  message gets none and the conversation keeps its language;
- a short message asking for a language ("en español", "in English please") becomes the
  intent choose_language with that entity, whatever the classifier guessed;
- the classifier's choose_language for a message that asks for no language ("who teaches
  English near me") becomes `out_of_scope`: the examples teach longer requests, the
  requests themselves are understanding/language.yml's `asks_for`;
- a message in another language becomes `nlu_fallback` marked `language: other`, and
  action_handle_unclear_question answers with a short notice in both languages.
"""

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.training_data.message import Message

from nlu_components.overrides import RuleComponent, intent_of, overrule
from nlu_components.places import place_entities
from understanding.language import OTHER_LANGUAGE, asked_for, written_in

LANGUAGE = "language"
CHOOSE_LANGUAGE = "choose_language"
# A message asking for a language with more words than this asks something else too.
MAX_WORDS_OF_A_CHOICE = 8


def language_entity(language: str, text: str) -> dict:
    """The entity that sets the slot `language`: it spans the whole message."""
    return {
        "entity": LANGUAGE,
        "value": language,
        "start": 0,
        "end": len(text),
        "extractor": "LanguageMarker",
    }


def without_places(message: Message) -> str:
    """The message with the places found in it blanked out: "Des Moines", "Le Mars" or "La
    Porte City" are names, not French or Spanish words."""
    text = message.get("text") or ""
    for entity in place_entities(message):
        start, end = entity.get("start", 0), entity.get("end", 0)
        text = text[:start] + " " * (end - start) + text[end:]
    return text


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class LanguageMarker(RuleComponent):
    """Marks a message's language; another language than English or Spanish is declined."""

    def process_message(self, message: Message) -> None:
        text = message.get("text") or ""
        chosen = asked_for(text)
        language = chosen or written_in(without_places(message))
        if language == OTHER_LANGUAGE:
            overrule(message, "nlu_fallback", "the message is not in English or Spanish")
            message.set(LANGUAGE, OTHER_LANGUAGE, add_to_output=True)
            return
        if chosen and len(text.split()) <= MAX_WORDS_OF_A_CHOICE:
            overrule(message, CHOOSE_LANGUAGE, f"the visitor asks for answers in {chosen}")
        elif intent_of(message) == CHOOSE_LANGUAGE and not chosen:
            overrule(message, "out_of_scope", "about a language, not asking to be answered in one")
        if language:
            entities = message.get("entities") or []
            message.set(
                "entities", [*entities, language_entity(language, text)], add_to_output=True
            )
