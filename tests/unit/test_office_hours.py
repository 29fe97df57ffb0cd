"""`action_clerk_office_open_now` with a frozen clock, on JSON tracker fixtures.

The offices' hours come from facts/court.yml (Monday to Friday, 8:00 a.m. to 4:30 p.m.,
Central Time); federal holidays from the `holidays` library.
"""

import asyncio
from datetime import datetime
from typing import Callable
from zoneinfo import ZoneInfo

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.office_hours import TIME_ZONE, ActionClerkOfficeOpenNow, day_asked
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
            (2026, 11, 26, 11, 0),
            "It is Thursday, November 26, 11:00 a.m. in Iowa. "
            "Right now the offices are closed for Thanksgiving Day, a federal holiday. "
            "They open again on Friday, November 27 at 8:00 a.m.",
            id="Thanksgiving",
        ),
        pytest.param(
            (2026, 7, 3, 10, 0),
            "It is Friday, July 3, 10:00 a.m. in Iowa. "
            "Right now the offices are closed for Independence Day (observed), a federal "
            "holiday. They open again on Monday, July 6 at 8:00 a.m.",
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
