"""The REST channel's own messages (channels/validated_rest.py): each written in English and
Spanish, and given in the language of the visitor's message or of the chat page."""

import re
from types import SimpleNamespace
from typing import Any, Dict, List

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from sanic.exceptions import InvalidUsage

from channels.validated_rest import (
    NO_ANSWER_TEXT,
    PERSONAL_DATA_WARNING,
    WORDING,
    complete_reply,
    refusal,
    reply_language,
    request_body,
    wording,
)
from facts import fact

PLACEHOLDER = re.compile(r"\{[\w.]+\}")


def placeholders(text: str) -> List[str]:
    return sorted(PLACEHOLDER.findall(text))


def replies(text: str, metadata: Any = None, answered: bool = False) -> List[str]:
    """The texts of the reply to `text` once the channel has added its own messages."""
    collector = CollectingOutputChannel()
    if answered:
        collector.messages.append({"recipient_id": "v", "text": "the assistant's answer"})
    complete_reply(UserMessage(text, collector, "v", metadata=metadata))
    return [sent["text"] for sent in collector.messages]


def test_english_and_spanish_have_the_same_messages() -> None:
    assert set(WORDING["en"]) == set(WORDING["es"])


@pytest.mark.parametrize("key", sorted(WORDING["en"]))
def test_each_message_has_the_same_placeholders_in_both_languages(key: str) -> None:
    assert placeholders(WORDING["es"][key]) == placeholders(WORDING["en"][key])


def test_the_spanish_reply_when_there_is_none_gives_both_offices_in_spanish() -> None:
    text = wording("no_answer", "es")
    assert fact("offices.cedar_rapids.phone") in text
    assert fact("offices.sioux_city.phone") in text
    assert fact("office_hours.days", "es") in text
    assert "de de " not in text and "{" not in text


@pytest.mark.parametrize(
    "text, metadata, language",
    [
        ("¿En qué oficina presento mi petición de quiebra?", None, "es"),
        ("necesito el telefono de la oficina de Cedar Rapids", {"language": "en"}, "es"),
        ("nací el [redacted date of birth] y quiero saber qué hago", None, "es"),
        ("ok", {"language": "es"}, "es"),
        ("Which office takes my petition?", {"language": "es"}, "es"),
        ("Which office takes my petition?", None, "en"),
        ("ok", None, "en"),
        ("ok", {"language": "fr"}, "en"),
        ("ok", "es", "en"),
    ],
)
def test_the_language_is_the_messages_or_the_pages(text: str, metadata: Any, language: str) -> None:
    assert reply_language(text, metadata) == language


def test_a_spanish_message_with_personal_data_is_warned_in_spanish() -> None:
    assert replies("mi contraseña de PACER es [redacted password] y no me deja entrar") == [
        wording("personal_data_warning", "es"),
        wording("no_answer", "es"),
    ]


def test_the_pages_language_chooses_the_reply_when_the_message_tells_none() -> None:
    assert replies("pw [redacted password]", {"language": "es"}, answered=True) == [
        wording("personal_data_warning", "es"),
        "the assistant's answer",
    ]


def test_an_english_message_gets_the_english_messages() -> None:
    assert replies("my password is [redacted password], what now?") == [
        PERSONAL_DATA_WARNING,
        NO_ANSWER_TEXT,
    ]


def test_an_answered_message_without_personal_data_gets_nothing_more() -> None:
    assert replies("¿Cuánto cuesta una copia certificada?", answered=True) == [
        "the assistant's answer"
    ]


@pytest.mark.parametrize(
    "body, key",
    [
        ({"message": 7, "metadata": {"language": "es"}}, "message_not_text"),
        (
            {"sender": ["v"], "message": "¿Dónde queda la oficina del secretario?"},
            "sender_not_text",
        ),
    ],
)
def test_a_refusal_is_in_spanish_for_a_spanish_request(body: Dict[str, Any], key: str) -> None:
    assert refusal(key, body) == WORDING["es"][key]


def test_a_refusal_fills_in_its_fields() -> None:
    refused = refusal("message_too_long", {"message": "hello there"}, max_chars=10_000)
    assert refused == '"message" is longer than 10000 characters'


def test_a_body_that_is_no_object_is_refused_in_both_languages() -> None:
    with pytest.raises(InvalidUsage) as refused:
        request_body(SimpleNamespace(json=["sender", "message"]))
    assert all(wording("not_an_object", language) in str(refused.value) for language in WORDING)
