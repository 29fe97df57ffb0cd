"""Unit tests of the custom actions, on JSON tracker fixtures (tests/fixtures/trackers/)."""

import asyncio
import json
from typing import Any, Dict, List

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.unclear_question import SETTINGS, ActionHandleUnclearQuestion
from conftest import PROJECT_ROOT, TESTS_DIR, load_yaml

TRACKERS = TESTS_DIR / "fixtures" / "trackers"


def load_tracker(name: str) -> Tracker:
    """A rasa_sdk Tracker from the fixture `name`.json."""
    return Tracker.from_dict(json.loads((TRACKERS / f"{name}.json").read_text(encoding="utf-8")))


def run_unclear_question(fixture: str) -> List[Dict[str, Any]]:
    """Run action_handle_unclear_question on a fixture; return what it sent the visitor."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(
        ActionHandleUnclearQuestion().run(dispatcher, load_tracker(fixture), domain={})
    )
    assert events == []
    return dispatcher.messages


def button_payloads(message: Dict[str, Any]) -> List[str]:
    return [button["payload"] for button in message["buttons"]]


def test_two_close_topics_are_offered_as_buttons_with_something_else() -> None:
    [message] = run_unclear_question("two_close_password_topics")
    assert message["text"] == SETTINGS["ask_text"]
    assert button_payloads(message) == [
        "/cmecf_lost_password",
        "/pacer_forgot_password",
        "/out_of_scope",
    ]
    assert message["buttons"][0]["title"] == SETTINGS["topic_titles"]["cmecf_lost_password"]


def test_small_talk_between_two_topics_is_skipped() -> None:
    [message] = run_unclear_question("greeting_between_two_topics")
    assert button_payloads(message)[:2] == ["/cmecf_pacer_link", "/pacer_upgrade"]


@pytest.mark.parametrize("fixture", ["off_topic_ranked_second", "weak_scattered_topics"])
def test_off_topic_or_weak_guesses_get_the_out_of_scope_answer(fixture: str) -> None:
    [message] = run_unclear_question(fixture)
    assert message["response"] == "utter_out_of_scope"
    assert not message["buttons"]


def test_empty_message_gets_the_help_menu() -> None:
    [message] = run_unclear_question("empty_message")
    assert message["response"] == "utter_help"


def test_message_without_latin_letters_is_told_english_only() -> None:
    first, second = run_unclear_question("non_latin_message")
    assert first["text"] == SETTINGS["english_only_text"]
    assert second["response"] == "utter_out_of_scope"


def test_every_offerable_topic_is_an_intent_that_a_rule_answers(domain: Dict[str, Any]) -> None:
    rules = load_yaml(PROJECT_ROOT / "data" / "rules.yml")["rules"]
    answered = {rule["steps"][0].get("intent") for rule in rules}
    for intent in SETTINGS["topic_titles"]:
        assert intent in domain["intents"] and intent in answered, intent
