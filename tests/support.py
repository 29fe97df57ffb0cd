"""Helpers the tests share: project paths, the domain's answers, a new visitor id, tracker
fixtures, and the statute's table of Iowa's counties.

Fixtures live in conftest.py; tests import helpers from here, never from each other.
"""

import json
import os
import subprocess
import uuid
from pathlib import Path
from typing import Any, Dict, List, Tuple

import yaml
from rasa_sdk import Tracker

from serve.servers import MODEL, PROJECT_ROOT, RASA, Assistant, rasa_env

TESTS_DIR = PROJECT_ROOT / "tests"
FIXTURES_DIR = TESTS_DIR / "fixtures"
MEASUREMENT_SETS = PROJECT_ROOT / "measure" / "sets"

__all__ = [
    "MODEL",
    "PROJECT_ROOT",
    "RASA",
    "Assistant",
    "rasa_env",
    "TESTS_DIR",
    "FIXTURES_DIR",
    "MEASUREMENT_SETS",
    "load_yaml",
    "response_text",
    "new_sender",
    "load_tracker",
    "expected_counties",
    "run_make",
]


def load_yaml(path: Path) -> Any:
    """Parse one YAML file of the project."""
    with path.open(encoding="utf-8") as stream:
        return yaml.safe_load(stream)


def response_text(domain: Dict[str, Any], response: str) -> str:
    """The text of a response in the domain (each has exactly one variant)."""
    return domain["responses"][response][0]["text"]


def new_sender() -> str:
    """A visitor id never used before: each test conversation starts fresh."""
    return f"test-{uuid.uuid4()}"


def conversation(assistant: Assistant, *messages: str) -> List[str]:
    """Send `messages` as one conversation; the reply text to each."""
    sender = new_sender()
    return [assistant.ask_text(sender, message) for message in messages]


def run_make(target: str, tracker_store_url: str, *variables: str) -> subprocess.CompletedProcess:
    """`make TARGET VAR=value...` in the project, on the given tracker store; its output."""
    return subprocess.run(
        ["make", "--no-print-directory", target, *variables],
        cwd=PROJECT_ROOT,
        env=dict(os.environ, TRACKER_STORE_URL=tracker_store_url),
        capture_output=True,
        text=True,
        timeout=600,
    )


def load_tracker(name: str) -> Tracker:
    """A rasa_sdk Tracker from the JSON fixture tests/fixtures/trackers/`name`.json."""
    path = FIXTURES_DIR / "trackers" / f"{name}.json"
    return Tracker.from_dict(json.loads(path.read_text(encoding="utf-8")))


# Iowa's counties by district and division, copied from 28 U.S.C. 95(a) (facts/sources/
# court-facts.md quotes it), and this project's office rule for the Central Division.
DIVISIONS = {
    "Cedar Rapids Division": "Benton, Cedar, Grundy, Hardin, Iowa, Jones, Linn, Tama",
    "Eastern Division": "Allamakee, Black Hawk, Bremer, Buchanan, Chickasaw, Clayton, Delaware, "
    "Dubuque, Fayette, Floyd, Howard, Jackson, Mitchell, Winneshiek",
    "Western Division": "Buena Vista, Cherokee, Clay, Crawford, Dickinson, Ida, Lyon, Monona, "
    "O'Brien, Osceola, Plymouth, Sac, Sioux, Woodbury",
    "Central Division": "Butler, Calhoun, Carroll, Cerro Gordo, Emmet, Franklin, Hamilton, "
    "Hancock, Humboldt, Kossuth, Palo Alto, Pocahontas, Webster, Winnebago, Worth, Wright",
}
CENTRAL_TO_SIOUX_CITY = {
    "Calhoun",
    "Carroll",
    "Emmet",
    "Humboldt",
    "Kossuth",
    "Palo Alto",
    "Pocahontas",
    "Webster",
}
SOUTHERN = (
    "Adair, Adams, Appanoose, Audubon, Boone, Cass, Clarke, Clinton, Dallas, Davis, Decatur, "
    "Des Moines, Fremont, Greene, Guthrie, Harrison, Henry, Jasper, Jefferson, Johnson, Keokuk, "
    "Lee, Louisa, Lucas, Madison, Mahaska, Marion, Marshall, Mills, Monroe, Montgomery, "
    "Muscatine, Page, Polk, Pottawattamie, Poweshiek, Ringgold, Scott, Shelby, Story, Taylor, "
    "Union, Van Buren, Wapello, Warren, Washington, Wayne"
)


def expected_office(division: str, county: str) -> str:
    if division == "Western Division":
        return "Sioux City"
    if division == "Central Division":
        return "Sioux City" if county in CENTRAL_TO_SIOUX_CITY else "Cedar Rapids"
    return "Cedar Rapids"


def expected_counties() -> Dict[str, Tuple[str, str | None, str | None]]:
    """County -> (district, division, office) from the statute and the routing rule."""
    expected = {}
    for division, names in DIVISIONS.items():
        for county in names.split(", "):
            expected[county] = ("Northern", division, expected_office(division, county))
    for county in SOUTHERN.split(", "):
        expected[county] = ("Southern", None, None)
    return expected
