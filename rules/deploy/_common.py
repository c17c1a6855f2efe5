"""Facts and helpers the DP rules share."""

from __future__ import annotations

from typing import Any

from edgelint.data import facts
from edgelint.deploy.model import Function, Setting

DEPLOYMENT_KINDS = ("deployment",)
DEPLOY_LANGUAGES = ("deploy",)
EXAMPLE_RUNTIMES = ("deploy",)


def dp() -> dict[str, Any]:
    return facts("deployment")


def is_edge_lambda(ctx: Any, fn: Function) -> bool:
    """A Lambda function associated with a distribution, or whose role trusts edgelambda (its
    association may be in another stack): ordinary Lambdas in the same template are not held to
    Lambda@Edge's rules."""
    return fn.kind == "lambda" and (bool(ctx.associations_of(fn)) or ctx.deployment.edge_by_role(fn))


def number(setting: Setting | None) -> float | None:
    if setting is None or not setting.known:
        return None
    value = setting.value
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def present(setting: Setting | None) -> bool:
    """A setting that is configured with something (not empty, not null, not false)."""
    if setting is None:
        return False
    value = setting.value
    if not setting.known:
        return False  # a condition, parameter or AWS::NoValue: never guess it is set
    if isinstance(value, dict):
        variables = value.get("Variables", value.get("variables", value))
        return bool(variables) if isinstance(variables, (dict, list)) else variables is not None
    if isinstance(value, (list, str)):
        return bool(value)
    return value is not None and value is not False
