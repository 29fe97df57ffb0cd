"""Conversations are kept in the SQL tracker store (SQLite by default, PostgreSQL by setting
TRACKER_STORE_URL): a restart of Rasa continues each one."""

import os
import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Iterator

import pytest
import requests

from facts import fact
from serve.servers import Assistant, free_port, running_assistant, start, stop
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


def postgres_bin_dir() -> Path:
    """Debian's PostgreSQL server binaries (installed by `make test` when missing)."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/postgres"))
    assert found, "PostgreSQL server not installed: run `make postgresql`"
    return found[-1].parent


def as_postgres_user(command: list) -> list:
    """PostgreSQL refuses to run as root; the Debian package's `postgres` user runs it."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A real PostgreSQL server on a free port, its data in a temporary directory that the
    `postgres` user can reach (pytest's own are root's only)."""
    tmp_path = Path(tempfile.mkdtemp(prefix="helpdesk-postgres-"))
    tmp_path.chmod(0o777)
    bin_dir, data, port = postgres_bin_dir(), tmp_path / "pgdata", free_port()
    run = partial(subprocess.run, check=True, capture_output=True)
    run(as_postgres_user([str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "rasa"]))
    log = tmp_path / "postgres.log"
    server = start(
        as_postgres_user(
            [
                str(bin_dir / "postgres"),
                "-D",
                str(data),
                "-p",
                str(port),
                "-h",
                "127.0.0.1",
                "-k",
                str(tmp_path),
            ]
        ),
        log,
        dict(os.environ),
    )
    try:
        for _ in range(100):
            if (
                subprocess.run(
                    [str(bin_dir / "pg_isready"), "-h", "127.0.0.1", "-p", str(port)],
                    capture_output=True,
                ).returncode
                == 0
            ):
                break
            time.sleep(0.2)
        run(
            [
                str(bin_dir / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(port),
                "-U",
                "rasa",
                "conversations",
            ]
        )
        yield f"postgresql://rasa@127.0.0.1:{port}/conversations"
    finally:
        stop(server)
        shutil.rmtree(tmp_path, ignore_errors=True)


def test_a_conversation_survives_a_rasa_restart_on_postgresql(
    tmp_path: Path, postgres_url: str
) -> None:
    sender = new_sender()
    with running(tmp_path / "first", postgres_url) as assistant:
        assistant.ask_text(sender, "which office should I call?")
    with running(tmp_path / "second", postgres_url) as assistant:
        answer = assistant.ask_text(sender, "Woodbury")
        assert SIOUX_CITY_PHONE in answer and CEDAR_RAPIDS_PHONE not in answer
