"""CN003 connection-object: what a Connection Function reads from its connection object."""

from __future__ import annotations

from typing import Any

from edgelint.lang.js.parse import member_key
from edgelint.model import CONNECTION_FUNCTION, Severity
from edgelint.rule import Example, Rule
from edgelint.rules.connection._common import CONNECTION, EVENT, RUNTIME, cn

_URL_CODE = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/write-connection-function-code.html"
_URL_ASSOCIATE = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/connection-functions.html"
_URL_EVENT = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-event-structure.html"


class ConnectionObject(Rule):
    """
    ## What it does
    Checks reads of the connection object a Connection Function receives (through aliases and
    helper parameters too):

    - viewer-function members — `connection.request`, `.response`, `.viewer`, `.headers`,
      `.uri`, … — are errors: the connection object has none of them;
    - `connection.clientCertInfo`, used by a few AWS examples but documented nowhere (the newer
      revocation example reads `connection.clientCertificate.certificates.leaf`), is a warning;
    - any other member missing from the documented object (`clientCertificate`, `clientIp`,
      `endpoint`, `distributionId`, `connectionId`, `allow`, `deny`, `logCustomData`), and
      certificate fields missing from the documented certificate, are warnings.

    Writes to the connection object are left alone.

    ## Why is this bad?
    A Connection Function runs during the TLS handshake, before any HTTP request exists: "Unlike
    viewer request and viewer response functions, Connection Functions cannot modify HTTP requests
    or responses. They can only allow or deny the TLS connection." Reading `connection.request.uri`
    throws (`request` is undefined), the function fails, and the connection is refused.

    ## Example
    ```js
    function connectionHandler(connection) {
        if (connection.request.headers['x-api-key']) {
            return connection.allow();
        }
        return connection.deny();
    }
    ```

    Use instead: decide on the certificate or the client address here, and check headers in a
    viewer-request function.
    ```js
    function connectionHandler(connection) {
        const leaf = connection.clientCertificate.certificates.leaf;
        return leaf.subject.includes('OU=AuthorizedDevices') ? connection.allow() : connection.deny();
    }
    ```

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/write-connection-function-code.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/connection-functions.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-event-structure.html
    """

    code = "CN003"
    name = "connection-object"
    kinds = (CONNECTION_FUNCTION,)
    summary = "A member the Connection Function's connection object does not have"
    help = ("read the documented connection object: clientCertificate.certificates.leaf "
            "(serialNumber, issuer, subject, validity, sha256Fingerprint), clientIp, endpoint, distributionId, "
            "connectionId")
    references = (_URL_CODE, _URL_ASSOCIATE, _URL_EVENT)
    example_runtimes = (RUNTIME,)
    valid = (
        Example("function connectionHandler(connection) {\n"
                "  const leaf = connection.clientCertificate.certificates.leaf;\n"
                "  const notAfter = Date.parse(leaf.validity.notAfter);\n"
                "  if (leaf.issuer.includes('CN=Device CA') && notAfter > Date.now()) {\n"
                "    connection.logCustomData('ok:' + leaf.sha256Fingerprint + ':' + connection.connectionId);\n"
                "    return connection.allow();\n  }\n  return connection.deny();\n}\n", event=EVENT),
        Example("function connectionHandler(connection) {\n"
                "  var status = connection.clientCertificate.revocationStatus;\n"
                "  if (status.chainValidity === 'Invalid') { return connection.deny(); }\n"
                "  var first = connection.clientCertificate.certificates.intermediates[0];\n"
                "  console.log(connection.endpoint + ' ' + connection.distributionId + ' ' + first.subject);\n"
                "  return connection.allow();\n}\n", event=EVENT),
    )
    invalid = (
        Example("function connectionHandler(connection) {\n"
                "  if (connection.request.headers['x-api-key']) {\n    return connection.allow();\n  }\n"
                "  return connection.deny();\n}\n", event=EVENT, line=2, severity=Severity.ERROR,
                message="`connection.request` is undefined"),
        Example("function connectionHandler(event) {\n  var ip = event.viewer.ip;\n"
                "  return ip === '203.0.113.7' ? event.allow() : event.deny();\n}\n",
                event=EVENT, line=2, severity=Severity.ERROR, message="viewer"),
        Example("import cf from 'cloudfront';\nasync function connectionHandler(connection) {\n"
                "  const cert = connection.clientCertInfo;\n"
                "  const revoked = await cf.kvs().exists(cert.serialNumber);\n"
                "  return revoked ? connection.deny() : connection.allow();\n}\n",
                event=EVENT, line=3, severity=Severity.WARNING, message="clientCertInfo"),
        Example("function connectionHandler(connection) {\n"
                "  if (connection.tlsVersion === 'TLSv1.3') { return connection.allow(); }\n"
                "  return connection.deny();\n}\n", event=EVENT, line=2, severity=Severity.WARNING,
                message="not in the documented connection object"),
    )

    def on_MemberExpression(self, node: Any) -> None:
        key = member_key(node)
        if not isinstance(key, str):
            return
        ctx = self.ctx
        sym = ctx.sym(node.object)
        if sym is None or sym[:1] != CONNECTION or ctx.is_write_target(node):
            return
        facts = cn()["connection"]
        path = sym[1:]
        shown = ctx.text[node.range[0]:node.range[1]]
        shown = f"`{shown}`" if len(shown) <= 60 and "\n" not in shown else f"`…{key}`"
        if not path:
            self._top_level(node, key, shown, facts)
        elif path == ("clientCertificate",) and key not in facts["client_certificate"]:
            self._undocumented(node, shown, "the documented client certificate (certificates, revocationStatus)")
        elif path == ("clientCertificate", "certificates") and key not in facts["certificates"]:
            self._undocumented(node, shown, "the documented certificates (leaf, intermediates)")
        elif (len(path) == 3 and path[:2] == ("clientCertificate", "certificates") and path[2] == "leaf"
              and key not in facts["certificate_fields"]):
            self._undocumented(node, shown, "the documented certificate fields ("
                                            + ", ".join(facts["certificate_fields"]) + ")")

    def _top_level(self, node: Any, key: str, shown: str, facts: dict[str, Any]) -> None:
        if key in facts["properties"] or key in facts["methods"]:
            return
        if key in facts["http_members"]:
            self.report(node, f"{shown} is undefined: a Connection Function gets the TLS connection, not an "
                              "HTTP request (no request, response, viewer or headers), so reading below it throws "
                              "and the connection is refused",
                        help="decide on the client certificate or address here; check HTTP details in a "
                             "viewer-request CloudFront Function")
            return
        alias = facts["undocumented_aliases"].get(key)
        if alias is not None:
            self.report(node, f"{shown} is not documented: some AWS examples use it, the connection object "
                              f"specification does not have it; read connection.{alias}",
                        severity=Severity.WARNING, help=f"use connection.{alias}")
            return
        self._undocumented(node, shown, "the documented connection object ("
                                        + ", ".join(facts["properties"] + facts["methods"]) + ")")

    def _undocumented(self, node: Any, shown: str, where: str) -> None:
        self.report(node, f"{shown} is not in {where}: it is probably undefined", severity=Severity.WARNING)
