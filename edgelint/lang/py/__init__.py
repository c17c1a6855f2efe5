"""Python front end. `cst` stands for libcst in rule modules, loaded on first real use.

Rule modules refer to libcst's node classes (`isinstance(node, cst.Name)`), also on code paths
that JavaScript files take. A libcst node exists only once a Python file was parsed, so until
libcst is imported, `cst.<Class>` is a class no object is an instance of, and a run that lints
no Python file never pays libcst's import time.
"""

from __future__ import annotations

import sys
from typing import Any


class _NotLoaded:
    """Stands for every libcst class before libcst is imported: nothing is an instance of it."""


class _Cst:
    def __getattr__(self, name: str) -> Any:
        module = sys.modules.get("libcst")
        if module is None or not hasattr(module, "CSTNode"):
            if name[:1].isupper():
                return _NotLoaded
            import libcst as module  # a function (cst.parse_module): load it for real
        value = getattr(module, name)
        setattr(self, name, value)  # loaded for good: later lookups skip this method
        return value


cst: Any = _Cst()
