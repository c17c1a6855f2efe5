"""What a new user of ruff or ESLint expects on day one (issue 14): config schema, exclusions,
CLI details, suppressions and messages, each through the real CLI."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT, write

from edgelint.schema import SCHEMA_PATH, problems

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SCHEMA = json.loads(SCHEMA_PATH.read_text("utf-8"))
FETCH = "function handler(event) {\n  fetch('https://x');\n  return event.request;\n}\n"


def _items(run, cwd: Path, *args: str) -> list[dict]:
    result = run("check", "--no-cache", "--output-format", "json", *args, cwd=cwd)
    assert "Traceback" not in result.err, result.err
    return json.loads(result.out) if result.out.strip() else []


# -- the config schema ------------------------------------------------------------------------------

def _readme_configs() -> list[dict]:
    """Every TOML block of the README that configures edgelint, as the schema sees it."""
    readme = (ROOT / "README.md").read_text("utf-8")
    configs = []
    for block in re.findall(r"```toml\n(.*?)```", readme, re.S):
        data = tomllib.loads(block)
        if "tool" in data and "edgelint" in data["tool"]:
            configs.append(data["tool"]["edgelint"])
    return configs


def test_schema_is_valid_and_accepts_the_readme_configs():
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    configs = _readme_configs()
    assert configs, "the README shows a config"
    for config in configs:
        jsonschema.validate(config, SCHEMA)
        assert list(problems(config)) == []


@pytest.mark.parametrize("config", [
    {"selectt": ["CF"]},
    {"select": "CF"},
    {"select": ["CF-1"]},
    {"respect-gitignore": "yes"},
    {"default-cloudfront-runtime": "cloudfront-js-3.0"},
    {"severity": {"CF014": "fatal"}},
    {"severity": {"not-a-code": "error"}},
    {"functions": [{"runtime": "nodejs22.x"}]},
    {"functions": [{"paths": ["a"], "memory": "128"}]},
    {"functions": [{"paths": ["a"], "runtim": "nodejs22.x"}]},
    {"per-file-ignores": {"tests/**": "CF010"}},
    {"exclude": [1]},
])
def test_edgelints_validator_agrees_with_jsonschema(config):
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(config, SCHEMA)
    assert list(problems(config)), config


def test_unknown_key_is_exit_two_with_did_you_mean(run, tmp_path):
    write(tmp_path, "edgelint.toml", 'extend-exlude = ["dist/"]\n')
    write(tmp_path, "fn.js", FETCH)
    result = run("check", "fn.js", cwd=tmp_path)
    assert result.code == 2
    assert result.err.strip() == (f"edgelint: error: {tmp_path / 'edgelint.toml'}: extend-exlude: unknown key "
                                  "'extend-exlude' (did you mean 'extend-exclude'?)")


# -- exclusions ------------------------------------------------------------------------------------

def _tree(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    for name in ("src/a.js", "src/b.js", "src/c.js", "dist/bundle.js", "build/out.js", "vendor/keep.js",
                 "vendor/drop.js"):
        write(repo, name, FETCH)
    write(repo, ".gitignore", "build/\nvendor/*\n!vendor/keep.js\n")
    return repo


def _paths(items: list[dict]) -> set[str]:
    return {i["path"] for i in items}


def test_gitignore_is_respected_by_default_and_can_be_turned_off(run, tmp_path):
    repo = _tree(tmp_path)
    assert _paths(_items(run, repo, ".")) == {"src/a.js", "src/b.js", "src/c.js", "dist/bundle.js", "vendor/keep.js"}
    everything = _paths(_items(run, repo, "--no-respect-gitignore", "."))
    assert {"build/out.js", "vendor/drop.js"} <= everything
    write(repo, "edgelint.toml", "respect-gitignore = false\n")
    assert "build/out.js" in _paths(_items(run, repo, "."))


def test_exclude_and_extend_exclude_with_classes_and_negation(run, tmp_path):
    repo = _tree(tmp_path)
    write(repo, "edgelint.toml", 'exclude = ["dist/"]\n')
    assert "dist/bundle.js" not in _paths(_items(run, repo, "."))
    # --extend-exclude adds to the config's list; `[ab]` is a class, `!` re-includes.
    found = _paths(_items(run, repo, "--extend-exclude", "src/[ab].js", "."))
    assert "src/a.js" not in found and "src/b.js" not in found and "src/c.js" in found
    found = _paths(_items(run, repo, "--extend-exclude", "src/*.js", "--extend-exclude", "!src/b.js", "."))
    assert {p for p in found if p.startswith("src/")} == {"src/b.js"}
    # --exclude replaces the config's list: dist/ is linted again.
    assert "dist/bundle.js" in _paths(_items(run, repo, "--exclude", "vendor/", "."))


def test_named_files_are_linted_even_when_ignored_unless_force_exclude(run, tmp_path):
    repo = _tree(tmp_path)
    assert _paths(_items(run, repo, "build/out.js")) == {"build/out.js"}
    assert _items(run, repo, "--force-exclude", "build/out.js") == []


# -- CLI details ---------------------------------------------------------------------------------------

def test_quiet_prints_only_the_findings(run, tmp_path):
    write(tmp_path, "fn.js", FETCH)
    result = run("check", "--no-cache", "-q", "--output-format", "concise", "fn.js", cwd=tmp_path)
    assert result.code == 1
    assert sorted(line.split(": ")[1].split()[0] for line in result.out.splitlines()) == ["CF001", "MG001"]
    assert result.err == ""
    clean = write(tmp_path, "ok.js", "function handler(event) { return event.request; }\n")
    quiet_clean = run("check", "--no-cache", "-q", str(clean), cwd=tmp_path)
    assert quiet_clean.code == 0 and quiet_clean.out == ""


def test_show_fixes_lists_available_and_applied_fixes(run, tmp_path):
    write(tmp_path, "fn.js", "function handler(event) {\n  console.error('x');\n  return event.request;\n}\n")
    available = run("check", "--no-cache", "--show-fixes", "--output-format", "concise", "fn.js", cwd=tmp_path)
    assert "Fixes:\n  fn.js:2:3: CF010 Replace `console.error` with `console.log`" in available.out
    applied = run("check", "--no-cache", "--fix", "--show-fixes", "--output-format", "concise", "fn.js", cwd=tmp_path)
    assert "Fixed 1 finding(s):\n  fn.js:2:3: CF010" in applied.out and applied.code == 0


def test_statistics_prints_only_the_table(run, tmp_path):
    write(tmp_path, "fn.js", FETCH.replace("fetch('https://x');", "fetch('a'); fetch('b'); console.error('c');"))
    result = run("check", "--no-cache", "--statistics", "--output-format", "concise", "fn.js", cwd=tmp_path)
    assert result.out.splitlines() == ["    2  CF001  network-access", "    1  CF010  [*] unavailable-global",
                                       "    1  MG001  needs-lambda-edge"]
    table = json.loads(run("check", "--no-cache", "--statistics", "--output-format", "json", "fn.js",
                           cwd=tmp_path).out)
    assert table[0] == {"code": "CF001", "name": "network-access", "count": 2, "fixable": 0}


def test_show_targets_json_marks_guesses(run, tmp_path):
    write(tmp_path, "fn.js", FETCH)
    write(tmp_path, "pinned.js", "// edgelint: runtime=cloudfront-js-2.0 event=viewer-request\n" + FETCH)
    entries = {e["path"]: e for e in json.loads(run("check", "--show-targets", "--output-format", "json", ".",
                                                    cwd=tmp_path).out)}
    assert entries["fn.js"]["targets"][0]["guessed"] == ["kind", "runtime", "event"]
    assert entries["pinned.js"]["targets"][0]["guessed"] == []
    assert "[guessed: kind, runtime, event]" in run("check", "--show-targets", "fn.js", cwd=tmp_path).out


def test_color_always_never_and_version(run, tmp_path):
    write(tmp_path, "fn.js", FETCH)
    colored = run("check", "--no-cache", "--color", "always", "--output-format", "full", "fn.js", cwd=tmp_path)
    assert "\x1b[1;31merror\x1b[0m" in colored.out
    plain = run("check", "--no-cache", "--color", "never", "--output-format", "full", "fn.js", cwd=tmp_path)
    assert "\x1b[" not in plain.out and "error[CF001]" in plain.out
    assert run("-V").out.startswith("edgelint ") and run("--version").out == run("-V").out


def test_rules_listing_shows_which_rules_fix(run, tmp_path):
    lines = run("rules", cwd=tmp_path).out.splitlines()
    header = lines[0].split()
    assert header[:4] == ["code", "name", "severity", "fix"]
    cf014 = next(line for line in lines if line.startswith("CF014"))
    cf001 = next(line for line in lines if line.startswith("CF001"))
    assert " yes " in cf014 and " yes " not in cf001


# -- suppressions ---------------------------------------------------------------------------------------

def test_bare_ignore_lowercase_codes_and_unused_bare_ignore(run, tmp_path):
    write(tmp_path, "fn.js", "function handler(event) {\n"
                             "  fetch('a'); // edgelint: ignore\n"
                             "  fetch('b'); // edgelint: ignore[cf001] -- audited\n"
                             "  var x = 1; // edgelint: ignore\n"
                             "  return event.request; // edgelint: ignore this is prose, not a directive\n}\n")
    items = _items(run, tmp_path, "fn.js")
    assert [(i["code"], i["line"]) for i in items] == [("EL002", 4)]
    assert "`ignore` (every code)" in items[0]["message"]


def test_mg001_lists_only_unsuppressed_blockers(run, tmp_path):
    write(tmp_path, "fn.js", "function handler(event) {\n  fetch('a'); // edgelint: ignore[CF001]\n"
                             "  setTimeout(function () {}, 1);\n  return event.request;\n}\n")
    [mg001] = [i for i in _items(run, tmp_path, "fn.js") if i["code"] == "MG001"]
    assert "timers (line 3)" in mg001["message"] and "network" not in mg001["message"]


# -- messages ---------------------------------------------------------------------------------------------

def test_mg002_is_a_short_message_with_the_detail_in_help(run, tmp_path):
    write(tmp_path, "fn.js", "exports.handler = async (event) => {\n  const request = event.Records[0].cf.request;\n"
                             "  request.uri = '/index.html';\n  return request;\n};\n")
    [mg002] = [i for i in _items(run, tmp_path, "--event", "viewer-request", "fn.js") if i["code"] == "MG002"]
    assert len(mg002["message"]) < 120 and "Checked:" in mg002["help"] and "sub-millisecond" in mg002["help"]


def test_dp006_says_what_to_change(run, tmp_path):
    items = _items(run, ROOT, "examples/edge-site/template.yaml")
    [dp006] = [i for i in items if i["code"] == "DP006"]
    assert "set MemorySize to 128 or less" in dp006["help"]


def test_literal_patterns_match_as_pathspec_does():
    # Literal paths skip the pathspec import (one-file runs); they must mean what gitignore means.
    from edgelint.config import _plain_match, pattern_spec

    patterns = ["dist/", "vendor", "edge/redirect.js", "/top.js", "a/b/", "build", "./src/x.js", "/dist/", "a/b"]
    paths = ["dist", "dist/a.js", "x/dist/a.js", "vendor", "vendor/x.js", "a/vendor/y.js", "edge/redirect.js",
             "edge/redirect.js/z", "top.js", "a/top.js", "a/b", "a/b/c.js", "x/a/b", "build", "x/build", "src/x.js"]
    for pattern in patterns:
        spec = pattern_spec((pattern,))
        for path in paths:
            for is_dir in (False, True):
                assert _plain_match(pattern, path, is_dir) == bool(spec.match_file(path + "/" if is_dir else path)), \
                    (pattern, path, is_dir)
