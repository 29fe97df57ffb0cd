"""`action_clerk_office_open_now` with a frozen clock, on JSON tracker fixtures.

The offices' hours come from facts/court.yml (Monday to Friday, 8:00 a.m. to 4:30 p.m.,
Central Time); federal holidays from the `holidays` library.
"""

import asyncio
import re
from datetime import datetime, time, timedelta
from typing import Callable
from zoneinfo import ZoneInfo

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.office_hours import (
    SETTINGS,
    TIME_ZONE,
    ActionClerkOfficeOpenNow,
    day_asked,
    federal_holidays,
    holiday_on,
    next_opening,
    on_day,
    open_now_answer,
    spoken_day,
)
from support import load_tracker

HOURS_SENTENCE = (
    "The clerk's offices in Cedar Rapids and Sioux City are open Monday to Friday, "
    "8:00 a.m. to 4:30 p.m. Central Time, and are normally closed on federal holidays."
)


def frozen(*moment: int) -> Callable[[], datetime]:
    """A clock stopped at the given moment in Iowa."""
    return lambda: datetime(*moment, tzinfo=TIME_ZONE)


def answer(fixture: str, clock: Callable[[], datetime]) -> str:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionClerkOfficeOpenNow(clock).run(dispatcher, load_tracker(fixture), {}))
    assert events == []
    [message] = dispatcher.messages
    return message["text"]


@pytest.mark.parametrize(
    "moment, status",
    [
        pytest.param(
            (2026, 11, 24, 9, 15),
            "It is Tuesday, November 24, 9:15 a.m. in Iowa. "
            "Right now the offices are open, until 4:30 p.m. today.",
            id="weekday morning",
        ),
        pytest.param(
            (2026, 11, 24, 18, 0),
            "It is Tuesday, November 24, 6:00 p.m. in Iowa. "
            "Right now the offices are closed. They open again on Wednesday, November 25 at "
            "8:00 a.m.",
            id="weekday evening",
        ),
        pytest.param(
            (2026, 11, 25, 18, 0),
            "It is Wednesday, November 25, 6:00 p.m. in Iowa. "
            "Right now the offices are closed. They normally open again on Friday, November 27 "
            "at 8:00 a.m., after Thanksgiving Day on Thursday, November 26, a federal holiday.",
            id="evening before a holiday",
        ),
        pytest.param(
            (2026, 11, 24, 7, 30),
            "It is Tuesday, November 24, 7:30 a.m. in Iowa. "
            "Right now the offices are closed. They open again today at 8:00 a.m.",
            id="weekday before opening",
        ),
        pytest.param(
            (2026, 11, 28, 10, 0),
            "It is Saturday, November 28, 10:00 a.m. in Iowa. "
            "Right now the offices are closed for the weekend. They open again on Monday, "
            "November 30 at 8:00 a.m.",
            id="Saturday",
        ),
        pytest.param(
            (2026, 9, 5, 10, 0),
            "It is Saturday, September 5, 10:00 a.m. in Iowa. "
            "Right now the offices are closed for the weekend. They normally open again on "
            "Tuesday, September 8 at 8:00 a.m., after Labor Day on Monday, September 7, a "
            "federal holiday.",
            id="weekend before a Monday holiday",
        ),
        pytest.param(
            (2026, 11, 26, 11, 0),
            "It is Thursday, November 26, 11:00 a.m. in Iowa. "
            "Right now the offices are normally closed for Thanksgiving Day, a federal holiday. "
            "They open again on Friday, November 27 at 8:00 a.m.",
            id="Thanksgiving",
        ),
        pytest.param(
            (2026, 7, 3, 10, 0),
            "It is Friday, July 3, 10:00 a.m. in Iowa. "
            "Right now the offices are normally closed for Independence Day (observed), a "
            "federal holiday. They open again on Monday, July 6 at 8:00 a.m.",
            id="holiday observed on a Friday",
        ),
    ],
)
def test_open_now_says_the_hours_and_whether_the_offices_are_open(
    moment: tuple, status: str
) -> None:
    assert answer("asks_if_open_now", frozen(*moment)) == f"{HOURS_SENTENCE}\n{status}"


def test_a_clock_in_another_time_zone_is_read_as_iowa_time() -> None:
    utc_afternoon = lambda: datetime(2026, 11, 24, 22, 0, tzinfo=ZoneInfo("UTC"))  # noqa: E731
    assert "4:00 p.m. in Iowa. Right now the offices are open" in answer(
        "asks_if_open_now", utc_afternoon
    )


def test_asked_about_saturday_on_a_weekday_it_answers_for_saturday() -> None:
    text = answer("asks_if_open_on_saturday", frozen(2026, 11, 24, 10, 0))
    assert text == (
        f"{HOURS_SENTENCE}\nOn Saturday, November 28 the offices are closed for the weekend."
    )


def test_asked_about_a_holiday_it_says_the_offices_are_normally_closed() -> None:
    text = answer("asks_if_open_on_christmas", frozen(2026, 11, 24, 10, 0))
    assert text == (
        f"{HOURS_SENTENCE}\nOn Friday, December 25 the offices are normally closed for "
        "Christmas Day, a federal holiday."
    )


@pytest.mark.parametrize("holiday", sorted(federal_holidays(2026).items()), ids=str)
def test_no_wording_says_the_offices_are_simply_closed_on_a_holiday(holiday: tuple) -> None:
    """The court's own closure list was not found: on every path (the day asked about, right
    now on the day, the evening before it) a holiday is only "normally" closed."""
    day, name = holiday
    on_the_day = [
        on_day(day),
        open_now_answer("are you open now?", datetime.combine(day, time(10), TIME_ZONE)),
        open_now_answer("are you open now?", datetime.combine(day, time(18), TIME_ZONE)),
    ]
    evening_before = datetime.combine(day - timedelta(days=1), time(18), TIME_ZONE)
    before = open_now_answer("are you open now?", evening_before)
    for text in [*on_the_day, before]:
        assert not re.search(r"(?<!normally )\bclosed for (?!the weekend)", text), text
        assert not re.search(r"They open again[^\n]*, after ", text), text
    assert all(f"normally closed for {name}, a federal holiday" in text for text in on_the_day)
    if day.weekday() < 5 and not holiday_on(day - timedelta(days=1)):
        assert (
            f"They normally open again on {spoken_day(next_opening(evening_before).date())}"
            in before
        )
        assert f", after {name} on {spoken_day(day)}, a federal holiday." in before


@pytest.mark.parametrize(
    "question, expected",
    [
        ("open tomorrow?", (2026, 11, 25)),
        ("are you open friday", (2026, 11, 27)),
        ("r u open on christmas eve", (2026, 12, 24)),
        ("open the day after thanksgiving?", (2026, 11, 27)),
        ("open on veterans day?", (2027, 11, 11)),
        ("open july 4th?", (2027, 7, 5)),
        ("when do you open", None),
    ],
)
def test_the_day_asked_about(question: str, expected: tuple) -> None:
    today = datetime(2026, 11, 24).date()
    found = day_asked(question, today)
    assert (found.timetuple()[:3] if found else None) == expected


# A conversation in Spanish (slot `language: es`): days, months and holidays in Spanish, the
# times as facts/court.yml writes them.
SPANISH_HOURS_SENTENCE = (
    "Las oficinas del secretario en Cedar Rapids y Sioux City abren de lunes a viernes, de "
    "8:00 a.m. a 4:30 p.m. (hora del Centro), y normalmente cierran los días feriados federales."
)


@pytest.mark.parametrize(
    "moment, status",
    [
        pytest.param(
            (2026, 11, 26, 14, 5),
            "Es jueves, 26 de noviembre, 2:05 p.m. en Iowa. En este momento las oficinas están "
            "normalmente cerradas por un día feriado federal (Día de Acción de Gracias). Vuelven "
            "a abrir el viernes, 27 de noviembre a las 8:00 a.m.",
            id="Thanksgiving",
        ),
        pytest.param(
            (2026, 12, 1, 10, 30),
            "Es martes, 1 de diciembre, 10:30 a.m. en Iowa. En este momento las oficinas están "
            "abiertas, hasta las 4:30 p.m. de hoy.",
            id="weekday morning",
        ),
        pytest.param(
            (2026, 12, 1, 7, 45),
            "Es martes, 1 de diciembre, 7:45 a.m. en Iowa. En este momento las oficinas están "
            "cerradas. Vuelven a abrir hoy a las 8:00 a.m.",
            id="before opening",
        ),
        pytest.param(
            (2026, 12, 24, 17, 0),
            "Es jueves, 24 de diciembre, 5:00 p.m. en Iowa. En este momento las oficinas están "
            "cerradas. Normalmente vuelven a abrir el lunes, 28 de diciembre a las 8:00 a.m., "
            "después del día feriado federal del viernes, 25 de diciembre (Navidad).",
            id="evening before Christmas",
        ),
    ],
)
def test_spanish_open_now_is_said_in_spanish(moment: tuple, status: str) -> None:
    text = answer("spanish_asks_if_open_now", frozen(*moment))
    assert text == f"{SPANISH_HOURS_SENTENCE}\n{status}"


def test_spanish_asked_about_saturday_it_answers_for_saturday_in_spanish() -> None:
    text = answer("spanish_asks_if_open_on_saturday", frozen(2026, 12, 1, 10, 0))
    assert text == (
        f"{SPANISH_HOURS_SENTENCE}\nEl sábado, 5 de diciembre las oficinas están cerradas por el "
        "fin de semana."
    )


def test_spanish_a_holiday_observed_on_another_day_is_named_in_spanish() -> None:
    assert on_day(datetime(2026, 7, 3).date(), "es") == (
        "El viernes, 3 de julio las oficinas están normalmente cerradas por un día feriado "
        "federal (Día de la Independencia, trasladado a este día)."
    )


@pytest.mark.parametrize(
    "question, expected",
    [
        ("¿abren mañana?", (2026, 11, 25)),
        ("abren manana por la manana", (2026, 11, 25)),
        ("¿están abiertos por la mañana?", None),
        ("¿y el viernes?", (2026, 11, 27)),
        ("¿atienden los sábados?", (2026, 11, 28)),
        ("¿abren el fin de semana?", (2026, 11, 28)),
        ("¿abren pasado mañana?", (2026, 11, 26)),
        ("¿están abiertos hoy?", (2026, 11, 24)),
        ("¿abren en Navidad?", (2026, 12, 25)),
        ("¿y en nochebuena?", (2026, 12, 24)),
        ("¿abren el día después de Acción de Gracias?", (2026, 11, 27)),
        ("¿abren el 4 de julio?", (2027, 7, 5)),
        ("¿a qué hora abren?", None),
    ],
)
def test_spanish_the_day_asked_about(question: str, expected: tuple) -> None:
    today = datetime(2026, 11, 24).date()
    found = day_asked(question, today)
    assert (found.timetuple()[:3] if found else None) == expected


def test_spanish_days_are_named_without_the_servers_locale() -> None:
    assert spoken_day(datetime(2026, 8, 12).date(), "es") == "miércoles, 12 de agosto"
    assert spoken_day(datetime(2026, 8, 12).date()) == "Wednesday, August 12"


@pytest.mark.parametrize("holiday", sorted(federal_holidays(2026).items()), ids=str)
def test_spanish_a_holiday_is_only_normally_closed_and_named_in_spanish(holiday: tuple) -> None:
    day, name = holiday
    said = on_day(day, "es")
    assert "normalmente cerradas por un día feriado federal" in said
    assert SETTINGS.wording("es")["holiday_names"][name.replace(" (observed)", "")] in said
    assert "normalmente cerradas" in open_now_answer(
        "¿están abiertos?", datetime.combine(day, time(10), TIME_ZONE), "es"
    )
