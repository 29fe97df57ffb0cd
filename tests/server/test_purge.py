"""`make purge DAYS=90` on a SQLite file and on a real PostgreSQL server: conversations with
no message for 90 days go whole, the others stay whole, and it says how many. `make review`
reads the same two stores."""

import asyncio
import time
from pathlib import Path
from typing import Iterator

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from answers import topics
from serve.services import running_postgres
from serve.tracker_store import BoundedSessionSQLTrackerStore
from support import PROJECT_ROOT, run_make

DAY = 86400
# Each conversation's messages, as days before now.
CONVERSATIONS = {"old": [120, 100], "recent": [5], "long-running": [200, 1]}


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'conversations.db'}"
    else:
        with running_postgres() as url:
            yield url


def store_conversations(url: str) -> None:
    """Save each conversation of CONVERSATIONS with its messages at their ages."""
    domain = Domain.load(PROJECT_ROOT / "domain.yml")
    store = BoundedSessionSQLTrackerStore(host=url, domain=domain)
    now = time.time()
    for sender, ages in CONVERSATIONS.items():
        tracker = DialogueStateTracker(sender, domain.slots)
        for age in ages:
            moment = now - age * DAY
            intent = {"name": "clerk_office_contact"}
            tracker.update(UserUttered("what are your hours", intent, timestamp=moment))
            tracker.update(ActionExecuted("utter_clerk_office_contact", timestamp=moment))
            tracker.update(BotUttered("8 to 4:30.", timestamp=moment))
        asyncio.run(store.save(tracker))
    store.engine.dispose()


def make_purge(url: str, *args: str) -> str:
    result = run_make("purge", url, *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def senders(url: str) -> dict:
    domain = Domain.load(PROJECT_ROOT / "domain.yml")
    store = BoundedSessionSQLTrackerStore(host=url, domain=domain)
    kept = {}
    for sender in asyncio.run(store.keys()):
        tracker = asyncio.run(store.retrieve_full_tracker(sender))
        kept[sender] = sum(isinstance(event, UserUttered) for event in tracker.events)
    store.engine.dispose()
    return kept


def test_purge_deletes_only_conversations_silent_for_ninety_days(store_url: str) -> None:
    store_conversations(store_url)
    said = make_purge(store_url, "DAYS=90")
    assert "Deleted 1 conversation(s) (6 events)" in said
    assert "2 conversation(s) kept" in said
    assert senders(store_url) == {"recent": 1, "long-running": 2}
    assert "Deleted 0 conversation(s)" in make_purge(store_url, "DAYS=90")
    assert "Deleted 1 conversation(s)" in make_purge(store_url, "DAYS=3")
    assert senders(store_url) == {"long-running": 2}


def test_review_reads_both_stores(store_url: str, tmp_path: Path) -> None:
    store_conversations(store_url)
    since = time.strftime("%Y-%m-%d", time.gmtime(time.time() - 250 * DAY))
    result = run_make("review", store_url, f"REVIEW_DIR={tmp_path}", f"SINCE={since}")
    assert result.returncode == 0, result.stderr
    assert f"3 conversations and 5 messages since {since}" in result.stdout
    topic = next(each.title for each in topics() if each.intent == "clerk_office_contact")
    assert f"| {topic} | 5 | 0 | 0 |" in (tmp_path / "review.md").read_text()


def test_purge_of_an_empty_store_says_so(tmp_path: Path) -> None:
    said = make_purge(f"sqlite:///{tmp_path / 'none.db'}")
    assert "Deleted 0 conversation(s) (0 events)" in said and "0 conversation(s) kept" in said


def test_purge_refuses_a_days_that_is_not_a_number(tmp_path: Path) -> None:
    result = run_make("purge", f"sqlite:///{tmp_path / 'x.db'}", "DAYS=ninety")
    assert result.returncode != 0 and "a number of days" in result.stderr
