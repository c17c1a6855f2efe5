"""Read YAML and JSON deployment files into plain Python values that remember their position.

Mappings become `LDict`, sequences `LList`, strings `LStr`, other scalars `LScalar` wrappers
only where a position is needed; every one carries `.line` and `.column` (1-based).
CloudFormation's short-form intrinsic tags (`!Ref`, `!GetAtt`, `!Sub`, `!If`, ...) load as
their long form (`{"Ref": ...}`, `{"Fn::GetAtt": [...]}`); unknown tags load as
`{"!Tag": value}` instead of failing. Aliases are counted so that an alias bomb is refused.
"""

from __future__ import annotations

import bisect
import json
import threading
from typing import Any

import yaml
import yaml.reader
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

# CloudFormation templates need no aliases; a handful is plenty for serverless.yml.
MAX_ALIASES = 200
MAX_DEPTH = 200
# Values a document may expand to once aliases are followed (a billion-laughs guard).
MAX_EXPANDED_NODES = 1_000_000


class DeployParseError(Exception):
    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


class Located:
    line: int = 1
    column: int = 1


class LDict(dict, Located):
    """A mapping; `key_lines[key]` is where each key is written."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.key_lines: dict[Any, tuple[int, int]] = {}

    def where(self, key: Any) -> tuple[int, int]:
        return self.key_lines.get(key, (self.line, self.column))


class LList(list, Located):
    pass


class LStr(str, Located):
    style: str | None = None  # YAML scalar style: "|" or ">" for block scalars, quotes, or None


class LInt(int, Located):
    pass


class LFloat(float, Located):
    pass


class LBool(int, Located):
    """A boolean with a position (bool cannot be subclassed); compares equal to True/False."""

    def __repr__(self) -> str:
        return "true" if self else "false"


# YAML counts NEL, LS, PS and a lone CR as line breaks; edgelint (and editors) count "\n" only.
# For a text holding any of those, positions come from the mark's character index instead.
_ODD_BREAKS = ("\x85", "\u2028", "\u2029", "\r")
_positions = threading.local()


def _place(mark: Any) -> tuple[int, int]:
    """1-based (line, column) of a PyYAML mark, counted as the rest of edgelint counts."""
    starts = getattr(_positions, "starts", None)
    if starts is None:
        return mark.line + 1, mark.column + 1
    line = bisect.bisect_right(starts, mark.index)
    return line, mark.index - starts[line - 1] + 1


def _at(value: Located, node: Node) -> Any:
    value.line, value.column = _place(node.start_mark)
    return value


_INTRINSICS = {
    "Ref": "Ref", "Condition": "Condition", "GetAtt": "Fn::GetAtt", "Sub": "Fn::Sub", "If": "Fn::If",
    "Join": "Fn::Join", "Select": "Fn::Select", "Split": "Fn::Split", "FindInMap": "Fn::FindInMap",
    "Base64": "Fn::Base64", "Cidr": "Fn::Cidr", "ImportValue": "Fn::ImportValue", "GetAZs": "Fn::GetAZs",
    "Equals": "Fn::Equals", "And": "Fn::And", "Or": "Fn::Or", "Not": "Fn::Not", "Transform": "Fn::Transform",
    "Length": "Fn::Length", "ToJsonString": "Fn::ToJsonString", "ForEach": "Fn::ForEach",
}


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps positions, maps intrinsic tags and refuses alias bombs."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.aliases = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                mark = self.peek_event().start_mark
                raise DeployParseError(f"more than {MAX_ALIASES} YAML aliases: refusing to expand a possible "
                                       "alias bomb", *_place(mark))
        return super().compose_node(parent, index)

    def construct_document(self, node: Node) -> Any:
        return _construct(node, 0, {})


def _scalar(node: ScalarNode) -> Any:
    tag = node.tag
    value = node.value
    if tag == "tag:yaml.org,2002:str" or not tag.startswith("tag:yaml.org,2002:"):
        text = _at(LStr(value), node)
        text.style = node.style
        return text
    constructed = _Loader.yaml_constructors.get(tag)
    try:
        result = constructed(_DUMMY, node) if constructed else value
    except Exception:  # a malformed timestamp or number: keep the text
        result = value
    if isinstance(result, bool):
        return _at(LBool(result), node)
    if isinstance(result, int):
        return _at(LInt(result), node)
    if isinstance(result, float):
        return _at(LFloat(result), node)
    if isinstance(result, str):
        return _at(LStr(result), node)
    return result  # None, dates, binary


_DUMMY = yaml.SafeLoader("")


def _construct(node: Node, depth: int, seen: dict[int, Any]) -> Any:
    if depth > MAX_DEPTH:
        raise DeployParseError(f"nesting deeper than {MAX_DEPTH} levels", _place(node.start_mark)[0])
    cached = seen.get(id(node))
    if cached is not None:  # an alias: the same node constructs to the same value, once
        return cached
    tag = node.tag
    short = tag[1:] if tag.startswith("!") else None
    if short is not None:
        if isinstance(node, ScalarNode):
            inner = _at(LStr(node.value), node)
            inner.style = node.style
        elif isinstance(node, SequenceNode):
            inner = _construct_seq(node, depth, seen)
        else:
            inner = _construct_map(node, depth, seen)
        if short == "GetAtt" and isinstance(inner, str) and "." in inner:
            first, _, rest = inner.partition(".")
            inner = _at(LList([_at(LStr(first), node), _at(LStr(rest), node)]), node)
        key = _INTRINSICS.get(short, f"!{short}")
        result = _at(LDict({key: inner}), node)
        result.key_lines[key] = (result.line, result.column)
    elif isinstance(node, ScalarNode):
        result = _scalar(node)
    elif isinstance(node, SequenceNode):
        result = _construct_seq(node, depth, seen)
    else:
        result = _construct_map(node, depth, seen)
    seen[id(node)] = result
    return result


def _construct_seq(node: SequenceNode, depth: int, seen: dict[int, Any]) -> LList:
    return _at(LList(_construct(child, depth + 1, seen) for child in node.value), node)


def _construct_map(node: MappingNode, depth: int, seen: dict[int, Any]) -> LDict:
    result = _at(LDict(), node)
    for key_node, value_node in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":  # `<<: *defaults`
            merged = _construct(value_node, depth + 1, seen)
            for part in merged if isinstance(merged, list) else [merged]:
                if isinstance(part, dict):
                    for k, v in part.items():
                        result.setdefault(k, v)
            continue
        key = _construct(key_node, depth + 1, seen)
        if isinstance(key, (dict, list)):
            key = str(key)
        result[key] = _construct(value_node, depth + 1, seen)
        result.key_lines[key] = _place(key_node.start_mark)
    return result


# Flow collections (`[[[…]]]`) nested deeper than this are refused before PyYAML sees them: its
# scanner is quadratic in the flow depth (20,000 levels: about a minute). Templates nest a few.
MAX_FLOW_DEPTH = 200


def _flow_depth_over(text: str, limit: int) -> bool:
    """Whether `[`/`{` nest past `limit` outside quoted scalars and comments (an approximation
    that never undercounts real nesting by more than quoted brackets it skips)."""
    if text.count("[") + text.count("{") <= limit:
        return False
    depth = 0
    quote = ""
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if quote:
            if c == "\\" and quote == '"':
                i += 2
                continue
            if c == quote:
                quote = ""
        elif c in "[{":
            depth += 1
            if depth > limit:
                return True
        elif c in "]}":
            depth = max(0, depth - 1)
        elif c in "'\"" and (i == 0 or text[i - 1] in " [{,:\n"):
            quote = c
        elif c == "#" and (i == 0 or text[i - 1] in " \n\t"):
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        i += 1
    return False


def load_yaml(text: str) -> Any:
    """Parse one YAML document (the first, if there are several)."""
    if _flow_depth_over(text, MAX_FLOW_DEPTH):
        raise DeployParseError(f"YAML nested more than {MAX_FLOW_DEPTH} levels deep: not analysed")
    _positions.starts = ([0, *(i + 1 for i, c in enumerate(text) if c == "\n")]
                         if any(b in text for b in _ODD_BREAKS) else None)
    try:
        loader = _Loader(text)  # the reader rejects control characters here already
    except yaml.reader.ReaderError as exc:
        line, column = _line_column(text, exc.position)
        raise DeployParseError(_reader_message(exc), line, column) from None
    try:
        node = _first_node(loader)
        if node is None:
            return None
        size = _expanded_size(node, {}, 0)
        if size > MAX_EXPANDED_NODES:
            raise DeployParseError(f"YAML aliases expand to {size:,} values (limit {MAX_EXPANDED_NODES:,}): "
                                   "refusing a possible alias bomb")
        return _construct(node, 0, {})
    except DeployParseError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        line, column = _place(mark) if mark else (1, 1)
        raise DeployParseError(f"invalid YAML: {problem}", line, column) from None
    except yaml.reader.ReaderError as exc:
        line, column = _line_column(text, exc.position)
        raise DeployParseError(_reader_message(exc), line, column) from None
    except yaml.YAMLError as exc:
        raise DeployParseError(f"invalid YAML: {' '.join(str(exc).split())}") from None
    except ValueError as exc:  # PyYAML decoding an escape such as "\U0011ffff" (chr() range)
        raise DeployParseError(f"invalid YAML: {exc}") from None
    except RecursionError:
        raise DeployParseError("invalid YAML: nested too deeply") from None
    finally:
        loader.dispose()


def _reader_message(exc: Any) -> str:
    char = exc.character
    code = char if isinstance(char, int) else ord(char) if isinstance(char, str) and len(char) == 1 else None
    what = f"character U+{code:04X}" if code is not None else "a character"
    return f"invalid YAML: {what} is not allowed in YAML text ({exc.reason})"


def _line_column(text: str, offset: int) -> tuple[int, int]:
    offset = max(0, min(offset, len(text)))
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _expanded_size(node: Node, memo: dict[int, int], depth: int) -> int:
    """How many values the document has with every alias expanded (memoised per node)."""
    known = memo.get(id(node))
    if known is not None:
        return known
    if depth > MAX_DEPTH:
        raise DeployParseError(f"nesting deeper than {MAX_DEPTH} levels", _place(node.start_mark)[0])
    size = 1
    if isinstance(node, SequenceNode):
        for child in node.value:
            size += _expanded_size(child, memo, depth + 1)
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            size += _expanded_size(key, memo, depth + 1) + _expanded_size(value, memo, depth + 1)
    memo[id(node)] = size
    return min(size, MAX_EXPANDED_NODES * 10)


def _first_node(loader: _Loader) -> Node | None:
    # Skip the stream start, compose the first document only.
    loader.get_event()
    if loader.check_event(yaml.StreamEndEvent):
        return None
    return loader.compose_document()


def load_json(text: str) -> Any:
    """JSON with positions: YAML's flow syntax reads JSON; if PyYAML rejects some JSON detail,
    fall back to the json module (positions then point at line 1)."""
    if _flow_depth_over(text, MAX_FLOW_DEPTH):
        raise DeployParseError(f"JSON nested more than {MAX_FLOW_DEPTH} levels deep: not analysed")
    try:
        json.loads(text)
    except ValueError as exc:
        line = getattr(exc, "lineno", 1)
        column = getattr(exc, "colno", 1)
        message = getattr(exc, "msg", str(exc))
        raise DeployParseError(f"invalid JSON: {message}", line, column) from None
    except RecursionError:
        raise DeployParseError("invalid JSON: nested too deeply") from None
    try:
        return load_yaml(text.replace("\t", " "))
    except DeployParseError:
        return _locate_nothing(json.loads(text))


def _locate_nothing(value: Any) -> Any:
    if isinstance(value, dict):
        return LDict({k: _locate_nothing(v) for k, v in value.items()})
    if isinstance(value, list):
        return LList(_locate_nothing(v) for v in value)
    if isinstance(value, str):
        return LStr(value)
    return value


def position(value: Any, default: tuple[int, int] = (1, 1)) -> tuple[int, int]:
    if isinstance(value, Located):
        return value.line, value.column
    return default
