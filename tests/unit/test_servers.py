"""The options the test servers hand to `rasa run` mean to Rasa's own parser what they say."""

import pytest
from rasa.__main__ import create_argument_parser

from serve.servers import api_args


@pytest.mark.parametrize("token", ["-starts-with-a-dash", "--looks-like-an-option", "plain_token"])
def test_any_api_token_reaches_rasa_as_the_token(token: str) -> None:
    """A random token may begin with "-"; CI once failed when `rasa run` took one for an option."""
    parsed = create_argument_parser().parse_args(["run", *api_args(token, "http://127.0.0.1:8080")])
    assert parsed.auth_token == token
    assert parsed.enable_api is True
    assert parsed.cors == ["http://127.0.0.1:8080"]


def test_without_an_origin_no_cors_is_allowed() -> None:
    parsed = create_argument_parser().parse_args(["run", *api_args("secret")])
    assert parsed.cors is None and parsed.auth_token == "secret"
