"""`edgelint lsp`: a language server on stdio (pygls 2.x, the `lsp` extra).

A document gets the diagnostics `edgelint check .` would report for its file: the same config
discovery (nearest config wins), targets (pragma, config functions, heuristics), excludes and
suppressions. Linting runs off the event loop: at once after a change to a document of up to
IMMEDIATE_MAX_CHARS, DEBOUNCE_SECONDS after the last change of a larger one; one lint per
document at a time, then one more on the newest text, and a result for an older version is
dropped. The workspace's deployment files are read in the background from `initialized`. Each
diagnostic carries its fix and an ignore-comment edit in `data`, as ruff's server does, so a
code action needs no re-lint.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable
from urllib.parse import unquote

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidRequest
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method
from pygls.uris import to_fs_path

from edgelint import __version__, rule_url
from edgelint.config import CONFIG_FILES, Config, ConfigError, builtin_excluded, load_config, matches_any
from edgelint.engine import (_relpath, build_settings, deployment_links, is_code_name,
                             is_deployment_name, lint_source, project_deployments)
from edgelint.model import FileResult, Finding, Severity
from edgelint.rule import load_rules, rule_index
from edgelint.suppress import DIRECTIVE_RE
from edgelint.text import LineIndex

DEBOUNCE_SECONDS = 0.3
# Documents up to this size are linted on every change at once (a lint takes milliseconds);
# larger ones wait DEBOUNCE_SECONDS after the last change.
IMMEDIATE_MAX_CHARS = 64 * 1024
SOURCE = "edgelint"
SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
log = logging.getLogger(__name__)


# -- positions ------------------------------------------------------------------------

def _units(encoding: str) -> Callable[[str], int]:
    """Length of a string in the negotiated position encoding's code units."""
    if encoding == types.PositionEncodingKind.Utf8:
        return lambda s: len(s.encode("utf-8", "surrogatepass"))
    if encoding == types.PositionEncodingKind.Utf32:
        return len
    return lambda s: len(s.encode("utf-16-le", "surrogatepass")) // 2


class PositionMap:
    """The engine's positions (character offsets; 1-based lines and code-point columns) as LSP
    positions (0-based lines, columns in UTF-16 code units unless the client chose another
    encoding). Lines end at "\\n", as in the engine; a "\\r" before it is part of no column."""

    def __init__(self, text: str, encoding: str = types.PositionEncodingKind.Utf16) -> None:
        self.text = text
        self.index = LineIndex(text)
        self.units = _units(encoding)

    def _line_end(self, line0: int) -> int:
        starts = self.index.starts
        end = starts[line0 + 1] - 1 if line0 + 1 < len(starts) else len(self.text)
        return end - 1 if end > starts[line0] and self.text[end - 1] == "\r" else end

    def at_offset(self, offset: int) -> types.Position:
        offset = max(0, min(offset, len(self.text)))
        line, _ = self.index.position(offset)
        start = self.index.starts[line - 1]
        return types.Position(line - 1, self.units(self.text[start:min(offset, self._line_end(line - 1))]))

    def at(self, line: int, column: int) -> types.Position:
        """1-based line and code-point column, clamped to the text and to the line."""
        line0 = max(0, min(line - 1, len(self.index.starts) - 1))
        start = self.index.starts[line0]
        return self.at_offset(min(start + max(column - 1, 0), self._line_end(line0)))

    def span(self, line: int, column: int, end_line: int, end_column: int) -> types.Range:
        start, end = self.at(line, column), self.at(end_line, end_column)
        if (end.line, end.character) < (start.line, start.character):
            end = start
        return types.Range(start, end)

    def line_end(self, line: int) -> types.Position:
        line0 = max(0, min(line - 1, len(self.index.starts) - 1))
        return self.at_offset(self._line_end(line0))


def _range_json(r: types.Range) -> dict[str, Any]:
    return {"start": {"line": r.start.line, "character": r.start.character},
            "end": {"line": r.end.line, "character": r.end.character}}


def _edit_json(r: types.Range, new_text: str) -> dict[str, Any]:
    return {"range": _range_json(r), "newText": new_text}


def _text_edit(data: dict[str, Any]) -> types.TextEdit:
    start, end = data["range"]["start"], data["range"]["end"]
    return types.TextEdit(range=types.Range(types.Position(start["line"], start["character"]),
                                            types.Position(end["line"], end["character"])),
                          new_text=data["newText"])


# -- findings → diagnostics ---------------------------------------------------------------

def ignore_edit(finding: Finding, positions: PositionMap, python: bool) -> dict[str, Any] | None:
    """An edit that suppresses `finding` with `edgelint: ignore[CODE]`: the code is added to an
    ignore comment already on the line, else a comment is appended to the line; a line with no
    code on it (blank, or only a comment) gets the comment on its own line above instead."""
    line = finding.span.line
    line_text = positions.index.line_text(line)
    marker = "#" if python else "//"
    for match in DIRECTIVE_RE.finditer(line_text):
        if match.group(1) == "ignore":
            before = line_text[:match.end(2)].rstrip()
            inside = match.group(2).strip()
            position = positions.at(line, len(before) + 1)
            return _edit_json(types.Range(position, position), f", {finding.code}" if inside else finding.code)
    stripped = line_text.strip()
    if not stripped or stripped.startswith(("#", "//", "/*", "*")):
        indent = line_text[:len(line_text) - len(line_text.lstrip())]
        position = positions.at(line, 1)
        return _edit_json(types.Range(position, position), f"{indent}{marker} edgelint: ignore[{finding.code}]\n")
    end = positions.line_end(line)
    padding = "" if line_text.endswith((" ", "\t")) else "  "
    return _edit_json(types.Range(end, end), f"{padding}{marker} edgelint: ignore[{finding.code}]")


def _range(span: Any, positions: PositionMap) -> types.Range:
    """From character offsets when the finding has them: a JavaScript line count (which also
    breaks at U+2028, U+2029 and a lone CR) then never disagrees with the editor's."""
    if span.end_offset > span.start_offset or span.start_offset > 0:
        return types.Range(positions.at_offset(span.start_offset), positions.at_offset(span.end_offset))
    return positions.span(span.line, span.column, span.end_line, span.end_column)


def to_diagnostic(finding: Finding, positions: PositionMap, version: int | None,
                  python: bool) -> types.Diagnostic:
    span = finding.span
    data: dict[str, Any] = {"version": version, "fix": None, "ignore": None}
    if finding.fix is not None and finding.fix.edits:
        data["fix"] = {
            "title": finding.fix.message, "applicability": finding.fix.applicability,
            "edits": [_edit_json(types.Range(positions.at_offset(e.start), positions.at_offset(e.end)), e.content)
                      for e in finding.fix.edits]}
    # A file that does not parse cannot read its comments; EL002 is about the comment itself.
    if not finding.code.startswith("EL"):
        data["ignore"] = ignore_edit(finding, positions, python)
    message = finding.message if not finding.help else f"{finding.message}\n{finding.help}"
    return types.Diagnostic(
        range=_range(span, positions),
        message=message,
        severity=SEVERITY.get(finding.severity, types.DiagnosticSeverity.Warning),
        code=finding.code,
        code_description=types.CodeDescription(href=rule_url(finding.code)),
        source=SOURCE,
        data=data)


# Targets the deployment files of each workspace give its code files (SPEC §1 step 4): read in
# the background from `initialized`, dropped when a deployment or config file is saved. Until a
# workspace's scan is done, a document gets the links of the deployment files that can name it
# (what a one-file `edgelint check` reads), so its first diagnostics never wait for the scan.
_LINKS: dict[Path, dict[str, Any]] = {}
# Settings per (config folder, workspace): built once, not on every keystroke.
_SETTINGS: dict[tuple[Path, Path], Any] = {}
# Folders of documents outside every workspace folder (never walked for deployment files).
_OUTSIDE: set[Path] = set()
# The targets the last lint of each file (resolved path) used.
_last_links: dict[str, list[Any]] = {}


def forget_project_state() -> None:
    _LINKS.clear()
    _SETTINGS.clear()


def _settings(path: Path, project_root: Path) -> Any:
    key = (path.parent, project_root)
    settings = _SETTINGS.get(key)
    if settings is None:
        config = load_config(None, path.parent, list(rule_index()))
        if config.path is None:  # no config file: the project root anchors the excludes
            config = Config(root=project_root.resolve())
        settings = _SETTINGS[key] = build_settings(config, cwd=project_root, discover=True)
    return settings


def scan_links(project_root: Path) -> dict[str, Any]:
    """Every deployment file of a workspace, read for the targets it gives code files."""
    settings = build_settings(Config(root=project_root.resolve()), cwd=project_root, discover=True)
    links = deployment_links([str(project_root)], settings)
    _LINKS[project_root] = links
    return links


def warm_up() -> None:
    """Import what linting needs (parsers, grammars, rules) before the first document arrives."""
    from edgelint.config import Config as _Config

    settings = build_settings(_Config(), discover=False)
    for name, text in (("warm-up.js", "function handler(event) { return event.request; }\n"),
                       ("warm-up.mjs", "export const handler = async (e) => e.Records[0].cf.request;\n")):
        try:
            lint_source(text, name, settings)
        except Exception:  # an optimisation only
            log.exception("warming up failed")


def _links_for(path: Path, project_root: Path, settings: Any) -> dict[str, Any]:
    links = _LINKS.get(project_root)
    if links is not None:
        return links
    if project_root in _OUTSIDE:
        return {}  # a document outside every workspace folder: its folder is not walked
    from edgelint.deploy.linking import build_links

    return build_links(project_deployments([str(path)], settings, set(), root=project_root))


def lint_file(text: str, path: Path, project_root: Path) -> FileResult | None:
    """What `edgelint check` run in `project_root` reports for `path` (holding `text`), or None
    when the CLI would not lint it (not code or deployment configuration, or excluded). Raises
    ConfigError."""
    if is_deployment_name(path.name):  # templates, serverless.yml, Terraform: DP findings as the CLI gives
        settings = _settings(path, project_root)
        nearest = settings.config_for(path)
        rel = _relpath(path, nearest.root)
        if builtin_excluded(rel) or matches_any([*nearest.exclude, *nearest.extend_exclude], rel):
            return None
        return lint_source(text, str(path), settings, explicit=False)
    if not is_code_name(path.name):
        return None
    settings = _settings(path, project_root)
    settings.links = _links_for(path, project_root, settings)
    key = str(path.resolve())
    _last_links[key] = settings.links.get(key, [])
    nearest = settings.config_for(path)
    rel = _relpath(path, nearest.root)
    if builtin_excluded(rel) or matches_any([*nearest.exclude, *nearest.extend_exclude], rel):
        return None
    return lint_source(text, str(path), settings, explicit=False)


def diagnostics_for(text: str, path: Path, project_root: Path, version: int | None,
                    encoding: str = types.PositionEncodingKind.Utf16) -> list[types.Diagnostic]:
    try:
        result = lint_file(text, path, project_root)
    except ConfigError as exc:  # shown on the document: linting resumes once the config is fixed
        return [types.Diagnostic(range=types.Range(types.Position(0, 0), types.Position(0, 0)),
                                 message=f"edgelint: {exc}", severity=types.DiagnosticSeverity.Error,
                                 source=SOURCE)]
    if result is None:
        return []
    positions = PositionMap(text, encoding)
    python = path.suffix == ".py" or is_deployment_name(path.name)  # `#` comments for ignore edits
    return [to_diagnostic(f, positions, version, python) for f in result.findings]


# -- the server ----------------------------------------------------------------------------

class _Protocol(LanguageServerProtocol):
    """The LSP protocol, refusing a second `initialize` (pygls would replace the workspace and
    forget every open document)."""

    @lsp_method(types.INITIALIZE)
    def lsp_initialize(self, params: types.InitializeParams) -> Any:
        if self._workspace is not None:
            raise JsonRpcInvalidRequest("edgelint: the server is already initialized")
        return (yield from super().lsp_initialize(params))


class EdgelintServer(LanguageServer):
    def __init__(self, debounce: float = DEBOUNCE_SECONDS) -> None:
        super().__init__(SOURCE, __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
                         protocol_cls=_Protocol)
        self.debounce = debounce
        self._timers: dict[str, asyncio.TimerHandle] = {}
        self._tasks: set[asyncio.Task[None]] = set()  # running lints (the loop keeps weak references)
        # One lint at a time, off the event loop: the engine's deep-stack helper is not reentrant
        # across threads, and a lint takes tens of milliseconds.
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="edgelint-lint")
        # Last published diagnostics per document, for clients that do not send `data` back.
        self.published: dict[str, list[types.Diagnostic]] = {}
        self.open_uris: set[str] = set()  # as the client spells them
        # A document being linted, and those changed meanwhile: one lint per document at a
        # time, and after it one more on the newest text, never a queue of stale versions.
        self._running: set[str] = set()
        self._again: set[str] = set()
        # Workspace scans for deployment links, in a process of their own: parsing hundreds of
        # templates in a thread would take the interpreter lock from the lints for seconds.
        self._scanner: Any = None
        # The targets deployment files gave each document at its last lint.
        self.linked: dict[str, list[Any]] = {}

    def change_delay(self, uri: str) -> float:
        """At once for a document a lint handles in milliseconds; after a pause for a big one."""
        document = self.document(uri)
        return 0 if document is not None and len(document.source) <= IMMEDIATE_MAX_CHARS else self.debounce

    def scan_workspaces(self) -> None:
        """Read each workspace folder's deployment files in the background; documents linted
        before a scan ends are linted again with its links."""
        roots = [Path(p) for f in (self.workspace.folders or {}).values() if (p := to_fs_path(f.uri))]
        if not roots and self.workspace.root_path:
            roots.append(Path(self.workspace.root_path))
        loop = asyncio.get_running_loop()
        if self._scanner is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # spawn, not fork: this process runs threads (the event loop, the lint thread).
            self._scanner = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        for root in roots:
            if root in _LINKS:
                continue
            future = loop.run_in_executor(self._scanner, scan_links, root)
            future.add_done_callback(lambda done, root=root: self._scanned(root, done))
        # Meanwhile, the lint thread loads the parsers and rules a first document needs.
        loop.run_in_executor(self._executor, warm_up)

    def _scanned(self, root: Path, done: Any) -> None:
        if done.cancelled() or done.exception() is not None:
            if not done.cancelled():
                log.error("scanning %s for deployment files failed: %s", root, done.exception())
            return
        links = _LINKS[root] = done.result()
        for uri in list(self.open_uris):
            document = self.document(uri)
            if document is None or not document.path or self.project_root(Path(document.path)) != root:
                continue
            key = str(Path(document.path).resolve())
            if uri in self.linked and self.linked[uri] != links.get(key, []):
                self.schedule(uri, 0)  # the full scan gives it another target than its first lint

    def project_root(self, path: Path) -> Path:
        """The workspace folder holding `path` (deepest first), else the file's folder."""
        roots = [Path(p) for f in self.workspace.folders.values() if (p := to_fs_path(f.uri))]
        if self.workspace.root_path:
            roots.append(Path(self.workspace.root_path))
        inside = [r for r in roots if r == path.parent or r in path.parents]
        if not inside:
            _OUTSIDE.add(path.parent)  # no workspace: nothing is scanned for it
        return max(inside, key=lambda r: len(r.parts)) if inside else path.parent

    def schedule(self, uri: str, delay: float) -> None:
        """Lint `uri` after `delay` seconds; a newer request for the same document replaces it."""
        pending = self._timers.pop(uri, None)
        if pending is not None:
            pending.cancel()
        self._timers[uri] = asyncio.get_running_loop().call_later(delay, self._start_lint, uri)

    def _start_lint(self, uri: str) -> None:
        task = asyncio.ensure_future(self.lint(uri))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def document(self, uri: str) -> Any:
        """The open document at `uri`, or None (pygls keys documents by the unquoted URI)."""
        return self.workspace.text_documents.get(unquote(uri))

    def cancel(self, uri: str) -> None:
        pending = self._timers.pop(uri, None)
        if pending is not None:
            pending.cancel()

    async def lint(self, uri: str) -> None:
        self._timers.pop(uri, None)
        if uri in self._running:
            self._again.add(uri)  # linted again, on the newest text, when this lint ends
            return
        self._running.add(uri)
        try:
            await self._lint(uri)
        finally:
            self._running.discard(uri)
            if uri in self._again:
                self._again.discard(uri)
                self.schedule(uri, 0)

    async def _lint(self, uri: str) -> None:
        document = self.document(uri)
        if document is None or not uri.startswith("file:") or not document.path:
            return  # only files on disk have a config, excludes and targets to resolve
        text, version = document.source, document.version
        path = Path(document.path)
        encoding = self.workspace.position_encoding or types.PositionEncodingKind.Utf16
        loop = asyncio.get_running_loop()
        root = self.project_root(path)
        try:
            diagnostics = await loop.run_in_executor(
                self._executor, diagnostics_for, text, path, root, version, encoding)
        except Exception as exc:  # a bug must not take the server down: log it, keep serving
            log.exception("linting %s failed", uri)
            self.window_log_message(types.LogMessageParams(
                types.MessageType.Error, f"edgelint: linting {path} failed: {type(exc).__name__}: {exc}"))
            return
        current = self.document(uri)
        if current is None or current.version != version:
            return  # closed or changed meanwhile: the newer change has its own lint scheduled
        self.published[uri] = diagnostics
        self.linked[uri] = _last_links.get(str(path.resolve()), [])
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version))

    def relint_all(self) -> None:
        for uri in self.open_uris:
            self.schedule(uri, 0)


def _workspace_edit(ls: EdgelintServer, uri: str, version: int | None,
                    edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    supports_versions = bool(ls.client_capabilities.workspace and ls.client_capabilities.workspace.workspace_edit
                             and ls.client_capabilities.workspace.workspace_edit.document_changes)
    if supports_versions:  # the client refuses the edit if the document changed since the lint
        return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(
            text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version),
            edits=edits)])
    return types.WorkspaceEdit(changes={uri: edits})


FIX_ALL = "source.fixAll.edgelint"


def _wants(only: list[str] | None, kind: str) -> bool:
    """Whether a code action request restricted to `only` kinds asks for `kind` (or a parent of it)."""
    return not only or any(kind == k or kind.startswith(f"{k}.") for k in only)


def fix_all_action(ls: EdgelintServer, uri: str) -> types.CodeAction | None:
    """Every safe fix of the document at once, as `edgelint check --fix` would apply them."""
    from edgelint.fix import fix_source

    document = ls.document(uri)
    path = to_fs_path(uri)
    if document is None or path is None or not is_code_name(Path(path).name):
        return None
    text, version = document.source, document.version
    file = Path(path)
    root = ls.project_root(file)

    def lint(source: str) -> Any:
        result = lint_file(source, file, root)
        return result if result is not None else FileResult(str(file), None, [])

    try:
        outcome = fix_source(text, lint, path=str(file))
    except ConfigError:
        return None
    if not outcome.changed:
        return None
    positions = PositionMap(text, ls.workspace.position_encoding or types.PositionEncodingKind.Utf16)
    whole = types.Range(types.Position(0, 0), positions.at_offset(len(text)))
    return types.CodeAction(title=f"Fix all edgelint findings ({len(outcome.applied)} safe fixes)",
                            kind=FIX_ALL, edit=_workspace_edit(ls, uri, version,
                                                               [types.TextEdit(range=whole, new_text=outcome.text)]))


def hover(ls: EdgelintServer, params: types.HoverParams) -> types.Hover | None:
    """The rule documentation of the findings under the cursor."""
    line, character = params.position.line, params.position.character
    codes = []
    for d in ls.published.get(params.text_document.uri, []):
        start, end = d.range.start, d.range.end
        if (start.line, start.character) <= (line, character) <= (end.line, end.character) and d.code not in codes:
            codes.append(d.code)
    if not codes:
        return None
    rules = load_rules()
    parts = []
    for code in codes:
        rule = rules.get(str(code))
        if rule is None:
            continue
        doc = rule.doc()
        what = doc.split("## Why is this bad?")[0].replace("## What it does", "").strip()
        parts.append(f"**{code} {rule.name}** — {rule.summary}\n\n{what}\n\n[Documentation]({rule_url(code)})")
    if not parts:
        return None
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)))


def code_actions(ls: EdgelintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    only = params.context.only
    uri = params.text_document.uri
    actions: list[types.CodeAction] = []
    if only and _wants(only, FIX_ALL):
        fix_all = fix_all_action(ls, uri)
        return [fix_all] if fix_all is not None else []
    if not _wants(only, types.CodeActionKind.QuickFix):
        return []
    document = ls.document(uri)
    published = {(d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character): d
                 for d in ls.published.get(uri, [])}
    for diagnostic in params.context.diagnostics:
        if diagnostic.source != SOURCE or diagnostic.code is None:
            continue
        data = diagnostic.data
        if not isinstance(data, dict):
            r = diagnostic.range
            known = published.get((diagnostic.code, r.start.line, r.start.character, r.end.line, r.end.character))
            data = known.data if known is not None else None
        if not isinstance(data, dict):
            continue
        version = data.get("version")
        if document is not None and version is not None and document.version != version:
            continue  # edits computed for an older text; a fresh lint is on its way
        fix = data.get("fix")
        if fix:
            safe = fix.get("applicability") == "safe"
            title = f"{fix['title']} ({diagnostic.code})" + ("" if safe else " — review: changes behaviour")
            actions.append(types.CodeAction(
                title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic], is_preferred=safe,
                edit=_workspace_edit(ls, uri, version, [_text_edit(e) for e in fix["edits"]])))
        ignore = data.get("ignore")
        if ignore:
            actions.append(types.CodeAction(
                title=f"Ignore {diagnostic.code} for this line", kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic], edit=_workspace_edit(ls, uri, version, [_text_edit(ignore)])))
    return actions


def create_server(debounce: float = DEBOUNCE_SECONDS) -> EdgelintServer:
    server = EdgelintServer(debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: EdgelintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.open_uris.add(params.text_document.uri)
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.INITIALIZED)
    def initialized(ls: EdgelintServer, params: types.InitializedParams) -> None:
        ls.scan_workspaces()

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: EdgelintServer, params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.schedule(uri, ls.change_delay(uri))

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: EdgelintServer, params: types.DidSaveTextDocumentParams) -> None:
        name = Path(to_fs_path(params.text_document.uri) or "").name
        if name in CONFIG_FILES or is_deployment_name(name):
            forget_project_state()  # deployment files give code files their targets
            ls.scan_workspaces()
            ls.relint_all()  # the config may have changed every open file's result
        else:
            ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: EdgelintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.cancel(uri)
        ls.open_uris.discard(uri)
        ls.published.pop(uri, None)
        ls.linked.pop(uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                   types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]))(code_actions)
    server.feature(types.TEXT_DOCUMENT_HOVER)(hover)
    return server


# A message body larger than this is not read: a client (or garbage) announcing 10^12 bytes must
# not make the server allocate them. The header is skipped and the stream read on.
MAX_MESSAGE_BYTES = 64 * 1024 * 1024


class _GuardedStdin:
    """Standard input as pygls reads it (readline for headers, read(n) for a body), refusing
    absurd body lengths."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def readline(self) -> bytes:
        return self.stream.readline(MAX_MESSAGE_BYTES)

    def read(self, n: int) -> bytes:
        if n > MAX_MESSAGE_BYTES:
            log.error("ignoring a message that announces %d bytes", n)
            return b"null"  # handled as a malformed message; nothing of the stream is consumed
        return self.stream.read(n)


def start(debounce: float = DEBOUNCE_SECONDS) -> None:
    """Serve on stdin/stdout until the client says exit."""
    import sys

    create_server(debounce).start_io(stdin=_GuardedStdin(sys.stdin.buffer))
