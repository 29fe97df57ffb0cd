"""Starting and stopping the assistant's servers as child processes, for tests and measurements.

`running_assistant` starts the whole assistant as `make run` serves it (action server, `rasa
run` with the REST channel, the web pages) on free ports and stops it afterwards, even on
failure; `start`, `stop` and `wait_until_up` are its pieces, for callers that need one server.
"""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Sequence

import requests

from serve.clerk.accounts import ACCOUNTS_VARIABLE, set_account
from serve.workers import worker_settings

PROJECT_ROOT = Path(__file__).resolve().parent.parent
MODEL = PROJECT_ROOT / "models" / "helpdesk.tar.gz"
RASA = Path(sys.executable).parent / "rasa"
STARTUP_TIMEOUT_SECONDS = 300
# The clerk account every running assistant has for its tests; its password is new each time.
CLERK_NAME = "test-clerk"


class ServerError(RuntimeError):
    """A server exited or did not answer in time; the message ends with its log."""


def free_port() -> int:
    """A TCP port that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(
    command: List[str], log_file: Path, env: Dict[str, str], cwd: Path = PROJECT_ROOT
) -> subprocess.Popen:
    """Start a server in its own process group, its output going to `log_file`."""
    log = log_file.open("w")
    return subprocess.Popen(
        command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )


def group_alive(group: int) -> bool:
    """Whether any process of the process group `group` is still there."""
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


def stop(process: subprocess.Popen | None, grace_seconds: float = 20) -> None:
    """Stop a server and everything it started (its process group): SIGTERM, then SIGKILL
    for whatever is left after `grace_seconds`. A Sanic worker still loading the model
    when SIGTERM comes can hang (seen with RASA_WORKERS=2), so the whole group is awaited,
    not only its leader."""
    if process is None:
        return
    if group_alive(process.pid):
        os.killpg(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + grace_seconds
    with suppress(subprocess.TimeoutExpired):
        process.wait(timeout=grace_seconds)
    while group_alive(process.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    if group_alive(process.pid):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def answers(url: str) -> bool:
    """Whether `url` answers 200 right now."""
    try:
        return requests.get(url, timeout=2).status_code == 200
    except requests.RequestException:
        return False


def wait_until(
    ready: Callable[[], bool],
    process: subprocess.Popen,
    log_file: Path,
    timeout: float = STARTUP_TIMEOUT_SECONDS,
) -> None:
    """Poll `ready` until it says yes; fail if the server exits or takes too long."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerError(
                f"server exited with {process.returncode}:\n{log_file.read_text()[-3000:]}"
            )
        if ready():
            return
        time.sleep(0.2)
    raise ServerError(f"not ready after {timeout} s:\n{log_file.read_text()[-3000:]}")


def wait_until_up(url: str, process: subprocess.Popen, log_file: Path) -> None:
    """Poll `url` until it answers 200; fail if the server exits or takes too long."""
    wait_until(lambda: answers(url), process, log_file)


def rasa_env() -> Dict[str, str]:
    """Environment for rasa commands: no telemetry, quiet TensorFlow and SQLAlchemy."""
    return dict(
        os.environ,
        RASA_TELEMETRY_ENABLED="false",
        TF_CPP_MIN_LOG_LEVEL="2",
        SQLALCHEMY_SILENCE_UBER_WARNING="1",
    )


def server_env(
    action_port: int, tracker_store_url: str, lock_store_url: str = "", workers: int = 1
) -> Dict[str, str]:
    """The environment `endpoints.yml` and the servers read, as `serve/serve.sh` sets it:
    the action server's port, the tracker store, the lock store and the workers, and the
    action server bound to the loopback."""
    env = rasa_env()
    env.update(
        ACTION_PORT=str(action_port),
        ACTION_SERVER_URL=f"http://127.0.0.1:{action_port}/webhook",
        TRACKER_STORE_URL=tracker_store_url,
        LOCK_STORE_URL=lock_store_url,
        RASA_WORKERS=str(workers),
        SANIC_HOST="127.0.0.1",
    )
    env.update(worker_settings(env))
    return env


def start_actions(log_dir: Path, port: int, env: Dict[str, str]) -> subprocess.Popen:
    """Start the action server on `port` and wait until its /health answers."""
    log = log_dir / f"actions-{port}.log"
    actions = start(
        [str(RASA), "run", "actions", "--actions", "actions", "--port", str(port)], log, env
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/health", actions, log)
    except ServerError:
        stop(actions)
        raise
    return actions


def start_rasa(
    log_dir: Path, port: int, env: Dict[str, str], extra_args: Sequence[str] = ()
) -> subprocess.Popen:
    """Start `rasa run` with the REST channel on `port` and wait until / answers."""
    log = log_dir / f"rasa-{port}.log"
    rasa = start(
        [
            str(RASA),
            "run",
            "--model",
            str(MODEL),
            "--endpoints",
            "endpoints.yml",
            "--credentials",
            "credentials.yml",
            "--interface",
            "127.0.0.1",
            "--port",
            str(port),
            *extra_args,
        ],
        log,
        env,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/", rasa, log)
    except ServerError:
        stop(rasa)
        raise
    return rasa


@dataclass(frozen=True)
class Assistant:
    """Where the running assistant's servers answer, and a visitor's way to talk to it."""

    rasa_port: int
    action_port: int
    web_port: int
    api_token: str
    clerk_password: str = ""
    tracker_store_url: str = ""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def webhook(self) -> str:
        return f"{self.url}/webhooks/rest/webhook"

    @property
    def action_url(self) -> str:
        return f"http://127.0.0.1:{self.action_port}"

    @property
    def web_url(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"

    def post(self, body: Any, **kwargs: Any) -> requests.Response:
        """POST a raw body (a dict or list is sent as JSON) to the REST webhook."""
        if isinstance(body, (dict, list)):
            return requests.post(self.webhook, json=body, timeout=60, **kwargs)
        return requests.post(self.webhook, data=body, timeout=60, **kwargs)

    def ask(self, sender: str, message: str) -> List[Dict[str, Any]]:
        """Send one visitor message; the bot's messages. Fails on any HTTP error."""
        reply = self.post({"sender": sender, "message": message})
        if reply.status_code != 200:
            raise AssertionError(f"HTTP {reply.status_code}: {reply.text}")
        return reply.json()

    def ask_text(self, sender: str, message: str) -> str:
        """Send one visitor message; all the bot's texts joined by newlines."""
        return "\n".join(part.get("text", "") for part in self.ask(sender, message))


def api_args(token: str, web_origin: str = "") -> List[str]:
    """`rasa run` options for the token-only HTTP API (and CORS for `web_origin`, if any).

    The token goes as one `--auth-token=<token>` word: as two words, a token that begins with
    "-" (one random token in 64) reads to `rasa run` as an option and it refuses to start.
    """
    cors = ["--cors", web_origin] if web_origin else []
    return [*cors, "--enable-api", f"--auth-token={token}"]


def start_web(
    log_dir: Path, web_port: int, rasa_url: str, api_token: str, tracker_store_url: str = ""
) -> subprocess.Popen:
    """Start the web page server; its pages talk to Rasa at `rasa_url`, its clerk pages read
    `tracker_store_url` and the accounts in `log_dir`/clerk-accounts."""
    env = dict(os.environ, WEB_PORT=str(web_port), HOST="127.0.0.1", RASA_URL=rasa_url)
    env.update(RASA_API_TOKEN=api_token, TRACKER_STORE_URL=tracker_store_url)
    env[ACCOUNTS_VARIABLE] = str(log_dir / "clerk-accounts")
    log = log_dir / f"web-{web_port}.log"
    web = start([sys.executable, "-m", "serve.web"], log, env)
    wait_until_up(f"http://127.0.0.1:{web_port}/config.json", web, log)
    return web


@contextmanager
def running_assistant(
    log_dir: Path,
    with_actions: bool = True,
    tracker_store_url: str = "",
    debug: bool = False,
    lock_store_url: str = "",
    workers: int = 1,
) -> Iterator[Assistant]:
    """The action server (optional), Rasa and the web pages on free ports, stopped on exit.

    Rasa's HTTP API is on with a random token and CORS allows the web page's origin only.
    The clerk pages have one account, CLERK_NAME, with a random password.
    Conversations go to `tracker_store_url`, by default a new SQLite file in `log_dir`; all
    logs go to `log_dir` (with `debug`, Rasa logs every message it receives). `workers`
    above 1 needs `lock_store_url`, as with `make run`.
    """
    log_dir.mkdir(parents=True, exist_ok=True)
    rasa_port, action_port, web_port = free_port(), free_port(), free_port()
    api_token, clerk_password = secrets.token_urlsafe(16), secrets.token_urlsafe(16)
    set_account(CLERK_NAME, clerk_password, log_dir / "clerk-accounts")
    tracker_store_url = tracker_store_url or f"sqlite:///{log_dir / 'conversations.db'}"
    env = server_env(action_port, tracker_store_url, lock_store_url, workers)
    api = api_args(api_token, f"http://127.0.0.1:{web_port}")
    actions = rasa = web = None
    try:
        if with_actions:
            actions = start_actions(log_dir, action_port, env)
        rasa = start_rasa(log_dir, rasa_port, env, [*api, *(["--debug"] if debug else [])])
        rasa_url = f"http://127.0.0.1:{rasa_port}"
        web = start_web(log_dir, web_port, rasa_url, api_token, tracker_store_url)
        yield Assistant(
            rasa_port, action_port, web_port, api_token, clerk_password, tracker_store_url
        )
    finally:
        stop(web)
        stop(rasa)
        stop(actions)
