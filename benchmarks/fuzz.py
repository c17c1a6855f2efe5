"""Generated and mutated inputs for every kind of file edgelint reads: no input may abort a run.

    python benchmarks/fuzz.py --inputs 100000 --lsp 5000 --seed 1 [--out /tmp/fuzz-findings]

Families: JavaScript, TypeScript, Python, CloudFormation/SAM YAML and JSON, serverless.yml,
Terraform, config files (pyproject.toml, edgelint.toml) and pragma/suppression comments, each
from the repository's fixtures and examples mutated at the byte, token and structure level
(control and NUL bytes, lone surrogates, NEL and line separators, deep nesting, huge repetition,
truncation, splices, hostile paths in deployment files). Every input is linted as `edgelint
check` lints it; JavaScript, TypeScript and Python inputs with fixes also go through a `--fix`
round trip (the result must parse, a second pass must change nothing). `--lsp N` also sends N
malformed messages to a language server and checks it still answers.

Each input runs in a worker process that reports start and end; the parent kills a worker that
spends more than `--timeout` seconds on one input (a hang) or dies (a crash of the interpreter),
and starts a new one. A failure is: an exception escaping the file, an EL003 (edgelint's own
failure, caught), a hang, a dead worker, a broken fix round trip. Each is written to `--out`
with the input, for a regression test. The summary gives counts per family and the peak memory
of a worker.

The test suite runs a short, fixed-seed run (tests/test_fuzz.py)."""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Iterator

ROOT = Path(__file__).resolve().parent.parent

# -- seeds ----------------------------------------------------------------------------------------

FAMILIES = ("js", "ts", "py", "cfn-yaml", "cfn-json", "serverless", "terraform", "config", "pragma")
_SUFFIX = {"js": ".js", "ts": ".ts", "py": ".py", "cfn-yaml": ".yaml", "cfn-json": ".json",
           "serverless": "serverless.yml", "terraform": ".tf", "config": "pyproject.toml", "pragma": ".js"}


def seeds() -> dict[str, list[str]]:
    """Real-shaped inputs per family, from the fixtures and the example project."""
    found: dict[str, list[str]] = defaultdict(list)
    for path in sorted([*(ROOT / "fixtures").rglob("*"), *(ROOT / "examples").rglob("*")]):
        if not path.is_file() or path.stat().st_size > 200_000:
            continue
        try:
            text = path.read_text("utf-8")
        except UnicodeDecodeError:
            continue
        name = path.name
        if name.endswith(".js"):
            found["js"].append(text)
        elif name.endswith(".ts"):
            found["ts"].append(text)
        elif name.endswith(".py"):
            found["py"].append(text)
        elif name in ("serverless.yml", "serverless.yaml"):
            found["serverless"].append(text)
        elif name.endswith((".yaml", ".yml")):
            found["cfn-yaml"].append(text)
        elif name.endswith(".json") and "Resources" in text:
            found["cfn-json"].append(text)
        elif name.endswith(".tf"):
            found["terraform"].append(text)
    found["config"] = [
        '[tool.edgelint]\nselect = ["ALL"]\nignore = ["CF014"]\nexclude = ["dist/"]\n',
        '[tool.edgelint]\ndefault-cloudfront-runtime = "cloudfront-js-1.0"\nregion = "us-east-1"\n'
        '[tool.edgelint.per-file-ignores]\n"tests/**" = ["CF010"]\n[tool.edgelint.severity]\nCF014 = "error"\n',
        '[[tool.edgelint.functions]]\npaths = ["edge/*.js"]\nruntime = "cloudfront-js-2.0"\nevent = "viewer-request"\n'
        'strip-exports = true\nmemory = 128\ntimeout = 5\ninclude-body = false\n',
    ]
    found["pragma"] = [
        "// edgelint: runtime=cloudfront-js-1.0 event=viewer-request\nfunction handler(event) {\n"
        "  return event.request; // edgelint: ignore[CF001, CF005] -- reason\n}\n// edgelint: file-ignore[CF010]\n",
        "/* edgelint: runtime=nodejs22.x event=origin-response */\nexports.handler = async (e) => {\n"
        "  const r = e.Records[0].cf.response; // edgelint: ignore\n  return r;\n};\n",
    ]
    return dict(found)


# -- mutators -------------------------------------------------------------------------------------

_ODD = ["\x00", "\x7f", "\x01", "\x1b", "\ufeff", "\u0085", "\u2028", "\u2029", "\ud800", "\udfff", "\u200d",
        "\U0001F680", "\xff", "\r", "\r\n", "\t", "\\", "\\u", "\\x", "\\U0011ffff", "\\N{", "\\777"]
_TOKENS = {
    "js": ["{", "}", "(", ")", "[", "]", "`", "${", "'", '"', "/*", "*/", "//", "/", "=>", "async ", "await ",
           "export ", "import ", "class ", "function ", "var ", "let ", "const ", "event.request", "event.Records[0].cf",
           "#!/usr/bin/env node\n", "?.", "??", "...", "<div>", "</div>", "@decorator\n", ";", ",", "\n", "0x", "1e999"],
    "py": ["(", ")", "[", "]", "{", "}", ":", "\n    ", "\n", "def ", "class ", "lambda ", "async ", "await ", "'", '"',
           '"""', "f'", "b'", "r'", "#", "\\\n", "os.environ", "event['Records'][0]['cf']", "import os\n", "@d\n",
           "match x:\n", ":=", "**", "*"],
    "yaml": [":", "- ", "{", "}", "[", "]", "!Ref ", "!Sub ", "!If ", "!GetAtt ", "&a ", "*a ", "<<: ", "|\n", ">\n",
             "'", '"', "#", "\n", "  ", "\t", "---\n", "...\n", "%YAML 1.1\n", "? ", "!!binary ", "~", "0x1"],
    "hcl": ["{", "}", "[", "]", "(", ")", '"', "${", "%{", "<<EOF\n", "\nEOF\n", "#", "//", "/*", "=", "\n",
            'file("/dev/zero")', 'templatefile("x", {})', "dynamic ", "for_each = ", "module.", "var.", "local."],
    "json": ["{", "}", "[", "]", ":", ",", '"', "\\", "null", "true", "1e999", "-0", '"Fn::Sub"', '"Ref"'],
    "toml": ["[", "]", "[[", "]]", "=", '"', "'", "\n", "#", "{", "}", "tool.edgelint", "1979-05-27", "inf", "nan"],
}
_FAMILY_TOKENS = {"js": "js", "ts": "js", "pragma": "js", "py": "py", "cfn-yaml": "yaml", "serverless": "yaml",
                  "cfn-json": "json", "terraform": "hcl", "config": "toml"}
_HOSTILE_PATHS = ["../..", "../../..", "/", "/dev/zero", "/proc/self/fd/0", "/proc/kmsg", "\udc80/x",
                  "// edgelint: runtime=nodejs22.x " * 30, "a" * 5000, "s3://bucket/key.zip", "~/", "C:\\\\x"]


def _insert(text: str, rng: random.Random, piece: str) -> str:
    at = rng.randrange(len(text) + 1)
    return text[:at] + piece + text[at:]


def _delete(text: str, rng: random.Random) -> str:
    if not text:
        return text
    start = rng.randrange(len(text))
    return text[:start] + text[start + rng.randint(1, 40):]


def _duplicate(text: str, rng: random.Random) -> str:
    if not text:
        return text
    start = rng.randrange(len(text))
    chunk = text[start:start + rng.randint(1, 200)]
    return _insert(text, rng, chunk * rng.randint(2, 50))


def _nest(family: str, rng: random.Random) -> str:
    depth = rng.choice([50, 500, 3000, 20000])
    opener, closer = {"js": ("[", "]"), "py": ("(", ")"), "yaml": ("[", "]"), "json": ("[", "]"),
                      "hcl": ("[", "]"), "toml": ("[", "]")}[_FAMILY_TOKENS[family]]
    inner = opener * depth + "1" + closer * depth
    return {"js": f"function handler(event) {{ var x = {inner}; return event.request; }}\n",
            "py": f"def handler(event, context):\n    x = {inner}\n    return event['Records'][0]['cf']['request']\n",
            "yaml": f"Resources:\n  A:\n    Type: AWS::Lambda::Function\n    Properties:\n      Layers: {inner}\n",
            "json": f'{{"Resources": {{"A": {{"Type": "AWS::Lambda::Function", "Properties": {{"Layers": {inner}}}}}}}}}',
            "hcl": f'resource "aws_lambda_function" "a" {{\n  layers = {inner}\n}}\n',
            "toml": f"[tool.edgelint]\nselect = {inner}\n"}[_FAMILY_TOKENS[family]]


def _hostile_paths(text: str, rng: random.Random) -> str:
    hostile = json.dumps(rng.choice(_HOSTILE_PATHS))
    for key in ("CodeUri: ", "handler: ", "filename = ", "source_dir = ", "source_file = ", "CodeUri\": "):
        if key in text:
            start = text.index(key) + len(key)
            end = text.find("\n", start)
            return text[:start] + hostile + text[end if end >= 0 else len(text):]
    return _insert(text, rng, "\n      CodeUri: " + hostile + "\n")


def mutate(text: str, family: str, rng: random.Random, pool: list[str]) -> str:
    """One input: a seed with one to eight mutations."""
    kind = _FAMILY_TOKENS[family]
    if rng.random() < 0.03:
        return _nest(family, rng)
    if rng.random() < 0.01:  # a huge file: size limits must hold
        return text * rng.randint(200, 2500)
    for _ in range(rng.randint(1, 8)):
        choice = rng.random()
        if choice < 0.25:
            text = _insert(text, rng, rng.choice(_TOKENS[kind]))
        elif choice < 0.4:
            text = _insert(text, rng, rng.choice(_ODD))
        elif choice < 0.55:
            text = _delete(text, rng)
        elif choice < 0.65:
            text = _duplicate(text, rng)
        elif choice < 0.75 and pool:
            other = rng.choice(pool)
            cut = rng.randrange(len(other) + 1) if other else 0
            text = text[:rng.randrange(len(text) + 1)] + other[cut:]
        elif choice < 0.82:
            text = text[:rng.randrange(len(text) + 1)]  # truncated
        elif choice < 0.9 and family in ("cfn-yaml", "serverless", "terraform", "cfn-json"):
            text = _hostile_paths(text, rng)
        elif family == "pragma" or choice < 0.95:
            runtime = rng.choice(["cloudfront-js-1.0", "cloudfront-js-2.0", "nodejs22.x", "nodejs8.10", "python3.13",
                                  "python2.7", "java21", "", "nodejs", "cloudfront-js-3.0", "\x00"])
            event = rng.choice(["viewer-request", "origin-response", "", "nope", "viewer-request viewer-response"])
            marker = "#" if family == "py" else "//"
            text = f"{marker} edgelint: runtime={runtime} event={event}\n" + text
        else:
            text = text.replace("\n", rng.choice(["\r\n", "\r", "\u2028", "\u0085"]))
    return text


def generate(count: int, seed: int) -> Iterator[tuple[int, str, str]]:
    """(index, family, text) for `count` inputs, deterministic for a seed."""
    rng = random.Random(seed)
    pool = seeds()
    families = [f for f in FAMILIES if pool.get(f)]
    for index in range(count):
        family = families[index % len(families)]
        text = mutate(rng.choice(pool[family]), family, rng, pool[family])
        yield index, family, text


# -- the worker: lints inputs, reports on stdout ------------------------------------------------------

def worker(folder: str, tasks: str) -> None:
    """Run in a child process: for each line of `tasks` (index, family, input file), lint the
    file as `edgelint check` does and print one JSON line with what went wrong."""
    import resource
    import traceback

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 60_000))
    from edgelint.config import Config, load_config
    from edgelint.engine import Linter, build_settings, lint_paths, with_deep_stack
    from edgelint.fix import applicable, fix_bytes, syntax_ok
    from edgelint.rule import rule_index

    base = Path(folder)
    for line in open(tasks, encoding="utf-8"):
        index, family, name = json.loads(line)
        project = base / f"p{index}"
        path = project / name
        print(json.dumps({"start": index}), flush=True)
        problems: list[str] = []
        fix_trips = 0
        try:
            config_error = None
            try:
                config = load_config(None, project, list(rule_index()))
            except Exception as exc:  # ConfigError is the expected answer to a broken config
                if type(exc).__name__ != "ConfigError":
                    raise
                config_error = exc
                config = Config(root=project)
            settings = build_settings(config, cwd=project, discover=config_error is None)
            errors: list[str] = []
            lint_started = time.monotonic()
            results = with_deep_stack(lambda: list(lint_paths([str(path)], settings, errors, jobs=1)))
            lint_seconds = time.monotonic() - lint_started
            for result in results:
                for f in result.findings:
                    if f.code == "EL003":
                        problems.append(f"EL003 {f.message}")
                    if f.line < 1 or f.column < 1 or f.span.end_line < f.line:
                        problems.append(f"bad position {f.code} {f.line}:{f.column}-{f.span.end_line}:{f.span.end_column}")
            problems += [f"error line: {e}" for e in errors if "internal error" in e or "Traceback" in e]
            # --fix round trip on code files
            for result in results:
                if family not in ("js", "ts", "py", "pragma") or not any(applicable(f.fix) for f in result.findings):
                    continue
                data = path.read_bytes()
                linter = Linter(settings, settings.config)

                def lint(text: str, size: int) -> Any:
                    return Linter(settings, settings.config).lint_text(text, str(path), name, True, byte_size=size)

                done = with_deep_stack(lambda: fix_bytes(data, lint, path=name, findings=result.findings,
                                                         source=result.source))
                if done is None:
                    continue
                outcome, decoded = done
                if not outcome.changed:
                    continue
                fix_trips += 1
                if syntax_ok(outcome.original, name) is not False and syntax_ok(outcome.text, name) is False:
                    problems.append("fix: the result does not parse")
                if len(outcome.text) < len(outcome.original) // 2:
                    problems.append("fix: the result lost more than half of the text")
                again = with_deep_stack(lambda: fix_bytes(decoded.encode(outcome.text), lint, path=name))
                if again is not None and again[0].changed:
                    problems.append("fix: a second pass changed the text again")
                del linter
        except BaseException as exc:  # noqa: BLE001 - exactly what this harness looks for
            problems.append("exception escaped: " + "".join(traceback.format_exception_only(type(exc), exc)).strip())
            lint_seconds = 0.0
        peak = _own_peak_kb(resource)
        print(json.dumps({"done": index, "problems": problems, "peak_kb": peak, "lint_s": lint_seconds,
                          "fix_trips": fix_trips}), flush=True)


def _own_peak_kb(resource: Any) -> int:
    """This process's peak resident memory. Linux's ru_maxrss carries the parent's size at fork
    over exec (a worker of a big parent would report the parent), so read VmHWM, which belongs
    to the process image, when /proc has it."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


# -- the parent: feeds workers, watches the clock --------------------------------------------------

def _write_input(folder: Path, index: int, family: str, text: str) -> str:
    project = folder / f"p{index}"
    (project / ".git").mkdir(parents=True, exist_ok=True)
    name = _SUFFIX[family] if not _SUFFIX[family].startswith(".") else f"input{_SUFFIX[family]}"
    if family == "config":
        (project / "fn.js").write_text("function handler(event) { return event.request; }\n", "utf-8")
        name_code = "fn.js"
    else:
        name_code = name
    data = text.encode("utf-8", "surrogatepass")
    (project / name).write_bytes(data)
    return name_code


def run(count: int, seed: int, timeout: float, out: Path | None, jobs: int = 0, batch: int = 250) -> dict[str, Any]:
    """Generate `count` inputs and lint them in `jobs` workers at a time; returns the summary."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    stats: dict[str, Counter] = defaultdict(Counter)
    failures: list[dict[str, Any]] = []
    totals: dict[str, Any] = {"peak_kb": 0, "slowest": 0.0, "peak_input": None}
    lock = threading.Lock()
    # Inputs are generated as workers ask for them: holding all of them would make the parent
    # the biggest process of the run (100,000 inputs: 2.7 GB).
    source = generate(count, seed)

    def next_batch() -> list[tuple[int, str, str]]:
        with lock:
            return list(itertools.islice(source, batch))

    with tempfile.TemporaryDirectory(prefix="edgelint-fuzz-") as tmp:
        folder = Path(tmp)

        def one_worker(_: int) -> None:
            while True:
                pending = next_batch()
                if not pending:
                    return
                one_chunk(pending)

        def one_chunk(pending: list[tuple[int, str, str]]) -> None:
            while pending:
                tasks = folder / f"tasks-{pending[0][0]}.jsonl"
                texts: dict[int, tuple[str, str]] = {}
                with open(tasks, "w", encoding="utf-8") as out_tasks:
                    for index, family, text in pending:
                        name = _write_input(folder, index, family, text)
                        texts[index] = (family, text)
                        out_tasks.write(json.dumps([index, family, name]) + "\n")
                local_stats: dict[str, Counter] = defaultdict(Counter)
                local_failures: list[dict[str, Any]] = []
                outcome = _run_chunk(folder, tasks, pending, timeout, local_stats, local_failures, texts)
                with lock:
                    for family, counter in local_stats.items():
                        stats[family].update(counter)
                    failures.extend(local_failures)
                    if outcome["peak_kb"] > totals["peak_kb"]:
                        totals["peak_kb"] = outcome["peak_kb"]
                        totals["peak_input"] = outcome["peak_input"]
                    totals["slowest"] = max(totals["slowest"], outcome["slowest"])
                for index, _, _ in pending[:outcome["consumed"]]:
                    _remove(folder / f"p{index}")
                pending = pending[max(1, outcome["consumed"]):]

        workers = jobs or os.cpu_count() or 1
        with ThreadPoolExecutor(workers) as pool:
            list(pool.map(one_worker, range(workers)))
    failures.sort(key=lambda f: f["index"])
    if out is not None and failures:
        out.mkdir(parents=True, exist_ok=True)
        for failure in failures:
            family, text = failure["input"]
            stem = f"{failure['index']:07d}-{family}"
            suffix = _SUFFIX[family] if _SUFFIX[family].startswith(".") else "-" + _SUFFIX[family]
            (out / f"{stem}{suffix}").write_bytes(text.encode("utf-8", "surrogatepass"))
            (out / f"{stem}.report.json").write_text(json.dumps({k: v for k, v in failure.items() if k != "input"},
                                                                indent=1), "utf-8")
    return {"inputs": count, "seed": seed, "failures": len(failures), "peak_mb": round(totals["peak_kb"] / 1024, 1),
            "peak_input": totals["peak_input"],
            "slowest_s": round(totals["slowest"], 2),
            "per_family": {family: dict(counter) for family, counter in sorted(stats.items())},
            "examples": [{k: v for k, v in f.items() if k != "input"} for f in failures[:20]]}


def _remove(path: Path) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)


def _run_chunk(folder: Path, tasks: Path, chunk: list, timeout: float, stats: dict, failures: list,
               texts: dict) -> dict[str, Any]:
    """Feed one chunk to a worker; on a hang or a dead worker, record it and return how far it got
    (the caller resumes after that input with a new worker)."""
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", str(folder), str(tasks)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            env={**os.environ, "PYTHONHASHSEED": "0"})
    import selectors

    selector = selectors.DefaultSelector()
    assert proc.stdout is not None
    selector.register(proc.stdout, selectors.EVENT_READ)
    consumed = 0
    peak = 0
    peak_input: dict[str, Any] | None = None
    slowest = 0.0
    started_at: float | None = None
    current: int | None = None
    by_index = {index: family for index, family, _ in chunk}
    last_output = time.monotonic()
    try:
        while consumed < len(chunk):
            now = time.monotonic()
            # Inside an input: its time limit. Between inputs (or while the worker starts): a
            # generous limit for output, after which the next input is taken for a hang.
            # The lint itself must take at most `timeout` (reported by the worker); the whole
            # input, with its --fix round trip on a huge file, gets four times that before it is
            # taken for a hang.
            limit = timeout * 4 if started_at is not None else 60.0
            since = now - (started_at if started_at is not None else last_output)
            events = selector.select(timeout=max(0.05, limit - since))
            if not events:
                if time.monotonic() - (started_at if started_at is not None else last_output) > limit:
                    index = current if current is not None else chunk[consumed][0]
                    family = by_index[index]
                    stats[family]["hang"] += 1
                    failures.append({"index": index, "family": family,
                                     "problems": [f"hang: no answer in {limit:.0f} s" + ("" if current is not None
                                                                                           else " before it started")],
                                     "input": texts[index]})
                    consumed += 1
                    break
                continue
            last_output = time.monotonic()
            line = proc.stdout.readline()
            if not line:  # the worker died (a native parser abort, a signal)
                if current is not None:
                    family = by_index[current]
                    stats[family]["dead worker"] += 1
                    failures.append({"index": current, "family": family,
                                     "problems": [f"worker died (exit {proc.wait()})"], "input": texts[current]})
                    consumed += 1
                break
            message = json.loads(line)
            if "start" in message:
                current = message["start"]
                started_at = time.monotonic()
                continue
            index = message["done"]
            elapsed = time.monotonic() - (started_at or time.monotonic())
            slowest = max(slowest, message["lint_s"])
            family = by_index[index]
            stats[family]["inputs"] += 1
            if message.get("fix_trips"):
                stats[family]["fix round trips"] += message["fix_trips"]
            if message["peak_kb"] > peak:  # this input raised the worker's high-water mark
                peak = message["peak_kb"]
                peak_input = {"index": index, "family": family, "peak_mb": round(peak / 1024, 1)}
            if message["problems"]:
                stats[family]["failures"] += 1
                failures.append({"index": index, "family": family, "problems": message["problems"],
                                 "seconds": round(elapsed, 2), "input": texts[index]})
            elif message["lint_s"] > timeout:
                stats[family]["slow"] += 1
                failures.append({"index": index, "family": family,
                                 "problems": [f"slow: the lint took {message['lint_s']:.1f} s"], "input": texts[index]})
            current, started_at = None, None
            consumed += 1
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
    return {"consumed": consumed, "peak_kb": peak, "peak_input": peak_input, "slowest": slowest}


# -- malformed language-server traffic -------------------------------------------------------------

def lsp_fuzz(count: int, seed: int, timeout: float = 30.0) -> dict[str, Any]:
    """Send `count` malformed or hostile messages to one `edgelint lsp` process — random bodies,
    non-JSON, wrong types, unknown methods, out-of-range edits, binary and huge documents, absurd
    Content-Length — and after every 20 check that it still answers: a document opened then must
    get its diagnostics within `timeout` seconds. Framing stays consistent (each body is as long
    as its header says) except for lengths the server must refuse unread."""
    import queue

    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="edgelint-lsp-fuzz-") as tmp:
        root = Path(tmp)
        (root / ".git").mkdir()
        probe = root / "probe.js"
        probe.write_text("function handler(event) { fetch('x'); return event.request; }\n", "utf-8")
        (root / "template.yaml").write_text("Resources:\n  A:\n    Type: AWS::Lambda::Function\n  \x00\n", "utf-8")
        from edgelint.testing import LspRawClient

        client = LspRawClient(root)
        proc, inbox, raw, send, message = client.proc, client.messages, client.raw, client.raw_body, client.send

        message({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {
            "processId": None, "rootUri": root.as_uri(), "capabilities": {},
            "workspaceFolders": [{"uri": root.as_uri(), "name": "w"}]}})
        message({"jsonrpc": "2.0", "method": "initialized", "params": {}})
        uri = probe.as_uri()
        methods = ["textDocument/didOpen", "textDocument/didChange", "textDocument/codeAction", "textDocument/hover",
                   "textDocument/didClose", "textDocument/didSave", "workspace/didChangeConfiguration",
                   "$/cancelRequest", "edgelint/nothing", "initialize", "shutdown-ish"]
        texts = ["", "\x00\x01\x02", "function handler(event) {" * 200, "\udcff".encode("utf-8", "surrogateescape")
                 .decode("utf-8", "replace"), "x" * rng.randint(1, 2_000_000), "def handler(e, c):\n  return e"]

        def hostile() -> None:
            kind = rng.randrange(9)
            if kind == 0:
                send(bytes(rng.randrange(256) for _ in range(rng.randint(1, 300))))
            elif kind == 1:
                send(rng.choice([b"[]", b"null", b"42", b'"x"', b"{", b'{"jsonrpc": "2.0"}', b"{}"]))
            elif kind == 2:
                raw(b"Content-Length: %d\r\n\r\n" % rng.choice([10 ** 12, 2 ** 40, 70 * 1024 * 1024]))
            elif kind == 3:
                raw(rng.choice([b"Content-Length: -5\r\n\r\n", b"Content-Length: abc\r\n\r\n",
                                b"Content-Type: x\r\n\r\n", b"\r\n"]))
            else:
                params: Any = rng.choice([None, [], 5, "x", {}, {"textDocument": {"uri": rng.choice(
                    [uri, "file:///", "untitled:1", "file:///x.js", 7])}}])
                if isinstance(params, dict) and rng.random() < 0.6:
                    params = {"textDocument": {"uri": uri, "version": rng.choice([1, -1, 10 ** 12, "v"]),
                                               "languageId": "javascript", "text": rng.choice(texts)},
                              "contentChanges": [{"range": {"start": {"line": rng.choice([0, -1, 10 ** 9]),
                                                                      "character": rng.choice([0, -3, 10 ** 9])},
                                                            "end": {"line": rng.choice([0, 5, 10 ** 9]),
                                                                    "character": 0}},
                                                  "text": rng.choice(texts)[:1000]}],
                              "position": {"line": rng.choice([0, -1, 10 ** 9]), "character": 3},
                              "range": {"start": {"line": 0, "character": 0}, "end": {"line": -1, "character": 0}},
                              "context": {"diagnostics": rng.choice([[], [{}], "x"]), "only": rng.choice([None, [1]])}}
                body: dict[str, Any] = {"jsonrpc": rng.choice(["2.0", "1.0", 2]), "method": rng.choice(methods),
                                        "params": params}
                if rng.random() < 0.5:
                    body["id"] = rng.choice([1000 + rng.randrange(10 ** 6), "id", None, [1]])
                message(body)

        failures: list[str] = []
        version = 1
        sent = 0
        started = time.monotonic()
        while sent < count and not failures:
            for _ in range(min(20, count - sent)):
                hostile()
                sent += 1
            if proc.poll() is not None:
                failures.append(f"the server exited ({proc.returncode}) after {sent} messages")
                break
            version += 1
            message({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
                "uri": uri, "languageId": "javascript", "version": 10 ** 6 + version,
                "text": f"function handler(event) {{ fetch('{version}'); return event.request; }}\n"}}})
            deadline = time.monotonic() + timeout
            answered = False
            while time.monotonic() < deadline and not answered:
                try:
                    got = inbox.get(timeout=max(0.05, deadline - time.monotonic()))
                except queue.Empty:
                    break
                answered = (got.get("method") == "textDocument/publishDiagnostics" and got["params"]["uri"] == uri
                            and any(d.get("code") == "CF001" for d in got["params"]["diagnostics"]))
            if not answered:
                failures.append(f"no diagnostics for a valid document within {timeout:.0f} s after {sent} messages")
        alive = proc.poll() is None
        proc.kill()
        return {"messages": sent, "checks": version - 1, "failures": failures, "alive_at_end": alive,
                "seconds": round(time.monotonic() - started, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=5.0, help="seconds one input may take (default 5)")
    parser.add_argument("--out", type=Path, help="write each failing input and its report here")
    parser.add_argument("--jobs", type=int, default=0, help="workers at a time (default: one per core)")
    parser.add_argument("--lsp", type=int, default=0, metavar="N",
                        help="also send N malformed messages to a language server (needs edgelint[lsp])")
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(*args.worker)
        return
    started = time.monotonic()
    summary = run(args.inputs, args.seed, args.timeout, args.out, args.jobs) if args.inputs else {"failures": 0}
    if args.lsp:
        summary["lsp"] = lsp_fuzz(args.lsp, args.seed)
        summary["failures"] += len(summary["lsp"]["failures"])
    summary["wall_s"] = round(time.monotonic() - started, 1)
    print(json.dumps(summary, indent=1))
    sys.exit(1 if summary["failures"] else 0)


if __name__ == "__main__":
    main()
