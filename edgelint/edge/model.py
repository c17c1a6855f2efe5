"""What an edge function does, as records with no syntax in them: the facts rules judge.

The per-language extractors (`edgelint/lang/js/facts.py`, `edgelint/lang/py/facts.py`) are the
only code that reads ESTree or libcst nodes to find these; rules receive the records through
`on_<fact>` methods (`on_header_write`, `on_response`, …) and report on the spans they carry.

Paths into the event are normalised across the two event shapes: `event.request.uri` (a
CloudFront Function) and `event.Records[0].cf.request.uri` (Lambda@Edge) are both
`("request", "uri")`.
"""

from __future__ import annotations

from edgelint.records import dataclass, field
from typing import Any, Callable

from edgelint.model import Edit, Fix, Span

# HeaderWrite.obj for a header of a generated response.
GENERATED = "generated"

# Value.kind
STRING = "string"        # a string literal (JS '' "" and `` without substitutions; Python str)
TEMPLATE = "template"    # a string with substitutions (`${x}`, f"{x}")
CONCAT = "concat"        # `a + b`
BYTES = "bytes"          # a Python bytes literal
NUMBER = "number"
BOOL = "bool"
NOTHING = "nothing"      # null, undefined, None
OBJECT = "object"        # an object / dict literal
LIST = "list"            # an array / list / tuple literal
OTHER = "other"          # names, calls, anything else


class KeyRef:
    """A name written in the source that a fix may rewrite: a string literal (`'X-Foo'`,
    `r"statusCode"`) or an identifier (`X_Foo`)."""

    __slots__ = ("start", "end", "_lines", "_span", "quote", "prefix", "identifier")

    def __init__(self, start: int, end: int, lines: Any, *, quote: str = "", prefix: str = "",
                 identifier: bool = False) -> None:
        self.start = start
        self.end = end
        self._lines = lines           # the file's LineIndex, to place a finding on the key
        self._span: Span | None = None
        self.quote = quote            # ' or " for a string; '' for an identifier or an unusual literal
        self.prefix = prefix          # a Python string prefix (r, u); b and f keys are never rewritten
        self.identifier = identifier

    @property
    def span(self) -> Span:
        if self._span is None:
            self._span = self._lines.span(self.start, self.end)
        return self._span

    def replacement(self, new: str) -> str | None:
        """The source text that writes `new` in place of this key, or None when not trivially safe."""
        if not new.isascii() or "\\" in new:
            return None
        if self.identifier:
            return new if new.isidentifier() else None
        if self.quote not in ("'", '"') or self.quote in new or any(c in self.prefix.lower() for c in "bf"):
            return None
        return f"{self.prefix}{self.quote}{new}{self.quote}"


def rename_key(key: KeyRef | None, new: str, message: str) -> Fix | None:
    """The fix that writes `new` in place of a key (a header name, a response field), in either
    language; None when the key cannot be rewritten safely."""
    if key is None:
        return None
    text = key.replacement(new)
    return Fix(message, (Edit(key.start, key.end, text),)) if text is not None else None


class Value:
    """An expression a fact carries, described without syntax.

    `span`, `size` (UTF-8 bytes of the string it always is) and `static` (the string it always
    is, constants followed) are worked out by the extractor on first use."""

    __slots__ = ("kind", "literal", "number", "fields", "spread", "items", "stringy", "node", "scope",
                 "_source", "_span")

    def __init__(self, kind: str, node: Any, scope: Any, source: "ValueSource", *, literal: str | None = None,
                 number: int | float | None = None, fields: dict[str, "Field"] | None = None,
                 spread: bool = False, items: tuple["Value", ...] | None = None, stringy: bool = False) -> None:
        self.kind = kind
        self.literal = literal        # the exact text of a string literal
        self.number = number          # the value of a number literal (`-1` included)
        self.fields = fields          # an object/dict literal's static string keys
        self.spread = spread          # `...x`, `**x` or a computed key: other keys may be present
        self.items = items            # a list literal's elements (spread elements left out)
        self.stringy = stringy        # a concatenation with a string literal or template operand
        self.node = node              # the extractor's handle; rules never look inside
        self.scope = scope
        self._source = source
        self._span: Span | None = None

    @property
    def span(self) -> Span:
        if self._span is None:
            self._span = self._source.span_of(self.node)
        return self._span

    @property
    def size(self) -> int | None:
        return self._source.size_of(self)

    @property
    def static(self) -> str | None:
        return self._source.static_of(self)

    @property
    def is_nothing(self) -> bool:
        """`''`, `null`, `undefined`, `None`: an empty body."""
        return self.kind == NOTHING or self.literal == ""

    def __repr__(self) -> str:
        return f"<Value {self.kind} {self.literal!r}>"


class ValueSource:
    """What an extractor provides for the lazy parts of a Value."""

    def span_of(self, node: Any) -> Span:  # pragma: no cover - interface
        raise NotImplementedError

    def size_of(self, value: Value) -> int | None:  # pragma: no cover - interface
        raise NotImplementedError

    def static_of(self, value: Value) -> str | None:  # pragma: no cover - interface
        raise NotImplementedError


@dataclass(eq=False)
class Field:
    """One static key of an object or dict literal."""

    name: str
    span: Span                    # the whole `key: value` entry
    value: Value
    key: KeyRef | None = None     # the key, when a fix may rename it
    shorthand: bool = False


# -- facts -----------------------------------------------------------------------------------

@dataclass(eq=False)
class HeaderWrite:
    """A header added, changed or deleted: on the event's request or response, or in the
    `headers` of a generated response (obj GENERATED)."""

    span: Span
    obj: str                      # "request", "response" or GENERATED
    name: str | int | None        # as written; None when not a literal or constant
    action: str                   # "set", "modify" (`+=`, an element, a field) or "delete"
    key: KeyRef | None = None     # the literal naming the header, for the lowercase fix
    value: Value | None = None    # "set": the value written
    elements: tuple[Value, ...] = ()   # list elements written: `H[n][0] = …`, `H[n].push(…)`
    rest: tuple = ()              # the path below the header: (), (0,), (0, "value"), ("value",)
    shorthand: bool = False       # `{ host }` in an object literal
    language: str = "js"
    constant: bool = False        # the name comes from a constant (`headers[NAME]`), not a literal here


@dataclass(eq=False)
class Response:
    """A response the handler generates: an object/dict literal with response fields that the
    handler returns — directly, through a variable given only that literal, through a top-level
    helper it calls and returns, or as `callback(null, literal)`."""

    span: Span
    fields: dict[str, Field]
    spread: bool
    direct: bool                  # written where it is returned, not reached through a variable
    value: Value
    language: str = "js"


class Located:
    """A fact whose span is worked out only when a rule reports on it: reads, writes and uses
    are many, findings few."""

    __slots__ = ("_node", "_source", "_span")

    def _locate(self, node: Any, source: Any) -> None:
        self._node = node
        self._source = source
        self._span: Span | None = None

    @property
    def span(self) -> Span:
        if self._span is None:
            self._span = self._source.span_of(self._node)
        return self._span

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}={getattr(self, k)!r}" for k in self.__slots__)
        return f"{type(self).__name__}({fields})"


class EventWrite(Located):
    """`event…request.uri = …`, `+=`, `delete …`, Python `req["uri"] = …`, `del …`."""

    __slots__ = ("path", "action", "_value", "_make_value", "key", "language")

    def __init__(self, node: Any, source: Any, path: tuple, action: str,
                 value: Callable[[], Value | None] | None = None, key: KeyRef | None = None,
                 language: str = "js") -> None:
        self._locate(node, source)
        self.path = path              # normalised: ("response", "status")
        self.action = action          # "set", "modify" (augmented) or "delete"
        self._make_value = value
        self._value: Value | None = None
        self.key = key                # the last key, when a fix may rename it
        self.language = language

    @property
    def value(self) -> Value | None:
        """The value written, described when first asked for."""
        if self._value is None and self._make_value is not None:
            self._value = self._make_value()
            self._make_value = None
        return self._value


class EventRead(Located):
    """A read of a part of the event (member access, subscript, `.get()`, destructuring)."""

    __slots__ = ("path", "how", "language")

    def __init__(self, node: Any, source: Any, path: tuple, how: str = "read", language: str = "js") -> None:
        self._locate(node, source)
        self.path = path              # normalised: ("request", "body")
        self.how = how                # "read"; "typeof" (never throws); "into" (`x.body.data = …` writes into it)
        self.language = language


@dataclass(eq=False)
class EnvRead:
    """A read of an environment variable."""

    span: Span
    name: str | None              # None: named at run time (`process.env[k]`)
    shown: str                    # how a message names the read: "`process.env.X`"
    text: str                     # the read as written, for a variable named at run time
    raises: bool = False          # Python `os.environ["X"]`: KeyError when missing
    has_default: bool = False     # a default the reader returns when missing
    fallback: bool = False        # `X || 'd'`, `X ?? 'd'`, or only tested as a condition
    language: str = "js"
    throws: bool = False          # `if (!X) throw …`: a missing variable makes the code throw


@dataclass(eq=False)
class Param:
    name: str | None              # None for a destructuring pattern
    default: bool = False
    kind: str = "positional"      # "positional", "posonly", "rest", "kwonly", "star", "starstar"


@dataclass(eq=False)
class Function:
    """A function the module defines or exports."""

    name: str | None
    span: Span                    # the whole function
    anchor: Span                  # where a finding about it points (its name when it has one)
    params: tuple[Param, ...]
    is_async: bool = False
    decorated: bool = False

    def positional(self) -> list[Param]:
        return [p for p in self.params if p.kind in ("positional", "posonly")]


@dataclass(eq=False)
class Module:
    """What a module exports or defines at the top level, known once the walk is over."""

    language: str
    exports: dict[str, Function | None]       # name -> the function it is, when one
    handlers: list[Function]                  # functions named like the handler Lambda calls
    declared: dict[str, Function] = field(default_factory=dict)   # top-level functions
    esm: bool = False                         # JS: uses import/export
    dynamic: bool = False                     # exports that cannot be read (`export *`, `import *`)
    module_function: Function | None = None   # JS: `module.exports = function …`


@dataclass(eq=False)
class CallbackUse:
    """JS: the handler's callback called, or a `context` method of the callback style."""

    span: Span
    method: str | None            # None: the callback itself; else `done`, `succeed`, `fail`


@dataclass(eq=False)
class Import:
    span: Span
    module: str | None            # None: not a literal (`require(name)`)
    how: str                      # "require", "import", "dynamic", "from", "relative"
    names: tuple[str, ...] = ()   # Python `from m import a, b`: the names ("*" for a star)


class Reference(Located):
    """An identifier that names something from outside the code: kind "global" (JS: a name no
    declaration binds — `fetch`, `process`, `URL`) or "context" (the handler's `context`
    parameter, in either language)."""

    __slots__ = ("kind", "name")

    def __init__(self, node: Any, source: Any, kind: str, name: str) -> None:
        self._locate(node, source)
        self.kind = kind
        self.name = name


class Use(Located):
    """A name from outside the file that the code calls or reads.

    kind "call": a call or `new` of a global (`fetch`, `Function`), a global path
    (`navigator.sendBeacon`) or a module member (JS `crypto.createHash`, Python `hashlib.new`);
    kind "qualified": a Python import-resolved name (`os.environ`, `time.sleep`, `builtins.open`)."""

    __slots__ = ("kind", "name", "module", "new", "_args", "_make_args")

    def __init__(self, node: Any, source: Any, kind: str, name: str, module: str | None = None,
                 args: Callable[[], tuple[Value, ...]] | None = None, new: bool = False) -> None:
        self._locate(node, source)
        self.kind = kind
        self.name = name
        self.module = module          # for a module member: the module
        self.new = new
        self._make_args = args
        self._args: tuple[Value, ...] | None = None

    @property
    def args(self) -> tuple[Value, ...]:
        """For calls: the arguments (spread left out), described when first asked for."""
        if self._args is None:
            self._args = self._make_args() if self._make_args is not None else ()
        return self._args


# The method each fact is handed to.
HANDLERS: dict[type, str] = {
    HeaderWrite: "on_header_write",
    Response: "on_response",
    EventWrite: "on_event_write",
    EventRead: "on_event_read",
    EnvRead: "on_env_read",
    Module: "on_module",
    Function: "on_handler",
    CallbackUse: "on_callback_use",
    Import: "on_import",
    Use: "on_use",
    Reference: "on_reference",
}
FACT_METHODS = frozenset(HANDLERS.values()) | {"on_end"}


class Sink:
    """Hands each fact to the rules that take it, in the order rules were given."""

    def __init__(self, rules: list[Any]) -> None:
        self.handlers: dict[type, list[Callable[[Any], None]]] = {}
        self.ends: list[Callable[[], None]] = []
        for rule in rules:
            for fact_type, method in _fact_methods(type(rule)):
                self.handlers.setdefault(fact_type, []).append(getattr(rule, method))
            if _has_end(type(rule)):
                self.ends.append(rule.on_end)

    def wants(self, fact_type: type) -> bool:
        return fact_type in self.handlers

    def __call__(self, fact: Any) -> None:
        for handler in self.handlers.get(type(fact), ()):
            handler(fact)

    def end(self) -> None:
        for handler in self.ends:
            handler()


def _fact_methods(cls: type) -> list[tuple[type, str]]:
    cached = cls.__dict__.get("_edgelint_fact_methods")
    if cached is None:
        cached = [(t, m) for t, m in HANDLERS.items() if callable(getattr(cls, m, None))]
        setattr(cls, "_edgelint_fact_methods", cached)
    return cached


def _has_end(cls: type) -> bool:
    return callable(getattr(cls, "on_end", None))
