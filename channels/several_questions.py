"""Two or three questions in one message, each answered in the order asked.

"Where do I report bankruptcy fraud, and how would I get an old case file?" asks two things;
the classifier gives a message one intent, so one of them would go unanswered, and a message
that mixes a procedure question with a request for advice would get only one of the two
replies it needs. The REST channel therefore reads a message as its questions: it splits it
at sentence ends and at joins before a question word (", and how ...", "; also where ..."),
parses each part, and when at least two parts are clear questions with different intents,
hands the parts to the assistant one after the other, so each gets its own answer in the
one reply. A part that is not a question by itself ("I'm a creditor.", "hi") stays with the
next one; when fewer than two clear questions remain, the message goes through whole, as
before. A long message (a story ending in a question) goes through whole too: the tokenizer
judges it by its last question. Settings: several_questions.yml beside this module.

Spanish messages are cut the same way, at Spanish joins before Spanish question words
(", y dónde ...", "; además, ¿cómo ...") and before each "¿", which opens a question wherever
it stands ("Necesito el formulario ¿y dónde lo presento?"). A question cut off after "¿Y"
keeps its "¿" ("¿la dirección?"), the sign that tells the assistant it is Spanish.
"""

import re
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, List, Sequence, Tuple

import yaml

SETTINGS = yaml.safe_load(Path(__file__).with_suffix(".yml").read_text(encoding="utf-8"))
OPENER = re.compile(rf"(?:{SETTINGS['question_openers'].replace(' ', '')})\b", re.I)
SENTENCE_END = re.compile(r"(?<=[?!.])\s+(?=\S)")
# A Spanish question opens with "¿", even in the middle of a sentence.
QUESTION_OPENING = re.compile(r"\s*(?=¿)")
JOIN_BEFORE_QUESTION = re.compile(rf"(?:{SETTINGS['joins']})(?={OPENER.pattern})", re.I)
NOT_QUESTIONS = set(SETTINGS["not_questions"])
LEADING_JOIN = re.compile(rf"^\W*(?:{SETTINGS['leading_joins']})\W+(?=\w)", re.I)
Parse = Callable[[str], Awaitable[Dict[str, Any]]]


def word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


def piece_spans(text: str) -> List[Tuple[int, int]]:
    """Where the pieces of the message are: between sentence ends, joins before a
    question word and before each "¿", the joins themselves left out."""
    cuts = sorted(
        (m.start(), m.end())
        for pattern in (SENTENCE_END, JOIN_BEFORE_QUESTION, QUESTION_OPENING)
        for m in pattern.finditer(text)
    )
    spans, start = [], 0
    for cut_start, cut_end in cuts:
        if cut_start > start:
            spans.append((start, cut_start))
        start = max(start, cut_end)
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def candidate_parts(text: str) -> List[str]:
    """The message cut at sentence ends and at joins before a question word; a piece too
    short to be a question ("..., and how?") stays with the one before, as written."""
    text = text.strip()
    spans: List[Tuple[int, int]] = []
    for start, end in piece_spans(text):
        if spans and word_count(text[start:end]) < SETTINGS["min_words"]:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return [text[start:end].strip() for start, end in spans]


def without_join(part: str) -> str:
    """The part without the join it opens with: after "...to efile?", the question "and how
    do we get one bill" is "how do we get one bill" (read with its "and", it would be taken
    for context, or for a follow-up going on from the last answer). An opening "¿" stays:
    "¿Y la dirección?" is "¿la dirección?", still plainly a Spanish question."""
    join = LEADING_JOIN.match(part)
    if join is None:
        return part
    return ("¿" if "¿" in join[0] else "") + part[join.end() :]


def is_question(part: str) -> bool:
    """Phrased as a question: it ends with "?" or opens with a question word."""
    return part.rstrip().endswith("?") or bool(OPENER.match(part))


def group_questions(parts: Sequence[str], intents: Sequence[str]) -> List[str]:
    """The parts as questions, given each part's intent: a part that asks nothing by itself
    ("hi", "I'm a creditor.", "Our firm is in Mason City.") is context: before any question it
    joins the next one, after a question the one before ("Which office is Cherokee County's?
    I need to pay a fee."). Neighbours with the same intent are one question. Fewer than two
    questions: the whole message."""
    questions: List[List[str]] = []  # [intent, text]
    waiting: List[str] = []
    for part, intent in zip(parts, intents, strict=True):
        if intent in NOT_QUESTIONS or not is_question(without_join(part)):
            if questions:
                questions[-1][1] = " ".join([questions[-1][1], *waiting, part])
                waiting = []
            else:
                waiting.append(part)
        elif questions and questions[-1][0] == intent and not waiting:
            questions[-1][1] += f" {part}"
        else:
            questions.append([intent, " ".join([*waiting, without_join(part)])])
            waiting = []
    if len(questions) < 2:
        return [" ".join(parts)]
    if waiting:
        questions[-1][1] += " " + " ".join(waiting)
    limit = SETTINGS["max_questions"]
    texts = [text for _, text in questions]
    if len(texts) <= limit:
        return texts
    return texts[: limit - 1] + [" ".join(texts[limit - 1 :])]


async def questions_of(text: str, parse: Parse) -> List[str]:
    """The questions a message asks, each to be answered on its own; [text] for one."""
    parts = candidate_parts(text)
    if len(parts) < 2 or word_count(text) > SETTINGS["max_words"]:
        return [text]
    return group_questions(parts, await intents_in_context(parts, parse))


async def intents_in_context(parts: Sequence[str], parse: Parse) -> List[str]:
    """Each part's intent; a question is read with the statements just before it, as it will
    be answered: "I'm with a course provider. How do we register?" asks a limited filer's
    registration, and "We are in Sioux City. Is that your district?" the office."""
    intents: List[str] = []
    context: List[str] = []
    for part in parts:
        asked = without_join(part)
        text = " ".join([*context, asked]) if is_question(asked) else asked
        intents.append((await parse(text))["intent"].get("name") or "")
        context = [] if is_question(asked) else [*context, part]
    return intents
