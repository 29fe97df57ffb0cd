"""serve/lock_store.py against a real Redis: tickets stay unique however many processes
take them at once, and a conversation's lock goes when its last ticket is given back."""

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Iterator, List
from urllib.parse import urlsplit

import pytest
from rasa.utils.endpoints import EndpointConfig

from serve.lock_store import AtomicRedisLockStore
from serve.services import running_redis
from support import new_sender

CLIENTS, TICKETS_EACH = 8, 25


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    with running_redis() as url:
        yield url


def lock_store(url: str) -> AtomicRedisLockStore:
    """A lock store as Rasa makes it from endpoints.yml: each client its own connection."""
    parts = urlsplit(url)
    config = EndpointConfig(url=parts.hostname, port=parts.port, db=parts.path.strip("/"))
    return AtomicRedisLockStore(config)


def test_tickets_taken_at_the_same_moment_are_all_different(redis_url: str) -> None:
    conversation, start_together = new_sender(), threading.Barrier(CLIENTS)

    def take_tickets(_: int) -> List[int]:
        store = lock_store(redis_url)
        start_together.wait()
        return [store.issue_ticket(conversation) for _ in range(TICKETS_EACH)]

    with ThreadPoolExecutor(CLIENTS) as pool:
        tickets = [number for taken in pool.map(take_tickets, range(CLIENTS)) for number in taken]
    assert sorted(tickets) == list(range(CLIENTS * TICKETS_EACH))


def test_the_lock_goes_with_its_last_ticket_and_serves_in_order(redis_url: str) -> None:
    store, conversation = lock_store(redis_url), new_sender()
    first, second = store.issue_ticket(conversation), store.issue_ticket(conversation)
    lock = store.get_lock(conversation)
    assert not lock.is_locked(first) and lock.is_locked(second)
    store.cleanup(conversation, first)
    assert not store.get_lock(conversation).is_locked(second)
    store.cleanup(conversation, second)
    assert store.get_lock(conversation) is None
    assert store.red.exists(store.key_prefix + conversation) == 0


def test_expired_tickets_are_dropped(redis_url: str) -> None:
    store, conversation = lock_store(redis_url), new_sender()
    store.issue_ticket(conversation, lock_lifetime=-1)
    store.update_lock(conversation)
    assert store.get_lock(conversation) is None
