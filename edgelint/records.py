"""Plain data classes without the `dataclasses` module.

`dataclasses` imports `inspect` (and with it `ast`, `dis`, `tokenize`, …), and builds each class
through a general code generator: together about a fifth of a one-file run's start-up. edgelint's
records need little of it, so this module generates the same methods for the subset used here:

- `@dataclass`, `@dataclass(frozen=True)`, `@dataclass(eq=False)`;
- fields from the class annotations (strings under `from __future__ import annotations`), with
  defaults, `field(default=…)`, `field(default_factory=…)`, `field(repr=False, compare=False)`,
  `ClassVar` annotations skipped, fields of record base classes first;
- `__init__` (then `__post_init__` if defined), `__repr__`, `__eq__`, and `__hash__` for frozen
  records (unhashable when only `eq`, identity when `eq=False`), as `dataclasses` defines them;
- `replace(record, **changes)`.
"""

from __future__ import annotations

from typing import Any, Callable, TypeVar

T = TypeVar("T")
_MISSING: Any = object()
_FIELDS = "__record_fields__"


class Field:
    __slots__ = ("name", "default", "default_factory", "repr", "compare")

    def __init__(self, default: Any = _MISSING, default_factory: Any = _MISSING,
                 repr: bool = True, compare: bool = True) -> None:
        self.name = ""
        self.default = default
        self.default_factory = default_factory
        self.repr = repr
        self.compare = compare


def field(*, default: Any = _MISSING, default_factory: Callable[[], Any] | Any = _MISSING,
          repr: bool = True, compare: bool = True) -> Any:
    return Field(default, default_factory, repr, compare)


def _is_classvar(annotation: Any) -> bool:
    text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", repr(annotation))
    return text.startswith(("ClassVar", "typing.ClassVar"))


def _collect(cls: type) -> list[Field]:
    fields: dict[str, Field] = {}
    for base in reversed(cls.__mro__[1:]):
        for f in getattr(base, _FIELDS, ()):
            fields[f.name] = f
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():
        if _is_classvar(annotation):
            continue
        value = cls.__dict__.get(name, _MISSING)
        f = value if isinstance(value, Field) else Field(default=value)
        f.name = name
        if isinstance(value, Field):
            if f.default is _MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, f.default)
        fields[name] = f
    return list(fields.values())


def _build(cls: type, eq: bool, frozen: bool) -> type:
    fields = _collect(cls)
    namespace: dict[str, Any] = {"_MISSING": _MISSING, "_object_setattr": object.__setattr__}
    params, body = [], []
    for f in fields:
        if f.default_factory is not _MISSING:
            namespace[f"_factory_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_MISSING")
            value = f"_factory_{f.name}() if {f.name} is _MISSING else {f.name}"
        elif f.default is not _MISSING:
            namespace[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
            value = f.name
        else:
            params.append(f.name)
            value = f.name
        body.append(f"_object_setattr(self, {f.name!r}, {value})" if frozen else f"self.{f.name} = {value}")
    if hasattr(cls, "__post_init__"):
        body.append("self.__post_init__()")
    shown = [f for f in fields if f.repr]
    compared = [f for f in fields if f.compare]
    own = tuple(f"self.{f.name}" for f in compared)
    other = tuple(f"other.{f.name}" for f in compared)
    source = [f"def __init__(self, {', '.join(params)}):", *(f"    {line}" for line in body or ["pass"]),
              "def __repr__(self):",
              "    return f'{type(self).__qualname__}(" + ", ".join(f"{f.name}={{self.{f.name}!r}}" for f in shown)
              + ")'"]
    if eq:
        source += ["def __eq__(self, other):",
                   "    if other.__class__ is not self.__class__:", "        return NotImplemented",
                   f"    return ({', '.join(own)}{',' if len(own) == 1 else ''}) == "
                   f"({', '.join(other)}{',' if len(other) == 1 else ''})"]
        if frozen:
            source += ["def __hash__(self):", f"    return hash(({', '.join(own)}{',' if len(own) == 1 else ''}))"]
    exec("\n".join(source), namespace)  # noqa: S102 - generated from this class's own field names
    cls.__init__ = namespace["__init__"]  # type: ignore[misc]
    if "__repr__" not in cls.__dict__:
        cls.__repr__ = namespace["__repr__"]  # type: ignore[method-assign]
    if eq:
        cls.__eq__ = namespace["__eq__"]  # type: ignore[method-assign]
        explicit = cls.__dict__.get("__hash__")
        if frozen:
            cls.__hash__ = namespace["__hash__"]  # type: ignore[assignment]
        elif explicit is None:  # as dataclasses: equal by value, so not hashable unless it says how
            cls.__hash__ = None  # type: ignore[assignment]
    if frozen:
        cls.__setattr__ = _frozen_setattr  # type: ignore[method-assign]
        cls.__delattr__ = _frozen_delattr  # type: ignore[method-assign]
    setattr(cls, _FIELDS, tuple(fields))
    return cls


class FrozenInstanceError(AttributeError):
    pass


def _frozen_setattr(self: Any, name: str, value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def dataclass(cls: type[T] | None = None, *, eq: bool = True, frozen: bool = False) -> Any:
    if cls is None:
        return lambda c: _build(c, eq, frozen)
    return _build(cls, eq, frozen)


def replace(record: T, **changes: Any) -> T:
    """A copy of `record` with some fields changed (`__init__` runs again, as in dataclasses)."""
    values = {f.name: getattr(record, f.name) for f in getattr(record, _FIELDS)}
    unknown = set(changes) - set(values)
    if unknown:
        raise TypeError(f"{type(record).__name__} has no field {sorted(unknown)[0]!r}")
    values.update(changes)
    return type(record)(**values)


def fields(record: Any) -> tuple[Field, ...]:
    return getattr(record, _FIELDS)
