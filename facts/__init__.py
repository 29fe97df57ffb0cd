"""The court's verified facts and Iowa's places: the one module that reads them.

`facts/court.yml` holds every phone number, address, hour, date and web address the
assistant states; `facts/iowa_places.yml` every county and town it routes. The actions, the
REST channel, the web page server, the generators and the tests all read them here, once.
Answers written elsewhere name a fact by its path in court.yml, `{offices.cedar_rapids.phone}`,
and `render` fills it in, so that a fact is written in one place only.

The assistant speaks English and Spanish. A fact that is words ("Monday to Friday") is
written in court.yml as `{en: ..., es: ...}`, both forms side by side; a date is written
once, as YYYY-MM-DD, and spelled out per language from calendar.yml ("April 30, 2018",
"30 de abril de 2018"). Numbers, addresses and web addresses are the same in both.
"""

import datetime
import re
from functools import cache
from pathlib import Path
from typing import Any, Dict, Iterator, Tuple

import yaml

FACTS_DIR = Path(__file__).resolve().parent
COURT_FILE = FACTS_DIR / "court.yml"
PLACES_FILE = FACTS_DIR / "iowa_places.yml"
CALENDAR_FILE = FACTS_DIR / "calendar.yml"
LANGUAGES = ("en", "es")
SOURCES_DIR = FACTS_DIR / "sources"
# {offices.cedar_rapids.phone}: a path of at least two keys, so that Rasa's own {slot}
# templates and str.format fields in wording files are left alone.
PLACEHOLDER = re.compile(r"\{([a-z_]+(?:\.[a-z_]+)+)\}")


class UnknownFactError(KeyError):
    """A placeholder names no fact of facts/court.yml."""


@cache
def court() -> Dict[str, Any]:
    """The court's facts (facts/court.yml), read once."""
    return yaml.safe_load(COURT_FILE.read_text(encoding="utf-8"))


@cache
def calendar() -> Dict[str, Any]:
    """Month names and date formats per language (calendar.yml), read once."""
    return yaml.safe_load(CALENDAR_FILE.read_text(encoding="utf-8"))


def is_translated(node: Any) -> bool:
    """True for a fact written in words in each language: {en: ..., es: ...}."""
    return isinstance(node, dict) and set(node) == set(LANGUAGES)


def written_date(date: datetime.date, language: str = "en") -> str:
    """A date as the language writes it: "April 30, 2018", "30 de abril de 2018"."""
    month = calendar()["months"][language][date.month - 1]
    return calendar()["date_format"][language].format(month=month, day=date.day, year=date.year)


def in_language(node: Any, language: str) -> str:
    """One fact's value as said in `language`."""
    if is_translated(node):
        return str(node[language])
    if isinstance(node, datetime.date):
        return written_date(node, language)
    return str(node)


def fact(path: str, language: str = "en") -> str:
    """The fact at a dotted path of court.yml, "offices.sioux_city.phone", in a language."""
    node: Any = court()
    for key in path.split("."):
        if not isinstance(node, dict) or key not in node:
            raise UnknownFactError(f"{{{path}}} is not a fact of facts/court.yml")
        node = node[key]
    if isinstance(node, list) or (isinstance(node, dict) and not is_translated(node)):
        raise UnknownFactError(f"{{{path}}} names a group of facts, not one fact")
    return in_language(node, language)


def group(path: str, language: str = "en") -> Dict[str, str]:
    """The facts under a dotted path, each said in `language`: group("offices.sioux_city")."""
    node: Any = court()
    for key in path.split("."):
        node = node[key]
    return {
        key: in_language(value, language)
        for key, value in node.items()
        if not isinstance(value, (dict, list)) or is_translated(value)
    }


def render(template: str, language: str = "en") -> str:
    """The template with every {fact.path} replaced by the fact, said in `language`."""
    return PLACEHOLDER.sub(lambda match: fact(match.group(1), language), template)


def all_facts(node: Any = None, path: str = "") -> Iterator[Tuple[str, str]]:
    """(dotted path, value in English) of every single fact in court.yml."""
    node = court() if node is None else node
    if is_translated(node) or isinstance(node, datetime.date):
        yield path, in_language(node, "en")
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from all_facts(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for value in node:
            yield from all_facts(value, path)
    else:
        yield path, str(node)
