"""Command line: `edgelint check` (the default command), `rules`, `rule CODE`."""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import click

from edgelint import __version__
from edgelint.config import ConfigError, check_event, check_runtime, load_config
from edgelint.model import EVENTS, Finding, Severity

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _DefaultCheck(click.Group):
    """`edgelint PATH` means `edgelint check PATH`, like ruff."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            args = ["check", *args]
        return super().parse_args(ctx, args)


def _codes(values: tuple[str, ...]) -> list[str]:
    return [c.strip() for v in values for c in v.split(",") if c.strip()]


def _fail(message: str) -> None:
    click.echo(f"edgelint: error: {message}", err=True)


@click.group(cls=_DefaultCheck, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="edgelint", message="%(prog)s %(version)s")
def cli() -> None:
    """Lint AWS edge code: CloudFront Functions and Lambda@Edge."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--runtime", help="Force the runtime of every code file (cloudfront-js-2.0, nodejs22.x, …).")
@click.option("--event", type=click.Choice(EVENTS), help="Force the trigger event of every code file.")
@click.option("--select", multiple=True, help="Rule codes or prefixes to enable (replaces the config).")
@click.option("--ignore", multiple=True, help="Rule codes or prefixes to disable.")
@click.option("--extend-select", multiple=True, help="Rule codes or prefixes to enable on top of the selection.")
@click.option("--output-format", type=click.Choice(["full", "concise", "json"]),
              help="Output format (default: full on a terminal, concise otherwise).")
@click.option("-o", "--output-file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to FILE instead of standard output.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--max-warnings", type=click.IntRange(min=0), help="Fail when there are more warnings than N.")
@click.option("--config", "config_file", type=click.Path(path_type=Path), help="Use this config file.")
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule.")
@click.option("--show-targets", is_flag=True, help="Print each file's resolved target and why, then exit.")
@click.option("--stdin-filename", help="The file name to use for source read from '-' (standard input).")
@click.option("--force-exclude", is_flag=True, help="Apply the config's exclude even to paths named on the command line.")
def check(paths: tuple[str, ...], runtime: str | None, event: str | None, select: tuple[str, ...],
          ignore: tuple[str, ...], extend_select: tuple[str, ...], output_format: str | None,
          output_file: Path | None, exit_zero: bool, max_warnings: int | None, config_file: Path | None,
          statistics: bool, show_targets: bool, stdin_filename: str | None, force_exclude: bool) -> None:
    """Lint files and folders (default: the current folder). '-' reads standard input."""
    from edgelint.engine import with_deep_stack

    code = with_deep_stack(lambda: _run_check(
        list(paths) or ["."], runtime, event, _codes(select) if select else None, _codes(ignore),
        _codes(extend_select), output_format, output_file, exit_zero, max_warnings, config_file,
        statistics, show_targets, stdin_filename, force_exclude))
    sys.exit(code)


def _run_check(paths: list[str], runtime: str | None, event: str | None, select: list[str] | None,
               ignore: list[str], extend_select: list[str], output_format: str | None,
               output_file: Path | None, exit_zero: bool, max_warnings: int | None,
               config_file: Path | None, statistics: bool, show_targets: bool,
               stdin_filename: str | None, force_exclude: bool) -> int:
    from edgelint.engine import Linter, build_settings, display_path, lint_paths, _relpath
    from edgelint.rule import load_rules

    cwd = Path.cwd()
    try:
        if runtime is not None:
            check_runtime(runtime, "--runtime")
        if event is not None:
            check_event(event, "--event")
        config = load_config(config_file, cwd, list(load_rules()))
        settings = build_settings(config, select=select, ignore=ignore, extend_select=extend_select,
                                  cli_runtime=runtime, cli_event=event, force_exclude=force_exclude, cwd=cwd,
                                  discover=config_file is None)
    except ConfigError as exc:
        _fail(str(exc))
        return EXIT_ERROR

    errors: list[str] = []
    results = []
    file_paths = [p for p in paths if p != "-"]
    if "-" in paths:
        name = stdin_filename or "-"
        data = sys.stdin.buffer.read()
        try:
            file_config = settings.config_for(Path(name)) if stdin_filename else config
            linter = Linter(settings, file_config)
            results.append(linter.lint_bytes(data, name, _relpath(Path(name), file_config.root)
                                             if stdin_filename else name, explicit=True))
        except ConfigError as exc:
            errors.append(str(exc))
    if file_paths:
        iterator = lint_paths(file_paths, settings, errors)
        while True:
            try:
                result = next(iterator)
            except StopIteration:
                break
            except ConfigError as exc:
                errors.append(str(exc))
                continue
            except Exception as exc:  # never a traceback: name the problem and go on
                if os.environ.get("EDGELINT_DEBUG"):
                    raise
                errors.append(f"internal error: {type(exc).__name__}: {exc}")
                continue
            results.append(result)

    for message in errors:
        _fail(message)

    out_stream = open(output_file, "w", encoding="utf-8") if output_file else sys.stdout
    try:
        if show_targets:
            for result in results:
                out_stream.write(_target_line(result) + "\n")
            return EXIT_ERROR if errors else EXIT_OK
        findings: list[Finding] = [f for r in results for f in r.findings]
        if errors and not results:
            return EXIT_ERROR
        tty = output_file is None and sys.stdout.isatty()
        fmt = output_format or ("full" if tty else "concise")
        from edgelint.reporters import get_reporter

        get_reporter(fmt)(findings, out_stream, tty and not os.environ.get("NO_COLOR"))
        if statistics:
            _statistics(findings, sys.stderr if fmt == "json" and output_file is None else out_stream)
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


def _target_line(result: Any) -> str:
    if result.target is None:
        return f"{result.path}: skipped: {result.skipped_reason or 'not edge code'}"
    t = result.target
    event = t.event or "event unknown"
    return f"{result.path}: {t.kind} {t.runtime} {event} ({t.reason})"


def _statistics(findings: list[Finding], out: Any) -> None:
    counts = Counter((f.code, f.name) for f in findings)
    for (code, name), n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        out.write(f"{n:>5}  {code}  {name}\n")


@cli.command("rules")
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text")
def rules_command(output_format: str) -> None:
    """List every rule: code, name, severity, kinds, summary."""
    from edgelint.rule import load_rules

    rules = load_rules()
    if output_format == "json":
        click.echo(json.dumps([{
            "code": code, "name": r.name, "severity": r.severity.value, "kinds": list(r.kinds),
            "languages": list(r.languages), "summary": r.summary, "fixable": r.fixable,
            "references": list(r.references)} for code, r in rules.items()], indent=2))
        return
    for code, r in rules.items():
        click.echo(f"{code}  {r.name:<28} {r.severity.value:<8} {','.join(r.kinds):<32} {r.summary}")


@cli.command("rule")
@click.argument("code")
def rule_command(code: str) -> None:
    """Show a rule's documentation, examples and AWS references."""
    from edgelint.rule import load_rules

    rules = load_rules()
    rule = rules.get(code.upper())
    if rule is None:
        matches = [r for r in rules.values() if r.name == code]
        if not matches:
            _fail(f"unknown rule {code!r} (see `edgelint rules`)")
            sys.exit(EXIT_ERROR)
        rule = matches[0]
    click.echo(rule_markdown(rule))


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


def main() -> None:
    try:
        cli(prog_name="edgelint")
    except KeyboardInterrupt:  # pragma: no cover
        sys.exit(130)
