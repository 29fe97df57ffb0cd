"""`make purge DAYS=90`: delete the conversations nobody has added to for DAYS days.

A conversation is all the events of one sender id in Rasa's SQL tracker store (the `events`
table, SQLite or PostgreSQL, `TRACKER_STORE_URL`). One whose latest event is older than the
cut-off is deleted whole; a conversation still going on is kept whole, however old its first
message. Prints how many conversations and events went and how many conversations remain.

Usage: python -m conversations.purge DAYS   (TRACKER_STORE_URL from the environment)
"""

import sys
import time
from dataclasses import dataclass

import sqlalchemy as sa

from conversations.store import EVENTS_TABLE, store_url

SECONDS_PER_DAY = 86400

STALE = "SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cutoff"


@dataclass(frozen=True)
class Purged:
    """What a purge removed and what it left."""

    conversations: int
    events: int
    kept: int


def purge(url: str, days: float, now: float | None = None) -> Purged:
    """Delete the conversations last active more than `days` days before `now`."""
    cutoff = (now if now is not None else time.time()) - days * SECONDS_PER_DAY
    engine = sa.create_engine(url)
    try:
        if not sa.inspect(engine).has_table(EVENTS_TABLE):
            return Purged(0, 0, 0)
        with engine.begin() as connection:
            stale = sa.text(f"SELECT COUNT(*) FROM ({STALE}) AS stale")
            conversations = connection.execute(stale, {"cutoff": cutoff}).scalar_one()
            deleted = connection.execute(
                sa.text(f"DELETE FROM events WHERE sender_id IN ({STALE})"), {"cutoff": cutoff}
            ).rowcount
            kept = connection.execute(
                sa.text("SELECT COUNT(DISTINCT sender_id) FROM events")
            ).scalar_one()
        return Purged(conversations, deleted, kept)
    finally:
        engine.dispose()


def main(argv: list) -> int:
    if len(argv) != 2 or not argv[1].replace(".", "", 1).isdigit():
        print("Usage: make purge DAYS=90 (a number of days)", file=sys.stderr)
        return 2
    days = float(argv[1])
    result = purge(store_url(), days)
    print(
        f"Deleted {result.conversations} conversation(s) ({result.events} events) with no "
        f"message in the last {argv[1]} days; {result.kept} conversation(s) kept."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
