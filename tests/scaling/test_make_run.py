"""`make run` as an operator starts it: several workers only with a shared lock store, and
every server (Rasa, its workers, the action server, the web pages) listening on HOST only."""

import os
import socket
import subprocess
from pathlib import Path
from typing import Dict, Iterator, List, Set, Tuple

import pytest
import requests

from serve.servers import PROJECT_ROOT, free_port, start, stop, wait_until_up
from serve.services import running_redis

LISTEN_STATE = "0A"


def processes_in_group(group: int) -> List[int]:
    """Every process whose process group is `group` (make and all it started)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group:
            found.append(int(stat.parent.name))
    return found


def socket_inodes(pid: int) -> Set[str]:
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").glob("*"):
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[len("socket:[") : -1])
    return inodes


def address_of(hex_address: str) -> Tuple[str, int]:
    """An address of /proc/net/tcp or tcp6 ("0100007F:1F90") as ("127.0.0.1", 8080)."""
    host, port = hex_address.split(":")
    raw = bytes.fromhex(host)
    if len(raw) == 4:
        return socket.inet_ntop(socket.AF_INET, raw[::-1]), int(port, 16)
    words = b"".join(raw[i : i + 4][::-1] for i in range(0, 16, 4))
    return socket.inet_ntop(socket.AF_INET6, words), int(port, 16)


def listening(pids: List[int]) -> Dict[Tuple[str, int], Set[int]]:
    """The TCP addresses these processes listen on, each with the processes holding it (a
    socket shared by forked workers is held by each of them)."""
    holders: Dict[str, Set[int]] = {}
    for pid in pids:
        for inode in socket_inodes(pid):
            holders.setdefault(inode, set()).add(pid)
    found: Dict[Tuple[str, int], Set[int]] = {}
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == LISTEN_STATE and fields[9] in holders:
                found[address_of(fields[1])] = holders[fields[9]]
    return found


def make_run(env: Dict[str, str], log: Path) -> subprocess.Popen:
    return start(["make", "--no-print-directory", "run"], log, env)


@pytest.fixture
def ports() -> Dict[str, str]:
    return {name: str(free_port()) for name in ("RASA_PORT", "ACTION_PORT", "WEB_PORT")}


@pytest.fixture
def redis_url() -> Iterator[str]:
    with running_redis() as url:
        yield url


def test_several_workers_without_a_lock_store_are_refused(
    tmp_path: Path, ports: Dict[str, str]
) -> None:
    env = dict(os.environ, RASA_WORKERS="2", LOCK_STORE_URL="", **ports)
    result = subprocess.run(
        ["make", "--no-print-directory", "run"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode != 0
    assert "RASA_WORKERS=2 needs a shared lock store" in result.stderr
    assert "LOCK_STORE_URL=redis://" in result.stderr
    assert "Starting" not in result.stdout


def test_two_workers_with_redis_serve_on_host_only_with_the_api_behind_its_token(
    tmp_path: Path, ports: Dict[str, str], redis_url: str
) -> None:
    env = dict(os.environ, RASA_WORKERS="2", LOCK_STORE_URL=redis_url, HOST="127.0.0.1", **ports)
    # A token that begins with "-" must still reach `rasa run` as the token.
    env["RASA_API_TOKEN"] = "-an-operators-token"
    env["TRACKER_STORE_URL"] = f"sqlite:///{tmp_path / 'conversations.db'}"
    log = tmp_path / "make-run.log"
    served = make_run(env, log)
    try:
        wait_until_up(f"http://127.0.0.1:{ports['ACTION_PORT']}/health", served, log)
        wait_until_up(f"http://127.0.0.1:{ports['RASA_PORT']}/", served, log)
        wait_until_up(f"http://127.0.0.1:{ports['WEB_PORT']}/", served, log)
        sockets = listening(processes_in_group(served.pid))
        assert {host for host, _ in sockets} == {"127.0.0.1"}, sockets
        assert {port for _, port in sockets} == {int(port) for port in ports.values()}
        # Rasa's and the action server's sockets are each shared by a main process and two
        # Sanic workers.
        for name in ("RASA_PORT", "ACTION_PORT"):
            assert len(sockets[("127.0.0.1", int(ports[name]))]) == 3, (name, sockets)
        reply = requests.post(
            f"http://127.0.0.1:{ports['RASA_PORT']}/webhooks/rest/webhook",
            json={"sender": "make-run", "message": "which office should I call?"},
            timeout=120,
        )
        assert reply.json()[0]["text"] == "Which Iowa county or town are you in?"
        status = f"http://127.0.0.1:{ports['RASA_PORT']}/status"
        assert requests.get(status, timeout=30).status_code == 401
        token = {"token": env["RASA_API_TOKEN"]}
        assert requests.get(status, params=token, timeout=30).status_code == 200
    finally:
        stop(served)
