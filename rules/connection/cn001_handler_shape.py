"""CN001 connection-handler-shape: a Connection Function is a top-level `connectionHandler(connection)`."""

from __future__ import annotations

from typing import Any

from edgelint.lang.js.context import find_handler
from edgelint.model import CONNECTION_FUNCTION
from edgelint.rule import Example, Rule
from edgelint.rules.connection._common import EVENT, RUNTIME, cn

_URL_ASSOCIATE = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/connection-functions.html"
_URL_CODE = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/write-connection-function-code.html"
_EXPORTS = ("ExportNamedDeclaration", "ExportDefaultDeclaration", "ExportAllDeclaration")


class ConnectionHandlerShape(Rule):
    """
    ## What it does
    Checks the entry point of a CloudFront Connection Function:

    - the file must declare a top-level function named `connectionHandler`
      (`function connectionHandler(connection)` or its `async` form); a viewer function's
      `function handler(event)` in its place is named as such;
    - the handler must not be exported (`export`, `module.exports`, `exports.x`): the runtime has
      no module system.

    ## Why is this bad?
    CloudFront runs a Connection Function by calling its `connectionHandler` with the connection
    object during the TLS handshake. The create and publish APIs accept any JavaScript, so code
    written as a viewer function (`handler(event)`, returning `event.request`) deploys — and then
    never decides: with no `connectionHandler`, no `allow()` is called and CloudFront denies every
    connection. An `export` statement throws before anything runs.

    ## Example
    ```js
    function handler(event) {
        return event.request;
    }
    ```

    Use instead:
    ```js
    function connectionHandler(connection) {
        connection.allow();
    }
    ```

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/connection-functions.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/write-connection-function-code.html
    """

    code = "CN001"
    name = "connection-handler-shape"
    kinds = (CONNECTION_FUNCTION,)
    summary = "Missing or exported connectionHandler in a Connection Function"
    help = "declare a top-level `function connectionHandler(connection) { … }` that calls allow() or deny(), with no exports"
    references = (_URL_ASSOCIATE, _URL_CODE)
    example_runtimes = (RUNTIME,)
    valid = (
        Example("function connectionHandler(connection) {\n  connection.allow();\n}\n", event=EVENT),
        Example("import cf from 'cloudfront';\n\nasync function connectionHandler(connection) {\n"
                "  const revoked = await cf.kvs().exists(connection.clientCertificate.certificates.leaf.serialNumber);\n"
                "  return revoked ? connection.deny() : connection.allow();\n}\n", event=EVENT),
        Example("var connectionHandler = function (connection) {\n  connection.deny();\n};\n", event=EVENT),
    )
    invalid = (
        Example("function handler(event) {\n  return event.request;\n}\n", event=EVENT, line=1,
                message="`handler(event)` is the entry point of viewer functions"),
        Example("export function connectionHandler(connection) {\n  connection.allow();\n}\n", event=EVENT,
                line=1, message="no module system"),
        Example("module.exports = { connectionHandler };\nfunction connectionHandler(connection) {\n"
                "  connection.allow();\n}\n", event=EVENT, line=1, message="no module system"),
        Example("function onConnect(connection) {\n  connection.allow();\n}\n", event=EVENT, line=1,
                message="no top-level `connectionHandler`"),
    )

    def on_Program(self, node: Any) -> None:
        name = cn()["handler"]["name"]
        for stmt in node.body:
            if stmt.type in _EXPORTS or _is_commonjs_export(stmt):
                self.report(stmt, "Connection Functions have no module system: this export throws before "
                                  f"`{name}` runs; declare the function without exporting it")
        if self.ctx.handler is not None or _exported(node, name):
            return
        viewer_handler = find_handler(node)
        if viewer_handler is not None:
            self.report(viewer_handler, f"`handler(event)` is the entry point of viewer functions: a Connection Function "
                              f"must declare `{name}(connection)`, or CloudFront never calls it and denies every "
                              "connection", help=f"rename it `{name}(connection)` and decide with "
                                                 "connection.allow() / connection.deny()")
            return
        if not _declared(self.ctx, node, name):
            self.report(None, f"no top-level `{name}` function: CloudFront calls `{name}(connection)` during the "
                              "TLS handshake")


def _is_commonjs_export(stmt: Any) -> bool:
    from edgelint.lang.js.parse import member_key

    if stmt.type != "ExpressionStatement" or stmt.expression.type != "AssignmentExpression":
        return False
    left = stmt.expression.left
    if left.type != "MemberExpression":
        return False
    obj = left.object
    return (obj.type == "Identifier" and obj.name == "exports") or (
        obj.type == "Identifier" and obj.name == "module" and member_key(left) == "exports") or (
        obj.type == "MemberExpression" and member_key(obj) == "exports")


def _exported(program: Any, name: str) -> bool:
    """`export function connectionHandler`: reported as an export; the handler itself exists."""
    for stmt in program.body:
        decl = getattr(stmt, "declaration", None) if stmt.type in _EXPORTS else None
        if decl is not None and decl.type == "FunctionDeclaration" and decl.id is not None and decl.id.name == name:
            return True
    return False


def _declared(ctx: Any, program: Any, name: str) -> bool:
    scope = ctx.parsed.scopes.get(id(program))
    return scope is not None and name in scope.bindings
