"""What the REST channel redacts from a message before Rasa sees it, and what it leaves.

Messages are written as visitors really type them: with or without "is", ":" or separators,
in any case, in English or Spanish (with or without accents). The messages without personal
data are the court's own numbers and dates and the help requests that mention a password,
which must reach the assistant unchanged.
"""

import pytest

from channels.personal_data import luhn_valid, redact
from facts import fact

# (message, the secret that must be gone, the kind reported), by kind.
WITH_PERSONAL_DATA = [
    # Passwords, after the keyword alone or after is / was / : / =.
    pytest.param("password Hunter2!", "Hunter2", "password", id="password-bare"),
    pytest.param("my pw hunter22", "hunter22", "password", id="pw-bare-with-digits"),
    pytest.param("pwd: abc123", "abc123", "password", id="pwd-colon"),
    pytest.param("PIN 4821", "4821", "password", id="pin-capitals"),
    pytest.param("my PIN number is 4821", "4821", "password", id="pin-number-is"),
    pytest.param("password is Hunter2!", "Hunter2", "password", id="password-is"),
    pytest.param("my passwd was letmein", "letmein", "password", id="passwd-was-plain-word"),
    pytest.param("passcode=xyz", "xyz", "password", id="passcode-equals"),
    pytest.param("MY PASSWORD IS HUNTER2", "HUNTER2", "password", id="password-shouting"),
    pytest.param("my password is now Tr0ub4dor", "Tr0ub4dor", "password", id="password-is-now"),
    pytest.param("I reset my pin to 9931", "9931", "password", id="pin-reset-to"),
    pytest.param("pacer password: correcthorse", "correcthorse", "password", id="pacer-colon"),
    # Passwords further on in a sentence about a password.
    pytest.param(
        "the password for my pacer account is Tr0ub4dor&3 but it fails",
        "Tr0ub4dor&3",
        "password",
        id="password-words-after-keyword",
    ),
    pytest.param(
        "the password I set, Sol#99, was refused", "Sol#99", "password", id="password-aside"
    ),
    pytest.param(
        "my pin for the card reader 7731 fails", "7731", "password", id="pin-number-further-on"
    ),
    pytest.param(
        "la contraseña que puse para PACER, Nube$77, no sirve",
        "Nube$77",
        "password",
        id="es-contrasena-further-on",
    ),
    # E-mail addresses.
    pytest.param(
        "my email is jane.doe@example.com, please email me the forms",
        "jane.doe@example.com",
        "e-mail address",
        id="email-address",
    ),
    pytest.param(
        "JOHN_SMITH+court@Mail.Example.org", "Mail.Example", "e-mail address", id="email-caps"
    ),
    pytest.param(
        "escríbame a maria.r@correo.mx", "maria.r@correo.mx", "e-mail address", id="es-email"
    ),
    # Phone numbers the court's facts do not name.
    pytest.param("call me at 319-555-0199", "319-555-0199", "phone number", id="phone-dashes"),
    pytest.param("my cell is (319) 555-0199", "555-0199", "phone number", id="phone-parentheses"),
    pytest.param("+1 712 555 0100 please", "712 555 0100", "phone number", id="phone-plus-one"),
    pytest.param("text 3195550199", "3195550199", "phone number", id="phone-digits-only"),
    pytest.param("my number is 555-0142", "555-0142", "phone number", id="phone-local"),
    pytest.param("mi teléfono es 712.555.0142", "712.555.0142", "phone number", id="es-phone-dots"),
    # Login names, after is / : / =.
    pytest.param(
        "my login is jdoe77 and my password is x", "jdoe77", "login", id="login-and-password"
    ),
    pytest.param("username: jsmith", "jsmith", "login", id="username-colon"),
    pytest.param("my user name is mary.k", "mary.k", "login", id="user-name-is"),
    pytest.param("user id = IA0042", "IA0042", "login", id="user-id-equals"),
    # Social Security numbers.
    pytest.param("my SSN is 123-45-6789", "123-45-6789", "SSN", id="ssn-is-dashes"),
    pytest.param("ssn 123456789", "123456789", "SSN", id="ssn-digits-only"),
    pytest.param(
        "social security number is 123 45 6789", "123 45 6789", "SSN", id="social-security-number"
    ),
    pytest.param("SSN: 123-45-6789", "123-45-6789", "SSN", id="ssn-colon"),
    pytest.param("ss# 987654321", "987654321", "SSN", id="ss-hash"),
    pytest.param("it is 123-45-6789 I think", "123-45-6789", "SSN", id="ssn-separated-anywhere"),
    # Card numbers with a valid checksum.
    pytest.param("card 4111111111111111", "4111111111111111", "card number", id="card-digits"),
    pytest.param("4111 1111 1111 1111", "4111 1111 1111 1111", "card number", id="card-spaces"),
    pytest.param("4111-1111-1111-1111", "4111-1111-1111-1111", "card number", id="card-dashes"),
    pytest.param("5500 0000 0000 0004", "5500 0000 0000 0004", "card number", id="mastercard"),
    pytest.param("amex 378282246310005 ok", "378282246310005", "card number", id="amex"),
    # Dates of birth, after the words that announce one.
    pytest.param("DOB 01/02/1980", "01/02/1980", "date of birth", id="dob-slashes"),
    pytest.param("d.o.b. 1-2-80", "1-2-80", "date of birth", id="dob-dotted-short-year"),
    pytest.param(
        "date of birth: 1980-01-02", "1980-01-02", "date of birth", id="date-of-birth-iso"
    ),
    pytest.param(
        "my birthdate is January 2, 1980", "January 2, 1980", "date of birth", id="birthdate"
    ),
    pytest.param("birthday Jan 2 1980", "Jan 2 1980", "date of birth", id="birthday-short-month"),
    pytest.param("I was born 2 January 1980", "2 January 1980", "date of birth", id="born-day"),
    pytest.param(
        "I was born on March 3, 1975", "March 3, 1975", "date of birth", id="born-on-month"
    ),
    # The same in Spanish: passwords after "contraseña" or "clave", with or without "es".
    pytest.param(
        "mi contraseña es Rio#Verde8 pero el sistema la rechaza",
        "Rio#Verde8",
        "password",
        id="es-contrasena-es",
    ),
    pytest.param("contrasena: maizal55", "maizal55", "password", id="es-contrasena-no-accent"),
    pytest.param(
        "la clave de mi cuenta es tortuga", "tortuga", "password", id="es-clave-de-mi-cuenta"
    ),
    pytest.param(
        "mi clave de PACER ahora es Nube_77", "Nube_77", "password", id="es-clave-ahora-es"
    ),
    pytest.param("contraseña Lluvia2023", "Lluvia2023", "password", id="es-contrasena-bare"),
    pytest.param("cambié mi PIN a 5093", "5093", "password", id="es-pin-a"),
    # Login names after "usuario".
    pytest.param("usuario: rperez81", "rperez81", "login", id="es-usuario-colon"),
    pytest.param("mi usuario es lmartinez", "lmartinez", "login", id="es-usuario-es"),
    pytest.param(
        "mi nombre de usuario de PACER es ana.ruiz", "ana.ruiz", "login", id="es-usuario-de-pacer"
    ),
    # Social Security numbers after "seguro social", and card numbers.
    pytest.param(
        "mi número de seguro social es 321654987", "321654987", "SSN", id="es-seguro-social-es"
    ),
    pytest.param("mi seguro social: 456789123", "456789123", "SSN", id="es-seguro-social-colon"),
    pytest.param("numero de seguridad social 654 32 1987", "654 32 1987", "SSN", id="es-no-accent"),
    pytest.param(
        "el número de tarjeta es 5500000000000004",
        "5500000000000004",
        "card number",
        id="es-numero-de-tarjeta",
    ),
    pytest.param(
        "pagué con mi tarjeta de crédito 4111 1111 1111 1111",
        "4111 1111 1111 1111",
        "card number",
        id="es-tarjeta-de-credito",
    ),
    # Dates of birth, in figures or in Spanish words.
    pytest.param(
        "fecha de nacimiento: 9/11/1984", "9/11/1984", "date of birth", id="es-fecha-de-nacimiento"
    ),
    pytest.param(
        "nací el 14 de febrero de 1969", "14 de febrero de 1969", "date of birth", id="es-naci-el"
    ),
    pytest.param("naci el 2/7/71", "2/7/71", "date of birth", id="es-naci-no-accent"),
    pytest.param(
        "mi fecha de nacimiento es el 8 de sept. del 1990",
        "8 de sept. del 1990",
        "date of birth",
        id="es-short-month",
    ),
]

WITHOUT_PERSONAL_DATA = [
    # Case numbers.
    pytest.param("18-01234", id="case-number"),
    pytest.param("case 19-00123-tjc", id="case-number-judge"),
    pytest.param("Case No. 20-01234", id="case-no"),
    # The court's phone numbers, written as it writes them.
    pytest.param(f"call {fact('offices.cedar_rapids.phone')}", id="phone-cedar-rapids"),
    pytest.param(fact("southern_district.phone"), id="phone-parentheses"),
    pytest.param(fact("offices.sioux_city.phone"), id="phone-sioux-city"),
    pytest.param(fact("case_information_by_phone.phone"), id="phone-toll-free"),
    pytest.param(
        f"is {fact('offices.cedar_rapids.phone')} the right number?", id="phone-court-question"
    ),
    pytest.param(
        f"I forgot my password, is {fact('offices.sioux_city.phone')} the number to call?",
        id="phone-court-in-password-sentence",
    ),
    pytest.param(
        f"+1 {fact('case_information_by_phone.phone')}", id="phone-court-with-country-code"
    ),
    # Dates that are not birth dates, and other numbers.
    pytest.param("I filed on 04/30/2018", id="filing-date"),
    pytest.param(f"the deadline was {fact('dates.pacer_legacy_cutoff')}", id="deadline"),
    pytest.param(f"NextGen went live on {fact('dates.nextgen_go_live')}", id="go-live-date"),
    pytest.param("my ZIP is 52401", id="zip"),
    pytest.param("I owe $338", id="amount"),
    pytest.param("since 2018", id="year"),
    pytest.param("account 1234567890123", id="long-number-bad-checksum"),
    pytest.param("4111 1111 1111 1112", id="card-bad-checksum"),
    pytest.param("happy birthday", id="birthday-without-date"),
    # Help requests that mention a password, a PIN or a login.
    pytest.param("I forgot my password", id="forgot-password"),
    pytest.param("reset my PIN", id="reset-pin"),
    pytest.param("my password is not working", id="password-is-not-working"),
    pytest.param("password reset", id="password-reset"),
    pytest.param("what is the password policy", id="password-policy"),
    pytest.param("my password expired", id="password-expired"),
    pytest.param("I lost my pin number", id="lost-pin-number"),
    pytest.param("how do I change my password?", id="change-password-question"),
    pytest.param("pacer password help", id="password-help"),
    pytest.param("my password doesn't work", id="password-doesnt-work"),
    pytest.param("my password doesn\u2019t work", id="password-doesnt-curly-apostrophe"),
    pytest.param("my password is wrong", id="password-is-wrong"),
    pytest.param("the PIN is required", id="pin-is-required"),
    pytest.param("I tried my password 3 times", id="password-count"),
    pytest.param("the password is 8 characters", id="password-length"),
    pytest.param("I can't login to PACER", id="login-verb"),
    pytest.param("my login is locked", id="login-is-locked"),
    pytest.param("I forgot my CM/ECF password. My case is 18-01234", id="password-sentence-end"),
    pytest.param("password to access PACER", id="password-to-word"),
    pytest.param(
        "my password for NextGen CM/ECF fails since 12/01/2026", id="password-court-terms"
    ),
    pytest.param("my PIN for case 18-01234 expired", id="pin-case-number"),
    pytest.param(
        f"I reset my password at https://{fact('pacer.website')}/", id="password-web-address"
    ),
    pytest.param(f"my password on {fact('pacer.website')} fails", id="password-bare-web-address"),
    pytest.param("Password problems? My case is 20-01234.", id="password-question-then-case"),
    pytest.param("ecf stopped taking my old password around 2018, why", id="password-year"),
    pytest.param("my password was only saved in chrome", id="password-was-only"),
    pytest.param("se me olvidó la contraseña de PACER, ¿qué hago?", id="es-password-question"),
    # Spanish help requests that mention a password or a login: the word after the keyword
    # is an ordinary word, with or without its accent.
    pytest.param("mi contraseña ya no sirve", id="es-contrasena-no-sirve"),
    pytest.param("se me olvidó la contraseña de CM/ECF", id="es-olvido-contrasena-de"),
    pytest.param("la contraseña es incorrecta, dice el sistema", id="es-contrasena-es-incorrecta"),
    pytest.param("necesito una contraseña nueva", id="es-contrasena-nueva"),
    pytest.param("mi clave esta bloqueada desde ayer", id="es-clave-bloqueada-no-accent"),
    pytest.param("la clave de mi cuenta es la misma de antes", id="es-clave-de-mi-cuenta-misma"),
    pytest.param("mi contraseña caducó", id="es-contrasena-caduco"),
    pytest.param("la contraseña debe tener 12 caracteres", id="es-contrasena-length"),
    pytest.param("¿Cómo cambio mi contraseña de PACER?", id="es-como-cambio-contrasena"),
    pytest.param("soy usuario de PACER", id="es-soy-usuario"),
    pytest.param("mi usuario es el mismo que antes", id="es-usuario-es-el-mismo"),
    pytest.param("mi usuario de PACER no funciona", id="es-usuario-no-funciona"),
    # Spanish dates that are not birth dates, and a place of birth.
    pytest.param("presenté mi caso el 6 de junio de 2021", id="es-filing-date"),
    pytest.param("nací en Fort Dodge", id="es-naci-en-place"),
]


@pytest.mark.parametrize("typed, secret, kind", WITH_PERSONAL_DATA)
def test_personal_data_is_replaced(typed: str, secret: str, kind: str) -> None:
    redacted, kinds = redact(typed)
    assert secret not in redacted
    assert kind in kinds
    assert f"[redacted {kind}]" in redacted


@pytest.mark.parametrize("text", WITHOUT_PERSONAL_DATA)
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert redact(text) == (text, [])


@pytest.mark.parametrize(
    "typed, redacted",
    [
        ("my SSN is 123-45-6789", "my SSN is [redacted SSN]"),
        ("ssn 123 45 6789", "ssn [redacted SSN]"),
        ("card 4111 1111 1111 1111 ok", "card [redacted card number] ok"),
        ("4111-1111-1111-1111", "[redacted card number]"),
        ("my password is Hunter2!", "my password is [redacted password]"),
        ("Password: s3cret", "Password: [redacted password]"),
        ("password Hunter2!", "password [redacted password]"),
        (
            "my login is jdoe and my password is Hunter2!",
            "my login is [redacted login] and my password is [redacted password]",
        ),
        ("pin 4111 1111 1111 1111", "pin [redacted card number]"),
        ("DOB 01/02/1980", "DOB [redacted date of birth]"),
        ("I was born on March 3, 1975", "I was born on [redacted date of birth]"),
        ("mi contraseña es Sol#99 y no entra", "mi contraseña es [redacted password] y no entra"),
        ("la clave de mi cuenta: abc123", "la clave de mi cuenta: [redacted password]"),
        ("nací el 1 de mayo de 1977", "nací el [redacted date of birth]"),
        (
            "the password for my pacer account is Tr0ub4dor&3 but it fails",
            "the password for my pacer account is [redacted password] but it fails",
        ),
        (
            "my email is jane.doe@example.com, please email me the forms",
            "my email is [redacted e-mail address], please email me the forms",
        ),
        ("call me at 319-555-0199", "call me at [redacted phone number]"),
    ],
)
def test_the_words_before_the_secret_stay(typed: str, redacted: str) -> None:
    """The keyword and "is" or ":" stay, so the assistant still knows what was meant."""
    assert redact(typed)[0] == redacted


def test_each_redaction_is_reported() -> None:
    assert redact("SSN 123-45-6789, DOB 1/2/80")[1] == ["SSN", "date of birth"]


@pytest.mark.parametrize(
    "digits, valid",
    [("4111111111111111", True), ("378282246310005", True), ("4111111111111112", False)],
)
def test_luhn_checksum(digits: str, valid: bool) -> None:
    assert luhn_valid(digits) is valid
