"""The clerk area of the page server (/clerk/): which request gets which page.

Every /clerk/ address but the sign-in form needs a session: without one, a page address gets
the sign-in form (HTTP 401) and an API address (/clerk/api/) a 401 in JSON. Every POST but
the sign-in needs the session's CSRF token, else 403. The reports read the tracker store
read-only; "try a question" asks Rasa's HTTP API from here, with the token the server was
started with, so that no token is ever in a browser.
"""

import json
import os
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cache
from pathlib import Path
from typing import Callable, Dict, List, Tuple
from urllib.parse import parse_qs, unquote, urlencode

import requests
import sqlalchemy as sa

from conversations.reports import (
    Review,
    court_today,
    csv_file,
    nlu_file,
    read_review,
)
from conversations.store import ConversationStore, store_url
from generate.answer_book import build_book
from serve.clerk import accounts, pages
from serve.clerk.sessions import (
    SESSION_COOKIE,
    SIGN_IN_COOKIE,
    Session,
    Sessions,
    SignInLimiter,
    cookie,
    new_token,
    same,
)

PROJECT = Path(__file__).resolve().parents[2]
API_PREFIX = "/clerk/api/"
SIGN_IN = "/clerk/sign-in"
# What the answer book says for intents whose answer depends on the conversation.
ROUTED = (
    "(office routing: the assistant asks for, or uses, the county or town and names the office)"
)
UNCLEAR = (
    '(unclear: "Did you mean ...?" with the closest topics, the legal-advice refusal, '
    "or the out-of-scope answer)"
)
RASA_TIMEOUT_SECONDS = 15


@dataclass
class Request:
    """What the clerk area needs of an HTTP request."""

    method: str
    path: str
    query: Dict[str, str] = field(default_factory=dict)
    form: Dict[str, str] = field(default_factory=dict)
    cookies: Dict[str, str] = field(default_factory=dict)
    address: str = ""
    https: bool = False

    @property
    def target(self) -> str:
        """The address asked for, with its query: where to come back after signing in."""
        return self.path + (f"?{urlencode(self.query)}" if self.query else "")


@dataclass
class Reply:
    """The answer to send: status, body, type and any extra headers (cookies, Location)."""

    status: int
    body: str
    content_type: str = "text/html; charset=utf-8"
    headers: List[Tuple[str, str]] = field(default_factory=list)


def see_other(address: str, *headers: Tuple[str, str]) -> Reply:
    return Reply(303, "", headers=[("Location", address), *headers])


def period_days(request: Request) -> int:
    """The period asked for (?days=1, 7 or 30), 7 when it is missing or something else."""
    days = request.query.get("days", "")
    return int(days) if days.isdigit() and int(days) in pages.PERIODS else 7


def safe_next(address: str) -> str:
    """Where to go after signing in: a clerk page of this server, never elsewhere."""
    if address.startswith("/clerk/") and not address.startswith(SIGN_IN) and "//" not in address:
        return address
    return "/clerk/"


def answer_for(intent: str, answers: Dict[str, str]) -> str:
    """The answer an intent leads to, as the answer book has it."""
    if intent in ("which_office", "inform_place"):
        return ROUTED
    if intent in ("nlu_fallback", "out_of_scope"):
        return UNCLEAR
    return answers.get(intent, "(no answer found for this intent)")


@cache
def answer_book() -> Dict:
    """The answer book, built once from the project's data (as `make answers` builds it)."""
    return build_book(PROJECT)


class ClerkArea:
    """The clerk pages, their sessions and the sign-in limit; one per page server."""

    def __init__(self, store_url: str, rasa_url: str, api_token: str) -> None:
        self.store = ConversationStore(store_url)
        self.rasa_url = rasa_url
        self.api_token = api_token
        self.sessions = Sessions()
        self.limiter = SignInLimiter()
        self.get_pages: Dict[str, Callable[[Request, Session], Reply]] = {
            "/clerk/": self.overview,
            "/clerk/missed": self.missed,
            "/clerk/answers": self.answers,
            "/clerk/try": self.try_form,
            "/clerk/downloads": self.downloads,
            "/clerk/downloads/review.csv": self.download_csv,
            "/clerk/downloads/review-nlu.yml": self.download_nlu,
            "/clerk/api/summary.json": self.summary,
        }

    # Signing in and out.

    def handle(self, request: Request) -> Reply:
        """The reply to any /clerk/ request."""
        if request.path == SIGN_IN:
            return self.sign_in(request)
        session = self.sessions.find(request.cookies.get(SESSION_COOKIE))
        if session is None:
            if request.path.startswith(API_PREFIX):
                return Reply(401, json.dumps({"error": "sign in first"}), "application/json")
            return self.sign_in_form(request, request.target, status=401)
        try:
            if request.method == "POST":
                return self.post(request, session)
            return self.get(request, session)
        except sa.exc.SQLAlchemyError:
            body = (
                "<p>The stored conversations cannot be read right now: the database does not "
                "answer. The assistant itself may be affected too; tell whoever runs the "
                "server.</p>"
            )
            return self.html(503, "Conversations unavailable", body, session)

    def sign_in_form(
        self, request: Request, next_address: str, problem: str = "", status: int = 200
    ) -> Reply:
        """The sign-in form with a new token, the same in its cookie (double submit)."""
        token = new_token()
        body = pages.sign_in(token, safe_next(next_address), problem)
        return Reply(
            status, body, headers=[("Set-Cookie", cookie(SIGN_IN_COOKIE, token, request.https))]
        )

    def sign_in(self, request: Request) -> Reply:
        if request.method != "POST":
            signed_out = request.query.get("signed_out") == "1"
            problem = "You have signed out." if signed_out else ""
            return self.sign_in_form(request, request.query.get("next", "/clerk/"), problem)
        next_address = request.form.get("next", "/clerk/")
        if not same(request.form.get("sign_in"), request.cookies.get(SIGN_IN_COOKIE)):
            problem = "The form had expired. Please sign in again."
            return self.sign_in_form(request, next_address, problem, status=403)
        name = request.form.get("name", "").strip()
        wait = self.limiter.wait_seconds(name, request.address)
        if wait:
            problem = f"Too many wrong passwords. Please wait {wait} seconds and try again."
            reply = self.sign_in_form(request, next_address, problem, status=429)
            reply.headers.append(("Retry-After", str(wait)))
            return reply
        if not accounts.verify(name, request.form.get("password", "")):
            self.limiter.failed(name, request.address)
            return self.sign_in_form(request, next_address, "Wrong name or password.", 401)
        self.limiter.succeeded(name)
        token = self.sessions.start(name)
        return see_other(
            safe_next(next_address),
            ("Set-Cookie", cookie(SESSION_COOKIE, token, request.https)),
            ("Set-Cookie", cookie(SIGN_IN_COOKIE, "", request.https, max_age=0)),
        )

    def post(self, request: Request, session: Session) -> Reply:
        """A form sent by a signed-in clerk: refused without the session's CSRF token."""
        if not same(request.form.get("csrf"), session.csrf):
            return Reply(
                403,
                pages.refused(
                    "This form was not sent from this workspace, or "
                    "it has expired. Reload the page and try again."
                ),
            )
        if request.path == "/clerk/sign-out":
            self.sessions.end(request.cookies.get(SESSION_COOKIE))
            expired = cookie(SESSION_COOKIE, "", request.https, max_age=0)
            return see_other(f"{SIGN_IN}?signed_out=1", ("Set-Cookie", expired))
        if request.path == "/clerk/try":
            return self.try_form(request, session)
        return Reply(405, pages.refused("This address takes no form."))

    def get(self, request: Request, session: Session) -> Reply:
        if request.path.startswith("/clerk/conversations/"):
            return self.transcript(request, session)
        page = self.get_pages.get(request.path)
        if page is None:
            return self.html(404, "Not found", "<p>There is no such clerk page.</p>", session)
        return page(request, session)

    # The pages.

    def html(
        self, status: int, title: str, body: str, session: Session, current: str = ""
    ) -> Reply:
        return Reply(status, pages.page(title, body, session.name, session.csrf, current))

    def review(self, days: int) -> Review:
        """The report of the last `days` court days, today included."""
        return read_review(self.store, court_today() - timedelta(days=days - 1))

    def overview(self, request: Request, session: Session) -> Reply:
        month = self.review(30)
        periods = [
            (name, month.from_day(court_today() - timedelta(days=days - 1)))
            for days, name in pages.PERIODS.items()
        ]
        return self.html(200, "Overview", pages.overview(periods), session, "/clerk/")

    def missed(self, request: Request, session: Session) -> Reply:
        days = period_days(request)
        body = pages.missed(self.review(days), days)
        return self.html(200, "Missed questions", body, session, "/clerk/missed")

    def transcript(self, request: Request, session: Session) -> Reply:
        conversation = unquote(request.path.removeprefix("/clerk/conversations/"))
        messages = self.store.conversation(conversation)
        body = pages.transcript(conversation, messages)
        return self.html(200 if messages else 404, "Conversation", body, session)

    def answers(self, request: Request, session: Session) -> Reply:
        days = period_days(request)
        body = pages.answer_book(answer_book(), self.review(days), days)
        return self.html(200, "Answer book", body, session, "/clerk/answers")

    def downloads(self, request: Request, session: Session) -> Reply:
        body = pages.downloads(period_days(request))
        return self.html(200, "Downloads", body, session, "/clerk/downloads")

    def download(
        self, request: Request, write: Callable[[Review], str], name: str, kind: str
    ) -> Reply:
        days = period_days(request)
        disposition = f'attachment; filename="{days}-days-{name}"'
        return Reply(200, write(self.review(days)), kind, [("Content-Disposition", disposition)])

    def download_csv(self, request: Request, session: Session) -> Reply:
        return self.download(request, csv_file, "review.csv", "text/csv; charset=utf-8")

    def download_nlu(self, request: Request, session: Session) -> Reply:
        return self.download(request, nlu_file, "review-nlu.yml", "text/yaml; charset=utf-8")

    def summary(self, request: Request, session: Session) -> Reply:
        figures = pages.summary(self.review(period_days(request)))
        return Reply(200, json.dumps(figures), "application/json")

    def try_form(self, request: Request, session: Session) -> Reply:
        tried = None
        if request.method == "POST":
            tried = self.ask_rasa(request.form.get("question", "").strip()[:5000])
        body = pages.try_question(session.csrf, tried, bool(self.api_token))
        return self.html(200, "Try a question", body, session, "/clerk/try")

    def ask_rasa(self, question: str) -> pages.Tried:
        """What Rasa understands of `question`, asked from the server with its token."""
        if not question:
            return pages.Tried(question, problem="Type a question first.")
        try:
            reply = requests.post(
                f"{self.rasa_url}/model/parse?{urlencode({'token': self.api_token})}",
                json={"text": question},
                timeout=RASA_TIMEOUT_SECONDS,
            )
        except requests.RequestException:
            return pages.Tried(question, problem="The assistant cannot be reached right now.")
        if reply.status_code != 200:
            problem = f"The assistant answered HTTP {reply.status_code}; is its token right?"
            return pages.Tried(question, problem=problem)
        return tried_from(question, reply.json(), answers_by_intent())


def answers_by_intent() -> Dict[str, str]:
    """intent -> answer, from the answer book already built (what `make answers` writes to
    build/answers.json)."""
    book = answer_book()
    return {entry["intent"]: entry["answer"] for s in book["sections"] for entry in s["entries"]}


def tried_from(question: str, parsed: Dict, answers: Dict[str, str]) -> pages.Tried:
    """What a clerk reads of Rasa's /model/parse reply."""
    intent = parsed.get("intent") or {"name": "(none)", "confidence": 0.0}
    runners_up = [
        f"{each['name']} {100 * each['confidence']:.1f}%"
        for each in parsed.get("intent_ranking") or []
        if each.get("name") != intent.get("name")
    ][:4]
    entities = [f"{e.get('entity')} = {e.get('value')}" for e in parsed.get("entities") or []]
    return pages.Tried(
        question,
        intent=str(intent.get("name")),
        confidence=float(intent.get("confidence") or 0.0),
        overruled_by=str(parsed.get("overruled_by") or ""),
        entities=", ".join(entities),
        runners_up=", ".join(runners_up),
        answer=answer_for(str(intent.get("name")), answers),
    )


def parse_form(body: bytes) -> Dict[str, str]:
    """An URL-encoded form's fields, the first value of each."""
    fields = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
    return {key: values[0] for key, values in fields.items()}


def from_environment() -> ClerkArea:
    """The clerk area as `make run` sets it up: the tracker store, Rasa and its token."""
    host = os.environ.get("HOST", "127.0.0.1")
    local = "127.0.0.1" if host in ("0.0.0.0", "") else host
    rasa_url = os.environ.get("RASA_URL") or f"http://{local}:{os.environ.get('RASA_PORT', '5005')}"
    return ClerkArea(store_url(), rasa_url, os.environ.get("RASA_API_TOKEN", ""))
