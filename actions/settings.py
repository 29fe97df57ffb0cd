"""Loading of the YAML settings that sit beside each action module."""

from pathlib import Path
from typing import Any, Dict

import yaml

ACTIONS_DIR = Path(__file__).resolve().parent


def load_settings(module_file: str) -> Dict[str, Any]:
    """Read `<module>.yml` beside the module `module_file` (pass `__file__`)."""
    settings_file = ACTIONS_DIR / f"{Path(module_file).stem}.yml"
    with settings_file.open(encoding="utf-8") as stream:
        return yaml.safe_load(stream)
