"""One source of truth: every fact an answer states must be a fact in facts/court.yml."""

import re
from typing import Any, Dict, Iterator, List, Set

import pytest

from support import PROJECT_ROOT, load_yaml

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# Kinds of fact an answer can state, each with the pattern that finds it in a text.
FACT_PATTERNS = {
    "phone number": re.compile(r"\b\d{3}-\d{3}-\d{4}\b"),
    "date": re.compile(rf"\b(?:{MONTHS}) \d{{1,2}}, \d{{4}}\b"),
    "time of day": re.compile(r"\b\d{1,2}(?::\d{2})? [ap]\.m\."),
    "street address": re.compile(r"\b\d+ [0-9A-Za-z]+ (?:Avenue|Street)(?: [NS][EW])?"),
    "city and ZIP code": re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)?, IA \d{5}\b"),
    "email address": re.compile(r"\b[\w.-]+@[\w-]+(?:\.[\w-]+)+\b"),
    "web address": re.compile(r"\b[\w-]+\.uscourts\.gov\b(?!@)"),
    "amount of money": re.compile(r"\$\d+(?:\.\d{2})?"),
    "quoted menu label": re.compile(r'"([^"]+)"'),
}


def fact_values(node: Any) -> Iterator[str]:
    """Every scalar value in the facts file, as text."""
    if isinstance(node, dict):
        for value in node.values():
            yield from fact_values(value)
    elif isinstance(node, list):
        for value in node:
            yield from fact_values(value)
    else:
        yield str(node)


@pytest.fixture(scope="module")
def known_facts() -> Set[str]:
    return set(fact_values(load_yaml(PROJECT_ROOT / "facts" / "court.yml")))


def unknown_facts(text: str, known: Set[str]) -> List[str]:
    """The facts stated in `text` that are not values in facts/court.yml."""
    found = []
    for kind, pattern in FACT_PATTERNS.items():
        for match in pattern.finditer(text):
            stated = match.group(match.lastindex or 0)
            if not any(stated == fact or stated in fact for fact in known):
                found.append(f"{kind}: {stated!r}")
    return found


def all_response_texts(domain: Dict[str, Any]) -> Iterator[tuple]:
    for name, variants in domain["responses"].items():
        for variant in variants:
            texts = [variant.get("text", "")] + [b["title"] for b in variant.get("buttons", [])]
            for text in texts:
                yield name, text


def test_every_fact_in_every_response_agrees_with_the_facts_file(
    domain: Dict[str, Any], known_facts: Set[str]
) -> None:
    disagreements = [
        f"{name}: {problem}"
        for name, text in all_response_texts(domain)
        for problem in unknown_facts(text, known_facts)
    ]
    assert not disagreements, "\n".join(disagreements)


@pytest.mark.parametrize(
    "wrong",
    [
        "Call us at 319-286-2201.",
        "NextGen went live on May 1, 2018.",
        "Open until 5:00 p.m. on weekdays.",
        "Visit us at 112 7th Avenue SE.",
        "Write to help@ianb.uscourts.gov.",
        "See ecf.iand.uscourts.gov for more.",
        "Fees are waived under $15.",
        'Open "Manage Account" in PACER.',
        "Sioux City, IA 51102",
    ],
)
def test_a_wrong_fact_is_caught(wrong: str, known_facts: Set[str]) -> None:
    assert unknown_facts(wrong, known_facts)


def test_the_court_notice_and_the_facts_agree_on_the_key_numbers(known_facts: Set[str]) -> None:
    notice = (PROJECT_ROOT / "facts" / "sources" / "nextgen-instructions.txt").read_text()
    for phone in FACT_PATTERNS["phone number"].findall(notice):
        assert phone in known_facts
    assert "April 30, 2018" in known_facts and "April 30th, 2018" in notice
    assert "August 11, 2014" in known_facts and "August 11, 2014" in notice


WEB_FACT_KINDS = ["phone number", "date", "time of day", "email address", "amount of money"]


def test_every_fact_on_the_web_pages_agrees_with_the_facts_file(known_facts: Set[str]) -> None:
    disagreements = []
    for page in sorted((PROJECT_ROOT / "web").glob("*.*")):
        text = page.read_text(encoding="utf-8")
        for kind in WEB_FACT_KINDS:
            for stated in FACT_PATTERNS[kind].findall(text):
                if not any(stated in fact for fact in known_facts):
                    disagreements.append(f"{page.name}: {kind}: {stated!r}")
    assert not disagreements, "\n".join(disagreements)
