"""Bad input never crashes: a finding or a one-line message, and the other files still linted."""

from __future__ import annotations

import json

from conftest import write

GOOD_BAD = "function handler(event) {\n  var h = require('https');\n  return event.request;\n}\n"


def _json(result):
    assert "Traceback" not in result.err, result.err
    return json.loads(result.out)


def test_syntax_error_is_el001_and_run_continues(run, tmp_path):
    write(tmp_path, "edge/broken.js", "function handler(event) {\n  var uri = event.request.uri\n  return event.request;;}}\n")
    write(tmp_path, "edge/other.js", GOOD_BAD)
    result = run("--output-format", "json", "edge")
    items = _json(result)
    broken = [i for i in items if i["path"] == "edge/broken.js"]
    assert [(i["code"], i["line"]) for i in broken] == [("EL001", 3)]
    assert "line 3" in broken[0]["message"]
    assert any(i["path"] == "edge/other.js" and i["code"] == "CF001" for i in items)
    assert result.code == 1


def test_binary_file(run, tmp_path):
    write(tmp_path, "blob.js", b"\x7fELF\x00\x01\x02\x03" * 64)
    write(tmp_path, "other.js", GOOD_BAD)
    items = _json(run("--output-format", "json", "blob.js", "other.js"))
    assert any(i["path"] == "blob.js" and i["code"] == "EL001" and "binary" in i["message"] for i in items)
    assert any(i["path"] == "other.js" and i["code"] == "CF001" for i in items)
    # Found while walking a folder, a binary file is simply not edge code.
    write(tmp_path, "dir/blob.js", b"\x00\x01" * 100)
    assert _json(run("--output-format", "json", "dir")) == []


def test_invalid_utf8(run, tmp_path):
    write(tmp_path, "latin1.js", b"function handler(event) {\n  var s = '\xe9t\xe9';\n  return event.request;\n}\n")
    items = _json(run("--output-format", "json", "latin1.js"))
    assert [(i["code"], i["line"]) for i in items] == [("EL001", 2)]
    assert "not valid UTF-8" in items[0]["message"] and "0xe9" in items[0]["message"]


def test_ten_megabyte_file(run, tmp_path):
    body = "var table = {\n" + "".join(f"  '/old/{i}': '/new/{i}',\n" for i in range(400_000)) + "};\n"
    text = "// edgelint: runtime=cloudfront-js-2.0\n" + body + "function handler(event) { return event.request; }\n"
    assert len(text) > 10_000_000
    write(tmp_path, "huge.js", text)
    items = _json(run("--output-format", "json", "huge.js"))
    codes = {i["code"] for i in items}
    assert codes == {"EL001", "CF008"}
    assert "parse limit" in next(i for i in items if i["code"] == "EL001")["message"]


def test_deep_nesting(run, tmp_path):
    depth = 10_000
    write(tmp_path, "deep.js", "function handler(event) {\n  var x = " + "(" * depth + "1" + ")" * depth
          + ";\n  return event.request;\n}\n")
    write(tmp_path, "deep_array.js", "function handler(event) {\n  var x = " + "[" * depth + "]" * depth
          + ";\n  return event.request;\n}\n")
    result = run("--output-format", "json", "deep.js", "deep_array.js")
    items = _json(result)
    assert {(i["path"], i["code"]) for i in items} == {("deep.js", "EL001"), ("deep_array.js", "EL001")}
    assert all("nested too deeply" in i["message"] for i in items)


def test_moderate_nesting_parses(run, tmp_path):
    depth = 500
    write(tmp_path, "nested.js", "function handler(event) {\n  var x = " + "(" * depth + "1" + ")" * depth
          + ";\n  return event.request;\n}\n")
    assert _json(run("--output-format", "json", "nested.js")) == []


def test_bad_pragma_is_one_line(run, tmp_path):
    write(tmp_path, "fn.js", "// edgelint: runtime=cloudfront-js-3.0\nfunction handler(event) { return event.request; }\n")
    write(tmp_path, "other.js", GOOD_BAD)
    result = run("fn.js", "other.js")
    assert result.code == 2
    assert "fn.js:1" in result.err and "cloudfront-js-3.0" in result.err
    assert result.err.strip().count("\n") == 0
    assert "other.js" in result.out  # still linted


def test_empty_and_whitespace_files(run, tmp_path):
    write(tmp_path, "empty.js", "")
    write(tmp_path, "blank.js", "\n\n   \n")
    result = run("--output-format", "json", "empty.js", "blank.js")
    assert result.code in (0, 1) and "Traceback" not in result.err


def test_latin1_comment_is_a_warning_and_the_file_is_linted(run, tmp_path):
    # A header comment saved as Latin-1: AWS documents no rejection, the runtime never reads it.
    (tmp_path / "fn.js").write_bytes(b"// Redirects for the caf\xe9 pages (\xa9 2019)\n"
                                     b"function handler(event) {\n  fetch('https://x');\n  return event.request;\n}\n")
    items = _json(run("--output-format", "json", "fn.js"))
    found = [(i["code"], i["line"], i["severity"]) for i in items if i["code"] != "MG001"]
    assert found == [("EL004", 1, "warning"), ("CF001", 3, "error")]
    assert "0xe9" in items[0]["message"] and "1 more" in items[0]["message"]


def test_non_utf8_byte_outside_a_comment_is_still_el001(run, tmp_path):
    (tmp_path / "fn.js").write_bytes(b"// fine\nfunction handler(event) {\n  var s = 'caf\xe9';\n"
                                     b"  return event.request;\n}\n")
    items = _json(run("--output-format", "json", "fn.js"))
    assert [(i["code"], i["line"]) for i in items] == [("EL001", 3)]


def test_fix_leaves_a_file_with_non_utf8_comments_untouched(run, tmp_path):
    data = b"// caf\xe9\nfunction handler(event) {\n  var c = console.error;\n  return event.request;\n}\n"
    (tmp_path / "fn.js").write_bytes(data)
    run("--fix", "fn.js")
    assert (tmp_path / "fn.js").read_bytes() == data
