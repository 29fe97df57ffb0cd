"""The clerk pages' HTML: one function per page, around one layout.

No scripts: every page works by links and forms, so it works with a keyboard, a screen
reader, a phone and a printer alike (web/clerk.css has the print styles). Every form that
changes something carries the session's CSRF token. The reports come from
conversations/report_html.py, as in `make review`'s review.html.
"""

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Dict, List, Sequence, Tuple
from urllib.parse import quote

from conversations import report_html
from conversations.report_html import escape
from conversations.reports import COURT_TIME, MISSED, Review, topic_ratings
from conversations.store import RATING_INTENT, Message
from facts import fact

# The pages of the menu, by address.
MENU = (
    ("/clerk/", "Overview"),
    ("/clerk/missed", "Missed questions"),
    ("/clerk/answers", "Answer book"),
    ("/clerk/try", "Try a question"),
    ("/clerk/downloads", "Downloads"),
)
# The value in a rating's payload: /rate_answer{"rating": "no"}.
RATING_VALUE = re.compile(r'"rating"\s*:\s*"(\w+)"')
# The periods a report can cover, in days, and their names.
PERIODS = {1: "Today", 7: "Last 7 days", 30: "Last 30 days"}


def conversation_address(conversation: str) -> str:
    return "/clerk/conversations/" + quote(conversation, safe="")


def marked(current: bool, value: str) -> str:
    """The attribute that tells a screen reader which link is the page or period shown."""
    return f' aria-current="{value}"' if current else ""


def csrf_field(csrf: str) -> str:
    return f'<input type="hidden" name="csrf" value="{escape(csrf)}">'


def page(title: str, body: str, name: str = "", csrf: str = "", current: str = "") -> str:
    """A whole clerk page: the banner, the menu and the sign-out button when signed in."""
    menu = sign_out = ""
    if name:
        links = "".join(
            f'<li><a href="{address}"{marked(address == current, "page")}>{label}</a></li>'
            for address, label in MENU
        )
        menu = f'<nav aria-label="Clerk pages"><ul class="menu">{links}</ul></nav>'
        sign_out = (
            f'<form class="sign-out" method="post" action="/clerk/sign-out">{csrf_field(csrf)}'
            f'<button type="submit">Sign out {escape(name)}</button></form>'
        )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} | Clerk workspace</title>"
        '<link rel="stylesheet" href="/style.css"><link rel="stylesheet" href="/clerk.css">'
        '</head><body class="clerk"><a class="skip" href="#main">Skip to the content</a>'
        f'<header class="banner"><p class="court">{escape(fact("court.name"))}</p>'
        f'<p class="subtitle">Help desk assistant: clerk workspace</p>{sign_out}</header>'
        f'{menu}<main id="main"><h1>{escape(title)}</h1>{body}</main></body></html>'
    )


def sign_in(token: str, next_address: str, problem: str = "") -> str:
    """The sign-in form; `problem` says why the last try failed."""
    alert = f'<p class="notice" role="alert">{escape(problem)}</p>' if problem else ""
    return page(
        "Sign in",
        f'{alert}<form class="ask" method="post" action="/clerk/sign-in">'
        f'<input type="hidden" name="sign_in" value="{escape(token)}">'
        f'<input type="hidden" name="next" value="{escape(next_address)}">'
        '<label for="name">Name</label><div class="ask-row">'
        '<input id="name" name="name" autocomplete="username" required></div>'
        '<label for="password">Password</label><div class="ask-row">'
        '<input id="password" name="password" type="password" '
        'autocomplete="current-password" required></div>'
        '<p><button type="submit">Sign in</button></p></form>'
        "<p>Accounts are set up by whoever runs the server (<code>make clerk-user</code>).</p>",
    )


def period_links(address: str, days: int) -> str:
    """Links to the same page for each period, the shown one marked."""
    links = "".join(
        f'<li><a href="{address}?days={each}"{marked(each == days, "true")}>{name}</a></li>'
        for each, name in PERIODS.items()
    )
    return f'<nav aria-label="Period"><ul class="periods">{links}</ul></nav>'


def overview(reviews: Sequence[Tuple[str, Review]]) -> str:
    """Each period's figures side by side, then its busiest hours as a chart."""
    charts = "".join(
        f"<h3>{escape(name)}</h3>"
        + report_html.hours_chart(review.per_hour(), f"{name}, messages per hour")
        for name, review in reviews
    )
    return (
        report_html.figures_table(reviews, "What visitors asked, by period")
        + '<p>A message is missed when the assistant declined it as off-topic, offered "Did '
        'you mean", could not find the place, or was rated "No". '
        '<a href="/clerk/missed">See the missed questions</a>.</p>'
        f"<h2>Messages per hour of the day (Central Time)</h2>{charts}"
    )


def missed(review: Review, days: int) -> str:
    """The missed questions of the period, grouped by wording, each opening its conversation."""
    return (
        period_links("/clerk/missed", days)
        + f"<p>{review.missed_count} of {review.messages} visitor messages missed, "
        f"{review.since} to {review.until}. Each conversation opens as the visitor saw it.</p>"
        + report_html.missed_sections(review, conversation_address)
    )


def as_seen(message: Message) -> str:
    """A message as the visitor saw it: a button's payload ("/greet") is what they did."""
    if message.sender != "user" or not message.text.startswith("/"):
        return message.text
    if message.intent == "greet":
        return "(opened the chat)"
    if message.intent == RATING_INTENT:
        value = RATING_VALUE.search(message.text)
        return f'(answered "Was this helpful?": {value[1] if value else "?"})'
    return f"(clicked a button: {message.intent or message.text})"


def transcript(conversation: str, messages: List[Message]) -> str:
    """One conversation, message by message, as the visitor saw it (already redacted)."""
    if not messages:
        return f"<p>No conversation {escape(conversation)} is stored.</p>"
    items = []
    for message in messages:
        who = "Visitor" if message.sender == "user" else "Assistant"
        moment = message.moment.astimezone(COURT_TIME).strftime("%Y-%m-%d %H:%M")
        items.append(
            f'<li class="bubble {"me" if message.sender == "user" else "bot"}">'
            f'<span class="who">{who}, {moment}</span> {escape(as_seen(message))}</li>'
        )
    return (
        f"<p>Conversation {escape(conversation)}; times are Central Time. Personal data "
        "was removed before it was stored.</p>"
        f'<ol class="transcript">{"".join(items)}</ol>'
        '<p><a href="/clerk/missed">Back to the missed questions</a></p>'
    )


def answer_book(book: Dict, review: Review, days: int) -> str:
    """The answer book (generate/answer_book.py), each answer with its Spanish, how often it
    was given in the period and how visitors rated it."""
    ratings = topic_ratings(review)
    head = "".join(
        f'<th scope="col">{name}</th>'
        for name in ("Topic", "Answer", "In Spanish", "Given", "Yes", "No")
    )
    sections = []
    for section in book["sections"]:
        rows = []
        for entry in section["entries"]:
            tally = ratings.get(entry["intent"], {})
            rows.append(
                f'<tr><th scope="row"><code>{escape(entry["intent"])}</code></th>'
                f'<td>{escape(entry["answer"])}</td><td lang="es">{escape(entry["answer_es"])}</td>'
                f"<td>{tally.get('answers', 0)}</td><td>{tally.get('yes', 0)}</td>"
                f"<td>{tally.get('no', 0)}</td></tr>"
            )
        sections.append(
            f"<h2>{escape(section['heading'])}</h2>"
            f'<table class="answers"><tr>{head}</tr>{"".join(rows)}</table>'
        )
    return (
        period_links("/clerk/answers", days)
        + f"<p>Given and rated {review.since} to {review.until}.</p>"
        + "".join(sections)
    )


@dataclass
class Tried:
    """What the assistant made of a question a clerk tried."""

    question: str
    intent: str = ""
    confidence: float = 0.0
    overruled_by: str = ""
    entities: str = ""
    runners_up: str = ""
    answer: str = ""
    problem: str = ""


def try_question(csrf: str, tried: Tried | None, api_on: bool) -> str:
    """The form, and what the assistant understood of the last question tried."""
    if not api_on:
        return (
            '<p class="notice">The assistant\'s API is off, so this page cannot ask it. '
            "Whoever runs the server turns it on with a secret token: "
            "<code>RASA_API_TOKEN=choose-a-long-secret make run</code>. The token stays on "
            "the server.</p>"
        )
    question = tried.question if tried else ""
    form = (
        f'<form class="ask" method="post" action="/clerk/try">{csrf_field(csrf)}'
        '<label for="question">Question</label><div class="ask-row">'
        f'<input id="question" name="question" maxlength="5000" required '
        f'value="{escape(question)}"><button type="submit">Try it</button></div></form>'
    )
    if tried is None:
        return form
    if tried.problem:
        return form + f'<p class="notice" role="alert">{escape(tried.problem)}</p>'
    details: Dict[str, str] = {
        "Intent": tried.intent,
        "Confidence": f"{100 * tried.confidence:.1f}%",
        "Overruled by": tried.overruled_by or "nothing: the classifier's guess stands",
        "Entities": tried.entities or "none",
        "Runner-up intents": tried.runners_up or "none",
    }
    rows = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in details.items())
    return (
        form + '<section aria-live="polite"><h2>The assistant would answer</h2>'
        f'<div class="bubble bot">{escape(tried.answer)}</div><dl>{rows}</dl></section>'
    )


def downloads(days: int) -> str:
    """Links to the review's files for the period."""
    return (
        period_links("/clerk/downloads", days) + "<ul>"
        f'<li><a href="/clerk/downloads/review.csv?days={days}">review.csv</a>: one row per '
        "missed message, for a spreadsheet.</li>"
        f'<li><a href="/clerk/downloads/review-nlu.yml?days={days}">review-nlu.yml</a>: the '
        "missed messages as training data, grouped, for the maintainers to sort into "
        "topics.</li></ul>"
    )


def refused(reason: str) -> str:
    return page("Refused", f'<p class="notice" role="alert">{escape(reason)}</p>')


def summary(review: Review) -> Dict[str, object]:
    """The figures of a period for /clerk/api/summary.json."""
    return {
        "since": str(review.since),
        "until": str(review.until),
        "conversations": review.conversations,
        "messages": review.messages,
        "answered": review.answered,
        "missed": {kind: review.missed_as(kind) for kind in MISSED},
        "rated_yes": review.ratings("yes"),
        "rated_no": review.ratings("no"),
        "messages_per_hour": review.per_hour(),
        "generated": datetime.now(COURT_TIME).isoformat(timespec="seconds"),
    }
