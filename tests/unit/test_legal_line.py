"""The line between legal information and legal advice (understanding/legal_line.py).

Each message below was written for this test, in the voices of people filing without a
lawyer, creditors and their staff, and attorneys, with its side: information (what the court
requires, where, when, how, to whom, by what means) is answered; advice (what this visitor
should do, what will happen in their case, what the law means for their debts or property,
what to write on a form) is refused. The NLU component and the unclear-question action both
draw the line with this one rule.
"""

import pytest
from rasa.shared.nlu.training_data.message import Message

from nlu_components.legal_line import LegalLineClassifier
from understanding.legal_line import ADVICE, INFORMATION, side

INFORMATION_QUESTIONS = [
    "am I allowed to represent myself in a bankruptcy case",
    "is a lawyer required to file for bankruptcy here",
    "Can my husband and I file our own chapter 7 with no attorney?",
    "what does it cost to open a chapter 13",
    "how much is the fee for a chapter 11 filing",
    "where are the court's filing fees listed",
    "is there a fee to file bankruptcy",
    "can I spread the filing fee over a few months",
    "how far apart can the installment payments be",
    "who signs off on an application to pay in installments",
    "is there a form to ask for the chapter 7 fee to be waived",
    "what counts as low enough income for the fee waiver",
    "which documents do I bring to start my case",
    "what forms make up a bankruptcy petition",
    "when do I need to take the credit counseling class",
    "does the debtor have to sign the petition even with an attorney",
    "what is the mailing address for paper filings",
    "can I drop my papers off in Sioux City",
    "do I need identification to get into the federal building",
    "can I submit my petition as an email attachment",
    "is it ok to fax a motion to the clerk",
    "what kinds of payment does the clerk take",
    "can I pay with a money order",
    "do you take personal checks for the filing fee",
    "who do I write the money order out to",
    "can I pay the fee with my debit card online",
    "is there a public computer at the courthouse to pay",
    "will the cashier give me change if I pay in cash",
    "I'm filing on my own, can I use a Visa card for the fee",
    "where do I report someone hiding assets in their bankruptcy",
    "how do I get a closed case file from the 1990s",
    "where are old bankruptcy files stored",
    "can the clerk's office fill out my forms for me",
    "what can the clerk's staff help me with",
    "how do I find out who the trustee on my case is",
    "how can I check the status of my case by phone",
    "how do I get a certified copy of my discharge order",
    "our collection agency wants to file a proof of claim without an attorney, how",
    "what are the clerk's office hours",
    "which office takes payments",
]

ADVICE_QUESTIONS = [
    "should I do chapter 7 or chapter 13",
    "which chapter should I file under",
    "should we even file or try to settle with the card companies",
    "is it better to file before or after Christmas",
    "would it be smarter to wait until my divorce is final",
    "do you recommend a good bankruptcy lawyer in Waterloo",
    "what would you do in my situation",
    "do I really need to file bankruptcy or can I get by",
    "what happens if I can't make it to my 341 hearing",
    "what happens to my tax refund when I file",
    "can I keep my truck if I file chapter 7",
    "will I lose my house in bankruptcy",
    "will we be able to keep our farm",
    "is a payday loan dischargeable",
    "will my medical bills get wiped out",
    "can my back child support be discharged",
    "does the automatic stay apply to my car repossession",
    "will filing stop the sheriff sale on Friday",
    "can the bank still repossess my car after I file",
    "will my case be dismissed if I miss a plan payment",
    "what does section 727 mean for my case",
    "can we avoid the judgment lien on her homestead",
    "which exemptions protect my retirement account",
    "as a creditor, should I object to his discharge",
    "do I have to serve the motion on all creditors",
    "who must I serve with my objection",
    "am I still liable for the car loan my ex co-signed",
    "what do I put on line 4 of schedule J",
    "how do I fill out question 9 on the statement of financial affairs",
    "what should I list as my monthly income",
    "should I sign the reaffirmation agreement the credit union sent",
    "should my mom surrender her car or keep paying",
]


# The same line in Spanish, as visitors type it: accents and "¿" often left out, English
# words mixed in ("el fee", "los schedules").
SPANISH_INFORMATION_QUESTIONS = [
    "¿se puede hacer la bancarrota sin licenciado?",
    "¿es obligatorio tener abogado para el capitulo 7?",
    "¿qué papeles se presentan para abrir el caso?",
    "que formularios van con la peticion",
    "¿tengo que firmar la petición aunque la prepare mi abogado?",
    "¿cuánto cobra la corte por un capítulo 13?",
    "¿me dejan pagar el fee en abonos?",
    "¿cada cuánto son los pagos si pago la cuota a plazos?",
    "¿me pueden perdonar la cuota del capítulo 7?",
    "¿me pueden quitar la cuota si gano muy poco?",
    "¿aceptan giro postal para la cuota?",
    "¿a nombre de quién va el cheque de caja?",
    "¿puedo mandar mi petición por fax?",
    "¿dónde denuncio que alguien escondió bienes en su quiebra?",
    "¿cómo consigo el expediente de un caso cerrado hace años?",
    "¿el clerk me puede ayudar a llenar los formularios?",
    "¿quién es el trustee de mi caso?",
    "¿hay una línea para saber el estatus de mi caso?",
    "¿a qué hora abre la oficina del clerk?",
    "¿qué oficina me toca si vivo en Spencer?",
]

SPANISH_ADVICE_QUESTIONS = [
    "¿me conviene declararme en bancarrota?",
    "¿qué capítulo me conviene?",
    "¿cuál me conviene más, el capítulo 7 o el 13?",
    "entre el 7 y el 13 cual es mejor para mi",
    "¿debo declararme ya o esperar a después de Navidad?",
    "¿deberíamos reafirmar el préstamo del carro?",
    "¿usted qué haría en mi lugar?",
    "¿me recomienda un abogado de quiebras en Waterloo?",
    "¿es buena idea declararme antes de que me embarguen el sueldo?",
    "si me declaro, ¿voy a perder mi casa?",
    "¿puedo quedarme con mi troca en el capitulo 7?",
    "¿me van a perdonar las deudas del hospital?",
    "¿se borran los préstamos estudiantiles con la bancarrota?",
    "¿la quiebra para el foreclosure de mi casa?",
    "¿me pueden embargar el sueldo después de presentar?",
    "¿califico para el capítulo 7 con lo que gano?",
    "¿qué pasa si no voy a la reunión de acreedores?",
    "¿el trustee me puede quitar el reembolso de impuestos?",
    "¿la tengo que poner en los schedules aunque esté en México?",
    "¿qué pongo en la línea 12 del schedule I?",
    "¿sigo siendo responsable de la deuda que firmé con mi ex?",
    "¿qué exenciones protegen mi casa?",
]


@pytest.mark.parametrize("text", SPANISH_INFORMATION_QUESTIONS)
def test_a_spanish_question_about_the_courts_procedures_is_information(text: str) -> None:
    assert side(text) == INFORMATION


@pytest.mark.parametrize("text", SPANISH_ADVICE_QUESTIONS)
def test_a_spanish_question_about_what_to_do_or_what_will_happen_is_advice(text: str) -> None:
    assert side(text) == ADVICE


@pytest.mark.parametrize(
    "text",
    [
        "¿debo actualizar mi cuenta de PACER antes de vincularla?",
        "¿qué pasa si no vinculo mi usuario viejo de ECF?",
        "¿me van a quitar el acceso si no cambio la contraseña?",
    ],
)
def test_spanish_questions_about_e_filing_accounts_are_never_advice(text: str) -> None:
    assert side(text) == INFORMATION


@pytest.mark.parametrize("text", INFORMATION_QUESTIONS)
def test_a_question_about_the_courts_procedures_is_information(text: str) -> None:
    assert side(text) == INFORMATION


@pytest.mark.parametrize("text", ADVICE_QUESTIONS)
def test_a_question_about_what_to_do_or_what_will_happen_is_advice(text: str) -> None:
    assert side(text) == ADVICE


@pytest.mark.parametrize(
    "text",
    [
        "should I upgrade my PACER account before linking",
        "what happens if I never link my old ECF login",
        "will I lose access to my pacer account if I don't upgrade",
    ],
)
def test_questions_about_e_filing_accounts_are_never_advice(text: str) -> None:
    assert side(text) == INFORMATION


def test_the_table_is_large_enough_and_holds_both_sides() -> None:
    assert len(INFORMATION_QUESTIONS) + len(ADVICE_QUESTIONS) >= 60
    assert not set(INFORMATION_QUESTIONS) & set(ADVICE_QUESTIONS)
    assert len(SPANISH_INFORMATION_QUESTIONS) + len(SPANISH_ADVICE_QUESTIONS) >= 40


def classified(text: str, ranking: list) -> Message:
    """A message as the intent classifier and the FallbackClassifier left it: below 0.5 the
    FallbackClassifier puts its own entry first."""
    top = ranking[0]
    intent = top["name"] if top["confidence"] >= 0.5 else "nlu_fallback"
    if intent == "nlu_fallback":
        ranking = [{"name": "nlu_fallback", "confidence": 0.5}, *ranking]
    return Message(
        data={
            "text": text,
            "intent": {"name": intent, "confidence": top["confidence"]},
            "intent_ranking": ranking,
        }
    )


def after_the_line(message: Message) -> str:
    [processed] = LegalLineClassifier({}).process([message])
    return processed.get("intent")["name"]


def test_a_fee_question_taken_for_advice_gets_the_fee_topic() -> None:
    message = classified(
        "what will it cost me to file chapter 13",
        [{"name": "legal_advice", "confidence": 0.6}, {"name": "filing_fee", "confidence": 0.3}],
    )
    assert after_the_line(message) == "filing_fee"
    assert "not legal advice" in message.get("overruled_by")


def test_a_hesitant_procedure_question_with_no_likely_topic_offers_no_legal_advice() -> None:
    message = classified(
        "what is the procedure for my chapter 7",
        [{"name": "legal_advice", "confidence": 0.45}, {"name": "filing_fee", "confidence": 0.1}],
    )
    assert after_the_line(message) == "nlu_fallback"
    assert [r["name"] for r in message.get("intent_ranking")] == ["nlu_fallback", "filing_fee"]


def test_a_sure_refusal_with_no_topic_near_stands() -> None:
    message = classified(
        "tell me honestly if my ex can come after me",
        [{"name": "legal_advice", "confidence": 0.9}, {"name": "filing_fee", "confidence": 0.05}],
    )
    assert after_the_line(message) == "legal_advice"


def test_a_hesitant_guess_of_legal_advice_for_information_is_corrected() -> None:
    message = classified(
        "can I mail in the papers for chapter 7 myself",
        [
            {"name": "legal_advice", "confidence": 0.45},
            {"name": "filing_where_how", "confidence": 0.4},
        ],
    )
    assert after_the_line(message) == "filing_where_how"


def test_advice_taken_for_a_topic_gets_the_refusal() -> None:
    message = classified(
        "if I pay the fee in installments will I lose my car",
        [{"name": "filing_fee_installments", "confidence": 0.8}],
    )
    assert after_the_line(message) == "legal_advice"


@pytest.mark.parametrize(
    "text, ranking, kept",
    [
        ("should I file chapter 7", [{"name": "legal_advice", "confidence": 0.9}], "legal_advice"),
        (
            "how do I pay the fee",
            [{"name": "filing_fee_payment", "confidence": 0.9}],
            "filing_fee_payment",
        ),
        ("what's the weather", [{"name": "out_of_scope", "confidence": 0.9}], "out_of_scope"),
    ],
)
def test_a_guess_on_the_right_side_is_kept(text: str, ranking: list, kept: str) -> None:
    assert after_the_line(classified(text, ranking)) == kept


@pytest.mark.parametrize(
    "text",
    [
        "which of the two clerk's offices should I use",
        "should I go to Cedar Rapids or Sioux City to drop off papers",
        "should I bring a photo ID",
    ],
)
def test_asking_which_office_or_what_to_bring_is_not_advice(text: str) -> None:
    assert side(text) == INFORMATION


@pytest.mark.parametrize(
    "text",
    [
        "what forms do I need to file chapter 7",
        "do I need to file the credit counseling certificate too",
        "which papers do we have to file for chapter 13",
    ],
)
def test_asking_what_must_be_filed_is_not_asking_whether_to_file(text: str) -> None:
    assert side(text) == INFORMATION


def test_advice_asked_in_so_many_words_is_refused_when_the_classifier_hesitates() -> None:
    message = classified(
        "¿Sabe de algún buen abogado para mi quiebra?",
        [
            {"name": "legal_advice", "confidence": 0.42},
            {"name": "attorney_admission", "confidence": 0.3},
        ],
    )
    assert after_the_line(message) == "legal_advice"


def test_advice_taken_for_a_follow_up_gets_the_refusal() -> None:
    message = classified(
        "y entre el 13 y el 7 cuál me conviene más",
        [{"name": "follow_up", "confidence": 0.7}, {"name": "legal_advice", "confidence": 0.2}],
    )
    assert after_the_line(message) == "legal_advice"


def test_off_topic_keeps_its_decline_even_when_it_sounds_like_advice() -> None:
    message = classified(
        "is it better to buy a gas or an electric stove",
        [{"name": "out_of_scope", "confidence": 0.8}],
    )
    assert after_the_line(message) == "out_of_scope"
