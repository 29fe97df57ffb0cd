"""A lost login or password that names no system is asked about, not guessed.

A CM/ECF login and a PACER login are different accounts, reset by different people (the
clerk's office, PACER's own page). "forgot my password" names neither, so whichever the
classifier prefers would be a guess. When the classifier's intent is one of these topics and
the message names none of the systems, the message becomes `nlu_fallback` with these topics
ranked first, and action_handle_unclear_question offers them as "Did you mean ...?" buttons;
the visitor can click one or type "the pacer one".

Settings: login_system.yml beside this file.
"""

import re
from typing import Any, Dict, List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

from nlu_components.overrides import RuleComponent, intent_of, load_settings, overrule

SETTINGS = load_settings(__file__)
SYSTEM_WORDS = {
    intent: re.compile(pattern, re.I) for intent, pattern in SETTINGS["system_words"].items()
}


def names_a_system(text: str) -> bool:
    return any(pattern.search(text) for pattern in SYSTEM_WORDS.values())


def with_systems_first(ranking: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """The ranking with the login topics moved to the top, in the classifier's order."""
    first = [ranked for ranked in ranking if ranked.get("name") in SYSTEM_WORDS]
    return first + [ranked for ranked in ranking if ranked.get("name") not in SYSTEM_WORDS]


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class LoginSystemClassifier(RuleComponent):
    """Turns a login question that names no system into a question back to the visitor."""

    def process_message(self, message: Message) -> None:
        text = message.get("text") or ""
        if intent_of(message) in SYSTEM_WORDS and not names_a_system(text):
            message.set(
                INTENT_RANKING_KEY, with_systems_first(message.get(INTENT_RANKING_KEY) or [])
            )
            overrule(message, "nlu_fallback", "a login question that names no system")
