"""Starting and stopping the assistant's servers as child processes, for tests and benchmarks."""

import os
import signal
import socket
import subprocess
import time
from pathlib import Path
from typing import Dict, List, Optional

import requests

PROJECT_ROOT = Path(__file__).resolve().parent.parent
STARTUP_TIMEOUT_SECONDS = 300


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


def stop(process: Optional[subprocess.Popen]) -> None:
    """Stop a server and everything it started; kill it if it does not stop in 20 s."""
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def wait_until_up(url: str, process: subprocess.Popen, log_file: Path) -> None:
    """Poll `url` until it answers 200; fail if the server exits or takes too long."""
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerError(
                f"server exited with {process.returncode}:\n{log_file.read_text()[-3000:]}"
            )
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise ServerError(
        f"{url} not up after {STARTUP_TIMEOUT_SECONDS} s:\n{log_file.read_text()[-3000:]}"
    )
