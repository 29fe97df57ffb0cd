"""`make review`: what visitors asked and what the assistant missed, for clerk staff.

Reads the conversations of a period from the tracker store (`TRACKER_STORE_URL`: SQLite by
default, PostgreSQL too) and writes, into OUT:

- `review.md` and `review.html` (one printable page that opens from disk): conversations,
  messages, answers given per topic with their ratings, messages per day and the share that
  missed, and every visitor message that got the off-topic decline, "Did you mean", the
  "still not found" routing reply or a "No" from the chat page's "Was this helpful?",
  grouped by similar wording with counts and conversation ids;
- `review-nlu.yml`: those messages as NLU data, each group under a comment saying what the
  assistant did, for maintainers to sort into intents and add to `data/nlu/`.

It reads only what the store holds, which the REST channel redacted before Rasa saw it.

Usage: python -m conversations.review OUT [SINCE]   (SINCE: YYYY-MM-DD, default 7 days ago)
"""

import html
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Dict, Iterable, List, Tuple

import sqlalchemy as sa

from actions.settings import ACTIONS_DIR, load_settings
from answers import topics
from conversations.purge import EVENTS_TABLE, store_url
from facts import render

DAYS_BY_DEFAULT = 7
ANSWERED, DECLINED, DID_YOU_MEAN, NOT_FOUND, UNHELPFUL = (
    "answered",
    "declined as off-topic",
    '"Did you mean" offered',
    "place still not found",
    "answered, rated not helpful",
)
MISSED = (DECLINED, DID_YOU_MEAN, NOT_FOUND, UNHELPFUL)
# The chat page's "Was this helpful?" buttons send this intent with a `rating` entity.
RATING_INTENT, RATING_ENTITY = "rate_answer", "rating"
# The placeholder intent of each kind of miss in review-nlu.yml, for maintainers to rename.
PLACEHOLDER_INTENT = {
    DECLINED: "sort_declined",
    DID_YOU_MEAN: "sort_did_you_mean",
    NOT_FOUND: "sort_place",
    UNHELPFUL: "sort_rated_unhelpful",
}
TOPIC_COLUMNS = ("topic", "answers", "rated helpful", "rated not helpful")
# Two wordings are one group when they share this share of their words.
SIMILAR = 0.6
WORD = re.compile(r"[a-z0-9]+")
FILLER = {"a", "an", "the", "i", "my", "me", "is", "are", "do", "to", "of", "for", "and", "it"}


def missed_texts() -> Dict[str, str]:
    """The reply that tells each kind of miss, as the assistant words it in each language."""
    declined = next(topic for topic in topics() if topic.intent == "out_of_scope")
    unclear = load_settings(str(ACTIONS_DIR / "unclear_question.py"))
    routing = load_settings(str(ACTIONS_DIR / "office_routing.py"))
    texts: Dict[str, str] = {}
    for language, answer in (("en", declined.answer), ("es", declined.answer_es)):
        texts[render(answer or "", language)] = DECLINED
        texts[unclear.wording(language)["ask_text"]] = DID_YOU_MEAN
        texts[routing.wording(language)["still_not_found"]] = NOT_FOUND
    return texts


@dataclass
class Turn:
    """One visitor message and what the assistant did with it."""

    conversation: str
    day: date
    text: str
    intent: str
    outcome: str = ANSWERED
    rating: str | None = None

    @property
    def kinds(self) -> List[str]:
        """What the assistant did, as counted: the outcome, and a "No" rating."""
        return [self.outcome, *([UNHELPFUL] if self.rating == "no" else [])]


def read_events(url: str, since: date) -> List[Tuple[str, str, dict]]:
    """(conversation id, event type, event) of every event from `since` on, in order."""
    start = datetime.combine(since, datetime.min.time(), tzinfo=timezone.utc).timestamp()
    engine = sa.create_engine(url)
    try:
        if not sa.inspect(engine).has_table(EVENTS_TABLE):
            return []
        query = sa.text(
            "SELECT sender_id, type_name, data FROM events WHERE timestamp >= :start ORDER BY id"
        )
        with engine.connect() as connection:
            rows = connection.execute(query, {"start": start}).all()
    finally:
        engine.dispose()
    return [(sender, kind, json.loads(data)) for sender, kind, data in rows]


def turns_of(events: Iterable[Tuple[str, str, dict]], misses: Dict[str, str]) -> List[Turn]:
    """Each visitor message, the intent it was understood as, and the outcome of the
    assistant's replies to it."""
    turns: List[Turn] = []
    latest: Dict[str, Turn] = {}
    for conversation, kind, event in events:
        if kind == "user" and rating_of(event) is not None:
            # The rating rates the turn before it; the thanks that follows belongs to no turn.
            if conversation in latest:
                latest.pop(conversation).rating = rating_of(event)
        elif kind == "user":
            moment = datetime.fromtimestamp(event["timestamp"], tz=timezone.utc)
            intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name") or ""
            turn = Turn(conversation, moment.date(), event.get("text") or "", intent)
            latest[conversation] = turn
            turns.append(turn)
        elif conversation in latest and kind == "bot":
            latest[conversation].outcome = miss_told_by(event.get("text") or "", misses) or (
                latest[conversation].outcome
            )
    return turns


def rating_of(event: dict) -> str | None:
    """ "yes" or "no" when a user event is a rating of the answer before it, else None."""
    parsed = event.get("parse_data") or {}
    if (parsed.get("intent") or {}).get("name") != RATING_INTENT:
        return None
    values = [e.get("value") for e in parsed.get("entities") or [] if e["entity"] == RATING_ENTITY]
    return str(values[0]).lower() if values else "unknown"


def miss_told_by(text: str, misses: Dict[str, str]) -> str | None:
    """The kind of miss a reply tells, by how it begins (some go on with phone numbers)."""
    return next((kind for opening, kind in misses.items() if text.startswith(opening)), None)


def words_of(text: str) -> frozenset:
    return frozenset(WORD.findall(text.lower())) - FILLER


def similar(first: frozenset, second: frozenset) -> bool:
    union = first | second
    return bool(union) and len(first & second) / len(union) >= SIMILAR


def group_by_wording(turns: List[Turn]) -> List[List[Turn]]:
    """Missed messages in groups of similar wording, the largest group first."""
    groups: List[Tuple[frozenset, List[Turn]]] = []
    for turn in turns:
        words = words_of(turn.text)
        for key, members in groups:
            if similar(key, words):
                members.append(turn)
                break
        else:
            groups.append((words, [turn]))
    return sorted((members for _, members in groups), key=len, reverse=True)


def answered_topics(turns: List[Turn]) -> List[Tuple[str, int, int, int]]:
    """(topic, answers, rated helpful, rated not helpful) for each topic answered, the most
    answered first; a topic is the intent the message was understood as, named by its title
    ("Did you mean" button) where it has one."""
    titles = {topic.intent: topic.title or topic.intent for topic in topics()}
    counts: Dict[str, Counter] = defaultdict(Counter)
    for turn in turns:
        if turn.outcome == ANSWERED and turn.intent:
            tally = counts[titles.get(turn.intent, turn.intent)]
            tally.update(["answers", *([turn.rating] if turn.rating else [])])
    rows = [(title, c["answers"], c["yes"], c["no"]) for title, c in counts.items()]
    return sorted(rows, key=lambda row: row[1], reverse=True)


@dataclass
class Review:
    """Everything the review pages show, for one period."""

    since: date
    until: date
    turns: List[Turn]

    @property
    def conversations(self) -> int:
        return len({turn.conversation for turn in self.turns})

    def missed(self, kind: str) -> List[List[Turn]]:
        return group_by_wording([turn for turn in self.turns if kind in turn.kinds])

    def per_day(self) -> List[Tuple[date, int, Counter]]:
        """(day, messages, outcomes) for every day of the period with messages."""
        days: Dict[date, Counter] = defaultdict(Counter)
        for turn in self.turns:
            days[turn.day].update(turn.kinds)
        messages = Counter(turn.day for turn in self.turns)
        return [(day, messages[day], days[day]) for day in sorted(days)]


def conversation_ids(group: List[Turn]) -> str:
    return ", ".join(dict.fromkeys(turn.conversation for turn in group))


def markdown(review: Review) -> str:
    """review.md: the figures and every missed message, grouped."""
    lines = [
        f"# What visitors asked, {review.since} to {review.until}",
        "",
        f"{review.conversations} conversations, {len(review.turns)} visitor messages.",
    ]
    if not review.turns:
        return "\n".join([*lines, "", "No conversations in this period."]) + "\n"
    lines += ["", "| day | messages | " + " | ".join(MISSED) + " |", "|---" * 6 + "|"]
    for day, messages, outcomes in review.per_day():
        missed = " | ".join(str(outcomes[outcome]) for outcome in MISSED)
        lines.append(f"| {day} | {messages} | {missed} |")
    lines += ["", "## Answers given per topic", "", f"| {' | '.join(TOPIC_COLUMNS)} |"]
    lines.append("|---" * len(TOPIC_COLUMNS) + "|")
    for row in answered_topics(review.turns):
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


def bars(rows: List[Tuple[str, float, str]], unit: str) -> str:
    """A horizontal bar chart in SVG: one labelled bar per row, scaled to the largest."""
    largest = max((value for _, value, _ in rows), default=0) or 1
    height = 22 * len(rows) + 4
    parts = [f'<svg role="img" width="560" height="{height}" aria-label="{html.escape(unit)}">']
    for index, (label, value, note) in enumerate(rows):
        y, width = 22 * index + 2, 300 * value / largest
        parts.append(
            f'<text x="0" y="{y + 15}">{html.escape(label)}</text>'
            f'<rect x="110" y="{y}" width="{width:.1f}" height="18" fill="#1f4e79"/>'
            f'<text x="{116 + width:.1f}" y="{y + 15}">{html.escape(note)}</text>'
        )
    return "".join(parts) + "</svg>"


def missed_share(day: date, messages: int, outcomes: Counter) -> Tuple[str, float, str]:
    """A day's bar of the "missed" chart: the share missed, and how, as its note."""
    missed = min(messages, sum(outcomes[outcome] for outcome in MISSED))
    how = ", ".join(f"{outcomes[outcome]} {outcome}" for outcome in MISSED if outcomes[outcome])
    return (
        str(day),
        missed / messages,
        f"{100 * missed / messages:.0f}%" + (f" ({how})" if how else ""),
    )


def html_page(review: Review) -> str:
    """review.html: one printable page, no scripts, nothing loaded from elsewhere."""
    title = f"What visitors asked, {review.since} to {review.until}"
    body = [f"<h1>{html.escape(title)}</h1>"]
    body.append(
        f"<p>{review.conversations} conversations, {len(review.turns)} visitor messages.</p>"
    )
    if not review.turns:
        body.append("<p>No conversations in this period.</p>")
    else:
        days = review.per_day()
        body.append("<h2>Messages per day</h2>")
        body.append(bars([(str(d), n, str(n)) for d, n, _ in days], "messages per day"))
        body.append("<h2>Share of messages missed per day</h2>")
        body.append(bars([missed_share(*day) for day in days], "share missed per day"))
        body.append("<h2>Answers given per topic</h2>")
        body.append("<table><tr>" + "".join(f"<th>{c}</th>" for c in TOPIC_COLUMNS) + "</tr>")
        for row in answered_topics(review.turns):
            cells = "".join(f"<td>{html.escape(str(cell))}</td>" for cell in row)
            body.append(f"<tr>{cells}</tr>")
        body.append("</table>")
        for outcome in MISSED:
            groups = review.missed(outcome)
            body.append(f"<h2>Messages {html.escape(outcome)} ({sum(map(len, groups))})</h2><ul>")
            for group in groups:
                wordings = " / ".join(f"&ldquo;{html.escape(t.text)}&rdquo;" for t in group[:3])
                body.append(
                    f"<li><strong>{len(group)} x</strong> {wordings} "
                    f"<small>(conversations: {html.escape(conversation_ids(group))})</small></li>"
                )
            body.append("</ul>" if groups else "<li>None.</li></ul>")
    style = (
        "body{font-family:sans-serif;max-width:52rem;margin:2rem auto;color:#111}"
        "svg text{font-size:12px}table{border-collapse:collapse}"
        "td,th{border:1px solid #999;padding:.2rem .5rem;text-align:left}"
    )
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}'
        f"</title><style>{style}</style></head><body>{''.join(body)}</body></html>\n"
    )


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


def review(url: str, since: date, out: Path, today: date | None = None) -> Review:
    """Read the period's conversations and write the three files into `out`."""
    result = Review(since, today or date.today(), turns_of(read_events(url, since), missed_texts()))
    out.mkdir(parents=True, exist_ok=True)
    (out / "review.md").write_text(markdown(result), encoding="utf-8")
    (out / "review.html").write_text(html_page(result), encoding="utf-8")
    (out / "review-nlu.yml").write_text(nlu_file(result), encoding="utf-8")
    return result


def main(argv: List[str]) -> int:
    if len(argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    try:
        since = date.fromisoformat(argv[2]) if len(argv) == 3 and argv[2] else None
    except ValueError:
        print(f"SINCE={argv[2]!r} is not a date: write YYYY-MM-DD", file=sys.stderr)
        return 2
    since = since or date.today() - timedelta(days=DAYS_BY_DEFAULT)
    result = review(store_url(), since, Path(argv[1]))
    print(
        f"{result.conversations} conversations and {len(result.turns)} messages since {since}: "
        f"{argv[1]}/review.html, review.md, review-nlu.yml"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
