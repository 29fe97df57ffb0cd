"""Personal data typed by visitors is redacted before anything is stored or logged: a real
conversation with a debug-logging assistant, its database and logs read afterwards."""

import json
from pathlib import Path
from typing import Iterator, List, Tuple

import pytest
import sqlalchemy as sa

from channels.validated_rest import PERSONAL_DATA_WARNING, wording
from facts import fact
from serve.servers import running_assistant
from support import new_sender

SECRETS = ["123-45-6789", "4111 1111 1111 1111", "Hunter2!", "01/02/1980", "Tr0ub4dor&3"]
# Typed by a Spanish-speaking visitor, in a conversation of its own.
SPANISH_SECRET = "Nube$Roja77"
# Found stored verbatim on 2026-12-03 (issue 20), and how each must be stored now.
STORED_AS = {
    "the password for my pacer account is Tr0ub4dor&3 but it fails": (
        "the password for my pacer account is [redacted password] but it fails"
    ),
    "my email is jane.doe@example.com, please email me the forms": (
        "my email is [redacted e-mail address], please email me the forms"
    ),
    "call me at 319-555-0199": "call me at [redacted phone number]",
    f"is {fact('offices.cedar_rapids.phone')} the right number?": (
        f"is {fact('offices.cedar_rapids.phone')} the right number?"
    ),
}


@pytest.fixture(scope="module")
def conversation(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Tuple[Path, list]]:
    """A conversation full of personal data with a debug-logging assistant; its log and
    database are read after the servers have stopped."""
    log_dir = tmp_path_factory.mktemp("personal-data")
    sender = new_sender()
    with running_assistant(log_dir, debug=True) as assistant:
        replies = [
            assistant.ask(sender, f"I forgot my CM/ECF password. My SSN is {SECRETS[0]}"),
            assistant.ask(sender, f"can I pay with my card {SECRETS[1]}"),
            assistant.ask(sender, f"my password is {SECRETS[2]}"),
            assistant.ask(sender, f"I was born on {SECRETS[3]}"),
            # As people type it: no "is", no colon.
            assistant.ask(sender, f"can't log in to pacer, pw {SECRETS[4]}"),
        ]
        spanish = assistant.ask(new_sender(), f"mi contraseña es {SPANISH_SECRET} y no funciona")
        others = new_sender()
        for typed in STORED_AS:
            assistant.ask(others, typed)
    yield log_dir, [*replies, spanish]


def stored_visitor_texts(database: Path) -> List[str]:
    """What the tracker store holds of each visitor message, read as clerk pages read it."""
    engine = sa.create_engine(f"sqlite:///{database}")
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                sa.text("SELECT data FROM events WHERE type_name = 'user' ORDER BY id")
            ).all()
    finally:
        engine.dispose()
    return [json.loads(data)["text"] for (data,) in rows]


def test_the_tracker_store_holds_each_message_redacted(conversation: Tuple[Path, list]) -> None:
    """Passwords further on in the sentence, e-mail addresses and the visitor's phone number
    are stored redacted; the court's own number is stored as typed."""
    log_dir, _ = conversation
    stored = stored_visitor_texts(log_dir / "conversations.db")
    for typed, redacted in STORED_AS.items():
        assert redacted in stored, (typed, stored[-6:])


def test_the_visitor_is_warned_and_still_answered(conversation: Tuple[Path, list]) -> None:
    _, replies = conversation
    *english, spanish = replies
    for reply in english:
        assert reply[0]["text"] == PERSONAL_DATA_WARNING
    assert fact("offices.cedar_rapids.phone") in replies[0][1]["text"]
    assert spanish[0]["text"] == wording("personal_data_warning", "es") and len(spanish) > 1


def test_neither_the_database_nor_any_log_holds_the_personal_data(
    conversation: Tuple[Path, list],
) -> None:
    log_dir, _ = conversation
    stored = (log_dir / "conversations.db").read_bytes()
    assert b"[redacted SSN]" in stored
    logs = b"".join(path.read_bytes() for path in log_dir.glob("*.log"))
    assert b"[redacted SSN]" in logs
    for secret in [*SECRETS, SPANISH_SECRET, "jane.doe@example.com", "319-555-0199"]:
        assert secret.encode() not in stored and secret.encode() not in logs, secret
