"""Rasa's own checks, run on the trained model: data validation, test stories, NLU hold-out."""

import json
import re
import subprocess
from pathlib import Path
from typing import List, Set, Tuple

from answers import topics
from support import MODEL, PROJECT_ROOT, RASA, rasa_env

# The README's target for the hold-out ("Measured").
MIN_HOLDOUT_ACCURACY = 0.95

# Lines of `rasa data validate` that report a problem with the project's data. Rasa prints
# them through its logger ("WARNING") or Python warnings ("UserWarning"); it exits 0 even
# with --fail-on-warnings when only warnings were printed, so the test reads its output.
PROBLEM_LINE = re.compile(r"\b(WARNING|ERROR|UserWarning)\b")


def run_rasa(args: List[str]) -> subprocess.CompletedProcess:
    """Run a rasa command in the project root and capture everything it prints."""
    return subprocess.run(
        [str(RASA), *args],
        cwd=PROJECT_ROOT,
        env=rasa_env(),
        capture_output=True,
        text=True,
        timeout=1800,
    )


def responses_sent_by_actions() -> Set[str]:
    """The responses the custom actions send (`response="utter_..."`): rasa data validate
    reports them as used in no story or rule, as it reads only stories and rules."""
    return {
        name
        for path in (PROJECT_ROOT / "actions").glob("*.py")
        for name in re.findall(r'response="(utter_\w+)"', path.read_text(encoding="utf-8"))
    }


def test_data_validates_without_a_single_warning() -> None:
    result = run_rasa(["data", "validate", "--fail-on-warnings"])
    output = result.stdout + result.stderr
    sent_by_actions = [
        f"The utterance '{name}' is not used in any story or rule."
        for name in responses_sent_by_actions()
    ]
    # Intents only ever sent by a button of the chat page have no training examples.
    payload_only = [
        f"The intent '{topic.intent}' is listed in the domain file, but is not found in the NLU"
        for topic in topics()
        if topic.payload_only
    ]
    known = sent_by_actions + payload_only
    problems = [
        line
        for line in output.splitlines()
        if PROBLEM_LINE.search(line) and not any(expected in line for expected in known)
    ]
    assert result.returncode == 0, output[-4000:]
    assert not problems, "\n".join(problems)


def test_every_test_story_is_predicted_exactly(tmp_path: Path) -> None:
    result = run_rasa(
        [
            "test",
            "core",
            "--model",
            str(MODEL),
            "--stories",
            "tests/stories",
            "--fail-on-prediction-errors",
            "--out",
            str(tmp_path),
        ]
    )
    failed = tmp_path / "failed_test_stories.yml"
    details = failed.read_text() if failed.exists() else ""
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:] + details


def rasa_test_nlu(nlu_file: Path, out: Path) -> Tuple[dict, List[dict]]:
    """Run `rasa test nlu` on one file; return its intent report and its intent errors."""
    result = run_rasa(
        [
            "test",
            "nlu",
            "--model",
            str(MODEL),
            "--nlu",
            str(nlu_file),
            "--out",
            str(out),
            "--no-plot",
        ]
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    report = json.loads((out / "intent_report.json").read_text())
    errors_file = out / "intent_errors.json"
    errors = json.loads(errors_file.read_text()) if errors_file.exists() else []
    return report, errors


def test_nlu_holdout_accuracy_meets_its_floor(tmp_path: Path) -> None:
    report, errors = rasa_test_nlu(PROJECT_ROOT / "tests" / "nlu_holdout.yml", tmp_path)
    misses = "\n".join(
        f"{e['intent_prediction']['name']!r:32} <- {e['text']!r} (expected {e['intent']})"
        for e in errors
    )
    assert report["accuracy"] >= MIN_HOLDOUT_ACCURACY, misses
