"""The court's verified facts and Iowa's places: the one module that reads them.

`facts/court.yml` holds every phone number, address, hour, date and web address the
assistant states; `facts/iowa_places.yml` every county and town it routes. The actions, the
REST channel, the web page server, the generators and the tests all read them here, once.
Answers written elsewhere name a fact by its path in court.yml, `{offices.cedar_rapids.phone}`,
and `render` fills it in, so that a fact is written in one place only.
"""

import re
from functools import cache
from pathlib import Path
from typing import Any, Dict, Iterator, Tuple

import yaml

FACTS_DIR = Path(__file__).resolve().parent
COURT_FILE = FACTS_DIR / "court.yml"
PLACES_FILE = FACTS_DIR / "iowa_places.yml"
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


def fact(path: str) -> str:
    """The fact at a dotted path of court.yml: "offices.sioux_city.phone"."""
    node: Any = court()
    for key in path.split("."):
        if not isinstance(node, dict) or key not in node:
            raise UnknownFactError(f"{{{path}}} is not a fact of facts/court.yml")
        node = node[key]
    if isinstance(node, (dict, list)):
        raise UnknownFactError(f"{{{path}}} names a group of facts, not one fact")
    return str(node)


def render(template: str) -> str:
    """The template with every {fact.path} replaced by the fact."""
    return PLACEHOLDER.sub(lambda match: fact(match.group(1)), template)


def all_facts(node: Any = None, path: str = "") -> Iterator[Tuple[str, str]]:
    """(dotted path, value) of every single fact in court.yml."""
    node = court() if node is None else node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from all_facts(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for value in node:
            yield from all_facts(value, path)
    else:
        yield path, str(node)
