"""The Rasa server's check of every action server answer, with its validator built once.

Rasa 3.6 checks each answer of the action server with `jsonschema.validate`, which first re-checks the
schema itself against the JSON Schema meta-schema and builds a new validator: under `make bench` that was
about three quarters of the Rasa server's CPU (py-spy), because our forms call the action server two or
three times per turn. The same check with one validator keeps the protection (a malformed answer is still
refused with Rasa's own message) and drops the cost. Installed by the REST channel when Rasa loads it.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict

from jsonschema import exceptions, validators
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


@lru_cache(maxsize=1)
def _validator():
    schema = RemoteAction.action_response_format_spec()
    cls = validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def validate_action_result(self: RemoteAction, result: Dict[str, Any]) -> bool:
    error = exceptions.best_match(_validator().iter_errors(result))
    if error is not None:
        # Rasa's own wording, so its logs and docs still apply.
        error.message += (
            ". Failed to validate Action server response from API, make sure your response from the "
            f"Action endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


def install() -> None:
    RemoteAction._validate_action_result = validate_action_result
