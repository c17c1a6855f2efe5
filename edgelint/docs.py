"""Build the documentation site: `python -m edgelint.docs [-o site]`.

One page per rule at a stable address (`rules/CF001.html`, the URL findings carry), a rule index,
and the README cut into pages at its `##` sections (targets, command line, configuration,
integrations, migration, development). Static HTML with no scripts; Markdown is rendered with
markdown-it-py (`pip install 'edgelint[docs]'`). Internal links are rewritten to the page that
holds their anchor, and the build refuses to finish with a link that does not resolve."""

from __future__ import annotations

import argparse
import html
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

# README `##` section title → page; sections not listed go on the home page.
PAGES: dict[str, tuple[str, str]] = {
    "Which files are edge code": ("targets.html", "Targets"),
    "Command line": ("command-line.html", "Command line"),
    "Configuration": ("configuration.html", "Configuration"),
    "CI": ("integrations.html", "Integrations"),
    "pre-commit": ("integrations.html", "Integrations"),
    "Editor": ("integrations.html", "Integrations"),
    "Moving code to the other function type": ("migration.html", "Migration"),
    "Development": ("development.html", "Development"),
}
NAV = [("index.html", "Overview"), ("rules/index.html", "Rules"), ("targets.html", "Targets"),
       ("command-line.html", "Command line"), ("configuration.html", "Configuration"),
       ("integrations.html", "Integrations"), ("migration.html", "Migration"), ("development.html", "Development")]
_STYLE = """body{font:16px/1.5 system-ui,sans-serif;max-width:58rem;margin:0 auto;padding:0 1rem;color:#1b1f24}
nav{display:flex;flex-wrap:wrap;gap:1rem;padding:.8rem 0;border-bottom:1px solid #d0d7de}
nav a{text-decoration:none}code,pre{font:14px ui-monospace,monospace;background:#f6f8fa}
pre{padding:.8rem;overflow-x:auto}table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:.3rem .5rem}"""


def slug(text: str) -> str:
    text = re.sub(r"<[^>]+>", "", text)
    return re.sub(r"[^a-z0-9]+", "-", html.unescape(text).lower()).strip("-")


def _markdown() -> Any:
    try:
        from markdown_it import MarkdownIt
    except ImportError:  # pragma: no cover - the docs extra is missing
        raise SystemExit("edgelint.docs needs markdown-it-py: pip install 'edgelint[docs]'")
    md = MarkdownIt("commonmark", {"html": False}).enable("table")

    def heading_ids(state: Any) -> None:
        tokens = state.tokens
        for i, token in enumerate(tokens):
            if token.type == "heading_open" and i + 1 < len(tokens):
                token.attrSet("id", slug(tokens[i + 1].content))

    md.core.ruler.push("heading_ids", heading_ids)
    return md


def _page(title: str, body: str, depth: int) -> str:
    up = "../" * depth
    nav = "".join(f'<a href="{up}{href}">{html.escape(name)}</a>' for href, name in NAV)
    return (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(title)} · edgelint</title><style>{_STYLE}</style></head>\n"
            f"<body><nav>{nav}</nav><main>\n{body}\n</main></body></html>\n")


def readme_sections(text: str) -> list[tuple[str | None, str]]:
    """(title of the `##` section or None for the opening, its Markdown)."""
    sections: list[tuple[str | None, str]] = []
    title: str | None = None
    lines: list[str] = []
    fence = False
    for line in text.splitlines(keepends=True):
        if line.startswith("```"):
            fence = not fence
        if not fence and line.startswith("## "):
            sections.append((title, "".join(lines)))
            title, lines = line[3:].strip(), []
        lines.append(line)
    sections.append((title, "".join(lines)))
    return sections


def _rule_markdown(rule: Any) -> str:
    out = [f"# {rule.code} {rule.name}\n",
           f"**{rule.summary}** · default severity: {rule.severity.value}"
           + (" · fixable" if rule.fixable else "") + f" · applies to {', '.join(rule.kinds)}\n",
           rule.doc(), ""]
    for label, examples in (("Valid", rule.valid), ("Invalid", rule.invalid)):
        if not examples:
            continue
        out.append(f"## {label} examples\n")
        for example in examples:
            where = ", ".join(x for x in (example.runtime, example.event, example.filename) if x)
            if where:
                out.append(f"{where}:\n")
            language = "yaml" if (example.filename or "").endswith((".yaml", ".yml")) else (
                "hcl" if (example.filename or "").endswith(".tf") else "json" if (example.filename or "").endswith(
                    ".json") else "python" if (example.runtime or "").startswith("python") else "js")
            code = example.code.encode("utf-8", "backslashreplace").decode("utf-8")
            out.append(f"```{language}\n{code}```\n")
    out.append(f"\nRun `edgelint rule {rule.code}` for this page in a terminal.\n")
    return "\n".join(out)


def build(out: Path) -> list[Path]:
    """Write the site into `out`; returns the pages written."""
    from edgelint.rule import load_rules

    md = _markdown()
    out.mkdir(parents=True, exist_ok=True)
    (out / "rules").mkdir(exist_ok=True)
    pages: dict[str, list[str]] = {"index.html": []}
    titles = {"index.html": "edgelint"}
    for title, text in readme_sections((ROOT / "README.md").read_text("utf-8")):
        href, page_title = PAGES.get(title or "", ("index.html", "edgelint"))
        pages.setdefault(href, []).append(text)
        titles.setdefault(href, page_title)
    anchors: dict[str, str] = {}
    rendered: dict[str, str] = {}
    for href, parts in pages.items():
        body = md.render("\n".join(parts))
        rendered[href] = body
        for anchor in re.findall(r'id="([^"]+)"', body):
            anchors.setdefault(anchor, href)
    rules = load_rules()
    written: list[Path] = []
    from edgelint import REPOSITORY_URL
    from edgelint.schema import SCHEMA_PATH

    # The config schema at the address its $id gives (editors and SchemaStore fetch it there).
    (out / SCHEMA_PATH.name).write_text(SCHEMA_PATH.read_text("utf-8"), "utf-8")
    for href, body in rendered.items():
        body = re.sub(r'href="#([^"]+)"', lambda m: f'href="{_local(anchors.get(m.group(1)), href)}#{m.group(1)}"', body)
        # Links to files of the repository (docs/adding-a-rule.md, the schema) go to its web view.
        body = re.sub(r'href="(?![a-z]+:|#)(?![^"#]*\.html)([^"]+)"',
                      lambda m: f'href="{REPOSITORY_URL}/blob/main/{m.group(1)}"', body)
        body = _link_rule_codes(body, rules, depth=0)
        target = out / href
        target.write_text(_page(titles[href], body, 0), "utf-8")
        written.append(target)
    rows = ["# Rules\n", "| code | name | severity | fixable | summary |", "|---|---|---|---|---|"]
    for code, rule in sorted(rules.items()):
        rows.append(f"| [{code}]({code}.html) | {rule.name} | {rule.severity.value} | "
                    f"{'yes' if rule.fixable else ''} | {rule.summary} |")
    target = out / "rules" / "index.html"
    target.write_text(_page("Rules", md.render("\n".join(rows) + "\n"), 1), "utf-8")
    written.append(target)
    for code, rule in sorted(rules.items()):
        target = out / "rules" / f"{code}.html"
        target.write_text(_page(f"{code} {rule.name}", md.render(_rule_markdown(rule)), 1), "utf-8")
        written.append(target)
    broken = broken_links(out)
    if broken:
        raise SystemExit("broken links:\n" + "\n".join(broken))
    return written


def _local(page: str | None, here: str) -> str:
    return "" if page is None or page == here else page


def _link_rule_codes(body: str, rules: dict[str, Any], depth: int) -> str:
    """`CF012` in a table cell of the overview links to its page."""
    prefix = "../" * depth + "rules/"
    return re.sub(r"<td>([A-Z]{2}\d{3})</td>",
                  lambda m: f'<td><a href="{prefix}{m.group(1)}.html">{m.group(1)}</a></td>'
                  if m.group(1) in rules else m.group(0), body)


def broken_links(site: Path) -> list[str]:
    """Every relative link of the site whose page or anchor does not exist."""
    ids: dict[Path, set[str]] = {}
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        ids[page.resolve()] = set(re.findall(r'id="([^"]+)"', page.read_text("utf-8")))
    broken = []
    for page in pages:
        for href in re.findall(r'href="([^"]+)"', page.read_text("utf-8")):
            if re.match(r"^[a-z]+:", href):
                continue  # http(s), mailto: not checked offline
            path, _, anchor = href.partition("#")
            target = (page.parent / path).resolve() if path else page.resolve()
            if target not in ids:
                broken.append(f"{page.relative_to(site)}: {href} (no such page)")
            elif anchor and anchor not in ids[target]:
                broken.append(f"{page.relative_to(site)}: {href} (no such anchor)")
    return broken


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m edgelint.docs", description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", default="site", help="folder to write the site to (default: site)")
    args = parser.parse_args(argv)
    written = build(Path(args.output))
    print(f"wrote {len(written)} pages to {args.output}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
