"""Serve the chat page and the clerk page (web/) on WEB_PORT, with what the pages need to know.

/config.json tells the pages where Rasa is (same host as the page, RASA_PORT; or RASA_URL)
and whether its token-protected API is on (RASA_API_TOKEN set); /answers.json is the answer
book's intent -> answer map (build/answers.json), read by the clerk page. The pages name the
clerk's numbers and hours by their path in facts/court.yml ({offices.cedar_rapids.phone}),
filled in as each page is sent. Every page is sent with a Content-Security-Policy that allows
scripts from this server only.

Usage (from the project root): python -m serve.web
"""

import json
import os
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Dict

from facts import render

PROJECT = Path(__file__).resolve().parent.parent
WEB_DIR = PROJECT / "web"
ANSWERS = PROJECT / "build" / "answers.json"
# The pages, by the paths they are asked for; their {fact.path} placeholders are filled in.
PAGES = {"/": "index.html", "/index.html": "index.html", "/clerk.html": "clerk.html"}


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

    def send_body(self, data: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
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
            page = render((WEB_DIR / PAGES[path]).read_text(encoding="utf-8"))
            self.send_body(page.encode(), "text/html; charset=utf-8")
        else:
            super().do_GET()


def main() -> None:
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("WEB_PORT", "8080"))
    server = ThreadingHTTPServer((host, port), partial(PageHandler, directory=str(WEB_DIR)))
    print(f"Chat page on http://{host}:{port}/ , clerk page on http://{host}:{port}/clerk.html")
    server.serve_forever()


if __name__ == "__main__":
    main()
