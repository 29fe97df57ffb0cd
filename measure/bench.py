"""`make bench`: load on the running assistant through the REST channel, and the same load on
stock Rasa (the bot `rasa init` creates, default configuration), in one run on one machine.

Three setups one after the other: this assistant as `make run` serves it by default (one
worker, SQLite), the same with `RASA_WORKERS=2` and a Redis lock store (a Redis server is
started for it), and the stock bot. For each: full training time (ours once), time from
start to first answer, then 1, 8 and 32 concurrent visitors each holding a 12-message
conversation: p50 and p95 latency, messages per second, errors; then one conversation of
200 messages: median latency of the last 20 against the first 20; and the memory (RSS) of
the Rasa and action server processes with their workers. Results go to OUT/bench.json and
OUT/bench.md with ratios to stock.

Usage (from the project root, after `make train`): python -m measure.bench build/bench
"""

import asyncio
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Dict, List

import aiohttp

from serve.servers import (
    PROJECT_ROOT,
    STARTUP_TIMEOUT_SECONDS,
    ServerError,
    free_port,
    rasa_env,
    server_env,
    start,
    stop,
    wait_until_up,
)
from serve.services import running_redis

CONCURRENCY = [1, 8, 32]
LONG_CONVERSATION, EDGE = 200, 20
CONVERSATION = [
    "hello",
    "what is NextGen?",
    "do I need my own PACER account",
    "how do I upgrade my PACER account",
    "how do I link my CM/ECF account to PACER",
    "I forgot my CM/ECF password",
    "what are the clerk's office hours",
    "where do I pay the filing fee",
    "I live in Woodbury County",
    "can you recommend a lawyer",
    "what's the weather tomorrow",
    "thanks, bye",
]
RASA = str(Path(sys.executable).parent / "rasa")
ENV = rasa_env()


def percentile(values: List[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB (from /proc)."""
    total = 0
    children = subprocess.run(
        ["pgrep", "-P", str(pid)], capture_output=True, text=True
    ).stdout.split()
    for process in [str(pid), *children]:
        status = Path(f"/proc/{process}/status")
        if status.exists():
            for line in status.read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return round(total / 1024, 1)


async def visitor(session: aiohttp.ClientSession, webhook: str, latencies: List[float]) -> int:
    """One visitor's conversation; returns the number of failed messages."""
    sender, errors = f"bench-{uuid.uuid4()}", 0
    for message in CONVERSATION:
        began = time.perf_counter()
        try:
            async with session.post(webhook, json={"sender": sender, "message": message}) as reply:
                await reply.json()
                errors += reply.status != 200
        except (aiohttp.ClientError, asyncio.TimeoutError):
            errors += 1
        latencies.append(time.perf_counter() - began)
    return errors


async def load(webhook: str, visitors: int) -> Dict:
    latencies: List[float] = []
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        began = time.perf_counter()
        errors = await asyncio.gather(
            *(visitor(session, webhook, latencies) for _ in range(visitors))
        )
        elapsed = time.perf_counter() - began
    return {
        "visitors": visitors,
        "messages": len(latencies),
        "p50_ms": round(1000 * statistics.median(latencies), 1),
        "p95_ms": round(1000 * percentile(latencies, 0.95), 1),
        "messages_per_second": round(len(latencies) / elapsed, 1),
        "errors": sum(errors),
    }


def timed(command: List[str], cwd: Path) -> float:
    began = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=ENV, check=True, stdout=subprocess.DEVNULL)
    return round(time.perf_counter() - began, 1)


def first_answer_seconds(webhook: str, began: float) -> float:
    """Seconds from process start until the bot answers a message (fails after
    STARTUP_TIMEOUT_SECONDS)."""
    import requests

    while time.perf_counter() - began < STARTUP_TIMEOUT_SECONDS:
        try:
            if requests.post(
                webhook, json={"sender": "warm-up", "message": "hello"}, timeout=5
            ).json():
                return round(time.perf_counter() - began, 1)
        except (requests.RequestException, ValueError):
            pass
        time.sleep(0.2)
    raise ServerError(f"no answer from {webhook} within {STARTUP_TIMEOUT_SECONDS} s")


def long_conversation(webhook: str) -> Dict:
    """One visitor, LONG_CONVERSATION messages in a row: does a message cost more as the
    conversation grows?"""
    import requests

    sender, latencies = f"bench-long-{uuid.uuid4()}", []
    for number in range(LONG_CONVERSATION):
        message = CONVERSATION[number % len(CONVERSATION)]
        began = time.perf_counter()
        requests.post(webhook, json={"sender": sender, "message": message}, timeout=120)
        latencies.append(time.perf_counter() - began)
    first, last = statistics.median(latencies[:EDGE]), statistics.median(latencies[-EDGE:])
    return {
        "first_20_p50_ms": round(1000 * first, 1),
        "last_20_p50_ms": round(1000 * last, 1),
        "last_to_first": round(last / first, 2),
    }


def measure_bot(
    name: str, cwd: Path, model: str, out: Path, env: Dict[str, str] | None = None
) -> Dict:
    """Serve `model` (with the action server and endpoints.yml when `env` is given, as
    serve_env makes it) and load it; stock Rasa gets neither."""
    rasa_port = free_port()
    actions = None
    if env is not None:
        actions = start(
            [RASA, "run", "actions", "--actions", "actions", "--port", env["ACTION_PORT"]],
            out / f"{name}-actions.log",
            env,
            cwd,
        )
        wait_until_up(
            f"http://127.0.0.1:{env['ACTION_PORT']}/health", actions, out / f"{name}-actions.log"
        )
    endpoints = ["--endpoints", "endpoints.yml"] if env is not None else []
    began = time.perf_counter()
    rasa = start(
        [RASA, "run", "--model", model, *endpoints, "--port", str(rasa_port)]
        + ["--interface", "127.0.0.1"],
        out / f"{name}-rasa.log",
        env or ENV,
        cwd,
    )
    webhook = f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook"
    try:
        wait_until_up(f"http://127.0.0.1:{rasa_port}/", rasa, out / f"{name}-rasa.log")
        ready = first_answer_seconds(webhook, began)
        runs = [asyncio.run(load(webhook, visitors)) for visitors in CONCURRENCY]
        return {
            "start_to_first_answer_s": ready,
            "runs": runs,
            "long_conversation": long_conversation(webhook),
            "rasa_rss_mb": rss_mb(rasa.pid),
            "actions_rss_mb": rss_mb(actions.pid) if actions else None,
        }
    finally:
        stop(rasa)
        stop(actions)


def serve_env(out: Path, name: str, lock_store_url: str = "", workers: int = 1) -> Dict[str, str]:
    """The environment `make run` gives the servers, with a new SQLite store in `out`."""
    store = f"sqlite:///{out / (name + '-conversations.db')}"
    return server_env(free_port(), store, lock_store_url, workers)


def stock_bot(out: Path) -> Path:
    """The bot `rasa init` creates (its own default config), in OUT/stock-bot."""
    bot = out / "stock-bot"
    if not (bot / "config.yml").exists():
        bot.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [RASA, "init", "--no-prompt", "--init-dir", str(bot)],
            env=ENV,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return bot


def ratio(ours: float, stock: float) -> float | None:
    return round(ours / stock, 2) if stock else None


SETUPS = {"ours": "this assistant (default)", "workers": "RASA_WORKERS=2 + Redis"}


def rows(bot: Dict) -> Dict[str, float]:
    """Every figure of one bot's results, by the label it has in the table."""
    figures = {key: bot[key] for key in ("training_s", "start_to_first_answer_s", "rasa_rss_mb")}
    for run in bot["runs"]:
        for key in ("messages_per_second", "p50_ms", "p95_ms", "errors"):
            figures[f"{key} at {run['visitors']} visitors"] = run[key]
    for key, value in bot["long_conversation"].items():
        figures[f"200-message conversation: {key}"] = value
    return figures


def write_report(results: Dict, out: Path) -> None:
    """bench.json and bench.md (a table with ratios to stock) in `out`."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench.json").write_text(json.dumps(results, indent=2))
    stock = rows(results["stock"])
    setups = {name: rows(results[name]) for name in SETUPS}
    header = " | ".join(SETUPS.values())
    ratios = " | ".join(f"ratio {name}/stock" for name in SETUPS)
    lines = [
        f"Machine: {results['machine']}; {results['date']}.",
        "",
        f"| measure | {header} | stock `rasa init` bot | {ratios} |",
        "|---" * (2 * len(SETUPS) + 2) + "|",
    ]
    for label, theirs in stock.items():
        mine = [setups[name][label] for name in SETUPS]
        shown = " | ".join(str(value) for value in mine)
        compared = " | ".join(str(ratio(value, theirs)) for value in mine)
        lines.append(f"| {label} | {shown} | {theirs} | {compared} |")
    memory = " | ".join(str(results[name]["actions_rss_mb"]) for name in SETUPS)
    lines.append(f"| actions_rss_mb | {memory} | none |" + " |" * len(SETUPS))
    (out / "bench.md").write_text("\n".join(lines) + "\n")


def bench(out: Path) -> Dict:
    out.mkdir(parents=True, exist_ok=True)
    models = out / "models"
    ours_training = timed(
        [RASA, "train", "--force", "--out", str(models), "--fixed-model-name", "ours"], PROJECT_ROOT
    )
    bot = stock_bot(out)
    stock_training = timed(
        [RASA, "train", "--force", "--out", "models", "--fixed-model-name", "stock"], bot
    )
    model = str(models / "ours.tar.gz")
    ours = measure_bot("ours", PROJECT_ROOT, model, out, serve_env(out, "ours"))
    with running_redis() as redis_url:
        env = serve_env(out, "workers", lock_store_url=redis_url, workers=2)
        workers = measure_bot("workers", PROJECT_ROOT, model, out, env)
    stock = measure_bot("stock", bot, "models/stock.tar.gz", out)
    results = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}",
        "date": time.strftime("%Y-%m-%d"),
        "ours": {"training_s": ours_training, **ours},
        "workers": {"training_s": ours_training, **workers},
        "stock": {"training_s": stock_training, **stock},
    }
    write_report(results, out)
    return results


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    bench(Path(sys.argv[1]).resolve())
    print((Path(sys.argv[1]) / "bench.md").read_text())
