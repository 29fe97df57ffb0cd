"""Redaction of personal data that visitors should not have typed, before Rasa sees the text.

The REST channel runs every message through `redact` first, so Social Security numbers,
card numbers, passwords and dates of birth never reach the tracker store or the logs.
"""

import re
from typing import Callable, List, Tuple

SSN = re.compile(r"\b\d{3}[- ]\d{2}[- ]\d{4}\b")
CARD = re.compile(r"\b(?:\d[ -]?){12,18}\d\b")
PASSWORD = re.compile(
    r"\b(password|passcode|passwd|pwd|pin)(\s*(?:is|was|:|=)\s*|\s*:\s*)(\S+)", re.IGNORECASE
)
DATE = r"(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{1,2}-\d{1,2}|[A-Z][a-z]+ \d{1,2},? \d{4})"
BIRTH_DATE = re.compile(
    rf"\b(dob|d\.o\.b\.|date of birth|birth ?date|birthday|born(?: on)?)(\W{{0,3}}\s*(?:is\s+)?)"
    rf"{DATE}",
    re.IGNORECASE,
)


def luhn_valid(digits: str) -> bool:
    """The card-number checksum: tells a card number from other long numbers."""
    total = 0
    for position, digit in enumerate(int(d) for d in reversed(digits)):
        if position % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def redact(text: str) -> Tuple[str, List[str]]:
    """The text with personal data replaced by "[redacted ...]", and the kinds replaced."""
    found: List[str] = []

    def replace(kind: str, keep: str = "") -> Callable[[re.Match], str]:
        def substitute(match: re.Match) -> str:
            found.append(kind)
            return f"{keep.format(*match.groups())}[redacted {kind}]"

        return substitute

    def card(match: re.Match) -> str:
        digits = re.sub(r"\D", "", match.group(0))
        if not luhn_valid(digits):
            return match.group(0)
        found.append("card number")
        return "[redacted card number]"

    text = SSN.sub(replace("SSN"), text)
    text = CARD.sub(card, text)
    text = PASSWORD.sub(replace("password", "{0}{1}"), text)
    text = BIRTH_DATE.sub(replace("date of birth", "{0}{1}"), text)
    return text, found
