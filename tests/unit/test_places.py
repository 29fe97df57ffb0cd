"""The places file and the gazetteer built from it: every county and city routes right.

The expected districts and divisions come from tests/support.py, copied from 28 U.S.C. 95(a)
independently of facts/iowa_places.yml, so that a wrong row fails.
"""

from pathlib import Path
from typing import List, Tuple

import pytest
import spacy

from actions.places import CITY, COUNTY, Places, readings_agree
from generate.places import main as build_places
from support import PROJECT_ROOT, expected_counties


@pytest.fixture(scope="module")
def places() -> Places:
    return Places.load()


@pytest.fixture(scope="module")
def gazetteer() -> spacy.language.Language:
    return spacy.load(PROJECT_ROOT / "build" / "spacy_iowa")


def places_found(nlp: spacy.language.Language, text: str) -> List[Tuple[str, str]]:
    return [(entity.label_, entity.ent_id_) for entity in nlp(text).ents]


def test_all_99_counties_are_listed_52_of_them_northern(places: Places) -> None:
    assert len(places.counties) == 99
    assert sum(c["district"] == "Northern" for c in places.counties.values()) == 52


@pytest.mark.parametrize("county, expected", sorted(expected_counties().items()))
def test_every_county_has_its_district_division_and_office(
    places: Places, county: str, expected: Tuple[str, str, str]
) -> None:
    assert places.reading(COUNTY, county).outcome == expected


def test_central_division_offices_are_marked_as_a_rule_to_confirm(places: Places) -> None:
    for name, county in places.counties.items():
        central = county.get("division") == "Central Division"
        assert (county.get("office_rule") == "nearer_office_to_confirm") == central, name


def test_at_least_80_cities_and_every_northern_county_seat_are_listed(places: Places) -> None:
    assert len(places.cities) >= 80
    northern_counties_with_a_city = {
        city["county"]
        for city in places.cities.values()
        if places.counties[city["county"]]["district"] == "Northern"
    }
    assert len(northern_counties_with_a_city) == 52


@pytest.mark.parametrize("city", sorted(Places.load().cities))
def test_every_city_routes_like_its_county(places: Places, city: str) -> None:
    county = places.cities[city]["county"]
    assert places.reading(CITY, city).outcome == expected_counties()[county]


@pytest.mark.parametrize(
    "text, found",
    [
        ("I live in Iowa", []),
        ("the Northern District of Iowa", []),
        ("Iowa County", [("county", "Iowa")]),
        ("Iowa City", [("city", "Iowa City")]),
        ("Des Moines", [("city", "Des Moines")]),
        ("Des Moines County", [("county", "Des Moines")]),
        ("Sioux County", [("county", "Sioux")]),
        ("Sioux City", [("city", "Sioux City")]),
        ("South Sioux City", [("city", "South Sioux City")]),
        ("Cedar County", [("county", "Cedar")]),
        ("Cedar Rapids", [("city", "Cedar Rapids")]),
        ("marion", [("city", "Marion")]),
        ("O'Brien", [("county", "O'Brien")]),
        ("OBrien County", [("county", "O'Brien")]),
        ("o brien", [("county", "O'Brien")]),
        ("O\u2019Brien County", [("county", "O'Brien")]),
        ("St. Ansgar", [("city", "Saint Ansgar")]),
        ("saint ansgar", [("city", "Saint Ansgar")]),
        ("pottawatamie co", [("county", "Pottawattamie")]),
        ("LINN", [("county", "Linn")]),
        ("Washington, Iowa", [("city", "Washington")]),
        ("Nebraska", [("us_state", "Nebraska")]),
    ],
)
def test_the_gazetteer_finds_places_and_avoids_the_traps(
    gazetteer: spacy.language.Language, text: str, found: List[Tuple[str, str]]
) -> None:
    assert places_found(gazetteer, text) == found


ORDINARY_WORD_COUNTIES = [
    "Clay",
    "Union",
    "Page",
    "Story",
    "Lee",
    "Lyon",
    "Ida",
    "Grundy",
    "Franklin",
]


@pytest.mark.parametrize("word", ORDINARY_WORD_COUNTIES)
def test_county_names_that_are_ordinary_words_need_the_word_county(
    gazetteer: spacy.language.Language, places: Places, word: str
) -> None:
    assert places_found(gazetteer, f"our {word.lower()} matters, a {word} story") == []
    assert places_found(gazetteer, f"I live in {word} County") == [("county", word)]
    assert [r.key for r in places.readings_in_text(word)] == [f"county:{word}"]


def test_marion_readings_disagree_and_des_moines_readings_agree(places: Places) -> None:
    marion = places.readings_of_entity("city", "Marion")
    assert [r.key for r in marion] == ["city:Marion", "county:Marion"]
    assert not readings_agree(marion)
    assert readings_agree(places.readings_of_entity("city", "Des Moines"))


def test_generated_place_nlu_data_is_in_step_with_the_places_file(tmp_path: Path) -> None:
    places_file = PROJECT_ROOT / "facts" / "iowa_places.yml"
    build_places(places_file, tmp_path / "spacy", tmp_path / "places.yml")
    committed = (PROJECT_ROOT / "data" / "nlu" / "places.yml").read_text()
    assert (tmp_path / "places.yml").read_text() == committed, "run `make places` and commit"
