"""Whether the clerk's offices are open now, today or on the day a visitor asks about.

The hours, days and time zone come from facts/court.yml; federal holidays (5 U.S.C. 6103,
with the observed Friday or Monday) from the `holidays` library, which is maintained and
pinned, rather than a list of dates that would go stale. The court's own closure list was
not found, so a holiday is said to be "normally" closed. The clock is injectable so that
tests can freeze it. Answers are said in the conversation's language (the slot `language`):
days, months and holidays are named from office_hours.yml and facts/calendar.yml, never from
the server's locale; a day is understood in English or Spanish ("saturday", "el sábado",
"mañana", "el día después de Acción de Gracias").
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
from facts import calendar, group
from understanding.language import plain, spoken

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
# The same in Spanish, read on the message without accents (office_hours.yml).
SPANISH_DAY_WORD = re.compile(
    r"\b("
    + "|".join(sorted(map(re.escape, SETTINGS["spanish_day_words"]), key=len, reverse=True))
    + r")\b"
)
# "mañana" after these words is the morning, not tomorrow ("por la mañana").
MORNING = re.compile(SETTINGS["morning_before"] + r"\s*$")
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


def holiday_said(holiday: str, language: str = "en") -> str:
    """A holiday's name as said in `language`: "Independence Day (observed)", "Día de la
    Independencia (feriado trasladado)"."""
    wording = SETTINGS.wording(language)
    name = holiday.replace(" (observed)", "")
    said = wording["holiday_names"].get(name, name)
    return wording["observed"].format(holiday=said) if name != holiday else said


def why_closed(day: date, language: str = "en") -> str | None:
    """How the offices are closed all day on `day` ("closed for the weekend", "normally
    closed for Christmas Day, a federal holiday"), or None."""
    wording = SETTINGS.wording(language)
    holiday = holiday_on(day)
    if holiday:
        return wording["closed_for_holiday"].format(holiday=holiday_said(holiday, language))
    if day.weekday() not in OPEN_DAYS:
        return wording["closed_for_weekend"]
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
    lowered = plain(text).replace("'", "").replace("\u2019", "")
    for word, same in SETTINGS["holiday_words_meaning"].items():
        lowered = re.sub(rf"\b{word}\b", same, lowered)
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
    before, after = lowered[:at], lowered[at + len(name) :]
    if re.match(SETTINGS["eve_after"], after) or re.search(SETTINGS["eve_before"], before):
        return actual - timedelta(days=1)
    if re.search(SETTINGS["day_after_before"], before):
        return actual + timedelta(days=1)
    return next((d for d, _, _ in named if d.weekday() in OPEN_DAYS), day)


def holiday_names(holiday: str | None) -> List[str]:
    """How visitors name a holiday: "Thanksgiving Day" -> ["thanksgiving"], plus aliases
    (in English and Spanish, without accents)."""
    if not holiday:
        return []
    canonical = holiday.replace(" (observed)", "")
    name = re.sub(r"\s+day$", "", canonical.lower().replace("'", ""))
    return [name, *SETTINGS["holiday_aliases"].get(canonical, [])]


def day_word(text: str) -> str | None:
    """The first word naming a day, as its English meaning: "today", "tomorrow",
    "saturday", "weekend"...; Spanish words ("mañana", "el sábado") too."""
    found = []
    english = DAY_WORD.search(text)
    if english:
        found.append((english.start(), english.group(1).lower()))
    lowered = plain(text)
    for match in SPANISH_DAY_WORD.finditer(lowered):
        word = match.group(1)
        if word == "manana" and MORNING.search(lowered[: match.start()]):
            continue
        found.append((match.start(), SETTINGS["spanish_day_words"][word]))
        break
    return min(found)[1] if found else None


def day_asked(text: str, today: date) -> date | None:
    """The day the visitor asks about: today, tomorrow, the next such weekday, or a named
    holiday; None when the message names no day."""
    holiday = holiday_asked(text, today)
    if holiday:
        return holiday
    word = day_word(text)
    if not word:
        return None
    if word in ("today", "tonight", "now"):
        return today
    if word == "tomorrow":
        return today + timedelta(days=1)
    if word == "day after tomorrow":
        return today + timedelta(days=2)
    if word.startswith("weekend"):
        word = "saturday"
    weekday = next(i for i, name in enumerate(WEEKDAYS) if name.startswith(word[:3]))
    return today + timedelta(days=(weekday - today.weekday()) % 7)


def spoken_time(moment: datetime) -> str:
    """ "2:05 p.m." """
    half = "a.m." if moment.hour < 12 else "p.m."
    return f"{moment.hour % 12 or 12}:{moment.minute:02d} {half}"


def spoken_day(day: date, language: str = "en") -> str:
    """ "Friday, November 27", "viernes, 27 de noviembre" """
    wording = SETTINGS.wording(language)
    return wording["spoken_day"].format(
        weekday=wording["weekday_names"][day.weekday()],
        month=calendar()["months"][spoken(language)][day.month - 1],
        day=day.day,
    )


def spoken_opening(opening: datetime, now: datetime, language: str = "en") -> str:
    """ "today at 8:00 a.m.", "on Monday, November 30 at 8:00 a.m." """
    wording = SETTINGS.wording(language)
    if opening.date() == now.date():
        return wording["opening_today"].format(time=spoken_time(opening))
    day = spoken_day(opening.date(), language)
    return wording["opening_on_day"].format(day=day, time=spoken_time(opening))


def open_again(now: datetime, language: str = "en") -> str:
    """When the offices open next; a federal holiday on a working day before then (the
    offices are only normally closed on it) is named."""
    wording = SETTINGS.wording(language)
    opening = next_opening(now)
    opens = spoken_opening(opening, now, language)
    day = now.date() + timedelta(days=1)
    while day < opening.date():
        holiday = holiday_on(day)
        if holiday and day.weekday() in OPEN_DAYS:
            return wording["open_again_after_holiday"].format(
                opens=opens, holiday=holiday_said(holiday, language), day=spoken_day(day, language)
            )
        day += timedelta(days=1)
    return wording["open_again"].format(opens=opens)


def full_stop(sentence: str) -> str:
    """End a sentence with one full stop, also after "a.m."."""
    return sentence if sentence.endswith(".") else f"{sentence}."


def right_now(now: datetime, language: str = "en") -> str:
    """Whether the offices are open at this moment, and when they close or open again."""
    wording = SETTINGS.wording(language)
    where = wording["now"].format(day=spoken_day(now.date(), language), time=spoken_time(now))
    closed_all_day = why_closed(now.date(), language)
    if closed_all_day is None and OPENS <= now.time() < CLOSES:
        status = wording["open_now"].format(closes=group("office_hours", language)["closes"])
    else:
        closed = closed_all_day or wording["closed"]
        status = wording["closed_now"].format(closed=closed, open_again=open_again(now, language))
    return f"{where} {full_stop(status)}"


def on_day(day: date, language: str = "en") -> str:
    """Whether the offices open on a day other than today."""
    wording = SETTINGS.wording(language)
    said = spoken_day(day, language)
    closed = why_closed(day, language)
    if closed:
        return full_stop(wording["closed_on_day"].format(day=said, closed=closed))
    hours = group("office_hours", language)
    return full_stop(wording["open_on_day"].format(**{**hours, "day": said}))


def hours_sentence(language: str = "en") -> str:
    """The offices' days, hours, time zone and holidays, in one sentence."""
    return SETTINGS.wording(language)["hours"].format(**group("office_hours", language))


def open_now_answer(text: str, now: datetime, language: str = "en") -> str:
    """The hours, then whether the offices are open at the moment or on the day asked."""
    day = day_asked(text, now.date()) or now.date()
    status = right_now(now, language) if day == now.date() else on_day(day, language)
    return f"{hours_sentence(language)}\n{status}"


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
        now = self.clock().astimezone(TIME_ZONE)
        language = spoken(tracker.get_slot("language"))
        dispatcher.utter_message(text=open_now_answer(text, now, language))
        return []
