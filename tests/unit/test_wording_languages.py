"""The same wording in English and Spanish: nothing said in one language is missing in the
other, and both state the same facts.

- The actions' wording (actions/*.yml, read by actions/settings.py): every key a visitor reads
  has its Spanish under `es`, with the same keys below it and the same {placeholders}; once
  the facts are filled in, each in its language, both carry the same phone numbers, dates
  (as digits), street addresses, e-mail and web addresses.
- The topics (answers/topics.yml): an answer has its `answer_es` stating the same facts, a
  title its `title_es`, and every button its `title_es`.

The words and wording of Spanish themselves (the glossary's terms, "usted") are checked by
test_spanish_wording.py.
"""

import datetime
import re
from typing import Any, Iterator, List, Set, Tuple

import pytest

from actions.settings import ACTIONS_DIR, LANGUAGES, NOT_SAID, Settings, load_settings
from answers import topics
from facts import PLACEHOLDER, calendar, court, fact, render

ACTION_WORDING = sorted(ACTIONS_DIR.glob("*.yml"))
# The modules that compose messages themselves: each has its wording in both languages.
COMPOSING_MODULES = {"follow_up", "office_hours", "office_routing", "unclear_question"}
FIELD = re.compile(r"\{[^{}]*\}")
MONTHS = {language: "|".join(calendar()["months"][language]) for language in calendar()["months"]}
PHONE = re.compile(r"\(?\b\d{3}\)?[-. ]\d{3}-\d{4}\b")
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
WEB = re.compile(r"\b(?:[\w-]+\.)+(?:gov|com|org|net|edu)\b(?:/[\w/-]*)?", re.I)
STREET = re.compile(r"\b\d+ [0-9A-Za-z]+ (?:Avenue|Ave|Street|St)\b")
ZIP = re.compile(r"\bIA \d{5}\b")
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
DATE_EN = re.compile(rf"\b({MONTHS['en']}) (\d{{1,2}}), (\d{{4}})\b")
DATE_ES = re.compile(rf"\b(\d{{1,2}}) de ({MONTHS['es']}) de (\d{{4}})\b")
# A text of this many words or more is a sentence: its Spanish is not the English again.
SENTENCE_WORDS = 4


def dates(text: str) -> Set[str]:
    """Every date written out, in English or Spanish, as YYYY-MM-DD."""
    months = {language: calendar()["months"][language] for language in ("en", "es")}
    found = {
        datetime.date(int(year), months["en"].index(month) + 1, int(day))
        for month, day, year in DATE_EN.findall(text)
    }
    found |= {
        datetime.date(int(year), months["es"].index(month) + 1, int(day))
        for day, month, year in DATE_ES.findall(text)
    }
    return {day.isoformat() for day in found}


def stated_facts(text: str, with_dates: bool = True) -> Set[str]:
    """The facts a text states that are the same in every language: phone numbers, e-mail
    and web addresses, street addresses and ZIP codes, years, and (`with_dates`) dates."""
    text = " ".join(text.split())
    emails = EMAIL.findall(text)
    without_emails = EMAIL.sub(" ", text)
    found = {f"phone {phone}" for phone in PHONE.findall(text)}
    found |= {f"e-mail {email}" for email in emails}
    found |= {f"web {address.lower()}" for address in WEB.findall(without_emails)}
    found |= {f"street {street}" for street in STREET.findall(text)}
    found |= {f"zip {code}" for code in ZIP.findall(text)}
    found |= {f"year {year}" for year in YEAR.findall(text)}
    if with_dates:
        found |= {f"date {day}" for day in dates(text)}
    return found


def pairs(english: Any, spanish: Any, path: str) -> Iterator[Tuple[str, Any, Any]]:
    """(path, English, Spanish) of every text of a wording tree and its Spanish, and of every
    place where the two trees differ in shape (either side then None)."""
    if isinstance(english, dict) and isinstance(spanish, dict):
        for key in sorted(set(english) | set(spanish), key=str):
            yield from pairs(english.get(key), spanish.get(key), f"{path}.{key}")
    elif isinstance(english, list) and isinstance(spanish, list) and len(english) == len(spanish):
        for index, (one, other) in enumerate(zip(english, spanish, strict=True)):
            yield from pairs(one, other, f"{path}[{index}]")
    else:
        yield path, english, spanish


def leaves(node: Any) -> Iterator[str]:
    """Every text of a wording tree."""
    if isinstance(node, dict):
        node = list(node.values())
    if isinstance(node, list):
        for value in node:
            yield from leaves(value)
    elif isinstance(node, str):
        yield node


def action_texts() -> List[Tuple[str, Any, Any]]:
    """(where, English, Spanish) of every text visitors read in the actions' wording."""
    found = []
    for path in ACTION_WORDING:
        settings = load_settings(str(path))
        for language in LANGUAGES:
            spanish = settings.translations[language]
            for key in settings.said_keys():
                where = f"actions/{path.name}: {language}.{key}"
                found += pairs(settings.english[key], spanish.get(key), where)
    return found


@pytest.mark.parametrize("path", ACTION_WORDING, ids=lambda path: path.name)
def test_every_key_visitors_read_has_its_spanish_and_nothing_else_does(path) -> None:
    settings = load_settings(str(path))
    not_said = settings.english.get(NOT_SAID) or []
    assert set(not_said) <= set(settings.english), f"{path.name}: {NOT_SAID} names no key"
    for language in LANGUAGES:
        translated = settings.translations[language]
        assert set(translated) == set(settings.said_keys()), (
            f"{path.name}: `{language}` must have exactly the keys visitors read; "
            f"a key that is a setting or a word list belongs under `{NOT_SAID}`"
        )


def test_every_module_that_composes_messages_has_its_spanish() -> None:
    settings = {path.stem: load_settings(str(path)) for path in ACTION_WORDING}
    translated = {module for module, wording in settings.items() if wording.translations["es"]}
    assert translated >= COMPOSING_MODULES


@pytest.mark.parametrize("where, english, spanish", action_texts(), ids=lambda v: str(v)[:60])
def test_each_text_has_the_same_shape_and_placeholders_in_both(
    where: str, english: Any, spanish: Any
) -> None:
    assert spanish is not None and english is not None, f"{where}: missing in one language"
    assert type(english) is type(spanish), f"{where}: not the same kind of value"
    if isinstance(english, str):
        assert sorted(FIELD.findall(english)) == sorted(FIELD.findall(spanish)), where
        if len(english.split()) >= SENTENCE_WORDS:
            assert english.split() != spanish.split(), f"{where}: not translated"


@pytest.mark.parametrize(
    "where, english, spanish",
    [text for text in action_texts() if isinstance(text[1], str)],
    ids=lambda v: str(v)[:60],
)
def test_each_text_states_the_same_facts_once_they_are_filled_in(
    where: str, english: str, spanish: str
) -> None:
    said_in_english, said_in_spanish = render(english, "en"), render(spanish, "es")
    assert stated_facts(said_in_english) == stated_facts(said_in_spanish), where


@pytest.mark.parametrize("path", ACTION_WORDING, ids=lambda path: path.name)
def test_the_wording_in_each_language_has_every_fact_filled_in(path) -> None:
    settings: Settings = load_settings(str(path))
    for language in ("en", "es"):
        unfilled = [text for text in leaves(settings.wording(language)) if PLACEHOLDER.search(text)]
        assert unfilled == [], language


def test_the_wording_in_spanish_is_the_english_overlaid() -> None:
    """Settings stay as they are; the texts are the Spanish ones, their facts in Spanish."""
    routing = load_settings(str(ACTIONS_DIR / "office_routing.py"))
    spanish = routing.wording("es")
    assert spanish["payment_words"] == routing["payment_words"]
    assert spanish["ask_place"] == "¿En qué condado o ciudad de Iowa se encuentra?"
    assert routing.wording(None)["ask_place"] == routing["ask_place"]
    assert routing.wording("fr") == routing.wording("en")
    hours = load_settings(str(ACTIONS_DIR / "office_hours.py")).wording("es")["hours"]
    assert fact("office_hours.time_zone_name", "es") in hours and "{days}" in hours


def test_the_facts_found_are_the_same_in_both_languages() -> None:
    """The collector itself: a check that finds nothing would pass anything."""
    english = render(
        "Call {offices.sioux_city.phone} at {offices.sioux_city.street} since "
        "{dates.nextgen_go_live}; see {pacer.website} or {pacer.service_center.email}."
    )
    spanish = render(
        "Llame al {offices.sioux_city.phone}, en {offices.sioux_city.street}, desde el "
        "{dates.nextgen_go_live}; vea {pacer.website} o {pacer.service_center.email}.",
        "es",
    )
    found = stated_facts(english)
    assert found == stated_facts(spanish)
    go_live = court()["dates"]["nextgen_go_live"]
    assert {
        f"date {go_live.isoformat()}",
        f"year {go_live.year}",
        f"phone {fact('offices.sioux_city.phone')}",
        f"web {fact('pacer.website')}",
        f"e-mail {fact('pacer.service_center.email')}",
        f"street {fact('offices.sioux_city.street')}",
    } <= found
    phones = fact("offices.sioux_city.phone"), fact("pacer.service_center.phone")
    other_phone = spanish.replace(*phones)
    assert stated_facts(other_phone) != found


# The topics (answers/topics.yml).
@pytest.mark.parametrize("topic", topics(), ids=lambda topic: topic.intent)
def test_each_topic_has_its_answer_and_title_in_both_languages(topic) -> None:
    assert bool(topic.answer) == bool(topic.answer_es), f"{topic.intent}: answer and answer_es"
    assert bool(topic.title) == bool(topic.title_es), f"{topic.intent}: title and title_es"
    for button in topic.buttons:
        assert button.get("title_es"), f"{topic.intent}: button {button['title']!r}"


@pytest.mark.parametrize(
    "topic", [topic for topic in topics() if topic.answer], ids=lambda topic: topic.intent
)
def test_each_topic_states_the_same_facts_in_both_languages(topic) -> None:
    """Phone numbers, street addresses, web and e-mail addresses, and the year of each date."""
    english = stated_facts(render(topic.answer, "en"), with_dates=False)
    spanish = stated_facts(render(topic.answer_es or "", "es"), with_dates=False)
    assert english == spanish, topic.intent
    for button in topic.buttons:
        assert stated_facts(render(button["title"], "en")) == stated_facts(
            render(button.get("title_es") or "", "es")
        ), f"{topic.intent}: button {button['title']!r}"
