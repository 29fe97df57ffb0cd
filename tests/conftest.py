"""Shared pieces of the test suite: project paths, the domain, and the real servers.

The `assistant` fixture starts the action server, `rasa run` (CORS limited to the web page's
origin, HTTP API on with a random token) and the web page server once per test session, on
free ports, waits until all answer, and stops them afterwards, even when tests fail.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest
import requests
import yaml

from scripts.servers import free_port, start, stop, wait_until_up

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TESTS_DIR = PROJECT_ROOT / "tests"
SHARED_DIR = PROJECT_ROOT.parent / "shared"
MODEL = PROJECT_ROOT / "models" / "helpdesk.tar.gz"
RASA = Path(sys.executable).parent / "rasa"


def load_yaml(path: Path) -> Any:
    """Parse one YAML file of the project."""
    with path.open(encoding="utf-8") as stream:
        return yaml.safe_load(stream)


def rasa_env() -> Dict[str, str]:
    """Environment for rasa commands: no telemetry, quiet TensorFlow."""
    env = dict(os.environ)
    env.update(
        RASA_TELEMETRY_ENABLED="false",
        TF_CPP_MIN_LOG_LEVEL="2",
        SQLALCHEMY_SILENCE_UBER_WARNING="1",
    )
    return env


@pytest.fixture(scope="session")
def domain() -> Dict[str, Any]:
    return load_yaml(PROJECT_ROOT / "domain.yml")


def response_text(domain: Dict[str, Any], response: str) -> str:
    """The text of a response in the domain (each has exactly one variant)."""
    return domain["responses"][response][0]["text"]


class Assistant:
    """The running assistant, spoken to through Rasa's REST channel."""

    def __init__(self, rasa_port: int, action_port: int, web_port: int, api_token: str) -> None:
        self.url = f"http://127.0.0.1:{rasa_port}"
        self.action_url = f"http://127.0.0.1:{action_port}"
        self.web_url = f"http://127.0.0.1:{web_port}"
        self.webhook = f"{self.url}/webhooks/rest/webhook"
        self.api_token = api_token

    def post(self, body: Any, **kwargs: Any) -> requests.Response:
        """POST a raw body (a dict is sent as JSON) to the REST webhook."""
        if isinstance(body, (dict, list)):
            return requests.post(self.webhook, json=body, timeout=60, **kwargs)
        return requests.post(self.webhook, data=body, timeout=60, **kwargs)

    def ask(self, sender: str, message: str) -> List[Dict[str, Any]]:
        """Send one visitor message; return the bot's messages, failing on HTTP errors."""
        reply = self.post({"sender": sender, "message": message})
        assert reply.status_code == 200, reply.text
        return reply.json()

    def ask_text(self, sender: str, message: str) -> str:
        """Send one visitor message; return all the bot's texts joined by newlines."""
        return "\n".join(part.get("text", "") for part in self.ask(sender, message))


def start_web(log_dir: Path, web_port: int, rasa_url: str, api_token: str) -> subprocess.Popen:
    """Start the web page server; its pages talk to Rasa at `rasa_url`."""
    env = dict(os.environ, WEB_PORT=str(web_port), HOST="127.0.0.1", RASA_URL=rasa_url)
    env["RASA_API_TOKEN"] = api_token
    log = log_dir / f"web-{web_port}.log"
    web = start([sys.executable, "-m", "scripts.serve_web"], log, env)
    wait_until_up(f"http://127.0.0.1:{web_port}/config.json", web, log)
    return web


def start_assistant(
    log_dir: Path, with_actions: bool = True, tracker_store_url: str = "", debug: bool = False
) -> Iterator[Assistant]:
    """Start (optionally) the action server, Rasa and the web pages on free ports; stop all.

    Conversations go to `tracker_store_url`, by default a new SQLite file in `log_dir`; all
    logs go to `log_dir` (with `debug`, Rasa logs every message it receives).
    """
    rasa_port, action_port, web_port = free_port(), free_port(), free_port()
    api_token = secrets.token_urlsafe(16)
    env = rasa_env()
    env["ACTION_PORT"] = str(action_port)
    env["TRACKER_STORE_URL"] = tracker_store_url or f"sqlite:///{log_dir / 'conversations.db'}"
    actions = rasa = web = None
    try:
        if with_actions:
            actions_log = log_dir / "actions.log"
            actions = start(
                [str(RASA), "run", "actions", "--actions", "actions", "--port", str(action_port)],
                actions_log,
                env,
            )
        rasa_log = log_dir / "rasa.log"
        rasa = start(
            [
                str(RASA), "run", "--model", str(MODEL), "--endpoints", "endpoints.yml",
                "--credentials", "credentials.yml", "--interface", "127.0.0.1",
                "--port", str(rasa_port), "--cors", f"http://127.0.0.1:{web_port}",
                "--enable-api", "--auth-token", api_token, *(["--debug"] if debug else []),
            ],
            rasa_log,
            env,
        )
        if actions is not None:
            wait_until_up(f"http://127.0.0.1:{action_port}/health", actions, actions_log)
        wait_until_up(f"http://127.0.0.1:{rasa_port}/", rasa, rasa_log)
        web = start_web(log_dir, web_port, f"http://127.0.0.1:{rasa_port}", api_token)
        yield Assistant(rasa_port, action_port, web_port, api_token)
    finally:
        stop(web)
        stop(rasa)
        stop(actions)


@pytest.fixture(scope="session")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    """The whole assistant, as `make run` serves it, for the session's REST tests."""
    yield from start_assistant(tmp_path_factory.mktemp("servers"))
