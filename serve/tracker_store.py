"""Rasa's SQL tracker store, with a cap on how long one conversation session grows.

Rasa rebuilds a visitor's session from the tracker store for every message: it reads and
replays every event since the session started, and the rule policy walks them all again to
predict. Measured on one 200-message conversation (2026-11-26): reading the session went
from 4 ms to 86 ms a message and prediction from 3 ms to 21 ms, so the 200th message cost
3.8 times the first ones, and a long or abusive conversation more and more.

Here, once a session holds more than `max_session_events` events and the assistant is not
in the middle of something (no form running, no "Did you mean" buttons waiting for a pick),
a new session is started the way Rasa starts one after a pause: a `session_started` event,
the slots carried over, and `action_listen`. Nothing is deleted: every event stays in the
store for the conversation's full history and for clerk staff; only what Rasa replays per
message is bounded. `endpoints.yml` names this class.

It also adds the index by time that clerk staff's reports read by (conversations/store.py):
the reports only read, so the writer makes it.
"""

import json
import time
from typing import Any, Dict, List

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from conversations.store import create_indexes

DEFAULT_MAX_SESSION_EVENTS = 120


def use_write_ahead_log(connection: Any, _: Any) -> None:
    """Set up each new SQLite connection: write-ahead log, one disk sync per commit."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def waiting_for_a_pick(tracker: DialogueStateTracker) -> bool:
    """Whether the assistant's last message offered buttons (a pick may refer to them)."""
    for event in reversed(tracker.events):
        if event.type_name == "bot":
            return bool((event.data or {}).get("buttons"))
    return False


def may_start_new_session(tracker: DialogueStateTracker, max_session_events: int) -> bool:
    """A session this long may be closed now: nothing in it is still under way."""
    return (
        len(tracker.events) > max_session_events
        and not tracker.active_loop_name
        and not waiting_for_a_pick(tracker)
    )


def continuation(tracker: DialogueStateTracker) -> List[Event]:
    """The events that open a new session carrying the current one's slots over."""
    now = time.time()
    carried = [
        SlotSet(name, slot.value, timestamp=now)
        for name, slot in tracker.slots.items()
        if slot.value != slot.initial_value
    ]
    return [
        SessionStarted(timestamp=now),
        *carried,
        ActionExecuted(ACTION_LISTEN_NAME, timestamp=now),
    ]


class BoundedSessionSQLTrackerStore(SQLTrackerStore):
    """The SQL tracker store (SQLite, PostgreSQL) with a cap on events replayed per message."""

    def __init__(
        self,
        *args: Any,
        max_session_events: int | str = DEFAULT_MAX_SESSION_EVENTS,
        **kwargs: Any,
    ) -> None:
        """Rasa passes endpoints.yml's `url` as `host` and its other keys as keywords."""
        super().__init__(*args, **kwargs)
        self.max_session_events = int(max_session_events)
        if self.engine.dialect.name == "sqlite":
            self._reuse_sqlite_connections()
        create_indexes(self.engine)

    def _reuse_sqlite_connections(self) -> None:
        """SQLAlchemy 1.4 opens a new connection to a SQLite file for every read and write,
        and SQLite's default journal syncs the disk several times per commit. Keep
        connections open instead, and use the write-ahead log: readers then do not wait
        for writers, and a commit syncs once (WAL with synchronous=NORMAL may lose the
        last messages on a power cut, never the file)."""
        self.engine = sa.create_engine(
            self.engine.url,
            poolclass=sa.pool.QueuePool,
            connect_args={"check_same_thread": False, "timeout": 30},
        )
        sa.event.listen(self.engine, "connect", use_write_ahead_log)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Store the new events; then, if the session is long enough, open a new one."""
        await super().save(tracker)
        if may_start_new_session(tracker, self.max_session_events):
            self._append(tracker.sender_id, continuation(tracker))

    def _append(self, sender_id: str, events: List[Event]) -> None:
        """Store `events` after the conversation's others, as `save` stores events."""
        with self.session_scope() as session:
            for event in events:
                data: Dict[str, Any] = event.as_dict()
                session.add(
                    self.SQLEvent(
                        sender_id=sender_id,
                        type_name=event.type_name,
                        timestamp=data.get("timestamp"),
                        intent_name=None,
                        action_name=data.get("name"),
                        data=json.dumps(data),
                    )
                )
            session.commit()
