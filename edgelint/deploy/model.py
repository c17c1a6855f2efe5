"""The deployment model every reader (CloudFormation/SAM, serverless.yml, Terraform, cdk.out)
produces, and the DP rules read. Values a reader cannot resolve are `UNKNOWN`, never guessed."""

from __future__ import annotations

import re
from edgelint.records import dataclass, field
from pathlib import Path
from typing import Any


class _Unknown:
    """A value the configuration sets in a way edgelint cannot evaluate (a parameter, a
    `${opt:...}`, an intrinsic function): checks that need it do not fire."""

    _instance: "_Unknown | None" = None

    def __new__(cls) -> "_Unknown":
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __bool__(self) -> bool:
        return False


UNKNOWN: Any = _Unknown()


EDGE_PRINCIPAL = "edgelambda.amazonaws.com"

LAMBDA_ARN_RE = re.compile(r"^arn:aws[a-zA-Z-]*:lambda:(?P<region>[a-z0-9-]+):\d{12}:function:"
                           r"(?P<name>[A-Za-z0-9_-]+)(?::(?P<qualifier>[^:]+))?$")


def qualifier_kind(qualifier: str | None) -> str:
    """How an ARN's qualifier names the function: "unqualified", "latest", "version" or "alias"."""
    if qualifier is None:
        return "unqualified"
    if qualifier == "$LATEST":
        return "latest"
    return "version" if qualifier.isdigit() else "alias"


def classify_literal_arn(text: str) -> tuple[str, str | None]:
    """(qualifier kind, region) of a literal Lambda function ARN; ("unknown", None) otherwise."""
    match = LAMBDA_ARN_RE.match(text)
    if match is None:
        return "unknown", None
    return qualifier_kind(match.group("qualifier")), match.group("region")


@dataclass(frozen=True)
class Loc:
    """Where something is written (1-based); `path` only when it is another file than the
    deployment file itself (a samconfig.toml, a Terraform variables file)."""

    line: int = 1
    column: int = 1
    path: Path | None = None


@dataclass
class Setting:
    """A configured value and where it is written; `value` may be UNKNOWN."""

    value: Any
    loc: Loc

    @property
    def known(self) -> bool:
        return self.value is not UNKNOWN


@dataclass
class InlineCode:
    """Function source written inside the deployment file, with the map back to its lines."""

    text: str
    # Template line of the code's first line, and the column its lines are indented by
    # (None: read it from the template text, as for a YAML block scalar).
    first_line: int
    indent: int | None = 0
    # False when the code is on one template line (a JSON string): every line maps to it.
    multiline: bool = True
    # Written in a template language (`Fn::Sub`, Terraform `templatefile`): `${Name}` is filled
    # in at deploy time and stands for an opaque value.
    templated: bool = False
    # A double-quoted string (JSON): the code's characters map one by one to template columns.
    quoted: bool = False


@dataclass
class Function:
    """A Lambda function or a CloudFront Function as the deployment declares it."""

    id: str                      # logical id, resource address or serverless function name
    kind: str                    # "lambda", "cloudfront-function" or "connection-function"
    loc: Loc
    settings: dict[str, Setting] = field(default_factory=dict)
    runtime: Setting | None = None
    handler: str | None = None   # "index.handler"
    code_path: Path | None = None  # a folder (package) or file the code is in
    code_zip: Path | None = None
    inline: InlineCode | None = None
    region: Setting | None = None
    role: str | None = None      # id of the execution role, when it is a resource in the same file
    ignore: tuple[str, ...] = ()  # codes from resource Metadata: {edgelint: {ignore: [...]}}
    kvs_count: Setting | None = None
    # Whether versions are published ("published"/"unpublished"), as the file declares it; DP005
    # judges each association's qualifier, which the readers derive from this. For CloudFront and
    # Connection Functions: whether the code reaches the LIVE stage (AutoPublish, `publish`).
    publish: Setting | None = None
    # Declared as Lambda@Edge (the Terraform lambda module's `lambda_at_edge = true`).
    edge: bool = False
    # Code from a template file (Terraform `templatefile`): `${name}` is filled in at deploy time.
    templated: bool = False
    # Declared in another file (a local Terraform module's resource): read here to give this
    # file's associations their function; its own findings belong to that file.
    foreign: bool = False
    # Invoked by CloudFormation as a custom resource (`ServiceToken`): a deployment helper, even
    # when it shares the edge functions' execution role.
    custom_resource: bool = False

    def setting(self, name: str) -> Setting | None:
        return self.settings.get(name)


@dataclass
class Association:
    """A function attached to an event of a cache behaviour."""

    distribution: str
    behavior: str                # "default" or the path pattern
    event: Setting
    kind: str                    # "lambda" or "cloudfront-function"
    loc: Loc
    function_id: str | None = None   # the Function it points to, when resolvable
    # How the ARN names a version: "version", "latest", "alias", "unqualified" or "unknown".
    qualifier: str = "unknown"
    arn_text: str = ""
    include_body: Setting | None = None
    region: str | None = None    # region inside a literal ARN
    ignore: tuple[str, ...] = ()
    # Declared in another file of the same Terraform module: it gives this file's functions their
    # events and targets, but its own findings belong to the file that declares it.
    foreign: bool = False
    # The function comes from another stack: `Fn::ImportValue` of this export name, or an SSM
    # parameter (`ssm:/name`); linking matches it to the stack that exports it.
    import_name: str | None = None

    def __post_init__(self) -> None:
        if self.event.known and not isinstance(self.event.value, str):
            self.event = Setting(UNKNOWN, self.event.loc)  # a list or map: not an event name


@dataclass
class Distribution:
    """What a distribution sets that edge code depends on beyond its associations: viewer mTLS,
    which a Connection Function needs."""

    id: str
    loc: Loc
    mtls_mode: Setting | None = None         # ViewerMtlsConfig.Mode / viewer_mtls_config.mode
    mtls: Setting | None = None              # where ViewerMtlsConfig is written (None: absent)
    trust_store: Setting | None = None       # TrustStoreConfig.TrustStoreId
    http_version: Setting | None = None      # HttpVersion / http_version
    # (behaviour name, viewer protocol policy) of every cache behaviour.
    viewer_protocols: list[tuple[str, Setting]] = field(default_factory=list)
    ignore: tuple[str, ...] = ()


@dataclass
class Role:
    id: str
    loc: Loc
    principals: set[str] | None  # None when the trust policy cannot be read


@dataclass
class Deployment:
    """Everything one deployment file declares."""

    path: Path
    format: str                  # cloudformation, sam, serverless, terraform, cdk
    region: Setting | None = None
    functions: dict[str, Function] = field(default_factory=dict)
    associations: list[Association] = field(default_factory=list)
    roles: dict[str, Role] = field(default_factory=dict)
    distributions: dict[str, Distribution] = field(default_factory=dict)
    ignore: tuple[str, ...] = ()
    # Export names (`Outputs.*.Export.Name`, `ssm:/parameter/name`) → the function they carry,
    # for associations in other stacks.
    exports: dict[str, str] = field(default_factory=dict)

    def associations_of(self, function_id: str) -> list[Association]:
        return [a for a in self.associations if a.function_id == function_id]

    def edge_by_role(self, fn: Function) -> bool:
        """A Lambda function whose execution role trusts `edgelambda.amazonaws.com`: Lambda@Edge,
        even when its association is in another stack or file (`Fn::ImportValue`, SSM)."""
        if fn.kind != "lambda":
            return False
        if fn.edge:
            return True
        if fn.custom_resource or _longer_than_edge_allows(fn):
            return False
        role = self.roles.get(fn.role) if fn.role else None
        return role is not None and role.principals is not None and EDGE_PRINCIPAL in role.principals


def _longer_than_edge_allows(fn: Function) -> bool:
    """A timeout no Lambda@Edge event accepts (a 900 s batch job sharing the edge role)."""
    from edgelint.data import facts

    timeout = fn.settings.get("timeout")
    limit = facts("deployment")["trigger_limits"]["origin_max_timeout_s"]
    return timeout is not None and isinstance(timeout.value, (int, float)) and not isinstance(
        timeout.value, bool) and timeout.value > limit
