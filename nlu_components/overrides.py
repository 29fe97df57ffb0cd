"""What the rules after the intent classifier share: a settings file and a way to overrule it.

The classifier decides from the words it was trained on; these components decide from facts
about the message that training data cannot teach reliably (it names an Iowa place, it is
not in English). Each keeps the classifier's ranking and records why it overruled it under
`overruled_by`, which the clerk workspace and the tracker store show."""

from pathlib import Path
from typing import Any, Dict, List

import yaml
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, PREDICTED_CONFIDENCE_KEY
from rasa.shared.nlu.training_data.message import Message

OVERRULED_BY = "overruled_by"


def load_settings(module_file: str) -> Dict[str, Any]:
    """Read `<module>.yml` beside the module `module_file` (pass `__file__`)."""
    return yaml.safe_load(Path(module_file).with_suffix(".yml").read_text(encoding="utf-8"))


def overrule(message: Message, intent: str, reason: str) -> None:
    """Make `intent` the message's intent, keeping the classifier's ranking and saying why."""
    message.set(INTENT, {INTENT_NAME_KEY: intent, PREDICTED_CONFIDENCE_KEY: 1.0}, True)
    message.set(OVERRULED_BY, reason, add_to_output=True)


def intent_of(message: Message) -> str:
    return (message.get(INTENT) or {}).get(INTENT_NAME_KEY) or ""


class RuleComponent(GraphComponent):
    """A component without training: created from its config, it only processes messages."""

    def __init__(self, config: Dict[str, Any]) -> None:
        self.component_config = config

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GraphComponent:
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self.process_message(message)
        return messages

    def process_message(self, message: Message) -> None:
        raise NotImplementedError
