"""Reading Rasa NLU training files: the examples of each intent, in file order."""

from pathlib import Path
from typing import Dict, List

import yaml


def examples_by_intent(nlu_file: Path) -> Dict[str, List[str]]:
    """Intent -> its examples in one NLU file (synonym and lookup blocks are skipped)."""
    found: Dict[str, List[str]] = {}
    for block in yaml.safe_load(nlu_file.read_text(encoding="utf-8")).get("nlu", []):
        if "intent" in block:
            lines = [
                line.strip()[2:]
                for line in block["examples"].splitlines()
                if line.strip().startswith("- ")
            ]
            found.setdefault(block["intent"], []).extend(lines)
    return found
