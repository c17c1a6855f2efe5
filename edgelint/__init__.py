"""edgelint: static analysis for AWS edge code (CloudFront Functions and Lambda@Edge)."""

import os as _os

__version__ = "0.1.0"

# Installed, the top-level rules/ folder is the subpackage edgelint.rules (pyproject package-dir).
# Run from a source checkout (`python -m edgelint`, `python -m pytest` in the repository, where
# the checkout shadows the installed package), find it next to this package instead.
_here = _os.path.dirname(__file__)
_root = _os.path.dirname(_here)
if not _os.path.isdir(_os.path.join(_here, "rules")) and _os.path.isfile(_os.path.join(_root, "rules", "__init__.py")):
    __path__.append(_root)  # type: ignore[name-defined]

# Where the project lives: the pre-commit and Action examples, SARIF's informationUri and every
# finding's documentation link are built from these two.
REPOSITORY_URL = "https://github.com/edgelint/edgelint"
DOCS_URL = "https://edgelint.github.io/edgelint/"


def rule_url(code: str) -> str:
    """The stable documentation page of a rule (the site `python -m edgelint.docs` builds)."""
    return f"{DOCS_URL}rules/{code.upper()}.html"
