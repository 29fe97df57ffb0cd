"""A Redis lock store whose every change of a lock is atomic, so that it holds across processes.

Rasa 3.6's `RedisLockStore` reads a conversation's lock, changes it in Python and writes it
back. Two Rasa processes that take a message of the same visitor at the same moment both
read "no lock", both issue themselves ticket 0 and both go ahead: the conversation's events
are then written twice over and one message is lost (seen in tests/scaling/test_replicas.py,
and reported as RasaHQ/rasa#9213; Rasa's fix, ConcurrentRedisLockStore, is in Rasa Pro only).

Here each read-change-write runs as a Redis transaction on the lock's key (WATCH, then MULTI
and EXEC): when another process changed the lock in between, the change is redone on what
that process wrote. `endpoints.yml` names this class when `LOCK_STORE_URL` is set.
"""

import json
from typing import Callable, TypeVar

import redis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

Result = TypeVar("Result")


class AtomicRedisLockStore(RedisLockStore):
    """Rasa's Redis ticket lock, safe for several Rasa workers and replicas."""

    def __init__(self, endpoint_config: EndpointConfig) -> None:
        """Rasa creates a custom lock store from its endpoint: `url` is Redis's host."""
        super().__init__(host=endpoint_config.url, **endpoint_config.kwargs)

    def _change_lock(self, conversation_id: str, change: Callable[[TicketLock], Result]) -> Result:
        """Apply `change` to the conversation's lock (a new one if none) in one transaction;
        a lock left without tickets is deleted. Returns what `change` returned."""
        key = self.key_prefix + conversation_id
        with self.red.pipeline() as transaction:
            while True:
                try:
                    transaction.watch(key)
                    stored = transaction.get(key)
                    lock = (
                        TicketLock.from_dict(json.loads(stored))
                        if stored
                        else self.create_lock(conversation_id)
                    )
                    result = change(lock)
                    transaction.multi()
                    if lock.is_someone_waiting():
                        transaction.set(key, lock.dumps())
                    else:
                        transaction.delete(key)
                    transaction.execute()
                    return result
                except redis.WatchError:
                    continue

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        """A new ticket for the conversation, numbered after every ticket still held."""
        try:
            return self._change_lock(conversation_id, lambda lock: lock.issue_ticket(lock_lifetime))
        except redis.RedisError as error:
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def update_lock(self, conversation_id: str) -> None:
        """Drop the conversation's expired tickets."""
        self._change_lock(conversation_id, TicketLock.remove_expired_tickets)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        """Give back a ticket; the lock goes when no one else holds one."""
        self._change_lock(conversation_id, lambda lock: lock.remove_ticket_for(ticket_number))

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Rasa's last step after a message: give back its ticket (see finish_serving)."""
        self.finish_serving(conversation_id, ticket_number)
