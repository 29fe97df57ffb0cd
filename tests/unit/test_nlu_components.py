"""Unit tests of the custom NLU components in nlu_components/."""

from pathlib import Path
from types import SimpleNamespace
from typing import Any, Iterable, List, Tuple

import numpy as np
import pytest
import scipy.sparse
import yaml
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from generate.nlu_files import examples_by_intent
from nlu_components.focus import FollowUpClassifier
from nlu_components.intent_classifier import IntentLogisticRegression
from nlu_components.language import LanguageMarker
from nlu_components.login_system import LoginSystemClassifier
from nlu_components.near_miss import NearMissClassifier
from nlu_components.places import PlaceFallbackExtractor, PlaceQuestionClassifier
from nlu_components.tail_tokenizer import last_question
from support import PROJECT_ROOT, TESTS_DIR
from understanding.language import asked_for, written_in


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


# The rule components after the classifier, on messages as it and the gazetteer leave them.


def parsed(
    text: str, intent: str, entities: Iterable[Tuple[str, str, str]] = (), **extra: Any
) -> Message:
    """A message as the classifier left it: its intent, and (label, value, as written) places."""
    found = []
    for label, value, written in entities:
        start = text.lower().index(written.lower())
        found.append({"entity": label, "value": value, "start": start, "end": start + len(written)})
    ranking = extra.pop("ranking", [{"name": intent, "confidence": 0.6}])
    data = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.6},
        "intent_ranking": ranking,
        "entities": found,
        **extra,
    }
    return Message(data=data)


def run(component: type, message: Message) -> Message:
    [processed] = component({}).process([message])
    return processed


@pytest.mark.parametrize(
    "text, diet_intent, places, routed_as",
    [
        (
            "I'm in Waterloo, who do I call?",
            "human_handoff",
            [("city", "Waterloo", "Waterloo")],
            "which_office",
        ),
        (
            "Waterloo, what office do i contact",
            "out_of_scope",
            [("city", "Waterloo", "Waterloo")],
            "which_office",
        ),
        (
            "I live in Osceola County, which clerk's office should I contact?",
            "out_of_scope",
            [("county", "Osceola", "Osceola County")],
            "which_office",
        ),
        (
            "does the Sioux City office cover Spencer?",
            "clerk_office_contact",
            [("city", "Sioux City", "Sioux City"), ("city", "Spencer", "Spencer")],
            "which_office",
        ),
        (
            "we're in spencer, whos closer to us",
            "nlu_fallback",
            [("city", "Spencer", "spencer")],
            "which_office",
        ),
        ("Kossuth Co.", "out_of_scope", [("county", "Kossuth", "Kossuth Co.")], "inform_place"),
        ("linn county here", "nlu_fallback", [("county", "Linn", "linn county")], "inform_place"),
        (
            "Sioux City, what office do i contact",
            "clerk_office_contact",
            [("city", "Sioux City", "Sioux City")],
            "which_office",
        ),
        (
            "im in iowa city who do i talk to about bankruptcy",
            "legal_advice",
            [("city", "Iowa City", "iowa city")],
            "which_office",
        ),
        (
            "i live in des moines can i file with you guys",
            "nlu_fallback",
            [("city", "Des Moines", "des moines")],
            "which_office",
        ),
        (
            "live in black hawk cnty what number do i call",
            "nlu_fallback",
            [("county", "Black Hawk", "black hawk cnty")],
            "which_office",
        ),
        (
            "is this the same court as the one in davenport",
            "nlu_fallback",
            [("city", "Davenport", "davenport")],
            "which_office",
        ),
        (
            "im in ottumwa, can your court take my case",
            "out_of_scope",
            [("city", "Ottumwa", "ottumwa")],
            "which_office",
        ),
    ],
)
def test_a_place_with_an_office_question_is_routed_whatever_diet_said(
    text: str, diet_intent: str, places: list, routed_as: str
) -> None:
    message = run(PlaceQuestionClassifier, parsed(text, diet_intent, places))
    assert message.get("intent")["name"] == routed_as
    assert message.get("overruled_by")


@pytest.mark.parametrize(
    "text, diet_intent, places",
    [
        (
            "can you recommend a bankruptcy lawyer in waterloo who handles chapter 7",
            "legal_advice",
            [("city", "Waterloo", "waterloo")],
        ),
        (
            "how do i file for divorce in linn county",
            "out_of_scope",
            [("county", "Linn", "linn county")],
        ),
        ("weather in sioux city tomorrow?", "out_of_scope", [("city", "Sioux City", "sioux city")]),
        (
            "what number do i call for the irs in sioux city",
            "out_of_scope",
            [("city", "Sioux City", "sioux city")],
        ),
        ("sioux city office phone", "clerk_office_contact", [("city", "Sioux City", "sioux city")]),
        (
            "whats my case number, i filed in cedar rapids",
            "case_info_by_phone",
            [("city", "Cedar Rapids", "cedar rapids")],
        ),
        (
            "how do i e-file here? I'm in waterloo",
            "efile_registration_attorney",
            [("city", "Waterloo", "waterloo")],
        ),
        (
            "how long does it take my bankruptcy to finish in des moines",
            "legal_advice",
            [("city", "Des Moines", "des moines")],
        ),
        (
            "is there a different number for the sioux city office than cedar rapids?",
            "nlu_fallback",
            [("city", "Sioux City", "sioux city"), ("city", "Cedar Rapids", "cedar rapids")],
        ),
    ],
)
def test_other_questions_naming_a_place_keep_their_intent(
    text: str, diet_intent: str, places: list
) -> None:
    message = run(PlaceQuestionClassifier, parsed(text, diet_intent, places))
    assert message.get("intent")["name"] == diet_intent


def ranked(*pairs: Tuple[str, float]) -> List[dict]:
    return [{"name": "nlu_fallback", "confidence": 0.5}] + [
        {"name": name, "confidence": confidence} for name, confidence in pairs
    ]


def test_diet_hesitating_between_the_routing_intents_is_routed() -> None:
    text = "our firm is out in spencer, you guys or the other one"
    ranking = ranked(("inform_place", 0.4), ("which_office", 0.3), ("greet", 0.1))
    message = parsed(text, "nlu_fallback", [("city", "Spencer", "spencer")], ranking=ranking)
    assert run(PlaceQuestionClassifier, message).get("intent")["name"] == "which_office"


def test_a_place_in_the_background_of_another_topic_is_not_routed() -> None:
    text = (
        "I run the office of a small firm in Mason City. Two of our lawyers opened PACER in "
        "2010. Which of them has to upgrade?"
    )
    ranking = ranked(("inform_place", 0.33), ("pacer_upgrade", 0.28), ("legal_advice", 0.1))
    message = parsed(text, "nlu_fallback", [("city", "Mason City", "Mason City")], ranking=ranking)
    processed = run(PlaceQuestionClassifier, message)
    assert processed.get("intent")["name"] == "nlu_fallback"
    assert not processed.get("overruled_by")


@pytest.mark.parametrize(
    "text, written, entity, value",
    [
        ("Carroll", "Carroll", "city", "Carroll"),
        ("story", "story", "county", "Story"),
        ("Buchannan county who do i call", "Buchannan county", "county", "Buchanan"),
        ("dubuqee", "dubuqee", "city", "Dubuque"),
        ("emmetsburgh", "emmetsburgh", "city", "Emmetsburg"),
        ("Siuox City, which office", "Siuox City", "city", "Sioux City"),
        ("I'm in Independence, who do I call?", "Independence", "city", "Independence"),
    ],
)
def test_places_the_gazetteer_misses_are_found(
    text: str, written: str, entity: str, value: str
) -> None:
    [found] = run(PlaceFallbackExtractor, parsed(text, "nlu_fallback")).get("entities")
    assert (found["entity"], found["value"]) == (entity, value)
    assert text[found["start"] : found["end"]] == written


@pytest.mark.parametrize(
    "text",
    [
        "hi",
        "how do i upgarde my pacer acount",
        "clerks office hours",
        "i need help with my case",
        "forgot my pasword",
        "where do I pay the filing fee",
    ],
)
def test_ordinary_messages_name_no_place(text: str) -> None:
    assert run(PlaceFallbackExtractor, parsed(text, "nlu_fallback")).get("entities") == []


def languages_marked(message) -> list:
    return [e["value"] for e in message.get("entities") or [] if e["entity"] == "language"]


@pytest.mark.parametrize(
    "text",
    [
        "où est le bureau du greffier",
        "wo ist das Gericht und wann ist es offen",
        "onde posso pagar a taxa do processo",
    ],
)
def test_a_message_in_a_third_language_becomes_a_fallback(text: str) -> None:
    message = run(LanguageMarker, parsed(text, "inform_place"))
    assert message.get("intent")["name"] == "nlu_fallback"
    assert message.get("language") == "other"


@pytest.mark.parametrize(
    "text, language",
    [
        ("¿Dónde está la oficina?", "es"),
        ("necesito ayuda con mi caso de quiebra", "es"),
        ("se me olvidó la clave de mi cuenta", "es"),
        ("How do I link my CM/ECF account to PACER?", "en"),
    ],
)
def test_a_message_in_english_or_spanish_keeps_its_intent_and_marks_its_language(
    text: str, language: str
) -> None:
    message = run(LanguageMarker, parsed(text, "pacer_password_reset"))
    assert message.get("intent")["name"] == "pacer_password_reset"
    assert languages_marked(message) == [language]


@pytest.mark.parametrize("text", ["ok", "gracias", "Linn", "mi password de PACER", "thanks!"])
def test_a_short_or_mixed_message_marks_no_language(text: str) -> None:
    assert languages_marked(run(LanguageMarker, parsed(text, "thank"))) == []


@pytest.mark.parametrize(
    "text, language", [("en español por favor", "es"), ("in English please", "en")]
)
def test_asking_for_a_language_chooses_it(text: str, language: str) -> None:
    message = run(LanguageMarker, parsed(text, "nlu_fallback"))
    assert message.get("intent")["name"] == "choose_language"
    assert languages_marked(message) == [language]


def test_no_english_training_or_hold_out_example_is_taken_for_another_language() -> None:
    files = [*(PROJECT_ROOT / "data" / "nlu").glob("*.yml"), TESTS_DIR / "nlu_holdout.yml"]
    foreign = [
        text
        for path in files
        for texts in examples_by_intent(path).values()
        for text in texts
        if written_in(text) in ("es", "other")
    ]
    assert foreign == []


@pytest.mark.parametrize(
    "text, asks",
    [
        ("forgot my password", True),
        ("i'm locked out", True),
        ("reset my password pls", True),
        ("forgot my pacer password", False),
        ("lost my ecf password", False),
        ("can't get into the e-filing system, forgot my password", False),
    ],
)
def test_a_login_question_naming_no_system_is_asked_about(text: str, asks: bool) -> None:
    ranking = [
        {"name": "cmecf_lost_password", "confidence": 0.7},
        {"name": "greet", "confidence": 0.1},
        {"name": "pacer_forgot_password", "confidence": 0.05},
    ]
    message = run(LoginSystemClassifier, parsed(text, "cmecf_lost_password", ranking=ranking))
    assert (message.get("intent")["name"] == "nlu_fallback") == asks
    if asks:
        names = [ranked["name"] for ranked in message.get("intent_ranking")]
        assert names[:2] == ["cmecf_lost_password", "pacer_forgot_password"]


@pytest.mark.parametrize(
    "text, classified_as, answered_as",
    [
        ("forgot ecf login (not pacer!!)", "pacer_forgot_password", "cmecf_lost_password"),
        ("forgot my password, not the pacer one", "pacer_forgot_password", "cmecf_lost_password"),
        ("i lost my pacer password", "cmecf_lost_password", "pacer_forgot_password"),
        ("it's my pacer password, not ecf", "cmecf_lost_password", "pacer_forgot_password"),
        ("forgot my pacer password and my ecf one", "cmecf_lost_password", "cmecf_lost_password"),
        ("forgot my pacer password", "pacer_forgot_password", "pacer_forgot_password"),
        # "can not e-file" is a symptom, not a denial of e-filing.
        ("i can not e-file, forgot my password", "cmecf_lost_password", "cmecf_lost_password"),
    ],
)
def test_a_login_question_gets_the_topic_of_the_system_it_names(
    text: str, classified_as: str, answered_as: str
) -> None:
    """The system named decides between the two login topics; a denied one ("not pacer") is not
    named; a message naming both is left to the classifier."""
    message = run(LoginSystemClassifier, parsed(text, classified_as))
    assert message.get("intent")["name"] == answered_as


@pytest.mark.parametrize(
    "text, classified_as, places, answered_as",
    [
        ("could you tell me their number", "clerk_office_contact", [], "follow_up"),
        ("and the other office?", "nlu_fallback", [], "follow_up"),
        ("no, I meant pacer not ecf", "cmecf_lost_password", [], "follow_up"),
        ("forgot my pacer password and my ecf one", "cmecf_lost_password", [], "follow_up"),
        # A place corrected goes to routing; a refusal and a decline about elsewhere stand.
        (
            "sorry, Clayton County, not Clay",
            "out_of_scope",
            [("county", "Clayton", "Clayton County")],
            "inform_place",
        ),
        ("what about their legal advice on my car", "legal_advice", [], "legal_advice"),
        ("and what's the IRS phone number", "out_of_scope", [], "out_of_scope"),
        # Questions of their own keep the classifier's intent.
        (
            "what is the clerk's office phone number",
            "clerk_office_contact",
            [],
            "clerk_office_contact",
        ),
        ("how do I link my CM/ECF login to PACER", "cmecf_pacer_link", [], "cmecf_pacer_link"),
    ],
)
def test_a_follow_up_becomes_follow_up_whatever_the_classifier_guessed(
    text: str, classified_as: str, places: List[Tuple[str, str, str]], answered_as: str
) -> None:
    message = run(FollowUpClassifier, parsed(text, classified_as, places))
    assert message.get("intent")["name"] == answered_as


def test_the_intent_classifier_takes_its_regularisation_from_config_yml(tmp_path: Path) -> None:
    """config.yml's `C` reaches scikit-learn: Rasa's own classifier would keep 1.0."""
    [settings] = [
        component
        for component in yaml.safe_load((PROJECT_ROOT / "config.yml").read_text())["pipeline"]
        if component["name"].endswith("IntentLogisticRegression")
    ]
    classifier = IntentLogisticRegression(
        settings, "intent_classifier", LocalModelStorage(tmp_path), Resource("intent_classifier")
    )
    assert settings["C"] != 1.0 and settings["C"] == classifier.clf.C


@pytest.mark.parametrize(
    "text, guessed",
    [
        ("What is the IRS phone number for a tax refund question?", "clerk_office_contact"),
        ("Where do I pay child support in state court?", "filing_fee_payment"),
        ("when is my traffic ticket hearing date", "nextgen_deadlines"),
        ("what time does the county recorder close", "clerk_office_contact"),
        ("what time does the public library close", "clerk_office_open_now"),
        ("hours of the social security office in sioux city?", "which_office"),
        ("walmart hours in cedar rapids", "inform_place"),
    ],
)
def test_a_topic_guessed_for_another_institution_is_declined(text: str, guessed: str) -> None:
    message = run(NearMissClassifier, parsed(text, guessed))
    assert message.get("intent")["name"] == "out_of_scope"
    assert message.get("overruled_by")


@pytest.mark.parametrize(
    "text, intent",
    [
        # Creditors of this court: a bank or credit union is not a near miss on its own.
        ("our credit union needs its own logins now?", "cmecf_own_account"),
        ("how do i store my card for the filing fees", "payment_info_saving"),
        # Hospitals are creditors; papers go by post.
        ("the hospital keeps calling about what i owe, who do i call", "human_handoff"),
        ("can i mail my papers from the post office", "clerk_office_contact"),
        # An e-filing word keeps the topic; legal questions keep theirs.
        ("do I use PACER to look up my divorce case?", "pacer_own_account"),
        ("will bankruptcy stop the garnishment for child support", "legal_advice"),
    ],
)
def test_a_topic_of_this_court_is_kept(text: str, intent: str) -> None:
    message = run(NearMissClassifier, parsed(text, intent))
    assert message.get("intent")["name"] == intent and not message.get("overruled_by")


def message_with_features(text: str) -> Message:
    """A message as the featurizers leave it: one sentence-level count, whatever the text."""
    message = Message(data={"text": text})
    counts = scipy.sparse.coo_matrix(np.ones((1, 1)))
    message.add_features(Features(counts, FEATURE_TYPE_SENTENCE, TEXT, "CountVectorsFeaturizer"))
    return message


@pytest.mark.parametrize(
    "message",
    [Message(data={"text": "  "}), message_with_features("!!!"), message_with_features(":) ?")],
    ids=["empty, no features", "punctuation with features", "emoticon with features"],
)
def test_a_message_without_words_gets_no_intent_and_no_error(
    tmp_path: Path, message: Message
) -> None:
    """An empty message has no features, on which Rasa's own classifier fails; one of
    punctuation only has character n-grams, which say nothing. Both must come out without an
    intent (the unfitted classifier would raise if asked), for the FallbackClassifier and the
    help menu."""
    classifier = IntentLogisticRegression(
        {}, "intent_classifier", LocalModelStorage(tmp_path), Resource("intent_classifier")
    )
    [processed] = classifier.process([message])
    assert processed.get("intent") == {"name": None, "confidence": 0.0}
    assert processed.get("intent_ranking") == []


def featured(text: str, vector: List[float], intent: str = "", language: str = "") -> Message:
    """A message with one sentence-level feature vector, as the featurizers would leave it;
    a training example when it has an intent, Spanish when its block says so."""
    data: dict = {"text": text}
    if intent:
        data["intent"] = intent
    if language:
        data["metadata"] = {"intent": {"language": language}}
    message = Message(data=data)
    counts = scipy.sparse.coo_matrix(np.array([vector]))
    message.add_features(Features(counts, FEATURE_TYPE_SENTENCE, TEXT, "CountVectorsFeaturizer"))
    return message


@pytest.fixture()
def two_language_classifier(tmp_path: Path) -> IntentLogisticRegression:
    """Trained on English examples of two intents and Spanish ones of two others, which share
    a feature with the English `office_hours`; then persisted and loaded again."""
    examples = [
        featured("what are your hours", [1, 0, 0], "office_hours"),
        featured("when do you open", [1, 0, 0], "office_hours"),
        featured("hello there", [0, 1, 0], "greet"),
        featured("good morning", [0, 1, 0], "greet"),
        featured("¿a qué hora abren?", [1, 0, 1], "horario_es", "es"),
        featured("¿cuál es su horario?", [1, 0, 1], "horario_es", "es"),
        featured("hola, buenos días", [0, 1, 0], "saludo_es", "es"),
        featured("buenas tardes", [0, 1, 0], "saludo_es", "es"),
    ]
    storage, resource = LocalModelStorage(tmp_path), Resource("intent_classifier")
    trained = IntentLogisticRegression({}, "intent_classifier", storage, resource)
    trained.train(TrainingData(examples))
    context = SimpleNamespace(node_name="intent_classifier")
    return IntentLogisticRegression.load({}, storage, resource, context)


def test_each_language_is_ranked_by_its_own_examples(
    two_language_classifier: IntentLogisticRegression,
) -> None:
    """A message written in English never gets an intent only Spanish examples taught, though
    its features are the Spanish ones; a Spanish one never an English-only intent."""
    [english] = two_language_classifier.process(
        [featured("could you tell me the hours of the office please", [1, 0, 1])]
    )
    [spanish] = two_language_classifier.process(
        [featured("¿me puede decir el horario de la oficina, por favor?", [1, 0, 1])]
    )
    assert {r["name"] for r in english.get("intent_ranking")} == {"office_hours", "greet"}
    assert english.get("intent")["name"] == "office_hours"
    assert {r["name"] for r in spanish.get("intent_ranking")} == {"horario_es", "saludo_es"}
    assert spanish.get("intent")["name"] == "horario_es"


def test_a_message_of_no_clear_language_gets_the_surer_ranking(
    two_language_classifier: IntentLogisticRegression,
) -> None:
    [short] = two_language_classifier.process([featured("ok", [0, 0, 1])])
    assert short.get("intent")["name"] == "horario_es"


def test_a_training_block_in_an_unknown_language_is_refused(tmp_path: Path) -> None:
    classifier = IntentLogisticRegression(
        {}, "intent_classifier", LocalModelStorage(tmp_path), Resource("intent_classifier")
    )
    with pytest.raises(ValueError, match="fr"):
        classifier.train(TrainingData([featured("bonjour", [0, 1, 0], "greet", "fr")]))


def test_every_taught_language_choice_asks_for_a_language() -> None:
    """LanguageMarker takes a choose_language guess only when the message asks for a language
    (understanding/language.yml `asks_for`): its examples must, and the questions about
    languages beside them must not."""
    path = PROJECT_ROOT / "data" / "nlu" / "es" / "language.yml"
    taught = examples_by_intent(path)
    assert [e for e in taught["choose_language"] if not asked_for(e)] == []
    assert [e for e in taught["out_of_scope"] if asked_for(e)] == []


@pytest.mark.parametrize(
    "text", ["who teaches english near me", "do they speak english in australia"]
)
def test_a_question_about_a_language_is_no_choice_of_one(text: str) -> None:
    message = run(LanguageMarker, parsed(text, "choose_language"))
    assert message.get("intent")["name"] == "out_of_scope"


@pytest.mark.parametrize(
    "text, language",
    [
        ("en español por favor", "es"),
        ("prefiero español", "es"),
        ("switch back to English", "en"),
        ("how do I say hello in Spanish", None),
        ("¿cómo se dice trustee en inglés?", None),
        ("what does síndico mean in English", None),
    ],
)
def test_a_request_for_a_language_is_not_a_question_about_its_words(
    text: str, language: str | None
) -> None:
    assert asked_for(text) == language


@pytest.mark.parametrize(
    "text, written",
    [
        ("im in des moines county, burlington area. which court", "des moines county"),
        ("we are in La Porte City, who do we call", "La Porte City"),
    ],
)
def test_a_place_name_is_no_sign_of_another_language(text: str, written: str) -> None:
    """ "Des" and "La" in a place's name are not French or Spanish words: the message stays
    English and is answered, not given the notice for a third language."""
    message = run(LanguageMarker, parsed(text, "which_office", [("county", written, written)]))
    assert message.get("intent")["name"] == "which_office"
    assert message.get("language") != "other"
