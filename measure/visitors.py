"""The visitors sets: messages written by others, judged by what the visitor reads.

Each case of `measure/sets/visitors/questions.yml` (and of `helper_visitors/`) is sent,
turn by turn, to the running assistant's REST channel as a new conversation; the reply to
the last turn (every text and every button title, joined by newlines) must carry the facts
the case names, as regular expressions of the visitors set's `markers.yml`. Judging the
reply text, not the intent, keeps the measure valid whatever the intents are called or
however they are split. How a case is judged is written in the set's README; `judge` is
that README in code.

Usage (from the project root, after `make train`): python -m measure.visitors build/eval
[SET_DIR] (starts the servers itself; the visitors set unless SET_DIR is given), or
`judge_all(webhook_url)` against a running assistant.
"""

import re
import sys
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Pattern, Protocol, Sequence, Set, Tuple

import requests
import yaml

from facts import fact
from serve.servers import PROJECT_ROOT, running_assistant

SET_DIR = Path(__file__).resolve().parent / "sets" / "visitors"
# Written like the visitors set, from the facts alone, by helpers; judged by its markers.
HELPER_SET_DIR = SET_DIR.parent / "helper_visitors"
# An off-topic reply must state none of these e-filing facts...
OFF_TOPIC_FORBIDDEN = ["golive", "d2014", "mma", "paa", "atty_reg", "nonatty", "psc", "legacy"]
# ...and must decline or hand over to the clerk's office.
OFF_TOPIC_HANDOVER = ["cr_phone", "sc_phone"]
DECLINE_WORDS = re.compile(r"can't help|only answer|outside|not sure|rephrase", re.I)
# The markers that are phone numbers, and the facts of facts/court.yml they stand for.
PHONE_MARKERS = {
    "cr_phone": "offices.cedar_rapids.phone",
    "sc_phone": "offices.sioux_city.phone",
    "sd_phone": "southern_district.phone",
}
TIMEOUT_SECONDS = 60


@dataclass(frozen=True)
class Case:
    """One visitor conversation and what the reply to its last turn must (not) say."""

    id: str
    kind: str
    topic: str
    who: str
    turns: Tuple[str, ...]
    all: Tuple[str, ...] = ()
    any: Tuple[str, ...] = ()
    none: Tuple[str, ...] = ()


@dataclass
class Verdict:
    """A case, the reply the visitor read, and why it failed (nothing when it passed)."""

    case: Case
    reply: str
    problems: List[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.problems


def load_cases(set_dir: Path = SET_DIR) -> List[Case]:
    raw = yaml.safe_load((set_dir / "questions.yml").read_text(encoding="utf-8"))["cases"]
    return [
        Case(
            **{
                key: tuple(value) if isinstance(value, list) else value
                for key, value in case.items()
            }
        )
        for case in raw
    ]


def phone_pattern(number: str) -> str:
    """ "515-555-0100" -> a pattern that also matches "(515) 555 0100" and "515.555.0100"."""
    return r"\)?[-. ]*".join(re.findall(r"\d+", number))


def load_markers(set_dir: Path = SET_DIR) -> Dict[str, Pattern[str]]:
    """The set's markers; those of phone numbers follow facts/court.yml, so that the set
    judges the numbers the court has now, whatever it had when the set was written."""
    raw = yaml.safe_load((set_dir / "markers.yml").read_text(encoding="utf-8"))
    raw.update({name: phone_pattern(fact(path)) for name, path in PHONE_MARKERS.items()})
    return {name: re.compile(pattern, re.I) for name, pattern in raw.items()}


def found_markers(reply: str, markers: Dict[str, Pattern[str]]) -> Set[str]:
    """The names of the markers whose regex is found anywhere in the reply."""
    return {name for name, pattern in markers.items() if pattern.search(reply)}


def marker_problems(
    reply: str,
    found: Set[str],
    all_of: Sequence[str] = (),
    any_of: Sequence[str] = (),
    none_of: Sequence[str] = (),
) -> List[str]:
    """Why a reply fails the `all`, `any` and `none` lists of markers (nothing when it
    passes); the rule every set judged by markers shares, so that each judges alike."""
    problems = []
    if not reply.strip():
        problems.append("empty reply")
    problems += [f"missing {name}" for name in all_of if name not in found]
    if any_of and not found.intersection(any_of):
        problems.append(f"missing one of {', '.join(any_of)}")
    problems += [f"states {name}" for name in dict.fromkeys(none_of) if name in found]
    return problems


def judge(case: Case, reply: str, markers: Dict[str, Pattern[str]]) -> Verdict:
    """The set's README, in code: markers that must all, any or none appear, and an
    off-topic reply that declines or hands over without stating e-filing facts."""
    found = found_markers(reply, markers)
    off_topic = case.kind == "oos"
    forbidden = list(case.none) + (OFF_TOPIC_FORBIDDEN if off_topic else [])
    problems = marker_problems(reply, found, case.all, case.any, forbidden)
    if off_topic and not (found.intersection(OFF_TOPIC_HANDOVER) or DECLINE_WORDS.search(reply)):
        problems.append("neither declines nor hands over to the clerk's office")
    return Verdict(case, reply, problems)


def reply_text(messages: Iterable[Dict[str, Any]]) -> str:
    """What the visitor reads: every text and every button title, one per line."""
    lines = []
    for message in messages:
        if message.get("text"):
            lines.append(message["text"])
        lines += [button.get("title", "") for button in message.get("buttons") or []]
    return "\n".join(lines)


def replies(webhook: str, turns: Iterable[str], sender_prefix: str = "visitors") -> List[str]:
    """Send the turns in order as one new conversation (a new sender id, so that nothing
    of an earlier case is remembered); the reply text to each turn."""
    sender, texts = f"{sender_prefix}-{uuid.uuid4()}", []
    for turn in turns:
        response = requests.post(
            webhook, json={"sender": sender, "message": turn}, timeout=TIMEOUT_SECONDS
        )
        response.raise_for_status()
        texts.append(reply_text(response.json()))
    return texts


def converse(webhook: str, turns: Iterable[str]) -> str:
    """Send the turns as one new conversation; the reply text to the last one."""
    return (replies(webhook, turns) or [""])[-1]


def judge_all(
    webhook: str,
    cases: List[Case] | None = None,
    ask: Callable[[str, Iterable[str]], str] = converse,
) -> List[Verdict]:
    markers = load_markers()
    return [
        judge(case, ask(webhook, case.turns), markers)
        for case in (load_cases() if cases is None else cases)
    ]


class Judged(Protocol):
    """A verdict on a case, of this set or another (measure/conversations.py)."""

    @property
    def case(self) -> Any: ...

    @property
    def passed(self) -> bool: ...


def pass_rates(verdicts: Sequence[Judged], key: Callable[[Any], str]) -> Dict[str, Tuple[int, int]]:
    """Group -> (passed, total), for any verdicts that name their case and say if it passed."""
    rates: Dict[str, List[int]] = defaultdict(lambda: [0, 0])
    for verdict in verdicts:
        rates[key(verdict.case)][0] += verdict.passed
        rates[key(verdict.case)][1] += 1
    return {group: (passed, total) for group, (passed, total) in sorted(rates.items())}


def rate_table(title: str, rates: Dict[str, Tuple[int, int]]) -> List[str]:
    rows = [f"| {title} | passed | cases | rate |", "|---|---|---|---|"]
    rows += [
        f"| {group} | {passed} | {total} | {passed / total:.1%} |"
        for group, (passed, total) in rates.items()
    ]
    return rows


def flat_declines(verdicts: List[Verdict], decline_text: str) -> List[Verdict]:
    """On-topic cases (not oos) whose reply was the flat off-topic decline."""
    return [v for v in verdicts if v.case.kind != "oos" and decline_text in v.reply]


def write_report(
    verdicts: List[Verdict], decline_text: str, out: Path, name: str = SET_DIR.name
) -> Dict[str, float]:
    """<name>.md in `out`; returns the summary figures (pass rate per kind, flat declines),
    each named after the set."""
    by_kind = pass_rates(verdicts, lambda case: case.kind)
    on_topic = [v for v in verdicts if v.case.kind != "oos"]
    declined = flat_declines(verdicts, decline_text)
    summary = {f"{name}_{kind}_right": round(p / t, 4) for kind, (p, t) in by_kind.items()}
    summary[f"{name}_on_topic_flat_declines"] = round(len(declined) / len(on_topic), 4)
    passed = sum(v.passed for v in verdicts)
    lines = [
        f"# {name}: replies judged by what the visitor reads",
        "",
        f"{passed} of {len(verdicts)} cases passed ({passed / len(verdicts):.1%}); "
        f"on-topic messages given the flat off-topic decline: {len(declined)} of "
        f"{len(on_topic)} ({len(declined) / len(on_topic):.1%}).",
        "",
        *rate_table("kind", by_kind),
        "",
        *rate_table("topic", pass_rates(verdicts, lambda case: f"{case.kind}: {case.topic}")),
        "",
        "## Failures",
        "",
    ]
    for verdict in (v for v in verdicts if not v.passed):
        turns = " / ".join(verdict.case.turns)
        lines += [
            f"### {verdict.case.id} ({verdict.case.kind}, {verdict.case.who}): {turns}",
            f"- problems: {'; '.join(verdict.problems)}",
            "- reply:",
            "",
            *[f"  > {line}" for line in (verdict.reply or "(nothing)").splitlines()],
            "",
        ]
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return summary


def off_topic_decline() -> str:
    """The flat decline's text, as domain.yml has it."""
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    return domain["responses"]["utter_out_of_scope"][0]["text"]


def report_sets(webhook: str, out: Path, set_dirs: Iterable[Path]) -> Dict[str, float]:
    """Judge every case of each set against the assistant at `webhook`, write one report
    per set; the summary figures of all the sets."""
    summary: Dict[str, float] = {}
    decline_text = off_topic_decline()
    for set_dir in set_dirs:
        verdicts = judge_all(webhook, load_cases(set_dir))
        summary.update(write_report(verdicts, decline_text, out, set_dir.name))
    return summary


def main(out: Path, set_dirs: Iterable[Path] = (SET_DIR,)) -> Dict[str, float]:
    """Start the assistant as `make run` serves it, judge every case of each set, write one
    report per set."""
    with running_assistant(out / "servers") as assistant:
        return report_sets(assistant.webhook, out, set_dirs)


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    chosen = [Path(sys.argv[2]).resolve()] if len(sys.argv) == 3 else [SET_DIR]
    for name, value in main(Path(sys.argv[1]), chosen).items():
        print(f"{name:40} {value}")
