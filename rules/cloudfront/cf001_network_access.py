from __future__ import annotations

from typing import Any

from edgelint.edge.model import Import, Use
from edgelint.model import CLOUDFRONT_FUNCTION, CONNECTION_FUNCTION
from edgelint.rule import Example, Rule
from edgelint.rules.cloudfront._common import BOTH_RUNTIMES, cff, lambda_edge_event_for, network_module

_URL = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-function-restrictions.html"


class NetworkAccess(Rule):
    """
    ## What it does
    Flags network access in a CloudFront Function: the `fetch`, `XMLHttpRequest`, `WebSocket` and
    `EventSource` globals, `navigator.sendBeacon`, and loading an HTTP client or AWS SDK module
    (`http`, `https`, `net`, `axios`, `node-fetch`, `@aws-sdk/*`, …) with `require` or `import`,
    whatever name the module is bound to.

    ## Why is this bad?
    CloudFront Functions have no network access: XHR, HTTP(S) and sockets are not supported. The
    function fails at runtime and the viewer gets an error response.

    ## Example
    ```js
    async function handler(event) {
        var res = await fetch('https://auth.example.com/check');
        return event.request;
    }
    ```

    Use instead: a Lambda@Edge function (origin-request runs only on cache misses), or a
    CloudFront KeyValueStore lookup if the data can be pushed to the edge ahead of time.

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-function-restrictions.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/edge-functions-choosing.html
    """

    code = "CF001"
    name = "network-access"
    kinds = (CLOUDFRONT_FUNCTION, CONNECTION_FUNCTION)  # the same runtime
    summary = "Network access in a CloudFront Function"
    help = ("CloudFront Functions cannot reach the network: move this logic to a Lambda@Edge "
            "function, or precompute the data into a KeyValueStore")
    references = (_URL,)
    example_runtimes = BOTH_RUNTIMES
    valid = (
        Example("function handler(event) {\n  function fetch(u) { return u; }\n  fetch('x');\n  return event.request;\n}\n"),
        Example("var crypto = require('crypto');\nfunction handler(event) { return event.request; }\n"),
        Example("function handler(event) {\n  var fetch = 1;\n  return event.request;\n}\n"),
    )
    invalid = (
        Example("async function handler(event) {\n  await fetch('https://x');\n  return event.request;\n}\n",
                runtime="cloudfront-js-2.0", line=2),
        Example("var h = require('https');\nfunction handler(event) { return event.request; }\n", line=1),
        Example("import axios from 'axios';\nasync function handler(event) { return event.request; }\n",
                runtime="cloudfront-js-2.0", line=1),
        Example("function handler(event) {\n  var x = new XMLHttpRequest();\n  return event.request;\n}\n", line=2),
        Example("var s3 = require('@aws-sdk/client-s3');\nfunction handler(event) { return event.request; }\n", line=1),
    )

    def _module(self, node: Any, name: str) -> None:
        self.report(node, f"CloudFront Functions have no network access: module '{name}' cannot be used",
                    help=self._help())

    def _help(self) -> str:
        return (f"CloudFront Functions cannot reach the network: move this logic to a Lambda@Edge "
                f"{lambda_edge_event_for(self.ctx.event)} function, or precompute the data into a KeyValueStore")

    def on_import(self, imp: Import) -> None:
        if imp.how in ("require", "import") and imp.module is not None and network_module(imp.module):
            self._module(imp.span, imp.module)

    def on_use(self, use: Use) -> None:
        network = cff()["network"]
        if use.kind != "call" or use.module is not None:
            return
        if use.name in network["globals"]:
            self.report(use.span, f"`{use.name}` is not available: CloudFront Functions have no network access",
                        help=self._help())
        elif "." in use.name and use.name in network["calls"]:
            self.report(use.span, f"`{use.name}` is not available: CloudFront Functions have no network access",
                        help=self._help())
