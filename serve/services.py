"""The services a scaled-out assistant shares, started for tests and measurements.

PostgreSQL (the tracker store), Redis (the lock store) and nginx (the load balancer in front
of Rasa replicas), each from Debian's packages (`make postgresql`, `make redis`, `make
nginx`), on a free loopback port, with its files in a new temporary directory; each is
stopped and its directory removed on leaving the `with` block, even on failure.
"""

import os
import re
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Iterator, List

from serve.servers import PROJECT_ROOT, ServerError, answers, free_port, start, stop, wait_until

NGINX_CONFIG = PROJECT_ROOT / "deploy" / "nginx.conf"
READY_TIMEOUT_SECONDS = 30


@contextmanager
def scratch_directory(prefix: str) -> Iterator[Path]:
    """A new directory that a service's own user can write to (pytest's are root's only)."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    path.chmod(0o777)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def succeeds(command: List[str]) -> bool:
    return subprocess.run(command, capture_output=True).returncode == 0


def postgres_bin_dir() -> Path:
    """Debian's PostgreSQL server binaries (installed by `make postgresql` when missing)."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/postgres"))
    if not found:
        raise ServerError("PostgreSQL server not installed: run `make postgresql`")
    return found[-1].parent


def as_postgres_user(command: List[str]) -> List[str]:
    """PostgreSQL refuses to run as root; the Debian package's `postgres` user runs it."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextmanager
def running_postgres() -> Iterator[str]:
    """A PostgreSQL server with an empty `conversations` database; yields its URL."""
    with scratch_directory("helpdesk-postgres-") as home:
        bin_dir, data, port = postgres_bin_dir(), home / "pgdata", free_port()
        run = partial(subprocess.run, check=True, capture_output=True)
        run(
            as_postgres_user(
                [str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "rasa"]
            )
        )
        log = home / "postgres.log"
        command = [str(bin_dir / "postgres"), "-D", str(data), "-p", str(port)]
        command += ["-h", "127.0.0.1", "-k", str(home)]
        server = start(as_postgres_user(command), log, dict(os.environ))
        try:
            address = ["-h", "127.0.0.1", "-p", str(port)]
            is_ready = [str(bin_dir / "pg_isready"), *address]
            wait_until(lambda: succeeds(is_ready), server, log, READY_TIMEOUT_SECONDS)
            run([str(bin_dir / "createdb"), *address, "-U", "rasa", "conversations"])
            yield f"postgresql://rasa@127.0.0.1:{port}/conversations"
        finally:
            stop(server)


@contextmanager
def running_redis() -> Iterator[str]:
    """A Redis server that keeps nothing on disk; yields its URL (database 1)."""
    redis_server = shutil.which("redis-server")
    if redis_server is None:
        raise ServerError("Redis not installed: run `make redis`")
    with scratch_directory("helpdesk-redis-") as home:
        port, log = free_port(), home / "redis.log"
        command = [redis_server, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(home)]
        command += ["--save", "", "--appendonly", "no"]
        server = start(command, log, dict(os.environ))
        try:
            ping = ["redis-cli", "-p", str(port), "ping"]
            wait_until(lambda: succeeds(ping), server, log, READY_TIMEOUT_SECONDS)
            yield f"redis://127.0.0.1:{port}/1"
        finally:
            stop(server)


def nginx_config(listen: str, replicas: List[str]) -> str:
    """deploy/nginx.conf for nginx listening on `listen`, balancing the `replicas`
    (HOST:PORT each): its `listen @LISTEN@;` line and its `@REPLICAS@` line filled in."""
    lines = [f"server {replica} max_fails=1 fail_timeout=5s;" for replica in replicas]
    config = NGINX_CONFIG.read_text().replace("listen @LISTEN@;", f"listen {listen};")
    return re.sub(
        r"^( *)@REPLICAS@$", lambda m: "\n".join(m[1] + line for line in lines), config, flags=re.M
    )


@dataclass(frozen=True)
class Balancer:
    """A running nginx: where it answers, and its access log (which replica took what)."""

    url: str
    access_log: Path


@contextmanager
def running_nginx(replicas: List[str]) -> Iterator[Balancer]:
    """nginx with deploy/nginx.conf in front of `replicas` (HOST:PORT each)."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        raise ServerError("nginx not installed: run `make nginx`")
    with scratch_directory("helpdesk-nginx-") as home:
        for directory in ("logs", "temp"):
            (home / directory).mkdir(mode=0o777)
        port = free_port()
        (home / "nginx.conf").write_text(nginx_config(f"127.0.0.1:{port}", replicas))
        log = home / "nginx.log"
        command = [nginx, "-p", str(home), "-c", "nginx.conf", "-g", "daemon off;"]
        server = start(command, log, dict(os.environ))
        url = f"http://127.0.0.1:{port}"
        try:
            wait_until(lambda: answers(f"{url}/nginx-health"), server, log, READY_TIMEOUT_SECONDS)
            yield Balancer(url, home / "logs" / "access.log")
        finally:
            stop(server)
