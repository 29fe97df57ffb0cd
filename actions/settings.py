"""The wording and settings of each action module, read once from the YAML file beside it.

A module's YAML file holds its settings and its wording in English at the top level, and
under `es` the same wording keys again in Spanish: only the texts visitors read, never the
settings or the words read in visitors' messages (those apply whatever the conversation's
language). `not_said` lists the top-level keys that are settings or such word lists; every
other top-level key is wording, and has its Spanish under `es` with the same keys
(tests/unit/test_wording_languages.py checks it).

Wording may name a fact of facts/court.yml by its path, {offices.cedar_rapids.phone}: it is
filled in here, said in the wording's language ("{office_hours.days}": "Monday to Friday",
"de lunes a viernes"), so that no phone number or hour is written twice. Single-word fields
such as {place} are left for the action to fill.

    SETTINGS = load_settings(__file__)
    SETTINGS["payment_words"]              # a setting (or English wording)
    SETTINGS.wording("es")["ask_place"]    # "¿En qué condado o ciudad de Iowa se encuentra?"
"""

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Dict, Iterator, List

import yaml

from facts import render
from understanding.language import spoken

ACTIONS_DIR = Path(__file__).resolve().parent
ENGLISH = "en"
# The languages besides English a wording file speaks, each one's wording under its own key.
LANGUAGES = ("es",)
# The key that lists the top-level keys that are not wording (settings, words read in messages).
NOT_SAID = "not_said"


def with_facts(node: Any, language: str = ENGLISH) -> Any:
    """Every text of a settings tree with its {fact.path} placeholders filled in, said in
    `language`."""
    if isinstance(node, dict):
        return {key: with_facts(value, language) for key, value in node.items()}
    if isinstance(node, list):
        return [with_facts(value, language) for value in node]
    return render(node, language) if isinstance(node, str) else node


def overlaid(base: Any, over: Any) -> Any:
    """`base` with the texts of `over` in place of its own, key by key."""
    if not (isinstance(base, dict) and isinstance(over, dict)):
        return over
    merged = dict(base)
    for key, value in over.items():
        merged[key] = overlaid(base[key], value) if key in base else value
    return merged


class Settings(Mapping):
    """One action module's settings and wording. As a mapping: the English (what the module
    reads whatever the language); `wording(language)`: the same with that language's texts
    in place of the English ones, facts said in that language."""

    def __init__(self, tree: Dict[str, Any]) -> None:
        self.english: Dict[str, Any] = {k: v for k, v in tree.items() if k not in LANGUAGES}
        self.translations: Dict[str, Dict[str, Any]] = {
            language: tree.get(language) or {} for language in LANGUAGES
        }
        self._wording: Dict[str, Dict[str, Any]] = {ENGLISH: with_facts(self.english)}

    def wording(self, language: str | None) -> Dict[str, Any]:
        """The settings with the wording of `language` (a slot value: unset or unknown is
        English), read once per language."""
        language = spoken(language)
        if language not in self._wording:
            tree = overlaid(self.english, self.translations.get(language, {}))
            self._wording[language] = with_facts(tree, language)
        return self._wording[language]

    def said_keys(self) -> List[str]:
        """The top-level keys that are wording visitors read, in the file's order."""
        not_said = set(self.english.get(NOT_SAID) or []) | {NOT_SAID}
        return [key for key in self.english if key not in not_said]

    def __getitem__(self, key: str) -> Any:
        return self._wording[ENGLISH][key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._wording[ENGLISH])

    def __len__(self) -> int:
        return len(self._wording[ENGLISH])


def settings_path(module_file: str) -> Path:
    return ACTIONS_DIR / f"{Path(module_file).stem}.yml"


def load_settings(module_file: str) -> Settings:
    """Read `<module>.yml` beside the module `module_file` (pass `__file__`)."""
    path = settings_path(module_file)
    return Settings(yaml.safe_load(path.read_text(encoding="utf-8")))
