"""Measure the trained model's understanding: hold-out accuracy and off-topic rejection.

Prints, for the model's NLU alone (no server needed):
- tests/nlu_holdout.yml and, beside it, the Spanish hold-out tests/nlu_holdout_es.yml: intent
  accuracy on the topic phrasings, and the share of them sent to fallback (nlu_fallback,
  which the assistant answers with "Did you mean" or out-of-scope); for the Spanish one also
  the share of its off-topic questions rejected, as the English ones are measured on CLINC150;
- each CLINC150 file given: the share rejected (out_of_scope or nlu_fallback), and the
  intents that the rest were taken for.

Usage (from the project root, after `make train`):
  .venv/bin/python -m measure.nlu models/helpdesk.tar.gz measure/sets/clinc150/oos_val.txt
"""

import asyncio
import logging
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import List, Tuple

from rasa.core.agent import Agent

from generate.nlu_files import examples_by_intent

HOLDOUTS = {
    "hold-out topics": Path("tests/nlu_holdout.yml"),
    "Spanish hold-out topics": Path("tests/nlu_holdout_es.yml"),
}
REJECTED = {"out_of_scope", "nlu_fallback"}


def quiet_rasa_logs() -> None:
    """Rasa prints every parse through structlog at debug level unless configured."""
    from rasa.utils.log_utils import configure_structlog

    logging.disable(logging.WARNING)
    configure_structlog(logging.WARNING)


def clinc_questions(path: Path) -> List[str]:
    """Questions of a CLINC150 file: one per line, or the first column of a .tsv."""
    lines = [line for line in path.read_text().splitlines() if line.strip()]
    if path.suffix == ".tsv":
        return [line.split("\t")[0] for line in lines[1:]]
    return lines


def holdout_phrasings(path: Path, off_topic: bool = False) -> List[Tuple[str, str]]:
    """(text, intent) of a hold-out file: its topic phrasings, or only its off-topic ones.
    Off-topic questions are measured as rejections, not as an intent to get right."""
    return [
        (text, intent)
        for intent, texts in examples_by_intent(path).items()
        if (intent == "out_of_scope") == off_topic
        for text in texts
    ]


@dataclass
class HoldoutFigures:
    """What a hold-out file measures: topics right, topics sent to fallback, off-topic
    questions rejected (None when the file has none)."""

    right: float
    to_fallback: float
    phrasings: int
    off_topic_rejected: float | None = None

    def line(self, name: str) -> str:
        text = (
            f"{name}: {self.right:.1%} right, {self.to_fallback:.1%} to fallback "
            f"({self.phrasings} phrasings)"
        )
        if self.off_topic_rejected is not None:
            text += f"; its off-topic questions {self.off_topic_rejected:.1%} rejected"
        return text


async def intents(agent: Agent, texts: List[str]) -> List[str]:
    return [(await agent.parse_message(text))["intent"]["name"] for text in texts]


async def holdout_figures(agent: Agent, path: Path) -> HoldoutFigures:
    """The figures of one hold-out file, through the whole NLU pipeline (rules included)."""
    topics = holdout_phrasings(path)
    predicted = await intents(agent, [text for text, _ in topics])
    right = sum(p == i for p, (_, i) in zip(predicted, topics, strict=True))
    to_fallback = sum(p == "nlu_fallback" for p in predicted)
    off_topic = [text for text, _ in holdout_phrasings(path, off_topic=True)]
    rejected = [p in REJECTED for p in await intents(agent, off_topic)]
    return HoldoutFigures(
        right / len(topics),
        to_fallback / len(topics),
        len(topics),
        sum(rejected) / len(rejected) if rejected else None,
    )


async def measure(model: str, clinc_files: List[Path]) -> None:
    agent = Agent.load(model)
    for name, path in HOLDOUTS.items():
        print((await holdout_figures(agent, path)).line(name))
    for path in clinc_files:
        predicted = await intents(agent, clinc_questions(path))
        answered = Counter(p for p in predicted if p not in REJECTED)
        rejected = 1 - sum(answered.values()) / len(predicted)
        print(
            f"{path.name}: {rejected:.1%} rejected of {len(predicted)}; "
            f"taken for: {answered.most_common(6)}"
        )


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    quiet_rasa_logs()
    asyncio.run(measure(sys.argv[1], [Path(arg) for arg in sys.argv[2:]]))
