"""Conversations are kept in the SQL tracker store (SQLite by default, PostgreSQL by setting
TRACKER_STORE_URL): a restart of Rasa continues each one."""

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest
import requests

from facts import fact
from serve.servers import Assistant, running_assistant
from serve.services import running_postgres
from support import new_sender

CEDAR_RAPIDS_PHONE = fact("offices.cedar_rapids.phone")
SIOUX_CITY_PHONE = fact("offices.sioux_city.phone")


@contextmanager
def running(log_dir: Path, tracker_store_url: str) -> Iterator[Assistant]:
    with running_assistant(log_dir, tracker_store_url=tracker_store_url) as assistant:
        yield assistant


def test_a_restart_of_rasa_continues_the_conversation(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'conversations.db'}"
    sender = new_sender()
    with running(tmp_path / "first", url) as assistant:
        assert assistant.ask_text(sender, "which office should I call?") == (
            "Which Iowa county or town are you in?"
        )
    assert (tmp_path / "conversations.db").stat().st_size > 0
    with running(tmp_path / "second", url) as assistant:
        answer = assistant.ask_text(sender, "Linn")
        assert CEDAR_RAPIDS_PHONE in answer and SIOUX_CITY_PHONE not in answer
        events = requests.get(
            f"{assistant.url}/conversations/{sender}/tracker",
            params={"token": assistant.api_token},
            timeout=30,
        ).json()["events"]
        said = [event["text"] for event in events if event["event"] == "user"]
        assert said == ["which office should I call?", "Linn"]


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A real PostgreSQL server on a free port, stopped afterwards."""
    with running_postgres() as url:
        yield url


def test_a_conversation_survives_a_rasa_restart_on_postgresql(
    tmp_path: Path, postgres_url: str
) -> None:
    sender = new_sender()
    with running(tmp_path / "first", postgres_url) as assistant:
        assistant.ask_text(sender, "which office should I call?")
    with running(tmp_path / "second", postgres_url) as assistant:
        answer = assistant.ask_text(sender, "Woodbury")
        assert SIOUX_CITY_PHONE in answer and CEDAR_RAPIDS_PHONE not in answer
