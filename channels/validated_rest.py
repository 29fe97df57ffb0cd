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
A message that asks several questions is answered question by question
(channels/several_questions.py), in one reply.
"""

from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, List

import yaml
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint
from sanic.exceptions import InvalidUsage, PayloadTooLarge
from sanic.request import Request

from channels.personal_data import redact
from channels.several_questions import questions_of
from facts import render

MAX_MESSAGE_CHARS = 10_000


SETTINGS = yaml.safe_load(Path(__file__).with_suffix(".yml").read_text(encoding="utf-8"))
REDACTED_MARK = "[redacted "


NO_ANSWER_TEXT = render(SETTINGS["no_answer"])
PERSONAL_DATA_WARNING = SETTINGS["personal_data_warning"]


def drop_repeated_texts(collector: Any) -> None:
    """Two questions answered by the same text ("how do I pay, and who is the check payable
    to?") show it once."""
    if not isinstance(collector, CollectingOutputChannel):
        return
    seen, kept = set(), []
    for sent in collector.messages:
        key = (sent.get("text"), str(sent.get("buttons")))
        if sent.get("text") and key in seen:
            continue
        seen.add(key)
        kept.append(sent)
    collector.messages[:] = kept


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

    agent: Any = None

    async def questions(self, text: str) -> List[str]:
        """The questions of a message, parsed by the running model; the whole text when no
        model is loaded yet."""
        if self.agent is None or not self.agent.is_ready():
            return [text]
        return await questions_of(text, self.agent.parse_message)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Rasa's REST routes, with each question of a message answered in turn, a reply
        added whenever the assistant gave none, and a warning first when personal data was
        redacted from the message."""

        async def answer_each_question(message: UserMessage) -> None:
            questions = await self.questions(message.text or "")
            if len(questions) == 1:
                await on_new_message(message)
                return
            for question in questions:
                await on_new_message(
                    UserMessage(
                        question,
                        message.output_channel,
                        message.sender_id,
                        input_channel=message.input_channel,
                        metadata=message.metadata,
                    )
                )
            drop_repeated_texts(message.output_channel)

        async def answer_or_apologise(message: UserMessage) -> None:
            try:
                await answer_each_question(message)
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

        routes = super().blueprint(answer_or_apologise)

        @routes.middleware("request")
        async def remember_agent(request: Request) -> None:
            self.agent = getattr(request.app.ctx, "agent", None)

        return routes

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
