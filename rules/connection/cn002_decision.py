"""CN002 connection-decision: a Connection Function must call connection.allow() or connection.deny()."""

from __future__ import annotations

from typing import Any

from edgelint.model import CONNECTION_FUNCTION, Severity
from edgelint.rule import Example, Rule
from edgelint.rules.connection._common import CONNECTION, EVENT, RUNTIME, cn, connection_method

_URL_CODE = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/write-connection-function-code.html"
_URL_ASSOCIATE = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/connection-functions.html"
_DECISIONS = ("allow", "deny")


def _exits(statement: Any) -> bool:
    if statement.type == "BlockStatement":
        return bool(statement.body) and _exits(statement.body[-1])
    return statement.type in ("ReturnStatement", "ThrowStatement")


class ConnectionDecision(Rule):
    """
    ## What it does
    Checks the allow/deny contract of a CloudFront Connection Function:

    - the function must call `connection.allow()` or `connection.deny()` somewhere (also through
      an alias or a helper it passes the connection to) — error when it never does;
    - `allow()` and `deny()` take no arguments (none are documented; a reason passed to `deny()`
      goes nowhere — log it with `connection.logCustomData()`) — warning;
    - a decision that does not end the function when another decision can follow it, as in
      `if (!connection.clientCertificate) { connection.deny(); }` followed by code that reads the
      certificate and calls `allow()` — warning: return after deciding.

    ## Why is this bad?
    AWS: "The function handler must call either allow or deny", and "If neither method is called,
    CloudFront will deny the connection by default". A function that never decides turns every
    mTLS handshake away. What happens when one run calls both methods is not documented; code
    that goes on after `deny()` usually reads the certificate it just found missing and throws.

    ## Example
    ```js
    function connectionHandler(connection) {
        if (!connection.clientCertificate) {
            connection.deny();
        }
        const subject = connection.clientCertificate.certificates.leaf.subject;
        if (subject.includes('O=ExampleCorp')) {
            connection.allow();
        }
    }
    ```

    Use instead:
    ```js
    function connectionHandler(connection) {
        if (!connection.clientCertificate) {
            return connection.deny();
        }
        const subject = connection.clientCertificate.certificates.leaf.subject;
        return subject.includes('O=ExampleCorp') ? connection.allow() : connection.deny();
    }
    ```

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/write-connection-function-code.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/connection-functions.html
    """

    code = "CN002"
    name = "connection-decision"
    kinds = (CONNECTION_FUNCTION,)
    summary = "A Connection Function that never allows or denies, or decides ambiguously"
    help = "call `connection.allow()` or `connection.deny()` on every path, and return right after deciding"
    references = (_URL_CODE, _URL_ASSOCIATE)
    example_runtimes = (RUNTIME,)
    valid = (
        Example("function connectionHandler(connection) {\n  if (connection.clientIp.startsWith('10.')) {\n"
                "    return connection.allow();\n  }\n  connection.deny();\n}\n", event=EVENT),
        Example("function decide(conn, ok) {\n  if (ok) { conn.allow(); } else { conn.deny(); }\n}\n"
                "async function connectionHandler(connection) {\n"
                "  decide(connection, connection.clientCertificate !== undefined);\n}\n", event=EVENT),
        Example("function connectionHandler(connection) {\n  if (connection.clientCertificate) {\n"
                "    connection.allow();\n  } else {\n    connection.deny();\n  }\n}\n", event=EVENT),
    )
    invalid = (
        Example("function connectionHandler(connection) {\n  console.log(connection.clientIp);\n}\n",
                event=EVENT, line=1, message="never calls"),
        Example("function connectionHandler(connection) {\n"
                "  if (!connection.clientCertificate) {\n    console.log('No certificate presented');\n"
                "    connection.deny();\n  }\n"
                "  const subject = connection.clientCertificate.certificates.leaf.subject;\n"
                "  if (subject.includes('O=ExampleCorp')) {\n    connection.allow();\n  } else {\n"
                "    connection.deny();\n  }\n}\n",
                event=EVENT, line=4, severity=Severity.WARNING, message="goes on"),
        Example("function connectionHandler(connection) {\n  connection.deny('certificate revoked');\n}\n",
                event=EVENT, line=2, severity=Severity.WARNING, message="take no arguments"),
    )

    def __init__(self, ctx: Any) -> None:
        super().__init__(ctx)
        self.decided = False
        self.escapes = False  # the connection is handed to code this file does not show

    def on_CallExpression(self, node: Any) -> None:
        ctx = self.ctx
        method = connection_method(ctx, node)
        if method in _DECISIONS:
            self.decided = True
            if node.arguments:
                self.report(node, f"`{method}()` and the other decision method take no arguments (none are "
                                  "documented): this argument is ignored",
                            severity=Severity.WARNING,
                            help="call it without arguments; record the reason with connection.logCustomData()")
            self._check_final(node, method)
            return
        if method is None and any(ctx.sym(a) == CONNECTION for a in node.arguments):
            callee = node.callee
            if callee.type != "Identifier" or ctx.lookup(callee.name) is None:
                self.escapes = True  # handed to something whose body is not in this file

    def _check_final(self, call: Any, method: str) -> None:
        """A decision statement after which the function goes on to another decision."""
        statement = getattr(call, "parent", None)
        if statement is None or statement.type != "ExpressionStatement" or statement.expression is not call:
            return  # `return connection.deny()`, or part of an expression
        block = getattr(statement, "parent", None)
        if block is None or block.type != "BlockStatement":
            return
        later = self._after(statement, block)
        if later and self._decides(later):
            self._warn(call, method)
            return
        if block.body and block.body[-1] is statement:
            # Last in an `if` block with no `else`: the function continues after the `if`.
            branch = getattr(block, "parent", None)
            if branch is None or branch.type != "IfStatement" or branch.alternate is not None:
                return
            outer = getattr(branch, "parent", None)
            if outer is not None and outer.type == "BlockStatement" and self._decides(self._after(branch, outer)):
                self._warn(call, method)

    @staticmethod
    def _after(statement: Any, block: Any) -> list[Any]:
        body = block.body
        for index, item in enumerate(body):
            if item is statement:
                return body[index + 1:]
        return []

    def _decides(self, statements: list[Any]) -> bool:
        """Whether any of these statements calls allow() or deny() (looked at shallowly, no functions)."""
        stack = list(statements)
        seen = 0
        while stack and seen < 2000:
            node = stack.pop()
            seen += 1
            if node.type in ("FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression"):
                continue
            if connection_method(self.ctx, node) in _DECISIONS:
                return True
            stack.extend(node.linked_children_reversed())
        return False

    def _warn(self, call: Any, method: str) -> None:
        self.report(call, f"after `{method}()` the function goes on and can reach another decision: what CloudFront "
                          "does with two decisions is not documented, and the code after a deny usually reads the "
                          "certificate it found missing",
                    severity=Severity.WARNING, help=f"return right after deciding: `return connection.{method}();`")

    def on_Program_exit(self, node: Any) -> None:
        ctx = self.ctx
        if ctx.handler is None or self.decided or self.escapes:
            return
        methods = " or ".join(f"connection.{m}()" for m in cn()["decision"]["methods"])
        self.report(ctx.handler, f"`{cn()['handler']['name']}` never calls {methods}: CloudFront then denies "
                                 "every connection by default")
