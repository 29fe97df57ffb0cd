"""The assistant's topics (answers/topics.yml): the one list each topic is defined in.

Read by generate/domain.py (domain.yml's intents and responses, the topic rules, the test
stories), by action_handle_unclear_question (the "Did you mean" titles), by the answer book
and by the tests that check every topic has its examples.
"""

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Dict, List, Tuple

import yaml

TOPICS_FILE = Path(__file__).resolve().parent / "topics.yml"


@dataclass(frozen=True)
class Topic:
    """One thing visitors ask about, and how the assistant answers it."""

    intent: str
    section: str
    title: str | None = None
    title_es: str | None = None
    example: str | None = None
    answer: str | None = None
    answer_es: str | None = None
    # Each button: title, title_es (its Spanish) and payload.
    buttons: Tuple[Dict[str, str], ...] = field(default_factory=tuple)
    answered_by: str | None = None
    payload_only: bool = False

    @property
    def response(self) -> str | None:
        """The response of domain.yml holding the answer: utter_<intent>."""
        return f"utter_{self.intent}" if self.answer else None

    @property
    def action(self) -> str | None:
        """What answers the intent: the action or form named, else the response."""
        return self.answered_by or self.response


def read_topics(path: Path) -> List[Topic]:
    """Every topic of a topics file, in its order."""
    raw: List[Dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))["topics"]
    return [Topic(**{**topic, "buttons": tuple(topic.get("buttons", ()))}) for topic in raw]


@cache
def topics() -> Tuple[Topic, ...]:
    """The project's topics (answers/topics.yml), read once."""
    return tuple(read_topics(TOPICS_FILE))


def titles(language: str = "en") -> Dict[str, str]:
    """Intent -> its "Did you mean" button title in a language ("en" or "es"), for the topics
    that can be offered."""
    key = "title_es" if language == "es" else "title"
    return {topic.intent: getattr(topic, key) for topic in topics() if topic.title}
