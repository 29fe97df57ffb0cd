"""Chromium for the browser tests, and a new browser context (its own cookies) per test."""

from typing import Iterator

import pytest
from browsing import CHROMIUM, CHROMIUM_FLAGS
from playwright.sync_api import Browser, Page, sync_playwright


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
