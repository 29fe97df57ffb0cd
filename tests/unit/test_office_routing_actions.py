"""Unit tests of the office routing actions, on JSON tracker fixtures (tests/fixtures/trackers/)."""

import asyncio
from typing import Any, Dict, List, Tuple

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.office_routing import (
    NOT_FOUND,
    SETTINGS,
    ActionAskPlace,
    ActionRouteToOffice,
    ValidateOfficeLocationForm,
)
from facts import fact, render
from support import load_tracker

CEDAR_RAPIDS_PHONE = fact("offices.cedar_rapids.phone")
SIOUX_CITY_PHONE = fact("offices.sioux_city.phone")


def route(fixture: str) -> Tuple[List[Dict[str, Any]], List[Dict[str, Any]]]:
    """Run action_route_to_office; return (messages sent, events returned)."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionRouteToOffice().run(dispatcher, load_tracker(fixture), {}))
    return dispatcher.messages, events


def validate(fixture: str, slot_value: Any = None) -> Tuple[Dict[str, Any], List[Dict[str, Any]]]:
    """Run the form's validation of `place`; return (slots set, messages sent)."""
    dispatcher = CollectingDispatcher()
    tracker = load_tracker(fixture)
    slots = ValidateOfficeLocationForm().validate_place(slot_value, dispatcher, tracker, {})
    return slots, dispatcher.messages


def test_woodbury_county_goes_to_sioux_city_with_the_reason() -> None:
    [message], events = route("route_woodbury_county")
    assert message["text"].startswith(
        "Woodbury County is in the Western Division of the Northern District of Iowa, "
        "served by the Sioux City office."
    )
    assert SIOUX_CITY_PHONE in message["text"] and CEDAR_RAPIDS_PHONE not in message["text"]
    assert render("{offices.sioux_city.street}, {offices.sioux_city.city_line}") in message["text"]
    assert (
        render("{office_hours.days}, {office_hours.opens} to {office_hours.closes}")
        in message["text"]
    )
    assert {"event": "slot", "name": "place", "value": None, "timestamp": None} in events


def test_a_visitor_asking_about_paying_is_told_payments_are_only_in_cedar_rapids() -> None:
    [message], _ = route("route_with_payment_question")
    assert SIOUX_CITY_PHONE in message["text"]
    note = render(
        "Payments are taken only at the Cedar Rapids office ({offices.cedar_rapids.street})"
    )
    assert note in message["text"]


def test_without_a_payment_question_there_is_no_payment_note() -> None:
    [message], _ = route("route_woodbury_county")
    assert "Payments" not in message["text"]


def test_a_southern_district_city_gets_that_courts_phone_and_website() -> None:
    [message], _ = route("route_ames")
    assert message["text"] == render(
        "Ames, in Story County, is in the Southern District of Iowa, which has its own "
        "bankruptcy court: the {southern_district.name}, in {southern_district.city}, phone "
        "{southern_district.phone}, website {southern_district.website}."
    )
    assert CEDAR_RAPIDS_PHONE not in message["text"] and SIOUX_CITY_PHONE not in message["text"]


def test_marion_gets_a_clarifying_question_with_one_button_per_reading() -> None:
    [message], _ = route("route_marion")
    assert message["text"] == "Which Marion do you mean?"
    assert [b["payload"] for b in message["buttons"]] == [
        '/inform_place{"county": "Linn"}',
        '/inform_place{"county": "Marion"}',
    ]


def test_des_moines_city_or_county_is_answered_directly() -> None:
    [message], _ = route("route_des_moines")
    assert message["text"].startswith("Des Moines is in the Southern District of Iowa")
    assert not message["buttons"]


def test_a_place_outside_iowa_gets_both_offices() -> None:
    [message], _ = route("route_omaha")
    assert message["text"].startswith("Omaha is not in Iowa.")
    assert CEDAR_RAPIDS_PHONE in message["text"] and SIOUX_CITY_PHONE in message["text"]


def test_an_unknown_place_gets_both_offices() -> None:
    [message], _ = route("route_not_found")
    assert message["text"].startswith(SETTINGS["still_not_found"])
    assert CEDAR_RAPIDS_PHONE in message["text"] and SIOUX_CITY_PHONE in message["text"]


@pytest.mark.parametrize(
    "fixture, place",
    [
        ("answer_with_county_entity", "county:Black Hawk"),
        ("answer_with_city_entity_marion", "city:Marion|county:Marion"),
        ("answer_bare_ordinary_word", "county:Story"),
    ],
)
def test_the_form_understands_the_place_named(fixture: str, place: str) -> None:
    slots, messages = validate(fixture, slot_value=None)
    assert slots == {"place": place} and messages == []


@pytest.mark.parametrize(
    "fixture, place",
    [
        ("office_city_and_a_town", "city:Spencer"),
        ("cedar_rapids_office_and_a_western_town", "city:Spencer"),
        ("marion_named_with_its_county", "city:Marion"),
        ("place_named_in_a_question_of_another_topic", "city:Waterloo"),
        ("misspelt_place_as_answer", "county:Buchanan"),
    ],
)
def test_the_place_a_question_is_about_is_the_one_routed(fixture: str, place: str) -> None:
    """Wherever the place is in the message: not the office it names, the reading in the
    county it names, a misspelt answer to the form's question."""
    slots, messages = validate(fixture, slot_value=None)
    assert slots == {"place": place} and messages == []


def test_an_unknown_answer_is_asked_again_once() -> None:
    slots, [message] = validate("answer_unknown_first_time", slot_value="Gondor")
    assert slots == {"place": None, "place_attempts": 1.0}
    assert message["text"] == SETTINGS["not_found"]


def test_a_second_unknown_answer_ends_the_form() -> None:
    slots, messages = validate("answer_unknown_second_time", slot_value="Narnia")
    assert slots == {"place": NOT_FOUND} and messages == []


def test_ordinary_words_are_not_places_unless_the_visitor_was_asked_for_one() -> None:
    slots, _ = validate("question_naming_no_place", slot_value=None)
    assert slots["place"] is None


def test_the_form_asks_which_county_or_town() -> None:
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionAskPlace().run(dispatcher, load_tracker("answer_unknown_first_time"), {}))
    assert [m["text"] for m in dispatcher.messages] == ["Which Iowa county or town are you in?"]
