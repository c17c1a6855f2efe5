"""The language server survives malformed traffic and hostile workspaces, and then still answers a
valid request with diagnostics. Driven over raw stdio: a client library would refuse to send
most of this."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import pytest

from conftest import write
from edgelint.testing import LspRawClient as RawClient

pytest.importorskip("pygls", reason="the language server needs the lsp extra")

NETWORK = "function handler(event) {\n  fetch('https://example.com');\n  return event.request;\n}\n"


def _open(client: RawClient, path: Path, text: str, version: int = 1) -> None:
    client.notify("textDocument/didOpen", {"textDocument": {
        "uri": path.as_uri(), "languageId": "javascript", "version": version, "text": text}})


def _diagnostics_for(path: Path) -> Callable[[dict[str, Any]], bool]:
    return lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == path.as_uri()


def _initialize(client: RawClient, root: Path, request_id: int = 1) -> dict[str, Any]:
    client.send({"jsonrpc": "2.0", "id": request_id, "method": "initialize", "params": {
        "processId": None, "rootUri": root.as_uri(), "capabilities": {},
        "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}]}})
    return client.wait(lambda m: m.get("id") == request_id)


def test_malformed_traffic_then_a_valid_request_gets_diagnostics(tmp_path: Path):
    workspace = tmp_path / "ws"
    (workspace / ".git").mkdir(parents=True)
    # A broken deployment file in the workspace (a NUL byte) must not stop anyone's diagnostics.
    write(workspace, "template.yaml", b"Resources:\n  Fn:\n    Type: AWS::Serverless::Function\x00\n"
                                      b"    Properties:\n      CodeUri: src/\n      LambdaFunctionAssociations: []\n")
    client = RawClient(workspace)
    try:
        assert "capabilities" in _initialize(client, workspace)["result"]
        client.notify("initialized", {})
        junk = workspace / "junk.js"
        write(workspace, "junk.js", NETWORK)
        _open(client, junk, NETWORK)
        client.wait(_diagnostics_for(junk))

        client.raw(b"Content-Length: 1000000000000\r\n\r\n")          # an absurd length, no body
        client.raw(b"Content-Length: 10\r\n\r\n{not json}")            # not JSON
        client.raw(b"Content-Length: abc\r\n\r\n")                     # not a length
        client.raw(b"\r\n\r\nrandom bytes \xff\xfe\r\n")                 # no header at all
        client.send({"jsonrpc": "2.0", "id": 5, "method": "edgelint/no-such-method", "params": {}})
        assert "error" in client.wait(lambda m: m.get("id") == 5)
        client.notify("textDocument/didChange", {                      # an edit far past the end
            "textDocument": {"uri": junk.as_uri(), "version": 2},
            "contentChanges": [{"range": {"start": {"line": 9999, "character": 99},
                                          "end": {"line": 99999, "character": 0}}, "text": "x"}]})
        binary = workspace / "binary.js"
        _open(client, binary, "function handler(event) {\u0000\u00ff\ufffe return event.request; }\n")
        big = workspace / "big.js"
        _open(client, big, "// " + "x" * 100 + "\n" * 1 + ("var a = 1;\n" * 500_000))  # about 5 MB
        second = _initialize(client, workspace, request_id=7)          # a second initialize is refused
        assert "error" in second

        edge = workspace / "edge.js"
        write(workspace, "edge.js", NETWORK)
        _open(client, edge, NETWORK)
        published = client.wait(_diagnostics_for(edge), timeout=120)
        assert {d["code"] for d in published["params"]["diagnostics"]} >= {"CF001"}
        assert client.alive()
        # The documents opened before the second initialize are still known: a change is linted.
        client.notify("textDocument/didChange", {"textDocument": {"uri": edge.as_uri(), "version": 2},
                                                 "contentChanges": [{"text": NETWORK.replace("fetch", "fetc")}]})
        changed = client.wait(lambda m: _diagnostics_for(edge)(m) and m["params"].get("version") == 2, timeout=60)
        assert "CF001" not in {d["code"] for d in changed["params"]["diagnostics"]}
    finally:
        client.close()


def test_a_document_outside_every_workspace_folder_walks_nothing(tmp_path: Path):
    workspace = tmp_path / "ws"
    (workspace / ".git").mkdir(parents=True)
    # Beside the outside document, a template that would make it viewer-request Lambda@Edge code
    # (where `host` is read-only): outside the workspace it is not read, so no LE003.
    outside = tmp_path / "elsewhere"
    code = ("exports.handler = async (event) => {\n  const request = event.Records[0].cf.request;\n"
            "  request.headers['host'] = [{ key: 'Host', value: 'x' }];\n  return request;\n};\n")
    path = write(outside, "src/index.js", code)
    write(outside, "template.yaml", "Transform: AWS::Serverless-2016-10-31\nResources:\n  EdgeFn:\n"
                                    "    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n"
                                    "      Handler: index.handler\n      Runtime: nodejs22.x\n"
                                    "  Dist:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n"
                                    "      DistributionConfig:\n        DefaultCacheBehavior:\n"
                                    "          LambdaFunctionAssociations:\n            - EventType: viewer-request\n"
                                    "              LambdaFunctionARN: !Ref EdgeFn.Version\n")
    client = RawClient(workspace)
    try:
        _initialize(client, workspace)
        client.notify("initialized", {})
        _open(client, path, code)
        published = client.wait(_diagnostics_for(path))
        assert "LE003" not in {d["code"] for d in published["params"]["diagnostics"]}
    finally:
        client.close()
