"""Which language a message is written in: English, Spanish, another one, or not clear.

The assistant answers in English or Spanish, one language per conversation (the slot
`language`). The NLU (nlu_components/language.py) marks each message with the language it
is clearly written in; a short or mixed message ("ok", "Linn", "gracias", "mi password de
PACER") is clear in none and keeps the conversation's language. The actions, the REST
channel and the page server ask `spoken` which of the two to answer in, so that every part
of the assistant reads a conversation's language the same way.

A message counts as written in a language when it carries at least `min_signs` of its
signs (language.yml), and more of them than of any other language: function words from
spaCy's stop-word lists (without the words the languages share with English) and, for
Spanish, words visitors use in questions to this court and the marks "¿" and "¡".
"""

import importlib.util
import re
import runpy
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any, Dict, FrozenSet

import yaml


def stop_words(language: str) -> FrozenSet[str]:
    """spaCy's stop-word list of `language`, read from its file without importing spaCy:
    the action server imports this module, and `import spacy` would load TensorFlow into it
    (from 124 to 544 MB) for six word lists. The files are plain Python without imports."""
    spec = importlib.util.find_spec("spacy")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("spacy, whose stop-word lists tell the languages apart")
    path = Path(spec.origin).parent / "lang" / language / "stop_words.py"
    return frozenset(runpy.run_path(str(path))["STOP_WORDS"])


GERMAN, ENGLISH, SPANISH = stop_words("de"), stop_words("en"), stop_words("es")
FRENCH, ITALIAN, PORTUGUESE = stop_words("fr"), stop_words("it"), stop_words("pt")

ENGLISH_LANGUAGE, SPANISH_LANGUAGE, OTHER_LANGUAGE = "en", "es", "other"
# Words of the other lists that English visitors type too ("hi", "ok", "come", "no", "per").
SHARED_WITH_ENGLISH = frozenset(
    {"hi", "ok", "come", "no", "non", "per", "pacer", "online", "email", "me", "a", "e", "se"}
    | {"i", "o", "u", "y", "mi"}
)
WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
SPANISH_MARKS = re.compile("[¿¡]")


@cache
def settings() -> Dict[str, Any]:
    """language.yml, read once."""
    return yaml.safe_load(Path(__file__).with_suffix(".yml").read_text(encoding="utf-8"))


def plain(word: str) -> str:
    """The word in lower case without accents: visitors often leave them out."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(char for char in decomposed if unicodedata.category(char) != "Mn")


@cache
def signs() -> Dict[str, FrozenSet[str]]:
    """Language -> the words that are signs of it (accents removed)."""
    spanish = {plain(word) for word in SPANISH} | set(settings()["spanish_words"].split())
    spanish = spanish - {plain(word) for word in ENGLISH} - SHARED_WITH_ENGLISH
    others = {plain(word) for word in FRENCH | GERMAN | PORTUGUESE | ITALIAN}
    others = others - spanish - {plain(word) for word in ENGLISH} - SHARED_WITH_ENGLISH
    return {
        ENGLISH_LANGUAGE: frozenset(ENGLISH) - {"a", "e", "i", "o", "y"},
        SPANISH_LANGUAGE: frozenset(spanish),
        OTHER_LANGUAGE: frozenset(others),
    }


def asked_for(text: str) -> str | None:
    """The language the visitor asks to be answered in ("en español", "in English please");
    none for a question about words of a language ("how do I say hello in Spanish")."""
    if re.search(settings()["about_words"], text, re.IGNORECASE):
        return None
    for language, pattern in settings()["asks_for"].items():
        if re.search(pattern, text, re.IGNORECASE):
            return language
    return None


def written_in(text: str) -> str | None:
    """The language the message is clearly written in ("en", "es" or "other"), or None when
    it is too short or too mixed to tell: then the conversation keeps its language."""
    words = [plain(word) for word in WORD.findall(text)]
    counts = {
        language: sum(word in vocabulary for word in words)
        for language, vocabulary in signs().items()
    }
    if SPANISH_MARKS.search(text):
        counts[SPANISH_LANGUAGE] += 2
    best = max(counts, key=lambda language: counts[language])
    others = [count for language, count in counts.items() if language != best]
    if counts[best] < settings()["min_signs"][best] or counts[best] <= max(others):
        return None
    return best


def spoken(language: str | None) -> str:
    """The language to answer in for a conversation whose slot `language` holds `language`:
    English until the visitor has written Spanish or chosen it."""
    return language if language in settings()["languages"] else settings()["default"]
