"""`make bench`: load on the running assistant through the REST channel, and the same load on
stock Rasa (the bot `rasa init` creates, default configuration), in one run on one machine.

For each bot: full training time, time from start to first answer, then 1, 8 and 32
concurrent visitors each holding a 12-message conversation: p50 and p95 latency, messages
per second, errors, and the memory (RSS) of the Rasa and action server processes. Results go
to OUT/bench.json and OUT/bench.md with our/stock ratios.

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
    start,
    stop,
    wait_until_up,
)

CONCURRENCY = [1, 8, 32]
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
ENV = dict(os.environ, RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="2")


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


def measure_bot(name: str, cwd: Path, model: str, out: Path, with_actions: bool) -> Dict:
    rasa_port, action_port = free_port(), free_port()
    env = dict(ENV, ACTION_PORT=str(action_port))
    env["TRACKER_STORE_URL"] = f"sqlite:///{out / (name + '-conversations.db')}"
    actions = None
    if with_actions:
        actions = start(
            [RASA, "run", "actions", "--actions", "actions", "--port", str(action_port)],
            out / f"{name}-actions.log",
            env,
            cwd,
        )
        wait_until_up(
            f"http://127.0.0.1:{action_port}/health", actions, out / f"{name}-actions.log"
        )
    endpoints = ["--endpoints", "endpoints.yml"] if with_actions else []
    began = time.perf_counter()
    rasa = start(
        [
            RASA,
            "run",
            "--model",
            model,
            *endpoints,
            "--port",
            str(rasa_port),
            "--interface",
            "127.0.0.1",
        ],
        out / f"{name}-rasa.log",
        env,
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
            "rasa_rss_mb": rss_mb(rasa.pid),
            "actions_rss_mb": rss_mb(actions.pid) if actions else None,
        }
    finally:
        stop(rasa)
        stop(actions)


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


def write_report(results: Dict, out: Path) -> None:
    """bench.json and bench.md (a table with our/stock ratios) in `out`."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench.json").write_text(json.dumps(results, indent=2))
    ours, stock = results["ours"], results["stock"]
    lines = [
        f"Machine: {results['machine']}; {results['date']}.",
        "",
        "| measure | this assistant | stock `rasa init` bot | ratio |",
        "|---|---|---|---|",
    ]
    for key in ("training_s", "start_to_first_answer_s", "rasa_rss_mb"):
        lines.append(f"| {key} | {ours[key]} | {stock[key]} | {ratio(ours[key], stock[key])} |")
    for mine, theirs in zip(ours["runs"], stock["runs"], strict=True):
        for key in ("messages_per_second", "p50_ms", "p95_ms", "errors"):
            label = f"{key} at {mine['visitors']} visitors"
            lines.append(
                f"| {label} | {mine[key]} | {theirs[key]} | {ratio(mine[key], theirs[key])} |"
            )
    lines.append(f"| actions_rss_mb | {ours['actions_rss_mb']} | none | |")
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
    ours = measure_bot("ours", PROJECT_ROOT, str(models / "ours.tar.gz"), out, with_actions=True)
    stock = measure_bot("stock", bot, "models/stock.tar.gz", out, with_actions=False)
    results = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}",
        "date": time.strftime("%Y-%m-%d"),
        "ours": {"training_s": ours_training, **ours},
        "stock": {"training_s": stock_training, **stock},
    }
    write_report(results, out)
    return results


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    bench(Path(sys.argv[1]).resolve())
    print((Path(sys.argv[1]) / "bench.md").read_text())
