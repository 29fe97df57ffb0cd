"""The training and test data hang together: names match, nothing measured is trained on."""

import re
from collections import Counter
from pathlib import Path
from typing import Any, Dict, Iterator, List, Set, Tuple

import pytest

from conftest import PROJECT_ROOT, SHARED_DIR, TESTS_DIR, load_yaml
from scripts.nlu_files import examples_by_intent

MIN_TRAINING_EXAMPLES = 25
MIN_HOLDOUT_EXAMPLES = 5
MEASUREMENT_SETS = SHARED_DIR / "eval" / "clinc150"
# Intents answered by the office routing form rather than by a response of their own.
ROUTING_INTENTS = {"which_office", "inform_place"}


def normalise(sentence: str) -> str:
    return re.sub(r"\s+", " ", sentence.lower()).strip(" ?.!")


def nlu_examples(path: Path) -> Iterator[Tuple[str, str]]:
    """(intent, example) pairs of one Rasa NLU file."""
    for intent, examples in examples_by_intent(path).items():
        for example in examples:
            yield intent, example


@pytest.fixture(scope="module")
def training_examples() -> List[Tuple[str, str]]:
    return [pair for path in sorted((PROJECT_ROOT / "data" / "nlu").glob("*.yml"))
            for pair in nlu_examples(path)]


@pytest.fixture(scope="module")
def holdout_examples() -> List[Tuple[str, str]]:
    return list(nlu_examples(TESTS_DIR / "nlu_holdout.yml"))


def measurement_sentences() -> Set[str]:
    oos_test = (MEASUREMENT_SETS / "oos_test.txt").read_text().splitlines()
    inscope = [row.split("\t")[0] for row in
               (MEASUREMENT_SETS / "inscope_test.tsv").read_text().splitlines()[1:]]
    return {normalise(s) for s in oos_test + inscope if s.strip()}


def test_every_intent_has_enough_varied_training_examples(
    domain: Dict[str, Any], training_examples: List[Tuple[str, str]]
) -> None:
    counts = Counter(intent for intent, _ in training_examples)
    too_few = {i: counts[i] for i in domain["intents"] if counts[i] < MIN_TRAINING_EXAMPLES}
    assert not too_few


def test_every_intent_has_a_rule_answering_it_with_the_response_of_the_same_name(
    domain: Dict[str, Any]
) -> None:
    rules = load_yaml(PROJECT_ROOT / "data" / "rules.yml")["rules"]
    answered = {
        rule["steps"][0]["intent"]: rule["steps"][1]["action"]
        for rule in rules
        if "intent" in rule["steps"][0]
    }
    for intent in set(domain["intents"]) - ROUTING_INTENTS:
        assert answered.get(intent) == f"utter_{intent}", intent
        assert f"utter_{intent}" in domain["responses"], intent
    for intent in ROUTING_INTENTS:
        assert answered.get(intent) == "office_location_form", intent


def test_every_topic_has_a_test_story_of_its_name(domain: Dict[str, Any]) -> None:
    stories = load_yaml(TESTS_DIR / "stories" / "topics.yml")["stories"]
    assert {story["story"] for story in stories} == set(domain["intents"]) - ROUTING_INTENTS


def test_every_intent_appears_in_a_test_story(domain: Dict[str, Any]) -> None:
    tested = {
        step["intent"]
        for path in (TESTS_DIR / "stories").glob("*.yml")
        for story in load_yaml(path)["stories"]
        for step in story["steps"]
        if "intent" in step
    }
    assert set(domain["intents"]) - tested == set()


def test_holdout_covers_every_intent_and_is_never_trained_on(
    domain: Dict[str, Any],
    training_examples: List[Tuple[str, str]],
    holdout_examples: List[Tuple[str, str]],
) -> None:
    counts = Counter(intent for intent, _ in holdout_examples)
    assert {i: counts[i] for i in domain["intents"] if counts[i] < MIN_HOLDOUT_EXAMPLES} == {}
    trained = {normalise(example) for _, example in training_examples}
    assert [e for _, e in holdout_examples if normalise(e) in trained] == []


def test_no_measurement_sentence_is_in_the_training_data(
    training_examples: List[Tuple[str, str]]
) -> None:
    measured = measurement_sentences()
    long_ones = [s for s in measured if len(s) > 25]
    leaked = [
        example for _, example in training_examples
        if normalise(example) in measured or any(s in normalise(example) for s in long_ones)
    ]
    assert leaked == []
