"""`make bench-clerk`: how long each clerk page takes on a busy month of conversations.

Generates 30 days of 1,000 conversations a day (1 to 5 visitor messages each, with the
events Rasa stores for each: the message, the action, the reply, listening again; some
declined, "Did you mean", places not found, ratings) into Rasa's own `events` table, with
the index the project's tracker store adds, in SQLite and in PostgreSQL (a server is started
for it, `make postgresql`). Then it starts the page server on that store, signs in as a
clerk, and asks each page REPEATS times through real HTTP: the median and the slowest go to
OUT/clerk.md and OUT/clerk.json. A benchmark, not a test: the machine is shared and noisy,
so the figures are for reading, not for asserting.

Usage (from the project root): python -m measure.clerk_bench OUT [CONVERSATIONS_PER_DAY]
"""

import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Dict, Iterator, List, Tuple

import requests
import sqlalchemy as sa

from conversations.reports import COURT_TIME, court_today, missed_texts
from conversations.store import create_indexes
from serve.clerk.accounts import set_account
from serve.servers import free_port, start, stop, wait_until_up
from serve.services import running_postgres

DAYS = 30
PER_DAY = 1000
REPEATS = 5
SEED = 20261204
PASSWORD = "bench-only-password"
# What visitors ask and the intent each is understood as; and what is missed, by kind.
ANSWERED = [
    ("do I need my own nextgen account", "own_account_required", 0.97),
    ("how do I upgrade my PACER account", "pacer_upgrade", 0.95),
    ("I lost my password", "lost_password", 0.91),
    ("what are your hours", "office_hours", 0.98),
    ("how much is the filing fee", "filing_fee", 0.93),
    ("how do I link my accounts", "link_accounts", 0.89),
]
MISSED = [
    ("what's the weather tomorrow", "out_of_scope", 0.81),
    ("can you renew my drivers license", "out_of_scope", 0.77),
    ("pacer", "nlu_fallback", 0.41),
    ("Xyzzyville", "inform_place", 0.66),
]
PAGES = [
    "/clerk/",
    "/clerk/missed?days=1",
    "/clerk/missed?days=7",
    "/clerk/missed?days=30",
    "/clerk/answers?days=30",
    "/clerk/downloads/review.csv?days=30",
    "/clerk/downloads/review-nlu.yml?days=30",
    "/clerk/api/summary.json?days=30",
    "CONVERSATION",
]


def events_table() -> sa.Table:
    """Rasa's own `events` table (its columns and its index on the sender id)."""
    from rasa.core.tracker_store import SQLTrackerStore

    return SQLTrackerStore.SQLEvent.__table__


def user_event(text: str, intent: str, confidence: float, moment: float) -> Dict:
    """A visitor message as Rasa stores it, with a ranking of ten intents."""
    ranking = [{"name": intent, "confidence": confidence}] + [
        {"name": f"other_intent_{n}", "confidence": (1 - confidence) / 9} for n in range(9)
    ]
    entities = []
    if intent == "rate_answer":
        entities = [{"entity": "rating", "value": text.split('"')[-2], "start": 0, "end": 0}]
    message_id = uuid.uuid4().hex
    return {
        "event": "user",
        "timestamp": moment,
        "metadata": {},
        "text": text,
        "parse_data": {
            "intent": {"name": intent, "confidence": confidence},
            "entities": entities,
            "text": text,
            "message_id": message_id,
            "metadata": {},
            "text_tokens": [[0, len(text)]],
            "intent_ranking": ranking,
        },
        "input_channel": "rest",
        "message_id": message_id,
    }


def bot_event(text: str, moment: float) -> Dict:
    return {
        "event": "bot",
        "timestamp": moment,
        "metadata": {"utter_action": "utter_answer"},
        "text": text,
        "data": {"elements": None, "quick_replies": None, "buttons": None, "attachment": None},
    }


def action_event(name: str, moment: float) -> Dict:
    return {"event": "action", "timestamp": moment, "name": name, "policy": "RulePolicy"}


def conversation(rng: random.Random, start: float) -> Iterator[Dict]:
    """One visitor's conversation: session start, then 1 to 5 messages and their replies."""
    moment = start
    yield action_event("action_session_start", moment)
    yield {"event": "session_started", "timestamp": moment}
    yield action_event("action_listen", moment)
    misses = list(missed_texts())
    for _ in range(rng.randint(1, 5)):
        moment += rng.uniform(5, 60)
        missed = rng.random() < 0.1
        text, intent, confidence = rng.choice(MISSED if missed else ANSWERED)
        yield user_event(text, intent, confidence, moment)
        yield action_event(f"utter_{intent}", moment + 0.1)
        reply = rng.choice(misses) if missed else f"The answer about {intent}."
        yield bot_event(reply, moment + 0.1)
        yield action_event("action_listen", moment + 0.2)
        if not missed and rng.random() < 0.15:
            rating = rng.choice(["yes", "yes", "no"])
            yield user_event(
                f'/rate_answer{{"rating": "{rating}"}}', "rate_answer", 1.0, moment + 9
            )
            yield bot_event("Thank you.", moment + 9.1)


def rows_of_day(rng: random.Random, day_start: datetime, per_day: int) -> Iterator[Dict]:
    """The events of a day's conversations, started during the court's working day."""
    for _ in range(per_day):
        sender = uuid.uuid4().hex
        start = day_start + timedelta(hours=rng.triangular(7, 18, 10))
        for event in conversation(rng, start.timestamp()):
            yield {
                "sender_id": sender,
                "type_name": event["event"],
                "timestamp": event["timestamp"],
                "intent_name": (event.get("parse_data") or {}).get("intent", {}).get("name"),
                "action_name": event.get("name"),
                "data": json.dumps(event),
            }


def generate(url: str, days: int, per_day: int) -> Tuple[int, str]:
    """Fill the store with `days` days up to today; (events written, a conversation id)."""
    rng = random.Random(SEED)
    engine = sa.create_engine(url)
    table = events_table()
    table.create(engine, checkfirst=True)
    create_indexes(engine)
    written, some_sender = 0, ""
    today = court_today()
    try:
        for back in range(days - 1, -1, -1):
            day = today - timedelta(days=back)
            day_start = datetime(day.year, day.month, day.day, tzinfo=COURT_TIME)
            rows = list(rows_of_day(rng, day_start, per_day))
            with engine.begin() as connection:
                connection.execute(table.insert(), rows)
            written += len(rows)
            some_sender = rows[-1]["sender_id"]
        refresh_statistics(engine)
    finally:
        engine.dispose()
    return written, some_sender


def refresh_statistics(engine: sa.engine.Engine) -> None:
    """What a running database does by itself after many inserts (PostgreSQL's autovacuum,
    SQLite's `PRAGMA optimize` at close): update the statistics the query planner reads."""
    command = "VACUUM ANALYZE events" if engine.dialect.name == "postgresql" else "ANALYZE"
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(sa.text(command))


def timed_pages(store_url: str, sender: str, log_dir: Path) -> Dict[str, List[float]]:
    """Start the page server on the store, sign in, and time each page REPEATS times."""
    accounts = log_dir / "clerk-accounts"
    set_account("bench", PASSWORD, accounts)
    port = free_port()
    env = dict(os.environ, WEB_PORT=str(port), TRACKER_STORE_URL=store_url)
    env.update(CLERK_ACCOUNTS=str(accounts), RASA_URL="http://127.0.0.1:9", RASA_API_TOKEN="")
    web = start([sys.executable, "-m", "serve.web"], log_dir / "web.log", env)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/config.json", web, log_dir / "web.log")
        browser = signed_in(base)
        timings: Dict[str, List[float]] = {}
        for address in PAGES:
            path = f"/clerk/conversations/{sender}" if address == "CONVERSATION" else address
            timings[address] = []
            for _ in range(REPEATS):
                began = time.perf_counter()
                reply = browser.get(base + path, timeout=120)
                timings[address].append(time.perf_counter() - began)
                reply.raise_for_status()
        return timings
    finally:
        stop(web)


def signed_in(base: str) -> requests.Session:
    """A browser session signed in as the bench's clerk."""
    browser = requests.Session()
    form = browser.get(f"{base}/clerk/sign-in", timeout=30).text
    token = form.split('name="sign_in" value="')[1].split('"')[0]
    fields = {"sign_in": token, "next": "/clerk/", "name": "bench", "password": PASSWORD}
    browser.post(f"{base}/clerk/sign-in", data=fields, timeout=30).raise_for_status()
    return browser


def measure(name: str, url: str, per_day: int, work: Path) -> Dict:
    began = time.perf_counter()
    events, sender = generate(url, DAYS, per_day)
    print(f"{name}: {events} events in {time.perf_counter() - began:.0f} s", flush=True)
    timings = timed_pages(url, sender, work)
    return {"events": events, "conversations": DAYS * per_day, "pages": timings}


def report(results: Dict[str, Dict], out: Path) -> str:
    lines = [
        f"# Clerk pages on {DAYS} days of generated conversations",
        "",
        f"{datetime.now(COURT_TIME):%Y-%m-%d %H:%M} Central; each page asked {REPEATS} times "
        "through HTTP, signed in; seconds, median and slowest.",
        "",
        "| page | " + " | ".join(f"{name} median | {name} slowest" for name in results) + " |",
        "|---" * (1 + 2 * len(results)) + "|",
    ]
    for address in PAGES:
        cells = []
        for result in results.values():
            times = result["pages"][address]
            cells += [f"{statistics.median(times):.3f}", f"{max(times):.3f}"]
        lines.append(f"| {address.lower()} | " + " | ".join(cells) + " |")
    lines.append("")
    for name, result in results.items():
        lines.append(
            f"- {name}: {result['conversations']} conversations, {result['events']} events"
        )
    text = "\n".join(lines) + "\n"
    out.mkdir(parents=True, exist_ok=True)
    (out / "clerk.md").write_text(text, encoding="utf-8")
    (out / "clerk.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    return text


def main(argv: List[str]) -> int:
    if len(argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    per_day = int(argv[2]) if len(argv) == 3 else PER_DAY
    with tempfile.TemporaryDirectory(prefix="clerk-bench-") as scratch:
        work = Path(scratch)
        results = {"SQLite": measure("SQLite", f"sqlite:///{work / 'c.db'}", per_day, work)}
        with running_postgres() as url:
            results["PostgreSQL"] = measure("PostgreSQL", url, per_day, work)
    print(report(results, Path(argv[1])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
