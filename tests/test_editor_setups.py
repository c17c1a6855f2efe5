"""The README's editor setups: each block parses, names the server command, and uses only the
API of the editor versions it claims (no Neovim, Lua or Helix binary on the test machines)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text("utf-8")
EDITOR = README[README.index("## Editor"):README.index("## Development")]


def _blocks(text: str) -> list[tuple[str, str, str]]:
    """(the prose before the block, its language, its code) for each fenced block."""
    out, prose, code, language = [], [], None, ""
    for line in text.splitlines(keepends=True):
        if line.startswith("```"):
            if code is None:
                language, code = line[3:].strip(), []
            else:
                out.append(("".join(prose), language, "".join(code)))
                prose, code = [], None
        elif code is not None:
            code.append(line)
        else:
            prose.append(line)
    return out


BLOCKS = _blocks(EDITOR)


def _block(title_part: str, language: str) -> str:
    return next(code for title, lang, code in BLOCKS if title_part in title and lang == language)


def test_vscode_settings_are_json_with_the_fix_all_action():
    settings = json.loads(_block("VS Code", "json"))
    assert settings["glspc.server.command"] == "edgelint" and settings["glspc.server.commandArguments"] == ["lsp"]
    assert settings["editor.codeActionsOnSave"] == {"source.fixAll.edgelint": "explicit"}
    assert {"yaml", "terraform"} <= set(settings["glspc.server.languageId"])


def test_neovim_07_block_uses_only_the_07_api():
    code = _block("Neovim 0.7", "lua")
    # Added after 0.7: vim.lsp.start (0.8), vim.fs (0.8), vim.fs.root (0.10), vim.lsp.config (0.11).
    for newer in ("vim.lsp.start(", "vim.fs.", "vim.lsp.config", "vim.lsp.enable", "vim.iter"):
        assert newer not in code, newer
    assert 'cmd = { "edgelint", "lsp" }' in code and "vim.lsp.start_client(" in code
    assert code.count("(") == code.count(")") and code.count("{") == code.count("}")
    assert len(re.findall(r"\bfunction\b", code)) == len(re.findall(r"\bend\b", code)) - 1  # + the `if … end`


def test_neovim_011_block():
    code = _block("Neovim 0.11", "lua")
    assert 'vim.lsp.config("edgelint"' in code and 'vim.lsp.enable("edgelint")' in code


def test_helix_block_is_toml():
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    config = tomllib.loads(_block("Helix", "toml"))
    assert config["language-server"]["edgelint"] == {"command": "edgelint", "args": ["lsp"]}
    assert all("edgelint" in language["language-servers"] for language in config["language"])
