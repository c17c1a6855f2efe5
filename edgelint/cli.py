"""Command line: `edgelint check` (the default command), `rules`, `rule CODE`."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from edgelint import __version__
from edgelint.config import ConfigError, check_event, check_pair, check_runtime, load_config
from edgelint.model import ALL_EVENTS, Finding, Severity
from edgelint.reporters import FORMATS

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
COMMANDS = ("check", "rules", "rule", "lsp", "migrate")


def _codes(values: list[str] | None) -> list[str]:
    return [c.strip() for v in values or () for c in v.split(",") if c.strip()]


def _echo(message: str, err: bool = False) -> None:
    print(message, file=sys.stderr if err else sys.stdout)


def _fail(message: str) -> None:
    _echo(f"edgelint: error: {message}", err=True)


def _non_negative(kind: type) -> Any:
    def parse(text: str) -> Any:
        value = kind(text)
        if value < 0:
            raise ValueError(text)
        return value
    parse.__name__ = f"non-negative {kind.__name__}"
    return parse


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="edgelint", description="Lint AWS edge code: CloudFront Functions and "
                                     "Lambda@Edge. `edgelint PATH` is `edgelint check PATH`.")
    parser.add_argument("-V", "--version", action="version", version=f"edgelint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", help="Lint files and folders (default: the current folder). "
                                "'-' reads standard input.")
    check.add_argument("paths", nargs="*", metavar="PATH")
    check.add_argument("--runtime", help="Force the runtime of every code file (cloudfront-js-2.0, nodejs22.x, …).")
    check.add_argument("--event", choices=ALL_EVENTS, help="Force the trigger event of every code file "
                       "(connection-request: a CloudFront Connection Function).")
    check.add_argument("--select", action="append", help="Rule codes or prefixes to enable (replaces the config).")
    check.add_argument("--ignore", action="append", help="Rule codes or prefixes to disable.")
    check.add_argument("--extend-select", action="append",
                       help="Rule codes or prefixes to enable on top of the selection.")
    check.add_argument("--output-format", choices=FORMATS,
                       help="Output format (default: full on a terminal, concise otherwise).")
    check.add_argument("-o", "--output-file", type=Path, help="Write the report to FILE instead of standard output.")
    check.add_argument("--exit-zero", action="store_true", help="Exit 0 even when there are findings.")
    check.add_argument("--max-warnings", type=_non_negative(int), help="Fail when there are more warnings than N.")
    check.add_argument("--config", dest="config_file", type=Path, help="Use this config file.")
    check.add_argument("--statistics", action="store_true",
                       help="Print only the number of findings per rule (JSON with --output-format json).")
    check.add_argument("-q", "--quiet", action="store_true",
                       help="Print the findings and nothing else (no summary, no hints, no warnings).")
    check.add_argument("--show-fixes", action="store_true",
                       help="List the fixes: those --fix applied, or those available.")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                       help="Colour the text output (auto: on a terminal, unless NO_COLOR is set).")
    check.add_argument("--exclude", action="append", metavar="PATTERN",
                       help="Paths to leave out, gitignore-style (replaces the config's exclude).")
    check.add_argument("--extend-exclude", action="append", metavar="PATTERN",
                       help="Paths to leave out on top of the config's exclude.")
    check.add_argument("--no-respect-gitignore", dest="respect_gitignore", action="store_false", default=None,
                       help="Lint files that .gitignore ignores too.")
    check.add_argument("--show-targets", action="store_true",
                       help="Print each file's resolved target and why, then exit.")
    check.add_argument("--stdin-filename", help="The file name to use for source read from '-' (standard input).")
    check.add_argument("--force-exclude", action="store_true",
                       help="Apply the config's exclude even to paths named on the command line.")
    check.add_argument("--fix", action="store_true", help="Apply safe fixes and write the files; report what remains.")
    check.add_argument("--unsafe-fixes", action="store_true",
                       help="With --fix/--diff, also apply fixes that may change behaviour.")
    check.add_argument("--diff", action="store_true",
                       help="Print a diff of what --fix would change; write nothing (exit 1 if any).")
    check.add_argument("--no-cache", action="store_true", help="Lint every file; neither read nor write the cache.")
    check.add_argument("--cache-dir", type=Path, help="Where the result cache lives (default: .edgelint_cache at "
                       "the project root; also EDGELINT_CACHE_DIR).")

    rules = commands.add_parser("rules", help="List every rule: code, name, severity, kinds, summary.")
    rules.add_argument("--output-format", choices=("text", "json"), default="text")
    rule = commands.add_parser("rule", help="Show a rule's documentation, examples and AWS references.")
    rule.add_argument("code")
    migrate = commands.add_parser("migrate", help="Move a function to the other type: Lambda@Edge (JavaScript or "
                                  "Python) to a CloudFront Function, or back. Prints the result; refuses, with each "
                                  "blocker's line, what it cannot carry over.")
    migrate.add_argument("path", metavar="PATH")
    migrate.add_argument("--to", required=True, choices=("cloudfront-function", "lambda-edge"))
    migrate.add_argument("--runtime", help="Runtime of the result (default: cloudfront-js-2.0, or the newest "
                         "Node.js runtime confirmed for Lambda@Edge).")
    migrate.add_argument("--event", choices=("viewer-request", "viewer-response", "origin-request", "origin-response"),
                         help="The function's event, when no deployment file or pragma gives it.")
    out = migrate.add_mutually_exclusive_group()
    out.add_argument("--diff", action="store_true", help="Print a unified diff instead of the new code.")
    out.add_argument("--write", action="store_true", help="Replace the file (a Python original gets a .js beside it).")
    out.add_argument("-o", "--output", type=Path, help="Write the result to this file.")
    migrate.add_argument("--update-deployment", action="store_true",
                         help="Also write the deployment change (CloudFormation/SAM YAML, Terraform): the new "
                              "CloudFront Function and its association in place of the Lambda@Edge one.")
    lsp = commands.add_parser("lsp", help="Run the language server on standard input/output "
                              "(needs `pip install edgelint[lsp]`).")
    lsp.add_argument("--debounce", type=_non_negative(float), default=0.3,
                     help="Seconds to wait after the last edit of a document before linting it (default: 0.3).")
    return parser


def check(args: argparse.Namespace) -> int:
    from edgelint.engine import with_deep_stack

    if args.output_file is not None and args.output_file.is_dir():
        _fail(f"--output-file: {args.output_file} is a folder")
        return EXIT_ERROR
    return with_deep_stack(lambda: _run_check(
        args.paths or ["."], args.runtime, args.event, _codes(args.select) if args.select else None,
        _codes(args.ignore), _codes(args.extend_select), args.output_format, args.output_file, args.exit_zero,
        args.max_warnings, args.config_file, args.statistics, args.show_targets, args.stdin_filename,
        args.force_exclude, fix=args.fix, diff=args.diff, unsafe_fixes=args.unsafe_fixes,
        cache_dir=args.cache_dir, no_cache=args.no_cache, quiet=args.quiet, show_fixes=args.show_fixes,
        color_mode=args.color, exclude=_globs(args.exclude) if args.exclude is not None else None,
        extend_exclude=_globs(args.extend_exclude), respect_gitignore=args.respect_gitignore))


def _globs(values: list[str] | None) -> list[str]:
    return [g.strip() for v in values or () for g in v.split(",") if g.strip()]


def _run_check(paths: list[str], runtime: str | None, event: str | None, select: list[str] | None,
               ignore: list[str], extend_select: list[str], output_format: str | None,
               output_file: Path | None, exit_zero: bool, max_warnings: int | None,
               config_file: Path | None, statistics: bool, show_targets: bool,
               stdin_filename: str | None, force_exclude: bool, *, fix: bool = False,
               diff: bool = False, unsafe_fixes: bool = False, cache_dir: Path | None = None,
               no_cache: bool = False, quiet: bool = False, show_fixes: bool = False, color_mode: str = "auto",
               exclude: list[str] | None = None, extend_exclude: list[str] = (),
               respect_gitignore: bool | None = None) -> int:
    from edgelint.engine import Linter, _relpath, build_settings, lint_paths
    from edgelint.rule import rule_index

    cwd = Path.cwd()
    try:
        if runtime is not None:
            check_runtime(runtime, "--runtime")
        if event is not None:
            check_event(event, "--event")
            check_pair(runtime, event, "--runtime/--event")
        config = load_config(config_file, cwd, list(rule_index()))
        settings = build_settings(config, select=select, ignore=ignore, extend_select=extend_select,
                                  cli_runtime=runtime, cli_event=event, force_exclude=force_exclude, cwd=cwd,
                                  discover=config_file is None, exclude=exclude, extend_exclude=extend_exclude,
                                  respect_gitignore=respect_gitignore)
    except ConfigError as exc:
        _fail(str(exc))
        return EXIT_ERROR

    errors: list[str] = []
    results = []
    stdin_job: tuple[Any, bytes, Any, str] | None = None  # (result, bytes, linter, relpath), for --fix
    file_paths = [p for p in paths if p != "-"]
    if "-" in paths:
        name = stdin_filename or "-"
        data = sys.stdin.buffer.read()
        try:
            file_config = settings.config_for(Path(name)) if stdin_filename else config
            linter = Linter(settings, file_config)
            relname = _relpath(Path(name), file_config.root) if stdin_filename else name
            results.append(linter.lint_bytes_contained(data, name, relname, explicit=True))
            stdin_job = (results[-1], data, linter, relname)
        except ConfigError as exc:
            errors.append(str(exc))
        except Exception as exc:  # never a traceback: name the problem and go on
            if os.environ.get("EDGELINT_DEBUG"):
                raise
            errors.append(f"{name}: internal error: {type(exc).__name__}: {exc}")
    if file_paths:
        progress = None if quiet else _progress_bar()
        cache = _open_cache(file_paths, settings, cache_dir, no_cache)
        iterator = lint_paths(file_paths, settings, errors,
                              on_files=progress.set_total if progress is not None else None, cache=cache)
        with progress if progress is not None else contextlib.nullcontext():
            while True:
                try:
                    result = next(iterator)
                except StopIteration:
                    break
                except ConfigError as exc:
                    errors.append(str(exc))
                    result = None
                except Exception as exc:  # never a traceback: name the problem and go on
                    if os.environ.get("EDGELINT_DEBUG"):
                        raise
                    errors.append(f"internal error: {type(exc).__name__}: {exc}")
                    result = None
                if progress is not None:
                    progress.advance()
                if result is not None:
                    results.append(result)
        if cache is not None:
            cache.save()

    fixed: list[Finding] | None = None
    diffs: list[str] = []
    stdin_fixed: bytes | None = None
    if (fix or diff) and not show_targets:
        explicit = {Path(p).resolve() for p in file_paths if Path(p).is_file()}
        fixed, diffs, stdin_fixed = _apply_fixes(results, settings, explicit, stdin_job, unsafe=unsafe_fixes,
                                                 write=not diff, errors=errors)

    for message in errors:
        _fail(message)

    try:
        # With `- --fix` standard output carries the fixed source, so the report goes to stderr.
        report_stream = sys.stderr if stdin_fixed is not None and not diff else sys.stdout
        out_stream = open(output_file, "w", encoding="utf-8") if output_file else report_stream
    except OSError as exc:
        _fail(f"{output_file}: cannot write the report: {exc.strerror or exc}")
        return EXIT_ERROR
    try:
        if show_targets:
            if output_format == "json":
                json.dump([_target_json(r) for r in results], out_stream, indent=2)
                out_stream.write("\n")
            else:
                for result in results:
                    out_stream.write(_target_line(result) + "\n")
            return EXIT_ERROR if errors else EXIT_OK
        if diff:
            return _report_diff(diffs, fixed or [], out_stream, errors)
        if stdin_fixed is not None:
            sys.stdout.flush()
            sys.stdout.buffer.write(stdin_fixed)
            sys.stdout.buffer.flush()
        findings: list[Finding] = [f for r in results for f in r.findings]
        if errors and not results:
            return EXIT_ERROR
        tty = output_file is None and sys.stdout.isatty()
        fmt = output_format or ("full" if tty else "concise")
        from edgelint.reporters import get_reporter

        render = get_reporter(fmt)
        color = color_mode == "always" or (color_mode == "auto" and tty and not os.environ.get("NO_COLOR"))
        checked = _checked(results)
        if statistics and fmt in ("full", "concise", "json"):
            # The table and nothing else, as ruff prints it; JSON for tools.
            _statistics(findings, out_stream, as_json=fmt == "json")
        elif fmt in ("full", "concise"):
            # After an error "All checks passed!" would be false: the error lines say what happened.
            if quiet:
                render(findings, out_stream, color, fixed=fixed, unsafe_fixes=unsafe_fixes, footer=False)
            elif findings or fixed or not errors:
                render(findings, out_stream, color, fixed=fixed, unsafe_fixes=unsafe_fixes)
            if show_fixes:
                _show_fixes(findings, fixed, out_stream, unsafe_fixes)
            if results and not quiet:
                out_stream.write(checked + "\n")
        else:
            render(findings, out_stream, color)
            if results and not output_file and not quiet:
                _echo(checked, err=True)  # the report stays machine-readable
            if statistics:  # SARIF, JUnit, …: the report stays whole, the table goes to the other stream
                _statistics(findings, sys.stdout if output_file else sys.stderr)
        if results and not findings and not quiet and \
                not any(r.target is not None or r.deployment is not None for r in results):
            _warn(f"no edge code in {' '.join(paths) or '.'}: none of the {len(results)} file(s) checked is a "
                  "CloudFront Function, Lambda@Edge function or deployment file (see --show-targets for why)")
    finally:
        if output_file:
            out_stream.close()

    if errors:
        return EXIT_ERROR
    if exit_zero:
        return EXIT_OK
    counts = Counter(f.severity for f in findings)
    if counts.get(Severity.ERROR):
        return EXIT_FINDINGS
    if max_warnings is not None and counts.get(Severity.WARNING, 0) > max_warnings:
        return EXIT_FINDINGS
    return EXIT_OK


# Below this many files a run is quick enough that a progress bar is only noise.
PROGRESS_MIN_FILES = 50


class _ProgressBar:
    """A transient progress line on stderr (`Linting [=====     ] 812/2000`), shown once the run
    knows it has many files, redrawn at most ten times a second and erased at the end."""

    WIDTH = 30

    def __init__(self) -> None:
        self.total = 0
        self.done = 0
        self._drawn = 0.0

    def set_total(self, total: int) -> None:
        if total > PROGRESS_MIN_FILES:
            self.total = total
            self._draw(force=True)

    def advance(self) -> None:
        if self.total:
            self.done += 1
            self._draw()

    def _draw(self, force: bool = False) -> None:
        import time

        now = time.monotonic()
        if not force and now - self._drawn < 0.1 and self.done < self.total:
            return
        self._drawn = now
        filled = self.WIDTH * min(self.done, self.total) // self.total
        sys.stderr.write(f"\rLinting [{'=' * filled}{' ' * (self.WIDTH - filled)}] {self.done}/{self.total}")
        sys.stderr.flush()

    def __enter__(self) -> "_ProgressBar":
        return self

    def __exit__(self, *exc: Any) -> None:
        if self.total:
            sys.stderr.write("\r\x1b[2K")  # erase the line: the report follows
            sys.stderr.flush()


def _progress_bar() -> _ProgressBar | None:
    """A progress bar for runs on a terminal (it appears only past PROGRESS_MIN_FILES files)."""
    return _ProgressBar() if sys.stderr.isatty() else None


def _apply_fixes(results: list[Any], settings: Any, explicit: set[Path],
                 stdin_job: tuple[Any, bytes, Any, str] | None, *, unsafe: bool, write: bool,
                 errors: list[str]) -> tuple[list[Finding], list[str], bytes | None]:
    """Fix every result with an applicable fix, in place in `results` (their findings become the
    ones that remain). Returns the findings fixed, the diffs, and the fixed standard input."""
    from edgelint.records import replace

    from edgelint.engine import Linter, _relpath
    from edgelint.fix import applicable, fix_bytes, fix_file, unified_diff

    fixed: list[Finding] = []
    diffs: list[str] = []
    stdin_out: bytes | None = None
    for i, result in enumerate(results):
        is_stdin = stdin_job is not None and result is stdin_job[0]
        if is_stdin:
            stdin_out = stdin_job[1]
        if not any(applicable(f.fix, unsafe) for f in result.findings):
            continue
        try:
            if is_stdin:
                _, data, stdin_linter, relpath = stdin_job
                config = stdin_linter.config
                explicit_file = True
            else:
                path = Path(result.path)
                config = settings.config_for(path)
                relpath = _relpath(path, config.root)
                explicit_file = path.resolve() in explicit

            def lint(text: str, size: int, config: Any = config, relpath: str = relpath,
                     shown: str = result.path, explicit_file: bool = explicit_file) -> Any:
                # A fresh Linter each time: a Linter caches what it read per path, not per text.
                return Linter(settings, config).lint_text(text, shown, relpath, explicit_file, byte_size=size)

            if is_stdin:
                done = fix_bytes(data, lint, path=relpath, findings=result.findings, source=result.source,
                                 unsafe=unsafe)
                outcome = done[0] if done else None
                if done and outcome.changed:
                    stdin_out = done[1].encode(outcome.text)
            else:
                outcome = fix_file(path, lint, findings=result.findings, source=result.source, unsafe=unsafe,
                                   write=write, display=relpath)
        except (OSError, UnicodeError, ConfigError) as exc:
            errors.append(f"{result.path}: cannot apply fixes: {getattr(exc, 'strerror', None) or exc}")
            continue
        except Exception as exc:  # a rule bug on the fixed text: keep the file as it was
            if os.environ.get("EDGELINT_DEBUG"):
                raise
            errors.append(f"{result.path}: internal error while fixing: {type(exc).__name__}: {exc}")
            continue
        if outcome is None:
            continue
        for f in outcome.rejected:
            _echo(f"edgelint: warning: {result.path}:{f.line}:{f.column}: the {f.code} fix would "
                       "leave code that does not parse; not applied (please report this bug)", err=True)
        if outcome.changed:
            fixed.extend(outcome.applied)
            if not write:
                diffs.append(unified_diff(outcome.original, outcome.text, result.path))
            results[i] = replace(result, findings=outcome.remaining, source=outcome.text)
    return fixed, diffs, stdin_out


def _report_diff(diffs: list[str], fixed: list[Finding], out: Any, errors: list[str]) -> int:
    """`--diff`: the diffs on the report stream, ruff's "Would fix" line on stderr."""
    from edgelint.reporters.text import counts

    for text in diffs:
        out.write(text)
    _echo(f"Would fix {counts(fixed)}." if fixed else "No fixes to apply.", err=True)
    if errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if diffs else EXIT_OK


def _open_cache(paths: list[str], settings: Any, cache_dir: Path | None, no_cache: bool) -> Any:
    """The result cache of this run: --cache-dir, else EDGELINT_CACHE_DIR, else .edgelint_cache
    at the project root of the first path. None with --no-cache (or EDGELINT_NO_CACHE=1)."""
    if no_cache or os.environ.get("EDGELINT_NO_CACHE") == "1":
        return None
    from edgelint.cache import CACHE_FOLDER, ResultCache
    from edgelint.engine import project_root

    folder = cache_dir or (Path(os.environ["EDGELINT_CACHE_DIR"]) if os.environ.get("EDGELINT_CACHE_DIR")
                           else project_root(Path(paths[0])) / CACHE_FOLDER)
    return ResultCache.for_run(folder, settings)


def _checked(results: list[Any]) -> str:
    """How many files a run read and what they were: always said, so silence is never ambiguous."""
    edge = sum(r.target is not None for r in results)
    deployment = sum(r.deployment is not None for r in results)
    other = len(results) - edge - deployment
    parts = [f"{edge} edge function{'s' if edge != 1 else ''}"]
    if deployment:
        parts.append(f"{deployment} deployment file{'s' if deployment != 1 else ''}")
    parts.append(f"{other} not edge code")
    return f"Checked {len(results)} file{'s' if len(results) != 1 else ''}: {', '.join(parts)}."


def _warn(message: str) -> None:
    _echo(f"edgelint: warning: {message}", err=True)


def _target_json(result: Any) -> dict[str, Any]:
    """--show-targets --output-format json: each file, what it was linted as and why."""
    targets = [{**t.as_json(), "handler": t.handler, "family": t.family, "reason": t.reason,
                "guessed": t.guessed, "strip_exports": t.strip_exports, "templated": t.templated}
               for t in (result.targets or ([result.target] if result.target is not None else []))]
    return {"path": result.path, "targets": targets, "deployment": result.deployment,
            "skipped": None if targets or result.deployment else (result.skipped_reason or "not edge code")}


def _target_line(result: Any) -> str:
    if result.deployment is not None:
        return f"{result.path}: {result.deployment}"
    if result.target is None:
        return f"{result.path}: skipped: {result.skipped_reason or 'not edge code'}"
    lines = []
    for t in result.targets or [result.target]:
        event = t.event or (f"{t.family} events" if t.family else "event unknown")
        handler = f" `{t.handler}`" if result.targets and t.handler else ""
        notes = "".join((
            "; exports stripped before linting (strip-exports)" if t.strip_exports else "",
            "; templated: ${...} read as opaque values" if t.templated else ""))
        guessed = f" [guessed: {', '.join(t.guessed)}]" if t.guessed else ""
        lines.append(f"{result.path}{handler}: {t.kind} {t.runtime} {event}{guessed} ({t.reason}{notes})")
    return "\n".join(lines)


def _statistics(findings: list[Finding], out: Any, as_json: bool = False) -> None:
    from edgelint.fix import applicable

    counts = Counter((f.code, f.name) for f in findings)
    fixable = Counter(f.code for f in findings if applicable(f.fix))
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if as_json:
        json.dump([{"code": code, "name": name, "count": n, "fixable": fixable[code]} for (code, name), n in rows],
                  out, indent=2)
        out.write("\n")
        return
    for (code, name), n in rows:
        out.write(f"{n:>5}  {code}  {'[*] ' if fixable[code] else ''}{name}\n")


def _show_fixes(findings: list[Finding], fixed: list[Finding] | None, out: Any, unsafe: bool) -> None:
    """With --fix, what was fixed; otherwise what --fix (or --unsafe-fixes) would do."""
    from edgelint.fix import applicable

    if fixed is not None:
        if not fixed:
            out.write("No fixes applied.\n")
            return
        out.write(f"Fixed {len(fixed)} finding(s):\n")
        for f in fixed:
            out.write(f"  {f.path}:{f.line}:{f.column}: {f.code} {f.fix.message if f.fix else ''}\n")
        return
    available = [f for f in findings if f.fix is not None]
    if not available:
        out.write("No fixes available.\n")
        return
    out.write("Fixes:\n")
    for f in available:
        kind = "" if applicable(f.fix, unsafe) else f" ({f.fix.applicability}: needs --unsafe-fixes)"
        out.write(f"  {f.path}:{f.line}:{f.column}: {f.code} {f.fix.message}{kind}\n")


def rules_command(output_format: str) -> int:
    """List every rule: code, name, severity, kinds, summary."""
    from edgelint.rule import load_rules

    rules = load_rules()
    if output_format == "json":
        _echo(json.dumps([{
            "code": code, "name": r.name, "severity": r.severity.value, "kinds": list(r.kinds),
            "languages": list(r.languages), "summary": r.summary, "fixable": r.fixable,
            "references": list(r.references)} for code, r in rules.items()], indent=2))
        return EXIT_OK
    name_width = max(len(r.name) for r in rules.values())
    kinds_width = max(len(",".join(r.kinds)) for r in rules.values())
    _echo(f"{'code':<5}  {'name':<{name_width}}  {'severity':<8} {'fix':<3}  {'kinds':<{kinds_width}}  summary")
    for code, r in rules.items():
        fix = "yes" if r.fixable else ""
        _echo(f"{code}  {r.name:<{name_width}}  {r.severity.value:<8} {fix:<3}  {','.join(r.kinds):<{kinds_width}}  "
              f"{r.summary}")
    return EXIT_OK


def rule_command(code: str) -> int:
    """Show a rule's documentation, examples and AWS references."""
    from edgelint.rule import load_rules

    rules = load_rules()
    rule = rules.get(code.upper())
    if rule is None:
        matches = [r for r in rules.values() if r.name == code]
        if not matches:
            _fail(f"unknown rule {code!r} (see `edgelint rules`)")
            return EXIT_ERROR
        rule = matches[0]
    _echo(rule_markdown(rule))
    return EXIT_OK


def lsp_command(debounce: float) -> int:
    """Run the language server on standard input/output (needs `pip install edgelint[lsp]`)."""
    try:
        from edgelint.lsp import start
    except ImportError as exc:
        if (exc.name or "").split(".")[0] not in ("pygls", "lsprotocol"):
            raise
        _fail("the language server needs pygls: install edgelint[lsp] (pip install 'edgelint[lsp]')")
        return EXIT_ERROR
    start(debounce)
    return EXIT_OK


def rule_markdown(rule: Any) -> str:
    lines = [f"# {rule.name} ({rule.code})", "",
             f"Default severity: {rule.severity.value}. Applies to: {', '.join(rule.kinds)} "
             f"({', '.join(rule.languages)}).", "", rule.doc(), ""]
    if rule.invalid or rule.valid:
        lines += ["## Examples from the test suite", ""]
        for title, examples in (("Flagged", rule.invalid[:2]), ("Not flagged", rule.valid[:2])):
            for example in examples:
                where = f" ({example.runtime})" if example.runtime else ""
                lines += [f"{title}{where}:", "```js", example.code.rstrip("\n"), "```", ""]
    lines.append(f"Fix: {rule.help}")
    return "\n".join(lines).rstrip() + "\n"


def run(argv: list[str]) -> int:
    """Parse a command line and run it; the exit status."""
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "-V", "--version")):
        argv = ["check", *argv]  # `edgelint PATH` is `edgelint check PATH`, as in ruff
    args = _parser().parse_args(argv)
    if args.command == "rules":
        return rules_command(args.output_format)
    if args.command == "rule":
        return rule_command(args.code)
    if args.command == "lsp":
        return lsp_command(args.debounce)
    if args.command == "migrate":
        return migrate_command(args)
    return check(args)


def migrate_command(args: argparse.Namespace) -> int:
    """`edgelint migrate`: the code on stdout (or --diff, --write, -o), the deployment change on stderr."""
    from edgelint.migrate import Refusal, migrate
    from edgelint.migrate.deployment import deployment_formats, snippet

    path = Path(args.path)
    if not path.is_file():
        _fail(f"{path}: no such file")
        return EXIT_ERROR
    if args.runtime is not None:
        try:
            check_runtime(args.runtime, "--runtime")
        except ConfigError as exc:
            _fail(str(exc))
            return EXIT_ERROR
    try:
        migration = migrate(path, args.to, runtime=args.runtime, event=args.event)
    except Refusal as refusal:
        kind = "a CloudFront Function" if args.to == "cloudfront-function" else "Lambda@Edge"
        _echo(f"edgelint: cannot migrate {path} to {kind}: the result would not do the same thing.", err=True)
        for blocker in refusal.blockers:
            _echo(f"  {path}:{blocker.line}: {blocker.why}", err=True)
        return EXIT_FINDINGS
    except (OSError, UnicodeDecodeError) as exc:
        _fail(f"{path}: {exc}")
        return EXIT_ERROR
    original = path.read_text("utf-8")
    if args.diff:
        import difflib

        sys.stdout.writelines(difflib.unified_diff(original.splitlines(keepends=True),
                                                   migration.code.splitlines(keepends=True),
                                                   str(path), migration.path))
    elif args.write or args.output:
        from edgelint.fix import write_atomic

        target = args.output or Path(migration.path)
        write_atomic(target, migration.code.encode("utf-8"))
        kind = "CloudFront Function" if migration.kind == "cloudfront-function" else "Lambda@Edge function"
        _echo(f"edgelint: wrote the {kind} ({migration.runtime}, {migration.event}) to {target}", err=True)
    else:
        sys.stdout.write(migration.code)
    if args.update_deployment:
        from edgelint.migrate.deployment import NotUpdated, update_deployment

        if not (args.write or args.output):
            _fail("--update-deployment needs --write or -o: the deployment would point at code not written")
            return EXIT_ERROR
        try:
            written = update_deployment(migration, path, Path(args.output) if args.output else Path(migration.path))
        except NotUpdated as why:
            _echo(f"edgelint: the deployment was not changed: {why}", err=True)
        else:
            _echo(f"edgelint: updated {written}", err=True)
            return EXIT_OK
    for fmt in deployment_formats(path):
        _echo(f"\n# Deployment ({fmt}):\n{snippet(migration, path, fmt)}", err=True)
    return EXIT_OK


def main(argv: list[str] | None = None) -> None:
    try:
        sys.exit(run(sys.argv[1:] if argv is None else argv))
    except KeyboardInterrupt:  # pragma: no cover
        sys.exit(130)
    except BrokenPipeError:
        # The reader went away (`edgelint check . | head`): stop quietly, as other Unix tools do,
        # and keep the interpreter from failing again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
