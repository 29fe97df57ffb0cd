"""What the browser tests share: Debian's Chromium and how it is started, the chat page's
moves (ask, wait for the answer, press keys until somewhere), and the axe-core audit."""

from typing import List

import pytest
from playwright.sync_api import Page, expect

from serve.servers import Assistant
from support import PROJECT_ROOT

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


def open_chat(page: Page, assistant: Assistant, path: str = "/") -> None:
    page.goto(assistant.web_url + path)
    wait_for_bot_messages(page, 2)


def accessibility_violations(page: Page) -> List[str]:
    """What axe-core finds wrong on the page as it is now, one line per rule broken. axe-core
    is the local file that the axe-playwright-python package ships, evaluated in the page by
    Playwright (the page's Content-Security-Policy would refuse an added script element)."""
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    return [
        f"{v['id']}: {v['help']}: {[node['target'] for node in v['nodes']]}" for v in violations
    ]
