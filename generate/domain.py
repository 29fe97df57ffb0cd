"""Generate what repeats the topic list: domain.yml's intents and responses, the topic rules
of data/rules.yml, and the test stories of tests/stories/topics.yml.

answers/topics.yml is the one place a topic is defined, facts/court.yml the one place a
fact is; this writes them where Rasa reads them. domain.yml and data/rules.yml keep a part
written by hand (slots, forms, actions; the form and fallback rules) above a marker line,
and the generated part below it. `--check` fails, naming the stale file, when a generated
part is not what the topic list and the facts give (tests/unit/test_topics.py runs it).

Usage (from the project root): python -m generate.domain [--check]
"""

import sys
import textwrap
from pathlib import Path
from typing import Dict, List, Tuple

import yaml

from answers import Topic, topics
from facts import render
from understanding.focus import sets_focus

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DOMAIN = PROJECT_ROOT / "domain.yml"
RULES = PROJECT_ROOT / "data" / "rules.yml"
STORIES = PROJECT_ROOT / "tests" / "stories" / "topics.yml"
MARKER = (
    "# ---- GENERATED below this line from answers/topics.yml and facts/court.yml by\n"
    "# ---- generate/domain.py (`make domain`): edit those files, not what follows.\n"
)
WIDTH = 92


def block(text: str, indent: int) -> List[str]:
    """A YAML block scalar for `text`: folded when it is one paragraph, literal otherwise."""
    pad = " " * indent
    if "\n" in text:
        return ["|-", *(pad + line for line in text.split("\n"))]
    wrapped = textwrap.wrap(text, WIDTH - indent, break_long_words=False, break_on_hyphens=False)
    return [">-", *(pad + line for line in wrapped)]


def quoted(text: str) -> str:
    return yaml.safe_dump(text, default_style='"', width=1000).strip()


SPANISH_CONDITION = [
    "      condition:",
    "        - type: slot",
    "          name: language",
    "          value: es",
]


def variation_lines(answer: str, buttons: Tuple[Dict[str, str], ...], language: str) -> List[str]:
    """One variation of a response: the answer with its facts said in `language`, and its
    buttons titled in it. The Spanish one carries the condition on the slot `language`."""
    text = block(render(answer, language), 8)
    lines = [f"    - text: {text[0]}", *text[1:]]
    if language == "es":
        lines += SPANISH_CONDITION
    if buttons:
        lines.append("      buttons:")
        title = "title_es" if language == "es" else "title"
        for button in buttons:
            lines += [
                f"        - title: {quoted(button[title])}",
                f"          payload: {button['payload']}",
            ]
    return lines


def response_lines(topic: Topic) -> List[str]:
    """The topic's response: the English variation, Rasa's default when no condition holds,
    then the Spanish one, which Rasa prefers whenever the conversation's language is Spanish
    (its condition holds). English first, so that a reader of the first variation gets it."""
    return [
        f"  {topic.response}:",
        *variation_lines(topic.answer or "", topic.buttons, "en"),
        *variation_lines(topic.answer_es or "", topic.buttons, "es"),
    ]


def focus_mappings(all_topics: Tuple[Topic, ...]) -> List[str]:
    """The mappings of the slot focus_topic, whose hand-written start ends the part above the
    marker: each topic's intent sets it to that topic (understanding/focus.py)."""
    lines = []
    for topic in (topic for topic in all_topics if sets_focus(topic.intent)):
        lines += [
            "      - type: from_intent",
            f"        intent: {topic.intent}",
            f"        value: {topic.intent}",
        ]
    return lines


def domain_part(all_topics: Tuple[Topic, ...]) -> str:
    lines = [*focus_mappings(all_topics), ""]
    lines += ["intents:", *(f"  - {topic.intent}" for topic in all_topics), "", "responses:"]
    for topic in (topic for topic in all_topics if topic.answer):
        lines += [*response_lines(topic), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def rules_part(all_topics: Tuple[Topic, ...], forms: List[str]) -> str:
    """One rule per topic, continuing the hand-written list of rules: its intent is answered
    by its action; a form stays active."""
    lines = []
    for topic in all_topics:
        lines += [
            f"  - rule: {topic.intent}",
            "    steps:",
            f"      - intent: {topic.intent}",
            f"      - action: {topic.action}",
        ]
        if topic.action in forms:
            lines.append(f"      - active_loop: {topic.action}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def stories(all_topics: Tuple[Topic, ...], forms: List[str]) -> str:
    """One test story per topic answered in one step: its example, intent and action (not
    for a payload-only intent, whose example is a payload the REST tests send)."""
    lines = [
        "# GENERATED from answers/topics.yml by generate/domain.py: do not edit by hand.",
        "# One story per topic: its example question, the intent it must be understood as, and",
        "# what must answer it. Run by `rasa test core --stories tests/stories`; the REST tests",
        "# send the same questions through the running assistant.",
        'version: "3.1"',
        "",
        "stories:",
    ]
    for topic in all_topics:
        if topic.example and topic.action not in forms and not topic.payload_only:
            lines += [
                f"  - story: {topic.intent}",
                "    steps:",
                f"      - user: {quoted(topic.example)}",
                f"        intent: {topic.intent}",
                f"      - action: {topic.action}",
                "",
            ]
    return "\n".join(lines).rstrip("\n") + "\n"


def hand_written(path: Path) -> str:
    """The part of a file above the marker line (all of it when there is no marker)."""
    text = path.read_text(encoding="utf-8")
    return text.split(MARKER)[0].rstrip("\n") + "\n\n"


def expected_files() -> Dict[Path, str]:
    """Each generated file and the text it must have."""
    all_topics = topics()
    forms = list(yaml.safe_load(hand_written(DOMAIN)).get("forms") or {})
    return {
        DOMAIN: hand_written(DOMAIN) + MARKER + domain_part(all_topics),
        RULES: hand_written(RULES) + MARKER + rules_part(all_topics, forms),
        STORIES: stories(all_topics, forms),
    }


def stale_files() -> List[Path]:
    return [
        path
        for path, text in expected_files().items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]


def main(check: bool) -> int:
    if check:
        stale = stale_files()
        for path in stale:
            print(f"{path.relative_to(PROJECT_ROOT)} is stale: run `make domain`")
        return 1 if stale else 0
    for path, text in expected_files().items():
        path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main("--check" in sys.argv[1:]))
