"""The reports as HTML: written once, shown in `make review`'s review.html and in the clerk
pages (serve/clerk/pages.py).

Charts are inline SVG (no script, nothing loaded from elsewhere), each with a name a screen
reader reads and its figures also in text, so that they print and read without the picture.
"""

import html
from datetime import date
from typing import Callable, List, Sequence, Tuple

from conversations.reports import MISSED, TOPIC_COLUMNS, Review, Turn, answered_topics

BAR_COLOUR = "#1f4e79"
# The review page's own style, for the file opened from disk; the clerk pages use web/clerk.css.
STANDALONE_STYLE = (
    "body{font-family:sans-serif;max-width:52rem;margin:2rem auto;color:#111}"
    "svg text{font-size:12px}table{border-collapse:collapse}"
    "td,th{border:1px solid #999;padding:.2rem .5rem;text-align:left}"
)
# Conversations named per group of missed messages; the CSV has them all.
LINKS_PER_GROUP = 10
# What a missed message links to: a conversation id -> the address of its transcript, if any.
Link = Callable[[str], str | None]


def escape(text: object) -> str:
    return html.escape(str(text))


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "–"


def standalone_page(title: str, body: str) -> str:
    """A whole page that opens from disk: its style inside, no scripts."""
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}'
        f"</title><style>{STANDALONE_STYLE}</style></head><body>{body}</body></html>\n"
    )


def bars(rows: List[Tuple[str, float, str]], unit: str) -> str:
    """A horizontal bar chart in SVG: one labelled bar per row, scaled to the largest."""
    largest = max((value for _, value, _ in rows), default=0) or 1
    height = 22 * len(rows) + 4
    parts = [f'<svg role="img" width="560" height="{height}" aria-label="{escape(unit)}">']
    for index, (label, value, note) in enumerate(rows):
        y, width = 22 * index + 2, 300 * value / largest
        parts.append(
            f'<text x="0" y="{y + 15}">{escape(label)}</text>'
            f'<rect x="110" y="{y}" width="{width:.1f}" height="18" fill="{BAR_COLOUR}"/>'
            f'<text x="{116 + width:.1f}" y="{y + 15}">{escape(note)}</text>'
        )
    return "".join(parts) + "</svg>"


def busiest_hour(counts: Sequence[int]) -> str:
    """The hour with the most messages, as "2 p.m.–3 p.m.", or a dash when there were none."""
    if not any(counts):
        return "–"
    hour = max(range(24), key=lambda each: counts[each])
    return f"{clock(hour)}–{clock((hour + 1) % 24)}"


def clock(hour: int) -> str:
    """An hour as the court writes it: "8 a.m.", "12 p.m."."""
    return f"{(hour % 12) or 12} {'a.m.' if hour < 12 else 'p.m.'}"


def hours_chart(counts: Sequence[int], name: str) -> str:
    """Messages in each hour of the court's day as a column chart, the busiest named."""
    largest = max(counts, default=0) or 1
    label = f"{name}: most messages {busiest_hour(counts)} ({max(counts, default=0)})"
    parts = [f'<svg class="hours" role="img" viewBox="0 0 480 150" aria-label="{escape(label)}">']
    for hour, count in enumerate(counts):
        height = 110 * count / largest
        parts.append(
            f'<rect x="{hour * 20 + 2}" y="{120 - height:.1f}" width="16" height="{height:.1f}" '
            f'fill="{BAR_COLOUR}"><title>{clock(hour)}: {count}</title></rect>'
        )
    for hour in range(0, 24, 3):
        parts.append(f'<text x="{hour * 20}" y="140">{clock(hour)}</text>')
    return "".join(parts) + "</svg>"


def figures_table(columns: Sequence[Tuple[str, Review]], caption: str) -> str:
    """The headline figures of one or more periods, one column each."""
    rows = [
        ("Conversations", lambda r: r.conversations),
        ("Visitor messages", lambda r: r.messages),
        ("Answered", lambda r: f"{r.answered} ({percent(r.answered, r.messages)})"),
        ("Missed", lambda r: f"{r.missed_count} ({percent(r.missed_count, r.messages)})"),
        ('Rated helpful ("Yes")', lambda r: r.ratings("yes")),
        ('Rated not helpful ("No")', lambda r: r.ratings("no")),
        ("Busiest hour", lambda r: busiest_hour(r.per_hour())),
    ]
    head = "".join(f'<th scope="col">{escape(name)}</th>' for name, _ in columns)
    body = "".join(
        f'<tr><th scope="row">{escape(label)}</th>'
        + "".join(f"<td>{escape(value(review))}</td>" for _, review in columns)
        + "</tr>"
        for label, value in rows
    )
    return (
        f"<table><caption>{escape(caption)}</caption>"
        f'<tr><td class="blank"></td>{head}</tr>{body}</table>'
    )


def topics_table(review: Review) -> str:
    """Answers given per topic, with their ratings, the most answered first."""
    head = "".join(f'<th scope="col">{escape(column)}</th>' for column in TOPIC_COLUMNS)
    rows = "".join(
        "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>"
        for row in answered_topics(review)
    )
    return f"<table><tr>{head}</tr>{rows}</table>"


def missed_groups(groups: List[List[Turn]], link: Link | None = None) -> str:
    """Missed messages grouped by wording, each with its count and its conversations."""
    if not groups:
        return "<p>None.</p>"
    items = []
    for group in groups:
        wordings = " / ".join(f"&ldquo;{escape(turn.text)}&rdquo;" for turn in group[:3])
        # The newest conversations first: this morning's matter more than last month's.
        ids = list(dict.fromkeys(turn.conversation for turn in reversed(group)))
        shown = ", ".join(conversation_link(each, link) for each in ids[:LINKS_PER_GROUP])
        more = f" and {len(ids) - LINKS_PER_GROUP} more" if len(ids) > LINKS_PER_GROUP else ""
        items.append(
            f'<li><strong>{len(group)} x</strong> {wordings} <span class="ids">'
            f"(conversations: {shown}{more})</span></li>"
        )
    return f'<ul class="missed">{"".join(items)}</ul>'


def conversation_link(conversation: str, link: Link | None) -> str:
    address = link(conversation) if link else None
    if address is None:
        return escape(conversation)
    return f'<a href="{escape(address)}">{escape(conversation)}</a>'


def missed_sections(review: Review, link: Link | None = None, level: int = 2) -> str:
    """A section per kind of miss: its heading with the count, then its groups."""
    parts = []
    for outcome in MISSED:
        groups = review.missed(outcome)
        parts.append(
            f"<h{level}>Messages {escape(outcome)} ({sum(map(len, groups))})</h{level}>"
            + missed_groups(groups, link)
        )
    return "".join(parts)


def missed_share(day: date, messages: int, outcomes: dict) -> Tuple[str, float, str]:
    """A day's bar of the "missed" chart: the share missed, and how, as its note."""
    missed = min(messages, sum(outcomes[outcome] for outcome in MISSED))
    how = ", ".join(f"{outcomes[outcome]} {outcome}" for outcome in MISSED if outcomes[outcome])
    return (str(day), missed / messages, percent(missed, messages) + (f" ({how})" if how else ""))


def period_report(review: Review, link: Link | None = None) -> str:
    """The whole report of one period: figures, charts, topics and missed messages."""
    body = [f"<p>{review.conversations} conversations, {review.messages} visitor messages.</p>"]
    if not review.messages:
        return body[0] + "<p>No conversations in this period.</p>"
    days = review.per_day()
    body += [
        figures_table([(f"{review.since} to {review.until}", review)], "The period in figures"),
        "<h2>Messages per day</h2>",
        bars([(str(day), count, str(count)) for day, count, _ in days], "messages per day"),
        "<h2>Share of messages missed per day</h2>",
        bars([missed_share(*day) for day in days], "share missed per day"),
        "<h2>Messages per hour of the day (Central Time)</h2>",
        hours_chart(review.per_hour(), "messages per hour"),
        "<h2>Answers given per topic</h2>",
        topics_table(review),
        missed_sections(review, link),
    ]
    return "".join(body)
