"""The line between legal information and legal advice, as one tested rule.

The clerk's office gives legal information and never legal advice (28 U.S.C. 955), and so
does the assistant. Information is what the court requires: what to file, where, when, how,
to whom, by what means. Advice is what this visitor should do, what will happen in their
case, what the law means for their debts, house, car, wages or lawsuit, and how to fill in a
form. The questions that are advice are listed in legal_line.yml beside this module; every
other question about the court's procedures is information, answered.
The list holds each kind of advice in English and in Spanish ("¿me conviene declararme?",
"¿voy a perder mi casa?"); a Spanish "¿tengo que...?" asks what the court requires and, as
"do I have to", is information.

Both the NLU (nlu_components/legal_line.py: a procedure question the classifier took for
legal advice gets its topic, and advice it took for a topic gets the refusal) and the
unclear-question action (a case question it could not place gets "Did you mean", not the
refusal, when it asks for information) draw the line here, so they draw it the same way.
"""

import re
from functools import cache
from pathlib import Path
from typing import Dict, List, Pattern

import yaml

ADVICE, INFORMATION = "advice", "information"


@cache
def _settings() -> Dict:
    return yaml.safe_load(Path(__file__).with_suffix(".yml").read_text(encoding="utf-8"))


@cache
def advice_patterns() -> Dict[str, List[Pattern[str]]]:
    """Kind of advice -> its patterns, compiled once."""
    return {
        kind: [re.compile(pattern, re.I) for pattern in patterns]
        for kind, patterns in _settings()["advice"].items()
    }


@cache
def _e_filing() -> Pattern[str]:
    return re.compile(_settings()["e_filing"], re.I)


def advice_asked(text: str) -> str | None:
    """The kind of advice the message asks for ("should_do", "outcome", ...), or None. A
    message about e-filing accounts asks none: "should I upgrade my PACER account" is about
    the court's system, not the visitor's case."""
    if _e_filing().search(text):
        return None
    for kind, patterns in advice_patterns().items():
        if any(pattern.search(text) for pattern in patterns):
            return kind
    return None


def side(text: str) -> str:
    """ADVICE or INFORMATION: which side of the line a question about the court is on."""
    return ADVICE if advice_asked(text) else INFORMATION
