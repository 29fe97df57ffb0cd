"""Whole conversations through the REST channel: follow-ups that lean on the last answer,
corrections, two questions in one message and several places in one message. Written for
this test in visitors' words (not taken from any measurement set); judged by what the visitor
reads.
"""

import pytest

from facts import fact
from serve.servers import Assistant
from support import conversation

CR_PHONE, SC_PHONE = fact("offices.cedar_rapids.phone"), fact("offices.sioux_city.phone")
CR_STREET, SC_STREET = fact("offices.cedar_rapids.street"), fact("offices.sioux_city.street")
SD_PHONE = fact("southern_district.phone")
DECLINE = "Sorry, I can't help with that"


def test_their_number_after_routing_is_the_routed_offices(assistant: Assistant) -> None:
    _, reply = conversation(
        assistant,
        "we're in Cherokee County, which office do we call",
        "could you tell me their number",
    )
    assert SC_PHONE in reply and CR_PHONE not in reply and CR_STREET not in reply


def test_the_other_office_after_routing_switches_office(assistant: Assistant) -> None:
    routed, other, address = conversation(
        assistant,
        "I'm in Waterloo, which clerk's office is mine",
        "and the phone of the other one?",
        "ok, their street address",
    )
    assert CR_PHONE in routed
    assert SC_PHONE in other and CR_PHONE not in other
    assert SC_STREET in address and CR_STREET not in address


def test_that_court_after_a_southern_town_is_the_southern_district(assistant: Assistant) -> None:
    _, where, phone = conversation(
        assistant, "which office handles Ottumwa", "and where's that court", "their phone?"
    )
    assert fact("southern_district.city") in where
    assert CR_STREET not in where and SC_STREET not in where
    assert SD_PHONE in phone and CR_PHONE not in phone


def test_hours_then_time_zone_then_a_weekend_day(assistant: Assistant) -> None:
    hours, zone, sunday = conversation(
        assistant,
        "what time does the clerk's office close",
        "is that eastern or central",
        "open on sundays at all?",
    )
    assert fact("office_hours.closes") in hours
    assert fact("office_hours.time_zone_name") in zone
    assert "closed" in sunday and DECLINE not in sunday


def test_how_then_what_next_after_the_upgrade(assistant: Assistant) -> None:
    upgrade, how, then = conversation(
        assistant,
        "does an old pacer account need upgrading for nextgen",
        "how would I go about that",
        "ok and then what",
    )
    assert "Legacy" in upgrade
    assert "Manage My Account" in how and "Upgrade" in how
    assert "Link a CM/ECF account to my PACER account" in then


def test_another_kind_of_filer_after_attorney_registration(assistant: Assistant) -> None:
    _, staff = conversation(
        assistant,
        "I'm an attorney, how do I register to e-file here",
        "what about our legal assistant",
    )
    assert "Non-Attorney E-File Registration" in staff


def test_a_corrected_login_system_gets_the_other_systems_answer(assistant: Assistant) -> None:
    pacer, ecf = conversation(
        assistant, "I lost my pacer password", "sorry, I meant the ECF one, not pacer"
    )
    assert fact("pacer.service_center.phone") in pacer
    assert CR_PHONE in ecf and SC_PHONE in ecf
    assert "Forgot password" not in ecf


def test_the_year_of_an_account_after_the_upgrade_question(assistant: Assistant) -> None:
    _, recent, corrected = conversation(
        assistant,
        "do we have to upgrade our pacer login",
        "ours was opened in 2016",
        "no wait, it was 2011 not 2016",
    )
    assert "already upgraded" in recent and "2016" in recent
    assert "must be upgraded" in corrected and "2011" in corrected


def test_a_follow_up_with_nothing_in_focus_is_asked_about(assistant: Assistant) -> None:
    [reply] = conversation(assistant, "what's their phone number?")
    assert DECLINE not in reply
    assert "Which office or service do you mean?" in reply


def test_two_questions_in_one_message_get_both_answers_in_order(assistant: Assistant) -> None:
    [reply] = conversation(
        assistant,
        "what's the Sioux City office's phone number, and when did the court switch to nextgen?",
    )
    assert SC_PHONE in reply and fact("dates.nextgen_go_live") in reply
    assert reply.index(SC_PHONE) < reply.index(fact("dates.nextgen_go_live"))
    assert CR_PHONE not in reply.split(fact("dates.nextgen_go_live"))[0]


def test_a_greeting_beside_a_question_is_not_a_second_question(assistant: Assistant) -> None:
    [reply] = conversation(assistant, "Hi there! what number gives case information by phone?")
    assert fact("case_information_by_phone.phone") in reply
    assert "Did you mean" not in reply and DECLINE not in reply


@pytest.mark.parametrize(
    "message, phone, not_phone",
    [
        (
            "We lived in Council Bluffs until this summer; now we're in Sioux Center. "
            "Which clerk's office?",
            SC_PHONE,
            SD_PHONE,
        ),
        (
            "I'm a lawyer in Omaha and my client lives in Spirit Lake. Which office?",
            SC_PHONE,
            CR_PHONE,
        ),
        ("Marion, the town by Cedar Rapids, not Marion County. Which office?", CR_PHONE, SD_PHONE),
    ],
)
def test_several_places_route_by_where_the_visitor_is_now(
    assistant: Assistant, message: str, phone: str, not_phone: str
) -> None:
    [reply] = conversation(assistant, message)
    assert phone in reply and not_phone not in reply


def test_a_typed_answer_to_which_county_continues_the_routing(assistant: Assistant) -> None:
    question, routed = conversation(assistant, "which clerk's office do I use", "plymouth")
    assert "Which Iowa county or town are you in?" in question
    assert SC_PHONE in routed and "Plymouth County" in routed


def test_a_corrected_county_is_routed_again(assistant: Assistant) -> None:
    first, corrected = conversation(
        assistant, "which office for Clay County", "sorry, Clayton County, not Clay"
    )
    assert SC_PHONE in first
    assert CR_PHONE in corrected and "Clayton County" in corrected


def test_one_question_about_both_logins_gets_both_answers(assistant: Assistant) -> None:
    [reply] = conversation(assistant, "locked out of my pacer login and my ecf login too")
    assert fact("pacer.service_center.phone") in reply
    assert CR_PHONE in reply and SC_PHONE in reply
    assert reply.index(fact("pacer.service_center.phone")) < reply.index(CR_PHONE)


def test_a_message_going_on_from_the_answer_gets_the_topic_again(assistant: Assistant) -> None:
    _, billing, debit = conversation(
        assistant,
        "is there a charge for pacer",
        "how often do they send bills",
        "can i pay my filing fee with a debit card instead",
    )
    assert fact("pacer.fees.billed") in billing and DECLINE not in billing
    assert fact("payments.online_service") in debit


def test_a_second_question_opening_with_and_gets_its_own_answer(assistant: Assistant) -> None:
    [reply] = conversation(
        assistant,
        "Can my secretary and I share one PACER login for e-filing? And how can the firm "
        "pay all our PACER charges in one place?",
    )
    assert "own individual PACER account" in reply
    assert "PACER Administrative Account" in reply
    assert reply.index("own individual") < reply.index("Administrative Account")


def test_a_question_is_read_with_the_statement_before_it(assistant: Assistant) -> None:
    [reply] = conversation(
        assistant,
        "We're a credit union. How do we sign up to file claims, and what's the PACER "
        "Service Center's email?",
    )
    assert "Non-Attorney E-File Registration" in reply
    assert fact("pacer.service_center.email") in reply


def test_saying_there_is_no_lawyer_asks_the_last_topic_again(assistant: Assistant) -> None:
    card, alone = conversation(
        assistant,
        "could I pay the bankruptcy filing fee using my credit card",
        "I have no attorney, it's only me",
    )
    assert fact("payments.online_service") in card
    assert fact("payments.online_service") in alone
    assert "filing pro se" not in alone and DECLINE not in alone
