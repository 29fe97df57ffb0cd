"""Clerk staff's accounts: a name and a salted password hash each, in a file outside the
repository that the operator keeps.

The file is named by CLERK_ACCOUNTS (default ~/.config/ianb-helpdesk/clerk-accounts), one
account per line, `name:hash`; the hash is Argon2id with its own salt (argon2-cffi), so the
file tells nobody a password. It is read at each sign-in, so an account added or removed
counts at once, without a restart.

`make clerk-user NAME=jdoe` adds an account or sets its new password: it asks for the
password twice at a terminal, or reads one line from standard input otherwise.

Usage: python -m serve.clerk.accounts NAME
"""

import getpass
import os
import re
import sys
from pathlib import Path
from typing import Dict, List

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

ACCOUNTS_VARIABLE = "CLERK_ACCOUNTS"
DEFAULT_FILE = Path.home() / ".config" / "ianb-helpdesk" / "clerk-accounts"
NAME = re.compile(r"[A-Za-z0-9._-]{1,64}")
SHORTEST_PASSWORD = 12
HASHER = PasswordHasher()
# Checked against when the name is unknown, so that a wrong name takes as long as a wrong
# password and does not tell which names exist.
UNKNOWN_NAME_HASH = HASHER.hash("no account has this password")


class AccountError(ValueError):
    """A name or password the accounts file cannot take; the message says why."""


def accounts_file() -> Path:
    return Path(os.environ.get(ACCOUNTS_VARIABLE) or DEFAULT_FILE).expanduser()


def read_accounts(path: Path) -> Dict[str, str]:
    """name -> password hash; no file, no accounts."""
    if not path.exists():
        return {}
    accounts = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        name, _, hashed = line.strip().partition(":")
        if name and hashed:
            accounts[name] = hashed
    return accounts


def verify(name: str, password: str, path: Path | None = None) -> bool:
    """Whether `password` is the password of account `name`."""
    hashed = read_accounts(path or accounts_file()).get(name)
    try:
        return HASHER.verify(hashed or UNKNOWN_NAME_HASH, password) and hashed is not None
    except (VerificationError, InvalidHashError):
        return False


def set_account(name: str, password: str, path: Path | None = None) -> Path:
    """Add the account, or give it a new password; the file is readable by its owner only."""
    path = path or accounts_file()
    if not NAME.fullmatch(name):
        raise AccountError("A name is 1 to 64 letters, digits, dots, dashes or underscores.")
    if len(password) < SHORTEST_PASSWORD:
        raise AccountError(f"A password has at least {SHORTEST_PASSWORD} characters.")
    accounts = read_accounts(path)
    accounts[name] = HASHER.hash(password)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    written = path.with_name(path.name + ".new")
    written.write_text("".join(f"{n}:{h}\n" for n, h in accounts.items()), encoding="utf-8")
    written.chmod(0o600)
    written.replace(path)
    return path


def ask_password() -> str:
    """The new password: typed twice at a terminal, else one line of standard input."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    password = getpass.getpass("New password: ")
    if getpass.getpass("The same again: ") != password:
        raise AccountError("The two passwords differ.")
    return password


def main(argv: List[str]) -> int:
    if len(argv) != 2:
        print("Usage: make clerk-user NAME=jdoe", file=sys.stderr)
        return 2
    try:
        path = set_account(argv[1], ask_password())
    except AccountError as problem:
        print(problem, file=sys.stderr)
        return 2
    print(f"Account {argv[1]} saved in {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
