"""The reports clerk staff read (conversations/reports.py) on a tracker store written by the
project's own tracker store, in SQLite and in PostgreSQL: what counts as missed, where a
rating belongs, what is counted; the store is read read-only and by its index."""

import asyncio
from collections import defaultdict
from datetime import timedelta
from typing import Dict, Iterator, List

import pytest
import sqlalchemy as sa
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from conversations.reports import (
    DECLINED,
    DID_YOU_MEAN,
    NOT_FOUND,
    UNHELPFUL,
    Review,
    answered_topics,
    court_today,
    csv_file,
    missed_texts,
    read_review,
)
from conversations.store import REPORT_INDEX, ConversationStore
from serve.services import running_postgres
from serve.tracker_store import BoundedSessionSQLTrackerStore
from support import PROJECT_ROOT

# Each kind of miss, by the replies that tell it, English first.
REPLIES: Dict[str, List[str]] = defaultdict(list)
for text, kind in missed_texts().items():
    REPLIES[kind].append(text)
SPANISH_DID_YOU_MEAN = next(text for text in REPLIES[DID_YOU_MEAN] if text.startswith("¿"))
FORMULA = '=HYPERLINK("http://example.com")'


def turn(text: str, intent: str, reply: str, entities: List[Dict] | None = None) -> List[Event]:
    """A visitor message and the assistant's reply, as Rasa stores them."""
    return [
        UserUttered(text, {"name": intent, "confidence": 0.9}, entities or []),
        ActionExecuted("utter_reply"),
        BotUttered(reply),
        ActionExecuted("action_listen"),
    ]


def rating(value: str) -> List[Event]:
    entity = {"entity": "rating", "value": value, "start": 0, "end": 0}
    return turn(f'/rate_answer{{"rating": "{value}"}}', "rate_answer", "Thank you!", [entity])


CONVERSATIONS = {
    "weather": [
        *turn("what is the weather tomorrow", "out_of_scope", REPLIES[DECLINED][0]),
        # The decline goes on with the clerk's numbers: it is known by how it begins.
        *turn("and in Ames?", "out_of_scope", REPLIES[DECLINED][0] + " Or call us."),
    ],
    "pacer": turn("pacer", "nlu_fallback", REPLIES[DID_YOU_MEAN][0]),
    "spanish": turn("pacer cosa", "nlu_fallback", SPANISH_DID_YOU_MEAN),
    "place": turn("Xyzzyville", "inform_place", REPLIES[NOT_FOUND][0]),
    "rated-no": [
        *turn("how do I upgrade my PACER account", "pacer_upgrade", "Upgrade it at PACER."),
        *rating("no"),
    ],
    "rated-yes": [*turn("your hours?", "office_hours", "8 to 4:30."), *rating("yes")],
    "formula": turn(FORMULA, "out_of_scope", REPLIES[DECLINED][0]),
    # The chat page opened and nothing asked: no message, no conversation.
    "greeting-only": turn("/greet", "greet", "Hello!"),
}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path_factory) -> Iterator[str]:
    """A tracker store holding CONVERSATIONS, written by the project's tracker store."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('reports') / 'conversations.db'}"
        write(url)
        yield url
    else:
        with running_postgres() as url:
            write(url)
            yield url


def write(url: str) -> None:
    domain = Domain.load(PROJECT_ROOT / "domain.yml")
    store = BoundedSessionSQLTrackerStore(host=url, domain=domain)
    for sender, events in CONVERSATIONS.items():
        tracker = DialogueStateTracker(sender, domain.slots)
        for event in events:
            tracker.update(event)
        asyncio.run(store.save(tracker))
    store.engine.dispose()


@pytest.fixture(scope="module")
def review(store_url: str) -> Iterator[Review]:
    store = ConversationStore(store_url)
    yield read_review(store, court_today() - timedelta(days=6))
    store.close()


def missed_texts_of(review: Review, kind: str) -> List[List[str]]:
    return [[turn.text for turn in group] for group in review.missed(kind)]


def test_messages_and_conversations_are_counted_without_ratings_or_greetings(
    review: Review,
) -> None:
    assert review.conversations == len(CONVERSATIONS) - 1
    assert review.messages == 8
    assert review.ratings("yes") == 1 and review.ratings("no") == 1
    # Missed: two declines, two "Did you mean", a place, a "No", and the formula.
    assert review.missed_count == 7
    assert review.answered == 2


def test_each_miss_is_known_by_the_reply_to_it(review: Review) -> None:
    declined = missed_texts_of(review, DECLINED)
    assert ["what is the weather tomorrow"] in declined and ["and in Ames?"] in declined
    did_you_mean = {text for group in missed_texts_of(review, DID_YOU_MEAN) for text in group}
    assert did_you_mean == {"pacer", "pacer cosa"}  # the Spanish one stored with \u00bf
    assert missed_texts_of(review, NOT_FOUND) == [["Xyzzyville"]]


def test_a_rating_rates_the_answer_before_it(review: Review) -> None:
    assert missed_texts_of(review, UNHELPFUL) == [["how do I upgrade my PACER account"]]
    rows = {title: row for title, *row in answered_topics(review)}
    assert rows["Upgrading a PACER account"] == [1, 0, 1]
    assert [1, 1, 0] in rows.values()  # office hours, rated helpful


def test_the_busiest_hour_and_the_days_add_up(review: Review) -> None:
    assert sum(review.per_hour()) == review.messages
    assert sum(messages for _, messages, _ in review.per_day()) == review.messages
    assert review.from_day(court_today()).messages == review.messages


def test_the_csv_has_a_row_per_missed_message_and_runs_no_formula(review: Review) -> None:
    rows = csv_file(review).splitlines()
    assert len(rows) == 1 + 7
    assert any(row.endswith("'" + FORMULA.replace('"', '""') + '"') for row in rows), rows


def test_the_store_is_read_only(store_url: str) -> None:
    store = ConversationStore(store_url)
    try:
        with pytest.raises(sa.exc.DBAPIError), store.engine.begin() as connection:
            connection.execute(sa.text("DELETE FROM events"))
        assert store.conversation("weather")
    finally:
        store.close()


def test_the_reports_read_by_the_index_the_tracker_store_made(store_url: str) -> None:
    engine = sa.create_engine(store_url)
    try:
        names = {index["name"] for index in sa.inspect(engine).get_indexes("events")}
        assert REPORT_INDEX in names
        if engine.dialect.name == "sqlite":
            query = (
                "EXPLAIN QUERY PLAN SELECT id, sender_id, timestamp, intent_name FROM events "
                "WHERE type_name = 'user' AND timestamp >= 0"
            )
            with engine.connect() as connection:
                plan = " ".join(str(row) for row in connection.execute(sa.text(query)))
            assert f"COVERING INDEX {REPORT_INDEX}" in plan
    finally:
        engine.dispose()


def test_a_conversation_reads_as_the_visitor_saw_it(store_url: str) -> None:
    store = ConversationStore(store_url)
    try:
        messages = store.conversation("rated-no")
    finally:
        store.close()
    assert [(m.sender, m.text) for m in messages][:2] == [
        ("user", "how do I upgrade my PACER account"),
        ("bot", "Upgrade it at PACER."),
    ]
