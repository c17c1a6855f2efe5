"""Project fixtures: a deployment file and the code it deploys, in different folders.

Each `fixtures/projects/<name>` is copied into its own repository. Linting the whole folder must
give exactly the `expect:` markers of every file in it, and naming one code file alone (what
pre-commit does when only that file changed) must give that file the same findings: its target
still comes from the deployment files elsewhere in the repository."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from edgelint.testing import expected_findings

PROJECTS = Path(__file__).resolve().parent.parent / "fixtures" / "projects"
NAMES = sorted(p.name for p in PROJECTS.iterdir() if p.is_dir())
_CODE = (".js", ".ts", ".py")
_MARKED = (".js", ".ts", ".py", ".yaml", ".yml", ".tf")


def _copy(name: str, tmp_path: Path) -> Path:
    project = tmp_path / name
    shutil.copytree(PROJECTS / name, project)
    (project / ".git").mkdir()  # its own repository: the project root
    return project


def _findings(run, project: Path, *paths: str) -> set[tuple[str, int, str]]:
    result = run("check", *paths, "--output-format", "json", cwd=project)
    assert result.code in (0, 1), result.err
    return {(f["path"], f["line"], f["code"]) for f in json.loads(result.out)}


def _expected(project: Path) -> set[tuple[str, int, str]]:
    expected = set()
    for path in project.rglob("*"):
        if path.suffix in _MARKED:
            rel = path.relative_to(project).as_posix()
            expected |= {(rel, line, code) for line, code in expected_findings(path.read_text("utf-8"))}
    # JSON has no comments: `expect.txt` lists `path:line: CODE` for files that cannot hold markers.
    sidecar = project / "expect.txt"
    if sidecar.is_file():
        for entry in sidecar.read_text("utf-8").splitlines():
            if entry.strip() and not entry.startswith("#"):
                where, code = entry.rsplit(":", 1)
                rel, line = where.rsplit(":", 1)
                expected.add((rel, int(line), code.strip()))
    return expected


def test_every_form_has_a_project() -> None:
    assert len(NAMES) >= 8


@pytest.mark.parametrize("name", NAMES)
def test_project_findings_match_markers(name: str, run, tmp_path: Path) -> None:
    project = _copy(name, tmp_path)
    actual = _findings(run, project, ".")
    expected = _expected(project)
    assert expected, f"{name} has no expect: markers"
    assert actual == expected, f"missing: {sorted(expected - actual)}\nunexpected: {sorted(actual - expected)}"


@pytest.mark.parametrize("name", NAMES)
def test_one_changed_file_keeps_its_deployment(name: str, run, tmp_path: Path) -> None:
    project = _copy(name, tmp_path)
    whole = _findings(run, project, ".")
    for path in sorted(project.rglob("*")):
        if path.suffix not in _CODE:
            continue
        rel = path.relative_to(project).as_posix()
        alone = _findings(run, project, rel)
        assert alone == {f for f in whole if f[0] == rel}, rel


def test_one_file_run_reads_only_deployments_that_can_link_it(tmp_path: Path) -> None:
    from edgelint.config import Config
    from edgelint.engine import build_settings, project_deployments

    (tmp_path / ".git").mkdir()
    code = tmp_path / "edge" / "auth" / "index.js"
    code.parent.mkdir(parents=True)
    code.write_text("exports.handler = async (e) => e.Records[0].cf.request;\n", "utf-8")
    association = "      LambdaFunctionAssociations: []\n"
    files = {
        "template.yaml": "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n"
                         "      CodeUri: edge/auth\n" + association,      # above the file, names it
        "services/a/template.yaml": "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n"
                                    "    Properties:\n      CodeUri: src/index\n" + association,  # its own src
        "services/b/template.yaml": "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n"
                                   "    Properties:\n      CodeUri: ../../edge/auth\n" + association,  # `../`
        "infra/main.tf": 'module "auth" {\n  source = "terraform-aws-modules/lambda/aws"\n'
                         '  lambda_at_edge = true\n  source_path = "../edge/auth"\n}\n',
        "infra/cloudfront.tf": 'resource "aws_cloudfront_distribution" "d" {\n'
                               '  lambda_function_association {}\n}\n',  # same module as main.tf
        "other/main.tf": 'resource "aws_cloudfront_distribution" "d" {\n  lambda_function_association {}\n}\n',
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, "utf-8")
    settings = build_settings(Config(root=tmp_path))
    read = {d.path.relative_to(tmp_path).as_posix() for d in project_deployments([str(code)], settings, set())}
    assert read == {"template.yaml", "services/b/template.yaml", "infra/main.tf", "infra/cloudfront.tf"}
    # A folder named: every deployment file is read.
    read = {d.path.relative_to(tmp_path).as_posix() for d in project_deployments([str(code.parent)], settings, set())}
    assert "services/a/template.yaml" in read and "other/main.tf" in read


def test_a_file_outside_any_project_reads_only_its_own_folder(tmp_path: Path, monkeypatch) -> None:
    """No VCS folder, config or project file: the file's folder is not walked (a run on
    ~/Downloads/fn.js must not read every template below ~/Downloads)."""
    from edgelint.config import Config
    from edgelint.engine import build_settings, project_deployments

    code = tmp_path / "fn.js"
    code.write_text("exports.handler = async (e) => e.Records[0].cf.request;\n", "utf-8")
    template = ("Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n"
                "      CodeUri: .\n      Handler: fn.handler\n      LambdaFunctionAssociations: []\n")
    (tmp_path / "stack.yaml").write_text(template, "utf-8")
    (tmp_path / "deep" / "er").mkdir(parents=True)
    (tmp_path / "deep" / "er" / "template.yaml").write_text(template.replace("CodeUri: .", "CodeUri: ../.."), "utf-8")
    (tmp_path / "deep" / "edgelint.toml").write_text("select = [\"CF999\"]\n", "utf-8")  # broken, and not ours
    monkeypatch.chdir(tmp_path.parent)
    settings = build_settings(Config(root=tmp_path), discover=True)
    read = {d.path.relative_to(tmp_path).as_posix() for d in project_deployments([str(code)], settings, set())}
    assert read == {"stack.yaml"}
    # Now a repository: its folders are walked; the one under a broken config (another project's
    # problem, reported when its own files are linted) is skipped instead of failing this run.
    (tmp_path / ".git").mkdir()
    read = {d.path.relative_to(tmp_path).as_posix() for d in project_deployments([str(code)], settings, set())}
    assert read == {"stack.yaml"}
    (tmp_path / "deep" / "edgelint.toml").unlink()
    settings = build_settings(Config(root=tmp_path), discover=True)
    read = {d.path.relative_to(tmp_path).as_posix() for d in project_deployments([str(code)], settings, set())}
    assert read == {"stack.yaml", "deep/er/template.yaml"}
