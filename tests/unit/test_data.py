"""Nothing measured is trained on: the hold-outs (English and Spanish), CLINC150's test files,
the visitors sets and the conversations sets stay out of data/ (topic completeness is
tests/unit/test_topics.py). The Spanish training data (data/nlu/es/) covers every typed topic
and reads as Spanish."""

import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Iterator, List, Set, Tuple

import pytest
import yaml

from actions.places import Places
from answers import topics
from generate.nlu_files import examples_by_intent
from measure import conversations
from measure.visitors import HELPER_SET_DIR, SET_DIR, Case, load_cases
from support import MEASUREMENT_SETS, PROJECT_ROOT, TESTS_DIR
from understanding.language import ENGLISH_LANGUAGE, OTHER_LANGUAGE, written_in

CLINC = MEASUREMENT_SETS / "clinc150"
NLU_DIR = PROJECT_ROOT / "data" / "nlu"
SPANISH_DIR = NLU_DIR / "es"
HOLDOUTS = (TESTS_DIR / "nlu_holdout.yml", TESTS_DIR / "nlu_holdout_es.yml")
SPANISH_HOLDOUT = HOLDOUTS[1]
# A Spanish-speaking visitor's question to each topic is taught by at least this many Spanish
# examples and measured on at least this many held out.
MIN_SPANISH_EXAMPLES, MIN_SPANISH_HOLDOUT = 15, 5
# Asking to be answered in a language, and asking about languages, is written in both
# languages: data/nlu/es/language.yml, and the hold-out's requests for a language.
BOTH_LANGUAGES_FILE = SPANISH_DIR / "language.yml"
BOTH_LANGUAGES = {"choose_language"}


def normalise(sentence: str) -> str:
    """Lower-case words and digits only, accents removed: "Closest clerk office?" == "closest
    clerk office", "¿Qué oficina?" == "que oficina"."""
    decomposed = unicodedata.normalize("NFKD", sentence.lower())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.findall(r"[a-z0-9]+", plain))


def nlu_examples(path: Path) -> Iterator[Tuple[str, str]]:
    """(intent, example) pairs of one Rasa NLU file."""
    for intent, examples in examples_by_intent(path).items():
        for example in examples:
            yield intent, example


def examples_in(paths: List[Path]) -> List[Tuple[str, str]]:
    """(intent, example) pairs of several NLU files."""
    return [pair for path in paths for pair in nlu_examples(path)]


@pytest.fixture(scope="module")
def training_examples() -> List[Tuple[str, str]]:
    """English and Spanish training examples: data/nlu/ and data/nlu/es/."""
    return examples_in(sorted(NLU_DIR.rglob("*.yml")))


@pytest.fixture(scope="module")
def holdout_examples() -> List[Tuple[str, str]]:
    return examples_in(list(HOLDOUTS))


@pytest.fixture(scope="module")
def spanish_examples() -> List[Tuple[str, str]]:
    return examples_in(sorted(SPANISH_DIR.glob("*.yml")))


def visitor_cases() -> List[Case]:
    """The cases of the visitors set and of the helpers' set."""
    return load_cases(SET_DIR) + load_cases(HELPER_SET_DIR)


def visitor_messages() -> List[str]:
    """Every message a visitor sends in a measurement set: each turn of the visitors sets
    and each `say` of the conversations sets (the public one and the helpers' blind one)."""
    conversation_says = [
        turn.say
        for set_dir in conversations.ALL_SET_DIRS
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


def typed_intents() -> Set[str]:
    """Intents with English training examples, less those only sent by a button."""
    english = {intent for path in NLU_DIR.glob("*.yml") for intent, _ in nlu_examples(path)}
    return english - {topic.intent for topic in topics() if topic.payload_only}


def too_few(examples: List[Tuple[str, str]], least: int) -> List[str]:
    """The typed intents with fewer than `least` of the examples, each with its count."""
    counts = Counter(intent for intent, _ in examples)
    return [f"{i}: {counts[i]}" for i in sorted(typed_intents()) if counts[i] < least]


def test_every_typed_topic_has_spanish_examples_and_holdout(
    spanish_examples: List[Tuple[str, str]],
) -> None:
    """A Spanish-speaking visitor is understood on every topic an English one is, and that
    is measured (tests/nlu_holdout_es.yml)."""
    assert too_few(spanish_examples, MIN_SPANISH_EXAMPLES) == []
    assert too_few(list(nlu_examples(SPANISH_HOLDOUT)), MIN_SPANISH_HOLDOUT) == []


def test_each_spanish_file_holds_the_intents_of_its_english_file() -> None:
    """data/nlu/es/pacer_accounts.yml teaches what data/nlu/pacer_accounts.yml does, so that
    a topic's two languages are edited side by side."""
    mismatched = [
        path.name
        for path in sorted(SPANISH_DIR.glob("*.yml"))
        if (NLU_DIR / path.name).exists()
        and set(examples_by_intent(path)) != set(examples_by_intent(NLU_DIR / path.name))
    ]
    assert mismatched == []


def test_spanish_examples_read_as_spanish_or_unclear() -> None:
    """No Spanish example reads as English or as another language to understanding/language.py:
    it would switch the conversation's language, or be declined, instead of being answered."""
    one_language = [
        (intent, example)
        for path in sorted(SPANISH_DIR.glob("*.yml"))
        if path != BOTH_LANGUAGES_FILE
        for intent, example in nlu_examples(path)
    ]
    held_out = list(nlu_examples(SPANISH_HOLDOUT))
    misread = [
        (example, written_in(example))
        for intent, example in one_language + held_out
        if intent not in BOTH_LANGUAGES
        and written_in(example) in (ENGLISH_LANGUAGE, OTHER_LANGUAGE)
    ]
    assert misread == []


def block_languages(path: Path) -> List[Tuple[str, str]]:
    """(intent, language its block names, or "") for each intent block of an NLU file."""
    blocks = yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", [])
    return [
        (block["intent"], (block.get("metadata") or {}).get("language", ""))
        for block in blocks
        if "intent" in block
    ]


def test_each_training_block_names_the_language_the_classifier_learns_it_in() -> None:
    """The intent classifier trains one regression per language from the blocks' metadata
    (nlu_components/intent_classifier.py): a Spanish block without `language: es` would teach
    English guesses Spanish words, and one in data/nlu/ would take English from them."""
    english_files = sorted(NLU_DIR.glob("*.yml"))
    spanish_files = sorted(set(SPANISH_DIR.glob("*.yml")) - {BOTH_LANGUAGES_FILE})
    assert [(p.name, b) for p in english_files for b in block_languages(p) if b[1]] == []
    assert [(p.name, b) for p in spanish_files for b in block_languages(p) if b[1] != "es"] == []
    both = block_languages(BOTH_LANGUAGES_FILE)
    assert {language for _, language in both} == {"es", ""}
    english_requests = [
        example
        for block in yaml.safe_load(BOTH_LANGUAGES_FILE.read_text(encoding="utf-8"))["nlu"]
        if not (block.get("metadata") or {}).get("language")
        for example in block["examples"].splitlines()
    ]
    assert [e for e in english_requests if written_in(e) == "es"] == []
