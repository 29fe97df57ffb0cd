"""Answer a follow-up from what the conversation is about.

"their phone?" after the routing to Sioux City gets Sioux City's phone, not the directory;
"is that central time" after the hours gets the time zone; "the other one" switches office;
"how do I do that" gives the steps of the topic in focus and "then what" its next step;
"what about my paralegal" the topic for a non-attorney, "I don't have a lawyer" for a
debtor without one; "no, I meant PACER" the same question
about the other system; "it was 2015" whether an account of that year needs upgrading. The
focus is in the slots `focus_topic` and `focus_office` (understanding/focus.py says what a
message asks and whose details those are); with nothing in focus the visitor is asked which
office or service, never declined. Answers are said in the conversation's language (the slot
`language`). Wording: follow_up.yml beside this module.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Dict, List, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import office_hours
from actions.office_routing import office_details, office_facts
from actions.settings import load_settings
from actions.unclear_question import last_offer, pick_from_offer
from answers import titles, topics
from facts import court
from understanding import focus
from understanding.language import spoken

SETTINGS = load_settings(__file__)
FOCUS_TOPIC, FOCUS_OFFICE = "focus_topic", "focus_office"
CLERK_OFFICE_TOPIC = "clerk_office_contact"
OUT_OF_SCOPE = "out_of_scope"
SOUTHERN_DISTRICT = "southern_district"
# The classifier's own topic for a follow-up counts from this confidence (a correction naming
# a system, a message with nothing to lean on).
SURE_GUESS = 0.3
HOURS_DETAILS = ("hours", "time_zone", "weekends", "holidays", "night")
RESPONSES = {topic.intent: topic.response for topic in topics() if topic.response}
LEGACY_CUTOFF: date = court()["dates"]["pacer_legacy_cutoff"]


@dataclass
class Reply:
    """What the follow-up's answer says and which focus it leaves."""

    lines: List[str] = field(default_factory=list)
    responses: List[str] = field(default_factory=list)
    buttons: List[Dict[str, str]] = field(default_factory=list)
    topic: str | None = None
    office: str | None = None

    def events(self) -> List[Dict[str, Any]]:
        slots = [SlotSet(FOCUS_TOPIC, self.topic)] if self.topic else []
        return slots + ([SlotSet(FOCUS_OFFICE, self.office)] if self.office else [])


def office_hours_lines(
    details: Tuple[str, ...], text: str, now: datetime, language: str = "en"
) -> List[str]:
    """The clerk's offices' hours (both keep the same), and whether they are open on the day
    asked about ("and saturdays?", "today?") if any."""
    if office_hours.day_asked(text, now.date()):
        lines = office_hours.open_now_answer(text, now, language).split("\n")
    else:
        lines = [office_hours.hours_sentence(language)]
    if "night" in details:
        lines.append(SETTINGS.wording(language)["office"]["night"])
    return lines


def office_lines(
    offices: List[str], details: Tuple[str, ...], text: str, now: datetime, language: str = "en"
) -> List[str]:
    """Each detail asked of one clerk's office or both; what they share is said once."""
    wording = SETTINGS.wording(language)
    lines: List[str] = []
    for detail in details:
        if detail in HOURS_DETAILS:
            hours = office_hours_lines(details, text, now, language)
            lines += [line for line in hours if line not in lines]
        elif detail == "website":
            lines.append(wording["office"]["website"])
        elif detail in wording["office"]:
            lines += [
                wording["office"][detail].format(**office_facts(o, language)) for o in offices
            ]
        else:
            names = [office_facts(o, language)["name"] for o in offices]
            name = wording["office_named"].format(name=wording["office_names_joiner"].join(names))
            lines.append(not_known(detail, name, language))
            lines.append(wording["clerk_offices_contact"])
    return lines


def not_known(detail: str, name: str, language: str = "en") -> str:
    wording = SETTINGS.wording(language)
    return wording["not_known"].format(detail=wording["detail_names"][detail], name=name)


def service_lines(service: str, details: Tuple[str, ...], language: str = "en") -> List[str]:
    """Each detail asked of a service; one it has no answer for says so, with what is known."""
    wording = SETTINGS.wording(language)["services"][service]
    lines: List[str] = []
    for detail in details:
        written = wording.get(detail) or wording.get(SETTINGS["same_answer_as"].get(detail, ""))
        line = written or f"{not_known(detail, wording['name'], language)} {wording['contact']}"
        if line not in lines:
            lines.append(line)
    return lines


def detail_lines(
    subject: str, details: Tuple[str, ...], text: str, now: datetime, language: str = "en"
) -> List[str]:
    if subject == focus.CLERK_OFFICES:
        return office_lines(list(focus.OFFICES), details, text, now, language)
    if subject in focus.OFFICES:
        return office_lines([subject], details, text, now, language)
    return service_lines(subject, details, language)


def year_line(year: int, language: str = "en") -> str:
    """Whether a PACER account opened in `year` is a Legacy one (the cutoff's year: it
    depends on the day)."""
    wording = SETTINGS.wording(language)
    if year < LEGACY_CUTOFF.year:
        return wording["legacy_year"].format(year=year)
    if year > LEGACY_CUTOFF.year:
        return wording["upgraded_year"].format(year=year)
    return wording["cutoff_year"].format(year=year)


def other_office(office: str | None) -> str | None:
    """The other clerk's office: after the Southern District or nothing, there is none."""
    return {"cedar_rapids": "sioux_city", "sioux_city": "cedar_rapids"}.get(office or "")


def ask_subject(language: str = "en") -> Reply:
    return Reply(
        lines=[SETTINGS.wording(language)["ask_subject"]],
        buttons=[
            {"title": titles(language)[intent], "payload": f"/{intent}"}
            for intent in SETTINGS["subject_buttons"]
        ],
    )


def topic_answer(*topics: str) -> Reply:
    """The answers of `topics`, in order; the last is the topic in focus after them."""
    return Reply(responses=[RESPONSES[topic] for topic in topics], topic=topics[-1])


def topic_reply(
    topic: str | None,
    asked: focus.FollowUp,
    offered: Tuple[str, ...] = (),
    guess: str | None = None,
    language: str = "en",
) -> Reply | None:
    """The answer when the follow-up asks the topic in focus something: another system (of
    the topic in focus, of a topic just offered, else the classifier's own guess), another
    year, another filer, its steps or its next step."""
    if asked.system:
        other = focus.same_question_about((topic, *offered), asked.system) or guess
        if other in RESPONSES:
            return topic_answer(other)
    if asked.year and focus.is_account_year_topic(topic):
        return Reply(lines=[year_line(asked.year, language)], topic="pacer_upgrade")
    if asked.no_lawyer:
        # "I don't have a lawyer" first thing is what the classifier made of it.
        without = focus.for_debtor_without_lawyer(topic) if topic else guess
        return topic_answer(without) if without in RESPONSES else None
    if not topic:
        return None
    if asked.other_filer:
        return topic_answer(focus.for_other_filer(topic))
    if asked.next_step and focus.next_of(topic):
        return topic_answer(focus.next_of(topic))
    if asked.steps or asked.next_step:
        return topic_answer(focus.steps_of(topic))
    return None


def office_reply(
    asked: focus.FollowUp,
    topic: str | None,
    office: str | None,
    text: str,
    now: datetime,
    language: str = "en",
) -> Reply | None:
    """The answer when the follow-up names an office or asks for "the other one".

    After a Southern District place, this court's office named ("so I can't just go to
    Sioux City?") gets that court again; after a procedure ("could I do that at the Sioux
    City office?"), the procedure's answer, which says what each office does."""
    switched = asked.office or (other_office(office) if asked.other_office else None)
    if asked.other_office and not switched:
        details = asked.details or ("phone",)
        return Reply(lines=detail_lines(focus.CLERK_OFFICES, details, text, now, language))
    if not switched:
        return None
    if not asked.details and office == SOUTHERN_DISTRICT and not asked.other_office:
        return Reply(lines=[SETTINGS.wording(language)["still_southern"]])
    if not asked.details and not focus.is_office_topic(topic) and topic in RESPONSES:
        return Reply(responses=[RESPONSES[topic]])
    if not asked.details:
        return Reply(lines=[office_details(switched, language)], office=switched)
    lines = detail_lines(switched, asked.details, text, now, language)
    return Reply(lines=lines, office=switched)


@dataclass(frozen=True)
class Context:
    """What a follow-up may lean on: the focus slots, the topics "Did you mean" just offered,
    and what the classifier made of the message itself."""

    topic: str | None = None
    office: str | None = None
    offered: Tuple[str, ...] = ()
    guess: str | None = None
    off_topic: bool = False
    guesses: Tuple[str, ...] = ()
    language: str = "en"

    @property
    def empty(self) -> bool:
        return self.topic is None and self.office is None and not self.offered


def answer(text: str, context: Context, now: datetime) -> Reply:
    """The answer to a follow-up `text` in `context`.

    With nothing to lean on, a message the classifier found off-topic ("what time is it in
    Paris") is declined as it would have been, and one it placed with some confidence gets
    that topic; a pick among topics just offered ("no, the pacer one") is that topic."""
    language = context.language
    if context.off_topic and context.empty:
        return Reply(responses=["utter_out_of_scope"])
    picked = pick_from_offer(text, list(context.offered), language)
    if picked:
        return topic_answer(picked)
    both = focus.both_asked(context.guess or "", text)
    if both:
        return topic_answer(*both)
    topic, office = context.topic, context.office
    asked = focus.read(text)
    points_back = focus.points_back(text)
    reply = topic_reply(topic, asked, context.offered, context.guess, language) or office_reply(
        asked, topic, office, text, now, language
    )
    if reply:
        return reply
    subject = focus.subject_of(topic or next(iter(context.offered), None), office)
    if asked.details and subject is None and not points_back:
        # "address?" first thing: this court's offices, now the topic in focus.
        lines = detail_lines(focus.CLERK_OFFICES, asked.details, text, now, language)
        return Reply(lines=lines, topic=CLERK_OFFICE_TOPIC)
    if asked.details and subject:
        return Reply(lines=detail_lines(subject, asked.details, text, now, language))
    if focus.is_correction(text) and topic:
        # "not that, the admin account": the classifier's best topic other than the one
        # corrected, however unsure; never the corrected answer again.
        other = next((g for g in context.guesses if g != topic and g in RESPONSES), None)
        return topic_answer(other) if other else ask_subject(language)
    # Pointing back at nothing ("their phone?" first thing) is asked about; a message that
    # does not point back gets what the classifier made of it.
    fallback = topic if topic in RESPONSES else None
    if fallback is None and context.empty and not points_back:
        fallback = context.guess
    if fallback in RESPONSES:
        return topic_answer(fallback)
    return ask_subject(language)


def context_of(tracker: Tracker) -> Context:
    """The follow-up's context from the tracker: the slots, the last offer, and the
    classifier's best guess other than the fallback and the follow-up itself."""
    ranking = tracker.latest_message.get("intent_ranking") or []
    guesses = [r for r in ranking if r.get("name") not in ("nlu_fallback", "follow_up")]
    best = guesses[0] if guesses else {}
    sure = (best.get("confidence") or 0.0) >= SURE_GUESS
    return Context(
        topic=tracker.get_slot(FOCUS_TOPIC),
        office=tracker.get_slot(FOCUS_OFFICE),
        offered=tuple(last_offer(tracker)),
        guess=best.get("name") if sure else None,
        off_topic=best.get("name") == OUT_OF_SCOPE,
        guesses=tuple(r["name"] for r in guesses),
        language=spoken(tracker.get_slot("language")),
    )


class ActionAnswerFollowUp(Action):
    """Answers a follow-up from the focus slots, and moves the focus where it leads."""

    def __init__(self, clock: office_hours.Clock = office_hours.now_in_iowa) -> None:
        self.clock = clock

    def name(self) -> str:
        return "action_answer_follow_up"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[Dict[str, Any]]:
        text = tracker.latest_message.get("text") or ""
        now = self.clock().astimezone(office_hours.TIME_ZONE)
        reply = answer(text, context_of(tracker), now)
        for response in reply.responses:
            dispatcher.utter_message(response=response)
        if reply.lines:
            dispatcher.utter_message(text="\n".join(reply.lines), buttons=reply.buttons or None)
        return reply.events()
