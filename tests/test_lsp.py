"""`edgelint lsp`, driven over stdio by a real LSP client (pytest-lsp), with the capabilities real
editors send (VS Code: UTF-16 and versioned edits; Neovim 0.11: UTF-8 and plain `changes`)."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pygls", reason="the language server needs the lsp extra")
pytest_lsp = pytest.importorskip("pytest_lsp")
from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402

from conftest import write  # noqa: E402
from edgelint.rule import load_rules  # noqa: E402

PUBLISH = types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS
# The rocket is outside the Basic Multilingual Plane: 1 code point, 2 UTF-16 units, 4 UTF-8 bytes.
NETWORK = """\
function handler(event) {
    var note = "🚀 launch"; var r = fetch("https://example.com");
    return event.request;
}
"""
LOG_LINE = '    console.log("uri", event.request.uri);\n'
PY_ENV = """\
import os


def handler(event, context):
    request = event["Records"][0]["cf"]["request"]
    label = "🚀"; stage = os.environ["STAGE"]
    return request
"""


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "edgelint", "lsp"]))
async def client(lsp_client: LanguageClient):
    # Each test initializes with the editor capabilities it needs.
    yield
    await lsp_client.shutdown_session()


async def initialize(client: LanguageClient, editor: str, root: Path) -> None:
    await client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities(editor), root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name=root.name)]))


async def publish_after(client: LanguageClient, action: Any) -> types.PublishDiagnosticsParams:
    """Run `action` (a notification) and return the next publishDiagnostics it causes."""
    waiter = client.protocol.wait_for_notification_async(PUBLISH)
    action()
    return await asyncio.wait_for(waiter, 30)


def open_doc(client: LanguageClient, path: Path, text: str, language: str = "javascript") -> Any:
    return lambda: client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=path.as_uri(), language_id=language, version=1, text=text)))


def change(client: LanguageClient, path: Path, version: int,
           changes: list[types.TextDocumentContentChangeEvent]) -> Any:
    return lambda: client.text_document_did_change(types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=version), changes))


def full(text: str) -> list[types.TextDocumentContentChangeEvent]:
    return [types.TextDocumentContentChangeWholeDocument(text=text)]


def summary(diagnostics: Any) -> list[tuple[str, int, int, int, int]]:
    return sorted((str(d.code), d.range.start.line, d.range.start.character, d.range.end.line,
                   d.range.end.character) for d in diagnostics)


def apply_edits(text: str, edits: list[types.TextEdit], encoding: str) -> str:
    """Apply LSP text edits the way an editor does (all ranges refer to the original text)."""
    lines = text.split("\n")

    def offset(pos: types.Position) -> int:
        line = lines[pos.line]
        units = 0
        for i, ch in enumerate(line):
            if units >= pos.character:
                return sum(len(ln) + 1 for ln in lines[:pos.line]) + i
            units += len(ch.encode("utf-16-le")) // 2 if encoding == "utf-16" else len(ch.encode("utf-8"))
        return sum(len(ln) + 1 for ln in lines[:pos.line]) + len(line)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        start, end = offset(edit.range.start), offset(edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
    return text


def edits_of(action: types.CodeAction, uri: str) -> tuple[list[types.TextEdit], int | None]:
    """The action's edits for `uri` and the document version they are pinned to (if any)."""
    assert action.edit is not None
    if action.edit.document_changes:
        (doc_edit,) = action.edit.document_changes
        assert doc_edit.text_document.uri == uri
        return list(doc_edit.edits), doc_edit.text_document.version
    return list(action.edit.changes[uri]), None


async def actions_for(client: LanguageClient, uri: str, diagnostic: types.Diagnostic) -> list[types.CodeAction]:
    result = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri), range=diagnostic.range,
        context=types.CodeActionContext(diagnostics=[diagnostic])))
    return list(result or [])


@pytest.mark.asyncio
async def test_diagnostics_change_and_code_actions_vscode(client: LanguageClient, tmp_path: Path):
    await initialize(client, "visual-studio-code", tmp_path)
    path = write(tmp_path, "edge/fn.js", NETWORK)
    uri = path.as_uri()

    opened = await publish_after(client, open_doc(client, path, NETWORK))
    assert opened.version == 1
    # 0-based lines; UTF-16 columns: `fetch` is at code point 35 and UTF-16 unit 36 (the rocket is 2).
    assert summary(opened.diagnostics) == [("CF001", 1, 36, 1, 64), ("MG001", 0, 9, 0, 16)]
    cf001 = next(d for d in opened.diagnostics if d.code == "CF001")
    rules = load_rules()
    assert cf001.severity == types.DiagnosticSeverity.Error and cf001.source == "edgelint"
    assert cf001.code_description.href == "https://edgelint.github.io/edgelint/rules/CF001.html"
    assert rules["CF001"].references
    assert cf001.message.startswith("`fetch` is not available")
    mg001 = next(d for d in opened.diagnostics if d.code == "MG001")
    assert mg001.severity == types.DiagnosticSeverity.Information

    # An incremental edit adds a second problem: console.log with two arguments (CF014, a warning).
    text = NETWORK.replace("    return", LOG_LINE + "    return")
    edited = await publish_after(client, change(client, path, 2, [types.TextDocumentContentChangePartial(
        range=types.Range(types.Position(2, 0), types.Position(2, 0)), text=LOG_LINE)]))
    assert edited.version == 2
    assert summary(edited.diagnostics) == [("CF001", 1, 36, 1, 64), ("CF014", 2, 4, 2, 41), ("MG001", 0, 9, 0, 16)]
    cf014 = next(d for d in edited.diagnostics if d.code == "CF014")
    assert cf014.severity == types.DiagnosticSeverity.Warning

    # Quick fix: the rule's own fix, pinned to the version it was computed for.
    actions = await actions_for(client, uri, cf014)
    assert [a.title for a in actions] == ["Join the arguments into one string (CF014)", "Ignore CF014 for this line"]
    fix = actions[0]
    assert fix.kind == types.CodeActionKind.QuickFix and fix.is_preferred
    edits, version = edits_of(fix, uri)
    assert version == 2
    text = apply_edits(text, edits, "utf-16")
    assert text.splitlines()[2] == "    console.log(\"uri\" + ' ' + event.request.uri);"
    fixed = await publish_after(client, change(client, path, 3, full(text)))
    assert summary(fixed.diagnostics) == [("CF001", 1, 36, 1, 64), ("MG001", 0, 9, 0, 16)]

    # Quick fix: an ignore comment at the end of the flagged line silences exactly that finding.
    cf001 = next(d for d in fixed.diagnostics if d.code == "CF001")
    ignore = next(a for a in await actions_for(client, uri, cf001) if a.title == "Ignore CF001 for this line")
    edits, version = edits_of(ignore, uri)
    assert version == 3
    text = apply_edits(text, edits, "utf-16")
    assert text.splitlines()[1].endswith('fetch("https://example.com");  // edgelint: ignore[CF001]')
    ignored = await publish_after(client, change(client, path, 4, full(text)))
    codes = {d.code for d in ignored.diagnostics}
    assert "CF001" not in codes and "EL002" not in codes, summary(ignored.diagnostics)

    # Edits computed for an older version are not offered once the text moved on.
    assert await actions_for(client, uri, cf014) == []


@pytest.mark.asyncio
async def test_hover_fix_all_and_deployment_documents(client: LanguageClient, tmp_path: Path):
    await initialize(client, "visual-studio-code", tmp_path)
    text = "function handler(event) {\n  console.error('a');\n  console.log('a', 'b');\n  return event.request;\n}\n"
    path = write(tmp_path, "edge/fn.js", text)
    uri = path.as_uri()
    opened = await publish_after(client, open_doc(client, path, text))
    assert {str(d.code) for d in opened.diagnostics} == {"CF010", "CF014"}

    # Hover over the flagged call: the rule's documentation and its page.
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(1, 4)))
    assert hover is not None and "**CF010 unavailable-global**" in hover.contents.value
    assert "https://edgelint.github.io/edgelint/rules/CF010.html" in hover.contents.value
    nothing = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(3, 2)))
    assert nothing is None

    # source.fixAll.edgelint: every safe fix at once, as `edgelint check --fix` applies them.
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=types.Range(types.Position(0, 0), types.Position(0, 0)),
        context=types.CodeActionContext(diagnostics=[], only=["source.fixAll.edgelint"])))
    assert [a.kind for a in actions] == ["source.fixAll.edgelint"]
    edits, version = edits_of(actions[0], uri)
    fixed = apply_edits(text, edits, "utf-16")
    assert "console.error" not in fixed and "console.log('a' + ' ' + 'b')" in fixed and version == 1
    assert (await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=types.Range(types.Position(0, 0), types.Position(0, 0)),
        context=types.CodeActionContext(diagnostics=[], only=["refactor"])))) in ([], (), None)

    # An open deployment document gets the DP findings the CLI gives it.
    template = ("Resources:\n  Fn:\n    Type: AWS::CloudFront::Function\n    Properties:\n      Name: f\n"
                "      AutoPublish: false\n      FunctionConfig: {Comment: f, Runtime: cloudfront-js-2.0}\n"
                "      FunctionCode: \"function handler(event) { return event.request; }\"\n"
                "  Dist:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n      DistributionConfig:\n"
                "        DefaultCacheBehavior:\n          FunctionAssociations:\n            - EventType: origin-request\n"
                "              FunctionARN: !GetAtt Fn.FunctionMetadata.FunctionARN\n")
    tpath = write(tmp_path, "template.yaml", template)
    published = await publish_after(client, open_doc(client, tpath, template, "yaml"))
    cli = subprocess.run([sys.executable, "-m", "edgelint", "check", "--output-format", "json", "template.yaml"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=60)
    expected = {(i["code"], i["line"] - 1) for i in json.loads(cli.stdout)}
    assert {(str(d.code), d.range.start.line) for d in published.diagnostics} == expected
    assert {"DP010", "DP013"} <= {code for code, _ in expected}


@pytest.mark.asyncio
async def test_python_document_with_utf8_positions_neovim(client: LanguageClient, tmp_path: Path):
    await initialize(client, "neovim@v0.11", tmp_path)  # prefers UTF-8 positions, no documentChanges
    path = write(tmp_path, "lambda/auth.py", PY_ENV)
    uri = path.as_uri()
    opened = await publish_after(client, open_doc(client, path, PY_ENV, "python"))
    # `os.environ` at code point 25 of line 5: 28 in UTF-8 (the rocket is 4 bytes).
    assert summary(opened.diagnostics) == [("LE001", 5, 28, 5, 47)]
    (le001,) = opened.diagnostics
    (ignore,) = [a for a in await actions_for(client, uri, le001) if a.title.startswith("Ignore")]
    # A client that does not send `data` back still gets the actions of the published diagnostic.
    without_data = types.Diagnostic(range=le001.range, message=le001.message, code=le001.code, source=le001.source)
    assert [a.title for a in await actions_for(client, uri, without_data)] == [ignore.title]
    edits, version = edits_of(ignore, uri)
    assert version is None  # a plain `changes` edit: this client does not do versioned edits
    text = apply_edits(PY_ENV, edits, "utf-8")
    assert text.splitlines()[5] == '    label = "🚀"; stage = os.environ["STAGE"]  # edgelint: ignore[LE001]'
    after = await publish_after(client, change(client, path, 2, full(text)))
    assert list(after.diagnostics) == []


@pytest.mark.asyncio
async def test_same_targets_config_and_excludes_as_the_cli(client: LanguageClient, tmp_path: Path):
    await initialize(client, "visual-studio-code", tmp_path)
    write(tmp_path, "pyproject.toml", '[tool.edgelint]\nignore = ["MG"]\nexclude = ["vendor/"]\n\n'
                                      '[[tool.edgelint.functions]]\npaths = ["edge/legacy.js"]\n'
                                      'runtime = "cloudfront-js-1.0"\nevent = "viewer-request"\n')
    # Only the config entry makes this a (1.0) CloudFront Function: `const` and `let` are errors there.
    legacy = "const LIMIT = 3;\nfunction check(event) {\n  let n = LIMIT;\n  return n;\n}\n"
    path = write(tmp_path, "edge/legacy.js", legacy)
    published = await publish_after(client, open_doc(client, path, legacy))
    cli = subprocess.run([sys.executable, "-m", "edgelint", "check", "--output-format", "json", "edge/legacy.js"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=60)
    expected = sorted((f["code"], f["line"] - 1, f["column"] - 1, f["end_line"] - 1, f["end_column"] - 1)
                      for f in json.loads(cli.stdout))
    assert expected and {e[0] for e in expected} >= {"CF006", "CF007"}
    assert summary(published.diagnostics) == expected

    broken = NETWORK
    for name, text in (("vendor/fn.js", broken),  # excluded by the config
                       ("web/util.js", "module.exports = { read: function (p) { return p; } };\n"),
                       ("web/app.js", "export default function App() { return <div/>; }\n"),
                       ("deploy/template.yaml", "Resources: {}\n")):
        doc = write(tmp_path, name, text)
        result = await publish_after(client, open_doc(client, doc, text))
        assert list(result.diagnostics) == [], (name, summary(result.diagnostics))


@pytest.mark.asyncio
async def test_deployment_files_give_targets_like_the_cli(client: LanguageClient, tmp_path: Path):
    await initialize(client, "visual-studio-code", tmp_path)
    code = ("exports.handler = async (event) => {\n  const request = event.Records[0].cf.request;\n"
            "  request.headers['host'] = [{ key: 'Host', value: 'other.example.com' }];\n  return request;\n};\n")
    write(tmp_path, "template.yaml", "Transform: AWS::Serverless-2016-10-31\nResources:\n  EdgeFn:\n"
                                     "    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n"
                                     "      Handler: index.handler\n      Runtime: nodejs22.x\n      AutoPublishAlias: live\n"
                                     "  Dist:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n"
                                     "      DistributionConfig:\n        DefaultCacheBehavior:\n"
                                     "          LambdaFunctionAssociations:\n            - EventType: viewer-request\n"
                                     "              LambdaFunctionARN: !Ref EdgeFn.Version\n")
    path = write(tmp_path, "src/index.js", code)
    published = await publish_after(client, open_doc(client, path, code))
    # host is read-only only in viewer-request: the event comes from the template, as on the CLI.
    assert ("LE003", 2, 2) in {(str(d.code), d.range.start.line, d.range.start.character)
                               for d in published.diagnostics}


@pytest.mark.asyncio
async def test_saving_the_config_relints_and_closing_clears(client: LanguageClient, tmp_path: Path):
    await initialize(client, "visual-studio-code", tmp_path)
    config = write(tmp_path, "edgelint.toml", "ignore = []\n")
    path = write(tmp_path, "fn.js", NETWORK)
    opened = await publish_after(client, open_doc(client, path, NETWORK))
    assert {d.code for d in opened.diagnostics} == {"CF001", "MG001"}
    config.write_text('ignore = ["MG001"]\n', "utf-8")
    saved = await publish_after(client, lambda: client.text_document_did_save(
        types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(config.as_uri()))))
    assert saved.uri == path.as_uri() and {d.code for d in saved.diagnostics} == {"CF001"}
    closed = await publish_after(client, lambda: client.text_document_did_close(
        types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(path.as_uri()))))
    assert closed.uri == path.as_uri() and list(closed.diagnostics) == []


@pytest.mark.asyncio
async def test_a_broken_config_is_reported_on_the_document(client: LanguageClient, tmp_path: Path):
    await initialize(client, "visual-studio-code", tmp_path)
    write(tmp_path, "edgelint.toml", 'select = ["CF999"]\n')
    path = write(tmp_path, "fn.js", NETWORK)
    result = await publish_after(client, open_doc(client, path, NETWORK))
    (diagnostic,) = result.diagnostics
    assert "edgelint.toml" in diagnostic.message and "CF999" in diagnostic.message


@pytest.mark.asyncio
async def test_quick_edits_end_with_the_newest_text_and_nothing_stale(client: LanguageClient, tmp_path: Path):
    """Small documents are linted at once on every change; changes that arrive during a lint
    are coalesced into one more lint of the newest text, and a result for a version the editor
    has already replaced is never published."""
    await initialize(client, "visual-studio-code", tmp_path)
    path = write(tmp_path, "fn.js", NETWORK)
    await publish_after(client, open_doc(client, path, NETWORK))
    texts = [NETWORK.replace("fetch", name) for name in ("fetc", "fet", "fe", "f", "setTimeout")]
    seen: list[types.PublishDiagnosticsParams] = []

    def type_quickly() -> None:
        for version, text in enumerate(texts, start=2):
            change(client, path, version, full(text))()

    type_quickly()
    while not seen or seen[-1].version != 6:
        seen.append(await asyncio.wait_for(client.protocol.wait_for_notification_async(PUBLISH), 30))
    versions = [p.version for p in seen]
    # In order, each published version the newest the server had when it published (how many
    # there are depends on how fast the lints run against the typing).
    assert versions == sorted(set(versions)), versions
    assert "CF005" in {d.code for d in seen[-1].diagnostics}
    with pytest.raises(asyncio.TimeoutError):  # and nothing after the newest
        await asyncio.wait_for(client.protocol.wait_for_notification_async(PUBLISH), 1.0)


def _big_function(extra: int) -> str:
    """A CloudFront Function of about 10 KB: a redirect table and a handler, plus `extra`
    console.log calls with two arguments (one CF014 each)."""
    table = "".join(f'    "/old/page-{i:03d}": "/new/page-{i:03d}",\n' for i in range(250))
    logs = "".join(f'    console.log("edit", {i});\n' for i in range(extra))
    return ("var REDIRECTS = {\n" + table + "};\n\nfunction handler(event) {\n    var request = event.request;\n"
            + logs + "    var target = REDIRECTS[request.uri];\n"
            "    if (target) {\n        return { statusCode: 301, statusDescription: 'Moved Permanently',\n"
            "                 headers: { location: { value: target } } };\n    }\n    return request;\n}\n")


@pytest.mark.asyncio
async def test_every_edit_of_a_10kb_function_gets_its_diagnostics(client: LanguageClient, tmp_path: Path):
    # The time this takes is measured by benchmarks/bench.py, not asserted here.
    await initialize(client, "visual-studio-code", tmp_path)
    text = _big_function(0)
    assert 9_000 < len(text.encode()) < 10_240
    path = write(tmp_path, "edge/redirects.js", text)
    opened = await publish_after(client, open_doc(client, path, text))
    assert not [d for d in opened.diagnostics if d.severity == types.DiagnosticSeverity.Error]
    for edit in range(1, 6):
        result = await publish_after(client, change(client, path, edit + 1, full(_big_function(edit))))
        assert result.version == edit + 1
        assert sum(d.code == "CF014" for d in result.diagnostics) == edit


@pytest.mark.asyncio
async def test_a_large_document_waits_for_the_pause_after_typing(client: LanguageClient, tmp_path: Path):
    from edgelint.lsp import DEBOUNCE_SECONDS, IMMEDIATE_MAX_CHARS

    await initialize(client, "visual-studio-code", tmp_path)
    padding = "// " + "x" * 100 + "\n"
    text = padding * (IMMEDIATE_MAX_CHARS // len(padding) + 10) + NETWORK
    path = write(tmp_path, "big.js", text)
    await publish_after(client, open_doc(client, path, text))  # opening is linted at once
    started = time.perf_counter()
    result = await publish_after(client, change(client, path, 2, full(text.replace("fetch", "fetc"))))
    assert time.perf_counter() - started >= DEBOUNCE_SECONDS
    assert result.version == 2 and "CF001" not in {d.code for d in result.diagnostics}


def test_lsp_without_pygls_says_what_to_install(tmp_path: Path):
    # `None` in sys.modules makes `import pygls` fail as if the package were not installed.
    code = "import sys; sys.modules['pygls'] = None; sys.argv = ['edgelint', 'lsp']; from edgelint.cli import main; main()"
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "install edgelint[lsp]" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_position_map_units_and_line_endings():
    from edgelint.lsp import PositionMap

    text = 'a = "😀";\r\nb\n'
    utf16 = PositionMap(text)
    assert utf16.at(1, 7) == types.Position(0, 7)  # after the emoji: 6 code points, 7 UTF-16 units
    assert utf16.at(1, 99) == types.Position(0, 9)  # clamped before the \r
    assert utf16.at(2, 2) == types.Position(1, 1)
    assert utf16.at(9, 1) == types.Position(2, 0)  # past the end: the last (empty) line
    assert utf16.at_offset(text.index("b")) == types.Position(1, 0)
    assert PositionMap(text, "utf-8").at(1, 7) == types.Position(0, 9)
    assert PositionMap(text, "utf-32").at(1, 7) == types.Position(0, 6)


def test_ignore_edit_joins_an_existing_comment_and_skips_comment_lines():
    from edgelint.lsp import PositionMap, ignore_edit
    from edgelint.model import Finding, Severity, Span

    def edit(text: str, line: int, python: bool = False) -> dict:
        finding = Finding("CF005", "timers", Severity.ERROR, "m", "h", "fn.js", Span(line, 1, line, 2))
        return ignore_edit(finding, PositionMap(text), python)

    joined = edit("setTimeout(f, 1); // edgelint: ignore[CF001] -- legacy\n", 1)
    assert joined == {"range": {"start": {"line": 0, "character": 43}, "end": {"line": 0, "character": 43}},
                      "newText": ", CF005"}  # before the `]`: ignore[CF001, CF005]
    above = edit("// edgelint: runtime=cloudfront-js-2.0\nfunction handler(event) {}\n", 1)
    assert above["range"]["start"] == {"line": 0, "character": 0}
    assert above["newText"] == "// edgelint: ignore[CF005]\n"
    crlf = edit("x = os.environ['A']\r\n", 1, python=True)
    assert crlf["range"]["start"] == {"line": 0, "character": 19}  # before the \r
    assert crlf["newText"] == "  # edgelint: ignore[CF005]"
