"""The conversations set: whole conversations written by others, judged turn by turn.

Each case of `measure/sets/conversations/conversations.yml` is sent, turn by turn, to the
running assistant's REST channel as one new conversation. Unlike the visitors set, which
judges the reply to the last turn, every turn that names markers (`all`, `any`, `none`) is
judged on the reply to that turn, so the set measures what a single message cannot: whether
the assistant keeps the context of a conversation, answers two questions at once, takes a
correction, answers in Spanish, and gives legal information while refusing legal advice. A
case passes when every judged turn passes. How a case is judged is written in the set's
README; `judge_case` is that README in code, on the judging rule of `measure/visitors.py`.

The report also counts the information questions (cases of kind `procedure`) answered with
the legal-advice refusal (its opening words, as domain.yml has them) where the turn does not
ask for it: a refusal there keeps legal information from someone filing without a lawyer
(target: 0).

Usage (from the project root, after `make train`): python -m measure.conversations
build/eval [SET_DIR] (starts the servers itself; SET_DIR defaults to the public set, and
measure/sets/helper_conversations and measure/sets/helper_spanish are the helpers' blind
ones), or `report(webhook_url, out)`
against a running assistant.
"""

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List, Pattern, Sequence, Tuple

import yaml

from measure import visitors
from serve.servers import PROJECT_ROOT, running_assistant

SET_DIR = Path(__file__).resolve().parent / "sets" / "conversations"
# Written blind by a helper agent for the issue on follow-ups (its README says how).
HELPER_SET_DIR = SET_DIR.parent / "helper_conversations"
# Written blind by a helper agent for the issue on Spanish: conversations in Spanish.
HELPER_SPANISH_SET_DIR = SET_DIR.parent / "helper_spanish"
# Every conversations set `make eval` judges.
ALL_SET_DIRS = (SET_DIR, HELPER_SET_DIR, HELPER_SPANISH_SET_DIR)
# A marker written inline in a turn, not named: `re:<regex>`.
INLINE = "re:"
# The visitors marker of the legal-advice refusal, and the kind of case that asks for legal
# information, which that refusal must not answer.
REFUSAL = "legal"
INFORMATION_KIND = "procedure"
# Sends the turns of one case as one new conversation; the reply text to each turn.
Ask = Callable[[str, Sequence[str]], List[str]]
Markers = Dict[str, Pattern[str]]


@dataclass(frozen=True)
class Turn:
    """One message of a conversation and what the reply to it must (not) say."""

    say: str
    all: Tuple[str, ...] = ()
    any: Tuple[str, ...] = ()
    none: Tuple[str, ...] = ()

    @property
    def judged(self) -> bool:
        """A turn that names no marker is sent, to set the context, but not judged."""
        return bool(self.all or self.any or self.none)

    @property
    def requires_refusal(self) -> bool:
        """Whether the reply to this turn is asked to carry the legal-advice refusal."""
        return REFUSAL in self.all or REFUSAL in self.any


@dataclass(frozen=True)
class Case:
    """One conversation of the set: its id, its kind (what it measures) and its turns."""

    id: str
    kind: str
    turns: Tuple[Turn, ...]


@dataclass(frozen=True)
class TurnVerdict:
    """A turn, the reply the visitor read, and why it failed (nothing when it passed)."""

    turn: Turn
    reply: str
    problems: Tuple[str, ...] = ()

    @property
    def passed(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Verdict:
    """A case and the verdict on each of its turns; it passes when every turn passes."""

    case: Case
    turns: Tuple[TurnVerdict, ...]

    @property
    def passed(self) -> bool:
        return all(turn.passed for turn in self.turns)


def load_cases(set_dir: Path = SET_DIR) -> List[Case]:
    """The set's cases, in the order of the file."""
    raw = yaml.safe_load((set_dir / "conversations.yml").read_text(encoding="utf-8"))
    return [
        Case(
            id=case["id"],
            kind=case["kind"],
            turns=tuple(
                Turn(
                    say=turn["say"],
                    **{key: tuple(turn.get(key) or ()) for key in ("all", "any", "none")},
                )
                for turn in case["turns"]
            ),
        )
        for case in raw["cases"]
    ]


def load_markers(set_dir: Path = SET_DIR) -> Markers:
    """The visitors markers (phone numbers as facts/court.yml has them now) and this set's
    own, all searched case-insensitively. A name defined in both is refused: the README says
    none is, and one silently overriding the other would change what other cases judge."""
    markers = visitors.load_markers()
    own = yaml.safe_load((set_dir / "conversations.yml").read_text(encoding="utf-8"))
    own = own.get("markers") or {}
    twice = sorted(set(own) & set(markers))
    if twice:
        raise ValueError(f"markers defined twice: {', '.join(twice)}")
    markers.update({name: re.compile(pattern, re.I) for name, pattern in own.items()})
    return markers


def marker_names(turn: Turn) -> List[str]:
    """Every marker a turn names, each once, in the order written."""
    return list(dict.fromkeys(turn.all + turn.any + turn.none))


def turn_markers(turn: Turn, markers: Markers) -> Markers:
    """The patterns of the markers a turn names: inline `re:` ones compiled here, named ones
    looked up. An unknown name fails loudly: left unfound, it would fail every `all` and pass
    every `none` without anyone noticing a typo."""
    patterns: Markers = {}
    for name in marker_names(turn):
        if name.startswith(INLINE):
            patterns[name] = re.compile(name[len(INLINE) :], re.I)
        elif name in markers:
            patterns[name] = markers[name]
        else:
            raise KeyError(f"unknown marker {name!r} in turn {turn.say!r}")
    return patterns


def judge_turn(turn: Turn, reply: str, markers: Markers) -> TurnVerdict:
    """The markers of one turn against the reply to it; an unjudged turn always passes."""
    if not turn.judged:
        return TurnVerdict(turn, reply)
    found = visitors.found_markers(reply, turn_markers(turn, markers))
    problems = visitors.marker_problems(reply, found, turn.all, turn.any, turn.none)
    return TurnVerdict(turn, reply, tuple(problems))


def judge_case(case: Case, replies: Sequence[str], markers: Markers) -> Verdict:
    """The set's README, in code: each turn judged on the reply to that turn. A missing
    reply (the conversation stopped early) counts as an empty one, which fails a judged
    turn."""
    padded = list(replies) + [""] * (len(case.turns) - len(replies))
    pairs = zip(case.turns, padded, strict=True)
    return Verdict(case, tuple(judge_turn(turn, reply, markers) for turn, reply in pairs))


def conversation_replies(webhook: str, turns: Sequence[str]) -> List[str]:
    """The turns sent as one new conversation with its own sender id; a reply per turn."""
    return visitors.replies(webhook, turns, sender_prefix=SET_DIR.name)


def judge_all(
    webhook: str,
    cases: List[Case] | None = None,
    ask: Ask = conversation_replies,
    markers: Markers | None = None,
) -> List[Verdict]:
    """Every case sent through `ask` and judged. Every turn's markers are checked before
    anything is sent, so that a misspelt name fails at once, not after minutes of talk."""
    cases = load_cases() if cases is None else cases
    markers = load_markers() if markers is None else markers
    for case in cases:
        for turn in case.turns:
            turn_markers(turn, markers)
    return [judge_case(case, ask(webhook, [t.say for t in case.turns]), markers) for case in cases]


def refusals(verdicts: List[Verdict], refusal: Pattern[str]) -> List[Tuple[Verdict, int]]:
    """(case, turn index) of every turn of an information question (kind `procedure`)
    whose reply carries the legal-advice refusal though the turn does not ask for it,
    judged or not: the refusal keeps from the visitor information the court gives."""
    return [
        (verdict, index)
        for verdict in verdicts
        if verdict.case.kind == INFORMATION_KIND
        for index, turn in enumerate(verdict.turns)
        if not turn.turn.requires_refusal and refusal.search(turn.reply)
    ]


def quoted(reply: str, indent: str = "   ") -> List[str]:
    """A reply as Markdown quote lines, "(nothing)" for an empty one."""
    return [f"{indent}> {line}" for line in (reply.strip() or "(nothing)").splitlines()]


def case_lines(verdict: Verdict) -> List[str]:
    """A failing case in the report: every turn as sent, each failing turn's problems, and
    the reply to every turn, so that the failure can be read without running it again."""
    lines = [f"### {verdict.case.id} ({verdict.case.kind})", ""]
    for number, turn in enumerate(verdict.turns, start=1):
        if not turn.turn.judged:
            state = "not judged"
        elif turn.passed:
            state = "passed"
        else:
            state = f"**failed**: {'; '.join(turn.problems)}"
        lines += [f'{number}. "{turn.turn.say}" ({state})', *quoted(turn.reply), ""]
    return lines


def refusal_lines(verdict: Verdict, index: int) -> List[str]:
    """An information question refused as advice in the report: the turn and its reply."""
    turn = verdict.turns[index]
    return [f'- {verdict.case.id}, turn {index + 1}: "{turn.turn.say}"', *quoted(turn.reply, "  ")]


def refusal_opening() -> Pattern[str]:
    """The legal-advice refusal's first words, as domain.yml has them: answers that only
    mention legal advice ("the clerk's staff cannot give legal advice or prepare documents")
    are information, not the refusal the `legal` marker would also find."""
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    opening = domain["responses"]["utter_legal_advice"][0]["text"].split(",")[:2]
    return re.compile(re.escape(",".join(opening)), re.I)


def write_report(
    verdicts: List[Verdict], out: Path, refusal: Pattern[str], name: str = SET_DIR.name
) -> Dict[str, float]:
    """<name>.md in `out`; returns the summary figures, each named after the set: the pass
    rate overall and per kind, and the count of information questions refused as advice."""
    by_kind = visitors.pass_rates(verdicts, lambda case: case.kind)
    refused = refusals(verdicts, refusal)
    passed = sum(v.passed for v in verdicts)
    judged = [t for v in verdicts for t in v.turns if t.turn.judged]
    turns_passed = sum(t.passed for t in judged)
    summary: Dict[str, float] = {f"{name}_right": round(passed / len(verdicts), 4)}
    summary.update({f"{name}_{kind}_right": round(p / t, 4) for kind, (p, t) in by_kind.items()})
    summary[f"{name}_{INFORMATION_KIND}_advice_refusals"] = len(refused)
    lines = [
        f"# {name}: whole conversations judged turn by turn",
        "",
        f"{passed} of {len(verdicts)} cases passed ({passed / len(verdicts):.1%}); "
        f"{turns_passed} of {len(judged)} judged turns passed.",
        "",
        *visitors.rate_table("kind", by_kind),
        "",
        "## Information questions answered with the legal-advice refusal",
        "",
        f"Turns of `{INFORMATION_KIND}` cases whose reply carries the legal-advice refusal "
        f"though the turn does not ask for it: {len(refused)} (target: 0).",
        "",
        *[line for verdict, index in refused for line in refusal_lines(verdict, index)],
        "",
        "## Failures",
        "",
    ]
    for verdict in (v for v in verdicts if not v.passed):
        lines += case_lines(verdict)
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return summary


def report(webhook: str, out: Path, set_dir: Path = SET_DIR) -> Dict[str, float]:
    """Judge the set against the assistant at `webhook` and write its report to `out`."""
    markers = load_markers(set_dir)
    verdicts = judge_all(webhook, load_cases(set_dir), markers=markers)
    return write_report(verdicts, out, refusal_opening(), set_dir.name)


def main(out: Path, set_dir: Path = SET_DIR) -> Dict[str, float]:
    """Start the assistant as `make run` serves it, judge the set, write the report."""
    with running_assistant(out / "servers") as assistant:
        return report(assistant.webhook, out, set_dir)


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    for figure, value in main(Path(sys.argv[1]), *map(Path, sys.argv[2:])).items():
        print(f"{figure:44} {value}")
