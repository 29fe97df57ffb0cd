"""A follow-up that leans on what was just said becomes `follow_up`, whatever the classifier
guessed.

"whats the phone there", "is that central time", "the other one", "how do I do that", "no, I
meant PACER", and in Spanish "¿y su teléfono?", "¿y la otra oficina?", "no, quise decir PACER"
(understanding/focus.yml has the cues of both languages): these name no subject of their own,
so the classifier, which sees one message, guesses a topic from a word ("phone": the whole
directory) or gives up. understanding/focus.py tells them apart from questions of their own;
action_answer_follow_up then answers them from the conversation's focus. A message naming an
Iowa place other than an office's city stays with office routing, and one correcting a place
("sorry, Clayton County, not Clay") goes to it; one about another institution ("what about the
IRS's number"), and a short one the classifier found off-topic that points back at nothing
("what is 17 times 23?"), keep the decline.
"""

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

from actions.unclear_question import is_about_elsewhere
from nlu_components.overrides import RuleComponent, intent_of, overrule
from understanding.focus import (
    OFFICE_CITY_WORDS,
    both_asked,
    is_correction,
    is_follow_up,
    points_back,
)

FOLLOW_UP, INFORM_PLACE, OUT_OF_SCOPE = "follow_up", "inform_place", "out_of_scope"
# Intents a follow-up never takes away: a refusal of legal advice stands.
KEPT = {FOLLOW_UP, "legal_advice"}
PLACE_ENTITIES = {"county", "city", "us_state"}


def names_a_place(message: Message) -> bool:
    """Whether the message names a place other than the city of a clerk's office."""
    return any(
        entity.get("entity") in PLACE_ENTITIES
        and not OFFICE_CITY_WORDS.fullmatch(str(entity.get("value") or ""))
        for entity in message.get("entities") or []
    )


def best_guess(message: Message) -> str:
    """The classifier's best intent, even when the fallback took the message."""
    ranking = message.get(INTENT_RANKING_KEY) or []
    names = [ranked.get("name") for ranked in ranking if ranked.get("name") != "nlu_fallback"]
    return names[0] if names else intent_of(message)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class FollowUpClassifier(RuleComponent):
    """Gives a follow-up the intent `follow_up`, so that the focus answers it."""

    def process_message(self, message: Message) -> None:
        text = message.get("text") or ""
        if intent_of(message) in KEPT or is_about_elsewhere(text):
            return
        if names_a_place(message):
            if is_correction(text) and intent_of(message) != INFORM_PLACE:
                overrule(message, INFORM_PLACE, "a corrected place")
            return
        off_topic = intent_of(message) == OUT_OF_SCOPE and not points_back(text)
        if is_follow_up(text) and not off_topic:
            overrule(message, FOLLOW_UP, "a follow-up to what was just said")
        elif both_asked(best_guess(message), text):
            overrule(message, FOLLOW_UP, "the same question about two systems")
