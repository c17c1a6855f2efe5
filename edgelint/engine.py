"""Lint files: read, resolve the target, parse once, walk once with every enabled rule,
then apply suppressions, per-file ignores and severity overrides."""

from __future__ import annotations

import gc
import os
import re
import sys
import threading
from edgelint.records import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, TypeVar

from edgelint.config import (BUILTIN_EXCLUDES, Config, ConfigError, builtin_excluded, find_config, glob_match,
                             matches_any, parse_config)
from edgelint.model import CLOUDFRONT_FUNCTION, LAMBDA_EDGE, FileResult, Finding, Severity, Span, Target
from edgelint.rule import LazyRules, Rule, rule_index, selected_codes
from edgelint.suppress import Comment, apply_suppressions, parse_directives
from edgelint.targets import (CONNECTION_HANDLER, PRAGMA_RE, looks_like_connection_function, PY_RECORDS_CF_RE, apply_cli, export_targets, from_config, from_pragma,
                              heuristic_js, heuristic_py, heuristic_ts, infer_cloudfront_event,
                              infer_cloudfront_runtime, infer_event_from_name, looks_like_edge, parse_pragma,
                              strip_exports, typed_handler_family)
from edgelint.text import LineIndex, display_path, relative_posix

JS_EXTENSIONS = (".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx")
TS_EXTENSIONS = (".ts", ".mts", ".cts", ".tsx")
# TypeScript declaration files hold types only: nothing in them runs.
DECLARATION_SUFFIXES = (".d.ts", ".d.mts", ".d.cts")
PY_EXTENSIONS = (".py",)
# Far above any edge function (CloudFront Functions: 10 KB; a bundled Lambda@Edge handler: a
# megabyte or so). Larger files get a warning that they were not analysed: dense code lints at
# about 0.4 MB/s, and no single file may hold a run for more than a few seconds.
MAX_PARSE_BYTES = 2 * 1024 * 1024
# Python is parsed and walked by libcst in pure Python, about five times slower than JavaScript:
# a lower limit keeps any one file under a few seconds (Lambda@Edge Python handlers are kilobytes).
MAX_PY_PARSE_BYTES = 256 * 1024
# Python frames for deep nesting: the JS converter and libcst recurse once per level.
RECURSION_LIMIT = 60_000
STACK_BYTES = 512 * 1024 * 1024
NOT_CODE = "not a JavaScript or Python file"


def is_cdk_asset(folder: Path) -> bool:
    from edgelint.deploy.read import is_cdk_asset as check

    return check(folder)


def is_deployment_name(path: str) -> bool:
    from edgelint.deploy.read import is_candidate

    return is_candidate(Path(path))


def is_code_name(path: str) -> bool:
    """JS or Python by extension; a name without one (stdin, `-`) is read as JS. Anything else
    (a .yaml, .json, .tf named by pre-commit or on the command line) is not linted as code."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    return name.endswith(JS_EXTENSIONS + PY_EXTENSIONS) or "." not in name.lstrip(".")


@dataclass
class Settings:
    """What a run was asked to do. `config` is the config found from the current folder (or
    given with --config); with `discover`, a file under a folder with its own config uses that
    nearest config instead, as ruff does."""

    config: Config
    rules: Mapping[str, type[Rule]]  # LazyRules: a rule is imported when first asked for
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    cli_runtime: str | None = None
    cli_event: str | None = None
    force_exclude: bool = False
    cwd: Path = field(default_factory=Path.cwd)
    discover: bool = False
    # --exclude (replaces the config's exclude), --extend-exclude, --no-respect-gitignore.
    exclude: list[str] | None = None
    extend_exclude: list[str] = field(default_factory=list)
    respect_gitignore: bool | None = None
    # Targets the project's deployment files give code files (resolved path → one target per
    # handler the deployments name in it).
    links: dict[str, list[Target]] = field(default_factory=dict)
    _configs: dict[Path, Config | None] = field(default_factory=dict, repr=False)
    _enabled: dict[int, set[str]] = field(default_factory=dict, repr=False)

    @property
    def enabled(self) -> set[str]:
        return self.enabled_in(self.config)

    def enabled_in(self, config: Config) -> set[str]:
        """Rule codes a config enables, with the command line's selection applied on top."""
        cached = self._enabled.get(id(config))
        if cached is None:
            codes = list(self.rules)
            if self.select is not None:
                cached = selected_codes(codes, self.select, self.ignore, self.extend_select)
            else:
                cached = selected_codes(codes, config.select, config.ignore, config.extend_select)
                cached -= {c for c in codes if any(c.startswith(p) for p in self.ignore)}
                cached |= {c for c in codes if any(p == "ALL" or c.startswith(p) for p in self.extend_select)}
            self._enabled[id(config)] = cached
        return cached

    def config_for(self, path: Path, resolved: Path | None = None) -> Config:
        """The nearest config above `path`, or the run's config."""
        if not self.discover:
            return self.config
        folder = (resolved or path.resolve()).parent
        known = self._configs.get(folder, _UNKNOWN)
        if known is not _UNKNOWN:  # the common case: a folder seen before
            return known or self.config
        chain = []
        found: Config | None = None
        for candidate in (folder, *folder.parents):
            if candidate in self._configs:
                found = self._configs[candidate]
                break
            chain.append(candidate)
            located = find_config(candidate, parents=False)
            if located is not None:
                found = parse_config(located[1], located[0], list(self.rules))
                break
        for candidate in chain:
            self._configs[candidate] = found
        return found or self.config


_UNKNOWN: Any = object()


def build_settings(config: Config, *, select: list[str] | None = None, ignore: list[str] = (),
                   extend_select: list[str] = (), cli_runtime: str | None = None,
                   cli_event: str | None = None, force_exclude: bool = False,
                   cwd: Path | None = None, discover: bool = False, exclude: list[str] | None = None,
                   extend_exclude: list[str] = (), respect_gitignore: bool | None = None) -> Settings:
    rules = LazyRules()
    codes = list(rules)
    for selector in [*(select or []), *ignore, *extend_select]:
        if selector != "ALL" and not any(c.startswith(selector) for c in codes):
            raise ConfigError(f"unknown rule code {selector!r} on the command line")
    return Settings(config=config, rules=rules, select=select, ignore=list(ignore),
                    extend_select=list(extend_select), cli_runtime=cli_runtime, cli_event=cli_event,
                    force_exclude=force_exclude, cwd=cwd or Path.cwd(), discover=discover,
                    exclude=list(exclude) if exclude is not None else None, extend_exclude=list(extend_exclude),
                    respect_gitignore=respect_gitignore)


# -- deep recursion ---------------------------------------------------------------

T = TypeVar("T")
_deep = threading.local()


def with_deep_stack(fn: Callable[[], T]) -> T:
    """Run `fn` on a thread with a large stack: tree conversion recurses once per nesting level."""
    if getattr(_deep, "active", False):
        return fn()
    result: list[Any] = []
    error: list[BaseException] = []

    def run() -> None:
        _deep.active = True
        try:
            result.append(fn())
        except BaseException as exc:  # re-raised on the caller's thread
            error.append(exc)

    sys.setrecursionlimit(max(sys.getrecursionlimit(), RECURSION_LIMIT))
    previous = threading.stack_size()
    threading.stack_size(STACK_BYTES)
    try:
        thread = threading.Thread(target=run, name="edgelint")
        thread.start()
    finally:
        threading.stack_size(previous)
    thread.join()
    if error:
        raise error[0]
    return result[0]


# -- per file --------------------------------------------------------------------

def _relpath(path: Path, root: Path, resolved: Path | None = None) -> str:
    inside = relative_posix(resolved or path.resolve(), root)
    return inside if inside is not None else path.as_posix()


def _takes_facts(cls: type[Rule]) -> bool:
    from edgelint.edge.model import FACT_METHODS

    cached = cls.__dict__.get("_edgelint_takes_facts")
    if cached is None:
        cached = any(callable(getattr(cls, name, None)) for name in FACT_METHODS)
        setattr(cls, "_edgelint_takes_facts", cached)
    return cached


def _handlers(cls: type[Rule]) -> list[tuple[str, bool, str]]:
    """The ESTree node visitors of a rule class: (node type, on exit, method name)."""
    from edgelint.edge.model import FACT_METHODS

    cached = cls.__dict__.get("_edgelint_handlers")
    if cached is None:
        cached = []
        for attr in dir(cls):
            if attr.startswith("on_") and attr != "on_source" and attr not in FACT_METHODS:
                node_type = attr[3:]
                is_exit = node_type.endswith("_exit")
                cached.append((node_type[:-5] if is_exit else node_type, is_exit, attr))
        setattr(cls, "_edgelint_handlers", cached)
    return cached


class Linter:
    """Lints one source text at a time, for files under one config."""

    def __init__(self, settings: Settings, config: Config | None = None) -> None:
        self.settings = settings
        self.config = config or settings.config
        self.known_codes = list(settings.rules)
        self.deployments: dict[str, Any] = {}
        self._manifests: dict[Path, dict] = {}
        # Findings about the file's bytes (EL004), joined to the next result's findings.
        self._carry: list[Finding] = []
        # The rule objects of the last walk (their state outlives the findings).
        self.rule_instances: list[Any] = []

    def read_deployment_cached(self, file: Path, text: str) -> Any:
        """Read a deployment file once per run (links and DP rules share the result)."""
        from edgelint.deploy.read import cdk_manifest_regions, read_deployment

        key = str(file.resolve())
        if key not in self.deployments:
            folder = file.resolve().parent
            regions = self._manifests.get(folder)
            if regions is None:
                manifest = folder / "manifest.json"
                regions = self._manifests[folder] = cdk_manifest_regions(manifest) if manifest.is_file() else {}
            self.deployments[key] = read_deployment(file, text, regions)
        return self.deployments[key]

    # Which codes a file gets after per-file-ignores.
    def enabled_for(self, relpath: str) -> set[str]:
        enabled = self.settings.enabled_in(self.config)
        for pattern, codes in self.config.per_file_ignores.items():
            if glob_match(pattern, relpath):
                enabled = {c for c in enabled if not any(p == "ALL" or c.startswith(p) for p in codes)}
        return enabled

    def rule_finding(self, code: str, path: str, span: Span, message: str,
                     target: Target | None) -> Finding:
        rule = self.settings.rules[code]
        return Finding(code=code, name=rule.name, severity=rule.severity, message=message,
                       help=rule.help, path=path, span=span, target=target)

    def lint_bytes_contained(self, data: bytes, path: str, relpath: str, explicit: bool) -> FileResult:
        """lint_bytes, where a bug in edgelint becomes an EL003 finding on this file (as ruff
        turns a panic into a diagnostic) instead of ending the run."""
        try:
            return self.lint_bytes(data, path, relpath, explicit)
        except ConfigError:
            raise
        except (Exception, RecursionError) as exc:
            if os.environ.get("EDGELINT_DEBUG"):
                raise
            return internal_error_result(self, exc, path, relpath)

    def lint_bytes(self, data: bytes, path: str, relpath: str, explicit: bool) -> FileResult:
        if is_deployment_name(relpath):
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                return FileResult(path, None, [], skipped_reason="not UTF-8 text")
            return self.lint_text(text, path, relpath, explicit, byte_size=len(data))
        if not is_code_name(relpath):
            return FileResult(path, None, [], skipped_reason=NOT_CODE)
        if b"\0" in data[:8192]:
            if explicit:
                return self._file_error(path, relpath, "binary file (contains NUL bytes); not JavaScript source")
            return FileResult(path, None, [], skipped_reason="binary file")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            commented = self._lint_with_bad_comment_bytes(data, path, relpath, explicit)
            if commented is not None:
                return commented
            text = data.decode("utf-8", "replace")
            if self._claimed(text, relpath):
                line = data[:exc.start].count(b"\n") + 1
                col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
                return self._file_error(
                    path, relpath, f"not valid UTF-8: byte 0x{data[exc.start]:02x} at line {line}, column {col}",
                    Span(line, col, line, col + 1))
            return FileResult(path, None, [], skipped_reason="not UTF-8 text")
        return self.lint_text(text, path, relpath, explicit, byte_size=len(data))

    def _lint_with_bad_comment_bytes(self, data: bytes, path: str, relpath: str,
                                     explicit: bool) -> FileResult | None:
        """A file whose bytes are UTF-8 except inside comments (a Latin-1 `©` or `é` in a header
        comment): AWS documents no rejection for that, and the runtime never reads comments, so
        it is linted — each bad byte read as U+FFFD, offsets unchanged — with an EL004 warning
        naming the first byte. None when a bad byte is outside a comment (EL001 then)."""
        escaped = data.decode("utf-8", "surrogateescape")
        if escaped.startswith("\ufeff"):
            escaped = escaped[1:]
        bad = [i for i, ch in enumerate(escaped) if "\udc80" <= ch <= "\udcff"]
        if not bad or len(escaped) > MAX_PARSE_BYTES:
            return None
        text = "".join("\ufffd" if "\udc80" <= ch <= "\udcff" else ch for ch in escaped)
        spans = comment_spans(text, relpath)
        if spans is None or not all(any(start <= i < end for start, end in spans) for i in bad):
            return None
        first = bad[0]
        byte = ord(escaped[first]) - 0xDC00
        lines = LineIndex(text, js=not relpath.endswith(PY_EXTENSIONS))
        more = f" (and {len(bad) - 1} more)" if len(bad) > 1 else ""
        self._carry = [self.rule_finding(
            "EL004", path, lines.span(first, first + 1),
            f"byte 0x{byte:02x} in a comment is not UTF-8{more}: CloudFront documents no rejection of it and the "
            "runtime never reads comments, but editors, diffs and the console show it garbled", None)]
        try:
            return self.lint_text(text, path, relpath, explicit, byte_size=len(data))
        finally:
            self._carry = []

    def _claimed(self, text: str, relpath: str) -> bool:
        """Whether a file that cannot be parsed is still edge code we should report on."""
        if self.settings.cli_runtime or from_config(self.config, relpath):
            return True
        head = text[:4096]
        if relpath.endswith(PY_EXTENSIONS):
            return bool(PRAGMA_RE.search(head)) or bool(PY_RECORDS_CF_RE.search(text))
        return bool(PRAGMA_RE.search(head)) or ("function handler" in text) or ("Records" in text and ".cf" in text)

    def _file_error(self, path: str, relpath: str, message: str, span: Span | None = None) -> FileResult:
        findings = []
        if "EL001" in self.enabled_for(relpath):
            findings.append(self.rule_finding("EL001", path, span or Span(1, 1, 1, 1), message, None))
        return FileResult(path, None, findings)

    def lint_text(self, text: str, path: str, relpath: str, explicit: bool,
                  byte_size: int | None = None) -> FileResult:
        # Linting a file allocates a tree and drops it whole: the cycle collector running in the
        # middle finds nothing to free (a 1 MB file: 0.8 s with it, 0.46 s without). It runs once,
        # after, on whatever the file left.
        paused = gc.isenabled()
        if paused:
            gc.disable()
        try:
            return self._lint_text(text, path, relpath, explicit, byte_size)
        finally:
            if paused:
                gc.enable()

    def _lint_text(self, text: str, path: str, relpath: str, explicit: bool,
                   byte_size: int | None) -> FileResult:
        if is_deployment_name(relpath):
            from edgelint.deploy.lint import lint_deployment

            return lint_deployment(self, text, path, relpath, explicit)
        if not is_code_name(relpath):
            return FileResult(path, None, [], skipped_reason=NOT_CODE)
        if relpath.endswith(PY_EXTENSIONS):
            return self._lint_py(text, path, relpath, explicit, byte_size)
        return self._lint_js(text, path, relpath, explicit, byte_size)

    # -- JavaScript -------------------------------------------------------------
    def _linked(self, relpath: str) -> list[Target]:
        """The targets the project's deployment files give this file (SPEC §1 step 4): one per
        handler they name in it."""
        if not self.settings.links:
            return []
        return self.settings.links.get(str((self.config.root / relpath).resolve()), [])

    def _configured(self, relpath: str, forced: Target | None) -> list[Target]:
        if forced is not None:
            return [forced]
        entry = from_config(self.config, relpath)
        if entry is not None:
            return [entry]
        return self._linked(relpath)

    def _lint_js(self, text: str, path: str, relpath: str, explicit: bool,
                 byte_size: int | None, forced: Target | None = None) -> FileResult:
        from edgelint.lang.js.context import JsContext, find_handler
        from edgelint.lang.js.parse import NestingTooDeep, dialect_of, parse_js

        settings = self.settings
        typescript = relpath.lower().endswith(TS_EXTENSIONS)
        configured = self._configured(relpath, forced)
        if not explicit and not configured and not looks_like_edge(text):
            return FileResult(path, None, [], skipped_reason="not edge code (no handler, no Records[0].cf)")
        lines = LineIndex(text, js=True)
        size = byte_size if byte_size is not None else len(text.encode("utf-8", "surrogatepass"))

        if size > MAX_PARSE_BYTES:
            if not self._claimed(text, relpath):
                return FileResult(path, None, [], skipped_reason="too large to be edge code")
            target = self._target_without_ast(text, relpath, path)
            findings = [replace(self.rule_finding(
                "EL001", path, Span(1, 1, 1, 1),
                f"not analysed: the file is {size / 1048576:.1f} MB, over edgelint's "
                f"{MAX_PARSE_BYTES // 1048576} MB parse limit", target), severity=Severity.WARNING)]
            if target is not None:
                ctx = JsContext(path, text, _empty_parse(), target, lines, size)
                for rule in self._rules_for(target, relpath):
                    if hasattr(rule, "on_source"):
                        rule(ctx).on_source()
                findings += ctx.findings
            return self._finish(findings, [], relpath, path, target, text)

        dialect = dialect_of(relpath)
        source = text
        if any(t.templated for t in configured):
            from edgelint.text import fill_placeholders

            # A template file: `${name}` is filled in at deploy time (same length: positions hold).
            source = fill_placeholders(text, escape="$")
        try:
            parsed = parse_js(source, dialect)
        except (NestingTooDeep, RecursionError) as exc:
            return self._unparsed(exc, text, path, relpath, lines, "js")

        comments = [_js_comment(c, lines) for c in parsed.comments]
        program = parsed.program
        first_code = program.body[0].range[0] if program.body else len(text)
        leading = [(c.text, c.span.line) for c, raw in zip(comments, parsed.comments) if raw.range[1] <= first_code]
        targets = list(configured)
        pragma = parse_pragma(leading, path) if forced is None else None
        if pragma is not None:
            targets = [from_pragma(pragma, "js", self.config)]
        handler = find_handler(program)
        connection_handler = find_handler(program, CONNECTION_HANDLER) if handler is None else None
        if connection_handler is not None and not looks_like_connection_function(text, connection_handler):
            connection_handler = None  # a Node.js socket server's `connectionHandler(connection)`
        if targets and all(t.tentative for t in targets) and not parsed.records_cf and (
                not typescript or typed_handler_family(text) is None):
            targets = []  # the role suggests Lambda@Edge; the code does not confirm it
        if not targets:
            has_exports = bool(parsed.commonjs_exports) or any(
                s.type.startswith("Export") for s in program.body)
            if typescript:
                # A CloudFront Function is JavaScript: a .ts file is one only when declared so.
                target = heuristic_ts(typed_handler_family(text), bool(parsed.records_cf))
            else:
                target = heuristic_js(handler is not None, has_exports, bool(parsed.records_cf), self.config,
                                      has_connection_handler=connection_handler is not None)
            if target is None and parsed.error is not None and self._claimed(text, relpath):
                target = self._target_without_ast(text, relpath, path)
            if target is None and not (explicit and settings.cli_runtime):
                if parsed.error is not None:
                    return FileResult(path, None, [], skipped_reason="does not parse and is not edge code")
                if typescript:
                    why = "no Records[0].cf, no CloudFront handler type"
                else:
                    why = ("has a top-level handler but exports it (a CloudFront Function has no exports)"
                           if handler is not None else "no top-level handler, no Records[0].cf")
                return FileResult(path, None, [], skipped_reason=f"not edge code ({why}; "
                                                                 "no pragma or config entry)")
            targets = [target] if target is not None else []
        if forced is None:
            targets = [apply_cli(t, settings.cli_runtime, settings.cli_event) for t in targets] or \
                [apply_cli(None, settings.cli_runtime, settings.cli_event)]
        targets = [t for t in targets if t is not None]
        if not targets:
            return FileResult(path, None, [], skipped_reason="not edge code")
        if len(targets) == 1 and forced is None:
            # Exports named after events (viewerRequest, originResponse) are handlers of their own.
            targets = export_targets(targets[0], program) or targets
        if forced is None and targets and all(t.kind == LAMBDA_EDGE and t.handler for t in targets):
            targets += self._unlinked_exports(targets, program)
        targets = [self._refine_js(t, parsed, handler, relpath) for t in targets]

        findings: list[Finding] = []
        if parsed.error is not None:
            findings.append(self._syntax_finding(parsed.error, path, lines, targets[0]))
        seen: set[tuple] = set()
        for index, target in enumerate(targets):
            if index:  # a fresh tree: the walk resolves aliases from this target's handler
                parsed = parse_js(source, dialect)
            if target.strip_exports:
                strip_exports(parsed.program)
            for finding in self._walk_js(text, path, relpath, parsed, target, lines, size):
                key = (finding.code, finding.span, finding.message)
                if key not in seen:
                    seen.add(key)
                    findings.append(finding)
        result = self._finish(findings, comments, relpath, path, targets[0], text)
        result.targets = targets if len(targets) > 1 else []
        return result

    @staticmethod
    def _unlinked_exports(linked: list[Target], program: Any) -> list[Target]:
        """Exports named after events that no deployment names, beside the ones it does
        (`app.originRequest` deployed, `app.viewerResponse` not yet): linted by heuristics, with
        the runtime of the module's deployment but none of its per-event settings."""
        named = {t.handler for t in linked}
        base = replace(linked[0], handler=None, event=None, family=None, memory=None, timeout=None,
                       include_body=None, reason="heuristic: not named by a deployment")
        return [t for t in export_targets(base, program) if t.handler not in named]

    def _refine_js(self, target: Target, parsed: Any, handler: Any, relpath: str) -> Target:
        """What the code and its file name say about a target the declarations leave open: the
        event (file and folder names, `event.response`/`cf.response` reads), the CloudFront
        Functions runtime (1.0-only features with no 2.0 one)."""
        if target.kind == CLOUDFRONT_FUNCTION and handler is not None and handler.params:
            first = handler.params[0]
            name = first.name if first.type == "Identifier" else None
            target = infer_cloudfront_event(target, name, parsed.member_roots)
        if (target.kind == LAMBDA_EDGE and target.event is None and target.family is None
                and parsed.reads_cf_response and not parsed.branches_on_event):
            target = replace(target, family="response",
                             reason=f"{target.reason}; response events: reads cf.response")
        target = infer_event_from_name(target, relpath)  # a name never overrides what the code reads
        if target.kind == CLOUDFRONT_FUNCTION and target.runtime_source == "default":
            target = infer_cloudfront_runtime(target, parsed)
        return target

    def _walk_js(self, text: str, path: str, relpath: str, parsed: Any, target: Target, lines: LineIndex,
                 size: int) -> list[Finding]:
        from edgelint.lang.js.context import JsContext

        ctx = JsContext(path, text, parsed, target, lines, size,
                        handler_names=(target.handler,) if target.handler else ("handler",))
        instances = [cls(ctx) for cls in self._rules_for(target, relpath)]
        self.rule_instances = instances  # `edgelint migrate` reads MG002's blockers from them
        enter: dict[str, list[Callable[[Any], None]]] = {}
        exit_: dict[str, list[Callable[[Any], None]]] = {}
        extractor = None
        fact_rules = [rule for rule in instances if _takes_facts(type(rule))]
        if fact_rules:
            from edgelint.edge.model import Sink
            from edgelint.lang.js.facts import JsFacts

            # The extractor sees each node before the rules do, so facts about a node arrive
            # before the rules' own visitors for it run.
            extractor = JsFacts(ctx, Sink(fact_rules))
            for node_type, method in extractor.handlers().items():
                is_exit = node_type.endswith("_exit")
                (exit_ if is_exit else enter).setdefault(node_type[:-5] if is_exit else node_type, []).append(method)
        for rule in instances:
            if hasattr(rule, "on_source"):
                rule.on_source()
            for node_type, is_exit, attr in _handlers(type(rule)):
                (exit_ if is_exit else enter).setdefault(node_type, []).append(getattr(rule, attr))
        ctx.walk(enter, exit_)
        if extractor is not None:
            extractor.finish()
            extractor.sink.end()
        return ctx.findings

    def _syntax_finding(self, error: Any, path: str, lines: LineIndex, target: Target | None) -> Finding:
        span = lines.span(error.start, max(error.end, error.start))
        if span.end_line != span.line:  # keep the mark on the line the error starts on
            line_end = lines.offset(span.line + 1, 1) if span.line < len(lines.starts) else len(lines.text)
            span = lines.span(error.start, max(error.start + 1, min(error.end, line_end - 1)))
        message = f"syntax error: {error.message} (line {span.line}, column {span.column})"
        return self.rule_finding("EL001", path, span, message, target)

    def _unparsed(self, exc: Exception, text: str, path: str, relpath: str, lines: LineIndex,
                  language: str) -> FileResult:
        """EL001 for a file that does not parse (a syntax error, or nesting too deep for the parser),
        when the file is edge code at all."""
        if not self._claimed(text, relpath):
            return FileResult(path, None, [], skipped_reason="does not parse and is not edge code")
        if isinstance(exc, RecursionError) or type(exc).__name__ == "NestingTooDeep":
            message, span = "not analysed: code is nested too deeply to parse", Span(1, 1, 1, 1)
        else:
            line, column = exc.line, exc.column  # type: ignore[attr-defined]
            message = f"syntax error: {exc.message} (line {line}, column {column})"  # type: ignore[attr-defined]
            offset = lines.offset(line, column)
            span = Span(line, column, line, column + 1, offset, offset + 1)
        target = self._target_without_ast(text, relpath, path, language)
        return self._finish([self.rule_finding("EL001", path, span, message, target)], [], relpath, path, target, text)

    def _target_without_ast(self, text: str, relpath: str, path: str, language: str = "js") -> Target | None:
        """For files that cannot be parsed: pragma (read as text), config, CLI."""
        target = from_config(self.config, relpath)
        head = [(line, i + 1) for i, line in enumerate(text[:4096].splitlines()[:20])]
        try:
            pragma = parse_pragma(head, path)
        except ConfigError:
            pragma = None
        if pragma is not None:
            target = from_pragma(pragma, language, self.config)
        elif target is None and language == "python" and PY_RECORDS_CF_RE.search(text):
            target = heuristic_py(True)
        elif target is None and language == "js" and relpath.lower().endswith(TS_EXTENSIONS):
            target = heuristic_ts(typed_handler_family(text), "Records" in text and ".cf" in text)
        elif target is None and language == "js" and "function handler" in text:
            target = heuristic_js(True, False, False, self.config)
        return apply_cli(target, self.settings.cli_runtime, self.settings.cli_event)

    # -- Python -------------------------------------------------------------------
    def _lint_py(self, text: str, path: str, relpath: str, explicit: bool,
                 byte_size: int | None, forced: Target | None = None) -> FileResult:
        from edgelint.lang.py.context import (DEFAULT_HANDLERS, PyContext, PySyntaxError, leading_comments,
                                             parse_python)

        settings = self.settings
        configured = self._configured(relpath, forced)
        if (not explicit and not configured and not settings.cli_runtime
                and "Records" not in text and "edgelint:" not in text):
            return FileResult(path, None, [], skipped_reason="not edge code (no Records[0].cf)")
        lines = LineIndex(text)
        size = byte_size if byte_size is not None else len(text.encode("utf-8", "surrogatepass"))
        if size > MAX_PY_PARSE_BYTES:
            if not self._claimed(text, relpath):
                return FileResult(path, None, [], skipped_reason="too large to be edge code")
            target = self._target_without_ast(text, relpath, path, "python")
            finding = replace(self.rule_finding("EL001", path, Span(1, 1, 1, 1), f"not analysed: the file is "
                                                f"{size / 1024:.0f} KB, over edgelint's {MAX_PY_PARSE_BYTES // 1024} "
                                                "KB parse limit for Python", target), severity=Severity.WARNING)
            return self._finish([finding], [], relpath, path, target, text)
        try:
            module = parse_python(text)
        except (PySyntaxError, RecursionError) as exc:
            return self._unparsed(exc, text, path, relpath, lines, "python")

        targets = list(configured)
        pragma = parse_pragma(leading_comments(module), path) if forced is None else None
        if pragma is not None:
            targets = [from_pragma(pragma, "python", self.config)]
        # A target the role only suggests is kept, like a heuristic one, if the walk finds the event.
        decided = any(not t.tentative for t in targets) or bool(explicit and settings.cli_runtime)
        if not targets:
            # Provisional: kept only if the walk finds `event["Records"][0]["cf"]`.
            targets = [heuristic_py(True)]
        if forced is None:
            targets = [apply_cli(t, settings.cli_runtime, settings.cli_event) for t in targets]
        if targets[0].kind != LAMBDA_EDGE:
            return FileResult(path, None, [], skipped_reason=f"{targets[0].runtime} is not a Python runtime")
        targets = [infer_event_from_name(t, relpath) for t in targets]
        findings: list[Finding] = []
        comments: list[Comment] = []
        seen: set[tuple] = set()
        for index, target in enumerate(targets):
            if index:
                module = parse_python(text)
            ctx = PyContext(path, text, module, target, lines, size,
                            handler_names=(target.handler,) if target.handler else DEFAULT_HANDLERS)
            instances = [cls(ctx) for cls in self._rules_for(target, relpath)]
            self.rule_instances = instances
            extractor = None
            fact_rules = [rule for rule in instances if _takes_facts(type(rule))]
            if fact_rules:
                from edgelint.edge.model import Sink
                from edgelint.lang.py.facts import PyFacts

                extractor = PyFacts(ctx, Sink(fact_rules))
            try:
                ctx.walk(instances, extractor)  # the extractor finishes at the end of the module
            except RecursionError:
                finding = self.rule_finding("EL001", path, Span(1, 1, 1, 1),
                                            "not analysed: code is nested too deeply to walk", target)
                return self._finish([finding], ctx.comments, relpath, path, target, text)
            if not decided and not ctx.records_cf:
                return FileResult(path, None, [], skipped_reason="not edge code (no Records[0].cf, "
                                                                 "no pragma or config entry)")
            if index == 0:
                comments = ctx.comments
            for finding in ctx.findings:
                key = (finding.code, finding.span, finding.message)
                if key not in seen:
                    seen.add(key)
                    findings.append(finding)
        result = self._finish(findings, comments, relpath, path, targets[0], text)
        result.targets = targets if len(targets) > 1 else []
        return result

    def _rules_for(self, target: Target, relpath: str) -> list[type[Rule]]:
        enabled = self.enabled_for(relpath)
        rules = self.settings.rules
        index = rule_index()
        wanted = set(enabled)
        for code in enabled:
            wanted.update(index[code].uses)
        # Chosen from the index: only the rules this target needs are imported.
        chosen = [rules[code] for code, info in index.items()
                  if code in wanted and not info.engine_rule
                  and target.kind in info.kinds and target.language in info.languages]
        # Rules that read other rules' findings run their exit handlers last.
        chosen.sort(key=lambda cls: bool(cls.uses))
        return chosen

    def lint_code(self, text: str, path: str, relpath: str, target: Target) -> FileResult:
        """Lint code found elsewhere (a deployment file's inline function) as `target`: the
        engine's entry point for the deployment linter. `relpath` names the language (.js/.py)."""
        if relpath.endswith(PY_EXTENSIONS):
            return self._lint_py(text, path, relpath, True, None, forced=target)
        return self._lint_js(text, path, relpath, True, None, forced=target)

    def finish(self, findings: list[Finding], comments: list[Comment], relpath: str, path: str,
               target: Target | None, text: str) -> FileResult:
        """Apply suppressions, per-file ignores and severity overrides; sort; attach the source."""
        return self._finish(findings, comments, relpath, path, target, text)

    def _finish(self, findings: list[Finding], comments: list[Comment], relpath: str, path: str,
                target: Target | None, text: str) -> FileResult:
        enabled = self.enabled_for(relpath)
        if self._carry:
            findings = [*self._carry, *findings]
            self._carry = []
        findings = [f for f in findings if f.code in enabled]
        directives = parse_directives(comments)
        findings = apply_suppressions(
            findings, directives, path=path, known_codes=self.known_codes, enabled_codes=enabled,
            el002=self.settings.rules["EL002"] if "EL002" in enabled else None)
        overrides = self.config.severity
        if overrides:
            findings = [_override(f, overrides) for f in findings]
        for finding in findings:
            finding.source = text
        findings.sort(key=Finding.sort_key)
        return FileResult(path, target, findings, source=text)


def _override(finding: Finding, overrides: dict[str, Severity]) -> Finding:
    best = max((p for p in overrides if finding.code.startswith(p)), key=len, default=None)
    return replace(finding, severity=overrides[best]) if best else finding


def _js_comment(raw: Any, lines: LineIndex) -> Comment:
    start, end = raw.range
    span = lines.span(start, end)
    line_start = lines.starts[span.line - 1]
    trailing = bool(lines.text[line_start:start].strip())
    return Comment(raw.value, span, trailing)


def _empty_parse() -> Any:
    from edgelint.lang.js.estree import CLASSES
    from edgelint.lang.js.parse import ParsedJs

    return ParsedJs(program=CLASSES["Program"](0, 0, [], "script"), comments=[], scopes={}, source_type="script")


# -- many files --------------------------------------------------------------------

Job = tuple[Path, bool, Path]  # (path as found, named explicitly, resolved path)


class GitIgnores:
    """`.gitignore` files of the repositories a run walks: each folder's file applies to the
    paths below it, as git reads them (patterns relative to the file's folder, `!` re-includes)."""

    def __init__(self) -> None:
        self._specs: dict[Path, Any] = {}
        self._roots: dict[Path, Path | None] = {}

    def _root(self, folder: Path) -> Path | None:
        if folder not in self._roots:
            root = None
            for candidate in (folder, *folder.parents):
                if candidate in self._roots:
                    root = self._roots[candidate]
                    break
                if (candidate / ".git").exists():
                    root = candidate
                    break
            self._roots[folder] = root
        return self._roots[folder]

    def _spec(self, folder: Path) -> Any:
        if folder not in self._specs:
            spec = None
            try:
                lines = (folder / ".gitignore").read_text("utf-8", "replace").splitlines()
            except OSError:
                lines = []
            lines = [line for line in lines if line.strip() and not line.startswith("#")]
            if lines:
                from edgelint.config import pattern_spec

                spec = pattern_spec(tuple(lines))
            self._specs[folder] = spec
        return self._specs[folder]

    def applies(self, folder: Path) -> bool:
        """Whether any .gitignore covers this folder (else its files need no check)."""
        root = self._root(folder)
        return root is not None and any(self._spec(f) is not None for f in _chain(root, folder))

    def ignored(self, real: Path, is_dir: bool) -> bool:
        root = self._root(real.parent)
        if root is None:
            return False
        for folder in _chain(root, real.parent):
            spec = self._spec(folder)
            if spec is not None:
                rel = real.relative_to(folder).as_posix()
                if spec.match_file(rel + "/" if is_dir else rel):
                    return True
        return False


def _chain(root: Path, folder: Path) -> list[Path]:
    """`root` and each folder below it down to `folder`."""
    try:
        parts = folder.relative_to(root).parts
    except ValueError:
        return []
    chain = [root]
    for part in parts:
        chain.append(chain[-1] / part)
    return chain


def iter_files(paths: list[str], settings: Settings, errors: list[str],
               skip_broken: bool = False, gitignore: bool = True) -> Iterator[Job]:
    """Yield (path, explicit, resolved path) for every file to lint; bad paths go to `errors`.

    A folder is resolved once and its files are resolved by joining (os.walk does not enter
    symlinked folders); only a file that is itself a link is resolved on its own. With
    `skip_broken` (a walk for links only), a folder whose config is broken is skipped, not an error.
    `gitignore`: leave out what the repository's .gitignore files ignore (when the config and the
    command line respect them); a walk for links reads ignored build output (cdk.out) too."""
    ignores = GitIgnores()

    def respects(nearest: Config) -> bool:
        wanted = settings.respect_gitignore if settings.respect_gitignore is not None else nearest.respect_gitignore
        return gitignore and wanted

    def patterns(nearest: Config) -> list[str]:
        base = settings.exclude if settings.exclude is not None else nearest.exclude
        return [*base, *nearest.extend_exclude, *settings.extend_exclude]

    def excluded(p: Path, real: Path, is_dir: bool = False) -> bool:
        if is_cdk_asset(p):
            return True
        try:
            nearest = settings.config_for(p, real)
        except ConfigError:
            if skip_broken:
                return True
            raise
        rel = _relpath(p, nearest.root, real)
        # Built-in excludes match any folder on the way (a named node_modules/x/a.js too).
        if builtin_excluded(rel) or matches_any(patterns(nearest), rel, is_dir):
            return True
        return respects(nearest) and ignores.ignored(real, is_dir)

    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            errors.append(f"{raw}: no such file or directory")
            continue
        real_root = path.resolve()
        if path.is_file():
            if settings.force_exclude and excluded(path, real_root):
                continue
            if real_root not in seen:
                seen.add(real_root)
                yield path, True, real_root
            continue
        for folder, dirs, files in os.walk(path):
            base = Path(folder)
            rel_folder = os.path.relpath(folder, path)
            real_base = real_root if rel_folder == "." else real_root / rel_folder
            dirs[:] = sorted(d for d in dirs if not excluded(base / d, real_base / d, True))
            try:  # the folder's config, once for all its files
                nearest = settings.config_for(real_base / "_", real_base / "_")
            except ConfigError:
                if skip_broken:
                    continue
                raise
            check_files = bool(patterns(nearest)) or (respects(nearest) and ignores.applies(real_base))
            for name in sorted(files):
                if not name.endswith(JS_EXTENSIONS + PY_EXTENSIONS) and not is_deployment_name(name):
                    continue
                if name.endswith(DECLARATION_SUFFIXES) or name in BUILTIN_EXCLUDES:
                    continue
                file = base / name
                real = real_base / name
                if os.path.islink(real):
                    real = real.resolve()
                if real in seen or (check_files or real.parent != real_base) and excluded(file, real):
                    continue
                seen.add(real)
                yield file, False, real


# Words a deployment file must contain to give a code file a target: anything else (an ordinary
# template, a workflow file) is not parsed when it is read only for links.
_LINK_HINTS = ("LambdaFunctionAssociation", "lambda_function_association", "FunctionAssociation",
               "function_association", "edgelambda", "CloudFront::Function", "aws_cloudfront_function",
               "ConnectionFunction", "aws_cloudfront_connection_function",
               "lambdaAtEdge", "preExistingCloudFront", "cloudFront", "lambda_at_edge", "EdgeFunction")


def project_root(path: Path) -> Path:
    """The project a path belongs to: the nearest folder above it with an edgelint config, else
    the root of its repository, else the working folder when the path is inside it (a checkout
    without .git, an unpacked archive), else its own folder."""
    start = path.resolve()
    folder = start if start.is_dir() else start.parent
    vcs: Path | None = None
    for candidate in (folder, *folder.parents):
        try:
            if find_config(candidate, parents=False) is not None:
                return candidate
        except ConfigError:
            return candidate  # a broken config still marks the project; linting reports it
        if vcs is None and any((candidate / marker).exists() for marker in (".git", ".hg", ".svn")):
            vcs = candidate
            break
    if vcs is not None:
        return vcs
    cwd = Path.cwd().resolve()
    if (cwd == folder or cwd in folder.parents) and any((cwd / m).exists() for m in _PROJECT_MARKERS):
        return cwd
    return folder


def _direct_files(folder: Path) -> list[Job]:
    try:
        return [(p, False, p.resolve()) for p in sorted(folder.iterdir()) if p.is_file()]
    except OSError:
        return []


def _is_project(root: Path) -> bool:
    """A root found by a config, a VCS folder or a marker file; else it is only the file's own
    folder, whose deployment files are read without descending into it."""
    return (any((root / name).is_file() for name in ("edgelint.toml", "pyproject.toml"))
            or any((root / m).exists() for m in (".git", ".hg", ".svn", *_PROJECT_MARKERS)))


# Files that make the working folder a project root when there is no VCS folder (an unpacked
# archive of a repository): a run from /tmp or a home folder does not walk everything below it.
_PROJECT_MARKERS = (".gitignore", "package.json", "pyproject.toml", "setup.py", "setup.cfg", "requirements.txt",
                    "cdk.json", "samconfig.toml", "serverless.yml", "serverless.yaml", "template.yaml",
                    "template.yml", "main.tf")


def project_deployments(paths: list[str], settings: Settings, skip: set[Path],
                        root: Path | None = None) -> list[Any]:
    """The deployments of the projects `paths` belong to, read once for their links: deployment
    files under each project root that the run does not lint itself (`skip`). A run that names
    one changed file (pre-commit) still gets the event, runtime and settings its template gives."""
    roots: set[Path] = set()
    walked = [Path(p).resolve() for p in paths if Path(p).is_dir()]
    for raw in paths:
        found = root or project_root(Path(raw))  # the language server knows its workspace
        if not any(found == w or w in found.parents for w in walked):  # not already walked whole
            roots.add(found)
    deployments = []
    for top in sorted(roots):
        mentions = _mentions(paths, top)
        walked_files = (iter_files([str(top)], settings, [], True, gitignore=False)
                        if root is not None or _is_project(top)
                        else _direct_files(top))
        candidates = [(path, resolved) for path, _, resolved in walked_files
                      if resolved not in skip and is_deployment_name(path.name)]
        kept = _mentioning(candidates, mentions) if mentions is not None else candidates
        for path, _ in kept:
            deployment = _read_for_links(path, settings)
            if deployment is not None:
                deployments.append(deployment)
        # Stacks that import what the kept ones export (`Fn::ImportValue`, SSM) hold their associations.
        exports = {name.removeprefix("ssm:") for d in deployments for name in d.exports}
        if mentions is not None and exports:
            chosen = {resolved for _, resolved in kept}
            for path, resolved in candidates:
                if resolved not in chosen and _file_contains(resolved, exports):
                    deployment = _read_for_links(path, settings)
                    if deployment is not None:
                        deployments.append(deployment)
    return deployments


def _file_contains(path: Path, words: set[str]) -> bool:
    try:
        text = path.read_bytes().decode("utf-8", "replace")
    except OSError:
        return False
    return any(word in text for word in words)


# Above this many names, filtering deployment files by them saves nothing: read them all.
_MAX_MENTIONS = 300


def _mentions(paths: list[str], root: Path) -> tuple[re.Pattern, list[Path]] | None:
    """How a deployment file can point at the named code files: by each file's stem (`index` of
    `Handler: index.handler`) or a folder between the root and it (`CodeUri: lambda/auth`);
    and the folders holding them. None when a folder is named (any file under it may be linted)."""
    names: set[str] = set()
    folders: list[Path] = []
    for raw in paths:
        path = Path(raw).resolve()
        if path.is_dir():
            return None
        try:
            parts = path.relative_to(root).parent.parts
        except ValueError:
            continue
        names.add(path.name.split(".", 1)[0])
        names.update(parts)
        folders.append(path.parent)
    names.discard("")
    if not names or len(names) > _MAX_MENTIONS:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])"), folders


# A path out of the deployment file's own folder: `../edge`, Terraform `path.root`/`abspath()`.
_OUTWARD_RE = re.compile(r"\.\.[/\\]|\bpath\.(?:root|cwd)\b|\babspath\(")


def _mentioning(candidates: list[tuple[Path, Path]],
                mentions: tuple[re.Pattern, list[Path]]) -> list[tuple[Path, Path]]:
    """The deployment files that may link the named code files: a file that names them from a
    folder above them, or from elsewhere through a `../` path; every Terraform file of a folder
    where one does (a module spreads over its files); cdk.out templates (they name assets, and
    the assets name the sources). In a monorepo, a one-file run then reads a few files, not all."""
    from edgelint.deploy.cdk import is_cdk_out

    names, folders = mentions
    kept: list[tuple[Path, Path]] = []
    tf_folders: set[Path] = set()
    pending_tf: list[tuple[Path, Path]] = []
    for path, resolved in candidates:
        if path.suffix == ".tf":
            pending_tf.append((path, resolved))
            if resolved.parent not in tf_folders and _may_link(resolved, names, folders):
                tf_folders.add(resolved.parent)
        elif is_cdk_out(path) or _may_link(resolved, names, folders):
            kept.append((path, resolved))
    kept += [(p, r) for p, r in pending_tf if r.parent in tf_folders]
    return kept


def _may_link(path: Path, names: re.Pattern, folders: list[Path]) -> bool:
    try:
        text = path.read_bytes().decode("utf-8", "replace")
    except OSError:
        return False
    if names.search(text) is None:
        return False
    home = path.parent
    return any(f == home or home in f.parents for f in folders) or _OUTWARD_RE.search(text) is not None


_LINK_LINTERS: dict[int, "Linter"] = {}


def _read_for_links(path: Path, settings: Settings) -> Any:
    from edgelint.deploy.read import sniff
    from edgelint.deploy.yaml_reader import DeployParseError

    try:
        text = path.read_bytes().decode("utf-8-sig")
        if not any(hint in text for hint in _LINK_HINTS) or not sniff(path, text):
            return None
        from edgelint.deploy.lint import too_large

        if too_large(path.name, text) is not None:
            return None  # linted on its own, it is reported as not analysed
        config = settings.config_for(path)
        linter = _LINK_LINTERS.get(id(config))
        if linter is None or linter.settings is not settings:
            linter = _LINK_LINTERS[id(config)] = Linter(settings, config)
        return linter.read_deployment_cached(path, text)
    except (OSError, UnicodeDecodeError, DeployParseError, ConfigError, RecursionError):
        return None
    except Exception:  # a reader bug on a file read only for links: it gets EL003 when linted itself
        if os.environ.get("EDGELINT_DEBUG"):
            raise
        return None


def deployment_links(paths: list[str], settings: Settings) -> dict[str, list[Target]]:
    """The targets deployment files under `paths` give code files, without running DP rules
    (for the language server, which lints one document at a time)."""
    from edgelint.deploy.linking import build_links

    deployments = []
    for path, _, _ in iter_files(paths, settings, [], gitignore=False):
        if is_deployment_name(path.name):
            deployment = _read_for_links(path, settings)
            if deployment is not None:
                deployments.append(deployment)
    return build_links(deployments)


def internal_error_message(exc: BaseException) -> str:
    detail = " ".join(str(exc).split())[:200]
    return f"edgelint failed on this file: {type(exc).__name__}{': ' + detail if detail else ''} (please report)"


def internal_error_result(linter: "Linter", exc: BaseException, path: str, relpath: str) -> FileResult:
    finding = linter.rule_finding("EL003", path, Span(1, 1, 1, 1), internal_error_message(exc), None)
    return FileResult(path, None, [finding] if "EL003" in linter.enabled_for(relpath) else [])


class _FileLinter:
    """Lints files one by one, with one Linter per config; errors go back as strings."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.linters: dict[int, Linter] = {}

    def __call__(self, job: Job) -> tuple[FileResult | None, str | None]:
        path, explicit, resolved = job
        settings = self.settings
        shown = display_path(path, settings.cwd, resolved)
        try:
            data = path.read_bytes()
        except OSError as exc:
            return None, f"{shown}: cannot read: {exc.strerror or exc}"
        try:
            config = settings.config_for(path, resolved)
            linter = self.linters.get(id(config))
            if linter is None:
                linter = self.linters[id(config)] = Linter(settings, config)
            return linter.lint_bytes_contained(data, shown, _relpath(path, config.root, resolved), explicit), None
        except ConfigError as exc:
            return None, str(exc)


# Below this many files, starting worker processes costs more than it saves.
PARALLEL_MIN_FILES = 64
# Files per task sent to a worker.
CHUNK_FILES = 16
_worker: _FileLinter | None = None


def _init_worker(settings: Settings) -> None:
    global _worker
    sys.setrecursionlimit(max(sys.getrecursionlimit(), RECURSION_LIMIT))
    _worker = _FileLinter(settings)


def _work(jobs: list[Job]) -> list[tuple[FileResult | None, str | None]]:
    """Lint a chunk of files in a worker, on one deep-stack thread for the whole chunk."""
    assert _worker is not None
    worker = _worker
    return with_deep_stack(lambda: [worker(job) for job in jobs])


def lint_paths(paths: list[str], settings: Settings, errors: list[str],
               jobs: int | None = None, on_files: Callable[[int], None] | None = None,
               cache: Any = None) -> Iterator[FileResult]:
    """Lint every file under `paths`, in order. Large runs use one process per core.

    Deployment files are linted first, in this process: what they declare gives the code files
    they reference their targets (event, runtime, memory, include-body) before those are linted.
    With a `cache` (edgelint.cache.ResultCache), an unchanged code file's result is reused."""
    files = list(iter_files(paths, settings, errors))
    if on_files is not None:
        on_files(len(files))
    deploy_results: dict[Path, FileResult] = {}
    deploy_files = [job for job in files if is_deployment_name(job[0].name)]
    if deploy_files:
        lint_deploy = _FileLinter(settings)
        for job in deploy_files:
            result, error = lint_deploy(job)
            if error is not None:
                errors.append(error)
            if result is not None:
                deploy_results[job[0]] = result
        deployments = [d for linter in lint_deploy.linters.values() for d in linter.deployments.values() if d]
        files = [job for job in files if job[0] not in deploy_results and not is_deployment_name(job[0].name)]
        yield from deploy_results.values()
    else:
        deployments = []
    if files:
        linted = {job[2] for job in deploy_files}
        deployments += project_deployments(paths, settings, linted)
        if deployments:
            from edgelint.deploy.linking import build_links

            settings.links = build_links(deployments)
    if cache is None:
        yield from _lint_jobs(files, settings, errors, jobs)
        return
    # Cached results where the inputs are unchanged; the others linted, then remembered.
    results: list[FileResult | None] = [None] * len(files)
    keys: dict[int, str] = {}
    for index, (path, explicit, resolved) in enumerate(files):
        key = _cache_key(cache, settings, path, explicit, resolved)
        if key is None:
            continue
        key, data = key
        hit = cache.get(key, display_path(path, settings.cwd, resolved), data)
        if hit is not None:
            results[index] = hit
        else:
            keys[index] = key
    missing = [index for index, result in enumerate(results) if result is None]
    linted_now = _lint_jobs([files[i] for i in missing], settings, errors, jobs, keep_none=True)
    for index, result in zip(missing, linted_now):
        results[index] = result
        if result is not None and index in keys:
            cache.put(keys[index], result)
    yield from (result for result in results if result is not None)


def _cache_key(cache: Any, settings: Settings, path: Path, explicit: bool, resolved: Path) -> tuple[str, bytes] | None:
    try:
        data = path.read_bytes()
        config = settings.config_for(path, resolved)
    except (OSError, ConfigError):
        return None  # linting the file reports the problem
    relpath = _relpath(path, config.root, resolved)
    links = settings.links.get(str((config.root / relpath).resolve()), []) if settings.links else []
    return cache.key(data, relpath, explicit, config, links), data


def _lint_jobs(files: list[Job], settings: Settings, errors: list[str], jobs: int | None,
               keep_none: bool = False) -> Iterator[FileResult | None]:
    """Lint code files, in order; in worker processes when there are many. With `keep_none`, a
    file that gave no result (an error) yields None, so results line up with `files`."""
    workers = min(jobs or os.cpu_count() or 1, max(1, len(files) // (PARALLEL_MIN_FILES // 2)))
    if workers > 1 and len(files) >= PARALLEL_MIN_FILES:
        from concurrent.futures import ProcessPoolExecutor

        _warm_up(settings, files)
        # Workers inherit the parent's objects; frozen, the garbage collector never walks them
        # (a walk would touch, and so copy, every inherited page in every worker).
        gc.freeze()
        try:
            with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(settings,)) as pool:
                chunks = [files[i:i + CHUNK_FILES] for i in range(0, len(files), CHUNK_FILES)]
                outcomes = (outcome for chunk in pool.map(_work, chunks) for outcome in chunk)
                yield from _collect(outcomes, errors, keep_none)
        finally:
            gc.unfreeze()
        return
    lint_one = _FileLinter(settings)
    yield from _collect(map(lint_one, files), errors, keep_none)


# Small functions of each kind, linted once before worker processes fork: every lazy import,
# grammar, fact table and per-rule cache is then loaded once and shared by all workers.
_WARM_UP = {
    ".js": "exports.handler = async (event) => event.Records[0].cf.request;\n"
           "function handler(event) { return event.request; }\n",
    ".ts": "export const handler = async (event: any) => event.Records[0].cf.request;\n",
    ".py": "def handler(event, context):\n    return event['Records'][0]['cf']['request']\n",
}


def _warm_up(settings: Settings, files: list[Job]) -> None:
    for code in settings.rules:  # every rule module, imported once before the workers fork
        settings.rules[code]
    suffixes = {job[0].suffix.lower() for job in files}
    linter = Linter(settings)
    for suffix, source in _WARM_UP.items():
        if suffix in suffixes or (suffix == ".ts" and suffixes & set(TS_EXTENSIONS)):
            try:
                linter.lint_text(source, f"warm-up{suffix}", f"warm-up{suffix}", True)
            except Exception:  # warming is an optimisation; a failure here must not stop the run
                pass


def _collect(outcomes: Iterator[tuple[FileResult | None, str | None]], errors: list[str],
             keep_none: bool = False) -> Iterator[FileResult | None]:
    for result, error in outcomes:
        if error is not None:
            errors.append(error)
        if result is not None:
            if not result.findings:
                result.source = None  # text is kept only where a report may show it
            yield result
        elif keep_none:
            yield None


def comment_spans(text: str, relpath: str) -> list[tuple[int, int]] | None:
    """(start, end) character offsets of every comment; None when the file cannot be tokenised."""
    if relpath.endswith(PY_EXTENSIONS):
        import io
        import tokenize

        lines = LineIndex(text)
        spans = []
        try:
            for token in tokenize.generate_tokens(io.StringIO(text).readline):
                if token.type == tokenize.COMMENT:
                    start = _py_offset(lines, token.start)
                    spans.append((start, start + len(token.string)))
        except (tokenize.TokenError, SyntaxError, IndentationError):
            return None
        return spans
    from edgelint.lang.js.parse import dialect_of, parse_js

    try:
        parsed = parse_js(text, dialect_of(relpath))
    except (RecursionError, Exception):
        return None
    return [(c.range[0], c.range[1]) for c in parsed.comments]


def _py_offset(lines: LineIndex, position: tuple[int, int]) -> int:
    """A tokenize (row, column) as a character offset: rows count from 1, columns from 0."""
    row, column = position
    return lines.starts[row - 1] + column


def lint_source(text: str, path: str = "<stdin>", settings: Settings | None = None,
                explicit: bool = True) -> FileResult:
    """Lint a source string (used by stdin, tests and editors)."""
    if settings is None:
        settings = build_settings(Config())
    config = settings.config_for(Path(path)) if path != "<stdin>" else settings.config
    linter = Linter(settings, config)
    relpath = _relpath(Path(path), config.root) if path != "<stdin>" else path

    def lint() -> FileResult:
        try:
            return linter.lint_text(text, path, relpath, explicit,
                                    byte_size=len(text.encode("utf-8", "surrogatepass")))
        except ConfigError:
            raise
        except (Exception, RecursionError) as exc:  # an editor keeps working: EL003 on this file
            if os.environ.get("EDGELINT_DEBUG"):
                raise
            return internal_error_result(linter, exc, path, relpath)

    return with_deep_stack(lint)
