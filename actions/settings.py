"""The wording and settings of each action module, read once from the YAML file beside it.

Wording may name a fact of facts/court.yml by its path, {offices.cedar_rapids.phone}: it is
filled in here, so that no phone number or hour is written twice. Single-word fields such as
{place} are left for the action to fill.
"""

from pathlib import Path
from typing import Any, Dict

import yaml

from facts import render

ACTIONS_DIR = Path(__file__).resolve().parent


def with_facts(node: Any) -> Any:
    """Every text of a settings tree with its {fact.path} placeholders filled in."""
    if isinstance(node, dict):
        return {key: with_facts(value) for key, value in node.items()}
    if isinstance(node, list):
        return [with_facts(value) for value in node]
    return render(node) if isinstance(node, str) else node


def load_settings(module_file: str) -> Dict[str, Any]:
    """Read `<module>.yml` beside the module `module_file` (pass `__file__`)."""
    path = ACTIONS_DIR / f"{Path(module_file).stem}.yml"
    return with_facts(yaml.safe_load(path.read_text(encoding="utf-8")))
