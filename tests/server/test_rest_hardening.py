"""The public HTTP surface: malformed requests get a clear 4xx, bursts and crowds lose
nothing, and Rasa's HTTP API refuses anyone without the token."""

import json
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, List

import pytest
import requests

from channels.validated_rest import MAX_MESSAGE_CHARS
from serve.servers import Assistant
from support import response_text


def tracker_events(assistant: Assistant, sender: str) -> List[Dict[str, Any]]:
    reply = requests.get(
        f"{assistant.url}/conversations/{sender}/tracker",
        params={"token": assistant.api_token},
        timeout=30,
    )
    assert reply.status_code == 200, reply.text
    return reply.json()["events"]


def user_texts(events: List[Dict[str, Any]]) -> List[str]:
    return [event["text"] for event in events if event["event"] == "user"]


@pytest.mark.parametrize(
    "body, status",
    [
        ('{"sender": "a", "message": ', 400),
        ('{"sender": "a"}', 400),
        ('{"sender": "a", "message": 5}', 400),
        ('["sender", "message"]', 400),
        ('{"sender": {"id": 1}, "message": "hi"}', 400),
        (json.dumps({"sender": "a", "message": "x" * 1_000_000}), 413),
    ],
    ids=[
        "malformed JSON",
        "no message",
        "message not text",
        "not an object",
        "sender not text",
        "1 MB message",
    ],
)
def test_malformed_requests_get_a_clear_4xx(
    assistant: Assistant, domain: Dict[str, Any], body: str, status: int
) -> None:
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    reply = assistant.post(body, headers=headers)
    assert reply.status_code == status
    assert reply.text.strip()
    assert assistant.ask_text(f"after-{uuid.uuid4()}", "hello") == response_text(
        domain, "utter_greet"
    )


def test_the_longest_allowed_message_is_still_answered(
    assistant: Assistant, domain: Dict[str, Any]
) -> None:
    answer = assistant.ask_text(f"long-{uuid.uuid4()}", "a" * MAX_MESSAGE_CHARS)
    assert answer == response_text(domain, "utter_out_of_scope")


def test_null_bytes_are_dropped_and_the_question_answered(
    assistant: Assistant, domain: Dict[str, Any]
) -> None:
    sender = f"nul-{uuid.uuid4()}"
    answer = assistant.ask_text(sender, "I forgot my PACER\x00 password\x00")
    assert answer == domain["responses"]["utter_pacer_forgot_password"][0]["text"]
    assert "\x00" not in "".join(user_texts(tracker_events(assistant, sender)))


def test_a_burst_of_200_messages_from_one_visitor_is_answered_and_kept_in_order(
    assistant: Assistant, domain: Dict[str, Any]
) -> None:
    sender = f"burst-{uuid.uuid4()}"
    sent = [f"what is nextgen, question {number}" for number in range(200)]
    answers = [assistant.ask_text(sender, message) for message in sent]
    assert set(answers) == {response_text(domain, "utter_nextgen_overview")}
    assert user_texts(tracker_events(assistant, sender)) == sent


def test_50_visitors_at_once_each_get_their_answers_and_keep_their_own_history(
    assistant: Assistant, domain: Dict[str, Any]
) -> None:
    conversation = {
        "hello": response_text(domain, "utter_greet"),
        "how do I upgrade my PACER account": response_text(domain, "utter_pacer_upgrade"),
        "thanks": response_text(domain, "utter_thank"),
    }

    def visitor(number: int) -> str:
        sender = f"crowd-{number}-{uuid.uuid4()}"
        for message, answer in conversation.items():
            assert assistant.ask_text(sender, message) == answer
        return sender

    with ThreadPoolExecutor(max_workers=50) as pool:
        senders = list(pool.map(visitor, range(50)))
    for sender in senders:
        assert user_texts(tracker_events(assistant, sender)) == list(conversation)
    assert assistant.ask_text(f"after-{uuid.uuid4()}", "hello") == conversation["hello"]


@pytest.mark.parametrize("path", ["/status", "/conversations/someone/tracker", "/model/parse"])
def test_the_http_api_refuses_requests_without_the_token(assistant: Assistant, path: str) -> None:
    method = requests.post if path == "/model/parse" else requests.get
    assert method(assistant.url + path, json={"text": "hi"}, timeout=30).status_code == 401
    wrong = method(assistant.url + path, json={"text": "hi"}, params={"token": "wrong"}, timeout=30)
    assert wrong.status_code == 401
    right = method(
        assistant.url + path, json={"text": "hi"}, params={"token": assistant.api_token}, timeout=30
    )
    assert right.status_code == 200


def test_cors_allows_only_the_web_page_origin(assistant: Assistant) -> None:
    def allowed(origin: str) -> str:
        reply = requests.options(
            assistant.webhook,
            timeout=30,
            headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
        )
        return reply.headers.get("Access-Control-Allow-Origin", "")

    assert allowed(assistant.web_url) == assistant.web_url
    assert allowed("http://evil.example") == ""
