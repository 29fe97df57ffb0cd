"""serve/tracker_store.py on a SQLite file: a long session continues in a new one, slots
carried over, nothing deleted; never in the middle of a form or of a "Did you mean"."""

import asyncio
from pathlib import Path
from typing import List

import pytest
from rasa.core.tracker_store import TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    Event,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import read_endpoint_config

from serve.tracker_store import BoundedSessionSQLTrackerStore
from support import PROJECT_ROOT, new_sender

CAP = 20


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(PROJECT_ROOT / "domain.yml")


@pytest.fixture
def store(tmp_path: Path, domain: Domain) -> BoundedSessionSQLTrackerStore:
    return BoundedSessionSQLTrackerStore(
        host=f"sqlite:///{tmp_path / 'conversations.db'}", domain=domain, max_session_events=CAP
    )


def turn(number: int, buttons: bool = False) -> List[Event]:
    """One visitor message and the assistant's answer: four events."""
    data = {"buttons": [{"title": "Yes", "payload": "/affirm"}]} if buttons else {}
    return [
        UserUttered(f"question {number}", {"name": "greet", "confidence": 1.0}),
        ActionExecuted("utter_greet"),
        BotUttered(f"answer {number}", data),
        ActionExecuted("action_listen"),
    ]


def converse(store, domain: Domain, sender: str, events: List[Event]) -> None:
    """Add `events` to the stored conversation and save it, as Rasa does for a message."""
    tracker = asyncio.run(store.retrieve(sender)) or DialogueStateTracker(sender, domain.slots)
    for event in events:
        tracker.update(event)
    asyncio.run(store.save(tracker))


def test_a_long_session_continues_in_a_new_one_with_its_slots(store, domain) -> None:
    sender = new_sender()
    converse(store, domain, sender, [SlotSet("place", "Linn")])
    for number in range(12):
        converse(store, domain, sender, turn(number))
    current = asyncio.run(store.retrieve(sender))
    assert len(current.events) <= CAP
    assert current.get_slot("place") == "Linn"
    assert current.events[0].type_name == "session_started"
    full = asyncio.run(store.retrieve_full_tracker(sender))
    said = [event.text for event in full.events if isinstance(event, UserUttered)]
    assert said == [f"question {number}" for number in range(12)]


def test_the_focus_of_the_conversation_survives_the_cap(store, domain) -> None:
    """ "their phone?" after a long conversation still means the office last routed to."""
    sender = new_sender()
    focus = [SlotSet("focus_office", "sioux_city"), SlotSet("focus_topic", "which_office")]
    converse(store, domain, sender, focus)
    for number in range(12):
        converse(store, domain, sender, turn(number))
    current = asyncio.run(store.retrieve(sender))
    assert current.events[0].type_name == "session_started"
    assert current.get_slot("focus_office") == "sioux_city"
    assert current.get_slot("focus_topic") == "which_office"


def test_a_session_under_the_cap_is_left_alone(store, domain) -> None:
    sender = new_sender()
    for number in range(4):
        converse(store, domain, sender, turn(number))
    assert len(asyncio.run(store.retrieve(sender)).events) == 16


def test_no_new_session_while_a_form_runs_or_buttons_wait(store, domain) -> None:
    sender = new_sender()
    converse(store, domain, sender, [ActiveLoop("office_location_form")])
    for number in range(8):
        converse(store, domain, sender, turn(number))
    assert len(asyncio.run(store.retrieve(sender)).events) > CAP
    converse(store, domain, sender, [ActiveLoop(None), *turn(8, buttons=True)])
    assert len(asyncio.run(store.retrieve(sender)).events) > CAP
    converse(store, domain, sender, turn(9))
    assert len(asyncio.run(store.retrieve(sender)).events) <= CAP


def test_endpoints_yml_names_this_store_and_rasa_finds_it(
    tmp_path: Path, domain: Domain, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rasa quietly falls back to an in-memory store when a custom class fails to import."""
    monkeypatch.setenv("TRACKER_STORE_URL", f"sqlite:///{tmp_path / 'c.db'}")
    for name in ("ACTION_SERVER_URL", "LOCK_STORE_TYPE", "LOCK_STORE_HOST", "LOCK_STORE_PORT"):
        monkeypatch.setenv(name, "")
    monkeypatch.setenv("LOCK_STORE_DB", "")
    config = read_endpoint_config(str(PROJECT_ROOT / "endpoints.yml"), "tracker_store")
    store = TrackerStore.create(config, domain=domain)
    assert isinstance(store, BoundedSessionSQLTrackerStore)
    assert store.max_session_events == 120
