"""action_handle_unclear_question on JSON tracker fixtures (tests/fixtures/trackers/), with
CollectingDispatcher: "Did you mean", the domain-vocabulary guard, legal advice, declines."""

import asyncio
from typing import Any, Dict, List

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.unclear_question import (
    SETTINGS,
    TOPIC_TITLES,
    ActionHandleUnclearQuestion,
    other_language_notice,
    pick_from_offer,
)
from answers import titles, topics
from facts import fact, render
from support import load_tracker

DOMAIN_RESPONSES = {"responses": {"utter_pacer_forgot_password": [{"text": "..."}]}}


def run_unclear_question(fixture: str) -> List[Dict[str, Any]]:
    """Run action_handle_unclear_question on a fixture; what it sent the visitor (it returns
    no events)."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(
        ActionHandleUnclearQuestion().run(dispatcher, load_tracker(fixture), DOMAIN_RESPONSES)
    )
    assert events == []
    return dispatcher.messages


def button_payloads(message: Dict[str, Any]) -> List[str]:
    return [button["payload"] for button in message["buttons"]]


def test_two_close_topics_are_offered_as_buttons_with_something_else() -> None:
    [message] = run_unclear_question("two_close_password_topics")
    assert message["text"] == SETTINGS["ask_text"]
    assert button_payloads(message) == [
        "/cmecf_lost_password",
        "/pacer_forgot_password",
        "/out_of_scope",
    ]
    assert message["buttons"][0]["title"] == TOPIC_TITLES["cmecf_lost_password"]


def test_small_talk_between_two_topics_is_skipped() -> None:
    [message] = run_unclear_question("greeting_between_two_topics")
    assert button_payloads(message)[:2] == ["/cmecf_pacer_link", "/pacer_upgrade"]


@pytest.mark.parametrize("fixture", ["off_topic_ranked_second", "weak_scattered_topics"])
def test_off_topic_or_weak_guesses_get_the_out_of_scope_answer(fixture: str) -> None:
    [message] = run_unclear_question(fixture)
    assert message["response"] == "utter_out_of_scope"
    assert not message["buttons"]


@pytest.mark.parametrize("fixture", ["empty_message", "punctuation_only_message"])
def test_a_message_without_words_gets_the_help_menu(fixture: str) -> None:
    """Not "English only": "!!!" holds no Latin letter, yet it is no other language."""
    [message] = run_unclear_question(fixture)
    assert message["response"] == "utter_help"


def test_message_without_latin_letters_gets_the_notice_in_english_and_spanish() -> None:
    [message] = run_unclear_question("non_latin_message")
    assert message["text"] == other_language_notice("en")


@pytest.mark.parametrize(
    "fixture, first_topics",
    [
        ("off_topic_guess_naming_ecf", ["/cmecf_pacer_link", "/nextgen_single_login"]),
        ("off_topic_guess_asking_hours", ["/clerk_office_contact", "/pacer_service_center"]),
        # "set up in 2009": when an account was made is e-filing matter (legacy accounts).
        ("account_year_taken_as_off_topic", ["/pacer_upgrade", "/cmecf_pacer_link"]),
    ],
)
def test_an_e_filing_question_taken_for_off_topic_gets_its_nearest_topics(
    fixture: str, first_topics: List[str]
) -> None:
    [message] = run_unclear_question(fixture)
    assert message["text"] == SETTINGS["ask_text"]
    payloads = button_payloads(message)
    assert payloads[:2] == first_topics
    assert len(payloads) == SETTINGS["topics_offered"] + 1 and payloads[-1] == "/out_of_scope"


@pytest.mark.parametrize(
    "fixture",
    [
        "near_miss_bank_password",
        "near_miss_store_hours",
        "near_miss_traffic_court",
        "near_miss_divorce",
        "something_else_button",
    ],
)
def test_near_misses_are_still_declined(fixture: str) -> None:
    [message] = run_unclear_question(fixture)
    assert message["response"] == "utter_out_of_scope" and not message["buttons"]


@pytest.mark.parametrize(
    "fixture", ["own_case_question_taken_as_off_topic", "sheriff_sale_taken_as_off_topic"]
)
def test_a_question_about_the_visitors_own_case_gets_the_legal_advice_refusal(
    fixture: str,
) -> None:
    [message] = run_unclear_question(fixture)
    assert message["response"] == "utter_legal_advice"


def test_a_message_in_a_third_language_gets_one_notice_in_english_and_spanish() -> None:
    """Neither "English only" nor the decline: the assistant reads English and Spanish, says
    so in both, and gives the clerk's numbers."""
    [message] = run_unclear_question("message_in_a_third_language")
    english, spanish = message["text"].split("\n")
    assert english.startswith("I can only answer in English or Spanish.")
    assert spanish.startswith("Solo puedo responder en inglés o en español.")
    for line in (english, spanish):
        assert fact("offices.cedar_rapids.phone") in line
        assert fact("offices.sioux_city.phone") in line
    assert not message.get("response")


@pytest.mark.parametrize(
    "fixture, response",
    [
        ("typed_choice_after_did_you_mean", "utter_pacer_forgot_password"),
        # "do" and "i" are words of "Do I need my own PACER account?" too: they choose nothing.
        ("typed_topic_word_after_did_you_mean", "utter_pacer_upgrade"),
    ],
)
def test_a_typed_choice_after_did_you_mean_answers_the_topic_chosen(
    fixture: str, response: str
) -> None:
    [message] = run_unclear_question(fixture)
    assert message["response"] == response


def test_a_message_going_on_from_the_last_answer_gets_the_topic_in_focus() -> None:
    """ "so what if mine is just a few dollars" after the PACER fees: that answer again (it
    says when fees are waived), not "Did you mean" or the decline."""
    [message] = run_unclear_question("continues_the_topic_in_focus")
    assert message["response"] == "utter_pacer_fees"


def test_the_topic_in_focus_is_not_forced_on_a_message_the_classifier_places_elsewhere() -> None:
    [message] = run_unclear_question("continues_but_the_topic_in_focus_is_not_ranked")
    assert message["response"] == "utter_out_of_scope"


@pytest.mark.parametrize(
    "fixture, response",
    [
        ("correction_of_a_declined_question", "utter_filing_fee_payment"),
        ("correction_that_chooses_nothing", None),
    ],
)
def test_a_correction_with_the_question_it_corrects_chooses_between_close_topics(
    fixture: str, response: str | None
) -> None:
    """ "what's the way to pay", declined, then "no, the fee for my case": paying chooses
    between the fee's waiver and its payment; without it, "Did you mean"."""
    [message] = run_unclear_question(fixture)
    assert message.get("response") == response
    assert (response is None) == (message.get("text") == SETTINGS["ask_text"])


# A conversation in Spanish (slot `language: es`): what the action composes is in Spanish; the
# responses it sends have their Spanish variations in domain.yml (from answer_es).
SPANISH = SETTINGS.wording("es")


def spanish_answer(intent: str) -> str:
    """A topic's answer in Spanish, its facts filled in, as domain.yml's variation says it."""
    topic = next(topic for topic in topics() if topic.intent == intent)
    return " ".join(render(topic.answer_es or "", "es").split())


def test_spanish_did_you_mean_offers_the_topics_with_their_spanish_titles() -> None:
    [message] = run_unclear_question("spanish_two_close_password_topics")
    assert message["text"] == SPANISH["ask_text"]
    assert message["text"].startswith("¿Quiso decir alguno de estos temas?")
    assert button_payloads(message) == [
        "/cmecf_lost_password",
        "/pacer_forgot_password",
        "/out_of_scope",
    ]
    assert [b["title"] for b in message["buttons"]] == [
        titles("es")["cmecf_lost_password"],
        titles("es")["pacer_forgot_password"],
        "Otra cosa",
    ]


def test_spanish_an_e_filing_question_taken_for_off_topic_gets_its_nearest_topics() -> None:
    """ "usuario" is a word of e-filing: "Did you mean", in Spanish, never the decline."""
    [message] = run_unclear_question("spanish_question_naming_e_filing")
    assert message["text"] == SPANISH["ask_text"]
    assert message["buttons"][0]["title"] == titles("es")["cmecf_lost_password"]


def test_spanish_a_typed_choice_after_did_you_mean_in_spanish_answers_the_topic() -> None:
    """ "la segunda" after the Spanish "Did you mean": the second topic offered."""
    [message] = run_unclear_question("spanish_typed_choice_after_did_you_mean")
    assert message["response"] == "utter_pacer_forgot_password"


@pytest.mark.parametrize(
    "typed, intent",
    [
        ("la de pacer", "pacer_forgot_password"),
        ("la primera", "cmecf_lost_password"),
        ("la de CM/ECF, no la de PACER", "cmecf_lost_password"),
        ("la opción 2", "pacer_forgot_password"),
    ],
)
def test_spanish_a_typed_choice_is_read_in_spanish(typed: str, intent: str) -> None:
    offered = ["cmecf_lost_password", "pacer_forgot_password"]
    assert pick_from_offer(typed, offered, "es") == intent


def test_spanish_an_off_topic_question_is_declined_in_spanish_with_both_numbers() -> None:
    [message] = run_unclear_question("spanish_off_topic")
    assert message["response"] == "utter_out_of_scope"
    declined = spanish_answer("out_of_scope")
    assert declined.startswith("Lo siento, no puedo ayudarle con eso.")
    assert fact("offices.cedar_rapids.phone") in declined
    assert fact("offices.sioux_city.phone") in declined


def test_spanish_the_refusal_of_legal_advice_points_to_a_lawyer() -> None:
    refusal = spanish_answer("legal_advice")
    assert "asesoría legal" in refusal and "abogado" in refusal
    assert fact("offices.cedar_rapids.phone") in refusal


def test_spanish_a_third_language_in_a_spanish_conversation_gets_spanish_first() -> None:
    [message] = run_unclear_question("spanish_message_in_a_third_language")
    spanish, english = message["text"].split("\n")
    assert spanish == SPANISH["other_language_notice"]
    assert english == SETTINGS["other_language_notice"]
    assert spanish.startswith("Solo puedo responder en inglés o en español.")
    assert (
        fact("offices.sioux_city.phone") in spanish and fact("offices.sioux_city.phone") in english
    )
