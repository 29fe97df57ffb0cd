"""Whether the clerk's offices are open now, today or on the day a visitor asks about.

The hours, days and time zone come from facts/court.yml; federal holidays (5 U.S.C. 6103,
with the observed Friday or Monday) from the `holidays` library, which is maintained and
pinned, rather than a list of dates that would go stale. The court's own closure list was
not found, so a holiday is said to be "normally" closed. The clock is injectable so that
tests can freeze it.
"""

import re
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Any, Callable, Dict, List
from zoneinfo import ZoneInfo

import holidays
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.settings import load_settings
from facts import group

SETTINGS = load_settings(__file__)
HOURS = group("office_hours")
TIME_ZONE = ZoneInfo(HOURS["time_zone"])
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
# The first word naming a day: "today", "tomorrow", "Saturday", "sat", "weekend"...
DAY_WORD = re.compile(
    r"\b(today|tonight|now|tomorrow|weekends?|(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat"
    r"|satur|sun)(?:day)?s?)\b",
    re.I,
)
Clock = Callable[[], datetime]


def clock_time(written: str) -> time:
    """ "8:00 a.m." -> 08:00, "4:30 p.m." -> 16:30."""
    match = re.fullmatch(r"(\d{1,2}):(\d{2}) ([ap])\.m\.", written.strip())
    if not match:
        raise ValueError(f"office hours must read like '8:00 a.m.', not {written!r}")
    hour, minute, half = int(match.group(1)), int(match.group(2)), match.group(3)
    return time(hour % 12 + (12 if half == "p" else 0), minute)


def open_weekdays(written: str) -> range:
    """ "Monday to Friday" -> range(0, 5)."""
    first, last = (WEEKDAYS.index(day.strip().lower()) for day in written.split(" to "))
    return range(first, last + 1)


OPENS, CLOSES = clock_time(HOURS["opens"]), clock_time(HOURS["closes"])
OPEN_DAYS = open_weekdays(HOURS["days"])


def now_in_iowa() -> datetime:
    return datetime.now(TIME_ZONE)


@cache
def federal_holidays(year: int) -> Dict[date, str]:
    """The year's federal holidays, the observed Fridays and Mondays included."""
    return dict(holidays.US(years=year, categories=("public",)))


def holiday_on(day: date) -> str | None:
    """The federal holiday observed on `day`, if any."""
    return federal_holidays(day.year).get(day)


def why_closed(day: date) -> str | None:
    """How the offices are closed all day on `day` ("closed for the weekend", "normally
    closed for Christmas Day, a federal holiday"), or None."""
    holiday = holiday_on(day)
    if holiday:
        return SETTINGS["closed_for_holiday"].format(holiday=holiday)
    if day.weekday() not in OPEN_DAYS:
        return SETTINGS["closed_for_weekend"]
    return None


def next_opening(after: datetime) -> datetime:
    """The first opening time after the moment `after`."""
    day = after.date()
    while True:
        opening = datetime.combine(day, OPENS, tzinfo=after.tzinfo)
        if opening > after and why_closed(day) is None:
            return opening
        day += timedelta(days=1)


def holiday_asked(text: str, today: date) -> date | None:
    """The next date of a holiday the message names ("christmas", "veterans day", "mlk"):
    the weekday it is observed on when it falls on a weekend; or the day before or after it
    ("christmas eve", "the day after thanksgiving")."""
    lowered = text.lower().replace("'", "").replace("\u2019", "")
    named = [
        (day, lowered.find(name), name)
        for day in (today + timedelta(days=ahead) for ahead in range(366))
        for name in holiday_names(holiday_on(day))
        if lowered.find(name) >= 0
    ]
    if not named:
        return None
    day, at, name = named[0]
    actual = next(d for d, _, _ in named if "observed" not in (holiday_on(d) or "").lower())
    if re.match(r"\s+eve\b", lowered[at + len(name) :]):
        return actual - timedelta(days=1)
    if re.search(r"\bday after\s+(the\s+)?$", lowered[:at]):
        return actual + timedelta(days=1)
    return next((d for d, _, _ in named if d.weekday() in OPEN_DAYS), day)


def holiday_names(holiday: str | None) -> List[str]:
    """How visitors name a holiday: "Thanksgiving Day" -> ["thanksgiving"], plus aliases."""
    if not holiday:
        return []
    canonical = holiday.replace(" (observed)", "")
    name = re.sub(r"\s+day$", "", canonical.lower().replace("'", ""))
    return [name, *SETTINGS["holiday_aliases"].get(canonical, [])]


def day_asked(text: str, today: date) -> date | None:
    """The day the visitor asks about: today, tomorrow, the next such weekday, or a named
    holiday; None when the message names no day."""
    holiday = holiday_asked(text, today)
    if holiday:
        return holiday
    match = DAY_WORD.search(text)
    if not match:
        return None
    word = match.group(1).lower()
    if word in ("today", "tonight", "now"):
        return today
    if word == "tomorrow":
        return today + timedelta(days=1)
    if word.startswith("weekend"):
        word = "saturday"
    weekday = next(i for i, name in enumerate(WEEKDAYS) if name.startswith(word[:3]))
    return today + timedelta(days=(weekday - today.weekday()) % 7)


def spoken_time(moment: datetime) -> str:
    """ "2:05 p.m." """
    half = "a.m." if moment.hour < 12 else "p.m."
    return f"{moment.hour % 12 or 12}:{moment.minute:02d} {half}"


def spoken_day(day: date) -> str:
    """ "Friday, November 27" """
    return f"{WEEKDAYS[day.weekday()].capitalize()}, {day:%B} {day.day}"


def spoken_opening(opening: datetime, now: datetime) -> str:
    day = "today" if opening.date() == now.date() else f"on {spoken_day(opening.date())}"
    return f"{day} at {spoken_time(opening)}"


def open_again(now: datetime) -> str:
    """When the offices open next; a federal holiday on a working day before then (the
    offices are only normally closed on it) is named."""
    opening = next_opening(now)
    opens = spoken_opening(opening, now)
    day = now.date() + timedelta(days=1)
    while day < opening.date():
        holiday = holiday_on(day)
        if holiday and day.weekday() in OPEN_DAYS:
            return SETTINGS["open_again_after_holiday"].format(
                opens=opens, holiday=holiday, day=spoken_day(day)
            )
        day += timedelta(days=1)
    return SETTINGS["open_again"].format(opens=opens)


def full_stop(sentence: str) -> str:
    """End a sentence with one full stop, also after "a.m."."""
    return sentence if sentence.endswith(".") else f"{sentence}."


def right_now(now: datetime) -> str:
    """Whether the offices are open at this moment, and when they close or open again."""
    where = SETTINGS["now"].format(day=spoken_day(now.date()), time=spoken_time(now))
    closed_all_day = why_closed(now.date())
    if closed_all_day is None and OPENS <= now.time() < CLOSES:
        status = SETTINGS["open_now"].format(closes=HOURS["closes"])
    else:
        closed = closed_all_day or SETTINGS["closed"]
        status = SETTINGS["closed_now"].format(closed=closed, open_again=open_again(now))
    return f"{where} {full_stop(status)}"


def on_day(day: date) -> str:
    """Whether the offices open on a day other than today."""
    closed = why_closed(day)
    if closed:
        return full_stop(SETTINGS["closed_on_day"].format(day=spoken_day(day), closed=closed))
    return full_stop(SETTINGS["open_on_day"].format(day=spoken_day(day), **HOURS))


def hours_sentence() -> str:
    """The offices' days, hours, time zone and holidays, in one sentence."""
    return SETTINGS["hours"].format(**HOURS)


def open_now_answer(text: str, now: datetime) -> str:
    """The hours, then whether the offices are open at the moment or on the day asked."""
    day = day_asked(text, now.date()) or now.date()
    status = right_now(now) if day == now.date() else on_day(day)
    return f"{hours_sentence()}\n{status}"


class ActionClerkOfficeOpenNow(Action):
    """Answers "are you open now / today / on Saturday?" with Iowa's clock."""

    def __init__(self, clock: Clock = now_in_iowa) -> None:
        self.clock = clock

    def name(self) -> str:
        return "action_clerk_office_open_now"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[Dict[str, Any]]:
        text = tracker.latest_message.get("text") or ""
        dispatcher.utter_message(text=open_now_answer(text, self.clock().astimezone(TIME_ZONE)))
        return []
