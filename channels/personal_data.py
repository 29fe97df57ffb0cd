"""Redaction of personal data that visitors should not have typed, before Rasa sees the text.

The REST channel runs every message through `redact` first, so Social Security numbers,
card numbers, passwords, login names, dates of birth, e-mail addresses and phone numbers never
reach the tracker store, the logs or the transcripts clerk staff read. Each kind has one
rule (`RULES`), applied in order; a redacted value becomes "[redacted KIND]" and the words
that announced it ("password is", "DOB:") stay, so the assistant still understands what the
visitor was talking about.

Visitors write in English or Spanish, so each rule knows both ways of announcing a value
("mi contraseña es ...", "la clave de mi cuenta es ...", "usuario: ...", "nací el ...",
"3 de abril de 1980"), accents optional ("contrasena", "numero"): visitors often leave them
out. "Seguro social" ends in "social", which the SSN rule already reads.

A password need not follow its keyword: "the password for my pacer account is Tr0ub4dor&3 but
it fails". After the plain "password is X" rule, every word that looks like a secret (a digit,
a symbol, a capital inside) in the rest of a sentence about a password goes too, but for the
court's own terms (CM/ECF, NextGen), case numbers, dates and addresses on the web.

Case numbers (18-01234), the court's phone numbers, filing dates and deadlines are not
personal data and must stay: that is why numbers are only taken for an SSN, a password or a
date of birth when the words before them say so, long numbers for a card only when their
checksum is valid, and phone numbers only when facts/court.yml names no such number ("is
<the Cedar Rapids office's number> the right number?" stays as typed).
"""

import re
from functools import partial
from typing import Callable, List, NamedTuple, Tuple

from facts import all_facts
from understanding.language import plain

Accepts = Callable[[re.Match[str]], bool]

# Words that ordinary help requests put after "password", "PIN" or "login" ("my password is
# not working", "password reset"): after these keywords they are never taken for a secret.
ORDINARY_TEXT = """
    a about again also an and anymore are as at bad be been being blocked box broken but by
    can't cannot case change changed code correct created declined denied did didn't different
    disabled do does doesn't don't emailed entered error expired expiring fails failing field
    fine for forgot forgotten from given going good had has have help her here his hint how i
    if in incorrect into invalid is isn't issue it its just kept locked long lost manager me
    missing my needed never new no not now number numbers of off ok okay old on only or our
    page please policy problem prompt question recovery rejected requirements required reset
    right rules same saved screen sensitive sent set shared short so still stored strong that
    the their there these this those thanks to too typed updated very was wasn't we weak what
    whatever when where which who why will with won't written wrong you your
"""
ORDINARY_WORDS = frozenset(ORDINARY_TEXT.split())
# The same for Spanish help requests ("mi contraseña no funciona", "olvidé mi clave de PACER",
# "la contraseña es incorrecta"), written without accents: a word is compared without its own.
ORDINARY_SPANISH_TEXT = """
    a acceso actual actualizar ahi ahora al algo alguien antes aqui asi aun ayuda bien
    bloqueada bloqueado buena bueno caduca caducada caducado caduco cambia cambiar cambie
    cambio caracteres como con correcta correcto corta cual cuenta de debe debil del
    demasiado desde diferente distinta donde el en equivocada equivocado era error es esa
    ese esta estaba este esto expira expirada expirado expiro falla fallo fue fuerte
    funciona funciono igual incorrecta incorrecto invalida invalido la larga las le lo los
    mal mala me mi mia mio mis misma mismo muy ni no nos nueva nuevo nunca o olvidada
    olvidado olvide otra otro para pero perdi por porque provisional que requisitos
    restablecer se segura seguro ser si sigue sin sirve solo su sus tambien temporal tiene
    todavia tu un una vacia vacio valida valido vence vencida vencido vencio vieja viejo y ya
"""
ORDINARY_SPANISH_WORDS = frozenset(ORDINARY_SPANISH_TEXT.split())

# A password or login name is introduced explicitly by "is", "was", "es", "era", ":" or "="
# ("my password is now X", "pwd: X", "mi clave ahora es X"); the named group tells the
# acceptance test which way it was typed.
ADVERB = r"(?:now|still|also|ahora|todav[ií]a|tambi[eé]n)"
EXPLICIT = (
    rf"(?P<explicit>\s*[:=]\s*|\s+(?:{ADVERB}\s+)?(?:is|was|es|era|fue)\b"
    rf"(?:\s+{ADVERB}\b)?\s*[:=]?\s*)"
)
# ... or just follows the keyword, or "to" ("password Hunter2!", "reset my pin to 4821",
# "cambié mi clave a 4821").
PLAIN = r"\s+(?:(?:to|a)\s+)?"
# Spanish says whose or which password it is between the keyword and "es": "la clave de mi
# cuenta es X", "mi usuario de PACER: X" (up to two such phrases).
WHICH = r"(?:\s+(?:de|del|para)(?:\s+(?:mi|mis|la|el|su))?\s+[^\s:=]+){0,2}"
# The value itself: one word, never a marker an earlier rule has already put there.
VALUE = r"(?P<secret>(?!\[redacted )\S+)"

PASSWORD = re.compile(
    r"(?P<lead>\b(?:password|passcode|passwd|pwd|pw|pin(?:\s+(?:number|code))?"
    r"|contrase(?:ñ|ni?)a|clave)"
    rf"(?:{WHICH}{EXPLICIT}|{PLAIN})){VALUE}",
    re.IGNORECASE,
)
# "Login" is also a verb ("I can't login to PACER") and "usuario" a person ("soy usuario de
# PACER"), so a login name needs "is", "es", ":" or "=".
LOGIN = re.compile(
    r"(?P<lead>\b(?:log-?in(?:\s+(?:name|id))?|user\s?-?(?:name|id)|usuario)"
    rf"{WHICH}{EXPLICIT}){VALUE}",
    re.IGNORECASE,
)

SSN_KEYWORD = r"\b(?:ssn|ss\s?#|social(?:\s+security)?(?:\s+(?:number|no\.?|num|#))?)"
SSN_AFTER_KEYWORD = re.compile(
    rf"(?P<lead>{SSN_KEYWORD}(?:\s*(?:[#:=]|\b(?:is|was|es|era)\b))*\s*)"
    r"(?P<secret>(?<!\d)\d{3}[-. ]?\d{2}[-. ]?\d{4})(?!\d)",
    re.IGNORECASE,
)
# Without a keyword, only the separated 3-2-4 form: phone numbers are 3-3-4, case numbers 2-5.
SSN_SEPARATED = re.compile(r"(?P<secret>\b\d{3}[- ]\d{2}[- ]\d{4}\b)")

# 13 to 19 digits in a row, or grouped as printed on cards: 4-4-4-4 (13 to 16 digits) or
# American Express's 4-6-5.
CARD = re.compile(
    r"(?<!\d)(?P<secret>\d{13,19}|\d{4}([ -])\d{4}\2\d{4}\2\d{1,4}|\d{4}([ -])\d{6}\3\d{4,5})"
    r"(?!\d)"
)

MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
SPANISH_MONTH = (
    r"(?:ene(?:ro)?|feb(?:rero)?|mar(?:zo)?|abr(?:il)?|mayo?|jun(?:io)?|jul(?:io)?"
    r"|ago(?:sto)?|sept?(?:iembre)?|set(?:iembre)?|oct(?:ubre)?|nov(?:iembre)?|dic(?:iembre)?)\.?"
)
DAY = r"\d{1,2}(?:st|nd|rd|th)?"
DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"  # 01/02/1980, 1-2-80
    r"|\d{4}[/.-]\d{1,2}[/.-]\d{1,2}"  # 1980-01-02
    rf"|{MONTH}\s+{DAY},?\s+\d{{4}}"  # January 2, 1980; Jan 2 1980
    rf"|{DAY}(?:\s+of)?\s+{MONTH},?\s+\d{{4}}"  # 2 January 1980
    rf"|\d{{1,2}}\s+de\s+{SPANISH_MONTH}(?:\s+del?|,)?\s+\d{{4}})"  # 2 de enero de 1980
)
DATE_WORD = re.compile(DATE, re.IGNORECASE)
BIRTH_DATE = re.compile(
    r"(?P<lead>\b(?:dob|d\.o\.b\.?|date\s+of\s+birth|birth\s?-?date|birthday|born"
    r"|fecha\s+de\s+nac(?:imiento|\.)?|nac[ií]|nacid[oa]|naci[oó]|cumplea(?:ñ|n)os)(?!\w)"
    r"(?:\s*(?:[:=#-]|\b(?:is|was|on|es|fue|el)\b))*\s*)"
    rf"(?P<secret>{DATE})(?!\d)",
    re.IGNORECASE,
)


# Any phone number: 319-555-0199, (319) 555-0199, 319.555.0199, +1 319 555 0199, 3195550199,
# or a local 555-0199. SSNs (3-2-4) and case numbers (2-5) have other shapes.
PHONE = re.compile(
    r"(?<![\w-])(?P<secret>(?:\+?1[-. ]?)?(?:\(\d{3}\)\s?|\d{3}[-. ]?)\d{3}[-. ]?\d{4}"
    r"|\d{3}-\d{4})(?![\w-])"
)
EMAIL = re.compile(r"(?P<secret>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)")

# A sentence about a password: its keyword, then the rest of the sentence (up to ". ", "!",
# "?" or the end). The words in the rest are looked at one by one (`SENTENCE_WORD`).
PASSWORD_SENTENCE = re.compile(
    r"(?P<lead>\b(?:password|passcode|passwd|pwd|pin|contrase(?:ñ|ni?)a|clave)\b)"
    r"(?P<rest>.*?)(?=[.!?](?:\s|$)|$)",
    re.IGNORECASE,
)
# A word of that rest, or a marker an earlier rule left there (kept whole).
SENTENCE_WORD = re.compile(r"\[redacted [^\]]*\]|\S+")
# Words that look like secrets but are the court's own terms.
COURT_TERMS = frozenset({"cm/ecf", "nextgen", "e-filing"})
YEAR = re.compile(r"(?:19|20)\d\d")
CASE_NUMBER = re.compile(r"(?:\d:)?\d{2}-\d{3,5}(?:-[a-z]+)?", re.IGNORECASE)
# A web address, with or without "https://" (the court's are under uscourts.gov).
WEB_ADDRESS = re.compile(
    r"(?:https?://|www\.)\S+|[a-z0-9.-]+\.(?:gov|com|org|net|us)(?:/\S*)?", re.IGNORECASE
)


def digits_of(number: str) -> str:
    """A phone number's last ten digits (seven for a local number): how two ways of writing
    it are compared."""
    return re.sub(r"\D", "", number)[-10:]


def court_phone_numbers() -> frozenset:
    """The digits of every phone number that facts/court.yml names."""
    return frozenset(
        digits_of(match["secret"]) for _, value in all_facts() for match in PHONE.finditer(value)
    )


COURT_PHONES = court_phone_numbers()


def is_private_phone(match: re.Match[str]) -> bool:
    """A phone number is the visitor's unless the court's facts name it."""
    return digits_of(match["secret"]) not in COURT_PHONES


def luhn_valid(digits: str) -> bool:
    """The card-number checksum: tells a card number from other long numbers."""
    total = 0
    for position, digit in enumerate(int(d) for d in reversed(digits)):
        if position % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def is_card_number(match: re.Match[str]) -> bool:
    """Whether the digits pass the Luhn checksum that every card number passes."""
    return luhn_valid(re.sub(r"\D", "", match["secret"]))


def bare_word(value: str) -> str:
    """The value without the quotes and sentence punctuation typed around it."""
    return value.replace("\u2019", "'").strip(".,;:!?\"'()[]{}¿¡«»“”…")


def is_ordinary(word: str) -> bool:
    """Whether a word after a keyword is plain English or Spanish or a count rather than a
    secret: "password reset", "my PIN is not working", "la contraseña está bloqueada", "I
    tried my password 3 times"."""
    return (
        not word
        or word.lower() in ORDINARY_WORDS
        or plain(word) in ORDINARY_SPANISH_WORDS
        or (word.isdigit() and len(word) < 4)
    )


def looks_secret(word: str) -> bool:
    """Whether a word looks like a password on its own: it has a digit, a symbol (other than
    an apostrophe or hyphen) or a capital after a small letter ("Hunter2!", "4821", "aBc")."""
    has_digit_or_symbol = any(
        char.isdigit() or not (char.isalnum() or char in "'-") for char in word
    )
    return has_digit_or_symbol or re.search(r"[a-z].*[A-Z]", word) is not None


def is_password(match: re.Match[str]) -> bool:
    """A word after a password keyword is a password unless it is an ordinary word; without
    "is", ":" or "=" before it, it must also look like a secret ("password help" stays)."""
    word = bare_word(match["secret"])
    if is_ordinary(word):
        return False
    return bool(match["explicit"]) or looks_secret(word)


def is_secret_in_sentence(word: str) -> bool:
    """Whether a word later in a sentence about a password is one: it looks like a secret
    and is none of the court's terms, a case number, a date or a web address."""
    word = bare_word(word)
    return (
        looks_secret(word)
        and not is_ordinary(word)
        and word.lower() not in COURT_TERMS
        and not CASE_NUMBER.fullmatch(word)
        and not YEAR.fullmatch(word)
        and not DATE_WORD.fullmatch(word)
        and not WEB_ADDRESS.fullmatch(word)
        and not (PHONE.fullmatch(word) and digits_of(word) in COURT_PHONES)
    )


def redact_password_sentences(text: str, found: List[str]) -> str:
    """Every secret-looking word after a password keyword, up to the sentence's end."""

    def sentence(match: re.Match[str]) -> str:
        def word(each: re.Match[str]) -> str:
            if each[0].startswith("[redacted ") or not is_secret_in_sentence(each[0]):
                return each[0]
            found.append("password")
            return "[redacted password]"

        return match["lead"] + SENTENCE_WORD.sub(word, match["rest"])

    return PASSWORD_SENTENCE.sub(sentence, text)


def is_login(match: re.Match[str]) -> bool:
    """A word after "login is", "username:" is a login name unless it is an ordinary word."""
    return not is_ordinary(bare_word(match["secret"]))


def always(match: re.Match[str]) -> bool:
    """For patterns precise enough on their own."""
    return True


class Rule(NamedTuple):
    """One kind of personal data: where it is found, and whether a match really is one."""

    kind: str
    pattern: re.Pattern[str]
    accepts: Accepts = always


# In this order: numbers before the password rule, so "PIN 4111 1111 1111 1111" is redacted
# as a card and the password rule then skips the marker.
RULES = (
    Rule("SSN", SSN_AFTER_KEYWORD),
    Rule("SSN", SSN_SEPARATED),
    Rule("card number", CARD, is_card_number),
    Rule("password", PASSWORD, is_password),
    Rule("login", LOGIN, is_login),
    Rule("date of birth", BIRTH_DATE),
    Rule("e-mail address", EMAIL),
    Rule("phone number", PHONE, is_private_phone),
)


def replace(rule: Rule, found: List[str], match: re.Match[str]) -> str:
    """The match with its value (group "secret") replaced by the marker, the words before it
    kept; or the match unchanged when the rule does not accept it."""
    if not rule.accepts(match):
        return match[0]
    found.append(rule.kind)
    return match[0][: match.start("secret") - match.start()] + f"[redacted {rule.kind}]"


def redact(text: str) -> Tuple[str, List[str]]:
    """The text with personal data replaced by "[redacted ...]", and the kinds replaced."""
    found: List[str] = []
    for rule in RULES:
        text = rule.pattern.sub(partial(replace, rule, found), text)
    return redact_password_sentences(text, found), found
