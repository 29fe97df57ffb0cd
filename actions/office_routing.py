"""Send each visitor to the Cedar Rapids or Sioux City clerk's office by where they live.

`validate_office_location_form` turns what the visitor said ("Linn", "I'm in Spencer",
"Black Hawk County") into the readings of one place, re-asking once when no Iowa place is
found; `action_route_to_office` answers from those readings: the office to contact (this
project's routing rule, never said to be the court's) with its details and the division, the
Southern District's court, a place outside Iowa, or a clarifying question when a name's
readings lead to different answers (Marion: a city in Linn County, or Marion County). Places
come from facts/iowa_places.yml and office details from facts/court.yml, both loaded once when
the action server starts. Every answer is said in the conversation's language (the slot
`language`: English or Spanish), from the wording of office_routing.yml.
"""

import re
from typing import Any, Dict, List

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.places import (
    CITY,
    COUNTY,
    OUTSIDE,
    SOUTHERN,
    Places,
    Reading,
    readings_agree,
)
from actions.settings import load_settings
from facts import court, group
from understanding.language import spoken

SETTINGS = load_settings(__file__)
PLACES = Places.load()
FACTS = court()
NOT_FOUND = "not_found"
OFFICE_CITIES = {office["city_line"].split(",")[0] for office in FACTS["offices"].values()}
PLACE_ENTITIES = ("county", "city", "us_state")
NOT_THEIRS = re.compile(SETTINGS["not_the_visitors_place"], re.I)
PAYMENT_WORDS = re.compile(
    r"\b(" + "|".join(re.escape(word) for word in SETTINGS["payment_words"]) + r")\b", re.I
)


def language_of(tracker: Tracker) -> str:
    """The conversation's language, "en" or "es" (understanding/language.py)."""
    return spoken(tracker.get_slot("language"))


def capitalized(line: str) -> str:
    """A line begins with a capital letter, also when it begins with a place said in lower
    case ("el condado de Polk está en el Distrito Sur de Iowa")."""
    return line[:1].upper() + line[1:]


def office_facts(office: str, language: str = "en") -> Dict[str, str]:
    """The facts/court.yml entry of an office named "Cedar Rapids" or "Sioux City" (or by
    its key, "sioux_city"), said in `language`."""
    return group(f"offices.{office.lower().replace(' ', '_')}", language)


def office_details(office: str, language: str = "en") -> str:
    """An office's address, phone and hours, in one line."""
    wording = SETTINGS.wording(language)["office_details"]
    return wording.format(**office_facts(office, language), **group("office_hours", language))


def both_offices(language: str = "en") -> List[str]:
    return [office_details("Cedar Rapids", language), office_details("Sioux City", language)]


def place_phrase(reading: Reading, language: str = "en") -> str:
    wording = SETTINGS.wording(language)
    if reading.kind == CITY:
        return wording["city_phrase"].format(name=reading.name, county=reading.county)
    if reading.kind == COUNTY:
        return wording["county_phrase"].format(name=reading.name)
    return reading.name


def is_office_city(readings: List[Reading]) -> bool:
    """ "Sioux City" in "does the Sioux City office cover Spencer?" names an office."""
    return any(r.kind == CITY and r.name in OFFICE_CITIES for r in readings)


def not_theirs(text: str, entity: Dict[str, Any]) -> bool:
    """A place named as not the visitor's now: a former home ("we moved from Davenport"), an
    attorney's or firm's own office ("I'm an attorney in Des Moines"), or a place denied
    ("Clayton County, not Clay")."""
    before = text[: int(entity.get("start") or 0)]
    return bool(NOT_THEIRS.search(before))


def place_entities(tracker: Tracker) -> List[Dict[str, Any]]:
    return [
        entity
        for entity in tracker.latest_message.get("entities", [])
        if entity.get("entity") in PLACE_ENTITIES
    ]


def readings_of(entity: Dict[str, Any]) -> List[Reading]:
    return PLACES.readings_of_entity(entity["entity"], str(entity.get("value")))


def readings_from_message(tracker: Tracker) -> List[Reading]:
    """Readings of the place the visitor's latest message is about.

    Of several places, the first that is the visitor's (or their client's) now and not an
    office's own city ("does the Sioux City office cover Spencer?", "we moved from Davenport
    to Decorah"); a name with several readings keeps those in a county the message also
    names ("Marion (Linn County)") and drops those it denies ("Marion, not Marion County").
    """
    text = tracker.latest_message.get("text") or ""
    entities = place_entities(tracker)
    theirs = [entity for entity in entities if not not_theirs(text, entity)]
    denied = {r.key for entity in entities if entity not in theirs for r in readings_of(entity)}
    found = [
        [r for r in readings if r.key not in denied] or readings
        for readings in map(readings_of, theirs or entities)
        if readings
    ]
    if not found:
        return []
    places = [readings for readings in found if not is_office_city(readings)] or found
    first, others = places[0], [readings for readings in found if readings is not places[0]]
    counties_named = {r.name for readings in others for r in readings if r.kind == COUNTY}
    in_named_county = [r for r in first if r.county in counties_named]
    return in_named_county if len(first) > 1 and in_named_county else first


def readings_in_answer(text: str) -> List[Reading]:
    """Readings of a place the visitor gave when asked for one: ordinary words count
    ("Story"), and a misspelt name is matched as far as that is safe ("Dubuqe")."""
    readings = PLACES.readings_in_text(text)
    if readings:
        return readings
    misspelt = PLACES.misspelt_place(text, ordinary_words=True)
    return PLACES.readings_of_spelling(misspelt[0]) if misspelt else []


def answer_lines(
    readings: List[Reading], asked_about_paying: bool, language: str = "en"
) -> List[str]:
    """The routing answer for readings that all lead to the same outcome; a name with several
    readings (Des Moines, city or county) is named as the visitor wrote it."""
    wording = SETTINGS.wording(language)
    reading = readings[0]
    place = reading.name if len(readings) > 1 else place_phrase(reading, language)
    if reading.kind == OUTSIDE:
        lines = [wording["outside_iowa"].format(place=place), *both_offices(language)]
    elif reading.district == SOUTHERN:
        lines = [wording["southern"].format(place=place)]
    else:
        # The city phrase's closing comma ("Spencer, in Clay County,") is the template's own.
        division = reading.division or ""
        lines = [
            wording["northern_reason"].format(
                place=place.rstrip(","),
                division=wording["divisions"].get(division, division),
                office=office_facts(reading.office, language)["name"],
            ),
            office_details(reading.office, language),
            wording["either_office_helps"],
        ]
        if asked_about_paying:
            lines.append(wording["payments_note"])
    return [capitalized(line) for line in lines]


def office_in_focus(reading: Reading) -> str | None:
    """The office or court a routing answer names, for follow-ups ("their phone?"): a clerk's
    office's key in facts/court.yml, the Southern District's court, or none outside Iowa."""
    if reading.kind == OUTSIDE:
        return None
    if reading.district == SOUTHERN:
        return "southern_district"
    return (reading.office or "").lower().replace(" ", "_") or None


def clarifying_buttons(readings: List[Reading], language: str = "en") -> List[Dict[str, str]]:
    """One button per reading; each names the county, which is never ambiguous."""
    wording = SETTINGS.wording(language)
    buttons = []
    for reading in readings:
        template = wording["city_title"] if reading.kind == CITY else wording["county_title"]
        title = template.format(name=reading.name, county=reading.county)
        payload = f'/inform_place{{"county": "{reading.county}"}}'
        buttons.append({"title": title, "payload": payload})
    return buttons


def asked_about_paying(tracker: Tracker) -> bool:
    """Did any of the visitor's messages in this routing exchange mention paying?"""
    texts = [
        event.get("text") or ""
        for event in reversed(tracker.events)
        if event.get("event") == "user"
    ][:3]
    return any(PAYMENT_WORDS.search(text) for text in texts)


class ActionAskPlace(Action):
    """The form's question for the `place` slot."""

    def name(self) -> str:
        return "action_ask_place"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[Dict[str, Any]]:
        dispatcher.utter_message(text=SETTINGS.wording(language_of(tracker))["ask_place"])
        return []


class ValidateOfficeLocationForm(FormValidationAction):
    """Understands the place the visitor named; re-asks once, then gives up gracefully."""

    def name(self) -> str:
        return "validate_office_location_form"

    def validate_place(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> Dict[str, Any]:
        readings = readings_from_message(tracker)
        if not readings and tracker.get_slot("requested_slot") == "place":
            readings = readings_in_answer(tracker.latest_message.get("text") or "")
        if not readings and isinstance(slot_value, str):
            readings = PLACES.readings_of_key(slot_value) or readings_in_answer(slot_value)
        if readings:
            return {"place": "|".join(reading.key for reading in readings)}
        if tracker.get_slot("place_attempts"):
            return {"place": NOT_FOUND}
        dispatcher.utter_message(text=SETTINGS.wording(language_of(tracker))["not_found"])
        return {"place": None, "place_attempts": 1.0}


class ActionRouteToOffice(Action):
    """Answer which clerk's office to contact from the place in the `place` slot, and why."""

    def name(self) -> str:
        return "action_route_to_office"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[Dict[str, Any]]:
        key: str | None = tracker.get_slot("place")
        readings = PLACES.readings_of_key(key or "")
        cleared = [SlotSet("place", None), SlotSet("place_attempts", None)]
        language = language_of(tracker)
        wording = SETTINGS.wording(language)
        if not readings:
            lines = [wording["still_not_found"], *both_offices(language)]
            dispatcher.utter_message(text="\n".join(lines))
        elif readings_agree(readings):
            lines = answer_lines(readings, asked_about_paying(tracker), language)
            dispatcher.utter_message(text="\n".join(lines))
            return [*cleared, SlotSet("focus_office", office_in_focus(readings[0]))]
        else:
            dispatcher.utter_message(
                text=wording["which_place"].format(name=readings[0].name),
                buttons=clarifying_buttons(readings, language),
            )
        return cleared
