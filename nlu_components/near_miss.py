"""A message about another institution or subject is declined, even when the classifier is
sure of a topic.

"What is the IRS phone number?" or "Where do I pay child support in state court?" share
words with this court's answers (phone, pay, court), and the classifier may give them a
topic with high confidence: the visitor would read the clerk's phone numbers or where to pay
filing fees, answers to a question not asked. When the message names something that is never
this court's e-filing (the IRS, child support, a state court) and no word of e-filing or of
a bankruptcy case, it becomes `out_of_scope`, which action_handle_unclear_question declines
with both clerk numbers. Legal questions keep their intent; office routing does not ("hours
of the social security office in Sioux City" is not a question for this court's offices).

The vocabularies are those of the decline itself: actions/unclear_question.yml.
"""

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.training_data.message import Message

from actions.unclear_question import TOPIC_TITLES, is_about_elsewhere
from nlu_components.overrides import RuleComponent, intent_of, overrule

# Topics a near miss never takes away: a question for a lawyer.
KEPT = {"legal_advice"}


def answered_topic(intent: str) -> bool:
    """A topic with an answer, or a bare place taken as the answer to "which county?"
    ("walmart hours in cedar rapids" is no such answer)."""
    return (intent in TOPIC_TITLES or intent == "inform_place") and intent not in KEPT


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class NearMissClassifier(RuleComponent):
    """Sends a topic guess for a message about another institution to out_of_scope."""

    def process_message(self, message: Message) -> None:
        text = message.get("text") or ""
        if answered_topic(intent_of(message)) and is_about_elsewhere(text):
            overrule(message, "out_of_scope", "the message is about another institution")
