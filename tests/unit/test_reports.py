"""The report writers of `make eval` and `make bench` produce their files from a small run."""

import json
from pathlib import Path

from measure.bench import write_report
from measure.evaluate import choose_threshold, decide, sweep, write_reports


def small_sweep() -> list:
    holdout = [("how do I upgrade", "pacer_upgrade"), ("lost password", "cmecf_lost_password")]
    rankings = {
        "holdout": [
            [
                {"name": "pacer_upgrade", "confidence": 0.9},
                {"name": "pacer_fees", "confidence": 0.05},
            ],
            [
                {"name": "cmecf_lost_password", "confidence": 0.55},
                {"name": "pacer_forgot_password", "confidence": 0.4},
            ],
        ],
        "oos_val": [[{"name": "out_of_scope", "confidence": 0.9}]],
        "oos_test": [
            [{"name": "pacer_fees", "confidence": 0.6}, {"name": "help", "confidence": 0.1}]
        ],
        "inscope": [[{"name": "greet", "confidence": 0.35}, {"name": "help", "confidence": 0.3}]],
    }
    return sweep(holdout, rankings, ambiguity=0.1)


def test_decide_applies_the_threshold_and_the_ambiguity_gap() -> None:
    ranking = [{"name": "a", "confidence": 0.55}, {"name": "b", "confidence": 0.5}]
    assert decide(ranking, 0.5, 0.1) == "nlu_fallback"
    assert decide(ranking, 0.5, 0.01) == "a"
    assert decide(ranking, 0.6, 0.01) == "nlu_fallback"


def test_the_sweep_trades_topic_accuracy_for_rejection() -> None:
    points = {p.threshold: p for p in small_sweep()}
    assert points[0.5].holdout_accuracy == 1.0 and points[0.5].oos_test_rejection == 0.0
    assert points[0.6].holdout_accuracy == 0.5 and points[0.6].holdout_to_fallback == 0.5
    assert points[0.65].oos_test_rejection == 1.0
    assert choose_threshold(list(points.values())).threshold == 0.55


def test_eval_reports_are_written(tmp_path: Path) -> None:
    points = small_sweep()
    summary = {
        "holdout_intent_accuracy": 0.97,
        "configured_threshold": 0.5,
        "chosen_threshold": 0.55,
    }
    write_reports(summary, points, tmp_path)
    report = json.loads((tmp_path / "summary.json").read_text())
    assert report["chosen_threshold"] == 0.55 and len(report["sweep"]) == len(points)
    assert "| holdout intent accuracy | 0.97 |" in (tmp_path / "summary.md").read_text()
    assert (tmp_path / "threshold.png").read_bytes()[:4] == b"\x89PNG"


def test_bench_report_gives_ratios(tmp_path: Path) -> None:
    def bot(rate: float, rss: float) -> dict:
        runs = [
            {
                "visitors": v,
                "messages_per_second": rate * v,
                "p50_ms": 50.0,
                "p95_ms": 90.0,
                "errors": 0,
            }
            for v in (1, 8, 32)
        ]
        return {
            "training_s": 60.0,
            "start_to_first_answer_s": 10.0,
            "runs": runs,
            "rasa_rss_mb": rss,
            "actions_rss_mb": 100.0,
            "long_conversation": {
                "first_20_p50_ms": 20.0,
                "last_20_p50_ms": rss / 25,
                "last_to_first": rss / 500,
            },
        }

    results = {
        "machine": "x86_64, 2 cores",
        "date": "2026-11-25",
        "ours": bot(6.0, 500.0),
        "workers": bot(8.0, 750.0),
        "stock": bot(2.0, 1000.0),
    }
    write_report(results, tmp_path)
    table = (tmp_path / "bench.md").read_text()
    assert "| messages_per_second at 32 visitors | 192.0 | 256.0 | 64.0 | 3.0 | 4.0 |" in table
    assert "| rasa_rss_mb | 500.0 | 750.0 | 1000.0 | 0.5 | 0.75 |" in table
    assert "| 200-message conversation: last_to_first | 1.0 | 1.5 | 2.0 | 0.5 | 0.75 |" in table
    assert json.loads((tmp_path / "bench.json").read_text())["ours"]["training_s"] == 60.0
