"""Unit tests of the custom NLU components in nlu_components/."""

from typing import List

from rasa.nlu.tokenizers.tokenizer import Token

from nlu_components.tail_tokenizer import last_question


def tokens(text: str) -> List[Token]:
    """Whitespace tokens, enough to exercise the token-level logic."""
    return [Token(word, i) for i, word in enumerate(text.split())]


def texts(kept: List[Token]) -> str:
    return " ".join(token.text for token in kept)


def test_long_message_is_cut_to_its_last_question() -> None:
    story = "we moved offices . the old computers are gone ! "
    message = tokens(story * 10 + "how do I link my accounts ? thanks .")
    assert texts(last_question(message, max_tokens=20)) == "how do I link my accounts ?"


def test_without_a_question_mark_the_last_tokens_are_kept() -> None:
    message = tokens("a b c d e f")
    assert texts(last_question(message, max_tokens=3)) == "d e f"


def test_a_very_long_last_question_is_itself_cut_to_max_tokens() -> None:
    message = tokens("one two three four five ?")
    assert texts(last_question(message, max_tokens=2)) == "five ?"
