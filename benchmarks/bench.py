"""Measure edgelint's speed: files per second over generated corpora of CloudFront Functions and of
Lambda@Edge functions in JavaScript, TypeScript and Python; a run over an unchanged tree with the
result cache against one without; the wall time of `edgelint check one_file.js` (what a
single-file pre-commit run costs), alone and in a repository with 200 deployment files that the
run reads for the file's links; and the language server's latency with a real client.

Run it with the interpreter of an installed edgelint (its `edgelint` script is what is timed),
e.g. `python -m venv /tmp/v && /tmp/v/bin/pip install '.[lsp]' && /tmp/v/bin/python benchmarks/bench.py`.

    python benchmarks/bench.py [--files 1000] [--lambda-files 500] [--templates 200] [--repeat 5]

The corpus is generated from the valid and invalid fixtures (varied literals, so no two files
are identical) into a temporary folder, then linted in one process with
the same code path as `edgelint check`.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def make_corpus(folder: Path, count: int, source: str, suffix: str, seed: int = 7) -> list[Path]:
    """`count` files made from the fixtures under fixtures/`source` with the given suffix."""
    rng = random.Random(seed)
    sources = sorted((ROOT / "fixtures" / source).rglob(f"*{suffix}"))
    sources = [p for p in sources if "el001" not in p.name and "not-edge" not in p.read_text("utf-8")]
    texts = [p.read_text("utf-8") for p in sources]
    comment = "#" if suffix == ".py" else "//"
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(count):
        text = texts[i % len(texts)]
        # Vary literals so each file is distinct but keeps its structure.
        text = text.replace("/index.html", f"/index-{i}.html").replace("example.com", f"site{i}.example.com")
        text += f"{comment} build {rng.randrange(10**9)}\n"
        path = folder / f"fn{i:05d}{suffix}"
        path.write_text(text, "utf-8")
        files.append(path)
    return files


def bench_throughput(folder: Path, repeat: int) -> tuple[float, int, int]:
    from edgelint.config import Config
    from edgelint.engine import build_settings, lint_paths, with_deep_stack

    settings = build_settings(Config(root=folder))
    best = float("inf")
    files = findings = 0
    for _ in range(repeat):
        errors: list[str] = []
        start = time.perf_counter()
        results = with_deep_stack(lambda: list(lint_paths([str(folder)], settings, errors)))
        elapsed = time.perf_counter() - start
        best = min(best, elapsed)
        files = len(results)
        findings = sum(len(r.findings) for r in results)
    return best, files, findings


def bench_single_file(path: Path, repeat: int, cwd: Path | None = None) -> list[float]:
    exe = Path(sys.executable).with_name("edgelint")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "edgelint"]
    times = []
    for _ in range(repeat + 1):
        start = time.perf_counter()
        subprocess.run([*command, "check", str(path)], capture_output=True, cwd=cwd)
        times.append(time.perf_counter() - start)
    return times[1:]  # the first run warms the OS file cache


def make_project(folder: Path, templates: int) -> Path:
    """A repository with `templates` deployment files (SAM, CloudFormation, serverless.yml and
    Terraform from the fixtures, each in its own service folder) and one CloudFront Function:
    what a single-file pre-commit run reads for links in a large monorepo."""
    (folder / ".git").mkdir(parents=True)
    code = folder / "edge" / "redirect.js"
    code.parent.mkdir()
    code.write_text((ROOT / "examples" / "edge-site" / "functions" / "auth-check.js").read_text("utf-8"), "utf-8")
    sources = sorted(p for p in (ROOT / "fixtures" / "deploy").rglob("*")
                     if p.suffix in (".yaml", ".yml", ".tf", ".json") and p.is_file() and "malformed" not in p.parts)
    for index in range(templates):
        source = sources[index % len(sources)]
        target = folder / "services" / f"svc{index:03d}" / source.name
        target.parent.mkdir(parents=True)
        target.write_text(source.read_text("utf-8"), "utf-8")
        src = source.parent / "src"  # the code the template deploys, when it has any
        if src.is_dir():
            for file in src.rglob("*"):
                if file.is_file():
                    dest = target.parent / "src" / file.relative_to(src)
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    dest.write_bytes(file.read_bytes())
    return code


def bench_cache(folder: Path, repeat: int) -> tuple[float, float]:
    """`edgelint check` over a folder as a user runs it: median wall time without the result
    cache (cold), and with it on an unchanged tree (warm, after one run that fills it)."""
    exe = Path(sys.executable).with_name("edgelint")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "edgelint"]
    command += ["check", "--output-format", "concise", "."]

    def wall(*extra: str) -> float:
        start = time.perf_counter()
        subprocess.run([*command[:-1], *extra, "."], cwd=folder, capture_output=True)
        return time.perf_counter() - start

    help_text = subprocess.run([*command[:2], "--help"], capture_output=True, text=True).stdout
    if "--no-cache" not in help_text:  # an edgelint from before the cache: every run is cold
        cold = statistics.median(wall() for _ in range(repeat))
        return cold, cold
    cold = statistics.median(wall("--no-cache") for _ in range(repeat))
    wall()  # fills the cache
    warm = statistics.median(wall() for _ in range(repeat))
    return cold, warm


def bench_project_single_file(tmp: Path, templates: int, repeat: int) -> tuple[float, float]:
    """Median wall time of `edgelint check edge/redirect.js` in a repository with no deployment
    files, then in one with `templates` of them."""
    empty = make_project(tmp / "empty-repo", 0)
    full = make_project(tmp / "big-repo", templates)
    medians = []
    for code in (empty, full):
        times = bench_single_file(code.relative_to(code.parent.parent), repeat, cwd=code.parent.parent)
        medians.append(statistics.median(times))
    return medians[0], medians[1]


def _lsp_client(root: Path) -> Any:
    """A real LSP client (pygls) driving `edgelint lsp` over stdio, with the workspace `root`."""
    import asyncio

    from lsprotocol import types
    from pygls.lsp.client import LanguageClient

    client = LanguageClient("edgelint-bench", "1")
    client.published = asyncio.Queue()  # type: ignore[attr-defined]

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def _published(params: types.PublishDiagnosticsParams) -> None:
        client.published.put_nowait((time.perf_counter(), params))  # type: ignore[attr-defined]

    async def start() -> None:
        # From the workspace folder: `python -m` puts the working folder first on sys.path, and
        # a source checkout there would shadow the installed edgelint being measured.
        await client.start_io(sys.executable, "-m", "edgelint", "lsp", cwd=str(root))
        await client.initialize_async(types.InitializeParams(
            capabilities=types.ClientCapabilities(), root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name=root.name)]))
        client.initialized(types.InitializedParams())

    client.begin = start  # type: ignore[attr-defined]
    return client


def bench_lsp(tmp: Path, edits: int, templates: int) -> tuple[float, float, float]:
    """With a real client: median didChange -> publishDiagnostics for a 10 KB CloudFront
    Function; and didOpen -> first publishDiagnostics in a workspace with `templates`
    deployment files, median of three fresh servers."""
    import asyncio

    from lsprotocol import types

    table = "".join(f'    "/old/page-{i:03d}": "/new/page-{i:03d}",\n' for i in range(250))

    def function(extra: int) -> str:
        logs = "".join(f'    console.log("edit", {i});\n' for i in range(extra))
        return ("var REDIRECTS = {\n" + table + "};\n\nfunction handler(event) {\n    var request = event.request;\n"
                + logs + "    var target = REDIRECTS[request.uri];\n    if (target) {\n        return { statusCode: 301, "
                "statusDescription: 'Moved Permanently', headers: { location: { value: target } } };\n    }\n"
                "    return request;\n}\n")

    async def typing() -> float:
        root = tmp / "lsp-edit"
        (root / ".git").mkdir(parents=True)
        path = root / "redirects.js"
        path.write_text(function(0), "utf-8")
        client = _lsp_client(root)
        await client.begin()
        uri = path.as_uri()
        client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id="javascript", version=1, text=function(0))))
        await client.published.get()
        latencies = []
        for version in range(2, edits + 2):
            started = time.perf_counter()
            client.text_document_did_change(types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                [types.TextDocumentContentChangeWholeDocument(text=function(version % 7))]))
            while True:
                at, params = await client.published.get()
                if params.version == version:
                    break
            latencies.append(at - started)
            await asyncio.sleep(0.05)  # a typist's pause: each change is linted on its own
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()
        return statistics.median(latencies)

    async def first(root: Path, code: Path) -> float:
        client = _lsp_client(root)
        await client.begin()
        started = time.perf_counter()
        client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(
            uri=code.as_uri(), language_id="javascript", version=1, text=code.read_text("utf-8"))))
        at, _ = await client.published.get()
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()
        return at - started

    edit = asyncio.run(typing())
    code = make_project(tmp / "lsp-big", templates)
    empty = make_project(tmp / "lsp-empty", 0)
    big = statistics.median(asyncio.run(first(tmp / "lsp-big", code)) for _ in range(3))
    small = statistics.median(asyncio.run(first(tmp / "lsp-empty", empty)) for _ in range(3))
    return edit, small, big


CORPORA = (
    ("CloudFront Functions (JS)", "cloudfront", ".js"),
    ("Lambda@Edge (JS)", "lambda_edge", ".js"),
    ("Lambda@Edge (TypeScript)", "lambda_edge", ".ts"),
    ("Lambda@Edge (Python)", "lambda_edge", ".py"),
)


def one_megabyte_file() -> str:
    """A 1 MB Lambda@Edge function: a redirect table as big bundles and generated maps have."""
    rows = []
    size = 0
    i = 0
    while size < 1024 * 1024:
        row = f"  '/old/section-{i}/page.html': {{ to: '/new/{i}/', code: '301' }},\n"
        rows.append(row)
        size += len(row)
        i += 1
    return ("'use strict';\nconst REDIRECTS = {\n" + "".join(rows) + "};\n"
            "exports.handler = async (event) => {\n  const request = event.Records[0].cf.request;\n"
            "  const hit = REDIRECTS[request.uri];\n  if (!hit) { return request; }\n"
            "  return { status: hit.code, headers: { location: [{ key: 'Location', value: hit.to }] } };\n};\n")


def bench_large_file(repeat: int) -> tuple[float, int]:
    from edgelint.config import Config
    from edgelint.engine import build_settings, lint_source

    text = one_megabyte_file()
    settings = build_settings(Config(), cli_runtime="nodejs22.x", cli_event="origin-request")
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        lint_source(text, "big.js", settings)
        best = min(best, time.perf_counter() - start)
    return best, len(text.encode())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=1000, help="CloudFront Functions corpus size (default 1000)")
    parser.add_argument("--lambda-files", type=int, default=500, help="Lambda@Edge corpus size per language (default 500)")
    parser.add_argument("--templates", type=int, default=200,
                        help="deployment files in the single-file repository benchmark (default 200)")
    parser.add_argument("--repeat", type=int, default=5, help="repetitions; the best/median is reported")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        for label, source, suffix in CORPORA:
            folder = Path(tmp) / f"{source}{suffix}"
            count = args.files if source == "cloudfront" else args.lambda_files
            files = make_corpus(folder, count, source, suffix)
            total_bytes = sum(p.stat().st_size for p in files)
            best, linted, findings = bench_throughput(folder, args.repeat)
            print(f"{label}: {linted} files, {total_bytes / 1024:.0f} KiB, {findings} findings; "
                  f"{linted / best:,.0f} files/s ({best:.3f} s, best of {args.repeat})")
        cold, warm = bench_cache(Path(tmp) / "cloudfront.js", args.repeat)
        print(f"`edgelint check .` on the {args.files} CloudFront Functions: cold {cold:.3f} s, unchanged tree "
              f"with the result cache {warm:.3f} s ({warm / cold:.2f}x of cold; medians of {args.repeat})")
        best, size = bench_large_file(args.repeat)
        print(f"one {size / 1048576:.1f} MB file: {best:.3f} s ({size / 1048576 / best:.2f} MB/s, best of {args.repeat})")
        one = ROOT / "examples" / "edge-site" / "functions" / "auth-check.js"
        times = bench_single_file(one, args.repeat)
        print(f"single file: `edgelint check {one.relative_to(ROOT)}` median {statistics.median(times) * 1000:.0f} ms "
              f"(min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms, {args.repeat} runs)")
        try:
            edit, small, big = bench_lsp(Path(tmp), 20, args.templates)
            print(f"language server (real client): didChange -> publishDiagnostics on a 10 KB CloudFront "
                  f"Function median {edit * 1000:.0f} ms (20 edits); didOpen -> first diagnostics "
                  f"{small * 1000:.0f} ms in an empty workspace, {big * 1000:.0f} ms with {args.templates} "
                  "deployment files (medians of 3 servers)")
        except ImportError:
            print("language server: skipped (install the lsp extra: pip install 'edgelint[lsp]')")
        empty, full = bench_project_single_file(Path(tmp), args.templates, args.repeat)
        print(f"single file in a repository: no deployment files {empty * 1000:.0f} ms, "
              f"{args.templates} deployment files {full * 1000:.0f} ms ({full / empty:.2f}x, medians of {args.repeat})")


if __name__ == "__main__":
    main()
