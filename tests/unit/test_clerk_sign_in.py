"""Clerk staff's accounts, sessions and the limit on wrong passwords (serve/clerk/), without
a server: the file keeps only salted hashes, sessions end, the tenth wrong password waits."""

import stat
import subprocess
import sys
from pathlib import Path

import pytest

from serve.clerk import accounts, sessions
from serve.clerk.accounts import AccountError, read_accounts, set_account, verify
from serve.clerk.sessions import ATTEMPTS, Sessions, SignInLimiter, cookie, same
from support import PROJECT_ROOT

PASSWORD = "correct horse battery"


@pytest.fixture
def accounts_file(tmp_path: Path) -> Path:
    return set_account("mjones", PASSWORD, tmp_path / "clerk" / "accounts")


def test_the_file_holds_a_salted_hash_not_the_password(accounts_file: Path) -> None:
    text = accounts_file.read_text()
    assert PASSWORD not in text and text.startswith("mjones:$argon2id$")
    assert stat.S_IMODE(accounts_file.stat().st_mode) == 0o600
    set_account("other", PASSWORD, accounts_file)
    hashes = read_accounts(accounts_file)
    assert hashes["mjones"] != hashes["other"]  # each has its own salt


def test_only_the_right_name_and_password_sign_in(accounts_file: Path) -> None:
    assert verify("mjones", PASSWORD, accounts_file)
    assert not verify("mjones", PASSWORD + "!", accounts_file)
    assert not verify("nobody", PASSWORD, accounts_file)
    assert not verify("mjones", PASSWORD, accounts_file.with_name("missing"))


def test_a_new_password_replaces_the_old(accounts_file: Path) -> None:
    set_account("mjones", "a different passphrase", accounts_file)
    assert verify("mjones", "a different passphrase", accounts_file)
    assert not verify("mjones", PASSWORD, accounts_file)


@pytest.mark.parametrize("name, password", [("m jones", PASSWORD), ("mjones", "short")])
def test_bad_names_and_short_passwords_are_refused(
    tmp_path: Path, name: str, password: str
) -> None:
    with pytest.raises(AccountError):
        set_account(name, password, tmp_path / "accounts")


def test_make_clerk_user_reads_the_password_from_standard_input(tmp_path: Path) -> None:
    path = tmp_path / "accounts"
    result = subprocess.run(
        [sys.executable, "-m", "serve.clerk.accounts", "jdoe"],
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        env={accounts.ACCOUNTS_VARIABLE: str(path), "PATH": ""},
    )
    assert result.returncode == 0, result.stderr
    assert verify("jdoe", PASSWORD, path)


def test_sessions_are_found_by_token_and_end() -> None:
    sessions = Sessions()
    token = sessions.start("mjones")
    session = sessions.find(token)
    assert session is not None and session.name == "mjones" and len(session.csrf) >= 40
    assert sessions.find("made-up") is None
    sessions.end(token)
    assert sessions.find(token) is None


def test_an_idle_session_ends() -> None:
    sessions = Sessions(idle_seconds=0)
    token = sessions.start("mjones")
    assert sessions.find(token) is None


def test_the_tenth_wrong_password_in_a_minute_waits() -> None:
    limiter = SignInLimiter()
    for _ in range(ATTEMPTS):
        assert limiter.wait_seconds("mjones", "10.0.0.1") == 0
        limiter.failed("mjones", "10.0.0.1")
    wait = limiter.wait_seconds("MJones", "10.0.0.2")  # any case, from anywhere
    assert 0 < wait <= 60
    assert limiter.wait_seconds("someone-else", "10.0.0.3") == 0


def test_a_wrong_password_counts_no_more_after_a_minute() -> None:
    limiter = SignInLimiter(window=0)
    for _ in range(ATTEMPTS + 1):
        limiter.failed("mjones", "10.0.0.1")
    assert limiter.wait_seconds("mjones", "10.0.0.1") == 0


def test_names_guessed_long_ago_are_forgotten(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sessions, "KEYS_KEPT", 4)
    limiter = SignInLimiter(window=0)
    for number in range(50):
        limiter.failed(f"name-{number}", "10.0.0.1")
    assert len(limiter.failures) <= 4


def test_cookies_are_http_only_same_site_and_secure_over_https() -> None:
    plain = cookie("clerk_session", "abc", secure=False)
    assert "HttpOnly" in plain and "SameSite=Strict" in plain and "Secure" not in plain
    assert "Path=/clerk/" in plain
    assert cookie("clerk_session", "abc", secure=True).endswith("; Secure")


def test_tokens_compare_only_when_both_are_there() -> None:
    assert same("abc", "abc")
    assert not same("abc", "abd") and not same("", "") and not same(None, "abc")
