"""CN005 log-custom-data-size: connection.logCustomData() keeps 800 bytes."""

from __future__ import annotations

from typing import Any

from edgelint.model import CONNECTION_FUNCTION, Severity
from edgelint.rule import Example, Rule
from edgelint.rules.connection._common import EVENT, RUNTIME, cn, connection_method

_URL_CODE = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/write-connection-function-code.html"


class LogCustomDataSize(Rule):
    """
    ## What it does
    Flags `connection.logCustomData(text)` when `text` is a string the linter can read (a literal,
    a concatenation of literals, a constant) longer than 800 bytes of UTF-8, and calls with more
    than one argument.

    ## Why is this bad?
    AWS documents `logCustomData()` as adding "custom data to connection logs (up to 800 bytes of
    UTF-8 text)"; longer text is cut at the last whole character before the limit, so the end of
    the message — often the identifier you log it for — is lost. Only one string is documented.

    ## Example
    ```js
    function connectionHandler(connection) {
        connection.logCustomData('denied: ' + LONG_EXPLANATION);  // 1,200 bytes
        return connection.deny();
    }
    ```

    Use instead: log a short code and the identifiers (`'DENY:' + connection.connectionId`).

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/write-connection-function-code.html
    """

    code = "CN005"
    name = "log-custom-data-size"
    severity = Severity.WARNING
    kinds = (CONNECTION_FUNCTION,)
    summary = "connection.logCustomData() with more than it keeps"
    help = "log a short code and identifiers, one string of at most 800 bytes"
    references = (_URL_CODE,)
    example_runtimes = (RUNTIME,)
    valid = (
        Example("function connectionHandler(connection) {\n"
                "  connection.logCustomData(`VALID_DEVICE:${connection.clientCertificate.certificates.leaf.serialNumber}`);\n"
                "  return connection.allow();\n}\n", event=EVENT),
        Example("var NOTE = 'short note';\nfunction connectionHandler(connection) {\n"
                "  connection.logCustomData(NOTE + ':' + connection.clientIp);\n  return connection.allow();\n}\n",
                event=EVENT),
    )
    invalid = (
        Example("var NOTE = '" + "x" * 900 + "';\nfunction connectionHandler(connection) {\n"
                "  connection.logCustomData(NOTE);\n  return connection.deny();\n}\n",
                event=EVENT, line=3, message="900 bytes"),
        Example("function connectionHandler(connection) {\n"
                "  connection.logCustomData('DENY', connection.clientIp);\n  return connection.deny();\n}\n",
                event=EVENT, line=2, message="one string"),
    )

    def on_CallExpression(self, node: Any) -> None:
        ctx = self.ctx
        if connection_method(ctx, node) != "logCustomData" or not node.arguments:
            return
        if len(node.arguments) > 1:
            self.report(node, f"logCustomData() takes one string; the other {len(node.arguments) - 1} "
                              "argument(s) are not logged", help="concatenate the parts into one string")
        value = ctx.static_value(node.arguments[0])
        if not isinstance(value, str):
            return
        limit = cn()["log_custom_data"]["max_bytes"]
        size = len(value.encode("utf-8", "surrogatepass"))
        if size > limit:
            self.report(node.arguments[0], f"this text is {size:,} bytes: connection logs keep the first {limit} "
                                           "bytes of custom data and drop the rest")
