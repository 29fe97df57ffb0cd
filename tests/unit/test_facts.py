"""One place per fact: facts/court.yml. Everything the assistant says names a fact by its
path ({offices.cedar_rapids.phone}) instead of writing it; these tests find a fact written
out anywhere else, a placeholder that names no fact, and a fact given to the wrong office
(the Sioux City number after "Cedar Rapids", the PACER Service Center's hours as the clerk's).
"""

import re
from pathlib import Path
from typing import Dict, Iterator, List, Tuple

import pytest
import yaml

from actions.office_routing import PLACES, answer_lines
from answers import topics
from facts import PLACEHOLDER, SOURCES_DIR, UnknownFactError, all_facts, court, fact, render
from generate.answer_book import main as build_answer_book
from support import PROJECT_ROOT

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# Kinds of fact a text can state, each with the pattern that finds it written out.
FACT_PATTERNS = {
    "phone number": re.compile(r"\(?\b\d{3}\)?[-. ]\d{3}-\d{4}\b"),
    "date": re.compile(rf"\b(?:{MONTHS}) \d{{1,2}}(?:st|nd|rd|th)?, \d{{4}}\b"),
    "time of day": re.compile(r"\b\d{1,2}(?::\d{2})? ?[ap]\.?m\b\.?", re.I),
    "street address": re.compile(r"\b\d+ [0-9A-Za-z]+ (?:Avenue|Ave|Street|St)\b"),
    "ZIP code": re.compile(r"\bIA \d{5}\b"),
    "email address": re.compile(r"\b[\w.-]+@[\w-]+(?:\.[\w-]+)+\b"),
    "web address": re.compile(r"\b[\w-]+\.uscourts\.gov\b"),
    "amount of money": re.compile(r"\$\d+(?:\.\d{2})?"),
}
# Facts that are words, found written out: the courts' names and the offices' time zone.
WORDED_FACTS = {
    "a court's name ({court.name}, {southern_district.name})": re.compile(
        r"\bBankruptcy\s+Court(?:\s|,|\bfor\s+the\b|<[^>]*>)*(?:Northern|Southern)\s+District"
        r"\s+of\s+Iowa\b|\b[NS]\.\s?D\.\s?(?:of\s+)?Iowa\b",
        re.I,
    ),
    "the time zone ({office_hours.time_zone_name}, {pacer.service_center.time_zone})": re.compile(
        r"\bCentral\s+Time\b", re.I
    ),
}
# Which office a county is sent to is this project's rule, not the court's: answers say which
# office to contact, never that an office "serves" a place (facts/sources/court-facts.md).
UNVERIFIED_CLAIMS = {
    "an office said to serve a place (say which office to contact)": re.compile(
        r"\bserved\s+by\b", re.I
    ),
}
OFFICE_NAMES = {"cedar_rapids": "Cedar Rapids", "sioux_city": "Sioux City"}
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n")


def written_facts(text: str) -> List[str]:
    """Facts written out in a text instead of named by a placeholder."""
    return [
        f"{kind}: {match.group(0)!r}"
        for kind, pattern in FACT_PATTERNS.items()
        for match in pattern.finditer(text)
    ]


def found(patterns: Dict[str, re.Pattern], text: str) -> List[str]:
    """Each match of the patterns in a text, with its line: "line 25: a court's name: '...'"."""
    return [
        f"line {text.count(chr(10), 0, match.start()) + 1}: {kind}: "
        f"{' '.join(match.group(0).split())!r}"
        for kind, pattern in patterns.items()
        for match in pattern.finditer(text)
    ]


def worded_facts(text: str) -> List[str]:
    """The courts' names and the time zone written out instead of named by a placeholder."""
    return found(WORDED_FACTS, text)


def unverified_claims(text: str) -> List[str]:
    """Wording that states as the court's what is only this project's rule."""
    return found(UNVERIFIED_CLAIMS, text)


def misattributed(template: str) -> List[str]:
    """Placeholders given to the wrong office or service, sentence by sentence: an office's
    fact must follow that office's name when an office is named; the PACER Service Center's
    facts belong in a sentence about PACER, the clerk's hours in one that is not about the
    PACER Service Center."""
    problems = []
    for sentence in SENTENCE_END.split(template):
        for match in PLACEHOLDER.finditer(sentence):
            path, before = match.group(1), sentence[: match.start()]
            named = [(before.rfind(name), key) for key, name in OFFICE_NAMES.items()]
            nearest = max(named)
            office = re.match(r"offices\.(\w+)\.", path)
            if office and nearest[0] >= 0 and nearest[1] != office.group(1):
                problems.append(f"{{{path}}} after {OFFICE_NAMES[nearest[1]]!r}")
            if path.startswith("pacer.service_center.") and "PACER" not in sentence:
                problems.append(f"{{{path}}} in a sentence not about PACER")
            if path.startswith("office_hours.") and "PACER Service Center" in sentence:
                problems.append(f"{{{path}}} in a sentence about the PACER Service Center")
    return problems


def quoted_labels(text: str) -> List[str]:
    """PACER menu labels quoted in a text that PACER does not have."""
    labels = court()["pacer"]["menu_labels"]
    return [
        label
        for label in re.findall(r'"([^"]+)"', text)
        if label not in labels and not PLACEHOLDER.fullmatch(label)
    ]


def strings(node) -> Iterator[str]:
    if isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)
    elif isinstance(node, str):
        yield node


def templates() -> Iterator[Tuple[str, str]]:
    """(where, text) of everything the assistant says that is written in the project."""
    for topic in topics():
        yield f"answers/topics.yml: {topic.intent}", topic.answer or ""
        for button in topic.buttons:
            yield f"answers/topics.yml: {topic.intent} button", button["title"]
    for folder in ("actions", "channels"):
        for path in sorted((PROJECT_ROOT / folder).glob("*.yml")):
            for text in strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
                yield f"{folder}/{path.name}", text
    for path in sorted((PROJECT_ROOT / "web").glob("*.*")):
        yield f"web/{path.name}", path.read_text(encoding="utf-8")


@pytest.mark.parametrize("where, text", list(templates()), ids=lambda value: value[:40])
def test_no_fact_is_written_out_and_every_placeholder_names_a_fact(where: str, text: str) -> None:
    assert written_facts(text) == [], f"{where}: name the fact by its path in facts/court.yml"
    try:
        render(text)
    except UnknownFactError as error:
        pytest.fail(f"{where}: {error.args[0]}")


@pytest.mark.parametrize("where, text", list(templates()), ids=lambda value: value[:40])
def test_each_fact_is_given_to_its_own_office(where: str, text: str) -> None:
    assert misattributed(text) == [], where


def project_files(*patterns: str) -> List[Path]:
    return sorted(path for pattern in patterns for path in PROJECT_ROOT.glob(pattern))


def relative(path: Path) -> str:
    return str(path.relative_to(PROJECT_ROOT))


# What the assistant, its pages and its generators say, as written in the project.
WORDING_FILES = project_files(
    "answers/topics.yml",
    "actions/*.yml",
    "channels/*.yml",
    "web/*.html",
    "web/*.js",
    "generate/*.py",
)


@pytest.mark.parametrize("path", WORDING_FILES, ids=relative)
def test_the_courts_name_and_the_time_zone_are_named_not_written(path: Path) -> None:
    """ "Northern District of Iowa" as part of the court's name, and "Central Time", come from
    facts/court.yml ({court.name}, {office_hours.time_zone_name}) like every other fact."""
    text = path.read_text(encoding="utf-8")
    assert worded_facts(text) == [], f"{relative(path)}: name the fact by its path"


@pytest.mark.parametrize("path", [*WORDING_FILES, PROJECT_ROOT / "domain.yml"], ids=relative)
def test_no_wording_says_an_office_serves_a_place(path: Path) -> None:
    assert unverified_claims(path.read_text(encoding="utf-8")) == [], relative(path)


def test_no_routing_answer_or_answer_book_page_says_an_office_serves_a_place(
    tmp_path: Path,
) -> None:
    """What the routing action says for every county and city, and the generated answer book."""
    said = {
        key: "\n".join(answer_lines(PLACES.readings_of_key(key), asked_about_paying=True))
        for key in [
            *(f"county:{name}" for name in PLACES.counties),
            *(f"city:{name}" for name in PLACES.cities),
        ]
    }
    build_answer_book(PROJECT_ROOT, tmp_path)
    said.update({path.name: path.read_text(encoding="utf-8") for path in tmp_path.iterdir()})
    wrong = {where: unverified_claims(text) for where, text in said.items()}
    assert {where: claims for where, claims in wrong.items() if claims} == {}


def test_every_quoted_pacer_label_is_one_pacer_has() -> None:
    wrong = {topic.intent: quoted_labels(topic.answer or "") for topic in topics()}
    assert {intent: labels for intent, labels in wrong.items() if labels} == {}


@pytest.mark.parametrize(
    "wrong, caught_by",
    [
        ("Call us at 319-286-2201.", written_facts),
        ("Visit us at 11 7th Avenue SE.", written_facts),
        ("Fees are waived under $3.", written_facts),
        ("NextGen went live on May 1, 2018.", written_facts),
        ("Write to help@iand.uscourts.gov.", written_facts),
        ("Open until 5 p.m. on weekdays.", written_facts),
        (
            "Cedar Rapids {offices.sioux_city.phone} or Sioux City {offices.cedar_rapids.phone}",
            misattributed,
        ),
        (
            "The PACER Service Center is open {office_hours.opens} to {office_hours.closes}.",
            misattributed,
        ),
        ("The clerk's offices open at {pacer.service_center.opens}.", misattributed),
        ('Open "Manage Account" in PACER.', quoted_labels),
        ("Welcome to the U.S. Bankruptcy Court for the Northern District of Iowa.", worded_facts),
        ("United States Bankruptcy Court, Northern District of Iowa", worded_facts),
        (
            "<p>United States Bankruptcy Court</p>\n  <h1>Northern District of Iowa</h1>",
            worded_facts,
        ),
        ("the U.S. Bankruptcy Court for the Southern\nDistrict of Iowa", worded_facts),
        ("Answer book: N.D. Iowa Bankruptcy Court", worded_facts),
        ("Call 8 to 6 Central Time.", worded_facts),
        ("Woodbury County is served by the Sioux City office.", unverified_claims),
    ],
)
def test_a_wrong_fact_is_caught(wrong: str, caught_by) -> None:
    assert caught_by(wrong)


@pytest.mark.parametrize(
    "right",
    [
        "Welcome to the {court.name}. Open until {closes} {office_hours.time_zone_name}.",
        "admitted to the U.S. District Court for the Northern or Southern District of Iowa",
        "For Woodbury County, in the Western Division, contact the Sioux City clerk's office.",
    ],
)
def test_a_fact_named_by_its_path_is_not_caught(right: str) -> None:
    assert worded_facts(right) == [] and unverified_claims(right) == []


def test_a_match_is_reported_with_its_line() -> None:
    assert worded_facts("Hello.\nOpen 8 to 6\nCentral Time.") == [
        "line 3: the time zone ({office_hours.time_zone_name}, {pacer.service_center.time_zone}): "
        "'Central Time'"
    ]


def test_a_placeholder_naming_no_fact_fails() -> None:
    with pytest.raises(UnknownFactError, match="offices.cedar_rapids.fax"):
        render("Fax {offices.cedar_rapids.fax}")


def test_the_court_notice_and_the_facts_agree_on_the_dates() -> None:
    """The go-live and legacy cut-off dates are history: the notice states them for good.
    (Phone numbers and hours are not compared with the sources: the clerk's office may change
    them in facts/court.yml alone.)"""
    notice = (SOURCES_DIR / "nextgen-instructions.txt").read_text(encoding="utf-8")
    month_day, year = fact("dates.nextgen_go_live").split(", ")
    assert f"{month_day}th, {year}" in notice
    assert fact("dates.pacer_legacy_cutoff") in notice


# Where a fact may stand written out: facts/ itself (with its sources), the generated
# domain.yml, visitors' own words (training data, and measure/sets/, copies of others' work),
# documentation and what is built. Anything else takes the fact from facts/court.yml.
MAY_HOLD_FACTS = {
    ".git",
    ".venv",
    "build",
    "models",
    "var",
    "results",
    ".rasa",
    ".pytest_cache",
    ".ruff_cache",
    "facts",
    "data",
    "domain.yml",
}


def test_no_project_file_holds_a_number_or_address_outside_facts() -> None:
    """Changing a number in facts/court.yml alone changes it everywhere."""
    distinctive = {value for _, value in all_facts() if re.search(r"\d{3}|@|\.gov", value)}
    holders = []
    for path in PROJECT_ROOT.rglob("*"):
        relative = path.relative_to(PROJECT_ROOT)
        exempt = relative.parts[0] in MAY_HOLD_FACTS or relative.parts[:2] == ("measure", "sets")
        if path.is_file() and not exempt and path.suffix != ".md":
            text = path.read_text(encoding="utf-8", errors="ignore")
            holders += [f"{relative}: {value}" for value in distinctive if value in text]
    assert holders == []
