from __future__ import annotations

from edgelint.deploy.model import Function
from edgelint.rule import Example, Rule
from edgelint.rules.deploy._common import DEPLOY_LANGUAGES, DEPLOYMENT_KINDS, EXAMPLE_RUNTIMES, dp

_KVS = """Resources:
  Fn:
    Type: AWS::CloudFront::Function
    Properties:
      Name: redirects
      FunctionConfig:
        Comment: redirects
        Runtime: {runtime}
        KeyValueStoreAssociations:
{stores}      FunctionCode: "function handler(event) {{ return event.request; }}"
"""
_STORE = "          - KeyValueStoreARN: arn:aws:cloudfront::123456789012:key-value-store/{name}\n"


class KeyValueStore(Rule):
    """
    ## What it does
    Flags a KeyValueStore associated with a `cloudfront-js-1.0` function, and more than one store
    associated with one function.

    ## Why is this bad?
    KeyValueStore works only in the cloudfront-js-2.0 runtime, and a function can have at most
    one key value store.

    ## Example
    ```yaml
    FunctionConfig:
      Runtime: cloudfront-js-1.0
      KeyValueStoreAssociations:
        - KeyValueStoreARN: !GetAtt Store.Arn
    ```

    Use instead: `Runtime: cloudfront-js-2.0` and a single store.

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-custom-methods.html
    """

    code = "DP012"
    name = "key-value-store"
    kinds = DEPLOYMENT_KINDS
    languages = DEPLOY_LANGUAGES
    example_runtimes = EXAMPLE_RUNTIMES
    summary = "KeyValueStore on cloudfront-js-1.0, or more than one store"
    help = "use cloudfront-js-2.0 and associate at most one KeyValueStore with the function"
    references = ("https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html",)
    valid = (
        Example(_KVS.format(runtime="cloudfront-js-2.0", stores=_STORE.format(name="a")), filename="template.yaml"),
        Example(_KVS.format(runtime="cloudfront-js-1.0", stores="          []\n").replace(
            "KeyValueStoreAssociations:\n          []", "KeyValueStoreAssociations: []"), filename="template.yaml"),
    )
    invalid = (
        Example(_KVS.format(runtime="cloudfront-js-1.0", stores=_STORE.format(name="a")), filename="template.yaml",
                line=9, message="cloudfront-js-2.0"),
        Example(_KVS.format(runtime="cloudfront-js-2.0", stores=_STORE.format(name="a") + _STORE.format(name="b")),
                filename="template.yaml", line=9, message="2"),
        Example(_KVS.format(runtime="cloudfront-js-2.0", stores=_STORE.format(name="a") + _STORE.format(name="b"))
                .replace("AWS::CloudFront::Function", "AWS::CloudFront::ConnectionFunction")
                .replace("FunctionConfig:", "ConnectionFunctionConfig:")
                .replace('FunctionCode: "function handler(event) { return event.request; }"',
                         'ConnectionFunctionCode: "function connectionHandler(c) { c.allow(); }"'),
                filename="template.yaml", line=9, message="at most 1"),
    )

    def on_function(self, fn: Function) -> None:
        count = fn.kvs_count
        if fn.kind not in ("cloudfront-function", "connection-function") or count is None or not count.known \
                or not count.value:
            return
        facts = dp()["key_value_store"]
        runtime = fn.runtime.value if fn.runtime is not None and fn.runtime.known else None
        if isinstance(runtime, str) and runtime != facts["runtime"]:
            self.report(count.loc, f"a KeyValueStore needs {facts['runtime']}; `{fn.id}` runs {runtime}")
        if count.value > facts["max_per_function"]:
            self.report(count.loc, f"{count.value} key value stores on `{fn.id}`: a function can have at most "
                                   f"{facts['max_per_function']}")
