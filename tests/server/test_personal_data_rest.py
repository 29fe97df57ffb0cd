"""Personal data typed by visitors is redacted before anything is stored or logged: a real
conversation with a debug-logging assistant, its database and logs read afterwards."""

from pathlib import Path
from typing import Iterator, Tuple

import pytest

from channels.validated_rest import PERSONAL_DATA_WARNING, wording
from facts import fact
from serve.servers import running_assistant
from support import new_sender

SECRETS = ["123-45-6789", "4111 1111 1111 1111", "Hunter2!", "01/02/1980", "Tr0ub4dor&3"]
# Typed by a Spanish-speaking visitor, in a conversation of its own.
SPANISH_SECRET = "Nube$Roja77"


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
    yield log_dir, [*replies, spanish]


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
    for secret in [*SECRETS, SPANISH_SECRET]:
        assert secret.encode() not in stored and secret.encode() not in logs, secret
