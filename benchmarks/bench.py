"""Measure edgelint's speed: files per second over generated corpora of CloudFront Functions and of
Lambda@Edge functions in JavaScript and Python, and the wall time of `edgelint check one_file.js`
(what a single-file pre-commit run costs), alone and in a repository with 200 deployment files
that the run reads for the file's links.

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
        best, size = bench_large_file(args.repeat)
        print(f"one {size / 1048576:.1f} MB file: {best:.3f} s ({size / 1048576 / best:.2f} MB/s, best of {args.repeat})")
        one = ROOT / "examples" / "edge-site" / "functions" / "auth-check.js"
        times = bench_single_file(one, args.repeat)
        print(f"single file: `edgelint check {one.relative_to(ROOT)}` median {statistics.median(times) * 1000:.0f} ms "
              f"(min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms, {args.repeat} runs)")
        empty, full = bench_project_single_file(Path(tmp), args.templates, args.repeat)
        print(f"single file in a repository: no deployment files {empty * 1000:.0f} ms, "
              f"{args.templates} deployment files {full * 1000:.0f} ms ({full / empty:.2f}x, medians of {args.repeat})")


if __name__ == "__main__":
    main()
