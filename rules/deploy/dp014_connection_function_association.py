"""DP014 connection-function-association: a Connection Function needs a distribution with viewer mTLS."""

from __future__ import annotations

from edgelint.data import facts
from edgelint.deploy.model import Association
from edgelint.rule import Example, Rule
from edgelint.rules.deploy._common import DEPLOY_LANGUAGES, DEPLOYMENT_KINDS, EXAMPLE_RUNTIMES

_CFN = """Resources:
  Mtls:
    Type: AWS::CloudFront::ConnectionFunction
    Properties:
      Name: mtls
      AutoPublish: true
      ConnectionFunctionConfig: {{Comment: mtls, Runtime: cloudfront-js-2.0}}
      ConnectionFunctionCode: "function connectionHandler(connection) {{ connection.allow(); }}"
  Dist:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        HttpVersion: {http}
        ConnectionFunctionAssociation:
          Id: !GetAtt Mtls.Id
{mtls}        DefaultCacheBehavior:
          TargetOriginId: api
          ViewerProtocolPolicy: {policy}
"""
_MTLS = """        ViewerMtlsConfig:
          Mode: required
          TrustStoreConfig:
            TrustStoreId: ts-0123456789
"""


class ConnectionFunctionAssociation(Rule):
    """
    ## What it does
    Checks a distribution that associates a Connection Function (CloudFormation
    `ConnectionFunctionAssociation`, Terraform `connection_function_association`):

    - it must enable viewer mTLS (`ViewerMtlsConfig` / `viewer_mtls_config`);
    - outside passthrough mode, the mTLS settings need a trust store (`TrustStoreConfig`);
    - every cache behaviour must be HTTPS-only (`https-only` or `redirect-to-https`), not
      `allow-all`;
    - `HttpVersion` must not enable HTTP/3 (`http3`, `http2and3`).

    ## Why is this bad?
    AWS lists the prerequisites of the association: "The distribution must have mTLS enabled" and
    "The distribution must have a valid trust store configured"; viewer mTLS requires that all
    cache behaviours use an HTTPS-only viewer protocol policy ("The HTTP and HTTPS viewer protocol
    policy is not supported") and is not supported on HTTP/3. A Connection Function runs during the
    mTLS handshake: without mTLS there is no handshake to run in, and CloudFront rejects the
    distribution update.

    ## Example
    ```yaml
    DistributionConfig:
      ConnectionFunctionAssociation:
        Id: !GetAtt Mtls.Id
      DefaultCacheBehavior:
        ViewerProtocolPolicy: allow-all
    ```

    Use instead:
    ```yaml
    DistributionConfig:
      ConnectionFunctionAssociation:
        Id: !GetAtt Mtls.Id
      ViewerMtlsConfig:
        Mode: required
        TrustStoreConfig:
          TrustStoreId: !Ref TrustStore
      DefaultCacheBehavior:
        ViewerProtocolPolicy: https-only
    ```

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/associate-connection-functions.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/mtls-authentication.html
    """

    code = "DP014"
    name = "connection-function-association"
    kinds = DEPLOYMENT_KINDS
    languages = DEPLOY_LANGUAGES
    example_runtimes = EXAMPLE_RUNTIMES
    summary = "A Connection Function on a distribution without working viewer mTLS"
    help = ("enable viewer mTLS on the distribution (ViewerMtlsConfig with a TrustStoreConfig), keep every "
            "cache behaviour HTTPS-only and HTTP/3 off")
    references = ("https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/associate-connection-functions.html",
                  "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/mtls-authentication.html")
    valid = (
        Example(_CFN.format(http="http2", mtls=_MTLS, policy="https-only"), filename="template.yaml"),
        Example(_CFN.format(http="http1.1", mtls="        ViewerMtlsConfig:\n          Mode: passthrough\n",
                            policy="redirect-to-https"), filename="template.yaml"),
    )
    invalid = (
        Example(_CFN.format(http="http2", mtls="", policy="https-only"), filename="template.yaml", line=14,
                message="no viewer mTLS"),
        Example(_CFN.format(http="http2", mtls=_MTLS, policy="allow-all"), filename="template.yaml", line=22,
                message="HTTPS-only"),
        Example(_CFN.format(http="http2and3", mtls=_MTLS, policy="https-only"), filename="template.yaml", line=13,
                message="HTTP/3"),
        Example(_CFN.format(http="http2", mtls="        ViewerMtlsConfig:\n          Mode: optional\n",
                            policy="https-only"), filename="template.yaml", line=16, message="trust store"),
    )

    def on_association(self, assoc: Association) -> None:
        if assoc.kind != "connection-function":
            return
        dist = self.ctx.deployment.distributions.get(assoc.distribution)
        if dist is None:
            return
        facts_ = facts("connection_functions")["association"]
        if dist.mtls is None:
            self.report(assoc.event.loc, f"distribution `{dist.id}` has a Connection Function but no viewer mTLS "
                                         "(ViewerMtlsConfig): the function runs in the mTLS handshake, and AWS "
                                         "requires mTLS enabled for the association")
        elif dist.mtls.known:
            mode = dist.mtls_mode.value if dist.mtls_mode is not None else facts_["default_mode"]
            if isinstance(mode, str) and mode not in facts_["modes_without_trust_store"] and dist.trust_store is None:
                self.report(dist.mtls.loc, f"viewer mTLS of `{dist.id}` in {mode} mode has no trust store "
                                           "(TrustStoreConfig): AWS requires a valid trust store for a Connection "
                                           "Function association")
        for behavior, policy in dist.viewer_protocols:
            if policy.known and isinstance(policy.value, str) and \
                    policy.value not in facts_["https_viewer_protocol_policies"]:
                self.report(policy.loc, f"cache behaviour `{behavior}` allows {policy.value}: viewer mTLS needs every "
                                        "behaviour HTTPS-only (https-only or redirect-to-https)")
        http = dist.http_version
        if http is not None and http.known and http.value in facts_["http3_versions"]:
            self.report(http.loc, f"HttpVersion {http.value} enables HTTP/3, on which viewer mTLS is not supported")
