"""With the action server down, canned answers still work and questions that need an action
(routing, "Did you mean", open now, and off-topic questions, which the action reads before
declining) get a reply naming both clerk's offices: never an error or silence."""

from typing import Any, Dict, Iterator

import pytest

from channels.validated_rest import NO_ANSWER_TEXT
from facts import fact
from serve.servers import Assistant, running_assistant
from support import new_sender, response_text


@pytest.fixture(scope="module")
def without_actions(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    """Rasa and the web pages, with nothing listening where the action server should be."""
    with running_assistant(tmp_path_factory.mktemp("no-actions"), with_actions=False) as bot:
        yield bot


@pytest.mark.parametrize(
    "question, response",
    [
        ("I forgot my CM/ECF password", "utter_cmecf_lost_password"),
        ("do I need to upgrade my pacer account", "utter_pacer_upgrade"),
    ],
)
def test_canned_answers_still_work(
    without_actions: Assistant, domain: Dict[str, Any], question: str, response: str
) -> None:
    assert without_actions.ask_text(new_sender(), question) == response_text(domain, response)


@pytest.mark.parametrize(
    "question",
    [
        "I live in Woodbury County",
        "which office should I call?",
        "password reset",
        "are you open right now?",
        "can you book me a flight to Denver",
    ],
)
def test_questions_needing_an_action_get_both_clerk_offices(
    without_actions: Assistant, question: str
) -> None:
    reply = without_actions.ask(new_sender(), question)
    assert [message["text"] for message in reply] == [NO_ANSWER_TEXT]
    assert fact("offices.cedar_rapids.phone") in NO_ANSWER_TEXT
    assert fact("offices.sioux_city.phone") in NO_ANSWER_TEXT


def test_the_conversation_goes_on_after_a_failed_action(
    without_actions: Assistant, domain: Dict[str, Any]
) -> None:
    sender = new_sender()
    without_actions.ask(sender, "which office should I call?")
    answer = without_actions.ask_text(sender, "how much does PACER cost")
    assert answer == response_text(domain, "utter_pacer_fees")
