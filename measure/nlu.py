"""Measure the trained model's understanding: hold-out accuracy and off-topic rejection.

Prints, for the model's NLU alone (no server needed):
- tests/nlu_holdout.yml: intent accuracy on the topic phrasings, and the share of them sent
  to fallback (nlu_fallback, which the assistant answers with "Did you mean" or out-of-scope);
- each CLINC150 file given: the share rejected (out_of_scope or nlu_fallback), and the
  intents that the rest were taken for.

Usage (from the project root, after `make train`):
  .venv/bin/python -m measure.nlu models/helpdesk.tar.gz measure/sets/clinc150/oos_val.txt
"""

import asyncio
import logging
import sys
from collections import Counter
from pathlib import Path
from typing import List

from rasa.core.agent import Agent

from generate.nlu_files import examples_by_intent


def quiet_rasa_logs() -> None:
    """Rasa prints every parse through structlog at debug level unless configured."""
    from rasa.utils.log_utils import configure_structlog

    logging.disable(logging.WARNING)
    configure_structlog(logging.WARNING)


REJECTED = {"out_of_scope", "nlu_fallback"}


def clinc_questions(path: Path) -> List[str]:
    """Questions of a CLINC150 file: one per line, or the first column of a .tsv."""
    lines = [line for line in path.read_text().splitlines() if line.strip()]
    if path.suffix == ".tsv":
        return [line.split("\t")[0] for line in lines[1:]]
    return lines


async def intents(agent: Agent, texts: List[str]) -> List[str]:
    return [(await agent.parse_message(text))["intent"]["name"] for text in texts]


async def measure(model: str, clinc_files: List[Path]) -> None:
    agent = Agent.load(model)
    holdout = examples_by_intent(Path("tests/nlu_holdout.yml"))
    topics = [
        (text, intent)
        for intent, texts in holdout.items()
        if intent != "out_of_scope"
        for text in texts
    ]
    predicted = await intents(agent, [text for text, _ in topics])
    right = sum(p == i for p, (_, i) in zip(predicted, topics, strict=True))
    to_fallback = sum(p == "nlu_fallback" for p in predicted)
    print(
        f"hold-out topics: {right / len(topics):.1%} right, "
        f"{to_fallback / len(topics):.1%} to fallback ({len(topics)} phrasings)"
    )
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
