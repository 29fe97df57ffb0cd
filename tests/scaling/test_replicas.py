"""Two Rasa replicas behind nginx (round robin, no sticky sessions), sharing one PostgreSQL
tracker store and one Redis lock store, with one action server: any replica can take any
message of any conversation, one visitor's messages are handled one at a time, and losing a
replica loses nothing. Everything is real and started here (deploy/nginx.conf as shipped).
"""

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterator, List, Tuple

import pytest
import requests

from facts import fact
from serve.servers import api_args, free_port, server_env, start_actions, start_rasa, stop
from serve.services import Balancer, running_nginx, running_postgres, running_redis
from support import new_sender

TOKEN = "replica-test-token"
# One visitor's conversation, each message with a fact its answer must carry.
CONVERSATION: List[Tuple[str, str]] = [
    ("hi", "Hello"),
    ("I forgot my CM/ECF password", fact("offices.cedar_rapids.phone")),
    ("what are the clerk's office hours", fact("office_hours.closes")),
    ("do I need my own PACER account", "PACER"),
    ("which office should I call?", "Which Iowa county or town are you in?"),
    ("Woodbury", fact("offices.sioux_city.phone")),
    ("how do I link my CM/ECF account to PACER", fact("dates.nextgen_go_live")),
    ("where do I pay the filing fee", "fee"),
    ("what's the weather tomorrow", fact("offices.cedar_rapids.phone")),
    ("goodbye", "Goodbye"),
]


@dataclass
class Cluster:
    """The replicas (their base URLs and processes) and the balancer in front of them."""

    replicas: List[str]
    processes: List[Any]
    balancer: Balancer
    log_dir: Path
    env: Dict[str, str]

    def say(self, base_url: str, sender: str, message: str) -> str:
        """One message to `base_url`'s REST channel; the bot's texts. Fails on HTTP errors."""
        reply = requests.post(
            f"{base_url}/webhooks/rest/webhook",
            json={"sender": sender, "message": message},
            timeout=120,
        )
        assert reply.status_code == 200, f"HTTP {reply.status_code}: {reply.text}"
        return "\n".join(part.get("text", "") for part in reply.json())

    def events(self, sender: str) -> List[Dict[str, Any]]:
        """The stored conversation, read through a replica's HTTP API."""
        reply = requests.get(
            f"{self.replicas[0]}/conversations/{sender}/tracker",
            params={"token": TOKEN},
            timeout=60,
        )
        reply.raise_for_status()
        return reply.json()["events"]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    log_dir = tmp_path_factory.mktemp("replicas")
    with running_redis() as redis_url, running_postgres() as postgres_url:
        action_port = free_port()
        env = server_env(action_port, postgres_url, lock_store_url=redis_url)
        actions, replicas = None, []  # the replicas' processes, as the tests leave them
        try:
            actions = start_actions(log_dir, action_port, env)
            ports = [free_port(), free_port()]
            for port in ports:
                replicas.append(start_rasa(log_dir, port, env, api_args(TOKEN)))
            addresses = [f"127.0.0.1:{port}" for port in ports]
            with running_nginx(addresses) as balancer:
                urls = [f"http://{address}" for address in addresses]
                yield Cluster(urls, replicas, balancer, log_dir, env)
        finally:
            # A test may have replaced a replica's process (stopped and started it again):
            # stop whatever the list holds now.
            for process in replicas:
                stop(process)
            stop(actions)


def turns(events: List[Dict[str, Any]]) -> List[Tuple[str, str]]:
    """(visitor message, the bot's texts until the next message) for each turn, in order."""
    found: List[Tuple[str, str]] = []
    for event in events:
        if event["event"] == "user":
            found.append((event["text"], ""))
        elif event["event"] == "bot" and found:
            said, answer = found[-1]
            found[-1] = (said, f"{answer}\n{event['text']}")
    return found


def assert_conversation_complete(events: List[Dict[str, Any]], sent: List[Tuple[str, str]]):
    """Every message stored once, in the order sent, each followed by its own answer and
    the bot then waiting for the visitor (action_listen) before the next message."""
    stored = turns(events)
    assert [said for said, _ in stored] == [said for said, _ in sent]
    for (said, answer), (_, marker) in zip(stored, sent, strict=True):
        assert marker.lower() in answer.lower(), (said, answer)
    actions = [event.get("name") for event in events if event["event"] in ("user", "action")]
    for position, name in enumerate(actions):
        if name is None and position > 0:  # a user event: the turn before must be finished
            assert actions[position - 1] == "action_listen", actions


def test_a_form_started_on_one_replica_is_finished_on_the_other(cluster: Cluster) -> None:
    sender = new_sender()
    first, second = cluster.replicas
    asked = cluster.say(first, sender, "which office should I call?")
    assert asked == "Which Iowa county or town are you in?"
    answer = cluster.say(second, sender, "Linn")
    assert fact("offices.cedar_rapids.phone") in answer
    assert fact("offices.sioux_city.phone") not in answer


def test_two_messages_at_the_same_moment_are_handled_one_after_the_other(
    cluster: Cluster,
) -> None:
    """Each visitor sends two messages at once, one to each replica; the lock makes the
    second wait for the first, so both are answered and the conversation stays in order."""
    messages = [CONVERSATION[1], CONVERSATION[2]]
    for _ in range(5):
        sender, start_together = new_sender(), threading.Barrier(2)

        def send(replica: str, message: str, sender: str = sender, barrier=start_together) -> str:
            barrier.wait()
            return cluster.say(replica, sender, message)

        with ThreadPoolExecutor(2) as pool:
            answers = list(pool.map(send, cluster.replicas, [message for message, _ in messages]))
        for answer, (_, marker) in zip(answers, messages, strict=True):
            assert marker in answer
        stored = turns(cluster.events(sender))
        assert sorted(said for said, _ in stored) == sorted(said for said, _ in messages)
        order = {said: marker for said, marker in messages}
        sent_in_stored_order = [(said, order[said]) for said, _ in stored]
        assert_conversation_complete(cluster.events(sender), sent_in_stored_order)


def converse(cluster: Cluster, sender: str) -> List[str]:
    """The whole CONVERSATION through nginx; the answers."""
    return [cluster.say(cluster.balancer.url, sender, message) for message, _ in CONVERSATION]


def test_fifty_visitors_of_ten_messages_through_nginx_are_all_answered_in_order(
    cluster: Cluster,
) -> None:
    senders = [new_sender() for _ in range(50)]
    with ThreadPoolExecutor(50) as pool:
        list(pool.map(lambda sender: converse(cluster, sender), senders))
    for sender in senders:
        assert_conversation_complete(cluster.events(sender), CONVERSATION)
    log = cluster.balancer.access_log.read_text()
    for replica in cluster.replicas:
        address = replica.removeprefix("http://")
        assert log.count(f"upstream={address} ") >= 100, f"{address} took too few messages"


def test_a_replica_stopped_mid_run_loses_nothing(cluster: Cluster) -> None:
    """Twenty visitors talk through nginx; after the first answers, one replica is stopped
    (SIGTERM, as an operator or orchestrator would). Every message is still answered and
    every conversation is complete; the replica is started again afterwards."""
    senders = [new_sender() for _ in range(20)]
    stopped = cluster.processes[1]
    with ThreadPoolExecutor(20) as pool:
        running = [pool.submit(converse, cluster, sender) for sender in senders]
        wait_for_answers(cluster.balancer.access_log, 40)
        stop(stopped)
        for visitor in running:
            visitor.result()
    try:
        for sender in senders:
            assert_conversation_complete(cluster.events(sender), CONVERSATION)
    finally:
        port = int(cluster.replicas[1].rsplit(":", 1)[1])
        cluster.processes[1] = start_rasa(cluster.log_dir, port, cluster.env, api_args(TOKEN))


def wait_for_answers(access_log: Path, count: int) -> None:
    """Block until nginx has logged `count` more answered requests than now (at most 5
    minutes: the visitors' own failures then say what went wrong)."""
    start, deadline = access_log.read_text().count(" 200 "), time.monotonic() + 300
    while access_log.read_text().count(" 200 ") < start + count and time.monotonic() < deadline:
        time.sleep(0.05)
