"""CN004 connection-runtime: Connection Functions run only on cloudfront-js-2.0."""

from __future__ import annotations

from typing import Any

from edgelint.model import CONNECTION_FUNCTION
from edgelint.rule import Example, Rule
from edgelint.rules.connection._common import EVENT, cn

_URL_CREATE = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/create-connection-functions.html"
_URL_CFN = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cloudfront-connectionfunction-connectionfunctionconfig.html"


class ConnectionRuntime(Rule):
    """
    ## What it does
    Flags a Connection Function declared for a runtime other than `cloudfront-js-2.0` by a
    pragma, `--runtime` or a config entry. A runtime its deployment declares is reported there,
    by DP002.

    ## Why is this bad?
    AWS: "Connection functions only support JavaScript runtime 2.0 (cloudfront-js-2.0)", and
    CloudFormation's `ConnectionFunctionConfig.Runtime` allows no other value. Terraform accepts
    `cloudfront-js-1.0` for `aws_cloudfront_connection_function` without checking, so the error
    surfaces only when AWS refuses the function.

    ## Example
    ```js
    // edgelint: runtime=cloudfront-js-1.0 event=connection-request
    function connectionHandler(connection) {
        connection.allow();
    }
    ```

    Use instead: `runtime=cloudfront-js-2.0` (in the template: `Runtime: cloudfront-js-2.0`).

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/create-connection-functions.html
    - https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cloudfront-connectionfunction-connectionfunctionconfig.html
    """

    code = "CN004"
    name = "connection-runtime"
    kinds = (CONNECTION_FUNCTION,)
    summary = "A Connection Function on a runtime other than cloudfront-js-2.0"
    help = "set the runtime to cloudfront-js-2.0"
    references = (_URL_CREATE, _URL_CFN)
    example_runtimes = ("cloudfront-js-2.0",)
    valid = (
        Example("function connectionHandler(connection) {\n  connection.allow();\n}\n",
                runtime="cloudfront-js-2.0", event=EVENT),
        Example("async function connectionHandler(connection) {\n  return connection.deny();\n}\n",
                runtime="cloudfront-js-2.0", event=EVENT),
    )
    invalid = (
        Example("function connectionHandler(connection) {\n  connection.allow();\n}\n",
                runtime="cloudfront-js-1.0", event=EVENT, line=1, message="only support"),
        Example("async function connectionHandler(connection) {\n  return connection.deny();\n}\n",
                runtime="cloudfront-js-1.0", event=EVENT, line=1, message="cloudfront-js-2.0"),
    )

    def on_Program(self, node: Any) -> None:
        wanted = cn()["runtime"]["name"]
        if self.ctx.target.reason.startswith(("deployment", "inline code")):
            return  # DP002 reports it where the deployment declares the runtime
        if self.ctx.runtime != wanted:
            self.report(self.ctx.handler, f"Connection Functions only support {wanted}; this one is declared {self.ctx.runtime}",
                        help=f"set the runtime to {wanted}")
