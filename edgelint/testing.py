"""Helpers that turn rule examples and fixture files into test cases."""

from __future__ import annotations

import re
from typing import Any, Callable
import tempfile
from pathlib import Path

from edgelint.config import Config
from edgelint.engine import build_settings, lint_source
from edgelint.model import FileResult
from edgelint.model import Finding
from edgelint.rule import Example, Rule

EXPECT_RE = re.compile(r"(?://|#)\s*expect:\s*([A-Z]{2}\d{3}(?:\s*,\s*[A-Z]{2}\d{3})*)")


def run_example(rule: type[Rule], example: Example, runtime: str) -> list[Finding]:
    """Lint an example under `runtime` (and its event), with every rule on; return this rule's findings."""
    code_file = example.filename is not None and example.filename.endswith((".ts", ".tsx", ".mts", ".cts"))
    if example.filename and not code_file:  # a deployment file: its own content decides every target
        settings = build_settings(Config())
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / example.filename
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(example.code, "utf-8")
            result = lint_source(example.code, str(path), settings)
        return [f for f in result.findings if f.code == rule.code]
    runtime = example.runtime or runtime
    settings = build_settings(Config(), cli_runtime=runtime, cli_event=example.event)
    name = example.filename if code_file else "example.py" if runtime.startswith("python") else "example.js"
    if any("\udc80" <= ch <= "\udcff" for ch in example.code):
        # Bytes that are not UTF-8, written as surrogate escapes: lint the bytes, as a file is read.
        from edgelint.engine import Linter

        data = example.code.encode("utf-8", "surrogateescape")
        result = Linter(settings).lint_bytes(data, name, name, True)
        return [f for f in result.findings if f.code == rule.code]
    result = lint_source(example.code, name, settings)
    return [f for f in result.findings if f.code == rule.code]


def example_cases(rules: dict[str, type[Rule]]) -> list[tuple[str, type[Rule], Example, str, bool]]:
    """(test id, rule, example, runtime, is_valid) for every example under every runtime it runs on."""
    cases = []
    for code, rule in rules.items():
        for kind, examples in (("valid", rule.valid), ("invalid", rule.invalid)):
            for index, example in enumerate(examples):
                runtimes = (example.runtime,) if example.runtime else rule.example_runtimes
                for runtime in runtimes:
                    cases.append((f"{code}-{kind}-{index}-{runtime}", rule, example, runtime, kind == "valid"))
    return cases


def expected_findings(text: str) -> set[tuple[int, str]]:
    """Read `// expect: CODE[, CODE]` markers: (line, code) pairs."""
    expected = set()
    for number, line in enumerate(text.splitlines(), start=1):
        for match in EXPECT_RE.finditer(line):
            for code in match.group(1).split(","):
                expected.add((number, code.strip()))
    return expected


def lint_fixture(path: Path) -> FileResult:
    settings = build_settings(Config(root=path.parent.resolve()))
    text = path.read_text("utf-8")
    return lint_source(text, path.name, settings)


class _Recorder:
    """Takes every fact (for extractor tests)."""

    def __init__(self) -> None:
        self.facts: list[Any] = []

    def _take(self, fact: Any) -> None:
        self.facts.append(fact)


def _recorder_methods() -> None:
    from edgelint.edge.model import HANDLERS

    for method in HANDLERS.values():
        setattr(_Recorder, method, _Recorder._take)


def facts_of(source: str, filename: str = "handler.js", runtime: str = "nodejs22.x",
             event: str | None = None) -> list[Any]:
    """Every edge fact the extractor finds in `source`, in the order rules would get them."""
    from edgelint.edge.model import Sink
    from edgelint.config import runtime_kind
    from edgelint.model import Target

    target = Target(runtime_kind(runtime, event), runtime, event)
    _recorder_methods()
    recorder = _Recorder()
    if filename.endswith(".py"):
        from edgelint.lang.py.context import PyContext, parse_python
        from edgelint.lang.py.facts import PyFacts

        ctx = PyContext(filename, source, parse_python(source), target)
        ctx.walk([], PyFacts(ctx, Sink([recorder])))
        return recorder.facts
    from edgelint.lang.js.context import JsContext
    from edgelint.lang.js.facts import JsFacts
    from edgelint.lang.js.parse import dialect_of, parse_js

    ctx = JsContext(filename, source, parse_js(source, dialect_of(filename)), target)
    extractor = JsFacts(ctx, Sink([recorder]))
    enter: dict[str, list[Any]] = {}
    exit_: dict[str, list[Any]] = {}
    for node_type, method in extractor.handlers().items():
        if node_type.endswith("_exit"):
            exit_.setdefault(node_type[:-5], []).append(method)
        else:
            enter.setdefault(node_type, []).append(method)
    ctx.walk(enter, exit_)
    extractor.finish()
    return recorder.facts


class LspRawClient:
    """`edgelint lsp` driven over raw stdio, for traffic a client library would refuse to send."""


    def __init__(self, cwd: Path) -> None:
        import queue
        import subprocess
        import sys
        import threading

        self.proc = subprocess.Popen([sys.executable, "-m", "edgelint", "lsp"], cwd=cwd, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.messages: "queue.Queue[dict[str, Any]]" = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        import json

        stream = self.proc.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
                if line in (b"\r\n", b"\n"):
                    break
            if length is not None:
                self.messages.put(json.loads(stream.read(length)))

    def raw(self, data: bytes) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def raw_body(self, body: bytes) -> None:
        """One framed message: a Content-Length header and exactly that body."""
        self.raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def send(self, message: dict[str, Any]) -> None:
        import json

        self.raw_body(json.dumps(message).encode())

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait(self, predicate: Callable[[dict[str, Any]], bool], timeout: float = 60) -> dict[str, Any]:
        import queue
        import time

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                message = self.messages.get(timeout=max(0.05, deadline - time.monotonic()))
            except queue.Empty:
                break
            if predicate(message):
                return message
        raise AssertionError("no such message from the server")

    def alive(self) -> bool:
        return self.proc.poll() is None

    def close(self) -> None:
        import subprocess

        if self.alive():
            self.send({"jsonrpc": "2.0", "id": 999, "method": "shutdown"})
            self.notify("exit", {})
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
