"""`make review`: what visitors asked and what the assistant missed, as files for operators.

Reads the conversations since SINCE from the tracker store (`TRACKER_STORE_URL`: SQLite by
default, PostgreSQL too), read-only, and writes the reports of conversations/reports.py
into OUT: `review.md` and `review.html` (one printable page that opens from disk),
`review-nlu.yml` (the missed messages as NLU data to sort into intents) and `review.csv`
(one row per missed message). The clerk pages show the same reports, signed in, in the
browser.

Usage: python -m conversations.review OUT [SINCE]   (SINCE: YYYY-MM-DD, default 7 days ago)
"""

import sys
from datetime import date, timedelta
from pathlib import Path
from typing import List

from conversations import report_html
from conversations.reports import Review, court_today, csv_file, markdown, nlu_file, read_review
from conversations.store import ConversationStore, store_url

DAYS_BY_DEFAULT = 7


def html_page(review: Review) -> str:
    """review.html: one printable page, no scripts, nothing loaded from elsewhere."""
    title = f"What visitors asked, {review.since} to {review.until}"
    body = [f"<h1>{report_html.escape(title)}</h1>", report_html.period_report(review)]
    return report_html.standalone_page(title, "".join(body))


# Each file `make review` writes, and how it is written from the report.
FILES = {
    "review.md": markdown,
    "review.html": html_page,
    "review-nlu.yml": nlu_file,
    "review.csv": csv_file,
}


def review(url: str, since: date, out: Path, today: date | None = None) -> Review:
    """Read the period's conversations and write the report's files into `out`."""
    store = ConversationStore(url)
    try:
        result = read_review(store, since, today)
        out.mkdir(parents=True, exist_ok=True)
        for name, write in FILES.items():
            (out / name).write_text(write(result), encoding="utf-8")
    finally:
        store.close()
    return result


def main(argv: List[str]) -> int:
    if len(argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    try:
        since = date.fromisoformat(argv[2]) if len(argv) == 3 and argv[2] else None
    except ValueError:
        print(f"SINCE={argv[2]!r} is not a date: write YYYY-MM-DD", file=sys.stderr)
        return 2
    since = since or court_today() - timedelta(days=DAYS_BY_DEFAULT)
    result = review(store_url(), since, Path(argv[1]))
    print(
        f"{result.conversations} conversations and {result.messages} messages since {since}: "
        f"{argv[1]}/{', '.join(FILES)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
