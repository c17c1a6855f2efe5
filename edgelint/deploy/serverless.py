"""serverless.yml (Serverless Framework, provider `aws`) → Deployment.

What the framework does with a function that has `cloudFront` events (its
`lib/plugins/aws/package/compile/events/cloud-front.js`, the same in v1–v4), modelled here:

- it forces `versionFunction: true` on the function and points `LambdaFunctionARN` at the
  published `AWS::Lambda::Version`, so the association names a version even under
  `provider.versionFunctions: false` (qualifier "version");
- it sets `memorySize: 128` and `timeout: 5` on the function when the *function* does not set
  them: the provider-level `memorySize` / `timeout` never reach a Lambda@Edge function;
- it deletes `VpcConfig` and `Environment` from the generated function: the deploy is not
  rejected, the variables are silently missing at the edge. Both are still recorded as the
  function's `environment` / `vpc` settings (its own, else the provider's), as configured;
- it adds `edgelambda.amazonaws.com` to the role it creates (`IamRoleLambdaExecution`); only a
  custom role (`provider.iam.role` / `provider.role` / a function `role` given as a name or ARN)
  has a trust policy edgelint cannot see (principals None), unless it is a resource of
  `resources.Resources`, which is read as CloudFormation;
- the distribution it generates has one cache behaviour per `pathPattern` (no pattern: the
  default behaviour).

Two plugins associate functions too, and are read the same way:

- serverless-plugin-cloudfront-lambda-edge: `lambdaAtEdge: {distribution, eventType, pathPattern?,
  includeBody?}` (or a list of them) on a function, associating it with a distribution of
  `resources.Resources`; the plugin strips the function's environment variables, so they are
  recorded as for the framework's own events;
- serverless-lambda-edge-pre-existing-cloudfront: `events: [{preExistingCloudFront:
  {distributionId, eventType, pathPattern, includeBody}}]`, associating it with a distribution
  outside the service.

Neither applies the framework's Lambda@Edge memory and timeout defaults, and what they do to the
framework's role is not visible here (its trust policy is then unknown).

Serverless variables (`${self:...}`, `${opt:...}`, `${env:...}`, `${ssm:...}`, `${file(...)}`, ...)
are never resolved: a value that contains one is UNKNOWN.

Setting values use the CloudFormation shapes the CloudFormation reader produces, so DP rules read
one shape: environment {"Variables": {...}}, tracing {"Mode": ...}, architectures [..],
ephemeral_storage {"Size": n}, runtime_management {"UpdateRuntimeOn": ...}, package_type "Image".
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from edgelint.data import facts
from edgelint.deploy.model import UNKNOWN, Association, Deployment, Function, Loc, Role, Setting
from edgelint.deploy.yaml_reader import LBool, LDict, LList, position

# `${self:custom.x}`, `${opt:stage, 'dev'}`, `${file(./env.yml)}`, `${env:X}`, `${sls:stage}`...
# CloudFormation's own `${AWS::Region}` and `Fn::Sub` references `${Resource.Arn}` (no colon,
# no call) are not Serverless variables.
VARIABLE_RE = re.compile(r"\$\{(?!AWS::)[^{}]*?[:(]")
FRAMEWORK_ROLE = "IamRoleLambdaExecution"
# Lambda@Edge defaults the framework applies to a function with cloudFront events.


def has_variable(value: Any) -> bool:
    return isinstance(value, str) and VARIABLE_RE.search(value) is not None


def _plain(value: Any) -> Any:
    """The value with Serverless variables made UNKNOWN (deeply) and YAML wrappers kept."""
    if has_variable(value):
        return UNKNOWN
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, LBool):
        return bool(value)
    return value


def _number(value: Any) -> Any:
    value = _plain(value)
    if isinstance(value, bool) or value is UNKNOWN:
        return UNKNOWN if value is UNKNOWN else value
    if isinstance(value, (int, float)):
        return int(value) if float(value).is_integer() else value
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            return UNKNOWN
    return UNKNOWN


def _bool(value: Any) -> Any:
    value = _plain(value)
    if isinstance(value, (bool, int)):
        return bool(value)
    if isinstance(value, str):
        if value.lower() in ("true", "false"):
            return value.lower() == "true"
    return UNKNOWN


def _where(parent: Any, key: str) -> Loc:
    if isinstance(parent, LDict) and key in parent.key_lines:
        line, column = parent.key_lines[key]
        return Loc(line, column)
    line, column = position(parent)
    return Loc(line, column)


def _string(value: Any) -> Any:
    value = _plain(value)
    return value if isinstance(value, str) else UNKNOWN


class ServerlessReader:
    def __init__(self, path: Path, data: LDict) -> None:
        self.path = path
        self.data = data
        provider = data.get("provider")
        self.provider: LDict = provider if isinstance(provider, LDict) else LDict()
        self.provider_loc = _where(data, "provider")
        resources = data.get("resources")
        cfn = resources.get("Resources") if isinstance(resources, dict) else None
        self.resources: dict[str, Any] = cfn if isinstance(cfn, dict) else {}
        self.deployment = Deployment(path=path, format="serverless", region=self._region())
        self.has_edge = False
        self.has_plugin_edge = False

    # -- provider ---------------------------------------------------------------------
    def _region(self) -> Setting:
        if "region" in self.provider:
            return Setting(_string(self.provider["region"]), _where(self.provider, "region"))
        # Serverless deploys to us-east-1 when neither `provider.region` nor `--region` says
        # otherwise: a known value, placed on the `provider:` key.
        return Setting("us-east-1", self.provider_loc)

    def read(self) -> Deployment:
        name = self.provider.get("name", "aws")
        if isinstance(name, str) and not has_variable(name) and name != "aws":
            return self.deployment
        if self.resources:
            self._read_resources()
        functions = self.data.get("functions")
        if isinstance(functions, dict):
            configs = [config for config in functions.values() if isinstance(config, dict)]
            self.has_edge = any(_cloudfront_events(config) for config in configs)
            self.has_plugin_edge = any(_plugin_associations(config) for config in configs)
            for fn_name, config in functions.items():
                if isinstance(config, dict):
                    self._function(str(fn_name), config, functions)
        return self.deployment

    def _read_resources(self) -> None:
        """`resources.Resources` is a CloudFormation fragment: CloudFront Functions, roles and
        distributions written there are read by the CloudFormation reader."""
        from edgelint.deploy.cloudformation import TemplateReader

        fragment = LDict({"Resources": _cfn_unknowns(self.resources)})
        part = TemplateReader(self.path, fragment, None, "serverless").read()
        self.deployment.functions.update(part.functions)
        self.deployment.associations.extend(part.associations)
        self.deployment.roles.update(part.roles)

    # -- functions --------------------------------------------------------------------
    def _pick(self, config: LDict, key: str, provider_key: str | None = None) -> tuple[Any, Loc] | None:
        """The function's own value, else the provider's (with where it is written)."""
        if key in config:
            return config[key], _where(config, key)
        provider_key = provider_key or key
        if provider_key in self.provider:
            return self.provider[provider_key], _where(self.provider, provider_key)
        return None

    def _function(self, name: str, config: LDict, functions: LDict) -> None:
        fn = Function(id=name, kind="lambda", loc=_where(functions, name))
        events = _cloudfront_events(config)
        edge = bool(events)
        handler = config.get("handler")
        if isinstance(handler, str) and not has_variable(handler):
            # "src/edge.handler": linking looks for <serverless.yml folder>/src/edge.js
            fn.handler = str(handler)
            fn.code_path = self.path.parent
        picked = self._pick(config, "runtime")
        if picked is not None:
            fn.runtime = Setting(_string(picked[0]), picked[1])
        self._settings(fn, config, edge)
        self._code(fn, config)
        fn.publish = Setting("published", fn.loc) if edge else self._publish(config, fn.loc)
        self._role(fn, config)
        for event in events:
            self.deployment.associations.append(self._association(fn, event))
        for body, loc, distribution in _plugin_associations(config):
            self.deployment.associations.append(self._plugin_association(fn, body, loc, distribution))
            if fn.publish is None or not fn.publish.known:
                fn.publish = Setting("published", fn.loc)
        self.deployment.functions[name] = fn

    def _settings(self, fn: Function, config: LDict, edge: bool) -> None:
        settings = fn.settings
        for name, key in (("memory", "memorySize"), ("timeout", "timeout")):
            if key in config:
                settings[name] = Setting(_number(config[key]), _where(config, key))
            elif edge:  # the framework's Lambda@Edge default; the provider's value does not apply
                settings[name] = Setting(facts("deployment")["serverless_edge_defaults"][name], fn.loc)
            elif key in self.provider:
                settings[name] = Setting(_number(self.provider[key]), _where(self.provider, key))
        # (For edge functions the framework drops both from the template: recorded as configured.)
        for name, key in (("environment", "environment"), ("vpc", "vpc")):
            picked = self._pick(config, key)
            if picked is None or picked[0] is None:
                continue
            value = _plain(picked[0])
            if name == "environment":
                value = {"Variables": value} if isinstance(value, dict) else value
            settings[name] = Setting(value, picked[1])
        picked = self._pick(config, "layers")
        if picked is not None and picked[0] is not None:
            settings["layers"] = Setting(_plain(picked[0]), picked[1])
        picked = self._pick(config, "architecture")
        if picked is not None:
            arch = _string(picked[0])
            settings["architectures"] = Setting([arch] if arch is not UNKNOWN else UNKNOWN, picked[1])
        tracing = self._tracing(config)
        if tracing is not None:
            settings["tracing"] = tracing
        if "ephemeralStorageSize" in config:
            size = _number(config["ephemeralStorageSize"])
            settings["ephemeral_storage"] = Setting({"Size": size} if size is not UNKNOWN else UNKNOWN,
                                                    _where(config, "ephemeralStorageSize"))
        picked = self._pick(config, "runtimeManagement")
        if picked is not None:
            settings["runtime_management"] = Setting(_runtime_management(picked[0]), picked[1])
        if "onError" in config:  # an SNS topic ARN: the function's dead-letter target
            settings["dead_letter"] = Setting({"TargetArn": _plain(config["onError"])}, _where(config, "onError"))
        for name, key in (("provisioned_concurrency", "provisionedConcurrency"),
                          ("reserved_concurrency", "reservedConcurrency")):
            if key in config:
                settings[name] = Setting(_number(config[key]), _where(config, key))
        if "fileSystemConfig" in config:
            settings["file_system"] = Setting(_plain(config["fileSystemConfig"]), _where(config, "fileSystemConfig"))

    def _tracing(self, config: LDict) -> Setting | None:
        if "tracing" in config:  # function level: Active | PassThrough (or a boolean)
            value, loc = config["tracing"], _where(config, "tracing")
        else:
            tracing = self.provider.get("tracing")
            if not isinstance(tracing, dict) or "lambda" not in tracing:
                return None
            value, loc = tracing["lambda"], _where(tracing, "lambda")
        value = _plain(value)
        if isinstance(value, bool):
            mode: Any = "Active" if value else "PassThrough"
        elif isinstance(value, str):
            mode = value
        else:
            mode = UNKNOWN
        return Setting({"Mode": mode} if mode is not UNKNOWN else UNKNOWN, loc)

    def _code(self, fn: Function, config: LDict) -> None:
        if "image" in config:
            fn.settings["package_type"] = Setting("Image", _where(config, "image"))
            fn.code_path = None
            fn.handler = None
            return
        package = config.get("package")
        artifact = package.get("artifact") if isinstance(package, dict) else None
        if artifact is None:
            top = self.data.get("package")
            artifact = top.get("artifact") if isinstance(top, dict) else None
        if isinstance(artifact, str) and not has_variable(artifact) and not artifact.startswith("s3://"):
            fn.code_zip = self.path.parent / artifact

    def _publish(self, config: LDict, fn_loc: Loc) -> Setting:
        if "versionFunction" in config:
            value, loc = _bool(config["versionFunction"]), _where(config, "versionFunction")
        elif "versionFunctions" in self.provider:
            value, loc = _bool(self.provider["versionFunctions"]), _where(self.provider, "versionFunctions")
        else:
            return Setting("published", fn_loc)  # the framework's default
        return Setting(UNKNOWN if value is UNKNOWN else ("published" if value else "unpublished"), loc)

    def _role(self, fn: Function, config: LDict) -> None:
        role: Any = None
        loc = self.provider_loc
        iam = self.provider.get("iam")
        iam_role = iam.get("role") if isinstance(iam, dict) else None
        if "role" in config:
            role, loc = config["role"], _where(config, "role")
        elif isinstance(iam_role, str) or _is_cfn_ref(iam_role):
            role, loc = iam_role, _where(iam, "role")
        elif iam_role is None and "role" in self.provider:  # the pre-v3 spelling
            role, loc = self.provider["role"], _where(self.provider, "role")
        # (`iam.role: {name, statements, ...}` customises the framework's own role.)
        if role is None:
            if FRAMEWORK_ROLE not in self.deployment.roles:
                # The framework's role trusts lambda, and edgelambda once the service has a
                # cloudFront event; what a plugin adds to it is not visible here.
                trust = facts("deployment")["trust"]
                principals: set[str] | None = set(
                    trust["serverless_edge_generated" if self.has_edge else "serverless_generated"])
                if self.has_plugin_edge and not self.has_edge:
                    principals = None
                self.deployment.roles[FRAMEWORK_ROLE] = Role(FRAMEWORK_ROLE, self.provider_loc, principals)
            fn.role = FRAMEWORK_ROLE
            return
        logical_id = _role_resource(role)
        if logical_id is not None and logical_id in self.deployment.roles:
            fn.role = logical_id  # a role of resources.Resources: its trust policy was read
            return
        role_id = str(role) if isinstance(role, str) and not has_variable(role) else f"{fn.id}-role"
        if role_id not in self.deployment.roles:
            self.deployment.roles[role_id] = Role(role_id, loc, None)  # trust policy not visible here
        fn.role = role_id

    # -- associations -----------------------------------------------------------------
    def _association(self, fn: Function, event: dict) -> Association:
        body = event["cloudFront"]
        event_loc = _where(event, "cloudFront")
        if not isinstance(body, dict):  # `cloudFront: ${file(...)}`
            return Association("serverless", "default", Setting(UNKNOWN, event_loc), "lambda", event_loc,
                               function_id=fn.id, qualifier="version", arn_text=f"{fn.id} (published version)")
        if "eventType" in body:
            event_type = Setting(_string(body["eventType"]), _where(body, "eventType"))
        else:
            event_type = Setting(UNKNOWN, event_loc)
        pattern = body.get("pathPattern")
        if pattern is None:
            behavior = "default"
        else:
            behavior = str(pattern) if isinstance(pattern, str) and not has_variable(pattern) else "?"
        assoc = Association("serverless", behavior, event_type, "lambda", event_loc, function_id=fn.id,
                            qualifier="version", arn_text=f"{fn.id} (published version)")
        if "includeBody" in body:
            assoc.include_body = Setting(_bool(body["includeBody"]), _where(body, "includeBody"))
        return assoc


    def _plugin_association(self, fn: Function, body: dict, loc: Loc, distribution: str) -> Association:
        """An association a plugin makes (lambdaAtEdge, preExistingCloudFront)."""
        if "eventType" in body:
            event_type = Setting(_string(body["eventType"]), _where(body, "eventType"))
        else:
            event_type = Setting(UNKNOWN, loc)
        pattern = body.get("pathPattern")
        if pattern is None:
            behavior = "default"
        else:
            behavior = str(pattern) if isinstance(pattern, str) and not has_variable(pattern) else "?"
        assoc = Association(distribution, behavior, event_type, "lambda", loc, function_id=fn.id,
                            qualifier="version", arn_text=f"{fn.id} (published version)")
        if "includeBody" in body:
            assoc.include_body = Setting(_bool(body["includeBody"]), _where(body, "includeBody"))
        return assoc


def _plugin_associations(config: dict) -> list[tuple[dict, Loc, str]]:
    """(settings, where, distribution) of each association a plugin makes for a function."""
    found: list[tuple[dict, Loc, str]] = []
    at_edge = config.get("lambdaAtEdge")
    for body in (at_edge if isinstance(at_edge, list) else [at_edge] if at_edge is not None else []):
        if isinstance(body, dict):
            distribution = body.get("distribution")
            name = str(distribution) if isinstance(distribution, str) and not has_variable(distribution) else "?"
            found.append((body, _where(config, "lambdaAtEdge"), name))
    events = config.get("events")
    for event in events if isinstance(events, list) else []:
        if isinstance(event, dict) and isinstance(event.get("preExistingCloudFront"), dict):
            body = event["preExistingCloudFront"]
            distribution = body.get("distributionId")
            name = str(distribution) if isinstance(distribution, str) and not has_variable(distribution) else "?"
            found.append((body, _where(event, "preExistingCloudFront"), name))
    return found


def _runtime_management(value: Any) -> Any:
    """`runtimeManagement: auto | onFunctionUpdate | {mode: manual, arn: ...}` → CloudFormation shape."""
    value = _plain(value)
    mode = value.get("mode") if isinstance(value, dict) else value
    if not isinstance(mode, str):
        return UNKNOWN
    spelled = {"auto": "Auto", "onfunctionupdate": "FunctionUpdate", "manual": "Manual"}.get(mode.lower(), mode)
    return {"UpdateRuntimeOn": spelled}


def _is_cfn_ref(value: Any) -> bool:
    return isinstance(value, dict) and len(value) == 1 and next(iter(value)) in ("Ref", "Fn::GetAtt")


def _role_resource(role: Any) -> str | None:
    """The logical id a role names: `MyRole`, `!GetAtt MyRole.Arn`, `{Ref: MyRole}`."""
    if isinstance(role, str):
        return None if role.startswith("arn:") or has_variable(role) else role
    if isinstance(role, dict):
        from edgelint.deploy.cloudformation import ref_target

        target = ref_target(role)
        return target[1] if target is not None else None
    return None


def _cfn_unknowns(value: Any) -> Any:
    """A copy of a CloudFormation fragment where each string holding a Serverless variable is an
    intrinsic-like mapping (the CloudFormation reader treats it as UNKNOWN), positions kept."""
    if isinstance(value, str):
        if not has_variable(value):
            return value
        wrapped = LDict({"Fn::ServerlessVariable": value})
        wrapped.line, wrapped.column = position(value)
        wrapped.key_lines["Fn::ServerlessVariable"] = (wrapped.line, wrapped.column)
        return wrapped
    if isinstance(value, dict):
        copy = LDict((key, _cfn_unknowns(item)) for key, item in value.items())
        copy.line, copy.column = position(value)
        copy.key_lines = dict(getattr(value, "key_lines", {}))
        return copy
    if isinstance(value, list):
        items = LList(_cfn_unknowns(item) for item in value)
        items.line, items.column = position(value)
        return items
    return value


def _cloudfront_events(config: dict) -> list[dict]:
    events = config.get("events")
    if not isinstance(events, list):
        return []
    return [event for event in events if isinstance(event, dict) and "cloudFront" in event]


def read_serverless(path: Path, data: LDict) -> Deployment:
    if not isinstance(data, dict):
        return Deployment(path=path, format="serverless")
    if not isinstance(data, LDict):
        data = LDict(data)
    return ServerlessReader(path, data).read()


__all__ = ["VARIABLE_RE", "has_variable", "read_serverless"]
