from __future__ import annotations

from edgelint.deploy.model import Function, Setting
from edgelint.model import Severity
from edgelint.rule import Example, Rule
from edgelint.rules.deploy._common import (DEPLOY_LANGUAGES, DEPLOYMENT_KINDS, EXAMPLE_RUNTIMES, dp, is_edge_lambda,
                                           number, present)
from edgelint.rules.deploy._templates import edge


def _values(setting: Setting) -> list[str]:
    """The literal strings a setting holds; intrinsics and other unknowns are left out."""
    value = setting.value
    items = value if isinstance(value, list) else list(value.values()) if isinstance(value, dict) else [value]
    return [v for v in items if isinstance(v, str)]


class UnsupportedLambdaFeature(Rule):
    """
    ## What it does
    Flags Lambda features Lambda@Edge does not support on a function a distribution uses: layers,
    VPC access, dead-letter queues, active X-Ray tracing, provisioned concurrency, the `arm64`
    architecture, ephemeral storage over 512 MB, runtime management other than `Auto`, a customer
    managed KMS key for the package (`SourceKMSKeyArn`), and EFS file systems.

    ## Why is this bad?
    CloudFront replicates Lambda@Edge functions to its edge locations, which run only x86_64 code
    without VPC, layer or dead-letter infrastructure. The association is rejected ("Lambda@Edge
    does not support functions with an architecture of arm64", "Layers aren't supported").

    ## Example
    ```yaml
    EdgeFn:
      Type: AWS::Lambda::Function
      Properties:
        Architectures: [arm64]
        Layers: [!Ref SharpLayer]
    ```

    Use instead: `x86_64`, dependencies bundled into the package, no VPC, no layers.

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-at-edge-function-restrictions.html
    """

    code = "DP004"
    name = "unsupported-lambda-feature"
    kinds = DEPLOYMENT_KINDS
    languages = DEPLOY_LANGUAGES
    example_runtimes = EXAMPLE_RUNTIMES
    summary = "Lambda feature Lambda@Edge does not support"
    help = "remove the setting: Lambda@Edge functions run x86_64 code without layers, VPC, DLQ or active tracing"
    references = ("https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-at-edge-function-restrictions.html",)
    valid = (
        Example(edge(props="      Architectures: [x86_64]\n      EphemeralStorage: {Size: 512}\n"
                           "      TracingConfig: {Mode: PassThrough}\n"), filename="template.yaml"),
        Example(edge(props="      RuntimeManagementConfig: {UpdateRuntimeOn: Auto}\n"), filename="template.yaml"),
    )
    invalid = (
        Example(edge(props="      Architectures: [arm64]\n"), filename="template.yaml", line=20, message="arm64"),
        Example(edge(props="      Layers: [arn:aws:lambda:us-east-1:123456789012:layer:sharp:1]\n"),
                filename="template.yaml", line=20, message="layers"),
        Example(edge(props="      TracingConfig: {Mode: Active}\n"), filename="template.yaml", line=20),
        Example(edge(props="      EphemeralStorage: {Size: 1024}\n"), filename="template.yaml", line=20,
                message="512"),
    )

    def on_function(self, fn: Function) -> None:
        if not is_edge_lambda(self.ctx, fn):
            return
        facts = dp()
        for name, label in facts["unsupported"].items():
            if name == "source_url":
                continue
            setting = fn.setting(name)
            if not present(setting):
                continue
            if name == "vpc" and self.ctx.deployment.format == "serverless":
                # The framework deletes VpcConfig from cloudFront-event functions before deploying.
                self.report(setting.loc, f"`{fn.id}` is a Lambda@Edge function: the Serverless Framework drops "
                                         "its VPC configuration when it deploys it", severity=Severity.WARNING)
                continue
            self.report(setting.loc, f"Lambda@Edge does not support {label} (function `{fn.id}`)")
        values = facts["unsupported_values"]
        arch = fn.setting("architectures")
        if arch is not None and arch.known and any(v != values["architecture"] for v in _values(arch)):
            self.report(arch.loc, f"Lambda@Edge runs {values['architecture']} only; `{fn.id}` is configured "
                                  f"for {', '.join(v for v in _values(arch) if v != values['architecture'])}")
        tracing = fn.setting("tracing")
        if tracing is not None and tracing.known and any(v in values["tracing_active"] for v in _values(tracing)):
            self.report(tracing.loc, f"Lambda@Edge does not support active X-Ray tracing (function `{fn.id}`)")
        storage = fn.setting("ephemeral_storage")
        if storage is not None and storage.known:
            size = storage.value
            if isinstance(size, dict):
                size = size.get("Size", size.get("size"))
            size = number(Setting(size, storage.loc))
            if size is not None and size > values["max_ephemeral_storage_mb"]:
                self.report(storage.loc, f"ephemeral storage of {size:g} MB: Lambda@Edge allows at most "
                                         f"{values['max_ephemeral_storage_mb']} MB")
        management = fn.setting("runtime_management")
        if management is not None and management.known and isinstance(management.value, dict):
            update = management.value.get("UpdateRuntimeOn", management.value.get("update_runtime_on"))
            if isinstance(update, str) and update != values["runtime_management"]:
                self.report(management.loc, f"runtime management `{update}`: Lambda@Edge supports only "
                                            f"`{values['runtime_management']}`")
