"""Legal information is answered and legal advice refused, whatever the classifier guessed.

"How much does it cost to file chapter 7" and "should I file chapter 7" share most of their
words, and the classifier can take a question about the court's procedures for a request for
advice, or the other way round. The line between the two is one rule
(understanding/legal_line.py); this component applies it to the classifier's guess:

- the classifier says `legal_advice` (or hesitates with it first) but the message asks for
  information: the best-ranked topic is taken when the classifier gave it at least
  `min_topic_confidence`. When no topic comes near, the classifier's refusal stands: the
  list of advice questions cannot name every way of asking for advice, and a refusal that
  points to the clerk's office for procedure is the safer miss. A hesitant guess
  (`nlu_fallback`) with no topic near becomes "Did you mean" without legal advice offered;
- the classifier gives a topic, hesitates with a topic or legal advice first, or takes the
  message for a follow-up, but the message asks for advice in so many words ("¿conoce un
  buen abogado?", "entre el 7 y el 13, ¿cuál me conviene?"): `legal_advice`. Off-topic and
  small talk keep their intent.
"""

from typing import Any, Dict, List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

from answers import titles
from nlu_components.overrides import OVERRULED_BY, RuleComponent, intent_of, overrule
from understanding.legal_line import advice_asked

LEGAL_ADVICE, FALLBACK, FOLLOW_UP = "legal_advice", "nlu_fallback", "follow_up"
TOPICS = set(titles())
# The intents an explicit request for advice overrules: every topic, and a follow-up (which
# would answer the topic in focus instead); a hesitant guess too when one of them, or legal
# advice, is its first choice (not when the message is most likely off-topic).
REFUSABLE = (TOPICS | {FOLLOW_UP}) - {LEGAL_ADVICE}
# The least confidence the classifier must give a topic for it to be answered instead of
# legal advice; config.yml may set another.
MIN_TOPIC_CONFIDENCE = 0.25


def first_ranked(ranking: List[Dict[str, Any]]) -> str:
    """The classifier's first choice; the FallbackClassifier's own entry does not count."""
    names = [r.get("name", "") for r in ranking if r.get("name") != FALLBACK]
    return names[0] if names else ""


def information_topics(ranking: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """The ranked topics that answer a question, legal advice left out."""
    return [r for r in ranking if r.get("name") in TOPICS and r.get("name") != LEGAL_ADVICE]


def refusable(intent: str, ranking: List[Dict[str, Any]]) -> bool:
    """Whether a message asking for advice in so many words should get the refusal instead."""
    if intent == FALLBACK:
        return first_ranked(ranking) in REFUSABLE | {LEGAL_ADVICE}
    return intent in REFUSABLE


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class LegalLineClassifier(RuleComponent):
    """Gives a procedure question its topic and an advice question the refusal."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"min_topic_confidence": MIN_TOPIC_CONFIDENCE}

    def process_message(self, message: Message) -> None:
        text = message.get("text") or ""
        intent, ranking = intent_of(message), message.get(INTENT_RANKING_KEY) or []
        taken_for_advice = intent == LEGAL_ADVICE or (
            intent == FALLBACK and first_ranked(ranking) == LEGAL_ADVICE
        )
        asked = advice_asked(text)
        if taken_for_advice and not asked:
            self.answer_information(message, ranking)
        elif asked and refusable(intent, ranking):
            overrule(message, LEGAL_ADVICE, f"the message asks for legal advice ({asked})")

    def answer_information(self, message: Message, ranking: List[Dict[str, Any]]) -> None:
        """The best information topic, or "Did you mean" among the nearest ones."""
        candidates = information_topics(ranking)
        minimum = self.component_config.get("min_topic_confidence", MIN_TOPIC_CONFIDENCE)
        if candidates and candidates[0].get("confidence", 0.0) >= minimum:
            overrule(
                message,
                candidates[0]["name"],
                "a question about the court's procedures is information, not legal advice",
            )
        elif intent_of(message) == FALLBACK:
            message.set(INTENT_RANKING_KEY, [r for r in ranking if r.get("name") != LEGAL_ADVICE])
            message.set(OVERRULED_BY, "a question about the court's procedures, topic unclear")
