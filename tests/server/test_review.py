"""`make review` after real conversations through the REST channel: the declined question,
the "Did you mean" and the unknown place are listed, grouped, with their conversations; no
personal data; review-nlu.yml is NLU data Rasa accepts once its intents are chosen."""

import re
import shutil
import subprocess
from pathlib import Path
from typing import Dict, Iterator

import pytest
import yaml

from serve.servers import running_assistant
from support import PROJECT_ROOT, RASA, new_sender, rasa_env, run_make

SECRET = "Hunter2!"


def make_review(store: str, out: Path, *args: str) -> str:
    result = run_make("review", store, f"REVIEW_DIR={out}", *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dict[str, str]]:
    """Three visitors' conversations, then `make review`; its three files' texts."""
    home = tmp_path_factory.mktemp("review")
    store = f"sqlite:///{home / 'conversations.db'}"
    senders = {name: new_sender() for name in ("weather", "pacer", "place", "rated", "spanish")}
    with running_assistant(home / "servers", tracker_store_url=store) as assistant:
        assistant.ask(senders["weather"], "what is the weather tomorrow")
        assistant.ask(senders["weather"], "what's the weather like tomorrow?")
        assistant.ask(senders["weather"], f"my password is {SECRET}")
        assistant.ask(senders["pacer"], "pacer")
        for message in ("which office should I call?", "Xyzzyville", "Xyzzyville"):
            assistant.ask(senders["place"], message)
        assistant.ask(senders["rated"], "how do I upgrade my PACER account")
        assistant.ask(senders["rated"], '/rate_answer{"rating": "no"}')
        assistant.ask(senders["spanish"], "¿me da la receta de las enchiladas verdes?")
    said = make_review(store, home / "out")
    files = {name: (home / "out" / name).read_text() for name in ("review.md", "review.html")}
    files["review-nlu.yml"] = (home / "out" / "review-nlu.yml").read_text()
    files["said"], files["home"] = said, str(home)
    yield {**files, **senders}


def test_the_review_lists_each_miss_with_its_conversation(reviewed: Dict[str, str]) -> None:
    # The rating is not a message of its own: it rates the answer before it.
    assert "5 conversations and 9 messages" in reviewed["said"]
    for page in ("review.md", "review.html"):
        text = reviewed[page]
        assert "what is the weather tomorrow" in text, page
        assert "2 x" in text, page  # the two weather questions are one group
        assert reviewed["weather"] in text and reviewed["pacer"] in text, page
        assert reviewed["place"] in text and "Xyzzyville" in text, page
        assert reviewed["spanish"] in text and "enchiladas verdes" in text, page
    markdown = reviewed["review.md"]
    # The Spanish decline is counted as the English one is.
    assert "## Messages declined as off-topic (3)" in markdown
    # "pacer", and "my password is [redacted password]" (the store holds only that).
    assert '## Messages "Did you mean" offered (2)' in markdown
    assert "## Messages place still not found (1)" in markdown
    assert "## Messages answered, rated not helpful (1)" in markdown
    assert '1 x "how do I upgrade my PACER account"' in markdown
    assert "| Upgrading a PACER account | 1 | 0 | 1 |" in markdown
    assert "<svg" in reviewed["review.html"] and "<script" not in reviewed["review.html"]


def test_the_review_holds_no_personal_data(reviewed: Dict[str, str]) -> None:
    for name in ("review.md", "review.html", "review-nlu.yml"):
        assert SECRET not in reviewed[name], name
        assert "my password is [redacted password]" in reviewed[name], name


def test_the_nlu_file_validates_once_its_intents_are_chosen(
    reviewed: Dict[str, str], tmp_path: Path
) -> None:
    data = yaml.safe_load(reviewed["review-nlu.yml"])
    assert {"pacer", "what is the weather tomorrow"} <= {
        line.strip("- ").strip() for block in data["nlu"] for line in block["examples"].splitlines()
    }
    sorted_file = re.sub(r"intent: sort_\w+", "intent: out_of_scope", reviewed["review-nlu.yml"])
    shutil.copytree(PROJECT_ROOT / "data", tmp_path / "data")
    (tmp_path / "data" / "nlu" / "from_review.yml").write_text(sorted_file)
    result = subprocess.run(
        [str(RASA), "data", "validate", "--data", str(tmp_path / "data")]
        + ["--domain", "domain.yml", "--config", "config.yml"],
        cwd=PROJECT_ROOT,
        env=rasa_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "not listed in your domain" not in output and "from_review.yml" not in output


def test_a_store_without_conversations_says_so(tmp_path: Path) -> None:
    said = make_review(f"sqlite:///{tmp_path / 'empty.db'}", tmp_path, "SINCE=2026-01-01")
    assert "0 conversations and 0 messages since 2026-01-01" in said
    assert "No conversations in this period." in (tmp_path / "review.md").read_text()
    assert "No conversations in this period." in (tmp_path / "review.html").read_text()
