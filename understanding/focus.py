"""What the conversation is about, and what a follow-up asks of it: the one place for both.

Visitors lean on what was just said: "their phone?", "is that central time", "the other
one", "how do I do that", "what about my paralegal", "sorry, I meant PACER", "it was 2015".
Such a message names no subject of its own; it asks a detail (or the steps, the next step,
the same for another filer, another system, another year) of what is in focus. The focus is
kept in two slots: `focus_topic`, the last topic answered (set by domain.yml's slot mappings,
generated from `keeps_focus`), and `focus_office`, the office or court last named (set by the
routing and follow-up actions). Both survive the session cap, which carries slots over.

The NLU (nlu_components/focus.py) asks `is_follow_up` to tell a follow-up from a question of
its own; the follow-up action (actions/follow_up.py) asks `read` what it asks and
`subject_of` whose details those are. Word lists and topic maps: focus.yml beside this module.

Visitors write in English or Spanish ("¿y su teléfono?", "¿y la otra oficina?", "no, quise
decir PACER"): focus.yml gives each cue in both, and a message is read in lower case without
accents (understanding/language.plain), so "telefono" and "teléfono", "sabado" and "sábado"
are the same word.
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Dict, List, Pattern, Tuple

import yaml

from understanding.language import plain

CLERK_OFFICES = "clerk_offices"
# What the two topics of a pair in same_question share: "the PACER fees, not the filing fee"
# corrects the system, not the subject.
SHARED_NOUNS = (
    r"pacer|ecf|cm/ecf|account|accounts|it|fees?|password|login|username|pay|payment"
    r"|cuentas?|cuotas?|contrasenas?|usuario|pagar|pagos?"
)
OFFICES = ("cedar_rapids", "sioux_city")


@cache
def settings() -> Dict[str, Any]:
    return yaml.safe_load(Path(__file__).with_suffix(".yml").read_text(encoding="utf-8"))


def regex(value: str | List[str]) -> str:
    """A pattern of focus.yml as one regex: a list (English, Spanish) matches any of them."""
    if isinstance(value, list):
        return "(?:" + "|".join(f"(?:{alternative})" for alternative in value) + ")"
    return value


@cache
def pattern(name: str) -> Pattern[str]:
    """A pattern of focus.yml, to search in a message read by `plain`."""
    return re.compile(regex(settings()[name]), re.I)


@cache
def patterns(name: str) -> Dict[str, Pattern[str]]:
    return {key: re.compile(regex(value), re.I) for key, value in settings()[name].items()}


@dataclass(frozen=True)
class FollowUp:
    """What a message asks of the conversation's focus; empty fields are not asked."""

    details: Tuple[str, ...] = ()
    office: str | None = None
    other_office: bool = False
    steps: bool = False
    next_step: bool = False
    other_filer: bool = False
    no_lawyer: bool = False
    system: str | None = None
    systems: Tuple[str, ...] = ()
    year: int | None = None

    @property
    def asks_anything(self) -> bool:
        return bool(
            self.details
            or self.office
            or self.other_office
            or self.steps
            or self.next_step
            or self.other_filer
            or self.no_lawyer
            or self.system
            or self.year
        )


OFFICE_CITY_WORDS = re.compile(
    "|".join(f"(?:{words})" for words in settings()["offices"].values()), re.I
)


def without_denied(text: str, words: Pattern[str]) -> str:
    """The text with each denied mention of `words` ("not pacer") blanked out."""
    denied = re.compile(f"{regex(settings()['denied_before'])}(?:{words.pattern})", re.I)
    return denied.sub(" ", text)


def named(text: str, table: Dict[str, Pattern[str]]) -> List[str]:
    """The keys of `table` the text names and does not deny, in the order written."""
    found = []
    for key, words in table.items():
        match = words.search(without_denied(text, words))
        if match:
            found.append((match.start(), key))
    return [key for _, key in sorted(found)]


def denied(text: str, table: Dict[str, Pattern[str]]) -> List[str]:
    """The keys of `table` the text names only to deny ("not pacer")."""
    return [
        key
        for key, words in table.items()
        if words.search(text) and not words.search(without_denied(text, words))
    ]


def details_asked(text: str) -> Tuple[str, ...]:
    """The details the message asks ("phone", "hours"...), in focus.yml's order; a time zone
    or a day asked is not also the hours."""
    text = plain(text)
    asked = [detail for detail, words in patterns("details").items() if words.search(text)]
    if "hours" in asked and {"time_zone", "weekends", "holidays", "night"} & set(asked):
        asked.remove("hours")
    return tuple(asked)


def year_meant(text: str) -> int | None:
    """The year a message gives, the corrected one when it denies another ("2015 not 2013")."""
    text = plain(text)
    years = pattern("year")
    kept = without_denied(text, years)
    found = years.findall(kept) or years.findall(text)
    return int(found[-1]) if found else None


def office_meant(text: str) -> str | None:
    """The clerk's office the message names and does not deny."""
    offices = named(plain(text), patterns("offices"))
    return offices[0] if offices else None


def read(text: str) -> FollowUp:
    """What the message asks of the focus (whether or not it is a follow-up)."""
    text = plain(text)
    return FollowUp(
        details=details_asked(text),
        office=office_meant(text),
        other_office=bool(pattern("other_office").search(text)),
        steps=bool(pattern("steps").search(text)),
        next_step=bool(pattern("next_step").search(text)),
        other_filer=bool(pattern("other_filer").search(text)),
        no_lawyer=bool(pattern("no_lawyer").search(text)),
        systems=tuple(named(text, patterns("system_words"))),
        system=next(iter(named(text, patterns("system_words"))), None)
        or next(iter(other_systems(denied(text, patterns("system_words")))), None),
        year=year_meant(text),
    )


def other_systems(denied_systems: List[str]) -> List[str]:
    """With one system denied and none named ("not the pacer one"), the message means the
    other of a pair; which pair is the focus's, so the action settles it."""
    return [f"not:{system}" for system in denied_systems[:1]]


def word_count(text: str) -> int:
    return len(re.findall(r"[\w#']+", text))


def points_back(text: str) -> bool:
    """The message points back ("their phone", "is that...", "¿y su teléfono?") or continues
    ("and...")."""
    return bool(pattern("points_back").search(plain(text)))


def names_no_one(text: str) -> bool:
    """A short message that names no office, court, service or person ("open on sundays at
    all?", "address?"): its subject is the last answer's."""
    short = word_count(text) <= settings()["subjectless_words"]
    return short and not pattern("names_someone").search(plain(text))


def is_follow_up(text: str) -> bool:
    """A message that asks something of the focus rather than a question of its own.

    Short enough, naming no subject of its own, and one of: a correction of the system or
    office asked about ("no, I meant PACER"); the other office, or an office named while
    going on ("the other one", "and the Sioux City one?"); the steps or the next step of
    "that"; another filer, a visitor without a lawyer ("I don't have a lawyer, it's just
    me") or another year; a detail ("their phone?", "and saturdays?").
    """
    text = pattern("greeting").sub("", plain(text))
    if word_count(text) > settings()["max_words"]:
        return False
    asked = read(text)
    own_subject = bool(pattern("own_subject").search(text))
    leans = points_back(text) or names_no_one(text)
    if is_correction(text) and asked.office and not own_subject:
        return True
    if is_correction(text) and asked.system and not own_subject_but(text, SHARED_NOUNS):
        return True
    if len(named(text, patterns("offices"))) > 1:
        return False
    going_on = bool(pattern("goes_on").search(text))
    if asked.other_office or (asked.office and going_on and not own_subject):
        return True
    if (asked.steps or asked.next_step) and leans and not own_subject:
        return True
    if asked.other_filer and leans and not asked.details and not own_subject:
        return True
    if asked.no_lawyer and not own_subject and is_statement_of_self(text):
        return True
    if asked.year and is_year_given(text):
        return True
    # "Is the Sioux City office open, and when does it close?": "it" is the office named.
    return bool(asked.details) and leans and not own_subject and not asked.office


def is_statement_of_self(text: str) -> bool:
    """ "I don't have a lawyer, it's just me": no question, and nothing the visitor does."""
    text = plain(text)
    return not pattern("question").search(text) and not pattern("no_lawyer_doing").search(text)


def is_correction(text: str) -> bool:
    """ "No, I meant...", "sorry, Clayton County, not Clay": the visitor corrects the last
    question."""
    return bool(pattern("correction").search(plain(text)))


def own_subject_but(text: str, words: str = r"pacer|ecf|cm/ecf|account|it") -> bool:
    """Whether the message names a subject of its own besides `words` ("my PACER password,
    not ECF" does: password; "no, I meant PACER" does not)."""
    rest = re.sub(rf"\b({words})\b", " ", plain(text), flags=re.I)
    return bool(pattern("own_subject").search(rest))


def is_year_given(text: str) -> bool:
    """A year given as the answer to "when was it opened": a short message, or one naming
    the account or correcting itself, that asks about nothing else ("is the tax I owe from
    2019 dischargeable?" is no such answer)."""
    text = plain(text)
    if own_subject_but(text, r"pacer|account|it|made|created|opened|cuenta"):
        return False
    short = word_count(text) <= settings()["max_year_words"]
    return short and (
        bool(pattern("year_words").search(text)) or is_correction(text) or word_count(text) <= 3
    )


def continues(text: str) -> bool:
    """A short message that goes on from the last answer ("what if I owe less?")."""
    return word_count(text) <= settings()["max_continuing_words"] and bool(
        pattern("continues").search(pattern("greeting").sub("", plain(text)))
    )


def is_account_year_topic(topic: str | None) -> bool:
    """Whether a year given after `topic` is the year a PACER account was opened."""
    return topic in settings()["account_year_topics"]


def is_office_topic(topic: str | None) -> bool:
    """Whether `topic` is about the clerk's offices themselves (or there is none)."""
    return topic is None or topic in settings()["office_topics"]


def sets_focus(intent: str) -> bool:
    """Whether answering `intent` makes it the topic in focus."""
    return intent not in settings()["keeps_focus"]


def subject_of(topic: str | None, office: str | None) -> str | None:
    """Whose details a follow-up asks: the service the topic in focus names, else the office
    (or court) in focus, else both clerk's offices; None with nothing in focus."""
    if topic is None and office is None:
        return None
    service = settings()["subject_of_topic"].get(topic or "")
    return service or office or CLERK_OFFICES


def steps_of(topic: str) -> str:
    return settings()["steps_of_topic"].get(topic, topic)


def next_of(topic: str) -> str | None:
    return settings()["next_of_topic"].get(topic)


def for_other_filer(topic: str) -> str:
    return settings()["other_filer_topic"].get(topic, topic)


def for_debtor_without_lawyer(topic: str) -> str:
    return settings()["no_lawyer_topic"].get(topic, topic)


def both_asked(topic: str, text: str) -> Tuple[str, ...]:
    """Both topics of a pair, in the order named, when a message the classifier gave one of
    them names the other's system too, joined to it ("forgot both my PACER and my ECF
    password"); else nothing ("my card for filing fees in PACER" asks one question)."""
    text = plain(text)
    if not pattern("both").search(text):
        return ()
    systems = named(text, patterns("system_words"))
    for pair in settings()["same_question"]:
        if topic in pair.values() and len(set(systems) & set(pair)) == len(pair):
            return tuple(pair[system] for system in systems if system in pair)
    return ()


def same_question_about(topics: Tuple[str | None, ...], system: str) -> str | None:
    """The topic asking the question of the first of `topics` that has a counterpart about
    `system` ("not:pacer": the other one of the pair); None when none has one."""
    for topic in topics:
        for pair in settings()["same_question"]:
            if topic not in pair.values():
                continue
            if system.startswith("not:"):
                others = [t for key, t in pair.items() if key != system[4:] and t != topic]
                return others[0] if others else None
            return pair.get(system)
    return None
