"""Nothing measured is trained on: the hold-out, CLINC150's test files, the visitors sets and
the conversations sets stay out of data/ (topic completeness is tests/unit/test_topics.py)."""

import re
from pathlib import Path
from typing import Iterator, List, Set, Tuple

import pytest

from actions.places import Places
from generate.nlu_files import examples_by_intent
from measure import conversations
from measure.visitors import HELPER_SET_DIR, SET_DIR, Case, load_cases
from support import MEASUREMENT_SETS, PROJECT_ROOT, TESTS_DIR

CLINC = MEASUREMENT_SETS / "clinc150"


def normalise(sentence: str) -> str:
    """Lower-case words and digits only: "Closest clerk office?" == "closest clerk office"."""
    return " ".join(re.findall(r"[a-z0-9]+", sentence.lower()))


def nlu_examples(path: Path) -> Iterator[Tuple[str, str]]:
    """(intent, example) pairs of one Rasa NLU file."""
    for intent, examples in examples_by_intent(path).items():
        for example in examples:
            yield intent, example


@pytest.fixture(scope="module")
def training_examples() -> List[Tuple[str, str]]:
    return [
        pair
        for path in sorted((PROJECT_ROOT / "data" / "nlu").glob("*.yml"))
        for pair in nlu_examples(path)
    ]


@pytest.fixture(scope="module")
def holdout_examples() -> List[Tuple[str, str]]:
    return list(nlu_examples(TESTS_DIR / "nlu_holdout.yml"))


def visitor_cases() -> List[Case]:
    """The cases of the visitors set and of the helpers' set."""
    return load_cases(SET_DIR) + load_cases(HELPER_SET_DIR)


def visitor_messages() -> List[str]:
    """Every message a visitor sends in a measurement set: each turn of the visitors sets
    and each `say` of the conversations sets (the public one and the helpers' blind one)."""
    conversation_says = [
        turn.say
        for set_dir in (conversations.SET_DIR, conversations.HELPER_SET_DIR)
        for case in conversations.load_cases(set_dir)
        for turn in case.turns
    ]
    return [turn for case in visitor_cases() for turn in case.turns] + conversation_says


def measurement_sentences() -> Set[str]:
    """Every sentence of the CLINC150 test files, of the visitors sets and of the
    conversations set, normalised. A visitor message that is nothing but a place's name
    ("Mason City") is left out: the place gazetteer's generated examples name every place,
    and that is not a leak."""
    oos_test = (CLINC / "oos_test.txt").read_text().splitlines()
    inscope = [
        row.split("\t")[0] for row in (CLINC / "inscope_test.tsv").read_text().splitlines()[1:]
    ]
    places = Places.load()
    visitors = [
        turn for turn in visitor_messages() if not places.readings_of_spelling(turn.strip(" ?.!"))
    ]
    return {normalise(s) for s in oos_test + inscope + visitors if len(normalise(s).split()) > 1}


def spans(sentence: str) -> Set[str]:
    """Every run of consecutive words of a normalised sentence."""
    words = sentence.split()
    return {" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)}


def near_copies(text: str, others: Set[str], least: float = 0.8) -> List[str]:
    """Sentences of `others` (of four words or more) sharing most of their words with `text`."""
    words = set(text.split())
    return [
        other
        for other in others
        if len(set(other.split())) >= 4
        and len(words & set(other.split())) / len(words | set(other.split())) >= least
    ]


def test_the_holdout_is_never_trained_on(
    training_examples: List[Tuple[str, str]],
    holdout_examples: List[Tuple[str, str]],
) -> None:
    trained = {normalise(example) for _, example in training_examples}
    assert [e for _, e in holdout_examples if normalise(e) in trained] == []


def test_no_measurement_sentence_is_in_the_training_data(
    training_examples: List[Tuple[str, str]],
) -> None:
    """No sentence of oos_test, inscope_test, the visitors sets or the conversations set,
    whole or inside a longer example, and no near copy of a visitor's message (most words
    shared)."""
    measured = measurement_sentences()
    trained = {normalise(example) for _, example in training_examples}
    within = set().union(*(spans(example) for example in trained))
    leaked = [s for s in measured if s in trained or (len(s) > 25 and s in within)]
    visitors = {normalise(turn) for turn in visitor_messages()}
    copied = [(example, near_copies(example, visitors)) for example in trained]
    assert leaked == [] and [pair for pair in copied if pair[1]] == []
