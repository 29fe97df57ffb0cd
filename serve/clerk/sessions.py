"""Signed-in clerk staff's sessions, their forms' CSRF tokens, and the limit on wrong passwords.

A session is a random token in an HttpOnly, SameSite=Strict cookie (Secure when the page
server is reached over HTTPS) that names a session kept in the page server's memory: a
restart signs everyone out, and nothing about a session is in the browser but its token. Each
session has its own CSRF token, which every form of the clerk pages carries and every POST
must send back. The sign-in form, before any session, carries a token that must match a
cookie of its own (double submit).

Wrong passwords are limited per name typed and per address: after `ATTEMPTS` wrong passwords
within `WINDOW_SECONDS`, sign-in for that name (or from that address, after more) is refused
until the oldest falls out of the window, right password or not, so guessing is slowed to a
few tries a minute.
"""

import hmac
import secrets
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Deque, Dict

SESSION_COOKIE = "clerk_session"
SIGN_IN_COOKIE = "clerk_sign_in"
COOKIE_PATH = "/clerk/"
# A session ends after this long without a page asked for: a working day.
IDLE_SECONDS = 8 * 3600
WINDOW_SECONDS = 60
ATTEMPTS = 9
# Wrong passwords from one address, whatever the names, before it must wait.
ATTEMPTS_PER_ADDRESS = 30
# Names and addresses remembered before those without recent wrong passwords are dropped.
KEYS_KEPT = 10_000


def new_token() -> str:
    return secrets.token_urlsafe(32)


def same(given: str | None, expected: str | None) -> bool:
    """Token comparison that takes as long whatever the first differing character."""
    return bool(given) and bool(expected) and hmac.compare_digest(given, expected)


def cookie(name: str, value: str, secure: bool, max_age: int | None = None) -> str:
    """A Set-Cookie value: HttpOnly, SameSite=Strict, for the clerk pages only."""
    parts = [f"{name}={value}", f"Path={COOKIE_PATH}", "HttpOnly", "SameSite=Strict"]
    if max_age is not None:
        parts.append(f"Max-Age={max_age}")
    if secure:
        parts.append("Secure")
    return "; ".join(parts)


@dataclass
class Session:
    """Who signed in, the token their forms carry, and when they last asked for a page."""

    name: str
    csrf: str = field(default_factory=new_token)
    seen: float = field(default_factory=time.monotonic)


class Sessions:
    """The signed-in sessions, by cookie token; the page server's threads share them."""

    def __init__(self, idle_seconds: float = IDLE_SECONDS) -> None:
        self.idle_seconds = idle_seconds
        self.lock = threading.Lock()
        self.by_token: Dict[str, Session] = {}

    def start(self, name: str) -> str:
        """A new session for `name`; its cookie token."""
        token = new_token()
        with self.lock:
            self.by_token[token] = Session(name)
        return token

    def find(self, token: str | None) -> Session | None:
        """The session of a cookie token, still fresh, or None; finding it keeps it fresh."""
        now = time.monotonic()
        with self.lock:
            session = self.by_token.get(token or "")
            if session is None or now - session.seen > self.idle_seconds:
                self.by_token.pop(token or "", None)
                return None
            session.seen = now
            return session

    def end(self, token: str | None) -> None:
        with self.lock:
            self.by_token.pop(token or "", None)


class SignInLimiter:
    """Wrong passwords per name and per address, within the last WINDOW_SECONDS."""

    def __init__(self, window: float = WINDOW_SECONDS) -> None:
        self.window = window
        self.lock = threading.Lock()
        self.failures: Dict[str, Deque[float]] = defaultdict(deque)

    def recent(self, key: str, now: float) -> Deque[float]:
        times = self.failures[key]
        while times and now - times[0] >= self.window:
            times.popleft()
        return times

    def wait_seconds(self, name: str, address: str) -> int:
        """How long before `name` may try again from `address`; 0 when it may now."""
        now = time.monotonic()
        waits = [0.0]
        with self.lock:
            for key, limit in (
                (f"name:{name.lower()}", ATTEMPTS),
                (f"address:{address}", ATTEMPTS_PER_ADDRESS),
            ):
                times = self.recent(key, now)
                if len(times) >= limit:
                    waits.append(times[len(times) - limit] + self.window - now)
        return int(max(waits)) + (1 if max(waits) > 0 else 0)

    def failed(self, name: str, address: str) -> None:
        now = time.monotonic()
        with self.lock:
            self.failures[f"name:{name.lower()}"].append(now)
            self.failures[f"address:{address}"].append(now)
            if len(self.failures) > KEYS_KEPT:
                self.forget_old(now)

    def forget_old(self, now: float) -> None:
        """Drop the names and addresses with no wrong password in the window, so that
        guesses at many names cannot fill the server's memory."""
        for key in [key for key in self.failures if not self.recent(key, now)]:
            del self.failures[key]

    def succeeded(self, name: str) -> None:
        with self.lock:
            self.failures.pop(f"name:{name.lower()}", None)
