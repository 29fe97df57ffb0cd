"""Rasa's REST channel that never answers with silence.

Rasa's own RestInput replies 200 with no messages when "message" is missing or not text,
fails with a 500 when the body is JSON but not an object, and stays silent when a custom
action fails (the action server is down, say). This channel keeps the same URL
(/webhooks/rest/webhook) and behaviour for good requests; it refuses malformed ones with a
message that says what is wrong, drops NUL characters from the text, and when the assistant
produced no reply at all, sends one that gives both clerk's offices (wording in
validated_rest.yml beside this file, phone numbers and hours from facts/court.yml).
Personal data (Social Security and card numbers, passwords, dates of birth) is redacted from
the text before Rasa sees it, so it is never stored or logged, and the visitor is warned.
"""

from pathlib import Path
from typing import Any, Awaitable, Callable, Dict

import yaml
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint
from sanic.exceptions import InvalidUsage, PayloadTooLarge
from sanic.request import Request

from channels.personal_data import redact
from facts import render

MAX_MESSAGE_CHARS = 10_000


SETTINGS = yaml.safe_load(Path(__file__).with_suffix(".yml").read_text(encoding="utf-8"))
REDACTED_MARK = "[redacted "


NO_ANSWER_TEXT = render(SETTINGS["no_answer"])
PERSONAL_DATA_WARNING = SETTINGS["personal_data_warning"]


def request_body(request: Request) -> Dict[str, Any]:
    """The JSON object of the request (Sanic already refuses invalid JSON with a 400)."""
    body = request.json
    if not isinstance(body, dict):
        raise InvalidUsage('The body must be a JSON object: {"sender": "...", "message": "..."}')
    return body


class ValidatedRestInput(RestInput):
    """REST channel that validates requests and always answers a valid one."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Rasa's REST routes, with a reply added whenever the assistant gave none, and a
        warning first when personal data was redacted from the message."""

        async def answer_or_apologise(message: UserMessage) -> None:
            try:
                await on_new_message(message)
            finally:
                collector = message.output_channel
                if isinstance(collector, CollectingOutputChannel):
                    if not collector.messages:
                        collector.messages.append(
                            {"recipient_id": message.sender_id, "text": NO_ANSWER_TEXT}
                        )
                    if REDACTED_MARK in (message.text or ""):
                        collector.messages.insert(
                            0, {"recipient_id": message.sender_id, "text": PERSONAL_DATA_WARNING}
                        )

        return super().blueprint(answer_or_apologise)

    async def _extract_sender(self, req: Request) -> str | None:
        sender = request_body(req).get("sender")
        if sender is not None and not isinstance(sender, (str, int)):
            raise InvalidUsage('"sender" must be a string')
        return None if sender is None else str(sender)

    def _extract_message(self, req: Request) -> str | None:
        message = request_body(req).get("message")
        if not isinstance(message, str):
            raise InvalidUsage('"message" is required and must be a string')
        if len(message) > MAX_MESSAGE_CHARS:
            raise PayloadTooLarge(f'"message" is longer than {MAX_MESSAGE_CHARS} characters')
        text, _ = redact(message.replace("\x00", ""))
        return text
