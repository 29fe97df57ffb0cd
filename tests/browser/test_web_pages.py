"""The chat page and the clerk page in a real browser (Debian's Chromium, driven by
Playwright) against the real servers. Screenshots of each page go to build/screenshots/."""

from pathlib import Path
from typing import Any, Dict, Iterator

import pytest
import requests
from playwright.sync_api import Browser, Page, expect, sync_playwright

from facts import fact
from serve.servers import Assistant, free_port, start_web, stop
from support import PROJECT_ROOT, response_text

CHROMIUM = "/usr/bin/chromium"
# The page has a handful of focusable elements; more presses than this means focus is lost.
MAX_TAB_PRESSES = 25
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
SCREENSHOTS = PROJECT_ROOT / "build" / "screenshots"
ANSWER_TIMEOUT_MS = 20000


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Chromium for this module's tests. Module-scoped: Playwright's synchronous API keeps an
    event loop running until it is closed, which other modules' asyncio.run() cannot share."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()


def bot_texts(page: Page) -> list:
    return page.locator(".bubble.bot .text").all_inner_texts()


def wait_for_bot_messages(page: Page, count: int) -> None:
    expect(page.locator(".bubble.bot .text")).to_have_count(count, timeout=ANSWER_TIMEOUT_MS)


def ask(page: Page, question: str) -> str:
    """Type a question, press Enter, return the answer that appears."""
    before = page.locator(".bubble.bot .text").count()
    page.fill("#question", question)
    page.press("#question", "Enter")
    wait_for_bot_messages(page, before + 1)
    return bot_texts(page)[-1]


def press_until(page: Page, key: str, reached: str, what: str) -> None:
    """Press `key` until the JavaScript condition `reached` holds, as a keyboard user moves
    through the page; fail when `what` is not reached in MAX_TAB_PRESSES presses."""
    for _ in range(MAX_TAB_PRESSES):
        page.keyboard.press(key)
        if page.evaluate(reached):
            return
    pytest.fail(f"{what} was not reached in {MAX_TAB_PRESSES} presses of {key}")


def open_chat(page: Page, assistant: Assistant) -> None:
    page.goto(assistant.web_url + "/")
    wait_for_bot_messages(page, 2)


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


def test_the_clerk_page_shows_intent_confidence_and_answer(
    page: Page, assistant: Assistant, domain: Dict[str, Any]
) -> None:
    page.goto(assistant.web_url + "/clerk.html")
    page.fill("#token", assistant.api_token)
    page.fill("#clerk-question", "do I have to upgrade my old PACER account?")
    page.click("text=Try it")
    expect(page.locator("#intent")).to_have_text("pacer_upgrade", timeout=ANSWER_TIMEOUT_MS)
    assert page.locator("#confidence").inner_text().endswith("%")
    assert page.locator("#answer").inner_text() == response_text(domain, "utter_pacer_upgrade")
    page.screenshot(path=str(SCREENSHOTS / "clerk.png"), full_page=True)


def test_the_clerk_page_refuses_a_wrong_token(page: Page, assistant: Assistant) -> None:
    page.goto(assistant.web_url + "/clerk.html")
    page.fill("#token", "not-the-token")
    page.fill("#clerk-question", "hello")
    page.click("text=Try it")
    expect(page.locator("#error")).to_have_text(
        "No answer: check the token, and that the assistant is running.",
        timeout=ANSWER_TIMEOUT_MS,
    )
    expect(page.locator("#result")).to_be_hidden()


def test_without_a_token_the_clerk_page_says_how_to_turn_the_api_on(
    page: Page, unreachable_assistant_page: str
) -> None:
    page.goto(unreachable_assistant_page + "/clerk.html")
    expect(page.locator("#api-off")).to_be_visible()
    assert "RASA_API_TOKEN" in page.locator("#api-off").inner_text()
