"""Which request gets which clerk page (serve/clerk/area.py), without a server: an empty or a
missing store, a database that does not answer, where a sign-in may lead, and what a clerk
reads of Rasa's parse."""

from pathlib import Path
from urllib.parse import parse_qsl

import pytest

from serve.clerk.area import ClerkArea, Request, safe_next, tried_from
from serve.clerk.sessions import SESSION_COOKIE
from serve.servers import free_port


def signed_in_get(area: ClerkArea, address: str) -> Request:
    """A signed-in clerk's GET of `address`, as the page server hands it over."""
    path, _, query = address.partition("?")
    token = area.sessions.start("mjones")
    return Request("GET", path, dict(parse_qsl(query)), cookies={SESSION_COOKIE: token})


def test_a_store_not_made_yet_shows_an_empty_period(tmp_path: Path) -> None:
    area = ClerkArea(f"sqlite:///{tmp_path / 'not-yet.db'}", "http://127.0.0.1:9", "")
    reply = area.handle(signed_in_get(area, "/clerk/missed?days=30"))
    assert reply.status == 200 and "0 of 0 visitor messages missed" in reply.body
    assert not (tmp_path / "not-yet.db").exists()  # read-only: nothing made


def test_a_database_that_does_not_answer_is_said_not_shown_as_empty() -> None:
    area = ClerkArea(f"postgresql://rasa@127.0.0.1:{free_port()}/none", "http://127.0.0.1:9", "")
    for path in ("/clerk/", "/clerk/missed", "/clerk/conversations/someone"):
        reply = area.handle(signed_in_get(area, path))
        assert reply.status == 503 and "cannot be read right now" in reply.body, path


@pytest.mark.parametrize(
    "asked, goes_to",
    [
        ("/clerk/missed?days=7", "/clerk/missed?days=7"),
        ("//elsewhere.example/clerk/", "/clerk/"),
        ("https://elsewhere.example/", "/clerk/"),
        ("/clerk//elsewhere.example", "/clerk/"),
        ("/clerk/sign-in", "/clerk/"),
        ("/", "/clerk/"),
    ],
)
def test_after_signing_in_only_a_clerk_page_of_this_server(asked: str, goes_to: str) -> None:
    assert safe_next(asked) == goes_to


def test_a_clerk_reads_the_intent_the_rule_that_overruled_it_and_the_answer() -> None:
    parsed = {
        "intent": {"name": "out_of_scope", "confidence": 0.42},
        "overruled_by": "the message is about another institution",
        "entities": [{"entity": "county", "value": "Linn"}],
        "intent_ranking": [
            {"name": "out_of_scope", "confidence": 0.42},
            {"name": "clerk_office_contact", "confidence": 0.3},
        ],
    }
    tried = tried_from("irs phone number", parsed, {})
    assert tried.intent == "out_of_scope" and tried.confidence == 0.42
    assert tried.overruled_by == "the message is about another institution"
    assert tried.entities == "county = Linn"
    assert tried.runners_up == "clerk_office_contact 30.0%"
    assert tried.answer.startswith("(unclear")
