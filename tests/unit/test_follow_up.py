"""Follow-ups answered from the conversation's focus: which messages are follow-ups
(understanding/focus.py), and what action_answer_follow_up says to each kind, on JSON tracker
fixtures (tests/fixtures/trackers/follow_up_*.json) with CollectingDispatcher."""

import asyncio
from datetime import datetime
from typing import Any, Dict, List, Tuple

import pytest
from rasa.shared.nlu.training_data.message import Message
from rasa_sdk.executor import CollectingDispatcher

from actions.follow_up import RESPONSES, SETTINGS, ActionAnswerFollowUp
from actions.office_hours import TIME_ZONE, hours_sentence
from answers import titles
from facts import fact, render
from nlu_components.focus import FollowUpClassifier
from support import load_tracker
from understanding import focus

CR_PHONE, SC_PHONE = fact("offices.cedar_rapids.phone"), fact("offices.sioux_city.phone")
CR_STREET, SC_STREET = fact("offices.cedar_rapids.street"), fact("offices.sioux_city.street")
# A Thursday morning in Iowa: the offices are open.
THURSDAY_MORNING = datetime(2026, 12, 3, 10, 0, tzinfo=TIME_ZONE)


def follow_up(fixture: str) -> Tuple[str, List[str], List[Dict[str, Any]], Dict[str, Any]]:
    """Run action_answer_follow_up on a fixture: (text, responses, buttons, slots set)."""
    dispatcher = CollectingDispatcher()
    action = ActionAnswerFollowUp(clock=lambda: THURSDAY_MORNING)
    events = asyncio.run(action.run(dispatcher, load_tracker(fixture), {}))
    text = "\n".join(m["text"] for m in dispatcher.messages if m.get("text"))
    responses = [m["response"] for m in dispatcher.messages if m.get("response")]
    buttons = [b for m in dispatcher.messages for b in m.get("buttons") or []]
    return text, responses, buttons, {e["name"]: e["value"] for e in events}


@pytest.mark.parametrize(
    "message",
    [
        "could you give me their phone number",
        "address?",
        "is that in central time",
        "and on sundays?",
        "what about christmas",
        "how would i go about that",
        "alright, then what",
        "what comes next",
        "what about our legal assistant",
        "the other one please",
        "and the cedar rapids office?",
        "it was made in 2016 not 2012",
        "no, I meant pacer not ecf",
        "sorry, Sioux City not Cedar Rapids",
        "no, my PACER password, not ECF",
        "the PACER fees, not the filing fee",
        "can i reach them at night",
        "I've got no lawyer, it's only me",
        "representing myself",
    ],
)
def test_a_message_leaning_on_the_last_answer_is_a_follow_up(message: str) -> None:
    assert focus.is_follow_up(message)


@pytest.mark.parametrize(
    "message",
    [
        "what is the phone number of the clerk's office",
        "how do I reset my pacer password",
        "what is the pacer service center email",
        "which office handles linn county",
        "what is nextgen",
        "thanks",
        "hi",
        "how do I upgrade my pacer account to link it to my cm/ecf login for this court",
        "was the tax I owed in 2017 wiped out by my discharge",
        "when is the office open",
        "what's central sign-on",
        "is the cedar rapids office open mondays, and when does it close",
        "what is 12 times 12",
        "r u guys open rn",
        "a lawyer from another state wants to be admitted, where should he go",
        "Hi there! what number gives case information by phone?",
        "can I do this without a lawyer?",
        "I want to file without an attorney",
    ],
)
def test_a_question_of_its_own_is_not_a_follow_up(message: str) -> None:
    assert not focus.is_follow_up(message)


@pytest.mark.parametrize(
    "text, year",
    [("it was 2015 not 2013", 2015), ("not 2013, 2015", 2015), ("made in 2009", 2009)],
)
def test_the_corrected_year_is_the_one_meant(text: str, year: int) -> None:
    assert focus.read(text).year == year


def test_every_topic_the_maps_name_exists() -> None:
    """A misspelt topic in focus.yml would silently never be reached; a topic a follow-up
    leads to has an answer."""
    from answers import topics

    intents = {topic.intent for topic in topics()}
    settings = focus.settings()
    named = set(settings["keeps_focus"]) | set(settings["account_year_topics"])
    for table in ("subject_of_topic", "steps_of_topic", "next_of_topic", "other_filer_topic"):
        named |= set(settings[table])
    led_to = {topic for pair in settings["same_question"] for topic in pair.values()}
    for table in ("steps_of_topic", "next_of_topic", "other_filer_topic"):
        led_to |= set(settings[table].values())
    assert (named | led_to) - intents == set()
    assert {f"utter_{topic}" for topic in led_to} <= set(RESPONSES.values())
    assert set(settings["subject_of_topic"].values()) <= set(SETTINGS["services"])


def test_their_phone_after_routing_is_that_offices_phone_only() -> None:
    text, _, _, _ = follow_up("follow_up_phone_after_sioux_city_routing")
    assert SC_PHONE in text and CR_PHONE not in text and SC_STREET not in text


def test_two_details_of_the_office_in_focus_are_both_given() -> None:
    text, _, _, _ = follow_up("follow_up_two_details_after_cedar_rapids_routing")
    assert CR_PHONE in text and CR_STREET in text
    assert SC_PHONE not in text and SC_STREET not in text


def test_where_is_that_court_after_a_southern_town_is_the_southern_district() -> None:
    text, _, _, _ = follow_up("follow_up_address_after_southern_district")
    assert render("{southern_district.city}") in text
    assert render("{southern_district.phone}") in text
    assert CR_STREET not in text and SC_STREET not in text


@pytest.mark.parametrize(
    "fixture, phone, not_phone, office",
    [
        ("follow_up_other_office_after_cedar_rapids_routing", SC_PHONE, CR_PHONE, "sioux_city"),
        ("follow_up_names_sioux_city_after_cedar_rapids", SC_PHONE, CR_PHONE, "sioux_city"),
    ],
)
def test_the_other_office_switches_the_focus(
    fixture: str, phone: str, not_phone: str, office: str
) -> None:
    text, _, _, slots = follow_up(fixture)
    assert phone in text and not_phone not in text
    assert slots == {"focus_office": office}


def test_is_that_central_time_gets_the_hours_with_their_time_zone() -> None:
    text, _, _, _ = follow_up("follow_up_time_zone_after_hours")
    assert text == hours_sentence()
    assert render("{office_hours.time_zone_name}") in text


@pytest.mark.parametrize(
    "fixture, day_status",
    [
        ("follow_up_sunday_after_hours", "On Sunday, December 6 the offices are closed"),
        ("follow_up_holiday_after_hours", "normally closed for Thanksgiving Day"),
    ],
)
def test_a_day_asked_after_the_hours_gets_that_day(fixture: str, day_status: str) -> None:
    text, _, _, _ = follow_up(fixture)
    assert text.startswith(hours_sentence()) and day_status in text


def test_an_email_the_facts_do_not_have_is_said_so_with_the_phones() -> None:
    text, _, _, _ = follow_up("follow_up_email_of_the_clerk_office")
    assert "I don't have an e-mail address for the Sioux City clerk's office." in text
    assert CR_PHONE in text and SC_PHONE in text and "@" not in text


def test_the_service_named_by_the_last_topic_outranks_the_office_in_focus() -> None:
    """Routed to Sioux City, then a lost PACER password: "when are they around" asks the
    PACER Service Center, not the clerk's office."""
    text, _, _, _ = follow_up("follow_up_hours_of_the_pacer_service_center")
    assert render("{pacer.service_center.opens} to {pacer.service_center.closes}") in text
    assert SC_PHONE not in text


def test_case_information_by_phone_answers_at_any_hour() -> None:
    text, _, _, _ = follow_up("follow_up_weekend_after_case_information_by_phone")
    assert render("{case_information_by_phone.hours}") in text
    assert render("{case_information_by_phone.phone}") in text


@pytest.mark.parametrize(
    "fixture, response, topic",
    [
        ("follow_up_steps_after_upgrade", "utter_pacer_upgrade", "pacer_upgrade"),
        ("follow_up_steps_after_single_login", "utter_cmecf_pacer_link", "cmecf_pacer_link"),
        ("follow_up_next_after_upgrade", "utter_cmecf_pacer_link", "cmecf_pacer_link"),
        (
            "follow_up_paralegal_after_attorney_registration",
            "utter_efile_registration_limited_filer",
            "efile_registration_limited_filer",
        ),
        ("follow_up_correction_to_ecf", "utter_cmecf_lost_password", "cmecf_lost_password"),
        ("follow_up_correction_to_filing_fee", "utter_filing_fee", "filing_fee"),
        (
            "follow_up_no_lawyer_after_fee_payment",
            "utter_filing_fee_payment",
            "filing_fee_payment",
        ),
        (
            "follow_up_no_lawyer_after_attorney_registration",
            "utter_filing_without_lawyer",
            "filing_without_lawyer",
        ),
        (
            "follow_up_no_lawyer_with_nothing_in_focus",
            "utter_filing_without_lawyer",
            "filing_without_lawyer",
        ),
    ],
)
def test_a_follow_up_on_the_topic_gets_the_topic_it_leads_to(
    fixture: str, response: str, topic: str
) -> None:
    text, responses, _, slots = follow_up(fixture)
    assert responses == [response] and text == ""
    assert slots == {"focus_topic": topic}


@pytest.mark.parametrize(
    "fixture, says, not_says",
    [
        ("follow_up_corrected_year_after_upgrade", "created in 2016, after", "Legacy"),
        ("follow_up_year_before_the_cutoff", "created in 2006, before", "already upgraded"),
    ],
)
def test_the_year_of_an_account_says_whether_it_needs_upgrading(
    fixture: str, says: str, not_says: str
) -> None:
    text, _, _, _ = follow_up(fixture)
    assert says in text and not_says not in text
    assert render("{dates.pacer_legacy_cutoff}") in text


def test_a_year_after_another_topic_is_not_a_pacer_account_year() -> None:
    """ "The case is from 1994" after old case files: that topic again, not PACER."""
    text, responses, _, _ = follow_up("follow_up_year_after_old_case_files")
    assert responses == ["utter_old_case_files"] and "PACER" not in text


def test_a_follow_up_with_nothing_in_focus_is_asked_about_never_declined() -> None:
    text, responses, buttons, slots = follow_up("follow_up_with_nothing_in_focus")
    assert text == SETTINGS["ask_subject"] and responses == [] and slots == {}
    assert [b["payload"] for b in buttons] == [f"/{i}" for i in SETTINGS["subject_buttons"]]


def test_a_bare_detail_with_nothing_in_focus_is_about_the_clerks_offices() -> None:
    text, _, _, _ = follow_up("follow_up_bare_detail_with_nothing_in_focus")
    assert CR_STREET in text and SC_STREET in text


def test_an_off_topic_message_with_nothing_in_focus_is_declined() -> None:
    """ "what time is it in Paris" points back at nothing: the classifier's decline stands."""
    _, responses, _, _ = follow_up("follow_up_off_topic_with_nothing_in_focus")
    assert responses == ["utter_out_of_scope"]


def test_a_correction_after_did_you_mean_picks_among_the_topics_offered() -> None:
    """Nothing answered yet, two topics offered: "no, my pacer password, not the ecf one"."""
    _, responses, _, slots = follow_up("follow_up_correction_after_did_you_mean")
    assert responses == ["utter_pacer_forgot_password"]
    assert slots == {"focus_topic": "pacer_forgot_password"}


def test_a_detail_after_did_you_mean_asks_it_of_the_topics_offered() -> None:
    text, _, _, _ = follow_up("follow_up_weekend_after_did_you_mean")
    assert "On Sunday, December 6 the offices are closed" in text


def test_this_courts_office_after_a_southern_town_gets_that_court_again() -> None:
    text, _, _, slots = follow_up("follow_up_this_courts_office_after_southern_district")
    assert (
        render("{southern_district.name}") in text and render("{southern_district.phone}") in text
    )
    assert SC_STREET not in text and slots == {}


def test_an_office_named_after_a_procedure_gets_the_procedure_again() -> None:
    """ "could I do that at the Sioux City office" after paying: the payment answer, which
    says what each office takes, not the Sioux City office's address."""
    _, responses, _, _ = follow_up("follow_up_office_named_after_a_procedure")
    assert responses == ["utter_filing_fee_payment"]


def test_one_question_about_both_systems_gets_both_answers_in_the_order_named() -> None:
    _, responses, _, slots = follow_up("follow_up_both_systems_in_one_question")
    assert responses == ["utter_cmecf_lost_password", "utter_pacer_forgot_password"]
    assert slots == {"focus_topic": "pacer_forgot_password"}


def test_both_systems_count_only_for_a_question_asked_of_each() -> None:
    """Linking names both systems, but it is one question about the two together."""
    assert focus.both_asked("cmecf_pacer_link", "how do I link my CM/ECF login to PACER") == ()
    assert focus.both_asked("payment_info_saving", "my card for filing fees in pacer") == ()
    assert focus.both_asked("pacer_forgot_password", "forgot my pacer and ecf passwords") == (
        "pacer_forgot_password",
        "cmecf_lost_password",
    )


def test_a_correction_naming_another_topic_gets_that_topic_not_the_one_in_focus() -> None:
    _, responses, _, _ = follow_up("follow_up_correction_naming_another_topic")
    assert responses == ["utter_pacer_admin_account"]


def test_a_correction_never_gets_the_corrected_answer_again() -> None:
    """The classifier's next topic, however unsure, rather than the answer just refused."""
    _, responses, _, _ = follow_up("follow_up_correction_with_an_unsure_guess")
    assert responses == ["utter_pacer_admin_account"]


# A conversation in Spanish: the same follow-ups, with or without accents and "¿", answered
# in Spanish.
@pytest.mark.parametrize(
    "message",
    [
        "¿y su teléfono?",
        "y su telefono",
        "¿Cuál es la dirección de esa oficina?",
        "cual es la direccion de esa oficina",
        "¿y los sábados?",
        "y los sabados?",
        "¿es hora del centro?",
        "es hora del centro",
        "¿y la otra oficina?",
        "y la otra",
        "¿y la de Sioux City?",
        "y la de sioux city",
        "¿cómo hago eso?",
        "como lo hago",
        "¿y después qué?",
        "y despues que",
        "¿y mi asistente legal?",
        "y mi asistente legal",
        "no, quise decir PACER",
        "No, quise decir la de pacer",
        "perdón, Sioux City, no Cedar Rapids",
        "perdon sioux city no cedar rapids",
        "¿y en Navidad?",
        "¿y por la noche?",
        "no tengo abogado, solo yo",
        "la abrí en 2011",
    ],
)
def test_spanish_a_message_leaning_on_the_last_answer_is_a_follow_up(message: str) -> None:
    assert focus.is_follow_up(message)


@pytest.mark.parametrize(
    "message",
    [
        "¿Cuál es el teléfono de la oficina del secretario?",
        "¿Cómo restablezco mi contraseña de PACER?",
        "¿Qué es NextGen?",
        "gracias",
        "hola",
        "¿Están abiertos hoy?",
        "¿Qué oficina atiende el condado de Linn?",
        "Quiero presentar mi caso sin abogado",
        "tengo otra pregunta sobre mi cuenta de PACER",
        "¿Cuánto cuesta presentar un caso de quiebra?",
    ],
)
def test_spanish_a_question_of_its_own_is_not_a_follow_up(message: str) -> None:
    assert not focus.is_follow_up(message)


@pytest.mark.parametrize(
    "message, asked",
    [
        ("¿y su teléfono?", {"details": ("phone",)}),
        ("¿es hora del centro?", {"details": ("time_zone",)}),
        ("¿y los domingos?", {"details": ("weekends",)}),
        ("¿tienen correo electrónico?", {"details": ("email",)}),
        ("¿y la otra oficina?", {"other_office": True}),
        ("perdón, Sioux City, no Cedar Rapids", {"office": "sioux_city"}),
        ("no, quise decir PACER", {"system": "pacer"}),
        ("¿cómo hago eso?", {"steps": True}),
        ("¿y después qué?", {"next_step": True}),
        ("¿y mi asistente legal?", {"other_filer": True}),
    ],
)
def test_spanish_what_a_follow_up_asks(message: str, asked: Dict[str, Any]) -> None:
    read = focus.read(message)
    assert {key: getattr(read, key) for key in asked} == asked


def test_spanish_their_address_after_routing_is_that_offices_address_only_in_spanish() -> None:
    text, _, _, _ = follow_up("spanish_follow_up_address_after_sioux_city_routing")
    assert text == render(
        "Dirección de la {offices.sioux_city.name}: {offices.sioux_city.street}, "
        "{offices.sioux_city.city_line}. Traiga una identificación con foto para entrar al "
        "edificio.",
        "es",
    )
    assert CR_STREET not in text and SC_PHONE not in text


def test_spanish_the_other_office_switches_the_focus() -> None:
    text, _, _, slots = follow_up("spanish_follow_up_other_office_after_cedar_rapids_routing")
    assert text.startswith(render("La {offices.sioux_city.name} está en", "es"))
    assert SC_PHONE in text and CR_PHONE not in text
    assert slots == {"focus_office": "sioux_city"}


def test_spanish_an_email_the_facts_do_not_have_is_said_so_in_spanish() -> None:
    text, _, _, _ = follow_up("spanish_follow_up_email_of_the_clerk_office")
    first, contact = text.split("\n")
    assert first == (
        "No tengo una dirección de correo electrónico para la oficina del secretario en Sioux City."
    )
    assert CR_PHONE in contact and SC_PHONE in contact and "@" not in text


def test_spanish_a_day_asked_after_the_hours_gets_that_day_in_spanish() -> None:
    text, _, _, _ = follow_up("spanish_follow_up_weekend_after_hours")
    assert text.startswith(hours_sentence("es"))
    assert "El domingo, 6 de diciembre las oficinas están cerradas" in text


def test_spanish_a_follow_up_with_nothing_in_focus_is_asked_about_in_spanish() -> None:
    text, responses, buttons, _ = follow_up("spanish_follow_up_with_nothing_in_focus")
    assert text == "¿A qué oficina o servicio se refiere?" and responses == []
    assert [b["title"] for b in buttons] == [titles("es")[i] for i in SETTINGS["subject_buttons"]]


def test_spanish_a_correction_to_the_other_system_gets_its_answer() -> None:
    _, responses, _, slots = follow_up("spanish_follow_up_correction_to_pacer")
    assert responses == ["utter_pacer_forgot_password"]
    assert slots == {"focus_topic": "pacer_forgot_password"}


def test_spanish_the_year_of_an_account_is_answered_in_spanish() -> None:
    text, _, _, _ = follow_up("spanish_follow_up_year_after_upgrade")
    assert text.startswith("Una cuenta de PACER creada en 2011, antes del ")
    assert render("{dates.pacer_legacy_cutoff}", "es") in text


def test_spanish_the_southern_districts_phone_in_spanish() -> None:
    text, _, _, _ = follow_up("spanish_follow_up_phone_of_the_southern_district")
    assert text == render(
        "El {southern_district.name}, en {southern_district.city}: teléfono "
        "{southern_district.phone}.",
        "es",
    )


@pytest.mark.parametrize(
    "text, classified_as, place, answered_as",
    [
        ("¿me puede dar su número?", "clerk_office_contact", None, "follow_up"),
        ("¿y la otra oficina?", "nlu_fallback", None, "follow_up"),
        ("no, quise decir pacer", "cmecf_lost_password", None, "follow_up"),
        ("perdón, el condado de Clayton, no Clay", "out_of_scope", "Clayton", "inform_place"),
        ("¿y el teléfono de la oficina de impuestos?", "out_of_scope", None, "out_of_scope"),
        (
            "¿Cómo vinculo mi cuenta de CM/ECF a PACER?",
            "cmecf_pacer_link",
            None,
            "cmecf_pacer_link",
        ),
    ],
)
def test_spanish_the_nlu_makes_a_follow_up_follow_up(
    text: str, classified_as: str, place: str | None, answered_as: str
) -> None:
    """nlu_components/focus.py on Spanish messages as the classifier left them."""
    entities = []
    if place:
        start = text.index(place)
        entities = [{"entity": "county", "value": place, "start": start, "end": start + len(place)}]
    message = Message(
        data={
            "text": text,
            "intent": {"name": classified_as, "confidence": 0.6},
            "intent_ranking": [{"name": classified_as, "confidence": 0.6}],
            "entities": entities,
        }
    )
    [processed] = FollowUpClassifier({}).process([message])
    assert processed.get("intent")["name"] == answered_as
