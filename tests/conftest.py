"""Fixtures of the test suite: the domain, and the whole assistant running once per session.

The `assistant` fixture starts the action server, `rasa run` (CORS limited to the web page's
origin, HTTP API on with a random token) and the web page server once per test session, on
free ports, waits until all answer, and stops them afterwards, even when tests fail.
"""

from typing import Any, Dict, Iterator

import pytest

from serve.servers import Assistant, running_assistant
from support import PROJECT_ROOT, load_yaml


@pytest.fixture(scope="session")
def domain() -> Dict[str, Any]:
    return load_yaml(PROJECT_ROOT / "domain.yml")


@pytest.fixture(scope="session")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    """The whole assistant, as `make run` serves it, for the session's REST tests."""
    with running_assistant(tmp_path_factory.mktemp("servers")) as running:
        yield running
