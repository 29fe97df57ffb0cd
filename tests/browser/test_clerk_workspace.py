"""Clerk staff's workspace (/clerk/) in Chromium against the running assistant: a visitor's
declined question is under the missed questions within seconds and opens as the visitor saw
it; without a session every clerk address gets the sign-in form (its API a 401); a form
without its CSRF token is refused; the tenth wrong password in a minute waits; and the pages
pass axe-core, work by keyboard, on a phone and on paper."""

import time
from typing import Any, Dict, Iterator

import pytest
import requests
from browsing import SCREENSHOTS, accessibility_violations, ask, open_chat, press_until
from playwright.sync_api import Browser, Page, expect

from conversations.reports import DECLINED, missed_texts
from serve.clerk.sessions import ATTEMPTS
from serve.servers import CLERK_NAME, Assistant
from support import response_text

# Every page of the workspace, and what its API answers, by address.
CLERK_PAGES = [
    "/clerk/",
    "/clerk/missed",
    "/clerk/missed?days=30",
    "/clerk/answers",
    "/clerk/try",
    "/clerk/downloads",
    "/clerk/downloads/review.csv",
    "/clerk/downloads/review-nlu.yml",
    "/clerk/conversations/anyone",
    "/clerk/no-such-page",
]
API_PATHS = ["/clerk/api/summary.json", "/clerk/api/no-such-thing"]
DECLINE = next(text for text, kind in missed_texts().items() if kind == DECLINED)
OFF_TOPIC = "what's the weather like in Des Moines tomorrow"
SECONDS_TO_APPEAR = 10


def sign_in(page: Page, assistant: Assistant, address: str = "/clerk/") -> None:
    """Ask for a clerk page, get the sign-in form, sign in: the page asked for opens."""
    page.goto(assistant.web_url + address)
    page.fill("#name", CLERK_NAME)
    page.fill("#password", assistant.clerk_password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name=f"Sign out {CLERK_NAME}")).to_be_visible()


@pytest.fixture
def clerk(browser: Browser, assistant: Assistant) -> Iterator[Page]:
    """A signed-in clerk's page, in a browser context of its own."""
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    sign_in(page, assistant)
    yield page
    context.close()


def test_a_declined_question_is_missed_and_opens_as_the_visitor_saw_it(
    page: Page, browser: Browser, assistant: Assistant
) -> None:
    open_chat(page, assistant)
    assert ask(page, OFF_TOPIC).startswith(DECLINE)
    visitor = page.evaluate("sessionStorage.getItem('ianb-chat-sender')")

    context = browser.new_context()
    clerk = context.new_page()
    sign_in(clerk, assistant, "/clerk/missed?days=1")
    assert clerk.url.endswith("/clerk/missed?days=1")
    deadline = time.monotonic() + SECONDS_TO_APPEAR
    while not clerk.get_by_role("link", name=visitor).count() and time.monotonic() < deadline:
        clerk.reload()
    group = clerk.locator(".missed li", has_text=OFF_TOPIC)
    expect(group.get_by_role("link", name=visitor)).to_be_visible()
    clerk.screenshot(path=str(SCREENSHOTS / "clerk-missed.png"), full_page=True)

    group.get_by_role("link", name=visitor).click()
    transcript = clerk.locator(".transcript li")
    expect(transcript.first).to_contain_text("(opened the chat)")
    expect(transcript.filter(has_text=OFF_TOPIC)).to_have_count(1)
    expect(transcript.filter(has_text=DECLINE[:40])).to_have_count(1)
    clerk.screenshot(path=str(SCREENSHOTS / "clerk-conversation.png"), full_page=True)

    clerk.get_by_role("button", name=f"Sign out {CLERK_NAME}").click()
    expect(clerk.get_by_role("alert")).to_have_text("You have signed out.")
    clerk.goto(assistant.web_url + "/clerk/missed")
    expect(clerk.get_by_role("heading", name="Sign in")).to_be_visible()
    context.close()


@pytest.mark.parametrize("address", CLERK_PAGES)
def test_without_a_session_every_clerk_page_is_the_sign_in_form(
    page: Page, assistant: Assistant, address: str
) -> None:
    response = page.goto(assistant.web_url + address)
    assert response is not None and response.status == 401
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    assert page.locator("#password").count() == 1


@pytest.mark.parametrize("address", API_PATHS)
def test_without_a_session_the_api_answers_401(page: Page, assistant: Assistant, address: str):
    response = page.request.get(assistant.web_url + address)
    assert response.status == 401 and response.json() == {"error": "sign in first"}


def test_a_form_without_its_csrf_token_is_refused(clerk: Page, assistant: Assistant) -> None:
    forged = clerk.request.post(assistant.web_url + "/clerk/try", form={"question": "hello"})
    assert forged.status == 403 and "not sent from this workspace" in forged.text()
    wrong = {"question": "hello", "csrf": "made-up"}
    assert clerk.request.post(assistant.web_url + "/clerk/try", form=wrong).status == 403
    sign_out = clerk.request.post(assistant.web_url + "/clerk/sign-out", form={})
    assert sign_out.status == 403
    clerk.goto(assistant.web_url + "/clerk/")
    expect(clerk.get_by_role("button", name=f"Sign out {CLERK_NAME}")).to_be_visible()


def test_a_sign_in_without_its_form_token_is_refused(assistant: Assistant) -> None:
    fields = {"name": CLERK_NAME, "password": assistant.clerk_password, "next": "/clerk/"}
    reply = requests.post(assistant.web_url + "/clerk/sign-in", data=fields, timeout=30)
    assert reply.status_code == 403 and "clerk_session" not in reply.headers.get("Set-Cookie", "")


def test_the_tenth_wrong_password_in_a_minute_waits(page: Page, assistant: Assistant) -> None:
    page.goto(assistant.web_url + "/clerk/")
    for _ in range(ATTEMPTS):
        page.fill("#name", "guesser")
        page.fill("#password", "not the password")
        with page.expect_response("**/clerk/sign-in") as answered:
            page.get_by_role("button", name="Sign in").click()
        assert answered.value.status == 401
        expect(page.get_by_role("alert")).to_have_text("Wrong name or password.")
    page.fill("#name", "guesser")
    page.fill("#password", "not the password")
    with page.expect_response("**/clerk/sign-in") as answered:
        page.get_by_role("button", name="Sign in").click()
    assert answered.value.status == 429
    assert 0 < int(answered.value.headers["retry-after"]) <= 60
    expect(page.get_by_role("alert")).to_contain_text("Too many wrong passwords")


def test_the_session_cookie_is_http_only_and_same_site(clerk: Page) -> None:
    [session] = [c for c in clerk.context.cookies() if c["name"] == "clerk_session"]
    assert session["httpOnly"] and session["sameSite"] == "Strict" and session["path"] == "/clerk/"
    assert clerk.evaluate("document.cookie") == ""


def test_try_a_question_asks_the_assistant_from_the_server(
    clerk: Page, assistant: Assistant, domain: Dict[str, Any]
) -> None:
    clerk.goto(assistant.web_url + "/clerk/try")
    clerk.fill("#question", "do I have to upgrade my old PACER account?")
    clerk.get_by_role("button", name="Try it").click()
    answer = clerk.locator("section .bubble.bot")
    expect(answer).to_have_text(response_text(domain, "utter_pacer_upgrade"))
    details = clerk.locator("dl").inner_text()
    assert "pacer_upgrade" in details and "%" in details and "Overruled by" in details
    assert assistant.api_token not in clerk.content()
    clerk.screenshot(path=str(SCREENSHOTS / "clerk-try.png"), full_page=True)


def test_the_missed_questions_download_as_csv(clerk: Page, assistant: Assistant) -> None:
    clerk.goto(assistant.web_url + "/clerk/downloads")
    with clerk.expect_download() as download:
        clerk.get_by_role("link", name="review.csv").click()
    text = download.value.path().read_text(encoding="utf-8")
    assert text.startswith("what the assistant did,group,date,time,conversation,message")


def test_each_clerk_page_passes_the_accessibility_audit(clerk: Page, assistant: Assistant) -> None:
    clerk.goto(assistant.web_url + "/clerk/try")
    clerk.fill("#question", "what are your hours")
    clerk.get_by_role("button", name="Try it").click()
    expect(clerk.locator("section .bubble.bot")).to_be_visible()
    found = {"/clerk/try (answered)": accessibility_violations(clerk)}
    for address in ["/clerk/", "/clerk/missed?days=30", "/clerk/answers", "/clerk/downloads"]:
        clerk.goto(assistant.web_url + address)
        found[address] = accessibility_violations(clerk)
    clerk.goto(assistant.web_url + "/clerk/")
    clerk.screenshot(path=str(SCREENSHOTS / "clerk-overview.png"), full_page=True)
    clerk.get_by_role("button", name=f"Sign out {CLERK_NAME}").click()
    found["sign-in"] = accessibility_violations(clerk)
    assert {address: v for address, v in found.items() if v} == {}


def test_a_clerk_signs_in_and_finds_the_missed_questions_by_keyboard(
    page: Page, assistant: Assistant
) -> None:
    page.goto(assistant.web_url + "/clerk/")
    press_until(page, "Tab", "document.activeElement.id === 'name'", "the name field")
    page.keyboard.type(CLERK_NAME)
    page.keyboard.press("Tab")
    page.keyboard.type(assistant.clerk_password)
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name=f"Sign out {CLERK_NAME}")).to_be_visible()
    press_until(
        page,
        "Tab",
        "document.activeElement.textContent === 'Missed questions'",
        "the Missed questions link",
    )
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Missed questions")).to_be_visible()


def test_the_pages_fit_a_phone_and_print_without_the_menu(
    browser: Browser, assistant: Assistant
) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740})
    phone = context.new_page()
    sign_in(phone, assistant)
    for address in ["/clerk/", "/clerk/missed?days=30", "/clerk/answers", "/clerk/try"]:
        phone.goto(assistant.web_url + address)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, (address, width)
    phone.screenshot(path=str(SCREENSHOTS / "clerk-phone.png"), full_page=True)
    phone.goto(assistant.web_url + "/clerk/")
    phone.emulate_media(media="print")
    expect(phone.get_by_role("navigation", name="Clerk pages")).to_be_hidden()
    expect(phone.get_by_role("button", name=f"Sign out {CLERK_NAME}")).to_be_hidden()
    expect(phone.get_by_role("table")).to_be_visible()
    context.close()
