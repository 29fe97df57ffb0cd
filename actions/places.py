"""Iowa places and what each means for a visitor: district, division and clerk's office.

Pure data logic, no Rasa: loaded once from facts/iowa_places.yml, the file clerk staff
maintain, and shared by the office routing actions and scripts/build_places.py (which builds
the NLU gazetteer from the same spellings).
"""

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Set, Tuple

import yaml

PLACES_FILE = Path(__file__).resolve().parent.parent / "facts" / "iowa_places.yml"
APOSTROPHES = ["'", "\u2019", "", " "]
SAINT_FORMS = ["Saint ", "St. ", "St "]
COUNTY_SUFFIXES = [" County", " Co.", " Co"]
CITY_SUFFIXES = [", Iowa", " Iowa", ", IA"]

COUNTY, CITY, OUTSIDE = "county", "city", "outside"
NORTHERN, SOUTHERN = "Northern", "Southern"


def spellings(name: str, also_written: Optional[List[str]] = None) -> List[str]:
    """A place's name and other spellings, with apostrophe and Saint/St. variants."""
    variants = []
    for written in [name, *(also_written or [])]:
        for apostrophe in APOSTROPHES if "'" in written else ["'"]:
            form = written.replace("'", apostrophe)
            saint = next((s for s in SAINT_FORMS if form.startswith(s)), None)
            if saint:
                variants += [other + form[len(saint):] for other in SAINT_FORMS]
            else:
                variants.append(form)
    return list(dict.fromkeys(variants))


@dataclass(frozen=True)
class Reading:
    """One way to understand a place name: "Marion" is a city in Linn County, or a county."""

    kind: str  # county, city or outside
    name: str  # canonical name: "Woodbury", "Spencer", "Omaha"
    county: Optional[str] = None
    district: Optional[str] = None
    division: Optional[str] = None
    office: Optional[str] = None
    office_rule: Optional[str] = None

    @property
    def outcome(self) -> Tuple[Optional[str], Optional[str], Optional[str]]:
        """What the visitor is told; readings with the same outcome need no clarifying."""
        return self.district, self.division, self.office

    @property
    def key(self) -> str:
        """A slot value that names this reading unambiguously: "county:Marion"."""
        return f"{self.kind}:{self.name}"


class Places:
    """Every Iowa county and listed city, and the places outside Iowa visitors name."""

    def __init__(self, data: Dict[str, Any]) -> None:
        self.counties = {county["name"]: county for county in data["counties"]}
        self.cities = {city["name"]: city for city in data["cities"]}
        outside = data["outside_iowa"]
        self.outside = set(outside["states"]) | set(outside["cities"])
        self._by_spelling = self._index_spellings()
        self._pattern = re.compile(
            r"(?<![\w'])("
            + "|".join(re.escape(s) for s in sorted(self._by_spelling, key=len, reverse=True))
            + r")(?![\w'])"
        )

    @classmethod
    def load(cls, path: Path = PLACES_FILE) -> "Places":
        return cls(yaml.safe_load(path.read_text(encoding="utf-8")))

    def _index_spellings(self) -> Dict[str, Set[Tuple[str, str]]]:
        """Lower-case spelling -> the (kind, name) places it may mean, ordinary words included."""
        index: Dict[str, Set[Tuple[str, str]]] = {}

        def add(spelling: str, kind: str, name: str) -> None:
            index.setdefault(spelling.lower(), set()).add((kind, name))

        for name, county in self.counties.items():
            for written in spellings(name, county.get("also_written")):
                if not county.get("never_alone"):
                    add(written, COUNTY, name)
                for suffix in COUNTY_SUFFIXES:
                    add(written + suffix, COUNTY, name)
        for name, city in self.cities.items():
            for written in spellings(name, city.get("also_written")):
                add(written, CITY, name)
                for suffix in CITY_SUFFIXES:
                    add(written + suffix, CITY, name)
        for name in self.outside:
            for written in spellings(name):
                index.setdefault(written.lower(), set()).add((OUTSIDE, name))
        return index

    def reading(self, kind: str, name: str) -> Optional[Reading]:
        """The reading of a canonical (kind, name), or None when there is no such place."""
        if kind == COUNTY and name in self.counties:
            county = self.counties[name]
            return Reading(
                COUNTY, name, name, county["district"], county.get("division"),
                county.get("office"), county.get("office_rule"),
            )
        if kind == CITY and name in self.cities:
            county = self.reading(COUNTY, self.cities[name]["county"])
            return Reading(
                CITY, name, county.name, county.district, county.division,
                county.office, county.office_rule,
            )
        if kind == OUTSIDE and name in self.outside:
            return Reading(OUTSIDE, name)
        return None

    def readings_of_entity(self, label: str, value: str) -> List[Reading]:
        """Readings of an extracted entity: a city named like a county may mean either."""
        if label == "county":
            kinds = [COUNTY]
        elif label == "city" and value in self.counties:
            kinds = [CITY, COUNTY]
        else:
            kinds = [CITY, OUTSIDE]
        found = [self.reading(kind, value) for kind in kinds]
        return [reading for reading in found if reading is not None]

    def readings_in_text(self, text: str) -> List[Reading]:
        """Readings of the first place named in free text, bare ordinary words included.

        Used only where the visitor was asked for a place: there "Story" means Story County.
        """
        match = self._pattern.search(text.lower())
        if not match:
            return []
        return sorted(
            (self.reading(kind, name) for kind, name in self._by_spelling[match.group(1)]),
            key=lambda reading: reading.kind,
        )

    def readings_of_key(self, key: str) -> List[Reading]:
        """Readings stored in a slot as keys joined by "|": "city:Marion|county:Marion"."""
        pairs = [part.split(":", 1) for part in key.split("|") if ":" in part]
        found = [self.reading(kind, name) for kind, name in pairs]
        return [reading for reading in found if reading is not None]


def readings_agree(readings: List[Reading]) -> bool:
    """True when every reading leads to the same answer (Des Moines, city or county)."""
    return len({reading.outcome for reading in readings}) == 1
