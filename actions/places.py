"""Iowa places and what each means for a visitor: district, division and clerk's office.

Pure data logic, no Rasa: loaded once from facts/iowa_places.yml, the file clerk staff
maintain, and shared by the office routing actions and generate/places.py (which builds
the NLU gazetteer from the same spellings).
"""

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterable, List, Set, Tuple

import yaml
from rapidfuzz.distance import OSA

from facts import PLACES_FILE

APOSTROPHES = ["'", "\u2019", "", " "]
# Words visitors abbreviate at the start of a name: "St. Ansgar", "Ft Dodge".
ABBREVIATED = [["Saint ", "St. ", "St "], ["Fort ", "Ft. ", "Ft "]]
COUNTY_SUFFIXES = [" County", " Co.", " Co", " Cnty"]
CITY_SUFFIXES = [", Iowa", " Iowa", ", IA", " IA"]
# A misspelling is matched only in names at least this long, and by at most one edit below
# LONG_NAME characters, two from there on: "Dubuqe", "Buchannan County", "Siuox City".
MIN_MISSPELT_LENGTH = 5
LONG_NAME = 8

COUNTY, CITY, OUTSIDE = "county", "city", "outside"
SOUTHERN = "Southern"


def abbreviation_forms(written: str) -> List[str]:
    """ "St. Ansgar" -> Saint, St. and St forms; other names unchanged."""
    for forms in ABBREVIATED:
        start = next((form for form in forms if written.startswith(form)), None)
        if start:
            return [other + written[len(start) :] for other in forms]
    return [written]


def spellings(name: str, also_written: List[str] | None = None) -> List[str]:
    """A place's name and other spellings: apostrophe and Saint/St., Fort/Ft. variants, and
    names of several words run together ("Lemars", "Siouxcity")."""
    variants = []
    for written in [name, *(also_written or [])]:
        for apostrophe in APOSTROPHES if "'" in written else ["'"]:
            for form in abbreviation_forms(written.replace("'", apostrophe)):
                variants += [form, form.replace(" ", "")] if " " in form else [form]
    return list(dict.fromkeys(variants))


def edit_distance(first: str, second: str, limit: int) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) from one to the other, or
    limit + 1 when there are more than `limit`. The optimal-string-alignment distance of
    rapidfuzz, in C++: routing compares each short message with every place spelling, and
    this same distance in Python took half of all the time spent understanding a message."""
    return OSA.distance(first, second, score_cutoff=limit)


def allowed_edits(text: str) -> int:
    return 1 if len(text) < LONG_NAME else 2


@dataclass(frozen=True)
class Reading:
    """One way to understand a place name: "Marion" is a city in Linn County, or a county."""

    kind: str  # county, city or outside
    name: str  # canonical name: "Woodbury", "Spencer", "Omaha"
    county: str | None = None
    district: str | None = None
    division: str | None = None
    office: str | None = None
    office_rule: str | None = None

    @property
    def outcome(self) -> Tuple[str | None, str | None, str | None]:
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
        self._by_initial = {
            ordinary_words: self._by_first_letter(
                self._by_spelling if ordinary_words else self._spellings_safe_alone(data)
            )
            for ordinary_words in (True, False)
        }
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

    def _spellings_safe_alone(self, data: Dict[str, Any]) -> Set[str]:
        """Lower-case spellings that name a place even in free text: all but ordinary words
        ("Story", "Carroll") and names never said alone ("Iowa"), which count only with
        "County" or ", Iowa"."""
        unsafe = {
            spelling.lower()
            for place in [*data["counties"], *data["cities"]]
            if place.get("ordinary_word") or place.get("never_alone")
            for spelling in spellings(place["name"], place.get("also_written"))
        }
        return {spelling for spelling in self._by_spelling if spelling not in unsafe}

    @staticmethod
    def _by_first_letter(spellings_: Iterable[str]) -> Dict[str, List[str]]:
        """Spellings long enough to be matched misspelt, by their first letter."""
        grouped: Dict[str, List[str]] = {}
        for spelling in spellings_:
            if len(spelling) >= MIN_MISSPELT_LENGTH:
                grouped.setdefault(spelling[0], []).append(spelling)
        return grouped

    def reading(self, kind: str, name: str) -> Reading | None:
        """The reading of a canonical (kind, name), or None when there is no such place."""
        if kind == COUNTY and name in self.counties:
            county = self.counties[name]
            return Reading(
                COUNTY,
                name,
                name,
                county["district"],
                county.get("division"),
                county.get("office"),
                county.get("office_rule"),
            )
        if kind == CITY and name in self.cities:
            county = self.reading(COUNTY, self.cities[name]["county"])
            return Reading(
                CITY,
                name,
                county.name,
                county.district,
                county.division,
                county.office,
                county.office_rule,
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
        spelling = self.spelling_in_text(text)
        return self.readings_of_spelling(spelling) if spelling else []

    def spelling_in_text(self, text: str) -> str | None:
        """The first place spelling in free text, ordinary words included ("independence")."""
        match = self._pattern.search(text.lower())
        return match.group(1) if match else None

    def readings_of_spelling(self, spelling: str) -> List[Reading]:
        """Readings of one exact spelling ("woodbury cnty"), any case; [] when unknown."""
        return sorted(
            (
                self.reading(kind, name)
                for kind, name in self._by_spelling.get(spelling.lower(), ())
            ),
            key=lambda reading: reading.kind,
        )

    def misspelt_place(self, text: str, ordinary_words: bool = False) -> Tuple[str, str] | None:
        """(spelling, phrase): the place spelling that a phrase of `text` misspells ("dubuque",
        "dubuqe"), or None.

        Phrases of one to three words are compared, longest first, with names of at least
        MIN_MISSPELT_LENGTH letters that start with the same letter; the closest names win.
        When they mean different places ("siuox" is as close to Sioux County as to Sioux
        City), it does not guess. Ordinary words ("Story") are compared only when
        `ordinary_words`: where the visitor was asked for a place.
        """
        words = re.findall(r"[a-z][a-z'.]*", text.lower())
        by_initial = self._by_initial[ordinary_words]
        for size in (3, 2, 1):
            for start in range(len(words) - size + 1):
                phrase = " ".join(words[start : start + size])
                if len(phrase) < MIN_MISSPELT_LENGTH or phrase in self._by_spelling:
                    continue
                limit = allowed_edits(phrase)
                distances = {
                    spelling: edit_distance(phrase, spelling, limit)
                    for spelling in by_initial.get(phrase[0], [])
                }
                close = [s for s, distance in distances.items() if distance <= limit]
                if not close:
                    continue
                nearest = min(distances[spelling] for spelling in close)
                best = [spelling for spelling in close if distances[spelling] == nearest]
                meanings = {frozenset(self._by_spelling[spelling]) for spelling in best}
                return (min(best, key=len), phrase) if len(meanings) == 1 else None
        return None

    def readings_of_key(self, key: str) -> List[Reading]:
        """Readings stored in a slot as keys joined by "|": "city:Marion|county:Marion"."""
        pairs = [part.split(":", 1) for part in key.split("|") if ":" in part]
        found = [self.reading(kind, name) for kind, name in pairs]
        return [reading for reading in found if reading is not None]


def readings_agree(readings: List[Reading]) -> bool:
    """True when every reading leads to the same answer (Des Moines, city or county)."""
    return len({reading.outcome for reading in readings}) == 1
