"""Settings for serving with several Sanic workers: `RASA_WORKERS` and `LOCK_STORE_URL`.

Several Rasa workers (or replicas) may only share conversations through a lock store that
they all see: with Rasa's in-memory one, two messages of one visitor could be handled at
once by two processes and the conversation's events interleaved. Rasa itself then quietly
falls back to one worker (a DEBUG line), so this refuses the combination instead, loudly.

`endpoints.yml` reads the lock store from `LOCK_STORE_TYPE`, `LOCK_STORE_HOST`,
`LOCK_STORE_PORT` and `LOCK_STORE_DB`; this module derives them from the one URL an operator
sets. `python -m serve.workers` prints them as shell `export` lines for `serve/serve.sh`, or
exits with status 2 and the reason.
"""

import os
import shlex
import sys
from typing import Dict, Mapping
from urllib.parse import urlsplit

DEFAULT_REDIS_PORT = 6379
DEFAULT_REDIS_DB = 1
# Rasa's own RedisLockStore is not safe across processes (see serve/lock_store.py).
ATOMIC_REDIS_LOCK_STORE = "serve.lock_store.AtomicRedisLockStore"


class WorkerSettingsError(ValueError):
    """The worker and lock store settings cannot work together; the message says why."""


def lock_store_settings(url: str) -> Dict[str, str]:
    """The lock store variables of `endpoints.yml` for `url` (empty: Rasa's in-memory store)."""
    if not url:
        return {
            "LOCK_STORE_TYPE": "in_memory",
            "LOCK_STORE_HOST": "",
            "LOCK_STORE_PORT": "",
            "LOCK_STORE_DB": "",
        }
    parts = urlsplit(url)
    if parts.scheme != "redis" or not parts.hostname:
        raise WorkerSettingsError(
            f"LOCK_STORE_URL={url!r} is not a Redis URL: write redis://HOST:PORT/DB"
        )
    database = parts.path.strip("/") or str(DEFAULT_REDIS_DB)
    if not database.isdigit():
        raise WorkerSettingsError(f"LOCK_STORE_URL={url!r}: the database must be a number")
    return {
        "LOCK_STORE_TYPE": ATOMIC_REDIS_LOCK_STORE,
        "LOCK_STORE_HOST": parts.hostname,
        "LOCK_STORE_PORT": str(parts.port or DEFAULT_REDIS_PORT),
        "LOCK_STORE_DB": database,
    }


def worker_count(value: str, name: str) -> int:
    """A number of workers from the environment: a whole number of at least 1."""
    if not value.strip().isdigit() or int(value) < 1:
        raise WorkerSettingsError(f"{name}={value!r}: the number of workers must be 1 or more")
    return int(value)


def worker_settings(env: Mapping[str, str], cores: int | None = None) -> Dict[str, str]:
    """Everything the servers need for `RASA_WORKERS` and `LOCK_STORE_URL` in `env`.

    TensorFlow's threads are shared out so that the workers do not fight over the cores:
    each worker's operations run on cores // workers threads, one operation at a time.
    """
    rasa_workers = worker_count(env.get("RASA_WORKERS", "1"), "RASA_WORKERS")
    action_workers = worker_count(env.get("ACTION_WORKERS", str(rasa_workers)), "ACTION_WORKERS")
    lock_store_url = env.get("LOCK_STORE_URL", "")
    if rasa_workers > 1 and not lock_store_url:
        raise WorkerSettingsError(
            f"RASA_WORKERS={rasa_workers} needs a shared lock store: set "
            "LOCK_STORE_URL=redis://HOST:PORT/DB. Without one, two messages of one visitor "
            "could be handled at once by two workers and mix up the conversation, and Rasa "
            "would quietly run one worker only."
        )
    settings = lock_store_settings(lock_store_url)
    settings["SANIC_WORKERS"] = str(rasa_workers)
    settings["ACTION_SERVER_SANIC_WORKERS"] = str(action_workers)
    if rasa_workers > 1:
        threads = max(1, (cores or os.cpu_count() or 1) // rasa_workers)
        settings["TF_INTRA_OP_PARALLELISM_THREADS"] = str(threads)
        settings["TF_INTER_OP_PARALLELISM_THREADS"] = "1"
    return settings


def main() -> int:
    """Print the settings as `export` lines, or the reason they cannot work (status 2)."""
    try:
        settings = worker_settings(os.environ)
    except WorkerSettingsError as error:
        print(f"Cannot start: {error}", file=sys.stderr)
        return 2
    for name, value in settings.items():
        print(f"export {name}={shlex.quote(value)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
