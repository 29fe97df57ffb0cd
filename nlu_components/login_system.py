"""A lost login or password that names no system is asked about, not guessed.

A CM/ECF login and a PACER login are different accounts, reset by different people (the
clerk's office, PACER's own page). "forgot my password" names neither, so whichever the
classifier prefers would be a guess. When the classifier's intent is one of these topics and
the message names none of the systems, the message becomes `nlu_fallback` with these topics
ranked first, and action_handle_unclear_question offers them as "Did you mean ...?" buttons;
the visitor can click one or type "the pacer one". When the message names one system and the
classifier picked the other's topic ("forgot ecf login (not pacer!!)": PACER outweighs ECF
for it), the system named wins; a system named only to be denied does not count.
Spanish messages are read the same way ("olvidé mi contraseña" is asked about; "la clave de
ecf, no la de pacer" is about CM/ECF).

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
DENIED_SYSTEMS = {
    intent: re.compile(
        f"{SETTINGS['denial_before']}(?:{pattern.pattern}){SETTINGS['denial_after']}", re.I
    )
    for intent, pattern in SYSTEM_WORDS.items()
}


def systems_named(text: str) -> List[str]:
    """The login topics whose system the message names. A denied system ("not pacer") is not
    named; when it is the only one mentioned, the message means the other."""
    denied = [intent for intent, pattern in DENIED_SYSTEMS.items() if pattern.search(text)]
    for pattern in DENIED_SYSTEMS.values():
        text = pattern.sub(" ", text)
    named = [intent for intent, pattern in SYSTEM_WORDS.items() if pattern.search(text)]
    if not named and len(denied) == 1:
        return [intent for intent in SYSTEM_WORDS if intent not in denied]
    return named


def with_systems_first(ranking: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """The ranking with the login topics moved to the top, in the classifier's order."""
    first = [ranked for ranked in ranking if ranked.get("name") in SYSTEM_WORDS]
    return first + [ranked for ranked in ranking if ranked.get("name") not in SYSTEM_WORDS]


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class LoginSystemClassifier(RuleComponent):
    """Turns a login question that names no system into a question back to the visitor, and
    gives one that names a system that system's topic."""

    def process_message(self, message: Message) -> None:
        intent = intent_of(message)
        if intent not in SYSTEM_WORDS:
            return
        named = systems_named(message.get("text") or "")
        if not named:
            message.set(
                INTENT_RANKING_KEY, with_systems_first(message.get(INTENT_RANKING_KEY) or [])
            )
            overrule(message, "nlu_fallback", "a login question that names no system")
        elif len(named) == 1 and named[0] != intent:
            overrule(message, named[0], "the login question names the other system")
