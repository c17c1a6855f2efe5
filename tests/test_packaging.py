"""A non-editable wheel installed into a fresh virtual environment must work on its own."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_in_fresh_venv(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(dist), str(ROOT)],
                   check=True, capture_output=True, timeout=600)
    wheels = list(dist.glob("edgelint-*.whl"))
    assert len(wheels) == 1
    env = tmp_path / "venv"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheels[0])], check=True,
                   capture_output=True, timeout=900)
    exe = env / "bin" / "edgelint"
    # Run from outside the source tree so nothing is imported from the checkout.
    result = subprocess.run([str(exe), "check", "--output-format", "json", str(ROOT / "examples" / "edge-site")],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert '"code": "CF001"' in result.stdout and '"code": "CN002"' in result.stdout
    assert '"code": "EL003"' not in result.stdout
    doc = subprocess.run([str(exe), "rule", "CF008"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert "10,240" in doc.stdout or "10 KB" in doc.stdout
    where = subprocess.run([str(python), "-c", "import edgelint.rules, edgelint.data as d; "
                            "print(edgelint.rules.__file__); print(d.facts('cloudfront_functions')['limits']['max_code_bytes'])"],
                           cwd=tmp_path, capture_output=True, text=True, timeout=60)
    lines = where.stdout.split()
    assert "site-packages" in lines[0] and lines[1] == "10240"


def test_every_package_is_listed() -> None:
    """A rules folder missing from pyproject.toml's package list is left out of the wheel: its
    rules then fail with EL003 in every installed copy, while the editable checkout works."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["packages"])
    found = {"edgelint." + init.parent.relative_to(ROOT).as_posix().replace("/", ".")
             for init in (ROOT / "edgelint").rglob("__init__.py")}
    found = {name.replace("edgelint.edgelint", "edgelint") for name in found}
    found |= {"edgelint.rules" + ("." + init.parent.relative_to(ROOT / "rules").as_posix().replace("/", ".")
                                  if init.parent != ROOT / "rules" else "")
              for init in (ROOT / "rules").rglob("__init__.py")}
    assert found <= listed, sorted(found - listed)


def test_sdist_carries_its_tests_and_they_pass_from_it(tmp_path: Path) -> None:
    import tarfile

    subprocess.run([sys.executable, "-m", "build", "--sdist", "-o", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True, timeout=600)
    [sdist] = tmp_path.glob("edgelint-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
        if hasattr(tarfile, "data_filter"):
            archive.extractall(tmp_path / "src", filter="data")
        else:  # pragma: no cover - Pythons before the extraction filters
            archive.extractall(tmp_path / "src")
    assert {"LICENSE", "action.yml", "examples/edge-site/template.yaml", "fixtures/connection/valid/allow-all.js",
            "tests/conftest.py", "benchmarks/fuzz.py"} <= names
    assert not any(".edgelint_cache" in name or "__pycache__" in name for name in names)
    [root] = (tmp_path / "src").iterdir()
    info = (root / "PKG-INFO").read_text("utf-8")
    assert "License-Expression: MIT" in info and "Project-URL: Repository, https://github.com/edgelint/edgelint" in info
    # The sdist's own code and tests, not this checkout's.
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "tests/test_fixtures.py", "tests/test_example_project.py"],
                          cwd=root, env={**__import__("os").environ, "PYTHONPATH": str(root)},
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
