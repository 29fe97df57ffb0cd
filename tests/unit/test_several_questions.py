"""A message that asks several questions (channels/several_questions.py): where it is cut,
and when the pieces are answered one by one rather than as one message."""

import asyncio
from typing import Dict

import pytest

from channels.several_questions import (
    candidate_parts,
    group_questions,
    questions_of,
    without_join,
)


@pytest.mark.parametrize(
    "text, parts",
    [
        (
            "Is a lawyer required, and where do I mail the petition?",
            ["Is a lawyer required", "where do I mail the petition?"],
        ),
        (
            "What are your hours? Also who is the money order payable to?",
            ["What are your hours?", "who is the money order payable to?"],
        ),
        (
            "how do i pay the fee; can i use a debit card",
            ["how do i pay the fee", "can i use a debit card"],
        ),
        ("whats the address and phone of the sioux city office", None),
        ("I need the forms and the fee schedule", None),
        ("where do I file, and how?", ["where do I file, and how?"]),
    ],
)
def test_a_message_is_cut_before_each_new_question(text: str, parts: list | None) -> None:
    assert candidate_parts(text) == (parts or [text])


def test_two_clear_questions_on_different_topics_are_answered_apart() -> None:
    parts = ["can I file without an attorney", "what does it cost"]
    assert group_questions(parts, ["filing_without_lawyer", "filing_fee"]) == parts


def test_a_statement_stays_with_the_question_after_it() -> None:
    parts = ["I'm a creditor.", "How do I register?", "Is a lawyer needed?"]
    intents = ["which_office", "efile_registration_limited_filer", "filing_without_lawyer"]
    assert group_questions(parts, intents) == [
        "I'm a creditor. How do I register?",
        "Is a lawyer needed?",
    ]


def test_a_statement_after_a_question_is_its_context() -> None:
    parts = ["which office is Cherokee County's?", "I need to pay a fee"]
    intents = ["which_office", "filing_fee_payment"]
    assert group_questions(parts, intents) == [" ".join(parts)]


def test_context_before_a_question_joins_it() -> None:
    parts = ["Hello.", "Our firm has had PACER since 2010.", "Must we upgrade?", "What is a PAA?"]
    intents = ["greet", "payment_info_saving", "pacer_upgrade", "pacer_admin_account"]
    assert group_questions(parts, intents) == [
        "Hello. Our firm has had PACER since 2010. Must we upgrade?",
        "What is a PAA?",
    ]


def test_a_long_story_is_not_cut() -> None:
    async def parse(text: str) -> Dict:
        raise AssertionError("a long story is judged by its last question, not cut")

    story = "We moved offices last spring and everything changed. " * 8 + "How do I link?"
    assert asyncio.run(questions_of(story, parse)) == [story]


def test_parts_with_one_topic_are_one_question() -> None:
    parts = ["how do I pay", "can I pay by money order"]
    intents = ["filing_fee_payment", "filing_fee_payment"]
    assert group_questions(parts, intents) == ["how do I pay can I pay by money order"]


def test_one_clear_question_keeps_the_message_whole() -> None:
    parts = ["hi there.", "how do I upgrade my account?"]
    assert group_questions(parts, ["greet", "pacer_upgrade"]) == [
        "hi there. how do I upgrade my account?"
    ]


def test_at_most_three_questions_the_rest_stays_with_the_last() -> None:
    parts = ["what a b?", "what d e?", "what g h?", "what j k?"]
    assert group_questions(parts, ["one", "two", "three", "four"]) == [
        "what a b?",
        "what d e?",
        "what g h? what j k?",
    ]


def test_questions_of_parses_each_part_and_splits_advice_from_information() -> None:
    intents: Dict[str, str] = {
        "Where are the fees listed": "filing_fee",
        "should I go with chapter 13?": "legal_advice",
    }

    async def parse(text: str) -> Dict:
        return {"intent": {"name": intents[text]}}

    text = "Where are the fees listed, and should I go with chapter 13?"
    assert asyncio.run(questions_of(text, parse)) == list(intents)


def test_a_single_question_is_not_parsed_again() -> None:
    async def parse(text: str) -> Dict:
        raise AssertionError("a message with one question needs no extra parse")

    assert asyncio.run(questions_of("what time do you open?", parse)) == ["what time do you open?"]


def test_a_question_opening_with_and_after_a_sentence_end_is_its_own() -> None:
    parts = ["Do we each need a login to e-file?", "And how does the firm get one bill?"]
    intents = ["pacer_own_account", "pacer_admin_account"]
    assert group_questions(parts, intents) == [parts[0], "how does the firm get one bill?"]


def test_a_statement_opening_with_and_is_still_context() -> None:
    parts = ["How do I register?", "And I'm a creditor."]
    intents = ["efile_registration_limited_filer", "which_office"]
    assert group_questions(parts, intents) == [" ".join(parts)]


@pytest.mark.parametrize(
    "text, parts",
    [
        (
            "¿Se puede pagar con giro postal, y dónde se entrega el pago?",
            ["¿Se puede pagar con giro postal", "dónde se entrega el pago?"],
        ),
        (
            "cuanto cuesta presentar el caso y tambien donde lo presento",
            ["cuanto cuesta presentar el caso", "donde lo presento"],
        ),
        (
            "Tengo una deuda médica; además, ¿puedo incluirla en el caso?",
            ["Tengo una deuda médica", "¿puedo incluirla en el caso?"],
        ),
        (
            "¿A qué hora abren los lunes? ¿Y cuál es el número de fax?",
            ["¿A qué hora abren los lunes?", "¿Y cuál es el número de fax?"],
        ),
        (
            "¿Qué documentos llevo?¿Hay que pedir cita antes?",
            ["¿Qué documentos llevo?", "¿Hay que pedir cita antes?"],
        ),
        (
            "Necesito una copia de mi caso ¿y cuánto cobran por página?",
            ["Necesito una copia de mi caso", "¿y cuánto cobran por página?"],
        ),
        ("¿Cuál es el correo y el fax del tribunal?", None),
        ("La audiencia es el martes, ¿verdad?", None),
        ("¿Dónde presento la petición, y cómo?", None),
    ],
)
def test_a_spanish_message_is_cut_before_each_new_question(text: str, parts: list | None) -> None:
    """Spanish joins before Spanish question words, and each "¿", open a new question; a
    short tag ("¿verdad?") stays with the sentence it ends."""
    assert candidate_parts(text) == (parts or [text])


@pytest.mark.parametrize(
    "part, question",
    [
        ("¿Y la dirección de Cedar Rapids?", "¿la dirección de Cedar Rapids?"),
        ("Y también, ¿quién firma la orden?", "¿quién firma la orden?"),
        ("Además necesito el número del caso", "necesito el número del caso"),
        ("y cuándo cierran", "cuándo cierran"),
        ("Ya presenté el caso", "Ya presenté el caso"),
        ("¿Yo puedo presentar sin abogado?", "¿Yo puedo presentar sin abogado?"),
    ],
)
def test_a_spanish_join_is_left_out_and_the_question_mark_kept(part: str, question: str) -> None:
    assert without_join(part) == question


def test_a_spanish_question_opening_with_y_after_a_sentence_end_is_its_own() -> None:
    parts = ["¿A qué hora cierra la oficina?", "¿Y el teléfono para consultar un caso?"]
    intents = ["clerk_office_open_now", "case_info_by_phone"]
    assert group_questions(parts, intents) == [parts[0], "¿el teléfono para consultar un caso?"]


def test_a_spanish_statement_stays_with_the_question_after_it() -> None:
    parts = [
        "Represento a un acreedor.",
        "¿Qué pasos sigo para registrarme?",
        "¿Hace falta abogado?",
    ]
    intents = ["which_office", "efile_registration_limited_filer", "filing_without_lawyer"]
    assert group_questions(parts, intents) == [
        "Represento a un acreedor. ¿Qué pasos sigo para registrarme?",
        "¿Hace falta abogado?",
    ]


def test_questions_of_answers_each_spanish_question() -> None:
    intents: Dict[str, str] = {
        "¿Dónde pago la cuota de presentación": "filing_fee_payment",
        "puedo pedir una copia certificada?": "copies_of_documents",
    }

    async def parse(text: str) -> Dict:
        return {"intent": {"name": intents[text]}}

    text = "¿Dónde pago la cuota de presentación, y puedo pedir una copia certificada?"
    assert asyncio.run(questions_of(text, parse)) == list(intents)
