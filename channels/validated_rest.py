"""Rasa's REST channel, answering a malformed request with a clear 4xx instead of silence.

Rasa's own RestInput replies 200 with no messages when "message" is missing or not text, and
fails with a 500 when the body is JSON but not an object. This channel keeps the same URL
(/webhooks/rest/webhook) and behaviour for good requests, and refuses the others with a
message that says what is wrong. NUL characters are dropped from the text.
"""

from typing import Any, Dict, Optional, Text

from rasa.core.channels.rest import RestInput
from sanic.exceptions import InvalidUsage, PayloadTooLarge
from sanic.request import Request

MAX_MESSAGE_CHARS = 10_000


def request_body(request: Request) -> Dict[Text, Any]:
    """The JSON object of the request (Sanic already refuses invalid JSON with a 400)."""
    body = request.json
    if not isinstance(body, dict):
        raise InvalidUsage('The body must be a JSON object: {"sender": "...", "message": "..."}')
    return body


class ValidatedRestInput(RestInput):
    """REST channel that validates `sender` and `message` before Rasa sees them."""

    @classmethod
    def name(cls) -> Text:
        return "rest"

    async def _extract_sender(self, req: Request) -> Optional[Text]:
        sender = request_body(req).get("sender")
        if sender is not None and not isinstance(sender, (str, int)):
            raise InvalidUsage('"sender" must be a string')
        return None if sender is None else str(sender)

    def _extract_message(self, req: Request) -> Optional[Text]:
        message = request_body(req).get("message")
        if not isinstance(message, str):
            raise InvalidUsage('"message" is required and must be a string')
        if len(message) > MAX_MESSAGE_CHARS:
            raise PayloadTooLarge(f'"message" is longer than {MAX_MESSAGE_CHARS} characters')
        return message.replace("\x00", "")
