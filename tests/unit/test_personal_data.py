"""What the REST channel redacts from a message before Rasa sees it, and what it leaves."""

import pytest

from channels.personal_data import redact
from facts import fact


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
        "I forgot my password",
        "password reset",
        f"call {fact('offices.cedar_rapids.phone')}",
        "case 18-01234",
        "account 1234567890123",
        f"NextGen went live on {fact('dates.nextgen_go_live')}",
    ],
)
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert redact(text) == (text, [])
