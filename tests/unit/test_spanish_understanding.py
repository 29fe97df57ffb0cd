"""Spanish messages go through the same rules after the classifier as English ones.

Each message was written for this test, in the words of Spanish-speaking visitors (accents
and "¿" often left out): a place with "¿qué oficina?", "vivo en" or "condado de" is routed
to its office (nlu_components/places.py); a lost password names its system, or is asked
about (nlu_components/login_system.py). The line between information and advice in Spanish
is tested in test_legal_line.py.
"""

from typing import Iterable, Tuple

import pytest
from rasa.shared.nlu.training_data.message import Message

from nlu_components.login_system import LoginSystemClassifier, systems_named
from nlu_components.places import (
    PlaceFallbackExtractor,
    PlaceQuestionClassifier,
    asks_for_an_office,
    spanish_county,
)
from understanding.focus import is_follow_up

CMECF, PACER = "cmecf_lost_password", "pacer_forgot_password"


def parsed(text: str, intent: str, places: Iterable[Tuple[str, str, str]] = ()) -> Message:
    """A message as the classifier left it, with (label, value, as written) places."""
    entities = []
    for label, value, written in places:
        start = text.lower().index(written.lower())
        entities.append(
            {"entity": label, "value": value, "start": start, "end": start + len(written)}
        )
    return Message(
        data={
            "text": text,
            "intent": {"name": intent, "confidence": 0.6},
            "intent_ranking": [{"name": intent, "confidence": 0.6}],
            "entities": entities,
        }
    )


def intent_after(component: type, message: Message) -> str:
    [processed] = component({}).process([message])
    return processed.get("intent")["name"]


@pytest.mark.parametrize(
    "text",
    [
        "¿qué oficina le toca a alguien de Spencer?",
        "vivo en Waverly, cual es mi oficina",
        "estoy en Decorah, ¿a quién le llamo?",
        "soy de Cherokee, ¿dónde entrego mis papeles?",
        "¿cuál queda más cerca de Algona?",
        "vivo en Orange City, ¿me corresponde Sioux City?",
        "hola estoy en mason city cual es el telefono de la corte",
        "¿la oficina de Cedar Rapids atiende el condado de Tama?",
        "mi cliente vive en Estherville, ¿con quién hablamos?",
    ],
)
def test_a_spanish_office_question_is_a_routing_question(text: str) -> None:
    assert asks_for_an_office(text)


@pytest.mark.parametrize(
    "text",
    [
        "vivo en Sioux City, ¿cuál es el horario?",
        "¿puedo pagar la cuota en la oficina de Sioux City?",
        "¿Va a llover en Ames el sábado?",
        "recomiéndeme un abogado en Dubuque",
    ],
)
def test_other_spanish_questions_naming_a_place_ask_for_no_office(text: str) -> None:
    assert not asks_for_an_office(text)


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("vivo en Spencer, ¿qué oficina es la mía?", [("city", "Spencer", "Spencer")]),
        ("estoy en el condado de Kossuth, a cual llamo", [("county", "Kossuth", "Kossuth")]),
        (
            "hola, vivo en Webster City, ¿cuál es el teléfono de la corte?",
            [("city", "Webster City", "Webster City")],
        ),
    ],
)
def test_a_spanish_office_question_naming_a_place_is_routed(text: str, places: list) -> None:
    assert intent_after(PlaceQuestionClassifier, parsed(text, "clerk_office_contact", places)) == (
        "which_office"
    )


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("vivo en el condado de Lyon", "Lyon"),
        ("estoy cerca de Spirit Lake", "Spirit Lake"),
        ("soy de Le Mars, Iowa", "Le Mars"),
        ("aquí en Charles City", "Charles City"),
        ("la deudora vive en Cresco", "Cresco"),
    ],
)
def test_a_spanish_message_that_only_says_where_is_a_place(text: str, written: str) -> None:
    message = parsed(text, "greet", [("city", written, written)])
    assert intent_after(PlaceQuestionClassifier, message) == "inform_place"


@pytest.mark.parametrize(
    ("text", "county"),
    [
        ("vivo en Hampton, condado de Franklin", "franklin county"),
        ("en el condado de Clay", "clay county"),
        ("condado del Palo Alto, que oficina", "palo alto county"),
        ("somos del condado de Story.", "story county"),
    ],
)
def test_condado_de_names_a_county_even_an_ordinary_word(text: str, county: str) -> None:
    assert spanish_county(text)[0] == county


def test_a_county_after_condado_de_is_found_when_the_gazetteer_missed_it() -> None:
    message = parsed("vivo en Hampton, condado de Franklin. ¿Qué oficina me toca?", "which_office")
    [found] = PlaceFallbackExtractor({}).process([message])[0].get("entities")
    assert (found["entity"], found["value"]) == ("county", "Franklin")


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("olvidé la contraseña de pacer", [PACER]),
        ("no me acuerdo de mi usuario de CM/ECF", [CMECF]),
        ("perdí la clave del sistema de presentación electrónica", [CMECF]),
        ("la clave de ecf, no la de pacer", [CMECF]),
        ("no es la de pacer, es la de cm/ecf", [CMECF]),
        ("no puedo entrar a pacer", [PACER]),
        ("se me olvidó la contraseña", []),
    ],
)
def test_a_spanish_login_question_names_its_system(text: str, named: list) -> None:
    assert systems_named(text) == named


def test_a_spanish_lost_password_naming_no_system_is_asked_about() -> None:
    message = parsed("se me olvidó la contraseña, ¿qué hago?", PACER)
    assert intent_after(LoginSystemClassifier, message) == "nlu_fallback"


def test_a_spanish_lost_password_naming_the_other_system_gets_that_system() -> None:
    message = parsed("perdí mi usuario de ecf (no el de pacer)", PACER)
    assert intent_after(LoginSystemClassifier, message) == CMECF


@pytest.mark.parametrize(
    "text",
    [
        "no me deja entrar a pacer, ya se me olvidó la clave",
        "no puedo vincular mi cuenta de ecf",
        "no encuentro los casos viejos de mi papá",
        "¿Dónde tienen guardados los casos de hace años?",
        "¿Les puedo mandar la bancarrota por email?",
    ],
)
def test_a_spanish_question_of_its_own_is_not_a_follow_up(text: str) -> None:
    """ "No" that opens a Spanish sentence negates its verb; it corrects nothing."""
    assert not is_follow_up(text)


@pytest.mark.parametrize(
    "text",
    [
        "no, quise decir la cuota de la corte",
        "no, la de pacer",
        "¿y su teléfono?",
        "¿y la otra oficina?",
    ],
)
def test_a_spanish_follow_up_is_one(text: str) -> None:
    assert is_follow_up(text)
