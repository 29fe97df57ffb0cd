"""The chat page in a real browser (Debian's Chromium, driven by
Playwright) against the real servers. Screenshots of each page go to build/screenshots/.

The chat page is in English at / and in Spanish at /es/, with a switch between them. The
tests whose names say "spanish_answers" need a model trained with the Spanish answers; the
others pass with any model."""

import json
import re
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest
import requests
from browsing import (
    SCREENSHOTS,
    accessibility_violations,
    ask,
    bot_texts,
    open_chat,
    press_until,
    wait_for_bot_messages,
)
from playwright.sync_api import Browser, Page, Request, expect

from facts import fact, render
from serve.servers import Assistant, free_port, start_web, stop
from support import PROJECT_ROOT, load_yaml, response_text

PAGE_TEXT = load_yaml(PROJECT_ROOT / "web" / "page_text.yml")
CR_PHONE, SC_PHONE = fact("offices.cedar_rapids.phone"), fact("offices.sioux_city.phone")
WEBHOOK = "/webhooks/rest/webhook"


def page_text(key: str, language: str) -> str:
    """One of the chat page's texts (web/page_text.yml), its facts said in `language`."""
    return render(PAGE_TEXT[key][language], language)


def spanish_response_text(domain: Dict[str, Any], response: str) -> str:
    """The Spanish variation of a response of the domain (the one for the slot language=es)."""
    [text] = [
        variation["text"]
        for variation in domain["responses"][response]
        if {"type": "slot", "name": "language", "value": "es"} in variation.get("condition", [])
    ]
    return text


def is_message_to_rasa(request: Request) -> bool:
    return request.method == "POST" and request.url.endswith(WEBHOOK)


def test_a_visitor_holds_a_conversation_by_typing_and_clicking(
    page: Page, assistant: Assistant, domain: Dict[str, Any]
) -> None:
    open_chat(page, assistant)
    assert bot_texts(page) == [
        response_text(domain, "utter_greet"),
        response_text(domain, "utter_help"),
    ]
    assert ask(page, "I forgot my CM/ECF password") == response_text(
        domain, "utter_cmecf_lost_password"
    )
    assert ask(page, "what are the clerk's office hours?") == response_text(
        domain, "utter_clerk_office_contact"
    )
    assert fact("offices.sioux_city.phone") in ask(page, "I live in Woodbury County")
    page.get_by_role("button", name="Do I need to upgrade my PACER account?").click()
    wait_for_bot_messages(page, 6)
    assert bot_texts(page)[-1] == response_text(domain, "utter_pacer_upgrade")
    expect(page.locator(".bubble.me .text").last).to_have_text(
        "Do I need to upgrade my PACER account?"
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "chat.png"), full_page=True)


def test_a_three_turn_conversation_with_follow_ups(page: Page, assistant: Assistant) -> None:
    """Routed to an office, then "their phone" and "the other one" lean on that answer."""
    open_chat(page, assistant)
    assert fact("offices.sioux_city.phone") in ask(
        page, "we live in Plymouth County, which office?"
    )
    phone = ask(page, "what's their phone again")
    assert fact("offices.sioux_city.phone") in phone
    assert fact("offices.cedar_rapids.phone") not in phone
    other = ask(page, "and the other one's address")
    assert fact("offices.cedar_rapids.street") in other
    assert fact("offices.sioux_city.street") not in other
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "chat_follow_ups.png"), full_page=True)


def test_links_in_answers_are_links(page: Page, assistant: Assistant) -> None:
    open_chat(page, assistant)
    ask(page, "how do I upgrade my pacer account")
    link = page.locator(".bubble.bot a").last
    assert link.get_attribute("href") == f"https://{fact('pacer.website')}"


def test_the_conversation_survives_a_reload_in_the_same_tab(
    page: Page, assistant: Assistant
) -> None:
    open_chat(page, assistant)
    ask(page, "what is nextgen")
    before = bot_texts(page)
    page.reload()
    wait_for_bot_messages(page, len(before))
    assert bot_texts(page) == before


def test_keyboard_only(page: Page, assistant: Assistant, domain: Dict[str, Any]) -> None:
    open_chat(page, assistant)
    press_until(page, "Tab", "document.activeElement.id === 'question'", "the question box")
    page.keyboard.type("how much does PACER cost")
    page.keyboard.press("Enter")
    wait_for_bot_messages(page, 3)
    assert bot_texts(page)[-1] == response_text(domain, "utter_pacer_fees")
    press_until(
        page, "Shift+Tab", "document.activeElement.matches('.replies button')", "a quick reply"
    )
    title = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    wait_for_bot_messages(page, 4)
    [button] = [b for b in domain["responses"]["utter_help"][0]["buttons"] if b["title"] == title]
    assert bot_texts(page)[-1] == response_text(domain, "utter_" + button["payload"].lstrip("/"))


def test_an_answer_is_rated_by_keyboard_and_recorded_as_an_intent_with_an_entity(
    page: Page, assistant: Assistant, domain: Dict[str, Any]
) -> None:
    open_chat(page, assistant)
    expect(page.locator(".rating")).to_have_count(0)  # the greeting is not rated
    ask(page, "how do I upgrade my PACER account")
    rating = page.get_by_role("group", name="Was this answer helpful?")
    expect(rating).to_have_count(1)
    page.focus("#question")
    press_until(page, "Shift+Tab", "document.activeElement.textContent === 'No'", "the No button")
    bubbles = page.locator(".bubble").count()
    page.keyboard.press("Enter")
    wait_for_bot_messages(page, 4)
    assert bot_texts(page)[-1] == response_text(domain, "utter_rate_answer")
    page.wait_for_timeout(1000)  # nothing else comes: one bubble more, the thanks
    assert page.locator(".bubble").count() == bubbles + 1
    expect(page.locator(".rating")).to_have_count(0)  # the thanks is not rated
    sender = page.evaluate("sessionStorage.getItem('ianb-chat-sender')")
    events = requests.get(
        f"{assistant.url}/conversations/{sender}/tracker",
        params={"token": assistant.api_token},
        timeout=30,
    ).json()["events"]
    said = [event["parse_data"] for event in events if event["event"] == "user"]
    assert said[-1]["intent"]["name"] == "rate_answer"
    assert [(e["entity"], e["value"]) for e in said[-1]["entities"]] == [("rating", "no")]
    assert said[-2]["text"] == "how do I upgrade my PACER account"


def test_the_rating_buttons_fit_a_phone_screen_and_go_with_the_next_question(
    browser: Browser, assistant: Assistant
) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740})
    phone = context.new_page()
    open_chat(phone, assistant)
    ask(phone, "what are the clerk's office hours?")
    for name in ("Yes, this answer was helpful", "No, this answer was not helpful"):
        box = phone.get_by_role("button", name=name).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 375 and box["height"] >= 24
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    phone.screenshot(path=str(SCREENSHOTS / "chat-rating-phone.png"), full_page=True)
    ask(phone, "how much does PACER cost")
    expect(phone.locator(".rating")).to_have_count(1)  # only under the latest answer
    context.close()


def test_html_typed_by_a_visitor_is_shown_as_text_and_runs_nothing(
    page: Page, assistant: Assistant
) -> None:
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_chat(page, assistant)
    attack = "<img src=x onerror=alert(1)>"
    ask(page, attack)
    expect(page.locator(".bubble.me .text").last).to_have_text(attack)
    assert page.locator("#log img").count() == 0 and dialogs == []


def test_the_page_works_on_a_phone_screen(browser: Browser, assistant: Assistant) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740})
    phone = context.new_page()
    open_chat(phone, assistant)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    phone.screenshot(path=str(SCREENSHOTS / "chat-phone.png"), full_page=True)
    context.close()


def test_the_transcript_downloads_as_text(page: Page, assistant: Assistant) -> None:
    open_chat(page, assistant)
    ask(page, "what is McVCIS")
    with page.expect_download() as download:
        page.click("#transcript")
    text = Path(download.value.path()).read_text()
    assert "You: what is McVCIS" in text and fact("case_information_by_phone.phone") in text


def test_the_notice_warns_against_personal_data(page: Page, assistant: Assistant) -> None:
    open_chat(page, assistant)
    notice = page.locator("#notice").inner_text()
    assert "not legal advice" in notice and "Social Security numbers" in notice


@pytest.fixture
def unreachable_assistant_page(tmp_path: Path) -> Iterator[str]:
    """A web page server whose Rasa address has nothing listening."""
    web_port = free_port()
    web = start_web(tmp_path, web_port, f"http://127.0.0.1:{free_port()}", "")
    yield f"http://127.0.0.1:{web_port}"
    stop(web)


def test_when_the_server_cannot_be_reached_both_clerk_numbers_are_shown(
    page: Page, unreachable_assistant_page: str
) -> None:
    page.goto(unreachable_assistant_page + "/")
    wait_for_bot_messages(page, 2)
    for text in bot_texts(page):
        assert "cannot be reached" in text
        assert (
            fact("offices.cedar_rapids.phone") in text and fact("offices.sioux_city.phone") in text
        )


# The page in Spanish, and the language switch.


def test_the_page_texts_are_written_in_both_languages_and_all_used() -> None:
    """Each text of web/page_text.yml has its English and its Spanish, and each {{key}} the
    page names is one of them: the page server refuses a page with a text missing."""
    for key, versions in PAGE_TEXT.items():
        assert set(versions) == {"en", "es"} and all(versions.values()), key
    page = (PROJECT_ROOT / "web" / "index.html").read_text(encoding="utf-8")
    named = set(re.findall(r"\{\{([a-z_]+)\}\}", page))
    made_by_the_server = {"language", "other_language", "other_path", "page_text"}
    assert named - made_by_the_server <= set(PAGE_TEXT)


def test_the_spanish_page_is_sent_in_spanish_with_the_facts_in_spanish(
    unreachable_assistant_page: str,
) -> None:
    """/es/ as the server sends it, before any script runs: what a search engine, a browser
    without JavaScript or a screen reader's first reading gets."""
    reply = requests.get(unreachable_assistant_page + "/es/", timeout=30)
    page = reply.text
    assert reply.headers["Content-Language"] == "es"
    assert '<html lang="es">' in page
    for spanish in ("Mesa de ayuda", "Su pregunta", "Enviar", "no asesoría legal", "Seguro Social"):
        assert spanish in page
    assert fact("court.name", "es") in page and fact("court.name") not in page.split("page-text")[0]
    footer = re.search(r"<footer>(.*?)</footer>", page, re.S).group(1)
    assert "Oficinas del secretario" in footer and CR_PHONE in footer and SC_PHONE in footer
    assert fact("office_hours.days", "es") in footer and fact("office_hours.days") not in footer
    # The texts chat.js shows: the offline message with the clerk's numbers, said in Spanish.
    data = re.search(r'<script type="application/json" id="page-text">(.*?)</script>', page, re.S)
    offline = json.loads(data.group(1))["es"]["offline"]
    assert "no es posible comunicarse" in offline and CR_PHONE in offline and SC_PHONE in offline
    assert fact("office_hours.days", "es") in offline
    assert not re.search(r"\{\{[a-z_]+\}\}|\{[a-z_]+\.[a-z_.]+\}", page)  # all filled in
    english = requests.get(unreachable_assistant_page + "/", timeout=30)
    assert english.headers["Content-Language"] == "en" and '<html lang="en">' in english.text
    moved = requests.get(unreachable_assistant_page + "/es", timeout=30, allow_redirects=False)
    assert moved.status_code == 301 and moved.headers["Location"] == "/es/"


def test_when_the_server_cannot_be_reached_the_spanish_page_gives_the_numbers_in_spanish(
    page: Page, unreachable_assistant_page: str
) -> None:
    page.goto(unreachable_assistant_page + "/es/")
    wait_for_bot_messages(page, 2)
    assert page.evaluate("document.documentElement.lang") == "es"
    for text in bot_texts(page):
        assert text == page_text("offline", "es")
        assert CR_PHONE in text and SC_PHONE in text and fact("office_hours.days", "es") in text


def test_a_browser_that_prefers_spanish_gets_the_page_in_spanish_and_no_language_change(
    browser: Browser, unreachable_assistant_page: str
) -> None:
    """The browser's preference sets the page's texts only: the conversation's language is
    the visitor's to choose, by writing or by the switch."""
    context = browser.new_context(locale="es-MX")
    page = context.new_page()
    sent: List[Dict[str, Any]] = []
    page.on("request", lambda r: sent.append(r.post_data_json) if is_message_to_rasa(r) else 0)
    page.goto(unreachable_assistant_page + "/")
    wait_for_bot_messages(page, 2)
    assert page.evaluate("document.documentElement.lang") == "es"
    expect(page.locator("h1")).to_have_text(page_text("heading", "es"))
    expect(page.get_by_role("link", name="English")).to_have_attribute("lang", "en")
    assert bot_texts(page) == [page_text("offline", "es")] * 2
    assert [message["message"] for message in sent] == ["/greet", "/help"]
    assert all(message["metadata"] == {"language": "es"} for message in sent)
    context.close()


@pytest.mark.parametrize("path", ["/", "/es/"])
def test_the_page_passes_the_accessibility_audit_in_each_language(
    page: Page, assistant: Assistant, path: str
) -> None:
    """axe-core finds nothing wrong, with an answer, its quick replies and its rating shown."""
    open_chat(page, assistant, path)
    ask(page, "what are the clerk's office hours?")
    expect(page.locator(".rating")).to_have_count(1)
    assert accessibility_violations(page) == []


def test_the_language_switch_changes_the_page_and_the_conversation_not_the_log(
    page: Page, assistant: Assistant
) -> None:
    """Español: the page in Spanish at once, the conversation told through the same REST call
    and sender, the log kept, the choice kept for the tab; English again by keyboard."""
    open_chat(page, assistant)
    ask(page, "what is nextgen")
    before = bot_texts(page)
    sender = page.evaluate("sessionStorage.getItem('ianb-chat-sender')")
    switch = page.get_by_role("link", name="Español")
    expect(switch).to_have_attribute("lang", "es")
    with page.expect_request(is_message_to_rasa) as told:
        switch.click()
    assert told.value.post_data_json == {
        "sender": sender,
        "message": '/choose_language{"language": "es"}',
        "metadata": {"language": "es"},
    }
    wait_for_bot_messages(page, len(before) + 1)  # the assistant's confirmation joins the log
    assert bot_texts(page)[: len(before)] == before
    assert page.evaluate("document.documentElement.lang") == "es"
    for selector, key in [
        ("h1", "heading"),
        ("label[for=question]", "question_label"),
        ("button[type=submit]", "send"),
        ("#notice", "notice"),
        ("#transcript", "transcript_button"),
        ("footer", "footer"),
    ]:
        expect(page.locator(selector)).to_have_text(page_text(key, "es"))
    expect(page.locator("#question")).to_have_attribute(
        "placeholder", page_text("question_example", "es")
    )
    expect(page.get_by_role("log")).to_have_attribute("aria-label", page_text("log_label", "es"))
    expect(page.locator(".bubble.bot .sr-only").first).to_have_text("Asistente: ")
    assert page.title() == page_text("title", "es")
    assert fact("court.name", "es") in page.locator(".court").inner_text()
    assert page.url.endswith("/es/")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "chat-switched-es.png"), full_page=True)
    assert accessibility_violations(page) == []

    # A reload stays in Spanish, with the same conversation, and greets no one again.
    shown = bot_texts(page)
    page.reload()
    wait_for_bot_messages(page, len(shown))
    page.wait_for_timeout(500)
    assert bot_texts(page) == shown and page.evaluate("document.documentElement.lang") == "es"
    # Every message now carries the page's language for the REST channel.
    with page.expect_request(is_message_to_rasa) as asked:
        ask(page, "what is McVCIS")
    assert asked.value.post_data_json["metadata"] == {"language": "es"}

    # Back to English by keyboard: the switch is reached by Tab and shows where focus is.
    page.focus("#question")
    press_until(page, "Shift+Tab", "document.activeElement.id === 'language-switch'", "switch")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    expect(page.locator("#language-switch")).to_have_text("English")
    expect(page.locator("#language-switch")).to_have_attribute("lang", "en")
    with page.expect_request(is_message_to_rasa) as told:
        page.keyboard.press("Enter")
    assert told.value.post_data_json["message"] == '/choose_language{"language": "en"}'
    assert told.value.post_data_json["sender"] == sender
    expect(page.locator("h1")).to_have_text(page_text("heading", "en"))
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.evaluate("sessionStorage.getItem('ianb-chat-language')") == "en"


def test_the_rating_and_the_transcript_speak_the_pages_language(
    page: Page, assistant: Assistant
) -> None:
    open_chat(page, assistant, "/es/")
    ask(page, "what is McVCIS")
    rating = page.get_by_role("group", name=page_text("rating_group", "es"))
    expect(rating).to_have_count(1)
    expect(rating.get_by_role("button", name="Sí, esta respuesta fue útil")).to_have_text("Sí")
    expect(rating.get_by_role("button", name="No, esta respuesta no fue útil")).to_have_count(1)
    with page.expect_download() as download:
        page.click("#transcript")
    assert download.value.suggested_filename == page_text("transcript_file", "es")
    text = Path(download.value.path()).read_text()
    assert "Usted: what is McVCIS" in text and "Asistente: " in text
    assert "You: " not in text


def test_the_spanish_page_works_on_a_phone_screen(browser: Browser, assistant: Assistant) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740})
    phone = context.new_page()
    open_chat(phone, assistant, "/es/")
    ask(phone, "what are the clerk's office hours?")
    for name in (page_text("rating_yes_label", "es"), page_text("rating_no_label", "es")):
        box = phone.get_by_role("button", name=name).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 375 and box["height"] >= 24
    box = phone.get_by_role("link", name="English").bounding_box()
    assert box and box["x"] + box["width"] <= 375 and box["height"] >= 24
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / "chat-phone-es.png"), full_page=True)
    context.close()


# These need the model trained with the Spanish answers (issue 19).


def test_spanish_answers_after_the_switch(
    page: Page, assistant: Assistant, domain: Dict[str, Any]
) -> None:
    """Switched to Español, a question in Spanish gets its answer in Spanish, with the facts."""
    open_chat(page, assistant)
    page.get_by_role("link", name="Español").click()
    wait_for_bot_messages(page, 3)
    assert bot_texts(page)[-1] == spanish_response_text(domain, "utter_choose_language")
    answer = ask(page, "se me olvidó la contraseña de PACER, ¿qué hago?")
    assert fact("pacer.service_center.phone") in answer
    assert re.search(r"\b(contraseña|oficina|secretario)\b", answer, re.I)
    assert not re.search(r"\b(the|phone|office)\b", answer)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "chat-spanish-answer.png"), full_page=True)


def test_spanish_answers_from_the_start_on_the_spanish_page(
    page: Page, assistant: Assistant, domain: Dict[str, Any]
) -> None:
    """/es/ is a choice of Spanish: the greeting and the topics come in Spanish, and the
    confirmation of the language, which nobody asked to see, is not shown."""
    open_chat(page, assistant, "/es/")
    page.wait_for_timeout(1000)
    assert bot_texts(page) == [
        spanish_response_text(domain, "utter_greet"),
        spanish_response_text(domain, "utter_help"),
    ]
