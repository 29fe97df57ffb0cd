"""Loading of the YAML files the actions read: their own settings and the court's facts."""

from pathlib import Path
from typing import Any, Dict

import yaml

ACTIONS_DIR = Path(__file__).resolve().parent
FACTS_FILE = ACTIONS_DIR.parent / "facts" / "court.yml"


def read_yaml(path: Path) -> Dict[str, Any]:
    with path.open(encoding="utf-8") as stream:
        return yaml.safe_load(stream)


def load_settings(module_file: str) -> Dict[str, Any]:
    """Read `<module>.yml` beside the module `module_file` (pass `__file__`)."""
    return read_yaml(ACTIONS_DIR / f"{Path(module_file).stem}.yml")


def load_facts() -> Dict[str, Any]:
    """The court's verified facts (facts/court.yml): offices, hours, phone numbers."""
    return read_yaml(FACTS_FILE)
