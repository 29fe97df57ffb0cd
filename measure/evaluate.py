"""`make eval`: how well the trained assistant understands, written to build/eval/.

- tests/nlu_holdout.yml through `rasa test nlu`: intent report, confusion matrix image; the
  same for the Spanish hold-out tests/nlu_holdout_es.yml (holdout_es/), whose topics right,
  share sent to fallback and off-topic questions rejected through the whole NLU (rules
  included, as measure/nlu.py reads them) are in the summary beside the English figures;
- 5-fold cross-validation on the training data (`rasa test nlu --cross-validation`);
- off-topic rejection: CLINC150 oos_test (1,000) and a seeded 1,000-row sample of
  inscope_test, and the share of hold-out topic questions sent to fallback;
- the fallback threshold swept from 0.3 to 0.9: hold-out accuracy against off-topic
  rejection, plotted to threshold.png, with the threshold chosen on the tuning data
  (hold-out and oos_val; never oos_test);
- the visitors set (measure/sets/visitors/, written by others) and the helpers' set
  (measure/sets/helper_visitors/) through the running assistant's REST channel, judged by
  the reply text: visitors.md and helper_visitors.md (measure/visitors.py);
- the conversations set (measure/sets/conversations/, written by others): whole
  conversations, every judged turn judged on the reply to it, with the pass rate per kind
  and the information questions answered with the legal-advice refusal: conversations.md
  (measure/conversations.py); the same for the helpers' blind conversations set
  (measure/sets/helper_conversations/) and the helpers' blind Spanish set
  (measure/sets/helper_spanish/): helper_conversations.md, helper_spanish.md. Both kinds
  of set talk to one running assistant, started once.

Usage (from the project root, after `make train`): python -m measure.evaluate build/eval
"""

import asyncio
import json
import random
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Dict, List, Sequence

import yaml

from generate.nlu_files import examples_by_intent
from measure import conversations, visitors
from measure.nlu import clinc_questions, holdout_figures, quiet_rasa_logs
from serve.servers import running_assistant

MODEL = "models/helpdesk.tar.gz"
SPANISH_HOLDOUT = Path("tests/nlu_holdout_es.yml")
CLINC = Path("measure/sets/clinc150")
INSCOPE_SAMPLE = 1000
SAMPLE_SEED = 2018
THRESHOLDS = [round(0.3 + 0.05 * step, 2) for step in range(13)]
REJECTED = {"out_of_scope", "nlu_fallback"}
Ranking = List[Dict]


@dataclass
class SweepPoint:
    """Figures at one fallback threshold."""

    threshold: float
    holdout_accuracy: float
    holdout_to_fallback: float
    oos_val_rejection: float
    oos_test_rejection: float
    inscope_rejection: float


def decide(ranking: Ranking, threshold: float, ambiguity: float) -> str:
    """The intent the FallbackClassifier would let through, or nlu_fallback."""
    if not ranking:
        return "nlu_fallback"
    top = ranking[0]["confidence"]
    second = ranking[1]["confidence"] if len(ranking) > 1 else 0.0
    if top < threshold or top - second < ambiguity:
        return "nlu_fallback"
    return ranking[0]["name"]


def share(flags: Sequence[bool]) -> float:
    return sum(flags) / len(flags) if flags else 0.0


def sweep(
    holdout: List[tuple], rankings: Dict[str, List[Ranking]], ambiguity: float
) -> List[SweepPoint]:
    """Each figure at each threshold, from the classifier's rankings (fallback removed)."""
    points = []
    for threshold in THRESHOLDS:
        decided = {
            name: [decide(r, threshold, ambiguity) for r in ranked]
            for name, ranked in rankings.items()
        }
        intents = [intent for _, intent in holdout]
        points.append(
            SweepPoint(
                threshold,
                share([p == i for p, i in zip(decided["holdout"], intents, strict=True)]),
                share([p == "nlu_fallback" for p in decided["holdout"]]),
                *(
                    share([p in REJECTED for p in decided[name]])
                    for name in ("oos_val", "oos_test", "inscope")
                ),
            )
        )
    return points


def choose_threshold(points: List[SweepPoint], max_fallback: float = 0.03) -> SweepPoint:
    """On tuning data only: the best hold-out accuracy + oos_val rejection with at most 3% of
    topic questions sent to fallback; of equals, the highest threshold, which turns away
    more unseen off-topic questions at no cost the tuning data can see."""
    allowed = [p for p in points if p.holdout_to_fallback <= max_fallback] or points
    return max(allowed, key=lambda p: (p.holdout_accuracy + p.oos_val_rejection, p.threshold))


def plot_threshold(points: List[SweepPoint], chosen: float, configured: float, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    thresholds = [p.threshold for p in points]
    figure, axes = plt.subplots(figsize=(7, 4.5))
    axes.plot(thresholds, [p.holdout_accuracy for p in points], "o-", label="hold-out right")
    axes.plot(thresholds, [p.oos_val_rejection for p in points], "s--", label="oos_val rejected")
    axes.plot(thresholds, [p.oos_test_rejection for p in points], "s-", label="oos_test rejected")
    axes.plot(thresholds, [p.inscope_rejection for p in points], "^-", label="inscope rejected")
    axes.axvline(chosen, color="grey", linestyle=":", label=f"chosen {chosen}")
    axes.axvline(configured, color="black", linestyle="-.", label=f"config.yml {configured}")
    axes.set_xlabel("FallbackClassifier threshold")
    axes.set_ylabel("share")
    axes.set_ylim(0.5, 1.0)
    axes.legend(loc="lower left", fontsize="small")
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)


def write_reports(summary: Dict, points: List[SweepPoint], out: Path) -> None:
    """summary.json, summary.md and threshold.png in `out`."""
    out.mkdir(parents=True, exist_ok=True)
    report = {**summary, "sweep": [asdict(p) for p in points]}
    (out / "summary.json").write_text(json.dumps(report, indent=2))
    rows = [f"| {key.replace('_', ' ')} | {value} |" for key, value in summary.items()]
    (out / "summary.md").write_text("| figure | value |\n|---|---|\n" + "\n".join(rows) + "\n")
    plot_threshold(
        points, summary["chosen_threshold"], summary["configured_threshold"], out / "threshold.png"
    )


def fallback_settings() -> Dict:
    pipeline = yaml.safe_load(Path("config.yml").read_text())["pipeline"]
    return next(c for c in pipeline if c["name"] == "FallbackClassifier")


def rasa_test_nlu(args: List[str]) -> None:
    subprocess.run([str(Path(sys.executable).parent / "rasa"), "test", "nlu", *args], check=True)


async def rankings_of(texts: List[str]) -> List[Ranking]:
    from rasa.core.agent import Agent

    agent = Agent.load(MODEL)
    ranked = []
    for text in texts:
        parsed = await agent.parse_message(text)
        ranked.append([r for r in parsed["intent_ranking"] if r["name"] != "nlu_fallback"])
    return ranked


async def spanish_holdout() -> Dict[str, float | None]:
    """The Spanish hold-out's figures for the summary, through the whole NLU pipeline."""
    from rasa.core.agent import Agent

    figures = await holdout_figures(Agent.load(MODEL), SPANISH_HOLDOUT)
    rejected = figures.off_topic_rejected
    return {
        "holdout_es_topics_right": round(figures.right, 4),
        "holdout_es_topics_to_fallback": round(figures.to_fallback, 4),
        "holdout_es_off_topic_rejection": None if rejected is None else round(rejected, 4),
    }


def judge_sets(out: Path) -> Dict[str, float]:
    """The visitors sets and the conversations sets, judged by the reply text through one
    running assistant (starting the servers takes a minute or two; once is enough)."""
    with running_assistant(out / "servers") as assistant:
        summary = visitors.report_sets(
            assistant.webhook, out, (visitors.SET_DIR, visitors.HELPER_SET_DIR)
        )
        for set_dir in conversations.ALL_SET_DIRS:
            summary.update(conversations.report(assistant.webhook, out, set_dir))
    return summary


def evaluate(out: Path, folds: int | None = 5) -> Dict:
    out.mkdir(parents=True, exist_ok=True)
    rasa_test_nlu(
        ["--model", MODEL, "--nlu", "tests/nlu_holdout.yml", "--out", str(out / "holdout")]
    )
    rasa_test_nlu(
        ["--model", MODEL, "--nlu", str(SPANISH_HOLDOUT), "--out", str(out / "holdout_es")]
    )
    if folds:
        rasa_test_nlu(
            [
                "--nlu",
                "data",
                "--config",
                "config.yml",
                "--cross-validation",
                "--folds",
                str(folds),
                "--out",
                str(out / "cross_validation"),
            ]
        )
    holdout_file = Path("tests/nlu_holdout.yml")
    holdout = [
        (text, intent)
        for intent, texts in examples_by_intent(holdout_file).items()
        if intent != "out_of_scope"
        for text in texts
    ]
    inscope = clinc_questions(CLINC / "inscope_test.tsv")
    texts = {
        "holdout": [text for text, _ in holdout],
        "oos_val": clinc_questions(CLINC / "oos_val.txt"),
        "oos_test": clinc_questions(CLINC / "oos_test.txt"),
        "inscope": random.Random(SAMPLE_SEED).sample(inscope, INSCOPE_SAMPLE),
    }
    quiet_rasa_logs()
    rankings = {name: asyncio.run(rankings_of(t)) for name, t in texts.items()}
    settings = fallback_settings()
    points = sweep(holdout, rankings, settings["ambiguity_threshold"])
    configured = next(p for p in points if p.threshold == round(settings["threshold"], 2))
    chosen = choose_threshold(points)
    report = json.loads((out / "holdout" / "intent_report.json").read_text())
    report_es = json.loads((out / "holdout_es" / "intent_report.json").read_text())
    summary = {
        "holdout_intent_accuracy": round(report["accuracy"], 4),
        "holdout_macro_f1": round(report["macro avg"]["f1-score"], 4),
        "holdout_topics_right": round(configured.holdout_accuracy, 4),
        "holdout_topics_to_fallback": round(configured.holdout_to_fallback, 4),
        "holdout_es_intent_accuracy": round(report_es["accuracy"], 4),
        **asyncio.run(spanish_holdout()),
        "oos_test_rejection": round(configured.oos_test_rejection, 4),
        "inscope_sample_rejection": round(configured.inscope_rejection, 4),
        "configured_threshold": settings["threshold"],
        "chosen_threshold": chosen.threshold,
    }
    if folds:
        cv = json.loads((out / "cross_validation" / "intent_report.json").read_text())
        summary["cross_validation_accuracy"] = round(cv["accuracy"], 4)
        summary["cross_validation_macro_f1"] = round(cv["macro avg"]["f1-score"], 4)
    summary.update(judge_sets(out))
    write_reports(summary, points, out)
    return summary


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    for key, value in evaluate(Path(sys.argv[1])).items():
        print(f"{key:32} {value}")
