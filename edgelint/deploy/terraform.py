"""Terraform (`.tf`, hashicorp/aws provider) → Deployment.

The file is parsed with python-hcl2's lark grammar (for positions) into a small located model of
blocks and attributes. Expressions are interpreted only as far as they are literal: strings,
numbers, bools, null, lists, objects, heredocs, `file(...)`, references to resources
(`aws_lambda_function.x.qualified_arn`), to variables (`var.NAME` → the module's tfvars value or
the variable's literal default) and locals (`local.NAME` → its literal value), and
`"${...}"` templates of those. Everything else is UNKNOWN, never guessed.

A folder of `.tf` files is one Terraform module: variables, locals, providers and data sources
are read from the sibling files too (and from `terraform.tfvars` / `*.auto.tfvars`), and
resources of the siblings are consulted to classify a reference (is the Lambda function it
names published?). Functions, associations and roles are only those the file itself declares.

Setting values use the CloudFormation shapes the CloudFormation reader produces, so DP rules read
one shape: environment {"Variables": {...}}, tracing {"Mode": ...}, architectures [..],
ephemeral_storage {"Size": n}, vpc / dead_letter / file_system the block's attributes,
package_type "Image" / "Zip", runtime_management {"UpdateRuntimeOn": ...}.
"""

from __future__ import annotations

import json
import re
from edgelint.records import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from edgelint.deploy.model import (UNKNOWN, Association, Deployment, Distribution, Function, InlineCode, Loc,
                                   Role, Setting, classify_literal_arn)
from edgelint.deploy.yaml_reader import DeployParseError

MAX_DEPTH = 100
# Sibling files larger than this are not parsed for variables/providers.
MAX_SIBLING_BYTES = 2_000_000


# -- located model ------------------------------------------------------------------------
@dataclass
class Attr:
    name: str
    node: Any              # the lark expression tree
    line: int
    column: int
    file: Path
    text: str              # the expression as written

    def loc(self, home: Path) -> Loc:
        return Loc(self.line, self.column, None if self.file == home else self.file)


@dataclass
class Block:
    type: str
    labels: list[str]
    line: int
    column: int
    file: Path
    attrs: dict[str, Attr] = field(default_factory=dict)
    blocks: list["Block"] = field(default_factory=list)

    def loc(self, home: Path) -> Loc:
        return Loc(self.line, self.column, None if self.file == home else self.file)

    def block(self, name: str) -> "Block | None":
        return next((b for b in self.blocks if b.type == name), None)

    def all(self, name: str) -> list["Block"]:
        return [b for b in self.blocks if b.type == name]

    def dynamic(self, name: str) -> "Block | None":
        """A `dynamic "name" { ... }` block (its content is unknown)."""
        return next((b for b in self.blocks if b.type == "dynamic" and b.labels[:1] == [name]), None)


# -- expression values --------------------------------------------------------------------
@dataclass(frozen=True)
class Ref:
    """A traversal: `aws_lambda_function.edge.qualified_arn` → ("aws_lambda_function", "edge", "qualified_arn")."""

    parts: tuple[str, ...]

    def __str__(self) -> str:
        return ".".join(self.parts)


@dataclass(frozen=True)
class Template:
    """A string with interpolations: parts are str or values."""

    parts: tuple[Any, ...]


@dataclass(frozen=True)
class Call:
    name: str
    args: tuple[Any, ...]


@dataclass(frozen=True)
class Heredoc:
    text: str               # the content, `<<-` indentation removed
    first_line: int         # file line of the content's first line
    indent: int             # columns removed by `<<-`
    interpolated: bool      # holds `${...}` / `%{...}` that Terraform would evaluate


def _token_text(node: Any) -> str:
    from lark import Token, Tree

    if isinstance(node, Token):
        return str(node)
    if isinstance(node, Tree):
        for child in node.children:
            text = _token_text(child)
            if text:
                return text
    return ""


def _subtrees(node: Any) -> list[Any]:
    from lark import Tree

    return [c for c in node.children if isinstance(c, Tree) and c.data != "new_line_or_comment"]


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
_ESCAPE_RE = re.compile(r"\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)|\$\$\{|%%\{", re.S)


def _unescape(text: str) -> str:
    def replace(match: re.Match) -> str:
        whole = match.group(0)
        if whole == "$${":
            return "${"
        if whole == "%%{":
            return "%{"
        code = match.group(1)
        if code[0] in "uU" and len(code) > 1:
            point = int(code[1:], 16)
            # Past U+10FFFF is no character: Terraform rejects the escape; the value is unknowable.
            return chr(point) if point <= 0x10FFFF else "\ufffd"
        return _ESCAPES.get(code, whole)

    return _ESCAPE_RE.sub(replace, text)


def evaluate(node: Any, depth: int = 0) -> Any:
    """An expression tree → a Python literal, list, dict, Ref, Template, Call, Heredoc or UNKNOWN."""
    from lark import Token, Tree

    if depth > MAX_DEPTH or not isinstance(node, Tree):
        return UNKNOWN
    kind = node.data
    if kind == "expr_term":
        inner = _subtrees(node)
        return evaluate(inner[0], depth + 1) if len(inner) == 1 else UNKNOWN
    if kind == "string":
        parts: list[Any] = []
        for part in _subtrees(node):
            child = part.children[0] if part.children else ""
            if isinstance(child, Token):
                text = _unescape(str(child)) if child.type in ("STRING_CHARS", "ESCAPED_INTERPOLATION",
                                                               "ESCAPED_DIRECTIVE") else UNKNOWN
                if text is UNKNOWN:
                    return UNKNOWN
                if parts and isinstance(parts[-1], str):
                    parts[-1] += text
                else:
                    parts.append(text)
            elif isinstance(child, Tree) and child.data == "interpolation":
                inner = _subtrees(child)
                parts.append(evaluate(inner[0], depth + 1) if inner else UNKNOWN)
            else:  # %{ if } / %{ for } directives
                return UNKNOWN
        if not parts:
            return ""
        if len(parts) == 1 and isinstance(parts[0], str):
            return parts[0]
        return Template(tuple(parts))
    if kind == "int_lit":
        try:
            return int(_token_text(node))
        except ValueError:
            return UNKNOWN
    if kind == "float_lit":
        try:
            return float(_token_text(node))
        except ValueError:
            return UNKNOWN
    if kind == "literal_value":
        return {"true": True, "false": False, "null": None}.get(_token_text(node), UNKNOWN)
    if kind == "identifier":
        return Ref((_token_text(node),))
    if kind in ("get_attr_expr_term", "index_expr_term"):
        inner = _subtrees(node)
        base = evaluate(inner[0], depth + 1) if inner else UNKNOWN
        if not isinstance(base, Ref):
            return UNKNOWN
        if kind == "index_expr_term":
            return base  # `aws_lambda_function.x[0]` names the same resource for our purposes
        names = _subtrees(inner[1]) if len(inner) > 1 else []
        if not names:  # `.0` legacy index
            return base
        return Ref(base.parts + (_token_text(names[-1]),))
    if kind == "tuple":
        return [evaluate(item, depth + 1) for item in _subtrees(node)]
    if kind == "object":
        result: dict[str, Any] = {}
        for elem in _subtrees(node):
            parts_ = _subtrees(elem)
            if len(parts_) != 2:
                return UNKNOWN
            key_expr = _subtrees(parts_[0])
            key = evaluate(key_expr[0], depth + 1) if key_expr else _token_text(parts_[0])
            if isinstance(key, Ref) and len(key.parts) == 1:
                key = key.parts[0]
            if not isinstance(key, str):
                return UNKNOWN
            result[key] = evaluate(parts_[1], depth + 1)
        return result
    if kind == "function_call":
        inner = _subtrees(node)
        name = _token_text(inner[0]) if inner else ""
        if len([c for c in inner if c.data == "identifier"]) > 1:  # provider::ns::fn
            return UNKNOWN
        args = next((c for c in inner if c.data == "arguments"), None)
        values = tuple(evaluate(a, depth + 1) for a in _subtrees(args)) if args is not None else ()
        return Call(name, values)
    if kind in ("heredoc_template", "heredoc_template_trim"):
        token = node.children[0]
        return _heredoc(str(token), getattr(token, "line", 1), trim=kind == "heredoc_template_trim")
    if kind == "unary_op":
        inner = _subtrees(node)
        operator = _token_text(node)
        value = evaluate(inner[0], depth + 1) if inner else UNKNOWN
        if operator == "-" and isinstance(value, (int, float)) and not isinstance(value, bool):
            return -value
        if operator == "!" and isinstance(value, bool):
            return not value
        return UNKNOWN
    return UNKNOWN  # conditionals, operators, for expressions, splats


def _heredoc(token: str, line: int, trim: bool) -> Heredoc:
    lines = token.replace("\r\n", "\n").split("\n")
    # lines[0] is `<<EOF`, the last non-empty one the closing marker.
    while lines and lines[-1] == "":
        lines.pop()
    content = lines[1:-1]
    indent = 0
    if trim:
        widths = [len(l) - len(l.lstrip(" \t")) for l in content if l.strip()]
        indent = min(widths) if widths else 0
        content = [l[indent:] for l in content]
    text = "\n".join(content) + ("\n" if content else "")
    interpolated = re.search(r"(?<!\$)\$\{|(?<!%)%\{", text) is not None
    if not interpolated:
        text = text.replace("$${", "${").replace("%%{", "%{")
    return Heredoc(text, line + 1, indent, interpolated)


# -- parsing ------------------------------------------------------------------------------
def parse_hcl(text: str) -> Any:
    """The lark tree of an HCL file; DeployParseError with line/column when it is malformed."""
    try:
        import hcl2
        from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken
    except ImportError as exc:  # pragma: no cover - python-hcl2 is a dependency
        raise DeployParseError(f"cannot read Terraform: python-hcl2 is not installed ({exc})") from None
    last_line = max(1, text.count("\n") + (0 if text.endswith("\n") else 1))
    try:
        return hcl2.parses_to_tree(text)
    except UnexpectedInput as exc:
        line = getattr(exc, "line", 1)
        column = getattr(exc, "column", 1)
        if not isinstance(line, int) or line < 1:
            line, column = last_line, 1
        if line > last_line:
            line, column = last_line, max(1, len(text.rstrip("\n").rsplit("\n", 1)[-1]) + 1)
        if isinstance(exc, UnexpectedToken):
            token = exc.token
            expected = getattr(exc, "expected", set()) or set()
            if token.type == "$END" and "DBLQUOTE" in expected:
                what = "end of file (a string is not closed)"
            elif token.type == "$END":
                what = "end of file" + (" (a `}` is missing)" if "RBRACE" in expected else "")
            else:
                first = str(token).strip().split("\n", 1)[0][:30]
                what = repr(first) if first else "end of line"
            message = f"invalid HCL: unexpected {what}"
        elif isinstance(exc, UnexpectedCharacters):
            message = f"invalid HCL: unexpected character {text[exc.pos_in_stream]!r}" if 0 <= getattr(
                exc, "pos_in_stream", -1) < len(text) else "invalid HCL: unexpected character"
        elif isinstance(exc, UnexpectedEOF):
            message = "invalid HCL: unexpected end of file"
        else:
            message = "invalid HCL"
        raise DeployParseError(message, line, max(1, column)) from None
    except RecursionError:
        raise DeployParseError("invalid HCL: nested too deeply") from None
    except Exception as exc:  # any other parser failure is still a parse error, not a crash
        raise DeployParseError(f"invalid HCL: {exc}".split("\n", 1)[0]) from None


def _located(tree: Any, file: Path, text: str) -> tuple[dict[str, Attr], list[Block]]:
    body = next((c for c in _subtrees(tree) if c.data == "body"), None)
    if body is None:
        return {}, []
    return _body(body, file, text)


def _body(body: Any, file: Path, text: str) -> tuple[dict[str, Attr], list[Block]]:
    attrs: dict[str, Attr] = {}
    blocks: list[Block] = []
    for child in _subtrees(body):
        if child.data == "attribute":
            parts = _subtrees(child)
            if len(parts) < 2:
                continue
            expr = parts[-1]
            meta = child.meta
            raw = text[expr.meta.start_pos:expr.meta.end_pos] if not expr.meta.empty else ""
            attrs[_token_text(parts[0])] = Attr(_token_text(parts[0]), expr, meta.line, meta.column, file,
                                                raw.strip())
        elif child.data == "block":
            parts = _subtrees(child)
            inner = next((p for p in parts if p.data == "body"), None)
            names = [p for p in parts if p.data != "body"]
            if not names:
                continue
            labels = []
            for label in names[1:]:
                value = evaluate(label) if label.data == "string" else _token_text(label)
                labels.append(value if isinstance(value, str) else "?")
            block = Block(_token_text(names[0]), labels, child.meta.line, child.meta.column, file)
            if inner is not None:
                block.attrs, block.blocks = _body(inner, file, text)
            blocks.append(block)
    return attrs, blocks


@dataclass
class _File:
    path: Path
    attrs: dict[str, Attr]
    blocks: list[Block]


_CACHE: dict[tuple[str, int], _File] = {}


def _load(path: Path, text: str) -> _File:
    """The located blocks of one file (parsed once per text); DeployParseError if malformed."""
    key = (str(path), hash(text))  # as spelled: positions compare files by their Path
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    attrs, blocks = _located(parse_hcl(text), path, text)
    result = _File(path, attrs, blocks)
    if len(_CACHE) > 256:
        _CACHE.clear()
    _CACHE[key] = result
    return result


def _read_sibling(path: Path) -> _File | None:
    """A sibling .tf / .tfvars file, parsed; None if unreadable, too large or malformed (it gets
    its own EL001 when it is linted)."""
    try:
        if path.stat().st_size > MAX_SIBLING_BYTES:
            return None
        return _load(path, path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, DeployParseError):
        return None


# -- the module ---------------------------------------------------------------------------
class Module:
    """The blocks of one Terraform module (the .tf files of a folder), the file itself first."""

    def __init__(self, path: Path, own: _File, siblings: list[_File], tfvars: list[_File]) -> None:
        self.path = path
        self.folder = path.parent
        self.files = [own, *siblings]
        self.variables: dict[str, Block] = {}
        self.locals: dict[str, Attr] = {}
        self.providers: list[Block] = []
        self.resources: dict[tuple[str, str], Block] = {}
        self.data: dict[tuple[str, str], Block] = {}
        self.modules: dict[str, Block] = {}
        for file in self.files:
            for block in file.blocks:
                if block.type == "variable" and block.labels:
                    self.variables.setdefault(block.labels[0], block)
                elif block.type == "locals":
                    for name, attr in block.attrs.items():
                        self.locals.setdefault(name, attr)
                elif block.type == "provider" and block.labels[:1] == ["aws"]:
                    self.providers.append(block)
                elif block.type == "resource" and len(block.labels) >= 2:
                    self.resources.setdefault((block.labels[0], block.labels[1]), block)
                elif block.type == "data" and len(block.labels) >= 2:
                    self.data.setdefault((block.labels[0], block.labels[1]), block)
                elif block.type == "module" and block.labels:
                    self.modules.setdefault(block.labels[0], block)
        # terraform.tfvars, then *.auto.tfvars in name order: later ones win.
        self.tfvars: dict[str, Attr] = {}
        for file in tfvars:
            self.tfvars.update(file.attrs)

    # Follow `var.X` / `local.X` to the attribute whose value is written literally.
    def follow(self, attr: Attr | None, depth: int = 0) -> Attr | None:
        while attr is not None and depth < 20:
            value = evaluate(attr.node)
            if isinstance(value, Template) and len(value.parts) == 1:
                value = value.parts[0]
            nxt = self._alias(value)
            if nxt is None:
                return attr
            attr = nxt
            depth += 1
        return attr if depth < 20 else None

    def _alias(self, value: Any) -> Attr | None:
        if not isinstance(value, Ref) or len(value.parts) != 2:
            return None
        scope, name = value.parts
        if scope == "var":
            if name in self.tfvars:
                return self.tfvars[name]
            variable = self.variables.get(name)
            if variable is not None and "default" in variable.attrs:
                return variable.attrs["default"]
            return _UNSET
        if scope == "local":
            return self.locals.get(name, _UNSET)
        return None

    def value(self, attr: Attr | None) -> Any:
        """The attribute's value with var./local. aliases followed (Refs and calls kept)."""
        attr = self.follow(attr)
        if attr is None or attr is _UNSET:
            return UNKNOWN
        return self.deref(evaluate(attr.node), 0)

    def deref(self, value: Any, depth: int) -> Any:
        if depth > 20:
            return UNKNOWN
        if isinstance(value, Ref):
            target = self._alias(value)
            if target is _UNSET:
                return UNKNOWN
            if target is not None:
                return self.deref(evaluate(target.node), depth + 1)
            if value.parts == ("path", "module"):
                return "."  # file paths are taken relative to the module's folder
            return value
        if isinstance(value, Template):
            parts = [self.deref(p, depth + 1) if not isinstance(p, str) else p for p in value.parts]
            if len(parts) == 1 and not isinstance(parts[0], str):
                return parts[0]  # "${aws_lambda_function.x.arn}" is the reference itself
            if all(isinstance(p, (str, int, float)) and not isinstance(p, bool) for p in parts):
                return "".join(str(p) for p in parts)
            return Template(tuple(parts))
        if isinstance(value, list):
            return [self.deref(v, depth + 1) for v in value]
        if isinstance(value, dict):
            return {k: self.deref(v, depth + 1) for k, v in value.items()}
        return value

    def literal(self, attr: Attr | None) -> Any:
        """A plain value (str, int, float, bool, None, lists, dicts) or UNKNOWN."""
        return _literal(self.value(attr))

    def setting(self, attr: Attr, transform: Any = None) -> Setting:
        """The attribute as a Setting, placed where its literal value is written (a variable's
        default in variables.tf, a terraform.tfvars line...)."""
        source = self.follow(attr)
        where = source if source is not None and source is not _UNSET else attr
        value = self.literal(attr)
        if value is None:  # `null`: the argument is left to its default, which may come from elsewhere
            value = UNKNOWN
        if transform is not None and value is not UNKNOWN:
            value = transform(value)
        return Setting(value, where.loc(self.path))


_UNSET = Attr("", None, 0, 0, Path(), "")  # a variable without a default: UNKNOWN


def _literal(value: Any) -> Any:
    if isinstance(value, (Ref, Template, Call)):
        return UNKNOWN
    if isinstance(value, Heredoc):
        return UNKNOWN if value.interpolated else value.text
    if isinstance(value, list):
        return [_literal(v) for v in value]
    if isinstance(value, dict):
        return {k: _literal(v) for k, v in value.items()}
    return value


def _contains_unknown(value: Any) -> bool:
    if value is UNKNOWN:
        return True
    if isinstance(value, list):
        return any(_contains_unknown(v) for v in value)
    if isinstance(value, dict):
        return any(_contains_unknown(v) for v in value.values())
    return False


_LAMBDA_MODULE = "terraform-aws-modules/lambda/aws"


def _module_ref(value: Any) -> tuple[str, str] | None:
    """(module name, output) for `module.NAME.OUTPUT`."""
    if isinstance(value, Template) and len(value.parts) == 1:
        value = value.parts[0]
    if isinstance(value, Ref) and len(value.parts) >= 3 and value.parts[0] == "module":
        return value.parts[1], value.parts[2]
    return None


class _Filled(Block):
    """One element of a `dynamic` block's literal `for_each`: its content, with
    `<iterator>.value.key` read from the element."""

    def __init__(self, content: Block, iterator: str, element: Any) -> None:
        super().__init__(content.type, content.labels, content.line, content.column, content.file,
                         content.attrs, content.blocks)
        self.iterator = iterator
        self.element = element

    def value(self, name: str, module: "Module") -> Any:
        attr = self.attrs.get(name)
        if attr is None:
            return None
        value = module.value(attr)
        if isinstance(value, Template) and len(value.parts) == 1:
            value = value.parts[0]
        if isinstance(value, Ref) and len(value.parts) == 3 and value.parts[:2] == (self.iterator, "value"):
            found = self.element.get(value.parts[2]) if isinstance(self.element, dict) else None
            return module.deref(found, 0) if found is not None else UNKNOWN
        return value

    def text(self, name: str) -> str:
        attr = self.attrs.get(name)
        return attr.text if attr is not None else ""


def _resource_ref(value: Any) -> tuple[str, str, str] | None:
    """(type, name, attribute) for `aws_x.name.attr`."""
    if isinstance(value, Ref) and len(value.parts) >= 3 and value.parts[0] not in ("var", "local", "data",
                                                                                     "module", "path"):
        return value.parts[0], value.parts[1], value.parts[2]
    return None


# -- the reader ---------------------------------------------------------------------------
class TerraformReader:
    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        own = _load(path, text)
        siblings: list[_File] = []
        tfvars: list[_File] = []
        folder = path.parent
        try:
            entries = sorted(folder.iterdir()) if folder.is_dir() else []
        except OSError:
            entries = []
        mine = path.resolve() if path.exists() else None
        for entry in entries:
            name = entry.name
            if name.endswith(".tf") and entry.is_file() and (mine is None or entry.resolve() != mine):
                parsed = _read_sibling(entry)
                if parsed is not None:
                    siblings.append(parsed)
        for entry in [folder / "terraform.tfvars", *[e for e in entries if e.name.endswith(".auto.tfvars")]]:
            if entry.is_file():
                parsed = _read_sibling(entry)
                if parsed is not None:
                    tfvars.append(parsed)
        self.own = own
        self.module = Module(path, own, siblings, tfvars)
        self.deployment = Deployment(path=path, format="terraform")

    def read(self) -> Deployment:
        self.deployment.region = self._default_region()
        for block in self.own.blocks:
            if block.type != "resource" or len(block.labels) < 2:
                continue
            kind, name = block.labels[0], block.labels[1]
            if kind == "aws_lambda_function":
                self._lambda(name, block)
            elif kind == "aws_cloudfront_function":
                self._cloudfront_function(name, block)
            elif kind == "aws_cloudfront_connection_function":
                self._connection_function(name, block)
            elif kind == "aws_iam_role":
                self._role(name, block)
        for block in self.own.blocks:
            if block.type == "module" and block.labels and "source" in block.attrs:
                self._module_call(block.labels[0], block)
        self._function_side_resources()
        for block in self.own.blocks:
            if block.type == "resource" and block.labels[:1] == ["aws_cloudfront_distribution"]:
                self._distribution(block.labels[1] if len(block.labels) > 1 else "?", block)
        # A module often keeps the distribution in another file (cdn.tf next to lambda.tf): its
        # associations with this file's functions give them their events.
        own = len(self.deployment.associations)
        for sibling in self.module.files[1:]:
            for block in sibling.blocks:
                if block.type == "resource" and block.labels[:1] == ["aws_cloudfront_distribution"]:
                    self._distribution(block.labels[1] if len(block.labels) > 1 else "?", block)
        foreign = self.deployment.associations[own:]
        del self.deployment.associations[own:]
        for assoc in foreign:
            if assoc.function_id in self.deployment.functions:
                assoc.foreign = True
                self.deployment.associations.append(assoc)
        return self.deployment

    # -- providers ----------------------------------------------------------------------
    def _provider(self, alias: str | None) -> Block | None:
        for block in self.module.providers:
            name = self.module.literal(block.attrs.get("alias")) if "alias" in block.attrs else None
            if name == alias:
                return block
        return None

    def _provider_region(self, block: Block) -> Setting:
        if "region" not in block.attrs:
            return Setting(UNKNOWN, block.loc(self.path))  # from AWS_REGION or the profile
        return self.module.setting(block.attrs["region"])

    def _default_region(self) -> Setting | None:
        block = self._provider(None)
        if block is None or "region" not in block.attrs:
            return None  # not written: the environment decides (config `region` may say)
        return self._provider_region(block)

    # -- functions ----------------------------------------------------------------------
    def _address(self, kind: str, name: str) -> str:
        return f"{kind}.{name}"

    def _lambda(self, name: str, block: Block) -> None:
        module = self.module
        attrs = block.attrs
        fn = Function(id=self._address("aws_lambda_function", name), kind="lambda", loc=block.loc(self.path))
        if "runtime" in attrs:
            fn.runtime = module.setting(attrs["runtime"])
        handler = module.literal(attrs.get("handler")) if "handler" in attrs else None
        fn.handler = handler if isinstance(handler, str) else None
        settings = fn.settings
        simple = {"memory_size": "memory", "timeout": "timeout", "layers": "layers",
                  "architectures": "architectures", "reserved_concurrent_executions": "reserved_concurrency",
                  "source_kms_key_arn": "kms_key"}
        for key, setting_name in simple.items():
            if key in attrs:
                setting = module.setting(attrs[key])
                if setting_name == "reserved_concurrency" and setting.value == -1:
                    continue  # -1: no reservation
                settings[setting_name] = setting
        for key, setting_name in (("environment", "environment"), ("vpc_config", "vpc"),
                                  ("dead_letter_config", "dead_letter"), ("tracing_config", "tracing"),
                                  ("ephemeral_storage", "ephemeral_storage"), ("file_system_config", "file_system")):
            nested = block.block(key)
            if nested is not None:
                settings[setting_name] = Setting(self._block_value(key, nested), nested.loc(self.path))
            elif block.dynamic(key) is not None:
                settings[setting_name] = Setting(UNKNOWN, block.dynamic(key).loc(self.path))
        if "package_type" in attrs:
            settings["package_type"] = module.setting(attrs["package_type"])
        elif "image_uri" in attrs:
            settings["package_type"] = Setting("Image", attrs["image_uri"].loc(self.path))
        fn.publish = self._publish(attrs, block, "unpublished")  # the provider's default is false
        self._lambda_code(fn, attrs)
        role = module.value(attrs.get("role")) if "role" in attrs else None
        ref = _resource_ref(role)
        if ref is not None and ref[0] == "aws_iam_role" and (ref[0], ref[1]) in self._own_resources():
            fn.role = ref[1]
        if "provider" in attrs:
            fn.region = self._function_region(attrs["provider"])
        self.deployment.functions[fn.id] = fn

    def _own_resources(self) -> set[tuple[str, str]]:
        return {(b.labels[0], b.labels[1]) for b in self.own.blocks if b.type == "resource" and len(b.labels) >= 2}

    def _function_region(self, attr: Attr) -> Setting:
        value = evaluate(attr.node)
        if isinstance(value, Ref) and len(value.parts) == 2 and value.parts[0] == "aws":
            block = self._provider(value.parts[1])
            if block is not None:
                return self._provider_region(block)
        elif isinstance(value, Ref) and value.parts == ("aws",):
            block = self._provider(None)
            if block is not None:
                return self._provider_region(block)
        return Setting(UNKNOWN, attr.loc(self.path))

    def _block_value(self, key: str, block: Block) -> Any:
        values = {name: self.module.literal(attr) for name, attr in block.attrs.items()}
        if key == "environment":
            variables = values.get("variables", {})
            return {"Variables": variables}
        if key == "tracing_config":
            return {"Mode": values.get("mode", "PassThrough")}
        if key == "ephemeral_storage":
            size = values.get("size", 512)
            return {"Size": size} if size is not UNKNOWN else UNKNOWN
        return values

    def _lambda_code(self, fn: Function, attrs: dict[str, Attr]) -> None:
        module = self.module
        if "filename" not in attrs:
            return
        value = module.value(attrs["filename"])
        archive = None
        if isinstance(value, Ref) and len(value.parts) >= 4 and value.parts[:2] == ("data", "archive_file"):
            archive = module.data.get(("archive_file", value.parts[2]))
            if archive is not None:
                output = module.literal(archive.attrs.get("output_path")) if "output_path" in archive.attrs else None
                if isinstance(output, str):
                    fn.code_zip = self._file(output)
        elif isinstance(value, str):
            fn.code_zip = self._file(value)
            archive = self._archive_for(fn.code_zip)
        if archive is not None:
            for key in ("source_dir", "source_file"):
                source = module.literal(archive.attrs.get(key)) if key in archive.attrs else None
                if isinstance(source, str):
                    fn.code_path = self._file(source)
                    break

    def _archive_for(self, zip_path: Path) -> Block | None:
        """The `data "archive_file"` whose output_path is this zip."""
        for (kind, _), block in self.module.data.items():
            if kind != "archive_file" or "output_path" not in block.attrs:
                continue
            output = self.module.literal(block.attrs["output_path"])
            if isinstance(output, str) and _same_path(self._file(output), zip_path):
                return block
        return None

    def _file(self, value: str) -> Path:
        path = Path(value)
        return path if path.is_absolute() else self.path.parent / path

    def _function_side_resources(self) -> None:
        """Provisioned concurrency and runtime management are separate resources in Terraform."""
        for (kind, _), block in self.module.resources.items():
            if kind not in ("aws_lambda_provisioned_concurrency_config", "aws_lambda_runtime_management_config"):
                continue
            target = _resource_ref(self.module.value(block.attrs.get("function_name")))
            if target is None or target[0] != "aws_lambda_function":
                continue
            fn = self.deployment.functions.get(self._address("aws_lambda_function", target[1]))
            if fn is None:
                continue
            if kind == "aws_lambda_provisioned_concurrency_config":
                attr = block.attrs.get("provisioned_concurrent_executions")
                fn.settings["provisioned_concurrency"] = (self.module.setting(attr) if attr is not None
                                                          else Setting(UNKNOWN, block.loc(self.path)))
            else:
                attr = block.attrs.get("update_runtime_on")
                fn.settings["runtime_management"] = (
                    self.module.setting(attr, lambda v: {"UpdateRuntimeOn": v}) if attr is not None
                    else Setting({"UpdateRuntimeOn": "Auto"}, block.loc(self.path)))

    def _cloudfront_function(self, name: str, block: Block) -> None:
        module = self.module
        attrs = block.attrs
        fn = Function(id=self._address("aws_cloudfront_function", name), kind="cloudfront-function",
                      loc=block.loc(self.path))
        if "runtime" in attrs:
            fn.runtime = module.setting(attrs["runtime"])
        fn.publish = self._publish(attrs, block, "published")  # the provider's default is true
        if "key_value_store_associations" in attrs:
            stores = module.value(attrs["key_value_store_associations"])
            fn.kvs_count = Setting(len(stores) if isinstance(stores, list) else UNKNOWN,
                                   attrs["key_value_store_associations"].loc(self.path))
        if "code" in attrs:
            self._cloudfront_code(fn, attrs["code"])
        self.deployment.functions[fn.id] = fn

    def _connection_function(self, name: str, block: Block) -> None:
        module = self.module
        attrs = block.attrs
        fn = Function(id=self._address("aws_cloudfront_connection_function", name), kind="connection-function",
                      loc=block.loc(self.path))
        config = block.block("connection_function_config")
        if config is not None:
            if "runtime" in config.attrs:
                fn.runtime = module.setting(config.attrs["runtime"])
            stores = config.all("key_value_store_association")
            if stores:
                fn.kvs_count = Setting(len(stores), stores[0].loc(self.path))
        fn.publish = self._publish(attrs, block, "unset")  # the provider's default is false
        if "connection_function_code" in attrs:
            self._cloudfront_code(fn, attrs["connection_function_code"])
        self.deployment.functions[fn.id] = fn

    def _publish(self, attrs: dict[str, Attr], block: Block, default: str) -> Setting:
        """The `publish` argument as "published"/"unpublished", or the resource's default when absent."""
        if "publish" in attrs:
            return self.module.setting(attrs["publish"], lambda v: "published" if v is True else (
                "unpublished" if v is False else UNKNOWN))
        return Setting(default, block.loc(self.path))

    def _cloudfront_code(self, fn: Function, attr: Attr) -> None:
        source = self.module.follow(attr)
        if source is None or source is _UNSET:
            return
        value = self.module.deref(evaluate(source.node), 0)
        if isinstance(value, Call) and value.name in ("file", "templatefile") and value.args:
            name = self.module.deref(value.args[0], 0)
            if isinstance(name, str):
                fn.code_path = self._file(name)
                fn.templated = value.name == "templatefile"
            return
        if source.file != self.path:
            return  # code written in another file: it is linted there, not here
        if isinstance(value, Heredoc):
            if not value.interpolated:
                fn.inline = InlineCode(value.text, first_line=value.first_line, indent=value.indent)
        elif isinstance(value, str) and "${" not in source.text.replace("$${", ""):
            # a one-line quoted string: every finding maps to the string's line
            fn.inline = InlineCode(value, first_line=source.node.meta.line, indent=source.node.meta.column,
                                   multiline=False)

    # -- modules ------------------------------------------------------------------------
    def _module_call(self, name: str, block: Block) -> None:
        """`module "x" { source = … }`: the registry's Lambda module declares a function itself
        (`lambda_at_edge = true` makes it Lambda@Edge); a local module's functions are read when an
        association names one of its outputs."""
        source = self.module.literal(block.attrs["source"])
        if not isinstance(source, str):
            return
        if source.split("//")[0].rstrip("/").endswith(_LAMBDA_MODULE):
            self._registry_lambda(name, block)

    def _registry_lambda(self, name: str, block: Block) -> None:
        module = self.module
        attrs = block.attrs
        fn = Function(id=f"module.{name}", kind="lambda", loc=block.loc(self.path))
        if "runtime" in attrs:
            fn.runtime = module.setting(attrs["runtime"])
        handler = module.literal(attrs.get("handler")) if "handler" in attrs else None
        fn.handler = handler if isinstance(handler, str) else None
        for key, setting_name in (("memory_size", "memory"), ("timeout", "timeout"), ("layers", "layers"),
                                  ("architectures", "architectures")):
            if key in attrs:
                fn.settings[setting_name] = module.setting(attrs[key])
        if "environment_variables" in attrs:
            fn.settings["environment"] = module.setting(attrs["environment_variables"],
                                                        lambda v: {"Variables": v} if isinstance(v, dict) else v)
        if "vpc_subnet_ids" in attrs:
            fn.settings["vpc"] = module.setting(attrs["vpc_subnet_ids"],
                                                lambda v: {"subnet_ids": v} if v else None)
        at_edge = module.literal(attrs.get("lambda_at_edge")) if "lambda_at_edge" in attrs else False
        fn.edge = at_edge is True
        fn.publish = self._publish(attrs, block, "unpublished")  # the module's default is false
        code = module.literal(attrs.get("source_path")) if "source_path" in attrs else None
        if isinstance(code, list) and code:
            code = code[0]
        if isinstance(code, dict):
            code = code.get("path")
        if isinstance(code, str):
            fn.code_path = self._file(code)
        # The module makes the role: it trusts edgelambda too when lambda_at_edge is set.
        role_id = f"module.{name}.role"
        principals = {"lambda.amazonaws.com", "edgelambda.amazonaws.com"} if fn.edge else {"lambda.amazonaws.com"}
        if "create_role" in attrs and module.literal(attrs["create_role"]) is False:
            principals = None
        self.deployment.roles[role_id] = Role(role_id, block.loc(self.path), principals)
        fn.role = role_id
        self.deployment.functions[fn.id] = fn

    def _module_output(self, module_name: str, output: str) -> tuple[str, str | None, str | None]:
        """What `module.NAME.OUTPUT` is, as an association's ARN: the registry Lambda module's
        outputs, or a local module's output that names one of its functions."""
        registry = self.deployment.functions.get(f"module.{module_name}")
        if registry is not None:
            if output == "lambda_function_qualified_arn":
                return ("version" if registry.publish is not None and registry.publish.value == "published"
                        else "unknown"), registry.id, None
            if output == "lambda_function_arn":
                return "unqualified", registry.id, None
            return "unknown", registry.id, None
        call = self.module.modules.get(module_name)
        if call is None:
            return "unknown", None, None
        source = self.module.literal(call.attrs.get("source")) if "source" in call.attrs else None
        if not isinstance(source, str) or not source.startswith((".", "/")):
            return "unknown", None, None
        folder = self._file(source)
        for file in sorted(folder.glob("*.tf")) if folder.is_dir() else []:
            loaded = _read_sibling(file)
            if loaded is None:
                continue
            for block in loaded.blocks:
                if block.type == "output" and block.labels[:1] == [output] and "value" in block.attrs:
                    return self._local_module_function(module_name, folder, evaluate(block.attrs["value"].node))
        return "unknown", None, None

    def _local_module_function(self, module_name: str, folder: Path, value: Any) -> tuple[str, str | None, str | None]:
        if isinstance(value, Template) and len(value.parts) == 1:
            value = value.parts[0]
        ref = _resource_ref(value)
        if ref is None or ref[0] != "aws_lambda_function":
            return "unknown", None, None
        fn_id = f"module.{module_name}.aws_lambda_function.{ref[1]}"
        if fn_id not in self.deployment.functions:
            for file in sorted(folder.glob("*.tf")):
                try:
                    inner = TerraformReader(file, file.read_text("utf-8")).read()
                except (OSError, UnicodeDecodeError, DeployParseError, RecursionError):
                    continue
                fn = inner.functions.get(f"aws_lambda_function.{ref[1]}")
                if fn is not None:
                    fn.id, fn.foreign = fn_id, True
                    self.deployment.functions[fn_id] = fn
                    role = inner.roles.get(fn.role) if fn.role else None
                    if role is not None:
                        self.deployment.roles.setdefault(fn.role, role)
                    break
        fn = self.deployment.functions.get(fn_id)
        if fn is None:
            return "unknown", None, None
        published = fn.publish is not None and fn.publish.value == "published"
        if ref[2] == "qualified_arn":
            return ("version" if published else "latest" if fn.publish and fn.publish.value == "unpublished"
                    else "unknown"), fn_id, None
        if ref[2] == "arn":
            return "unqualified", fn_id, None
        return "unknown", fn_id, None

    # -- roles --------------------------------------------------------------------------
    def _role(self, name: str, block: Block) -> None:
        attr = block.attrs.get("assume_role_policy")
        loc = attr.loc(self.path) if attr is not None else block.loc(self.path)
        principals = self._trust(attr) if attr is not None else None
        self.deployment.roles[name] = Role(name, loc, principals)

    def _trust(self, attr: Attr) -> set[str] | None:
        from edgelint.deploy.cloudformation import _principals

        value = self.module.value(attr)
        document: Any = None
        if isinstance(value, Call) and value.name == "jsonencode" and len(value.args) == 1:
            document = _literal(self.module.deref(value.args[0], 0))
        elif isinstance(value, Call) and value.name == "file" and len(value.args) == 1:
            name = self.module.deref(value.args[0], 0)
            if isinstance(name, str):
                from edgelint.deploy.files import Refused, read_text
                from edgelint.engine import project_root

                try:  # file("/dev/zero") in a pull request must not read without end
                    document = json.loads(read_text(self._file(name), project_root(self.path)))
                except (Refused, ValueError, RecursionError):
                    return None
        elif isinstance(value, (str, Heredoc)):
            text = value.text if isinstance(value, Heredoc) else value
            if isinstance(value, Heredoc) and value.interpolated:
                return None
            try:
                document = json.loads(text)
            except (ValueError, RecursionError):
                return None
        elif isinstance(value, Ref) and len(value.parts) == 4 and value.parts[3] == "json" \
                and value.parts[:2] == ("data", "aws_iam_policy_document"):
            return self._policy_document(value.parts[2])
        if not isinstance(document, dict):
            return None
        statements = document.get("Statement")
        for statement in statements if isinstance(statements, list) else [statements]:
            if isinstance(statement, dict) and (_contains_unknown(statement.get("Effect"))
                                                or _contains_unknown(statement.get("Principal"))):
                return None
        return _principals(document)

    def _policy_document(self, name: str) -> set[str] | None:
        block = self.module.data.get(("aws_iam_policy_document", name))
        if block is None or any(key in block.attrs for key in ("source_json", "override_json",
                                                               "source_policy_documents",
                                                               "override_policy_documents")):
            return None
        if any(b.type == "dynamic" for b in block.blocks):
            return None
        found: set[str] = set()
        for statement in block.all("statement"):
            effect = self.module.literal(statement.attrs["effect"]) if "effect" in statement.attrs else "Allow"
            if effect is UNKNOWN or any(b.type == "dynamic" for b in statement.blocks):
                return None
            if effect != "Allow":
                continue
            for principals in statement.all("principals"):
                kind = self.module.literal(principals.attrs.get("type")) if "type" in principals.attrs else UNKNOWN
                identifiers = self.module.literal(principals.attrs.get("identifiers")) \
                    if "identifiers" in principals.attrs else UNKNOWN
                if kind is UNKNOWN:
                    return None
                if kind != "Service":
                    continue
                if not isinstance(identifiers, list) or any(not isinstance(i, str) for i in identifiers):
                    return None
                found.update(identifiers)
        return found

    # -- associations -------------------------------------------------------------------
    def _distribution(self, name: str, block: Block) -> None:
        behaviors: list[tuple[str, Block]] = []
        default = block.block("default_cache_behavior")
        if default is not None:
            behaviors.append(("default", default))
        for ordered in block.all("ordered_cache_behavior"):
            pattern = self.module.literal(ordered.attrs.get("path_pattern")) if "path_pattern" in ordered.attrs \
                else UNKNOWN
            behaviors.append((pattern if isinstance(pattern, str) else "?", ordered))
        self._mtls(name, block, behaviors)
        for behavior_name, behavior in behaviors:
            for item in behavior.all("lambda_function_association") + self._expand("lambda_function_association", behavior):
                self.deployment.associations.append(self._lambda_association(name, behavior_name, item))
            for item in behavior.all("function_association") + self._expand("function_association", behavior):
                self.deployment.associations.append(self._function_association(name, behavior_name, item))

    def _mtls(self, name: str, block: Block, behaviors: list[tuple[str, Block]]) -> None:
        """The distribution's viewer mTLS settings and its Connection Function association."""
        module = self.module
        dist = Distribution(self._address("aws_cloudfront_distribution", name), block.loc(self.path))
        mtls = block.block("viewer_mtls_config")
        if mtls is not None:
            dist.mtls = Setting(True, mtls.loc(self.path))
            if "mode" in mtls.attrs:
                dist.mtls_mode = module.setting(mtls.attrs["mode"])
            store = mtls.block("trust_store_config")
            if store is not None:
                dist.trust_store = (module.setting(store.attrs["trust_store_id"]) if "trust_store_id" in store.attrs
                                    else Setting(UNKNOWN, store.loc(self.path)))
        elif block.dynamic("viewer_mtls_config") is not None:
            dist.mtls = Setting(UNKNOWN, block.loc(self.path))
        if "http_version" in block.attrs:
            dist.http_version = module.setting(block.attrs["http_version"])
        for behavior_name, behavior in behaviors:
            if "viewer_protocol_policy" in behavior.attrs:
                dist.viewer_protocols.append((behavior_name, module.setting(behavior.attrs["viewer_protocol_policy"])))
        self.deployment.distributions[dist.id] = dist
        item = block.block("connection_function_association")
        if item is None:
            return
        ref_attr = item.attrs.get("id")
        loc = ref_attr.loc(self.path) if ref_attr is not None else item.loc(self.path)
        assoc = Association(dist.id, "distribution", Setting("connection-request", item.loc(self.path)),
                            "connection-function", loc, qualifier="version")
        if ref_attr is not None:
            assoc.arn_text = ref_attr.text
            ref = _resource_ref(module.value(ref_attr))
            if ref is not None and ref[0] == "aws_cloudfront_connection_function":
                assoc.function_id = self._address(ref[0], ref[1])
        self.deployment.associations.append(assoc)

    def _expand(self, name: str, behavior: Block) -> list[Block]:
        """`dynamic "name" { for_each = [...]; content { ... } }`: one block per element of a
        literal `for_each` (a list, or a map's values), with `<iterator>.value.key` filled in;
        one block with what cannot be known left unknown otherwise."""
        out: list[Block] = []
        for dyn in behavior.blocks:
            if dyn.type != "dynamic" or dyn.labels[:1] != [name]:
                continue
            content = dyn.block("content")
            if content is None:
                continue
            iterator = self.module.literal(dyn.attrs["iterator"]) if "iterator" in dyn.attrs else name
            elements = self.module.value(dyn.attrs["for_each"]) if "for_each" in dyn.attrs else UNKNOWN
            if isinstance(elements, dict):
                elements = list(elements.values())
            if not isinstance(elements, list):
                out.append(content)
                continue
            for element in elements:
                out.append(_Filled(content, iterator if isinstance(iterator, str) else name, element))
        return out

    def _event(self, item: Block) -> Setting:
        if isinstance(item, _Filled):
            value = item.value("event_type", self.module)
            return Setting(value if isinstance(value, str) else UNKNOWN, item.loc(self.path))
        if "event_type" in item.attrs:
            return self.module.setting(item.attrs["event_type"])
        return Setting(UNKNOWN, item.loc(self.path))

    def _lambda_association(self, distribution: str, behavior: str, item: Block) -> Association:
        arn = item.attrs.get("lambda_arn")
        loc = arn.loc(self.path) if arn is not None else item.loc(self.path)
        assoc = Association(distribution, behavior, self._event(item), "lambda", loc)
        if isinstance(item, _Filled):
            body = item.value("include_body", self.module)
            if isinstance(body, bool):
                assoc.include_body = Setting(body, loc)
            value = item.value("lambda_arn", self.module)
            assoc.arn_text = item.text("lambda_arn")
            assoc.qualifier, assoc.function_id, assoc.region = self._classify_value(value)
            return assoc
        if "include_body" in item.attrs:
            assoc.include_body = self.module.setting(item.attrs["include_body"],
                                                     lambda v: v if isinstance(v, bool) else UNKNOWN)
        if arn is not None:
            assoc.arn_text = arn.text
            assoc.qualifier, assoc.function_id, assoc.region = self._classify_lambda_arn(arn)
        return assoc

    def _function_association(self, distribution: str, behavior: str, item: Block) -> Association:
        arn = item.attrs.get("function_arn")
        loc = arn.loc(self.path) if arn is not None else item.loc(self.path)
        assoc = Association(distribution, behavior, self._event(item), "cloudfront-function", loc,
                            qualifier="version")
        if isinstance(item, _Filled):
            ref = _resource_ref(item.value("function_arn", self.module))
            if ref is not None and ref[0] == "aws_cloudfront_function":
                assoc.function_id = self._address(ref[0], ref[1])
            assoc.arn_text = item.text("function_arn")
            return assoc
        if arn is not None:
            assoc.arn_text = arn.text
            ref = _resource_ref(self.module.value(arn))
            if ref is not None and ref[0] == "aws_cloudfront_function":
                assoc.function_id = self._address(ref[0], ref[1])
        return assoc

    def _published(self, name: str) -> Any:
        """True / False / UNKNOWN: does aws_lambda_function.<name> (in any file of the module) publish?"""
        block = self.module.resources.get(("aws_lambda_function", name))
        if block is None:
            return UNKNOWN
        if "publish" not in block.attrs:
            return False
        value = self.module.literal(block.attrs["publish"])
        return value if isinstance(value, bool) else UNKNOWN

    def _function_of(self, name: str) -> str:
        return self._address("aws_lambda_function", name)

    def _classify_lambda_arn(self, attr: Attr) -> tuple[str, str | None, str | None]:
        """(qualifier kind, function id, region of a literal ARN)."""
        return self._classify_value(self.module.value(attr))

    def _classify_value(self, value: Any) -> tuple[str, str | None, str | None]:
        module_ref = _module_ref(value)
        if module_ref is not None:
            return self._module_output(*module_ref)
        ref = _resource_ref(value)
        if ref is not None:
            kind, name, attribute = ref
            if kind == "aws_lambda_function":
                if attribute == "arn":
                    return "unqualified", self._function_of(name), None
                if attribute == "qualified_arn":
                    return self._version_kind(name), self._function_of(name), None
                return "unknown", self._function_of(name), None
            if kind == "aws_lambda_alias" and attribute == "arn":
                return "alias", self._alias_function(name), None
            return "unknown", None, None
        if isinstance(value, Template) and len(value.parts) == 3 and value.parts[1] == ":":
            base = _resource_ref(value.parts[0])
            qualifier = value.parts[2]
            if base is not None and base[0] == "aws_lambda_function" and base[2] == "arn":
                fn_id = self._function_of(base[1])
                version = _resource_ref(qualifier)
                if version is not None and version[:2] == base[:2] and version[2] == "version":
                    return self._version_kind(base[1]), fn_id, None
                if isinstance(qualifier, int) or (isinstance(qualifier, str) and qualifier.isdigit()):
                    return "version", fn_id, None
                if qualifier == "$LATEST":
                    return "latest", fn_id, None
                if isinstance(qualifier, str):
                    return "alias", fn_id, None
                return "unknown", fn_id, None
        if isinstance(value, Template) and len(value.parts) == 2 and isinstance(value.parts[1], str) \
                and value.parts[1].startswith(":"):
            base = _resource_ref(value.parts[0])
            qualifier = value.parts[1][1:]
            if base is not None and base[0] == "aws_lambda_function" and base[2] == "arn" and qualifier:
                kind = "version" if qualifier.isdigit() else ("latest" if qualifier == "$LATEST" else "alias")
                return kind, self._function_of(base[1]), None
        if isinstance(value, str):
            kind, region = classify_literal_arn(value)
            return kind, None, region
        return "unknown", None, None

    def _version_kind(self, name: str) -> str:
        """`qualified_arn` / `:${...version}` name a version only when the function publishes;
        unpublished, they end in `$LATEST`."""
        published = self._published(name)
        if published is True:
            return "version"
        if published is False:
            return "latest"
        return "unknown"

    def _alias_function(self, name: str) -> str | None:
        block = self.module.resources.get(("aws_lambda_alias", name))
        if block is None or "function_name" not in block.attrs:
            return None
        ref = _resource_ref(self.module.value(block.attrs["function_name"]))
        if ref is not None and ref[0] == "aws_lambda_function":
            return self._function_of(ref[1])
        return None


def _same_path(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b


def read_terraform(path: Path, text: str) -> Deployment:
    return TerraformReader(path, text).read()


def iter_blocks(text: str, path: Path | None = None) -> Iterator[Block]:
    """Every top-level block of an HCL text (for tools and tests)."""
    file = path or Path("main.tf")
    yield from _located(parse_hcl(text), file, text)[1]


__all__ = ["Attr", "Block", "Call", "Heredoc", "Module", "Ref", "Template", "evaluate", "iter_blocks",
           "parse_hcl", "read_terraform"]
