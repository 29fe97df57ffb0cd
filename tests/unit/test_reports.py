"""The report writers of `make eval` and `make bench` produce their files from a small run,
and the conversations set's judge follows its README on canned replies."""

import json
import re
from pathlib import Path
from typing import Any, Dict, List, Sequence

import pytest
import yaml

from facts import fact
from measure import conversations
from measure.bench import write_report
from measure.conversations import Case, Turn
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


# ---- the conversations set: its judge and report, on canned replies (no model, no server)

MARKERS = {
    name: re.compile(pattern, re.I)
    for name, pattern in {
        "cr_phone": r"319\)?[-. ]*286[-. ]*2200",
        "sc_phone": r"712\)?[-. ]*233[-. ]*3939",
        "hours": r"8(:00)?\s*(a\.?m\.?)?\s*(to|-)\s*4:30",
        "legal": r"legal advice",
        "central": r"\bcentral\b",
    }.items()
}
CR_PHONE = f"Call {fact('offices.cedar_rapids.phone')}."
SC_PHONE = f"Call {fact('offices.sioux_city.phone')}."
HOURS = "The clerk's offices are open 8:00 a.m. to 4:30 p.m."
REFUSAL = "I can't give legal advice; a lawyer can."


class Canned:
    """An `ask` that answers each message from a dict and records what it was sent."""

    def __init__(self, replies: Dict[str, str]) -> None:
        self.replies = replies
        self.sent: List[List[str]] = []

    def __call__(self, webhook: str, turns: Sequence[str]) -> List[str]:
        self.sent.append(list(turns))
        return [self.replies[turn] for turn in turns]


def case(id_: str, kind: str, *turns: Turn) -> Case:
    return Case(id_, kind, turns)


def verdicts_of(cases: List[Case], replies: Dict[str, str]) -> Dict[str, conversations.Verdict]:
    verdicts = conversations.judge_all("http://fake", cases, Canned(replies), MARKERS)
    return {verdict.case.id: verdict for verdict in verdicts}


def test_each_judged_turn_is_judged_on_the_reply_to_it() -> None:
    cases = [
        case(
            "all-none",
            "followup",
            Turn("im in spencer"),
            Turn("whats the phone there", all=("sc_phone",), none=("cr_phone",)),
        ),
        case("states", "followup", Turn("number of the other office", none=("cr_phone",))),
        case("any", "two_in_one", Turn("phone or hours", any=("cr_phone", "sc_phone"))),
        case("any-missing", "two_in_one", Turn("phone please", any=("cr_phone", "sc_phone"))),
        case("inline", "followup", Turn("is that central time", all=(r"re:central\s+time",))),
        case("inline-missing", "followup", Turn("which zone", all=(r"re:central\s+time",))),
    ]
    replies = {
        "im in spencer": "",
        "whats the phone there": f"Sioux City. {SC_PHONE}",
        "number of the other office": CR_PHONE,
        "phone or hours": f"{HOURS}\n{CR_PHONE}",
        "phone please": HOURS,
        "is that central time": "Yes, Central Time.",
        "which zone": "Iowa time.",
    }
    verdicts = verdicts_of(cases, replies)
    assert verdicts["all-none"].passed
    assert not verdicts["all-none"].turns[0].turn.judged, "an unjudged turn's empty reply"
    assert verdicts["states"].turns[0].problems == ("states cr_phone",)
    assert verdicts["any"].passed
    assert verdicts["any-missing"].turns[0].problems == ("missing one of cr_phone, sc_phone",)
    assert verdicts["inline"].passed
    assert verdicts["inline-missing"].turns[0].problems == (r"missing re:central\s+time",)


def test_an_empty_reply_or_a_failing_later_turn_fails_the_case() -> None:
    cases = [
        case("empty", "procedure", Turn("hello?", none=("cr_phone",))),
        case(
            "later",
            "followup",
            Turn("what are your hours", all=("hours",)),
            Turn("what about the other office", all=("sc_phone",), none=("cr_phone",)),
        ),
        case("silent", "followup", Turn("first"), Turn("second", all=("hours",))),
    ]
    replies = {
        "hello?": "  ",
        "what are your hours": HOURS,
        "what about the other office": CR_PHONE,
        "first": HOURS,
    }

    def stops_early(webhook: str, turns: Sequence[str]) -> List[str]:
        """The conversation breaks off: no reply to a turn with no canned reply."""
        return [replies[turn] for turn in turns if turn in replies]

    verdicts = {
        v.case.id: v for v in conversations.judge_all("http://fake", cases, stops_early, MARKERS)
    }
    assert verdicts["empty"].turns[0].problems == ("empty reply",)
    assert not verdicts["empty"].passed
    later = verdicts["later"]
    assert later.turns[0].passed and not later.turns[1].passed and not later.passed
    assert later.turns[1].problems == ("missing sc_phone", "states cr_phone")
    assert verdicts["silent"].turns[1].problems == ("empty reply", "missing hours")


def test_the_turns_of_a_case_go_in_order_as_one_conversation() -> None:
    ask = Canned({"a": HOURS, "b": CR_PHONE, "c": SC_PHONE})
    cases = [case("one", "followup", Turn("a"), Turn("b")), case("two", "form", Turn("c"))]
    conversations.judge_all("http://fake", cases, ask, MARKERS)
    assert ask.sent == [["a", "b"], ["c"]]


def test_a_misspelt_marker_fails_before_anything_is_sent() -> None:
    ask = Canned({"a": HOURS})
    with pytest.raises(KeyError, match="hour"):
        conversations.judge_all("http://fake", [case("x", "form", Turn("a", all=("hour",)))], ask)
    assert ask.sent == []


def test_procedure_questions_refused_as_advice_are_counted() -> None:
    cases = [
        # a refusal to an information question: counted, judged turn or not
        case("pr1", "procedure", Turn("how do I file without a lawyer", all=("hours",))),
        case("pr2", "procedure", Turn("can I file on my own"), Turn("where", all=("hours",))),
        # the turn asks for the refusal, or the case is a legal-advice one: not counted
        case("pr3", "procedure", Turn("should I file chapter 7", all=("legal",))),
        case("adv", "advice", Turn("will I keep my car", all=("legal",))),
        # a refusal outside the information questions is the other kinds' business
        case("fu", "followup", Turn("what about ch 13", all=("hours",))),
        case("pr4", "procedure", Turn("what are the hours", all=("hours",))),
    ]
    replies = {
        "how do I file without a lawyer": f"{HOURS}\n{REFUSAL}",
        "can I file on my own": REFUSAL,
        "where": HOURS,
        "should I file chapter 7": REFUSAL,
        "will I keep my car": REFUSAL,
        "what about ch 13": REFUSAL,
        "what are the hours": HOURS,
    }
    verdicts = list(verdicts_of(cases, replies).values())
    refused = conversations.refusals(verdicts, MARKERS["legal"])
    assert [(verdict.case.id, index) for verdict, index in refused] == [("pr1", 0), ("pr2", 0)]


def test_conversations_report_gives_rates_per_kind_failures_and_refusals(tmp_path: Path) -> None:
    cases = [
        case("fu-ok", "followup", Turn("office for spencer"), Turn("phone", all=("sc_phone",))),
        case(
            "fu-bad",
            "followup",
            Turn("office for ames"),
            Turn("their phone", all=("sc_phone",), none=("cr_phone",)),
        ),
        case("pr-ok", "procedure", Turn("hours", all=("hours",))),
        case("pr-refused", "procedure", Turn("can I file alone", all=("hours",))),
        case("adv-ok", "advice", Turn("should I file", all=("legal",))),
    ]
    replies = {
        "office for spencer": "Sioux City",
        "phone": SC_PHONE,
        "office for ames": "Southern District",
        "their phone": f"{CR_PHONE}\nOther office",
        "hours": HOURS,
        "can I file alone": REFUSAL,
        "should I file": REFUSAL,
    }
    verdicts = list(verdicts_of(cases, replies).values())
    summary = conversations.write_report(verdicts, tmp_path, MARKERS["legal"])
    assert summary == {
        "conversations_right": 0.6,
        "conversations_advice_right": 1.0,
        "conversations_followup_right": 0.5,
        "conversations_procedure_right": 0.5,
        "conversations_procedure_advice_refusals": 1,
    }
    report = (tmp_path / "conversations.md").read_text()
    assert "3 of 5 cases passed (60.0%); 3 of 5 judged turns passed." in report
    assert "| followup | 1 | 2 | 50.0% |" in report and "| advice | 1 | 1 | 100.0% |" in report
    assert "does not ask for it: 1 (target: 0)." in report
    assert '- pr-refused, turn 1: "can I file alone"' in report
    failures = report.split("## Failures")[1]
    assert "### fu-bad (followup)" in failures and "### fu-ok" not in failures
    assert '1. "office for ames" (not judged)\n   > Southern District' in failures
    assert (
        '2. "their phone" (**failed**: missing sc_phone; states cr_phone)\n'
        f"   > {CR_PHONE}\n   > Other office"
    ) in failures
    assert "### pr-refused (procedure)" in failures


def test_the_conversations_set_loads_with_the_visitors_markers(tmp_path: Path) -> None:
    """The set as copied loads; its markers join the visitors ones (phone numbers from
    facts/court.yml); a name defined in both is refused."""
    cases = conversations.load_cases()
    markers = conversations.load_markers()
    assert len(cases) == len({c.id for c in cases}) and all(c.turns for c in cases)
    assert {"legal", "hours", "central", "es"} <= set(markers)
    assert markers["cr_phone"].search(fact("offices.cedar_rapids.phone"))
    for case_ in cases:
        for turn in case_.turns:
            conversations.turn_markers(turn, markers)
    (tmp_path / "conversations.yml").write_text(
        yaml.safe_dump({"markers": {"legal": "advice"}, "cases": []})
    )
    with pytest.raises(ValueError, match="legal"):
        conversations.load_markers(tmp_path)


def test_each_case_is_a_new_conversation_and_each_turn_gets_its_reply(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What `conversation_replies` sends and judges: one sender id per case, the turns in
    order, and as each turn's reply every text and button title, one per line."""
    posted: List[Dict[str, str]] = []

    class Response:
        def __init__(self, messages: List[Dict]) -> None:
            self.messages = messages

        def raise_for_status(self) -> None:
            pass

        def json(self) -> List[Dict]:
            return self.messages

    def post(url: str, **kwargs: Any) -> Response:
        posted.append(kwargs["json"])
        if kwargs["json"]["message"] == "which office":
            buttons = [{"title": "Cedar Rapids"}, {"title": "Sioux City"}]
            return Response([{"text": "Which office?", "buttons": buttons}, {"image": "x.png"}])
        return Response([{"text": CR_PHONE}, {"text": HOURS}])

    monkeypatch.setattr(conversations.visitors.requests, "post", post)
    first = conversations.conversation_replies("http://fake", ["which office", "phone"])
    second = conversations.conversation_replies("http://fake", ["phone"])
    assert first == ["Which office?\nCedar Rapids\nSioux City", f"{CR_PHONE}\n{HOURS}"]
    assert second == [f"{CR_PHONE}\n{HOURS}"]
    assert [p["message"] for p in posted] == ["which office", "phone", "phone"]
    senders = [p["sender"] for p in posted]
    assert senders[0] == senders[1] != senders[2]
    assert all(sender.startswith("conversations-") for sender in senders)
    turn = Turn("which office", all=("re:sioux city",), none=("cr_phone",))
    assert conversations.judge_turn(turn, first[0], MARKERS).passed
