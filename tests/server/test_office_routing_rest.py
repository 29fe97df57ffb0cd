"""Office routing end to end, through the real REST channel and action server."""

import re

import pytest

from facts import fact
from serve.servers import Assistant
from support import expected_counties, new_sender

PHONES = {
    "Cedar Rapids": fact("offices.cedar_rapids.phone"),
    "Sioux City": fact("offices.sioux_city.phone"),
}
EITHER_OFFICE = "Either clerk's office can also help you by phone"


def office_to_contact(answer: str) -> str | None:
    """The office a routing answer tells the visitor to contact, checked against the
    office details that follow: "Cedar Rapids", "Sioux City" or None."""
    lines = answer.split("\n")
    match = re.fullmatch(r"For .+, in the .+ Division, contact the (.+) clerk's office\.", lines[0])
    if not match:
        return None
    office = match.group(1)
    other = next(name for name in PHONES if name != office)
    assert PHONES[office] in lines[1] and PHONES[other] not in answer, answer
    assert lines[2].startswith(EITHER_OFFICE), answer
    return office


@pytest.mark.parametrize("county, expected", sorted(expected_counties().items()))
def test_every_county_routes_through_the_running_assistant(
    assistant: Assistant, county: str, expected: tuple
) -> None:
    district, division, office = expected
    answer = assistant.ask_text(new_sender(), f"I live in {county} County")
    if district == "Southern":
        assert f"{county} County is in the Southern District of Iowa" in answer
        assert not any(phone in answer for phone in PHONES.values())
    else:
        assert answer.startswith(f"For {county} County, in the {division}, contact the ")
        assert office_to_contact(answer) == office
        assert "served by" not in answer


def test_woodbury_county_gets_sioux_city_and_not_cedar_rapids(assistant: Assistant) -> None:
    answer = assistant.ask_text(new_sender(), "I live in Woodbury County")
    assert office_to_contact(answer) == "Sioux City"


def test_which_office_then_a_bare_county_name(assistant: Assistant) -> None:
    sender = new_sender()
    assert assistant.ask_text(sender, "which office?") == "Which Iowa county or town are you in?"
    answer = assistant.ask_text(sender, "Linn")
    assert office_to_contact(answer) == "Cedar Rapids"


@pytest.mark.parametrize(
    "answer, office",
    [("Black Hawk County", "Cedar Rapids"), ("I'm in Spencer", "Sioux City"), ("Story", None)],
)
def test_the_form_accepts_the_ways_visitors_name_a_place(
    assistant: Assistant, answer: str, office: str
) -> None:
    sender = new_sender()
    assistant.ask_text(sender, "which clerk's office should I contact?")
    reply = assistant.ask_text(sender, answer)
    assert (office_to_contact(reply) == office) if office else ("Southern District" in reply)


def test_an_unknown_place_is_asked_again_once_then_both_offices_are_given(
    assistant: Assistant,
) -> None:
    sender = new_sender()
    assistant.ask_text(sender, "which office do I call?")
    assert assistant.ask_text(sender, "Gondor") == (
        "I don't know that place in Iowa.\nWhich Iowa county or town are you in?"
    )
    final = assistant.ask_text(sender, "Narnia")
    assert all(phone in final for phone in PHONES.values())


def test_ames_is_in_the_southern_district(assistant: Assistant) -> None:
    assert "Southern District of Iowa" in assistant.ask_text(new_sender(), "I'm in Ames")


def test_marion_is_clarified_and_the_button_routes(assistant: Assistant) -> None:
    sender = new_sender()
    [question] = assistant.ask(sender, "I live in Marion")
    assert question["text"] == "Which Marion do you mean?"
    linn, marion_county = (button["payload"] for button in question["buttons"])
    assert office_to_contact(assistant.ask_text(sender, linn)) == "Cedar Rapids"
    assert "Southern District" in assistant.ask_text(sender, marion_county)


def test_des_moines_is_answered_without_a_question(assistant: Assistant) -> None:
    assert assistant.ask_text(new_sender(), "I live in Des Moines").startswith(
        "Des Moines is in the Southern District of Iowa"
    )


def test_a_place_outside_iowa_gets_both_offices(assistant: Assistant) -> None:
    answer = assistant.ask_text(new_sender(), "I live in Omaha")
    assert answer.startswith("Omaha is not in Iowa") and all(p in answer for p in PHONES.values())


def test_asking_about_paying_mentions_cedar_rapids(assistant: Assistant) -> None:
    question = "which office serves Cherokee County? I need to pay a fee"
    answer = assistant.ask_text(new_sender(), question)
    assert office_to_contact(answer) == "Sioux City"
    assert "Only the Cedar Rapids clerk's office" in answer and "cannot make change" in answer
    assert f'payable to "{fact("payments.payable_to")}"' in answer


def test_after_routing_the_next_which_office_asks_again(assistant: Assistant) -> None:
    sender = new_sender()
    assistant.ask_text(sender, "I live in Linn County")
    question = assistant.ask_text(sender, "which office should I use?")
    assert question == "Which Iowa county or town are you in?"
