"""Unit tests of the office routing actions, on JSON tracker fixtures (tests/fixtures/trackers/)."""

import asyncio
from typing import Any, Dict, List, Tuple

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.office_routing import (
    NOT_FOUND,
    PLACES,
    SETTINGS,
    ActionAskPlace,
    ActionRouteToOffice,
    ValidateOfficeLocationForm,
    answer_lines,
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


def test_woodbury_county_is_told_to_contact_sioux_city_in_its_division() -> None:
    """The division is the statute's, the office this project's rule: the answer says which
    office to contact, never that an office serves the county."""
    [message], events = route("route_woodbury_county")
    reason, details, either = message["text"].split("\n")
    assert reason == (
        "For Woodbury County, in the Western Division, contact the Sioux City clerk's office."
    )
    assert details.startswith(render("{offices.sioux_city.name}: {offices.sioux_city.street}, "))
    assert SIOUX_CITY_PHONE in details and CEDAR_RAPIDS_PHONE not in details
    assert render("{offices.sioux_city.street}, {offices.sioux_city.city_line}") in details
    assert render("{office_hours.days}, {office_hours.opens} to {office_hours.closes}") in details
    assert "served by" not in message["text"] and "serves" not in message["text"]
    assert {"event": "slot", "name": "place", "value": None, "timestamp": None} in events
    assert {
        "event": "slot",
        "name": "focus_office",
        "value": "sioux_city",
        "timestamp": None,
    } in events


def test_either_office_is_offered_by_phone_without_the_other_number() -> None:
    """One office is named to contact: the other's number would read as a second answer."""
    [message], _ = route("route_woodbury_county")
    assert message["text"].split("\n")[2] == (
        "Either clerk's office can also help you by phone, and either takes paper filings "
        "delivered by hand; papers sent by mail go to the Cedar Rapids office."
    )
    assert CEDAR_RAPIDS_PHONE not in message["text"]


@pytest.mark.parametrize(
    "key, reason",
    [
        (
            "city:Spencer",
            "For Spencer, in Clay County, in the Western Division, contact the Sioux City "
            "clerk's office.",
        ),
        (
            "county:Linn",
            "For Linn County, in the Cedar Rapids Division, contact the Cedar Rapids clerk's "
            "office.",
        ),
    ],
)
def test_a_city_or_county_is_told_which_office_to_contact(key: str, reason: str) -> None:
    assert answer_lines(PLACES.readings_of_key(key), asked_about_paying=False)[0] == reason


def test_a_visitor_asking_about_paying_is_told_how_and_where_to_pay() -> None:
    """The "how to pay" row of facts/sources/court-facts.md, in short."""
    [message], _ = route("route_with_payment_question")
    assert SIOUX_CITY_PHONE in message["text"]
    note = message["text"].split("\n")[-1]
    assert note.startswith(
        render(
            "Only the Cedar Rapids clerk's office ({offices.cedar_rapids.street}) takes "
            "payments, and it cannot make change. In person: exact cash, a cashier's or "
            "certified check, a money order or a credit card (debtors without an attorney may "
            "not pay by credit card)."
        )
    )
    assert "By mail to that office: a cashier's check or money order." in note
    assert (
        render(
            "Online: debit card or ACH through {payments.online_service}, also from a public "
            "computer in either office."
        )
        in note
    )
    assert note.endswith(
        render(
            'Make cashier\'s checks and money orders payable to "{payments.payable_to}" and '
            "write the case number on them."
        )
    )


def test_without_a_payment_question_there_is_no_payment_note() -> None:
    [message], _ = route("route_woodbury_county")
    assert "payments" not in message["text"].lower()


def test_a_southern_district_city_gets_that_courts_phone_and_website() -> None:
    [message], events = route("route_ames")
    assert message["text"] == render(
        "Ames, in Story County, is in the Southern District of Iowa, which has its own "
        "bankruptcy court: the {southern_district.name}, in {southern_district.city}, phone "
        "{southern_district.phone}, website {southern_district.website}."
    )
    assert CEDAR_RAPIDS_PHONE not in message["text"] and SIOUX_CITY_PHONE not in message["text"]
    # "their phone?" next asks the Southern District's court.
    assert events[-1] == {
        "event": "slot",
        "name": "focus_office",
        "value": "southern_district",
        "timestamp": None,
    }


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
        ("route_moved_from_a_southern_town", "city:Decorah"),
        ("route_attorney_in_des_moines_client_elsewhere", "city:Hampton"),
        ("route_place_corrected", "county:Clayton"),
        ("route_marion_not_marion_county", "city:Marion"),
        ("route_only_the_attorney_office_named", "city:Fort Dodge"),
        ("spanish_route_moved_from_a_southern_town", "city:Decorah"),
        ("spanish_route_attorney_elsewhere", "city:Hampton"),
    ],
)
def test_the_place_a_question_is_about_is_the_one_routed(fixture: str, place: str) -> None:
    """Wherever the place is in the message: not the office it names, the reading in the
    county it names, a misspelt answer to the form's question; of several places, where the
    visitor or their client is now, not a former home, an attorney's own office or a place
    denied (unless it is the only place named)."""
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


# A conversation in Spanish (slot `language: es`): the same routing, said in Spanish.
def test_spanish_storm_lake_is_told_to_contact_sioux_city_in_spanish() -> None:
    [message], events = route("spanish_route_storm_lake")
    reason, details, either = message["text"].split("\n")
    assert reason == (
        "Para Storm Lake, en el condado de Buena Vista, en la División Occidental (Western "
        "Division), comuníquese con la oficina del secretario en Sioux City."
    )
    assert details.startswith(
        render("La {offices.sioux_city.name} está en {offices.sioux_city.street}, ", "es")
    )
    assert SIOUX_CITY_PHONE in details and CEDAR_RAPIDS_PHONE not in message["text"]
    assert render("{office_hours.days}, de {office_hours.opens}", "es") in details
    assert either.startswith("Cualquiera de las dos oficinas del secretario")
    assert {
        "event": "slot",
        "name": "focus_office",
        "value": "sioux_city",
        "timestamp": None,
    } in events


def test_spanish_reason_for_a_county_names_its_division_in_spanish() -> None:
    lines = answer_lines(PLACES.readings_of_key("county:Woodbury"), False, "es")
    assert lines[0] == (
        "Para el condado de Woodbury, en la División Occidental (Western Division), "
        "comuníquese con la oficina del secretario en Sioux City."
    )


def test_spanish_southern_district_town_gets_that_courts_phone_in_spanish() -> None:
    [message], events = route("spanish_route_davenport")
    assert message["text"].startswith(
        "Davenport, en el condado de Scott, está en el Distrito Sur de Iowa"
    )
    assert render("{southern_district.name}", "es") in message["text"]
    assert render("{southern_district.phone}") in message["text"]
    assert CEDAR_RAPIDS_PHONE not in message["text"] and SIOUX_CITY_PHONE not in message["text"]
    assert events[-1]["value"] == "southern_district"


def test_spanish_a_southern_county_begins_its_sentence_with_a_capital() -> None:
    [line] = answer_lines(PLACES.readings_of_key("county:Polk"), False, "es")
    assert line.startswith("El condado de Polk está en el Distrito Sur de Iowa")


def test_spanish_payment_question_gets_the_payment_note_in_spanish() -> None:
    [message], _ = route("spanish_route_with_payment_question")
    note = message["text"].split("\n")[-1]
    assert note.startswith(
        render("Solo la oficina del secretario en Cedar Rapids ({offices.cedar_rapids.street})")
    )
    assert render('"{payments.payable_to}"') in note


def test_spanish_marion_gets_a_clarifying_question_in_spanish() -> None:
    [message], _ = route("spanish_route_marion")
    assert message["text"] == "¿A qué Marion se refiere?"
    assert [b["title"] for b in message["buttons"]] == [
        "La ciudad de Marion (condado de Linn)",
        "El condado de Marion",
    ]
    assert [b["payload"] for b in message["buttons"]] == [
        '/inform_place{"county": "Linn"}',
        '/inform_place{"county": "Marion"}',
    ]


def test_spanish_the_form_asks_and_re_asks_in_spanish() -> None:
    dispatcher = CollectingDispatcher()
    tracker = load_tracker("spanish_answer_unknown_first_time")
    asyncio.run(ActionAskPlace().run(dispatcher, tracker, {}))
    assert [m["text"] for m in dispatcher.messages] == [
        "¿En qué condado o ciudad de Iowa se encuentra?"
    ]
    slots, [message] = validate("spanish_answer_unknown_first_time", slot_value="Macondo")
    assert slots == {"place": None, "place_attempts": 1.0}
    assert message["text"] == SETTINGS.wording("es")["not_found"]
