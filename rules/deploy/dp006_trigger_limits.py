from __future__ import annotations

from edgelint.deploy.model import Function
from edgelint.model import Severity
from edgelint.rule import Example, Rule
from edgelint.rules.deploy._common import (DEPLOY_LANGUAGES, DEPLOYMENT_KINDS, EXAMPLE_RUNTIMES, dp, is_edge_lambda,
                                           number)
from edgelint.rules.deploy._templates import edge



# The memory and timeout settings as each deployment format spells them, for the fix.
_KEYS = {"cloudformation": ("MemorySize", "Timeout"), "sam": ("MemorySize", "Timeout"), "cdk": ("MemorySize", "Timeout"),
         "serverless": ("memorySize", "timeout"), "terraform": ("memory_size", "timeout")}

class TriggerLimits(Rule):
    """
    ## What it does
    Compares a Lambda@Edge function's memory and timeout with the limits of the events it is
    associated with: memory over 128 MB on a viewer trigger (error), a timeout over 5 s on a viewer
    trigger (warning: the documentation disagrees), a timeout over 30 s or memory over 10,240 MB on
    an origin trigger (error).

    ## Why is this bad?
    CloudFront checks these limits when the association is created: "The function memory size is
    larger than the maximum allowed size for functions that are triggered by a CloudFront event:
    1024 Max allowed: 128". The viewer timeout is 5 s in the 2023 quotas page and in CloudFront's
    association errors, but 30 s in the current comparison table, so it is a warning citing both.

    ## Example
    ```yaml
    EdgeFn:
      Properties:
        MemorySize: 1024     # associated with viewer-request
    ```

    Use instead: 128 MB and a short timeout on viewer triggers; move heavy work to origin-request.

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html#limits-lambda-at-edge
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/edge-functions-choosing.html
    """

    code = "DP006"
    name = "trigger-limits"
    kinds = DEPLOYMENT_KINDS
    languages = DEPLOY_LANGUAGES
    example_runtimes = EXAMPLE_RUNTIMES
    summary = "Memory or timeout over the limit of the function's CloudFront event"
    help = "use at most 128 MB (and 5 s) on viewer triggers, 30 s on origin triggers; move heavy work to origin-request"
    references = ("https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html#limits-lambda-at-edge",
                  "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/edge-functions-choosing.html")
    valid = (
        Example(edge(props="      MemorySize: 128\n      Timeout: 5\n", event="viewer-request"), filename="template.yaml"),
        Example(edge(props="      MemorySize: 2048\n      Timeout: 30\n"), filename="template.yaml"),
    )
    invalid = (
        Example(edge(props="      MemorySize: 1024\n", event="viewer-request"), filename="template.yaml", line=20,
                severity=Severity.ERROR, message="128"),
        Example(edge(props="      Timeout: 10\n", event="viewer-response"), filename="template.yaml", line=20,
                severity=Severity.WARNING),
        Example(edge(props="      Timeout: 60\n"), filename="template.yaml", line=20, severity=Severity.ERROR,
                message="30"),
    )

    def on_function(self, fn: Function) -> None:
        ctx = self.ctx
        if not is_edge_lambda(ctx, fn):
            return
        limits = dp()["trigger_limits"]
        events = ctx.events_of(fn)
        viewer = sorted(e for e in events if e.startswith("viewer-"))
        origin = sorted(e for e in events if e.startswith("origin-"))
        memory, timeout = fn.setting("memory"), fn.setting("timeout")
        mem, secs = number(memory), number(timeout)
        mem_key, time_key = _KEYS.get(ctx.deployment.format, _KEYS["cloudformation"])
        if mem is not None and viewer and mem > limits["viewer_max_memory_mb"]:
            self.report(memory.loc, f"{mem:g} MB of memory on a {viewer[0]} trigger: the limit is "
                                    f"{limits['viewer_max_memory_mb']} MB",
                        help=f"set {mem_key} to {limits['viewer_max_memory_mb']} or less, or associate the function "
                             f"with an origin event (up to {limits['origin_max_memory_mb']:,} MB) if it needs the "
                             "memory")
        elif mem is not None and mem > limits["origin_max_memory_mb"]:
            self.report(memory.loc, f"{mem:g} MB of memory: Lambda@Edge allows at most "
                                    f"{limits['origin_max_memory_mb']} MB",
                        help=f"set {mem_key} to {limits['origin_max_memory_mb']} or less")
        if secs is not None and origin and secs > limits["origin_max_timeout_s"]:
            self.report(timeout.loc, f"a {secs:g} s timeout on an {origin[0]} trigger: the limit is "
                                     f"{limits['origin_max_timeout_s']} s",
                        help=f"set {time_key} to {limits['origin_max_timeout_s']} or less; move longer work off "
                             "the request path (a queue, a regional Lambda)")
        elif secs is not None and viewer and secs > limits["origin_max_timeout_s"]:
            self.report(timeout.loc, f"a {secs:g} s timeout on a {viewer[0]} trigger: the limit is at most "
                                     f"{limits['origin_max_timeout_s']} s",
                        help=f"set {time_key} to {limits['viewer_max_timeout_s']} or less")
        elif secs is not None and viewer and secs > limits["viewer_max_timeout_s"]:
            self.report(timeout.loc, f"a {secs:g} s timeout on a {viewer[0]} trigger: the 2023 quotas page and "
                                     f"CloudFront's association check allow {limits['viewer_max_timeout_s']} s, the "
                                     f"current comparison table {limits['origin_max_timeout_s']} s",
                        severity=Severity.WARNING,
                        help=f"set {time_key} to {limits['viewer_max_timeout_s']} or less until AWS confirms the "
                             "30 s limit for viewer triggers")
