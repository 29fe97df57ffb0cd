"""Conversations in Spanish through the REST channel: the answer comes in Spanish, with the
same facts as in English; the conversation keeps its language through short and mixed
messages, and changes it when the visitor asks. Written for this test in visitors' words (not
taken from any measurement set); judged by what the visitor reads.
"""

import re

from facts import fact
from serve.servers import Assistant
from support import conversation

CR_PHONE, SC_PHONE = fact("offices.cedar_rapids.phone"), fact("offices.sioux_city.phone")
CR_STREET, SC_STREET = fact("offices.cedar_rapids.street"), fact("offices.sioux_city.street")
# Words only a Spanish reply has: a reply in English carries none of them.
SPANISH = re.compile(
    r"\b(usted|oficina|tribunal|puede|cuenta|llame|secretario|quiebra|español|respondo)\b", re.I
)
ENGLISH = re.compile(r"\b(the|you|your|please|office|their|with|needs)\b", re.I)


def in_spanish(reply: str) -> bool:
    return bool(SPANISH.search(reply)) and not ENGLISH.search(reply)


def test_a_question_in_spanish_gets_the_answer_in_spanish(assistant: Assistant) -> None:
    [reply] = conversation(assistant, "se me olvidó la contraseña de mi cuenta de PACER")
    assert in_spanish(reply) and fact("pacer.website") in reply


def test_routing_by_a_town_in_a_spanish_sentence(assistant: Assistant) -> None:
    [reply] = conversation(assistant, "soy de Cherokee, ¿a qué oficina me toca llamar?")
    assert in_spanish(reply) and SC_PHONE in reply and CR_PHONE not in reply


def test_a_southern_district_town_in_spanish(assistant: Assistant) -> None:
    [reply] = conversation(assistant, "vivo en Ottumwa, ¿cuál oficina me corresponde?")
    assert in_spanish(reply) and fact("southern_district.phone") in reply
    assert "Distrito Sur" in reply and CR_STREET not in reply and SC_STREET not in reply


def test_dates_are_written_in_spanish(assistant: Assistant) -> None:
    [reply] = conversation(assistant, "¿desde qué fecha usa el tribunal el sistema NextGen?")
    assert fact("dates.nextgen_go_live", "es") in reply and "April" not in reply


def test_a_follow_up_in_spanish_asks_the_office_in_focus(assistant: Assistant) -> None:
    _, reply = conversation(
        assistant, "estoy en el condado de Plymouth, ¿qué oficina me toca?", "¿y la dirección?"
    )
    assert in_spanish(reply) and SC_STREET in reply and CR_STREET not in reply


def test_short_and_mixed_messages_keep_the_conversation_in_spanish(assistant: Assistant) -> None:
    _, thanks, mixed = conversation(
        assistant,
        "buenas tardes, ¿cuál es el horario de la oficina del secretario?",
        "ok gracias",
        "y el password de PACER?",
    )
    assert in_spanish(thanks) and in_spanish(mixed)


def test_the_visitor_can_switch_to_english_and_back(assistant: Assistant) -> None:
    spanish, switched, english, back = conversation(
        assistant,
        "¿necesito mi propia cuenta de CM/ECF para presentar documentos?",
        "in English please",
        "do I need my own account?",
        "en español por favor",
    )
    assert in_spanish(spanish)
    assert "English" in switched and ENGLISH.search(english) and not SPANISH.search(english)
    assert in_spanish(back)


def test_the_page_switch_chooses_spanish_before_any_question(assistant: Assistant) -> None:
    chosen, reply = conversation(assistant, '/choose_language{"language": "es"}', "McVCIS?")
    assert in_spanish(chosen)
    assert in_spanish(reply) and fact("case_information_by_phone.phone") in reply


def test_legal_advice_in_spanish_is_refused_in_spanish(assistant: Assistant) -> None:
    [reply] = conversation(
        assistant, "¿me conviene más declararme en quiebra o negociar con el banco?"
    )
    assert in_spanish(reply) and re.search(r"asesor[ií]a legal", reply)


def test_an_off_topic_question_in_spanish_is_declined_in_spanish(assistant: Assistant) -> None:
    [reply] = conversation(assistant, "¿a qué hora abre el supermercado el domingo?")
    assert in_spanish(reply) and CR_PHONE in reply and SC_PHONE in reply


def test_two_questions_in_one_spanish_message(assistant: Assistant) -> None:
    [reply] = conversation(
        assistant,
        "¿Cuál es el teléfono de McVCIS? ¿Y a partir de qué fecha hay que actualizar PACER?",
    )
    assert fact("case_information_by_phone.phone") in reply
    assert fact("dates.pacer_legacy_cutoff", "es") in reply


def test_a_third_language_gets_a_notice_in_both(assistant: Assistant) -> None:
    [reply] = conversation(
        assistant, "wo kann ich die Gebühren bezahlen und wann ist das Büro offen"
    )
    assert "English" in reply and "español" in reply and CR_PHONE in reply
