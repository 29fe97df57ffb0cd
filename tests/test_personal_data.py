"""Personal data typed by visitors is redacted before anything is stored or logged."""

from pathlib import Path
from typing import Iterator, Tuple

import pytest

from channels.personal_data import redact
from channels.validated_rest import PERSONAL_DATA_WARNING
from serve.servers import running_assistant
from support import new_sender

SECRETS = ["123-45-6789", "4111 1111 1111 1111", "Hunter2!", "01/02/1980"]


@pytest.mark.parametrize(
    "typed, redacted",
    [
        ("my SSN is 123-45-6789", "my SSN is [redacted SSN]"),
        ("ssn 123 45 6789", "ssn [redacted SSN]"),
        ("card 4111 1111 1111 1111 ok", "card [redacted card number] ok"),
        ("4111-1111-1111-1111", "[redacted card number]"),
        ("my password is Hunter2!", "my password is [redacted password]"),
        ("Password: s3cret", "Password: [redacted password]"),
        ("DOB 01/02/1980", "DOB [redacted date of birth]"),
        ("I was born on March 3, 1975", "I was born on [redacted date of birth]"),
    ],
)
def test_personal_data_is_replaced(typed: str, redacted: str) -> None:
    assert redact(typed)[0] == redacted


@pytest.mark.parametrize(
    "text",
    [
        "I forgot my password", "password reset", "call 319-286-2200", "case 18-01234",
        "account 1234567890123", "NextGen went live on April 30, 2018",
    ],
)
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert redact(text) == (text, [])


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
        ]
    yield log_dir, replies


def test_the_visitor_is_warned_and_still_answered(conversation: Tuple[Path, list]) -> None:
    _, replies = conversation
    for reply in replies:
        assert reply[0]["text"] == PERSONAL_DATA_WARNING
    assert "319-286-2200" in replies[0][1]["text"]


def test_neither_the_database_nor_any_log_holds_the_personal_data(
    conversation: Tuple[Path, list]
) -> None:
    log_dir, _ = conversation
    stored = (log_dir / "conversations.db").read_bytes()
    assert b"[redacted SSN]" in stored
    logs = b"".join(path.read_bytes() for path in log_dir.glob("*.log"))
    assert b"[redacted SSN]" in logs
    for secret in SECRETS:
        assert secret.encode() not in stored and secret.encode() not in logs, secret
