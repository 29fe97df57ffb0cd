"""Serve the chat page (web/) and clerk staff's workspace (/clerk/) on WEB_PORT.

/config.json tells the chat page where Rasa is (same host as the page, RASA_PORT; or
RASA_URL). Everything under /clerk/ is the clerk workspace (serve/clerk/): signed in, it reads
the tracker store and asks Rasa's token-protected API from here. Every page is sent with a
Content-Security-Policy that allows scripts, styles and forms from this server only, and no
framing by another site.

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
from http.cookies import SimpleCookie
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Dict, Tuple
from urllib.parse import parse_qsl

import yaml

from facts import LANGUAGES, render
from serve.clerk.area import (
    ClerkArea,
    Reply,
    Request,
    answer_book,
    from_environment,
    parse_form,
)

PROJECT = Path(__file__).resolve().parent.parent
WEB_DIR = PROJECT / "web"
PAGE_TEXT = WEB_DIR / "page_text.yml"
# The chat page's address in each language; "/" is also where a visitor without a choice
# lands (chat.js then follows the browser's preferred language).
CHAT_PATHS = {"en": "/", "es": "/es/"}
# The pages, by the paths they are asked for, with the language each is sent in.
PAGES: Dict[str, Tuple[str, str]] = {
    "/": ("index.html", "en"),
    "/index.html": ("index.html", "en"),
    "/es/": ("index.html", "es"),
    "/es/index.html": ("index.html", "es"),
}
# Old addresses, and where they are now: the clerk page that took a token is the workspace's
# "try a question".
MOVED = {"/clerk.html": "/clerk/try", "/clerk": "/clerk/", "/es": "/es/"}
# The largest form the clerk pages take (a question is at most 5,000 characters).
LARGEST_FORM_BYTES = 64 * 1024
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
    """Static files from web/, /config.json, the chat page in each language, and /clerk/."""

    clerk: ClerkArea

    def rasa_url(self) -> str:
        host = (self.headers.get("Host") or "localhost").rsplit(":", 1)[0]
        return os.environ.get("RASA_URL") or f"http://{host}:{os.environ.get('RASA_PORT', '5005')}"

    def end_headers(self) -> None:
        self.send_header(
            "Content-Security-Policy",
            f"default-src 'self'; connect-src 'self' {self.rasa_url()}; object-src 'none'; "
            "form-action 'self'; frame-ancestors 'none'",
        )
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "same-origin")
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

    def send_reply(self, reply: Reply) -> None:
        """A clerk page's reply, never cached: it holds what visitors asked."""
        data = reply.body.encode()
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Cache-Control", "no-store")
        for header, value in reply.headers:
            self.send_header(header, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def clerk_request(self, form: Dict[str, str]) -> Request:
        path, _, query = self.path.partition("?")
        jar = SimpleCookie(self.headers.get("Cookie") or "")
        return Request(
            self.command,
            path,
            dict(parse_qsl(query)),
            form,
            {key: morsel.value for key, morsel in jar.items()},
            self.client_address[0],
            self.headers.get("X-Forwarded-Proto", "").lower() == "https",
        )

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/config.json":
            self.send_json({"rasa_url": self.rasa_url()})
        elif path in PAGES:
            name, language = PAGES[path]
            page = render_page(name, language)
            self.send_body(page.encode(), "text/html; charset=utf-8", language)
        elif path in MOVED:
            self.send_reply(Reply(301, "", headers=[("Location", MOVED[path])]))
        elif path.startswith("/clerk/"):
            self.send_reply(self.clerk.handle(self.clerk_request({})))
        else:
            super().do_GET()

    def do_POST(self) -> None:
        length = self.headers.get("Content-Length", "")
        if not self.path.startswith("/clerk/"):
            self.send_reply(Reply(405, "Only the clerk pages take forms.", "text/plain"))
        elif not length.isdigit():
            self.send_reply(Reply(411, "Send the form with its Content-Length.", "text/plain"))
        elif int(length) > LARGEST_FORM_BYTES:
            self.send_reply(Reply(413, "The form is too large.", "text/plain"))
        else:
            form = parse_form(self.rfile.read(int(length)))
            self.send_reply(self.clerk.handle(self.clerk_request(form)))


def main() -> None:
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("WEB_PORT", "8080"))
    PageHandler.clerk = from_environment()
    # Built now, not on a clerk's first visit to the answer book.
    answer_book()
    server = ThreadingHTTPServer((host, port), partial(PageHandler, directory=str(WEB_DIR)))
    print(
        f"Chat page on http://{host}:{port}/ (Spanish: /es/), "
        f"clerk workspace on http://{host}:{port}/clerk/"
    )
    server.serve_forever()


if __name__ == "__main__":
    main()
