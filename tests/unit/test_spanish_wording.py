"""Good Spanish, checked: every Spanish text the assistant writes uses the court's terms of
answers/glossary_es.yml (never the words it lists under `avoid`) and the formal "usted".

The Spanish texts are found wherever they are kept: `answer_es` and `title_es` in
answers/topics.yml, and every text under an `es` key of the wording files of the actions,
the REST channel and the chat page, so that a new answer or message is checked without
being listed here.
"""

import re
from typing import Any, Iterator, List, Tuple

import pytest
import yaml

from answers import topics
from support import PROJECT_ROOT

GLOSSARY = yaml.safe_load((PROJECT_ROOT / "answers" / "glossary_es.yml").read_text("utf-8"))
WORDING_FILES = [
    PROJECT_ROOT / "answers" / "topics.yml",
    *sorted((PROJECT_ROOT / "actions").glob("*.yml")),
    *sorted((PROJECT_ROOT / "channels").glob("*.yml")),
    *sorted((PROJECT_ROOT / "web").glob("*.yml")),
]
SPANISH_KEYS = {"es", "answer_es", "title_es"}
# PACER's own labels stay in English, quoted ("Forgot password"): not the assistant's words.
QUOTED = re.compile(r'"[^"]*"')
# The informal "tú" forms a text in "usted" never uses.
INFORMAL = re.compile(
    r"\b(tú|tu|tus|te|ti|puedes|necesitas|tienes|quieres|debes|sabes|haz|dime|mira)\b", re.I
)


def spanish_texts(node: Any, path: str, spanish: bool = False) -> Iterator[Tuple[str, str]]:
    """(where, text) of every string under a Spanish key of a YAML tree."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from spanish_texts(value, f"{path}.{key}", spanish or key in SPANISH_KEYS)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from spanish_texts(value, f"{path}[{index}]", spanish)
    elif isinstance(node, str) and spanish:
        yield path, node


def all_spanish_texts() -> List[Tuple[str, str]]:
    texts = []
    for path in WORDING_FILES:
        tree = yaml.safe_load(path.read_text(encoding="utf-8"))
        texts += spanish_texts(tree, str(path.relative_to(PROJECT_ROOT)))
    return texts


def avoided(text: str) -> List[str]:
    """The glossary's avoided words found in a text, outside quoted PACER labels."""
    own_words = QUOTED.sub(" ", text)
    return [
        entry["word"]
        for entry in GLOSSARY["avoid"]
        if re.search(rf"\b{re.escape(entry['word'])}\b", own_words, re.IGNORECASE)
    ]


def test_the_spanish_texts_are_found() -> None:
    """Every answer's Spanish at least: a collector that finds nothing would pass anything."""
    answers = [where for where, _ in all_spanish_texts() if where.endswith("answer_es")]
    assert len(answers) == len([topic for topic in topics() if topic.answer])


@pytest.mark.parametrize("where, text", all_spanish_texts())
def test_spanish_uses_the_glossary_terms_and_usted(where: str, text: str) -> None:
    assert avoided(text) == [], f"{where}: use the glossary's term instead"
    assert INFORMAL.findall(QUOTED.sub(" ", text)) == [], f"{where}: write in 'usted'"


@pytest.mark.parametrize(
    "text, found",
    [
        ("Puede declararse en bancarrota sin abogado.", ["bancarrota"]),
        ('Haga clic en "Forgot password" (Olvidé mi contraseña).', []),
        ("Llame a la corte.", ["corte"]),
        ("Llame al tribunal.", []),
    ],
)
def test_the_check_finds_an_avoided_word_outside_quotes(text: str, found: List[str]) -> None:
    assert avoided(text) == found


def test_the_informal_check_finds_tu() -> None:
    assert INFORMAL.findall("Si tienes tu contraseña") == ["tienes", "tu"]
