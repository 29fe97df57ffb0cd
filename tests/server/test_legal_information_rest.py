"""Legal information for people filing without a lawyer, through the REST channel: each
kind of question the issue found refused now gets its information, advice is still refused,
and a message that asks both gets both, in one reply. Written for this test, in visitors'
words; judged by what the visitor reads.
"""

import re
from typing import Dict, List

import pytest

from facts import fact
from serve.servers import Assistant
from support import new_sender, response_text

DOLLAR_AMOUNT = re.compile(r"\$\s?\d")


def refusal(domain: Dict) -> str:
    return response_text(domain, "utter_legal_advice")


@pytest.mark.parametrize(
    "question, must_say",
    [
        ("what's the price of filing a chapter 7", ["Schedule of Fees", fact("court.website")]),
        ("could I do my own bankruptcy online with no attorney", ["without a lawyer"]),
        ("what papers do I hand in to open a chapter 7", ["Voluntary Petition", "B121"]),
        ("I want my late father's bankruptcy file from 1989", ["Federal Records Center"]),
        ("who investigates bankruptcy fraud", [fact("bankruptcy_fraud.website")]),
        ("can the clerk fill in my bankruptcy forms", ["cannot", "prepare"]),
        ("is it ok to email my petition to the court", ["email or fax"]),
        ("I can't pay the whole fee up front, any options", ["installments"]),
        ("can I get the chapter 7 filing fee waived", ["poverty guidelines"]),
        ("can I pay my fee with cash in Sioux City", [fact("payments.payable_to"), "Cedar Rapids"]),
    ],
)
def test_a_procedure_question_gets_its_information(
    assistant: Assistant, domain: Dict, question: str, must_say: List[str]
) -> None:
    answer = assistant.ask_text(new_sender(), question)
    assert refusal(domain) not in answer, f"{question!r} was refused"
    for words in must_say:
        assert words in answer, f"{question!r} -> {answer!r}"


def test_a_fee_question_is_never_answered_with_an_amount(assistant: Assistant) -> None:
    answer = assistant.ask_text(new_sender(), "how much will a chapter 13 filing run me")
    assert "Schedule of Fees" in answer
    assert not DOLLAR_AMOUNT.search(answer)


@pytest.mark.parametrize(
    "question",
    [
        "should I pick chapter 7 or 13 for my situation",
        "if I file will they take my pickup",
        "does the automatic stay stop the bank from foreclosing on me",
    ],
)
def test_advice_is_refused(assistant: Assistant, domain: Dict, question: str) -> None:
    assert assistant.ask_text(new_sender(), question) == refusal(domain)


def test_two_procedure_questions_in_one_message_both_get_answers(assistant: Assistant) -> None:
    answer = assistant.ask_text(
        new_sender(),
        "Is a lawyer required to file, and can the chapter 7 fee be waived if I earn very little?",
    )
    assert "without a lawyer" in answer and "poverty guidelines" in answer


def test_fraud_and_an_old_file_in_one_message_both_get_answers(assistant: Assistant) -> None:
    answer = assistant.ask_text(
        new_sender(),
        "Who do I tell about bankruptcy fraud, and how can I get my uncle's case file from 1992?",
    )
    assert fact("bankruptcy_fraud.website") in answer and "Federal Records Center" in answer


def test_information_and_advice_in_one_message_get_both(assistant: Assistant, domain: Dict) -> None:
    answer = assistant.ask_text(
        new_sender(),
        "Where do I mail my petition, and should I file chapter 13 instead of chapter 7?",
    )
    assert fact("offices.cedar_rapids.street") in answer
    assert refusal(domain) in answer


def test_the_payee_after_the_payment_answer(assistant: Assistant, domain: Dict) -> None:
    sender = new_sender()
    assistant.ask_text(sender, "how do I pay the filing fee")
    answer = assistant.ask_text(sender, "and the money order is made out to whom?")
    assert fact("payments.payable_to") in answer
    assert refusal(domain) not in answer
