"""`make answers`: the answer book holds every response of the domain and the routing table."""

import html
import json
import re
from pathlib import Path
from typing import Any, Dict

import pytest

from answers import topics
from generate.answer_book import main as build_answer_book
from support import PROJECT_ROOT


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("answers")
    build_answer_book(PROJECT_ROOT, out)
    return out


# Responses to intents only a button sends: the book shows the payload instead of examples.
PAYLOAD_ONLY = {topic.response for topic in topics() if topic.payload_only}


def test_every_response_is_in_the_book_with_three_example_questions(
    book: Path, domain: Dict[str, Any]
) -> None:
    page = (book / "answers.html").read_text()
    markdown = (book / "answers.md").read_text()
    for name, variants in domain["responses"].items():
        assert html.escape(name) in page and f"`{name}`" in markdown, name
        assert all(html.escape(variant["text"]) in page for variant in variants), name
        section = markdown.split(f"### `{name}`", 1)[1].split("###", 1)[0]
        english, spanish = section.split("En español:")
        if name in PAYLOAD_ONLY:
            assert english.count("\n- ") == 1 and "sent by a button" in english, name
        else:
            assert english.count("\n- ") == 3 and spanish.count("\n- ") == 3, name


def test_the_routing_table_lists_every_county_and_its_office(book: Path) -> None:
    markdown = (book / "answers.md").read_text()
    assert len(re.findall(r"^\| [A-Z][^|]* County \|", markdown, re.MULTILINE)) == 99
    assert "| Woodbury County | Northern | Western Division | Sioux City |" in markdown
    assert "| Polk County | Southern |" in markdown


def test_answers_json_maps_each_intent_to_its_answer(book: Path, domain: Dict[str, Any]) -> None:
    answers = json.loads((book / "answers.json").read_text())
    assert answers["pacer_upgrade"] == domain["responses"]["utter_pacer_upgrade"][0]["text"]
