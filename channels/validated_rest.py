"""Rasa's REST channel that never answers with silence.

Rasa's own RestInput replies 200 with no messages when "message" is missing or not text,
fails with a 500 when the body is JSON but not an object, and stays silent when a custom
action fails (the action server is down, say). This channel keeps the same URL
(/webhooks/rest/webhook) and behaviour for good requests; it refuses malformed ones with a
message that says what is wrong, drops NUL characters from the text, and when the assistant
produced no reply at all, sends one that gives both clerk's offices (wording in
validated_rest.yml beside this file, phone numbers and hours from facts/court.yml).
Personal data (Social Security and card numbers, passwords, dates of birth, e-mail addresses,
phone numbers other than the court's) is redacted from
the text before Rasa sees it, so it is never stored or logged, and the visitor is warned.
A message that asks several questions is answered question by question
(channels/several_questions.py), in one reply.

The channel's own messages (the reply when there is none, the warning, the refusals) are
in Spanish when the visitor wrote in Spanish or the chat page shows Spanish (it sends
`"metadata": {"language": "es"}`), in English otherwise: the channel answers before the
assistant has read the conversation's language, so it goes by the request alone.
"""

import re
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
from understanding.language import ENGLISH_LANGUAGE, SPANISH_LANGUAGE, spoken, written_in

MAX_MESSAGE_CHARS = 10_000


SETTINGS = yaml.safe_load(Path(__file__).with_suffix(".yml").read_text(encoding="utf-8"))
REDACTED_MARK = "[redacted "
# The channel's messages by language: English at the top of validated_rest.yml, Spanish
# under "es", with the same keys.
WORDING = {
    ENGLISH_LANGUAGE: {key: text for key, text in SETTINGS.items() if key != SPANISH_LANGUAGE},
    SPANISH_LANGUAGE: SETTINGS[SPANISH_LANGUAGE],
}
# {max_chars}: a field the channel fills in (facts are {dotted.paths}, JSON is {"...": ...}).
FIELD = re.compile(r"\{(\w+)\}")


def wording(key: str, language: str, **fields: object) -> str:
    """One of the channel's messages in `language`: its facts said in that language (the
    Spanish hours read "de lunes a viernes"), its {fields} filled in."""
    text = render(WORDING[language][key], language)
    return FIELD.sub(lambda field: str(fields[field[1]]), text)


# The English messages, as the server tests compare the replies with them.
NO_ANSWER_TEXT = wording("no_answer", ENGLISH_LANGUAGE)
PERSONAL_DATA_WARNING = wording("personal_data_warning", ENGLISH_LANGUAGE)


def reply_language(text: str, metadata: Any) -> str:
    """The language of the channel's own messages: Spanish when the text is written in
    Spanish or the page shows Spanish (metadata {"language": "es"}), English otherwise."""
    if written_in(text) == SPANISH_LANGUAGE:
        return SPANISH_LANGUAGE
    return spoken(metadata.get("language") if isinstance(metadata, dict) else None)


def complete_reply(message: UserMessage) -> None:
    """Adds the channel's own messages to the reply, in the visitor's language: the clerk's
    offices when the assistant said nothing, and first the warning when personal data was
    redacted from the message."""
    collector = message.output_channel
    if not isinstance(collector, CollectingOutputChannel):
        return
    text = message.text or ""
    language = reply_language(text, message.metadata)
    if not collector.messages:
        collector.messages.append(
            {"recipient_id": message.sender_id, "text": wording("no_answer", language)}
        )
    if REDACTED_MARK in text:
        collector.messages.insert(
            0,
            {"recipient_id": message.sender_id, "text": wording("personal_data_warning", language)},
        )


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
    """The JSON object of the request (Sanic already refuses invalid JSON with a 400). A
    body that is no object tells no language, so it is refused in both."""
    body = request.json
    if not isinstance(body, dict):
        raise InvalidUsage(" / ".join(wording("not_an_object", language) for language in WORDING))
    return body


def refusal(key: str, body: Dict[str, Any], **fields: object) -> str:
    """Why a request is refused, in the language of its message or of its page."""
    message = body.get("message")
    text = message[:MAX_MESSAGE_CHARS] if isinstance(message, str) else ""
    return wording(key, reply_language(text, body.get("metadata")), **fields)


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
                complete_reply(message)

        routes = super().blueprint(answer_or_apologise)

        @routes.middleware("request")
        async def remember_agent(request: Request) -> None:
            self.agent = getattr(request.app.ctx, "agent", None)

        return routes

    async def _extract_sender(self, req: Request) -> str | None:
        body = request_body(req)
        sender = body.get("sender")
        if sender is not None and not isinstance(sender, (str, int)):
            raise InvalidUsage(refusal("sender_not_text", body))
        return None if sender is None else str(sender)

    def _extract_message(self, req: Request) -> str | None:
        body = request_body(req)
        message = body.get("message")
        if not isinstance(message, str):
            raise InvalidUsage(refusal("message_not_text", body))
        if len(message) > MAX_MESSAGE_CHARS:
            raise PayloadTooLarge(refusal("message_too_long", body, max_chars=MAX_MESSAGE_CHARS))
        text, _ = redact(message.replace("\x00", ""))
        return text
