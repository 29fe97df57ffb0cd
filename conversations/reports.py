"""What visitors asked and what the assistant missed: the reports clerk staff read, worked
out here once for `make review` (conversations/review.py) and the clerk pages (serve/clerk/).

Reads the conversations of a period from the tracker store, read-only
(conversations/store.py), and works out, for each visitor message, what the assistant did:
answered, declined as off-topic, offered "Did you mean", could not find the place, or
answered and was rated "No" on the chat page's "Was this helpful?". Days and hours are the
court's (Central Time). The missed messages are grouped by similar wording, and written out
as Markdown, as NLU data for maintainers to sort into intents (review-nlu.yml) and as CSV;
conversations/report_html.py writes the same reports as HTML. The store holds only what the
REST channel left after redacting personal data.
"""

import csv
import io
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache, lru_cache
from operator import itemgetter
from typing import Dict, Iterable, List, Tuple
from zoneinfo import ZoneInfo

from actions.settings import ACTIONS_DIR, load_settings
from answers import topics
from conversations.store import ConversationStore, Message, Row
from facts import fact, render

# The court's clock: a report's days and hours are Central Time, as the offices' are.
COURT_TIME = ZoneInfo(fact("office_hours.time_zone"))
ANSWERED, DECLINED, DID_YOU_MEAN, NOT_FOUND, UNHELPFUL = (
    "answered",
    "declined as off-topic",
    '"Did you mean" offered',
    "place still not found",
    "answered, rated not helpful",
)
MISSED = (DECLINED, DID_YOU_MEAN, NOT_FOUND, UNHELPFUL)
# Visitor messages that ask nothing, so are not counted: "hello", and the greeting the chat
# page sends for the visitor when it opens.
NOT_QUESTIONS = {"greet"}
# The placeholder intent of each kind of miss in review-nlu.yml, for maintainers to rename.
PLACEHOLDER_INTENT = {
    DECLINED: "sort_declined",
    DID_YOU_MEAN: "sort_did_you_mean",
    NOT_FOUND: "sort_place",
    UNHELPFUL: "sort_rated_unhelpful",
}
TOPIC_COLUMNS = ("topic", "answers", "rated helpful", "rated not helpful")
CSV_COLUMNS = ("what the assistant did", "group", "date", "time", "conversation", "message")
# Two wordings are one group when they share this share of their words.
SIMILAR = 0.6
WORD = re.compile(r"[a-z0-9]+")
FILLER = {"a", "an", "the", "i", "my", "me", "is", "are", "do", "to", "of", "for", "and", "it"}


@cache
def missed_texts() -> Dict[str, str]:
    """The reply that tells each kind of miss, as the assistant words it in each language;
    read once: the pages ask at every request."""
    declined = next(topic for topic in topics() if topic.intent == "out_of_scope")
    unclear = load_settings(str(ACTIONS_DIR / "unclear_question.py"))
    routing = load_settings(str(ACTIONS_DIR / "office_routing.py"))
    texts: Dict[str, str] = {}
    for language, answer in (("en", declined.answer), ("es", declined.answer_es)):
        texts[render(answer or "", language)] = DECLINED
        texts[unclear.wording(language)["ask_text"]] = DID_YOU_MEAN
        texts[routing.wording(language)["still_not_found"]] = NOT_FOUND
    return texts


def court_today() -> date:
    """Today, on the court's clock."""
    return datetime.now(COURT_TIME).date()


@lru_cache(maxsize=4096)
def court_hour(hours_since_1970: int) -> datetime:
    """The start of an hour (UTC hours since 1970) on the court's clock. Central Time is a
    whole number of hours from UTC, so a message's hour and day are its hour's: a month's
    messages need some 720 conversions, not one each."""
    return datetime.fromtimestamp(hours_since_1970 * 3600, COURT_TIME)


def start_of(day: date) -> datetime:
    """Midnight at the court as the day begins."""
    return datetime.combine(day, time.min, tzinfo=COURT_TIME)


@dataclass(slots=True)
class Turn:
    """One visitor message and what the assistant did with it. Its words are read only
    when a report shows them: for a missed message."""

    id: int
    conversation: str
    timestamp: float
    intent: str
    text: str = ""
    outcome: str = ANSWERED
    rating: str | None = None

    @property
    def moment(self) -> datetime:
        """When it was sent, on the court's clock."""
        return datetime.fromtimestamp(self.timestamp, COURT_TIME)

    @property
    def day(self) -> date:
        return court_hour(int(self.timestamp // 3600)).date()

    @property
    def hour(self) -> int:
        return court_hour(int(self.timestamp // 3600)).hour

    @property
    def kinds(self) -> List[str]:
        """What the assistant did, as counted: the outcome, and a "No" rating."""
        return [self.outcome, *([UNHELPFUL] if self.rating == "no" else [])]

    @property
    def missed(self) -> bool:
        return any(kind in MISSED for kind in self.kinds)


def turns_of(
    visitor_messages: Iterable[Row],
    ratings: Dict[int, str],
    replies: Iterable[Message],
    misses: Dict[str, str],
) -> List[Turn]:
    """The turns a report looks into: each visitor message (id, conversation, timestamp,
    intent) that a rating rates or a reply tells a miss of. A rating rates the message
    before it; a reply belongs to the visitor's latest message before it (none after a
    rating, which is no question). Turns are made only for those: a month has many more."""
    replies = list(replies)
    made: Dict[int, Turn] = {}

    def turn(row: Row) -> Turn:
        if row[0] not in made:
            made[row[0]] = Turn(row[0], row[1], row[2], row[3] or "")
        return made[row[0]]

    latest: Dict[str, Row] = {}
    # For each conversation with a reply to place: its visitor messages' ids in order, and
    # each message (None for a rating).
    ids: Dict[str, List[int]] = {reply.conversation: [] for reply in replies}
    by_id: Dict[int, Row | None] = {}
    for row in sorted(visitor_messages, key=itemgetter(0)):
        id, conversation = row[0], row[1]
        if id in ratings:
            rated = latest.pop(conversation, None)
            if rated is not None:
                turn(rated).rating = ratings[id]
        else:
            latest[conversation] = row
        if conversation in ids:
            ids[conversation].append(id)
            by_id[id] = None if id in ratings else row
    for reply in replies:
        earlier = ids[reply.conversation]
        position = bisect_left(earlier, reply.id) - 1
        row = by_id[earlier[position]] if position >= 0 else None
        kind = miss_told_by(reply.text, misses)
        if row is not None and kind:
            turn(row).outcome = kind
    return [made[id] for id in sorted(made)]


def miss_told_by(text: str, misses: Dict[str, str]) -> str | None:
    """The kind of miss a reply tells, by how it begins (some go on with phone numbers)."""
    return next((kind for opening, kind in misses.items() if text.startswith(opening)), None)


def words_of(text: str) -> frozenset:
    return frozenset(WORD.findall(text.lower())) - FILLER


def similar(first: frozenset, second: frozenset) -> bool:
    union = first | second
    return bool(union) and len(first & second) / len(union) >= SIMILAR


def group_by_wording(turns: List[Turn]) -> List[List[Turn]]:
    """Missed messages in groups of similar wording, the largest group first. The same
    words are looked up, not compared again: a busy month repeats its questions."""
    groups: List[Tuple[frozenset, List[Turn]]] = []
    group_of: Dict[frozenset, List[Turn]] = {}
    for turn in turns:
        words = words_of(turn.text)
        if words not in group_of:
            key_and_members = next((group for group in groups if similar(group[0], words)), None)
            if key_and_members is None:
                key_and_members = (words, [])
                groups.append(key_and_members)
            group_of[words] = key_and_members[1]
        group_of[words].append(turn)
    return sorted((members for _, members in groups), key=len, reverse=True)


def topic_ratings(review: "Review") -> Dict[str, Counter]:
    """intent -> how often it was answered ("answers") and rated "yes" and "no"."""
    counts: Dict[str, Counter] = defaultdict(Counter)
    for (_, intent), messages in review.counts.items():
        if intent:
            counts[intent]["answers"] += messages
    for turn in review.turns:
        if turn.outcome != ANSWERED:
            counts[turn.intent]["answers"] -= 1
        elif turn.rating:
            counts[turn.intent][turn.rating] += 1
    return {intent: tally for intent, tally in counts.items() if tally["answers"] > 0}


def answered_topics(review: "Review") -> List[Tuple[str, int, int, int]]:
    """(topic, answers, rated helpful, rated not helpful) for each topic answered, the most
    answered first; a topic is the intent the message was understood as, named by its title
    ("Did you mean" button) where it has one."""
    titles = {topic.intent: topic.title or topic.intent for topic in topics()}
    counts: Dict[str, Counter] = defaultdict(Counter)
    for intent, tally in topic_ratings(review).items():
        counts[titles.get(intent, intent)].update(tally)
    rows = [(title, c["answers"], c["yes"], c["no"]) for title, c in counts.items()]
    return sorted(rows, key=lambda row: row[1], reverse=True)


@dataclass
class Review:
    """Everything the reports show, for one period (court days `since` to `until`).

    A month is a hundred thousand visitor messages, so most of them are only counted
    (`counts`, `last_seen`); `turns` holds the ones a report looks into, those missed or
    rated, and their words are read the first time a report shows them."""

    since: date
    until: date
    # (UTC hour since 1970, intent) -> visitor messages (ratings are not messages).
    counts: Counter
    # conversation -> the UTC hour of its latest visitor message in the period.
    last_seen: Dict[str, int]
    turns: List[Turn]
    store: ConversationStore | None = None
    words_read: bool = False
    # kind of miss -> its messages grouped by wording, once per report: make review writes
    # four files from one report.
    groups: Dict[str, List[List[Turn]]] = field(default_factory=dict, repr=False)

    @property
    def messages(self) -> int:
        return sum(self.counts.values())

    @property
    def conversations(self) -> int:
        return len(self.last_seen)

    @property
    def answered(self) -> int:
        return self.messages - sum(turn.outcome != ANSWERED for turn in self.turns)

    @property
    def missed_count(self) -> int:
        return sum(turn.missed for turn in self.turns)

    def ratings(self, value: str) -> int:
        return sum(turn.rating == value for turn in self.turns)

    def missed_as(self, kind: str) -> int:
        """How many messages were missed in this way."""
        return sum(kind in turn.kinds for turn in self.turns)

    def missed(self, kind: str) -> List[List[Turn]]:
        """The messages missed in this way, grouped by their words."""
        if kind not in self.groups:
            self.read_words()
            self.groups[kind] = group_by_wording([t for t in self.turns if kind in t.kinds])
        return self.groups[kind]

    def read_words(self) -> None:
        """Read the words of every missed message, once, in one query: the figures need
        none, so a page of figures reads none."""
        if self.words_read or self.store is None:
            return
        missed = [turn for turn in self.turns if turn.missed]
        texts = self.store.texts([turn.id for turn in missed])
        for turn in missed:
            turn.text = texts.get(turn.id, "")
        self.words_read = True

    def from_day(self, day: date) -> "Review":
        """The same report for the days from `day` on: a shorter period without a new read."""
        first = int(start_of(day).timestamp() // 3600)
        return Review(
            day,
            self.until,
            Counter({key: n for key, n in self.counts.items() if key[0] >= first}),
            {who: hour for who, hour in self.last_seen.items() if hour >= first},
            [turn for turn in self.turns if turn.day >= day],
            self.store,
            self.words_read,
        )

    def per_day(self) -> List[Tuple[date, int, Counter]]:
        """(day, messages, misses by kind) for every day of the period with messages."""
        messages: Counter = Counter()
        for (hour, _), count in self.counts.items():
            messages[court_hour(hour).date()] += count
        outcomes: Dict[date, Counter] = defaultdict(Counter)
        for turn in self.turns:
            outcomes[turn.day].update(turn.kinds)
        return [(day, messages[day], outcomes[day]) for day in sorted(messages)]

    def per_hour(self) -> List[int]:
        """Visitor messages in each hour of the court's day, 0 to 23."""
        counts: Counter = Counter()
        for (hour, _), count in self.counts.items():
            counts[court_hour(hour).hour] += count
        return [counts[hour] for hour in range(24)]


def read_review(store: ConversationStore, since: date, until: date | None = None) -> Review:
    """The report of court days `since` to `until` (default today), read from `store`: the
    visitor messages counted, and the turns of the conversations with a reply that tells a
    miss or with a rating made, to look into."""
    start, end = start_of(since), start_of(until + timedelta(days=1)) if until else None
    misses = missed_texts()
    replies = store.replies_beginning(list(misses), start, end)
    ratings = store.ratings(start, end)
    rows = store.visitor_messages(start, end)
    counts: Counter = Counter()
    last_seen: Dict[str, int] = {}
    looked_into = {reply.conversation for reply in replies}
    for id, conversation, timestamp, intent in rows:
        if id in ratings:
            looked_into.add(conversation)
        elif intent not in NOT_QUESTIONS:
            hour = int(timestamp // 3600)
            counts[hour, intent or ""] += 1
            last_seen[conversation] = hour
    looked_at = [row for row in rows if row[1] in looked_into]
    turns = turns_of(looked_at, ratings, replies, misses)
    return Review(since, until or court_today(), counts, last_seen, turns, store)


def conversation_ids(group: List[Turn]) -> str:
    return ", ".join(dict.fromkeys(turn.conversation for turn in group))


def markdown(review: Review) -> str:
    """review.md: the figures and every missed message, grouped."""
    lines = [
        f"# What visitors asked, {review.since} to {review.until}",
        "",
        f"{review.conversations} conversations, {review.messages} visitor messages.",
    ]
    if not review.messages:
        return "\n".join([*lines, "", "No conversations in this period."]) + "\n"
    lines += ["", "| day | messages | " + " | ".join(MISSED) + " |", "|---" * 6 + "|"]
    for day, messages, outcomes in review.per_day():
        missed = " | ".join(str(outcomes[outcome]) for outcome in MISSED)
        lines.append(f"| {day} | {messages} | {missed} |")
    lines += ["", "## Answers given per topic", "", f"| {' | '.join(TOPIC_COLUMNS)} |"]
    lines.append("|---" * len(TOPIC_COLUMNS) + "|")
    for row in answered_topics(review):
        lines.append("| " + " | ".join(map(str, row)) + " |")
    for outcome in MISSED:
        groups = review.missed(outcome)
        lines += ["", f"## Messages {outcome} ({sum(map(len, groups))})", ""]
        lines += [
            f'- {len(group)} x "{group[0].text}"'
            + "".join(f' / "{turn.text}"' for turn in group[1:3])
            + f" (conversations: {conversation_ids(group)})"
            for group in groups
        ] or ["None."]
    return "\n".join(lines) + "\n"


def nlu_file(review: Review) -> str:
    """review-nlu.yml: each group of missed messages as an intent block to sort."""
    lines = ['version: "3.1"', "nlu:"]
    for outcome in MISSED:
        for number, group in enumerate(review.missed(outcome), 1):
            conversations = conversation_ids(group)
            lines.append(f"# {outcome}, {len(group)} time(s); conversations: {conversations}")
            lines.append(f"- intent: {PLACEHOLDER_INTENT[outcome]}_{number}")
            lines.append("  examples: |")
            texts = dict.fromkeys(" ".join(turn.text.split()) for turn in group)
            lines += [f"    - {text}" for text in texts]
    return "\n".join(lines) + "\n"


def spreadsheet_safe(cell: str) -> str:
    """A visitor's text as a CSV cell no spreadsheet runs as a formula."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def csv_file(review: Review) -> str:
    """review.csv: one row per missed message, its group numbered as in review-nlu.yml."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for outcome in MISSED:
        for number, group in enumerate(review.missed(outcome), 1):
            for turn in group:
                writer.writerow(
                    [
                        outcome,
                        number,
                        str(turn.day),
                        turn.moment.strftime("%H:%M"),
                        spreadsheet_safe(turn.conversation),
                        spreadsheet_safe(turn.text),
                    ]
                )
    return out.getvalue()
