"""Write the clerk staff's answer book: every answer the assistant gives, in one file.

For each topic of answers/topics.yml, in its sections and order: the answer in English and,
beside it, in Spanish (as domain.yml has them, or an example of what the action says),
three example questions in each language from the training data that lead to it, and the
table of counties and offices. Writes
build/answers.md, build/answers.html (self-contained, printable) and build/answers.json
(intent -> answer, read by the clerk page).

Usage (from the project root): python -m generate.answer_book build
"""

import html
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Dict, List

import yaml

from actions.office_hours import TIME_ZONE, open_now_answer
from actions.places import Places
from answers import Topic, read_topics
from facts import fact
from generate.nlu_files import examples_by_intent

EXAMPLES_PER_ANSWER = 3
TITLE = f"Answer book: {fact('court.name')} help desk"
# The office column is this project's routing rule, not the court's: which office to contact.
ROUTING_HEADING = "Which clerk's office to contact from each county"
# Answers an action composes, shown by an example: the hours and whether the offices are
# open, asked on a Monday morning.
SAMPLE_MOMENT = datetime(2026, 11, 30, 10, 0, tzinfo=TIME_ZONE)
SPANISH, SPANISH_ASKED_AS = "En español", "Preguntas en español"
ROUTING_ANSWER = (
    "Asks for the county or town when the question names none, then names the office to "
    "contact: the table below."
)


def read_yaml(path: Path) -> Dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def variant_in(domain: Dict, response: str, language: str) -> Dict:
    """The response's variation for a conversation in `language`: the Spanish one is the
    variation conditioned on the slot `language`, the English one has no condition."""
    variants = domain["responses"][response]
    return next(v for v in variants if bool(v.get("condition")) == (language == "es"))


def answer_text(domain: Dict, topic: Topic, language: str = "en") -> str:
    """What the visitor reads for a topic in a language: its response (with buttons), or for
    an action an example of what it says."""
    if topic.response:
        variant = variant_in(domain, topic.response, language)
        buttons = [f"[{button['title']}]" for button in variant.get("buttons", [])]
        return " ".join([variant["text"], *buttons])
    if topic.action == "action_clerk_office_open_now":
        return "For example, on Monday, November 30 at 10:00 a.m.:\n" + open_now_answer(
            "are you open now?", SAMPLE_MOMENT
        )
    return ROUTING_ANSWER


def routing_rows(places: Places) -> List[List[str]]:
    rows = []
    for name, county in sorted(places.counties.items()):
        office = county.get("office") or "none: Southern District court in Des Moines"
        if county.get("office_rule"):
            office += " (rule to confirm)"
        rows.append([f"{name} County", county["district"], county.get("division") or "", office])
    return rows


def examples_in(folder: Path) -> Dict[str, List[str]]:
    """Intent -> the training examples of the NLU files directly in `folder`."""
    examples: Dict[str, List[str]] = {}
    for path in sorted(folder.glob("*.yml")):
        for intent, texts in examples_by_intent(path).items():
            examples.setdefault(intent, []).extend(texts)
    return examples


def asked_as(topic: Topic, examples: Dict[str, List[str]]) -> List[str]:
    """A few questions that lead to the topic; for a button's intent, the button's payload."""
    if topic.payload_only:
        return [f"{topic.example} (sent by a button of the chat page, never typed)"]
    return examples.get(topic.intent, [])[:EXAMPLES_PER_ANSWER]


def build_book(project: Path) -> Dict:
    """The book as data: sections of (intent, answer and examples in English and Spanish)
    in the order of answers/topics.yml, and the routing table."""
    domain = read_yaml(project / "domain.yml")
    english = examples_in(project / "data" / "nlu")
    spanish = examples_in(project / "data" / "nlu" / "es")
    sections: Dict[str, List[Dict]] = {}
    for topic in read_topics(project / "answers" / "topics.yml"):
        sections.setdefault(topic.section, []).append(
            {
                "intent": topic.intent,
                "response": topic.response or topic.action,
                "answer": answer_text(domain, topic),
                "examples": asked_as(topic, english),
                "answer_es": answer_text(domain, topic, "es"),
                "examples_es": asked_as(topic, spanish),
            }
        )
    return {
        "sections": [
            {"heading": heading, "entries": entries} for heading, entries in sections.items()
        ],
        "routing": {
            "columns": ["County", "District", "Division", "Office"],
            "rows": routing_rows(Places.load(project / "facts" / "iowa_places.yml")),
        },
    }


def to_markdown(book: Dict) -> str:
    lines = [f"# {TITLE}", ""]
    for section in book["sections"]:
        lines += [f"## {section['heading']}", ""]
        for entry in section["entries"]:
            lines += [f"### `{entry['response']}`", "", entry["answer"], "", "Asked as:"]
            lines += [f"- {example}" for example in entry["examples"]] + [""]
            lines += [f"{SPANISH}: {entry['answer_es']}", "", f"{SPANISH_ASKED_AS}:"]
            lines += [f"- {example}" for example in entry["examples_es"]] + [""]
    routing = book["routing"]
    lines += [f"## {ROUTING_HEADING}", ""]
    lines += ["| " + " | ".join(routing["columns"]) + " |", "|---|---|---|---|"]
    lines += ["| " + " | ".join(row) + " |" for row in routing["rows"]]
    return "\n".join(lines) + "\n"


def to_html(book: Dict) -> str:
    esc = html.escape
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{esc(TITLE)}</title><style>",
        "body{font-family:Georgia,serif;max-width:60rem;margin:2rem auto;padding:0 1rem}",
        "h1,h2{color:#162e51}h3{font-family:monospace;font-size:1rem}",
        ".answer{border-left:4px solid #162e51;padding:.5rem 1rem;background:#f5f6f7;"
        "white-space:pre-wrap}",
        "table{border-collapse:collapse}"
        "td,th{border:1px solid #999;padding:.2rem .5rem;text-align:left}",
        "@media print{.answer{background:none}}</style></head><body>",
        f"<h1>{esc(TITLE)}</h1>",
    ]
    for section in book["sections"]:
        parts.append(f"<h2>{esc(section['heading'])}</h2>")
        for entry in section["entries"]:
            parts.append(f"<h3>{esc(entry['response'])}</h3>")
            parts.append(f"<div class='answer'>{esc(entry['answer'])}</div><p>Asked as:</p><ul>")
            parts += [f"<li>{esc(example)}</li>" for example in entry["examples"]]
            parts.append(f"</ul><div lang='es'><p>{SPANISH}:</p>")
            parts.append(f"<div class='answer'>{esc(entry['answer_es'])}</div>")
            parts.append(f"<p>{SPANISH_ASKED_AS}:</p><ul>")
            parts += [f"<li>{esc(example)}</li>" for example in entry["examples_es"]]
            parts.append("</ul></div>")
    routing = book["routing"]
    parts.append(f"<h2>{esc(ROUTING_HEADING)}</h2>")
    header = "".join(f"<th>{esc(column)}</th>" for column in routing["columns"])
    parts.append(f"<table><tr>{header}</tr>")
    for row in routing["rows"]:
        parts.append("<tr>" + "".join(f"<td>{esc(cell)}</td>" for cell in row) + "</tr>")
    parts.append("</table></body></html>")
    return "\n".join(parts) + "\n"


def main(project: Path, out_dir: Path) -> None:
    book = build_book(project)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "answers.md").write_text(to_markdown(book), encoding="utf-8")
    (out_dir / "answers.html").write_text(to_html(book), encoding="utf-8")
    answers = {e["intent"]: e["answer"] for s in book["sections"] for e in s["entries"]}
    (out_dir / "answers.json").write_text(json.dumps(answers, indent=1), encoding="utf-8")
    print(f"answer book written to {out_dir}/answers.html and {out_dir}/answers.md")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path.cwd(), Path(sys.argv[1]))
