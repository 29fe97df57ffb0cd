"""What the assistant does with a message it could not classify with confidence.

Two closely ranked topics get a "Did you mean ...?" with both as buttons (the first stage of
a two-stage fallback: a click sends the topic's intent, which its rule answers). An empty
message gets the help menu. Anything else is treated as off-topic: the visitor is told what
this assistant covers and given the clerk's office numbers, rather than a guess.
"""

import re
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.settings import load_settings

SETTINGS = load_settings(__file__)
OUT_OF_SCOPE_INTENT = "out_of_scope"
LATIN_LETTER = re.compile(r"[A-Za-z]")


def two_best_candidates(intent_ranking: List[Dict[Text, Any]]) -> List[Dict[Text, Any]]:
    """The two highest ranked intents that are either offerable topics or out_of_scope.

    Small talk such as greet is skipped: "hi, I lost my password" is still about passwords.
    """
    titles = SETTINGS["topic_titles"]
    candidates = [
        ranked
        for ranked in intent_ranking
        if ranked.get("name") in titles or ranked.get("name") == OUT_OF_SCOPE_INTENT
    ]
    return candidates[:2]


def topics_to_offer(intent_ranking: List[Dict[Text, Any]]) -> List[Text]:
    """The two topic intents worth offering as buttons, or [] when the question looks off-topic."""
    best = two_best_candidates(intent_ranking)
    if len(best) < 2 or any(ranked["name"] == OUT_OF_SCOPE_INTENT for ranked in best):
        return []
    combined = sum(ranked.get("confidence", 0.0) for ranked in best)
    if combined < SETTINGS["min_combined_confidence"]:
        return []
    return [ranked["name"] for ranked in best]


def topic_buttons(intents: List[Text]) -> List[Dict[Text, Text]]:
    """Buttons that send each topic's intent directly, plus one for "something else"."""
    titles = SETTINGS["topic_titles"]
    buttons = [{"title": titles[intent], "payload": f"/{intent}"} for intent in intents]
    buttons.append({"title": SETTINGS["none_of_these_title"], "payload": f"/{OUT_OF_SCOPE_INTENT}"})
    return buttons


class ActionHandleUnclearQuestion(Action):
    """Ask which of two close topics was meant, or explain what the assistant covers."""

    def name(self) -> Text:
        return "action_handle_unclear_question"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[Text, Any],
    ) -> List[Dict[Text, Any]]:
        text = (tracker.latest_message.get("text") or "").strip()
        offered = topics_to_offer(tracker.latest_message.get("intent_ranking", []))
        if not text:
            dispatcher.utter_message(response="utter_help")
        elif offered:
            dispatcher.utter_message(text=SETTINGS["ask_text"], buttons=topic_buttons(offered))
        elif not LATIN_LETTER.search(text):
            dispatcher.utter_message(text=SETTINGS["english_only_text"])
            dispatcher.utter_message(response="utter_out_of_scope")
        else:
            dispatcher.utter_message(response="utter_out_of_scope")
        return []
