"""Serve the chat page and the clerk page (web/) on WEB_PORT, with what the pages need to know.

/config.json tells the pages where Rasa is (same host as the page, RASA_PORT; or RASA_URL)
and whether its token-protected API is on (RASA_API_TOKEN set); /answers.json is the answer
book's intent -> answer map (build/answers.json), read by the clerk page. Every page is sent
with a Content-Security-Policy that allows scripts from this server only.

The chat page speaks English at / and Spanish at /es/. Its texts are kept in
web/page_text.yml, both languages side by side; the page's {{key}} markers are filled in the
page's language, and both sets go into the page as JSON (a data block, not a script) for
chat.js's language switch, so that switching needs no request and no reload. The pages name
the clerk's numbers and hours by their path in facts/court.yml ({offices.cedar_rapids.phone}),
filled in as each page is sent, each said in its text's language.

Usage (from the project root): python -m serve.web
"""

import html
import json
import os
import re
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Dict, Tuple

import yaml

from facts import LANGUAGES, render

PROJECT = Path(__file__).resolve().parent.parent
WEB_DIR = PROJECT / "web"
PAGE_TEXT = WEB_DIR / "page_text.yml"
ANSWERS = PROJECT / "build" / "answers.json"
# The chat page's address in each language; "/" is also where a visitor without a choice
# lands (chat.js then follows the browser's preferred language).
CHAT_PATHS = {"en": "/", "es": "/es/"}
# The pages, by the paths they are asked for, with the language each is sent in.
PAGES: Dict[str, Tuple[str, str]] = {
    "/": ("index.html", "en"),
    "/index.html": ("index.html", "en"),
    "/es/": ("index.html", "es"),
    "/es/index.html": ("index.html", "es"),
    "/clerk.html": ("clerk.html", "en"),
}
# {{key}} of page_text.yml in a page. No dot inside, so facts' {a.b} placeholders never match.
MARKER = re.compile(r"\{\{([a-z_]+)\}\}")


class PageTextError(KeyError):
    """page_text.yml lacks a language of a text, or a page names a text it does not have."""


def page_texts() -> Dict[str, Dict[str, str]]:
    """language -> key -> the page's text in that language, its facts said in that language.
    Read at each request, like the pages, so an edited text shows without a restart."""
    written = yaml.safe_load(PAGE_TEXT.read_text(encoding="utf-8"))
    texts: Dict[str, Dict[str, str]] = {language: {} for language in LANGUAGES}
    for key, versions in written.items():
        for language in LANGUAGES:
            if not isinstance(versions, dict) or language not in versions:
                raise PageTextError(f"web/page_text.yml: {key} has no {language!r} text")
            texts[language][key] = render(str(versions[language]), language)
    return texts


def other(language: str) -> str:
    """The language the switch offers on a page in `language`."""
    return next(each for each in LANGUAGES if each != language)


def as_data_block(texts: Dict[str, Dict[str, str]]) -> str:
    """Both languages' texts as JSON safe inside <script type="application/json">: "<" is
    escaped, so no text can close the element."""
    data = {
        language: {**strings, "path": CHAT_PATHS[language]} for language, strings in texts.items()
    }
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")


def render_page(name: str, language: str) -> str:
    """A page of web/ in `language`: its {{key}} texts (HTML-escaped), then its facts."""
    template = (WEB_DIR / name).read_text(encoding="utf-8")
    if not MARKER.search(template):
        return render(template, language)
    texts = page_texts()
    fields = {key: html.escape(text) for key, text in texts[language].items()}
    fields.update(
        language=language,
        other_language=other(language),
        other_path=CHAT_PATHS[other(language)],
        page_text=as_data_block(texts),
    )

    def field(match: re.Match) -> str:
        if match.group(1) not in fields:
            raise PageTextError(f"web/{name}: {{{{{match.group(1)}}}}} is not in page_text.yml")
        return fields[match.group(1)]

    return render(MARKER.sub(field, template), language)


class PageHandler(SimpleHTTPRequestHandler):
    """Static files from web/, plus /config.json and /answers.json."""

    def rasa_url(self) -> str:
        host = (self.headers.get("Host") or "localhost").rsplit(":", 1)[0]
        return os.environ.get("RASA_URL") or f"http://{host}:{os.environ.get('RASA_PORT', '5005')}"

    def end_headers(self) -> None:
        self.send_header(
            "Content-Security-Policy",
            f"default-src 'self'; connect-src 'self' {self.rasa_url()}; object-src 'none'",
        )
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def send_body(self, data: bytes, content_type: str, language: str = "") -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        if language:
            self.send_header("Content-Language", language)
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def send_json(self, body: Dict) -> None:
        self.send_body(json.dumps(body).encode(), "application/json")

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/config.json":
            api_enabled = bool(os.environ.get("RASA_API_TOKEN"))
            self.send_json({"rasa_url": self.rasa_url(), "api_enabled": api_enabled})
        elif path == "/answers.json":
            self.send_json(json.loads(ANSWERS.read_text()) if ANSWERS.exists() else {})
        elif path in PAGES:
            name, language = PAGES[path]
            page = render_page(name, language)
            self.send_body(page.encode(), "text/html; charset=utf-8", language)
        elif path + "/" in PAGES:
            # "/es" is the Spanish page's address without its slash.
            self.send_response(301)
            self.send_header("Location", path + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            super().do_GET()


def main() -> None:
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("WEB_PORT", "8080"))
    server = ThreadingHTTPServer((host, port), partial(PageHandler, directory=str(WEB_DIR)))
    print(
        f"Chat page on http://{host}:{port}/ (Spanish: /es/), "
        f"clerk page on http://{host}:{port}/clerk.html"
    )
    server.serve_forever()


if __name__ == "__main__":
    main()
