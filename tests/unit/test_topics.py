"""One place per topic: answers/topics.yml. Whatever repeats it is generated (domain.yml's
intents and responses, the topic rules, the test stories) and checked current here; whatever
cannot be generated (training and hold-out examples) is checked complete, with a message that
says which file to edit."""

import re
import shutil
from pathlib import Path
from typing import Dict, List

import pytest
import yaml

from answers import read_topics
from facts import UnknownFactError, render
from generate.domain import stale_files
from generate.nlu_files import examples_by_intent
from support import PROJECT_ROOT, load_yaml

MIN_TRAINING_EXAMPLES = 25
MIN_HOLDOUT_EXAMPLES = 5


def examples_in(paths: List[Path]) -> Dict[str, int]:
    """Intent -> how many examples the NLU files give it."""
    counts: Dict[str, int] = {}
    for path in paths:
        for intent, texts in examples_by_intent(path).items():
            counts[intent] = counts.get(intent, 0) + len(texts)
    return counts


def missing_examples(intent: str, trained: Dict[str, int], held_out: Dict[str, int]) -> List[str]:
    """What a typed topic lacks in training and hold-out examples."""
    name, problems = f"topic '{intent}'", []
    if trained.get(intent, 0) < MIN_TRAINING_EXAMPLES:
        problems.append(
            f"{name} has {trained.get(intent, 0)} training examples: add at least "
            f"{MIN_TRAINING_EXAMPLES} under `- intent: {intent}` in a file of data/nlu/"
        )
    if held_out.get(intent, 0) < MIN_HOLDOUT_EXAMPLES:
        problems.append(
            f"{name} has {held_out.get(intent, 0)} hold-out examples: add at least "
            f"{MIN_HOLDOUT_EXAMPLES} under `- intent: {intent}` in tests/nlu_holdout.yml"
        )
    return problems


def missing_pieces(project: Path) -> List[str]:
    """What a topic of `project` still lacks, each with the file to edit."""
    topics = read_topics(project / "answers" / "topics.yml")
    trained = examples_in(sorted((project / "data" / "nlu").glob("*.yml")))
    held_out = examples_in([project / "tests" / "nlu_holdout.yml"])
    domain = load_yaml(project / "domain.yml")
    runnable = set(domain.get("actions") or []) | set(domain.get("forms") or {})
    problems = []
    for topic in topics:
        name = f"topic '{topic.intent}'"
        if not topic.payload_only:
            problems += missing_examples(topic.intent, trained, held_out)
        if not topic.answer and not topic.answered_by:
            problems.append(f"{name} has no answer: give it `answer:` in answers/topics.yml")
        if topic.answered_by and topic.answered_by not in runnable:
            problems.append(
                f"{name} is answered by '{topic.answered_by}', which domain.yml lists under "
                "neither `actions:` nor `forms:`: add it there, above the marker line"
            )
        if topic.answered_by not in (domain.get("forms") or {}) and not topic.example:
            problems.append(f"{name} has no `example:` question in answers/topics.yml")
        if re.match(r"(Yes|No)\b", topic.answer or ""):
            problems.append(
                f"{name}: its answer opens with Yes or No, which reads as the answer to another "
                "question; start with the fact (answers/topics.yml)"
            )
        try:
            render(topic.answer or "")
        except UnknownFactError as error:
            problems.append(f"{name}: {error.args[0]} (answers/topics.yml)")
    known = {topic.intent for topic in topics}
    problems += [
        f"intent '{intent}' has training examples in data/nlu/ but no topic: add it to "
        "answers/topics.yml"
        for intent in sorted(set(trained) - known)
    ]
    return problems


def test_every_topic_has_its_answer_and_its_examples() -> None:
    assert missing_pieces(PROJECT_ROOT) == []


def test_the_generated_files_are_what_the_topics_and_facts_give() -> None:
    stale = [str(path.relative_to(PROJECT_ROOT)) for path in stale_files()]
    assert stale == [], f"stale: {stale}; run `make domain`"


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """The files the topic checks read, copied so that a test can break them."""
    for part in ["answers", "data/nlu", "tests/nlu_holdout.yml", "domain.yml"]:
        source, target = PROJECT_ROOT / part, tmp_path / part
        target.parent.mkdir(parents=True, exist_ok=True)
        copy = shutil.copytree if source.is_dir() else shutil.copy
        copy(source, target)
    return tmp_path


def test_a_half_added_topic_fails_with_a_message_naming_the_files_to_edit(
    project_copy: Path,
) -> None:
    """A topic added to answers/topics.yml only: no examples, no hold-out, a misnamed fact."""
    topics_file = project_copy / "answers" / "topics.yml"
    topics = yaml.safe_load(topics_file.read_text())
    topics["topics"].append(
        {
            "intent": "court_parking",
            "section": "Clerk's offices",
            "example": "where do i park",
            "answer": "Parking: call {offices.cedar_rapids.fax}.",
        }
    )
    topics_file.write_text(yaml.safe_dump(topics))
    assert missing_pieces(project_copy) == [
        "topic 'court_parking' has 0 training examples: add at least 25 under "
        "`- intent: court_parking` in a file of data/nlu/",
        "topic 'court_parking' has 0 hold-out examples: add at least 5 under "
        "`- intent: court_parking` in tests/nlu_holdout.yml",
        "topic 'court_parking': {offices.cedar_rapids.fax} is not a fact of facts/court.yml "
        "(answers/topics.yml)",
    ]


def test_training_examples_without_a_topic_are_named(project_copy: Path) -> None:
    extra = project_copy / "data" / "nlu" / "parking.yml"
    extra.write_text(
        'version: "3.1"\nnlu:\n- intent: court_parking\n  examples: |\n    - parking?\n'
    )
    assert missing_pieces(project_copy) == [
        "intent 'court_parking' has training examples in data/nlu/ but no topic: add it to "
        "answers/topics.yml"
    ]
