"""Reading Rasa's tracker store for clerk staff: read-only, by indexed queries.

`make review` and the clerk pages (serve/clerk/) read conversations here and nowhere else.
Rasa keeps every event of every conversation in one `events` table (SQLite or PostgreSQL),
its JSON in a text column. The readers never write to it: a SQLite file is opened
read-only, a PostgreSQL session is read-only, so a mistake in a report cannot change a
conversation.

A month of a busy court is half a million events, and taking each one's JSON apart costs
more than a second, so a report reads in three steps, each by an index:
- `visitor_messages`: when each visitor message came, from whom, and its intent, from
  columns of the index the project's tracker store adds (`create_indexes`), without the
  JSON; the JSON only of ratings, for their "yes" or "no";
- `replies_beginning`: only the assistant's replies that begin with given words (the
  declines and "Did you mean"), found as text in the stored JSON before any JSON is read;
- `texts`: the words of only the messages a report shows, by their ids.
One conversation's transcript is read by Rasa's own index on the sender id.
"""

import json
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Dict, List, NamedTuple, Sequence, Tuple

import sqlalchemy as sa

DEFAULT_STORE = "sqlite:///var/conversations.db"
# Rasa's SQLTrackerStore keeps every event of every conversation in this one table.
EVENTS_TABLE = "events"
# The reports' index: by kind and time, holding the sender and intent, so that counting a
# period's messages reads the index alone.
REPORT_INDEX = "events_kind_time"
REPORT_INDEX_COLUMNS = "type_name, timestamp, sender_id, intent_name"
# The fields of an event's JSON the reports read, as each database takes them out, and how
# each finds text in a column.
FIELDS = {
    "sqlite": {
        "text": "json_extract(data, '$.text')",
        "rating": "json_extract(data, '$.parse_data.entities[0].value')",
        "find": "instr(data, {needle})",
        "among_ids": "id IN (SELECT value FROM json_each(:ids))",
    },
    "postgresql": {
        "text": "(data::json ->> 'text')",
        "rating": "(data::json -> 'parse_data' -> 'entities' -> 0 ->> 'value')",
        "find": "strpos(data, {needle})",
        "among_ids": "id = ANY(:ids)",
    },
}
# The chat page's "Was this helpful?" buttons send this intent with a `rating` entity.
RATING_INTENT = "rate_answer"


class Message(NamedTuple):
    """A visitor's or the assistant's message, as a report reads it; `text` is empty where
    the report did not ask for it. A tuple: a month's report makes a hundred thousand."""

    id: int
    conversation: str
    sender: str  # "user" (the visitor) or "bot" (the assistant)
    timestamp: float
    text: str = ""
    intent: str = ""

    @property
    def moment(self) -> datetime:
        return datetime.fromtimestamp(self.timestamp, tz=timezone.utc)


def store_url() -> str:
    """The tracker store `make run` uses: TRACKER_STORE_URL, else the SQLite file in var/."""
    return os.environ.get("TRACKER_STORE_URL") or DEFAULT_STORE


def create_indexes(engine: sa.engine.Engine) -> None:
    """Add the index the reports read by, if the table lacks it; for the writer to call.
    Two replicas starting together may both try: the second one's failure means the first
    made it."""
    statement = (
        f"CREATE INDEX IF NOT EXISTS {REPORT_INDEX} ON {EVENTS_TABLE} ({REPORT_INDEX_COLUMNS})"
    )
    try:
        with engine.begin() as connection:
            if sa.inspect(connection).has_table(EVENTS_TABLE):
                connection.execute(sa.text(statement))
    except (sa.exc.IntegrityError, sa.exc.ProgrammingError):
        if REPORT_INDEX not in {
            index["name"] for index in sa.inspect(engine).get_indexes(EVENTS_TABLE)
        }:
            raise


def read_only_engine(url: str) -> sa.engine.Engine:
    """An engine that cannot write: SQLite opened with mode=ro, PostgreSQL sessions read-only."""
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return sa.create_engine(
            f"sqlite:///file:{parsed.database or ''}?mode=ro&uri=true",
            connect_args={"check_same_thread": False},
        )
    return sa.create_engine(
        url, connect_args={"options": "-c default_transaction_read_only=on"}, pool_pre_ping=True
    )


# A row of a query, as the database gives it.
Row = Tuple[Any, ...]
# Where a reply's text begins in its stored JSON (`{"event": "bot", ..., "text": "...`).
TEXT_KEY = '"text": '


def stored_forms(opening: str) -> List[str]:
    """How a text that begins with `opening` begins inside the stored JSON, after its key,
    quote included: Rasa writes non-ASCII letters escaped ("\\u00bf"); another writer
    might not."""
    forms = (json.dumps(opening)[:-1], json.dumps(opening, ensure_ascii=False)[:-1])
    return list(dict.fromkeys(forms))


class ConversationStore:
    """The tracker store, read-only."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = read_only_engine(url)
        self.fields = FIELDS[self.engine.dialect.name]

    def close(self) -> None:
        self.engine.dispose()

    def has_events(self) -> bool:
        """Whether the store exists and has Rasa's table: a new server has neither, and its
        reports are empty. A database that does not answer is an error, not an empty
        month: the caller says so."""
        parsed = sa.engine.make_url(self.url)
        if parsed.get_backend_name() == "sqlite" and not Path(parsed.database or "").exists():
            return False
        with self.engine.connect() as connection:
            return sa.inspect(connection).has_table(EVENTS_TABLE)

    def rows(self, query: str, parameters: Dict[str, Any]) -> List[Row]:
        """The rows of a query as the database driver gives them (plain tuples): SQLAlchemy
        binds the parameters, but making its own row of each of a month's messages would
        cost a third of a page's time."""
        if not self.has_events():
            return []
        with self.engine.connect() as connection:
            result = connection.execute(sa.text(query), parameters)
            try:
                return result.cursor.fetchall()
            finally:
                result.close()

    def visitor_messages(self, start: datetime, end: datetime | None = None) -> List[Row]:
        """The visitor's messages of a period as (id, conversation, timestamp, intent), in
        time order, without their words: read from the index alone. A month is a hundred
        thousand; the caller makes a Message only of those it looks into."""
        query = (
            f"SELECT id, sender_id, timestamp, intent_name FROM {EVENTS_TABLE} "
            f"WHERE type_name = 'user' AND {period(end)} ORDER BY type_name, timestamp"
        )
        return self.rows(query, bounds(start, end))

    def ratings(self, start: datetime, end: datetime | None = None) -> Dict[int, str]:
        """id -> "yes" or "no" ("unknown" if it has none) of each rating of a period."""
        query = (
            f"SELECT id, {self.fields['rating']} FROM {EVENTS_TABLE} "
            f"WHERE type_name = 'user' AND {period(end)} AND intent_name = :rating"
        )
        rows = self.rows(query, {**bounds(start, end), "rating": RATING_INTENT})
        return {id: lowered(rating) or "unknown" for id, rating in rows}

    def replies_beginning(
        self, openings: Sequence[str], start: datetime, end: datetime | None = None
    ) -> List[Message]:
        """The assistant's replies of a period that may begin with one of `openings`: those
        whose first characters, as stored, are the first characters of one. One look into
        each reply's stored text, no JSON read but the replies found; the caller checks
        the whole opening."""
        forms = [form for opening in openings for form in stored_forms(opening)]
        if not forms:
            return []
        length = min(map(len, forms))
        names = {f"start_{n}": form[:length] for n, form in enumerate(dict.fromkeys(forms))}
        begins = "substr(data, {found} + {skip}, {length})".format(
            found=self.fields["find"].format(needle=":text_key"), skip=len(TEXT_KEY), length=length
        )
        query = (
            f"SELECT id, sender_id, timestamp, {self.fields['text']} FROM {EVENTS_TABLE} "
            f"WHERE type_name = 'bot' AND {period(end)} "
            f"AND {begins} IN ({', '.join(':' + name for name in names)})"
        )
        rows = self.rows(query, {**bounds(start, end), **names, "text_key": TEXT_KEY})
        return [
            Message(id, sender, "bot", moment or 0.0, text or "")
            for id, sender, moment, text in rows
        ]

    def texts(self, ids: Sequence[int]) -> Dict[int, str]:
        """The words of the messages with these ids, by the table's primary key; the ids go
        as one parameter (a JSON list to SQLite, an array to PostgreSQL), not as thousands."""
        if not ids:
            return {}
        query = (
            f"SELECT id, {self.fields['text']} FROM {EVENTS_TABLE} WHERE {self.fields['among_ids']}"
        )
        given = json.dumps(list(ids)) if self.engine.dialect.name == "sqlite" else list(ids)
        return {id: text or "" for id, text in self.rows(query, {"ids": given})}

    def conversation(self, sender_id: str) -> List[Message]:
        """One conversation's messages with their words, by Rasa's sender id index."""
        query = (
            f"SELECT id, type_name, timestamp, intent_name, {self.fields['text']} "
            f"FROM {EVENTS_TABLE} WHERE sender_id = :sender AND type_name IN ('user', 'bot') "
            "ORDER BY id"
        )
        return [
            Message(id, sender_id, kind, moment or 0.0, text or "", intent or "")
            for id, kind, moment, intent, text in self.rows(query, {"sender": sender_id})
        ]


def period(end: datetime | None) -> str:
    return "timestamp >= :start" + (" AND timestamp < :end" if end else "")


def bounds(start: datetime, end: datetime | None) -> Dict[str, float]:
    return {"start": start.timestamp(), **({"end": end.timestamp()} if end else {})}


def lowered(value: Any) -> str | None:
    return None if value is None else str(value).lower()
