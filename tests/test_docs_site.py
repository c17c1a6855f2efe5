"""The documentation site: a page per rule at the address findings carry, and no broken link."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from edgelint import rule_url
from edgelint.docs import broken_links, build
from edgelint.rule import load_rules

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    build(out)
    return out


def test_every_rule_has_its_page(site: Path) -> None:
    for code, rule in load_rules().items():
        page = site / "rules" / f"{code}.html"
        text = page.read_text("utf-8")
        assert f"{code} {rule.name}" in text and "What it does" in text
        assert rule_url(code).endswith("/" + page.relative_to(site).as_posix())
    index = (site / "rules" / "index.html").read_text("utf-8")
    assert all(f'href="{code}.html"' in index for code in load_rules())


def test_readme_sections_become_pages(site: Path) -> None:
    for name, heading in (("targets.html", "Which files are edge code"), ("configuration.html", "Configuration"),
                          ("integrations.html", "pre-commit"), ("migration.html", "Moving code"),
                          ("command-line.html", "Command line")):
        assert heading in (site / name).read_text("utf-8"), name


def test_every_internal_link_resolves(site: Path) -> None:
    assert broken_links(site) == []
    links = sum(len(re.findall(r'href="(?![a-z]+:)', p.read_text("utf-8"))) for p in site.rglob("*.html"))
    assert links > 500  # the navigation of every page, the rule index, README cross-references


def test_link_check_finds_a_broken_link(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text('<a href="b.html">b</a><a href="#here">x</a><h2 id="there"></h2>')
    assert broken_links(tmp_path) == ["a.html: b.html (no such page)", "a.html: #here (no such anchor)"]


def test_the_build_command(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "edgelint.docs", "-o", str(tmp_path / "site")], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert re.fullmatch(r"wrote \d+ pages to .*/site/\n", proc.stdout)


def test_the_config_schema_is_published_at_its_id(site: Path) -> None:
    import json

    from edgelint.schema import SCHEMA_PATH, schema

    published = site / SCHEMA_PATH.name
    assert json.loads(published.read_text("utf-8")) == schema()
    assert schema()["$id"] == "https://edgelint.github.io/edgelint/" + SCHEMA_PATH.name


def test_cross_references_stay_on_the_site(site: Path) -> None:
    # The README's own anchors become links between pages; only repository files go to GitHub.
    pages = "".join(p.read_text("utf-8") for p in site.glob("*.html"))
    github = re.findall(r'href="https://github\.com/edgelint/edgelint/blob/main/([^"]+)"', pages)
    assert github and not any(".html" in target for target in github)
