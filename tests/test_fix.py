"""`--fix`, `--diff`, `--unsafe-fixes` and edgelint.fix: fixes applied until none is left, never a
result that does not parse, atomic writes that keep mode, BOM and line breaks."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import sys
from pathlib import Path

import pytest

from conftest import ROOT, write
from edgelint import fix as fixmod
from edgelint.cli import run as run_cli
from edgelint.engine import lint_source
from edgelint.model import FileResult
from edgelint.fix import FixOutcome, apply_edits, fix_file, fix_source, select_fixes, unified_diff
from edgelint.lang.js.parse import parse_js
from edgelint.model import Edit, Finding, Fix, Severity, Span

EXAMPLE = ROOT / "examples" / "edge-site"
CF20 = "// edgelint: runtime=cloudfront-js-2.0 event=viewer-request\n"
CONSOLE_ERROR = CF20 + "function handler(event) {\n  console.error('denied');\n  return event.request;\n}\n"
CONSOLE_LOG = CONSOLE_ERROR.replace("console.error", "console.log")


def snapshot(folder: Path) -> dict[str, bytes]:
    """The user's files (the result cache is edgelint's own)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".edgelint_cache" not in p.parts}


def user_files(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name != ".edgelint_cache")


def findings_json(run, cwd: Path, *args: str) -> list[dict]:
    result = run("check", "--output-format", "json", *args, cwd=cwd)
    assert result.code in (0, 1), result.err
    return json.loads(result.out)


def lint_js(path: str = "sample.js"):
    return lambda text, size=None: lint_source(text, path)


# -- (1) the example project -------------------------------------------------------------

def test_fix_example_project(run, tmp_path):
    project = tmp_path / "edge-site"
    shutil.copytree(EXAMPLE, project)
    target = project / "functions" / "legacy-redirect.js"
    os.chmod(target, 0o640)
    before = snapshot(project)
    initial = findings_json(run, project, ".")
    safe_before = [i for i in initial if i["fix"] and i["fix"]["applicability"] == "safe"]
    assert len(safe_before) == 3  # CF010, CF013, CF012

    result = run("check", "--fix", "--output-format", "concise", ".", cwd=project)
    # Errors nobody can fix automatically remain (fetch, process.env, let/const on 1.0, ...).
    assert result.code == 1, result.err
    m = re.search(r"\((\d+) fixed, (\d+) remaining\)\.", result.out)
    assert m, result.out
    fixed, remaining = int(m.group(1)), int(m.group(2))
    # The CF010 fix turns console.error(a, b) into console.log(a, b): a CF014 the second pass fixes.
    # Remaining: the 8 unfixable CloudFront Function findings, LE003 and DP006 from the Lambda@Edge
    # part, and the Connection Function's CN002.
    assert (fixed, remaining) == (4, 11)
    assert "[*]" not in result.out

    after = findings_json(run, project, ".")
    assert len(after) == remaining
    assert not [i for i in after if i["fix"] and i["fix"]["applicability"] == "safe"]
    assert not [i for i in after if i["code"] == "EL001"]
    changed = {name for name, data in snapshot(project).items() if before[name] != data}
    assert changed == {"functions/auth-check.js", "functions/legacy-redirect.js"}
    for name in changed:
        parse_js((project / name).read_text("utf-8"))  # raises if the output does not parse
    assert "console.log('auth ok' + ' ' + cookie.value);" in (project / "functions/auth-check.js").read_text()
    text = target.read_text()
    assert "statusCode: 301," in text and "'location': { value:" in text
    assert stat.S_IMODE(target.stat().st_mode) == 0o640

    once = snapshot(project)
    again = run("check", "--fix", ".", cwd=project)
    assert again.code == 1
    assert snapshot(project) == once
    assert "fixed" not in again.out
    assert not [p for p in project.rglob("*.edgelint-tmp")]


def test_fix_exit_zero_when_everything_was_fixed(run, tmp_path):
    path = write(tmp_path, "fn.js", CONSOLE_ERROR)
    result = run("check", "--fix", "fn.js")
    assert result.code == 0, result.out + result.err
    assert "Found 1 error (1 fixed, 0 remaining)." in result.out
    assert path.read_text() == CONSOLE_LOG
    assert run("check", "fn.js").code == 0


def test_fixable_findings_are_marked(run, tmp_path):
    write(tmp_path, "fn.js", CONSOLE_ERROR)
    concise = run("check", "--output-format", "concise", "fn.js")
    assert "fn.js:3:3: CF010 [*] `console.error`" in concise.out
    assert "[*] 1 fixable with the `--fix` option." in concise.out
    full = run("check", "--output-format", "full", "fn.js")
    assert "error[CF010] [*]: `console.error`" in full.out
    assert "[*] 1 fixable with the `--fix` option." in full.out


def test_unsafe_fixes_are_hidden_until_asked_for(run, tmp_path):
    source = CF20 + "export function handler(event) {\n  return event.request;\n}\n"
    path = write(tmp_path, "fn.js", source)
    plain = run("check", "fn.js")
    assert "CF007 [*]" not in plain.out
    assert "No fixes available (1 hidden fix can be enabled with the `--unsafe-fixes` option)." in plain.out
    assert "[*] 1 fixable" in run("check", "--unsafe-fixes", "fn.js").out
    assert run("check", "--fix", "fn.js").code == 1
    assert path.read_text() == source
    result = run("check", "--fix", "--unsafe-fixes", "fn.js")
    assert result.code == 0, result.out
    assert path.read_text() == source.replace("export function", "function")


# -- (2) a fix that does not parse is never written ---------------------------------------

def broken_finding(text: str, start: int, end: int, content: str) -> Finding:
    return Finding(code="CF010", name="unavailable-global", severity=Severity.ERROR, message="crafted",
                   help="", path="sample.js", span=Span(1, 1, 1, 1, start, end),
                   fix=Fix("break it", (Edit(start, end, content),)))


def test_fix_that_breaks_the_syntax_is_not_written(tmp_path):
    path = write(tmp_path, "sample.js", CONSOLE_LOG)
    original = path.read_bytes()
    start = CONSOLE_LOG.index("return")
    crafted = broken_finding(CONSOLE_LOG, start, start + len("return"), "return ((")
    outcome = fix_file(path, lint_js(), findings=[crafted], source=CONSOLE_LOG)
    assert outcome is not None and not outcome.changed
    assert outcome.rejected == [crafted] and outcome.applied == []
    assert path.read_bytes() == original


def test_broken_fix_is_dropped_and_good_fixes_still_apply(tmp_path):
    path = write(tmp_path, "sample.js", CONSOLE_ERROR)
    real = lint_source(CONSOLE_ERROR, "sample.js").findings
    assert [f.code for f in real] == ["CF010"]
    start = CONSOLE_ERROR.index("return")
    crafted = broken_finding(CONSOLE_ERROR, start, start, "}}}")
    outcome = fix_file(path, lint_js(), findings=[*real, crafted], source=CONSOLE_ERROR)
    assert outcome.rejected == [crafted]
    assert path.read_text() == CONSOLE_LOG


def _in_process(capsys, *args: str) -> tuple[int, str]:
    """Run the CLI in this process (so a monkeypatched rule or os function applies): status, output."""
    code = run_cli(list(args))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_rule_fix_that_breaks_the_syntax_is_not_written_even_with_el001_ignored(tmp_path, monkeypatch, capsys):
    """A rule bug: CF010's fix replaced by one that leaves `console.log(` unbalanced."""
    import edgelint.rules.cloudfront.cf010_unavailable_global as cf010

    monkeypatch.setattr(cf010, "Edit", lambda start, end, content: Edit(start, end, content + "(("))
    path = write(tmp_path, "fn.js", CONSOLE_ERROR)
    monkeypatch.chdir(tmp_path)
    for extra in ([], ["--ignore", "EL001"]):
        code, output = _in_process(capsys, "check", "--fix", "--output-format", "concise", *extra, "fn.js")
        assert code == 1, output
        assert "would leave code that does not parse" in output
        assert path.read_text() == CONSOLE_ERROR
    assert user_files(tmp_path) == ["fn.js"]  # no temporary file left behind


# -- (3) --diff -------------------------------------------------------------------------------

def test_diff_prints_a_unified_diff_and_writes_nothing(run, tmp_path):
    project = tmp_path / "edge-site"
    shutil.copytree(EXAMPLE, project)
    before = snapshot(project)
    result = run("check", "--diff", ".", cwd=project)
    assert result.code == 1, result.err
    assert snapshot(project) == before
    out = result.out
    assert "--- functions/legacy-redirect.js\n+++ functions/legacy-redirect.js\n@@ " in out
    assert "-            statusCode: '301',\n" in out and "+            statusCode: 301,\n" in out
    assert "-    console.error('auth ok', cookie.value);\n" in out
    assert "+    console.log('auth ok' + ' ' + cookie.value);\n" in out
    assert "Found" not in out  # --diff prints the diff only
    assert "Would fix 3 errors, 1 warning." in result.err
    # The diff is exactly what --fix writes.
    assert run("check", "--fix", ".", cwd=project).code == 1
    for name in ("functions/legacy-redirect.js", "functions/auth-check.js"):
        expected = unified_diff(before[name].decode(), (project / name).read_text(), name)
        assert expected in out


def test_diff_exit_codes(run, tmp_path):
    write(tmp_path, "clean.js", CONSOLE_LOG)
    clean = run("check", "--diff", "clean.js")
    assert (clean.code, clean.out) == (0, "")
    write(tmp_path, "unfixable.js", CF20 + "function handler(event) {\n  fetch('x');\n  return event.request;\n}\n")
    unfixable = run("check", "--diff", "unfixable.js")
    assert (unfixable.code, unfixable.out) == (0, "")
    write(tmp_path, "fixable.js", CONSOLE_ERROR)
    assert run("check", "--diff", "fixable.js").code == 1
    assert run("check", "--diff", "missing.js").code == 2


def test_unified_diff_marks_a_missing_final_newline():
    diff = unified_diff("a\nb", "a\nc", "f.js")
    assert diff == "--- f.js\n+++ f.js\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n"


# -- (4) atomic writes ---------------------------------------------------------------------------

@pytest.mark.parametrize("broken", ["replace", "fsync"])
def test_failed_write_keeps_the_original_and_no_temp_file(tmp_path, monkeypatch, broken):
    path = write(tmp_path, "fn.js", CONSOLE_ERROR)
    original = path.read_bytes()

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fixmod.os, broken, fail)
    with pytest.raises(OSError):
        fix_file(path, lint_js("fn.js"))
    assert path.read_bytes() == original
    assert user_files(tmp_path) == ["fn.js"]  # no temporary file left behind


def test_cli_reports_a_failed_write_and_exits_two(tmp_path, monkeypatch, capsys):
    path = write(tmp_path, "fn.js", CONSOLE_ERROR)
    monkeypatch.chdir(tmp_path)

    def fail(*args, **kwargs):
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(fixmod.os, "replace", fail)
    code, output = _in_process(capsys, "check", "--fix", "fn.js")
    assert code == 2, output
    assert "fn.js: cannot apply fixes: Permission denied" in output
    assert "Traceback" not in output
    assert path.read_text() == CONSOLE_ERROR
    assert user_files(tmp_path) == ["fn.js"]  # no temporary file left behind


def test_bom_and_crlf_are_preserved(run, tmp_path):
    # CF011's fix inserts a line: it must get the file's CRLF too.
    source = (CF20 + "var x = 1;\nimport cf from 'cloudfront';\nfunction handler(event) {\n"
              "  console.error(x);\n  return event.request;\n}\n").replace("\n", "\r\n")
    path = write(tmp_path, "fn.js", b"\xef\xbb\xbf" + source.encode())
    result = run("check", "--fix", "fn.js")
    assert result.code == 0, result.out + result.err
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\xef\xbb\xbf") == 1
    text = data[3:].decode()
    assert "\n" not in text.replace("\r\n", "")
    assert text == (CF20 + "import cf from 'cloudfront';\nvar x = 1;\nfunction handler(event) {\n"
                    "  console.log(x);\n  return event.request;\n}\n").replace("\n", "\r\n")


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_fix_writes_through_a_symlink(run, tmp_path):
    real = write(tmp_path, "real/fn.js", CONSOLE_ERROR)
    link = tmp_path / "fn.js"
    link.symlink_to(real)
    assert run("check", "--fix", "fn.js").code == 0
    assert link.is_symlink() and real.read_text() == CONSOLE_LOG


# -- (5) standard input ------------------------------------------------------------------------------

def test_stdin_fix_prints_the_fixed_source(run, tmp_path):
    result = run("check", "--fix", "-", stdin=CONSOLE_ERROR)
    assert result.code == 0, result.err
    assert result.out == CONSOLE_LOG
    assert "(1 fixed, 0 remaining)" in result.err


def test_stdin_fix_keeps_bom_and_echoes_unfixable_source(run, tmp_path):
    data = b"\xef\xbb\xbf" + CONSOLE_ERROR.replace("\n", "\r\n").encode()
    result = run("check", "--fix", "-", stdin=data)
    assert result.out == "\ufeff" + CONSOLE_LOG.replace("\n", "\r\n")
    unfixable = CF20 + "function handler(event) {\n  fetch('x');\n  return event.request;\n}\n"
    result = run("check", "--fix", "-", stdin=unfixable)
    assert result.code == 1
    assert result.out == unfixable and "CF001" in result.err
    result = run("check", "--fix", "--stdin-filename", "notes.js", "-", stdin="just text\n")
    assert result.out == "just text\n"


def test_stdin_diff(run, tmp_path):
    result = run("check", "--diff", "--stdin-filename", "edge/fn.js", "-", stdin=CONSOLE_ERROR)
    assert result.code == 1
    assert result.out.startswith("--- edge/fn.js\n+++ edge/fn.js\n")
    assert "+  console.log('denied');\n" in result.out


# -- (6) every built-in fix ---------------------------------------------------------------------------

HANDLER = "function handler(event) {\n%s\n  return event.request;\n}\n"
BUILTIN_FIXES = {
    "CF009": (CF20 + HANDLER % "  var host = event.request.headers.host[0].value;",
              CF20 + HANDLER % "  var host = event.request.headers.host.value;"),
    "CF010": (CF20 + HANDLER % "  console.warn('x');", CF20 + HANDLER % "  console.log('x');"),
    "CF012": (CF20 + HANDLER % "  event.request.headers['X-Custom'] = { value: '1' };",
              CF20 + HANDLER % "  event.request.headers['x-custom'] = { value: '1' };"),
    "CF013": (CF20 + "function handler(event) {\n  return { statusCode: '302', headers: { location: { value: '/' } } };\n}\n",
              CF20 + "function handler(event) {\n  return { statusCode: 302, headers: { location: { value: '/' } } };\n}\n"),
    "CF013-status": (CF20 + "function handler(event) {\n  return { status: 302, statusDescription: 'Found' };\n}\n",
                     CF20 + "function handler(event) {\n  return { statusCode: 302, statusDescription: 'Found' };\n}\n"),
    "CF014": (CF20 + HANDLER % "  var n = 1;\n  console.log('n:', n + 1, event.request.uri);",
              CF20 + HANDLER % "  var n = 1;\n  console.log('n:' + ' ' + (n + 1) + ' ' + event.request.uri);"),
    "CF003": (CF20 + "var crypto = require('node:crypto');\n" + HANDLER % "  crypto.createHash('md5');",
              CF20 + "var crypto = require('crypto');\n" + HANDLER % "  crypto.createHash('md5');"),
    "CF011": (CF20 + "var x = 1;\nimport cf from 'cloudfront';\n" + HANDLER % "",
              CF20 + "import cf from 'cloudfront';\nvar x = 1;\n" + HANDLER % ""),
}


@pytest.mark.parametrize("case", sorted(BUILTIN_FIXES))
def test_builtin_fix(case):
    code = case.split("-")[0]
    before, after = BUILTIN_FIXES[case]
    findings = lint_source(before, "fn.js").findings
    assert any(f.code == code and f.fix is not None and f.fix.applicability == "safe" for f in findings), findings
    outcome = fix_source(before, lambda text: lint_source(text, "fn.js"), path="fn.js")
    assert outcome.text == after
    assert {f.code for f in outcome.applied} == {code}
    assert not [f for f in outcome.remaining if f.code in (code, "EL001")]


def test_builtin_python_fix():
    before = ("# edgelint: runtime=python3.12 event=origin-request\ndef handler(event, context):\n"
              "    request = event['Records'][0]['cf']['request']\n"
              "    request['headers']['X-Custom'] = [{'key': 'X-Custom', 'value': '1'}]\n    return request\n")
    outcome = fix_source(before, lambda text: lint_source(text, "h.py"), path="h.py")
    assert outcome.text == before.replace("['headers']['X-Custom']", "['headers']['x-custom']")
    assert [f.code for f in outcome.applied] == ["LE002"]


# -- the fixer's mechanics ------------------------------------------------------------------------------

def finding(start: int, end: int, content: str, code: str = "CF010") -> Finding:
    return Finding(code=code, name="x", severity=Severity.ERROR, message="m", help="", path="f.js",
                   span=Span(1, 1, 1, 1), fix=Fix("f", (Edit(start, end, content),)))


def test_select_fixes_skips_overlapping_touching_malformed_and_noop_fixes():
    text = "abcdefghij"
    a, overlap, touching, later = finding(0, 3, "X"), finding(2, 5, "Y"), finding(3, 4, "Z"), finding(6, 8, "W")
    malformed = [finding(5, 4, "?"), finding(8, 99, "?"), finding(-1, 0, "?")]
    noop = finding(9, 10, "j")
    assert select_fixes([later, overlap, touching, a, *malformed, noop], text) == [a, later]
    assert apply_edits(text, [Edit(0, 3, "X"), Edit(6, 8, "W")]) == "XdefWij"
    # A fix whose own edits overlap is malformed as a whole.
    twisted = Finding("CF010", "x", Severity.ERROR, "m", "", "f.js", Span(1, 1, 1, 1),
                      fix=Fix("f", (Edit(0, 4, "a"), Edit(2, 6, "b"))))
    assert select_fixes([twisted], text) == []


def test_fix_loop_stops_after_ten_passes():
    passes = []

    def lint(text: str) -> FileResult:
        passes.append(text)
        return FileResult("f.js", None, [finding(0, 0, "// again\n")])

    outcome = fix_source("x;\n", lint)
    assert outcome.text.count("// again") == 10
    assert len(outcome.applied) == 10
    assert isinstance(outcome, FixOutcome)
