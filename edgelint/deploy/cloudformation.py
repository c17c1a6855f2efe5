"""CloudFormation and SAM templates (YAML or JSON; also cdk.out templates) → Deployment."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from edgelint.data import facts
from edgelint.deploy.model import (UNKNOWN, Association, Deployment, Distribution, Function, InlineCode, Loc,
                                   Role, Setting, classify_literal_arn)
from edgelint.deploy.yaml_reader import LDict, LStr, position


# Lambda properties edge rules inspect: CloudFormation name -> model setting name.
_LAMBDA_SETTINGS = {
    "MemorySize": "memory", "Timeout": "timeout", "Environment": "environment", "Layers": "layers",
    "VpcConfig": "vpc", "DeadLetterConfig": "dead_letter", "TracingConfig": "tracing",
    "Architectures": "architectures", "EphemeralStorage": "ephemeral_storage",
    "PackageType": "package_type", "RuntimeManagementConfig": "runtime_management",
    "ReservedConcurrentExecutions": "reserved_concurrency", "FileSystemConfigs": "file_system",
}
# SAM spells some of them differently.
_SAM_SETTINGS = dict(_LAMBDA_SETTINGS, DeadLetterQueue="dead_letter", Tracing="tracing",
                     ProvisionedConcurrencyConfig="provisioned_concurrency")
_LAMBDA_TYPES = ("AWS::Lambda::Function", "AWS::Serverless::Function")


def is_template(data: Any) -> bool:
    if not isinstance(data, dict):
        return False
    resources = data.get("Resources")
    return isinstance(resources, dict) and any(
        isinstance(r, dict) and isinstance(r.get("Type"), str) and r["Type"].startswith(("AWS::", "Custom::"))
        for r in resources.values())


def loc(value: Any, parent: Any = None, key: Any = None) -> Loc:
    """Where `value` is written (or, for values without a position, its key in `parent`)."""
    if isinstance(parent, LDict) and key is not None and key in parent.key_lines:
        line, column = parent.key_lines[key]  # report at the key: it names the setting
        return Loc(line, column)
    line, column = position(value, (getattr(parent, "line", 1), getattr(parent, "column", 1)))
    return Loc(line, column)


def scalar(value: Any, parameters: dict[str, Any]) -> Any:
    """A literal value, or UNKNOWN for intrinsics and parameters."""
    if isinstance(value, dict):
        return UNKNOWN
    return value


def _ignores(resource: dict) -> tuple[str, ...]:
    metadata = resource.get("Metadata")
    if isinstance(metadata, dict):
        edgelint = metadata.get("edgelint")
        if isinstance(edgelint, dict) and isinstance(edgelint.get("ignore"), list):
            return tuple(str(code) for code in edgelint["ignore"])
    return ()


def ref_target(value: Any) -> tuple[str, str] | None:
    """(`Ref` or attribute, logical id) for `!Ref X` / `!GetAtt X.Attr`; attribute is "" for Ref."""
    if not isinstance(value, dict) or len(value) != 1:
        return None
    if "Ref" in value and isinstance(value["Ref"], str):
        name = value["Ref"]
        if "." in name:  # SAM: !Ref Fn.Version / Fn.Alias
            resource, _, attr = name.partition(".")
            return attr, resource
        return "", name
    if "Fn::GetAtt" in value:
        target = value["Fn::GetAtt"]
        if isinstance(target, str) and "." in target:
            resource, _, attr = target.partition(".")
            return attr, resource
        if isinstance(target, list) and len(target) == 2 and all(isinstance(p, str) for p in target):
            return target[1], target[0]
    return None


class TemplateReader:
    def __init__(self, path: Path, data: LDict, region: Setting | None, fmt: str = "cloudformation") -> None:
        self.path = path
        self.data = data
        raw = data.get("Resources", {})
        self.resources = LDict({k: v for k, v in raw.items() if isinstance(v, dict)})
        if isinstance(raw, LDict):  # keep where each logical id is written
            self.resources.key_lines = raw.key_lines
            self.resources.line, self.resources.column = raw.line, raw.column
        self.parameters: dict[str, Any] = data.get("Parameters") if isinstance(data.get("Parameters"), dict) else {}
        transform = data.get("Transform")
        is_sam = "AWS::Serverless" in str(transform) or any(
            str(r.get("Type", "")).startswith("AWS::Serverless::") for r in self.resources.values())
        self.deployment = Deployment(path=path, format="sam" if is_sam else fmt, region=region)
        globals_ = data.get("Globals")
        shared = globals_.get("Function") if isinstance(globals_, dict) else None
        self.sam_globals = shared if isinstance(shared, dict) else {}

    def type_of(self, logical_id: str) -> str | None:
        resource = self.resources.get(logical_id)
        return resource.get("Type") if resource else None

    def read(self) -> Deployment:
        for logical_id, resource in self.resources.items():
            kind = resource.get("Type")
            props = resource.get("Properties")
            if not isinstance(props, dict):
                props = LDict()
            if kind in _LAMBDA_TYPES:
                self._lambda(logical_id, resource, props, sam=kind == "AWS::Serverless::Function")
            elif kind == "AWS::CloudFront::Function":
                self._cloudfront_function(logical_id, resource, props)
            elif kind == "AWS::CloudFront::ConnectionFunction":
                self._cloudfront_function(logical_id, resource, props, "connection-function")
            elif kind == "AWS::IAM::Role":
                self._role(logical_id, resource, props)
        for logical_id, resource in self.resources.items():
            kind = resource.get("Type")
            props = resource.get("Properties")
            if kind in ("AWS::Lambda::Version", "AWS::Lambda::Alias") and isinstance(props, dict):
                self._version(logical_id, resource, props)
            elif kind == "AWS::CloudFront::Distribution" and isinstance(props, dict):
                self._distribution(logical_id, resource, props)
            elif kind == "AWS::SSM::Parameter" and isinstance(props, dict) and isinstance(props.get("Name"), str):
                fn_id = self._function_of(props.get("Value"))
                if fn_id is not None:
                    self.deployment.exports[f"ssm:{props['Name']}"] = fn_id
                    if props["Name"].startswith(_CDK_EDGE_PARAMETER) and fn_id in self.deployment.functions:
                        self.deployment.functions[fn_id].edge = True  # CDK's experimental.EdgeFunction
            if isinstance(props, dict) and "ServiceToken" in props:
                token = ref_target(props["ServiceToken"])
                fn = self.deployment.functions.get(token[1]) if token is not None else None
                if fn is not None:
                    fn.custom_resource = True
        self._exports()
        return self.deployment

    def _exports(self) -> None:
        outputs = self.data.get("Outputs")
        for output in (outputs.values() if isinstance(outputs, dict) else ()):
            export = output.get("Export") if isinstance(output, dict) else None
            name = export.get("Name") if isinstance(export, dict) else None
            if isinstance(name, str):
                fn_id = self._function_of(output.get("Value"))
                if fn_id is not None:
                    self.deployment.exports[name] = fn_id

    def _function_of(self, value: Any) -> str | None:
        """The function a version, alias or function reference names (`!Ref EdgeVersion`)."""
        target = ref_target(value)
        if target is None:
            return None
        kind = self.type_of(target[1])
        if kind in _LAMBDA_TYPES or kind == "AWS::CloudFront::Function":
            return target[1]
        if kind in ("AWS::Lambda::Version", "AWS::Lambda::Alias"):
            props = self.resources[target[1]].get("Properties")
            fn = ref_target(props.get("FunctionName")) if isinstance(props, dict) else None
            return fn[1] if fn is not None else None
        return None

    # -- functions ---------------------------------------------------------------------
    def _setting(self, props: dict, key: str, default: Any = None) -> Setting | None:
        if key in props and default is not False and key in self.sam_globals:
            # SAM merges Globals into functions: lists are joined and maps merged, so a local
            # `Layers: []` or `Environment: {Variables: {}}` does not remove the global ones.
            local, shared = props[key], self.sam_globals[key]
            if isinstance(local, list) and isinstance(shared, list) and not _is_intrinsic(local):
                return Setting([*shared, *local], loc(local, props, key))
            if (isinstance(local, dict) and isinstance(shared, dict) and not _is_intrinsic(local)
                    and not _is_intrinsic(shared)):
                return Setting(_merge(shared, local), loc(local, props, key))
        if key in props:
            value = props[key]
            return Setting(scalar(value, self.parameters) if not isinstance(value, (list, dict)) or
                           _is_intrinsic(value) else value, loc(value, props, key))
        if key in self.sam_globals and default is not False:
            value = self.sam_globals[key]
            return Setting(value if not _is_intrinsic(value) else UNKNOWN, loc(value, self.sam_globals, key))
        return None

    def _lambda(self, logical_id: str, resource: dict, props: dict, sam: bool) -> None:
        fn = Function(id=logical_id, kind="lambda", loc=loc(resource, self.resources, logical_id),
                      ignore=_ignores(resource))
        names = _SAM_SETTINGS if sam else _LAMBDA_SETTINGS
        for key, name in names.items():
            setting = self._setting(props, key, default=None if sam else False)
            if setting is not None:
                fn.settings[name] = setting
        fn.runtime = self._setting(props, "Runtime", default=None if sam else False)
        handler = self._setting(props, "Handler", default=None if sam else False)
        fn.handler = str(handler.value) if handler and handler.known else None
        code = props.get("Code") if not sam else None
        if isinstance(code, dict):
            if "ImageUri" in code:
                fn.settings["package_type"] = Setting("Image", loc(code, props, "Code"))
            if "SourceKMSKeyArn" in code:
                fn.settings["kms_key"] = Setting(code["SourceKMSKeyArn"], loc(code["SourceKMSKeyArn"], code, "SourceKMSKeyArn"))
            zip_file = code.get("ZipFile")
            if isinstance(zip_file, str):
                fn.inline = inline_code(zip_file, code, "ZipFile")
            else:
                fn.inline = _sub_code(zip_file)
        elif isinstance(code, str) and not code.startswith("s3://"):
            fn.code_path = self.path.parent / code  # a local folder `aws cloudformation package` uploads
        if sam:
            uri = props.get("CodeUri", self.sam_globals.get("CodeUri"))
            if isinstance(uri, str) and not uri.startswith("s3://"):
                fn.code_path = (self.path.parent / uri)
            inline = props.get("InlineCode")
            if isinstance(inline, str):
                fn.inline = inline_code(inline, props, "InlineCode")
            if props.get("ImageUri") is not None or str(props.get("PackageType", "")) == "Image":
                fn.settings["package_type"] = Setting("Image", loc(props, self.resources, logical_id))
            alias = props.get("AutoPublishAlias")
            fn.publish = Setting("published" if alias else "unpublished", loc(alias, props, "AutoPublishAlias"))
            trust = props.get("AssumeRolePolicyDocument")
            role = props.get("Role")
            if role is None:
                # SAM creates the role: it trusts Lambda only unless told otherwise.
                generated = set(facts("deployment")["trust"]["sam_generated"])
                principals = _principals(trust) if trust is not None else generated
                role_id = f"{logical_id}Role"
                self.deployment.roles[role_id] = Role(role_id, loc(resource, self.resources, logical_id), principals)
                fn.role = role_id
        metadata = resource.get("Metadata")
        if isinstance(metadata, dict) and isinstance(metadata.get("aws:asset:path"), str):
            fn.code_path = self.path.parent / metadata["aws:asset:path"]
        role_ref = ref_target(props.get("Role"))
        if role_ref is not None and self.type_of(role_ref[1]) == "AWS::IAM::Role":
            fn.role = role_ref[1]
        self.deployment.functions[logical_id] = fn

    # CloudFront Functions and Connection Functions share one shape, under different property names.
    _FUNCTION_PROPERTIES = {"cloudfront-function": ("FunctionConfig", "FunctionCode"),
                            "connection-function": ("ConnectionFunctionConfig", "ConnectionFunctionCode")}

    def _cloudfront_function(self, logical_id: str, resource: dict, props: dict,
                             kind: str = "cloudfront-function") -> None:
        config_key, code_key = self._FUNCTION_PROPERTIES[kind]
        fn = Function(id=logical_id, kind=kind, loc=loc(resource, self.resources, logical_id),
                      ignore=_ignores(resource))
        config = props.get(config_key)
        if isinstance(config, dict):
            runtime = config.get("Runtime")
            if runtime is not None:
                fn.runtime = Setting(scalar(runtime, self.parameters), loc(runtime, config, "Runtime"))
            kvs = config.get("KeyValueStoreAssociations")
            if isinstance(kvs, list):
                fn.kvs_count = Setting(len(kvs), loc(kvs, config, "KeyValueStoreAssociations"))
        code = props.get(code_key)
        if isinstance(code, str):
            fn.inline = inline_code(code, props, code_key)
        else:
            fn.inline = _sub_code(code)
        fn.publish = self._auto_publish(resource, props)
        self.deployment.functions[logical_id] = fn

    def _auto_publish(self, resource: dict, props: dict) -> Setting:
        """CloudFront and Connection Functions are created in the DEVELOPMENT stage; only
        `AutoPublish: true` copies them to LIVE, the stage a distribution can use."""
        if "AutoPublish" in props:
            value = _bool(props["AutoPublish"])
            return Setting("published" if value is True else "unpublished" if value is False else UNKNOWN,
                           loc(props["AutoPublish"], props, "AutoPublish"))
        return Setting("unset", loc(resource, self.resources, None))

    def _role(self, logical_id: str, resource: dict, props: dict) -> None:
        document = props.get("AssumeRolePolicyDocument")
        self.deployment.roles[logical_id] = Role(logical_id, loc(resource, self.resources, logical_id),
                                                 _principals(document))

    def _version(self, logical_id: str, resource: dict, props: dict) -> None:
        # Provisioned concurrency is set on a version or alias, not on the function.
        target = ref_target(props.get("FunctionName"))
        config = props.get("ProvisionedConcurrencyConfig")
        if target is not None and config is not None and target[1] in self.deployment.functions:
            fn = self.deployment.functions[target[1]]
            fn.settings.setdefault("provisioned_concurrency", Setting(config, loc(config, props, "ProvisionedConcurrencyConfig")))

    # -- associations -----------------------------------------------------------------------
    def _distribution(self, logical_id: str, resource: dict, props: dict) -> None:
        config = props.get("DistributionConfig")
        if not isinstance(config, dict):
            return
        behaviors: list[tuple[str, Any]] = []
        default = config.get("DefaultCacheBehavior")
        for branch in _if_branches(default) or [default]:
            if isinstance(branch, dict):
                behaviors.append(("default", branch))
        for behavior in _items(config.get("CacheBehaviors")):
            if isinstance(behavior, dict):
                behaviors.append((str(behavior.get("PathPattern", "?")), behavior))
        ignore = _ignores(resource)
        self._mtls(logical_id, resource, config, behaviors, ignore)
        for name, behavior in behaviors:
            for item in _items(behavior.get("LambdaFunctionAssociations")):
                if isinstance(item, dict):
                    self.deployment.associations.append(self._lambda_association(logical_id, name, item, ignore))
            for item in _items(behavior.get("FunctionAssociations")):
                if isinstance(item, dict):
                    self.deployment.associations.append(self._function_association(logical_id, name, item, ignore))

    def _mtls(self, logical_id: str, resource: dict, config: dict, behaviors: list[tuple[str, Any]],
              ignore: tuple) -> None:
        """The distribution's viewer mTLS settings and its Connection Function association."""
        dist = Distribution(logical_id, loc(resource, self.resources, logical_id), ignore=ignore)
        mtls = config.get("ViewerMtlsConfig")
        if isinstance(mtls, dict):
            dist.mtls = Setting(True, loc(mtls, config, "ViewerMtlsConfig"))
            if "Mode" in mtls:
                dist.mtls_mode = Setting(scalar(mtls["Mode"], self.parameters), loc(mtls["Mode"], mtls, "Mode"))
            store = mtls.get("TrustStoreConfig")
            if isinstance(store, dict):
                dist.trust_store = Setting(store.get("TrustStoreId", UNKNOWN), loc(store, mtls, "TrustStoreConfig"))
        elif mtls is not None:
            dist.mtls = Setting(UNKNOWN, loc(mtls, config, "ViewerMtlsConfig"))  # an intrinsic
        if "HttpVersion" in config:
            dist.http_version = Setting(scalar(config["HttpVersion"], self.parameters),
                                        loc(config["HttpVersion"], config, "HttpVersion"))
        for name, behavior in behaviors:
            if "ViewerProtocolPolicy" in behavior:
                policy = behavior["ViewerProtocolPolicy"]
                dist.viewer_protocols.append((name, Setting(scalar(policy, self.parameters),
                                                            loc(policy, behavior, "ViewerProtocolPolicy"))))
        self.deployment.distributions[logical_id] = dist
        item = config.get("ConnectionFunctionAssociation")
        if isinstance(item, dict):
            ref = item.get("Id")
            assoc = Association(logical_id, "distribution", Setting("connection-request", loc(item, config,
                                "ConnectionFunctionAssociation")), "connection-function",
                                loc(ref, item, "Id"), ignore=ignore, qualifier="version")
            target = ref_target(ref)
            if target is not None and self.type_of(target[1]) == "AWS::CloudFront::ConnectionFunction":
                assoc.function_id = target[1]
            assoc.arn_text = _describe(ref) if ref is not None else ""
            self.deployment.associations.append(assoc)

    def _event(self, item: dict) -> Setting:
        event = item.get("EventType")
        return Setting(scalar(event, self.parameters) if event is not None else UNKNOWN, loc(event, item, "EventType"))

    def _lambda_association(self, distribution: str, behavior: str, item: dict, ignore: tuple) -> Association:
        arn = item.get("LambdaFunctionARN")
        assoc = Association(distribution, behavior, self._event(item), "lambda", loc(arn, item, "LambdaFunctionARN"),
                            ignore=ignore)
        if "IncludeBody" in item:
            value = item["IncludeBody"]
            assoc.include_body = Setting(_bool(value), loc(value, item, "IncludeBody"))
        assoc.qualifier, assoc.function_id, assoc.region, assoc.arn_text = self._classify_lambda_arn(arn)
        assoc.import_name = self._import_name(arn)
        return assoc

    def _import_name(self, arn: Any) -> str | None:
        """Where another stack's function comes from: `!ImportValue name`, a
        `{{resolve:ssm:/name}}` reference, or an SSM-typed parameter's default name."""
        if isinstance(arn, dict) and len(arn) == 1 and isinstance(arn.get("Fn::ImportValue"), str):
            return arn["Fn::ImportValue"]
        if isinstance(arn, str):
            match = re.fullmatch(r"\{\{resolve:ssm:([^:}]+)(?::\d+)?\}\}", arn)
            return f"ssm:{match.group(1)}" if match else None
        target = ref_target(arn)
        if target is not None and str(self.type_of(target[1]) or "").startswith("Custom::"):
            # CDK reads a cross-region EdgeFunction's version ARN from SSM with a custom resource.
            props = self.resources[target[1]].get("Properties")
            name = props.get("ParameterName") if isinstance(props, dict) else None
            return f"ssm:{name}" if isinstance(name, str) else None
        if target is not None and not target[0] and target[1] in self.parameters:
            parameter = self.parameters[target[1]]
            if (isinstance(parameter, dict) and str(parameter.get("Type", "")).startswith("AWS::SSM::Parameter")
                    and isinstance(parameter.get("Default"), str)):
                return f"ssm:{parameter['Default']}"
        return None

    def _function_association(self, distribution: str, behavior: str, item: dict, ignore: tuple) -> Association:
        arn = item.get("FunctionARN")
        assoc = Association(distribution, behavior, self._event(item), "cloudfront-function",
                            loc(arn, item, "FunctionARN"), ignore=ignore, qualifier="version")
        target = ref_target(arn)
        if target is not None and self.type_of(target[1]) == "AWS::CloudFront::Function":
            assoc.function_id = target[1]
        return assoc

    def _classify_lambda_arn(self, arn: Any) -> tuple[str, str | None, str | None, str]:
        """(qualifier kind, function id, region in a literal ARN, ARN as written)."""
        text = _describe(arn)
        target = ref_target(arn)
        if target is not None:
            attr, logical_id = target
            kind = self.type_of(logical_id)
            if kind in ("AWS::Lambda::Version", "AWS::Lambda::Alias"):
                props = self.resources[logical_id].get("Properties")
                fn = ref_target(props.get("FunctionName")) if isinstance(props, dict) else None
                qualifier = "version" if kind == "AWS::Lambda::Version" else "alias"
                return qualifier, fn[1] if fn else None, None, text
            if kind in _LAMBDA_TYPES:
                if attr == "Version":
                    return "version", logical_id, None, text
                if attr == "Alias":
                    return "alias", logical_id, None, text
                return "unqualified", logical_id, None, text
            return "unknown", None, None, text
        if isinstance(arn, str):
            kind, region = classify_literal_arn(arn)
            return kind, None, region, text
        if isinstance(arn, dict) and "Fn::Sub" in arn and isinstance(arn["Fn::Sub"], str):
            sub = arn["Fn::Sub"]
            match = re.match(r"^\$\{(\w+)\.Arn\}(?::(.+))?$", sub)
            if match and self.type_of(match.group(1)) in _LAMBDA_TYPES:
                qualifier = match.group(2)
                if qualifier is None:
                    return "unqualified", match.group(1), None, text
                if qualifier == "$LATEST":
                    return "latest", match.group(1), None, text
                if qualifier.isdigit() or qualifier.startswith("${"):
                    return ("version" if qualifier.isdigit() else "unknown"), match.group(1), None, text
                return "alias", match.group(1), None, text
        return "unknown", None, None, text


# The SSM parameter names CDK's `experimental.EdgeFunction` stores its version ARN under.
_CDK_EDGE_PARAMETER = "/cdk/EdgeFunctionArn/"


def _is_intrinsic(value: Any) -> bool:
    return isinstance(value, dict) and len(value) == 1 and next(iter(value)) in (
        "Ref", "Condition") or isinstance(value, dict) and len(value) == 1 and str(next(iter(value))).startswith(("Fn::", "!"))


def _items(value: Any) -> list:
    """A list-valued property, or nothing when the template gives something else. `Fn::If`
    gives both branches (each is a possible deployment), in a list or as one of its items."""
    branches = _if_branches(value)
    if branches is not None:
        return [item for branch in branches for item in _items(branch)]
    if not isinstance(value, list):
        return []
    out = []
    for item in value:
        item_branches = _if_branches(item)
        if item_branches is None:
            out.append(item)
        else:
            out.extend(b for b in item_branches if isinstance(b, dict) and not _is_no_value(b))
    return out


def _if_branches(value: Any) -> list | None:
    """The two values of `Fn::If: [condition, a, b]`, else None."""
    if isinstance(value, dict) and len(value) == 1 and "Fn::If" in value:
        args = value["Fn::If"]
        if isinstance(args, list) and len(args) == 3:
            return [args[1], args[2]]
    return None


def _is_no_value(value: Any) -> bool:
    return isinstance(value, dict) and value.get("Ref") == "AWS::NoValue"


def _dig(data: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _merge(shared: dict, local: dict) -> dict:
    merged = dict(shared)
    for key, value in local.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            value = _merge(merged[key], value)
        merged[key] = value
    return merged


def _bool(value: Any) -> Any:
    if isinstance(value, dict):
        return UNKNOWN
    if isinstance(value, str):
        return value.lower() == "true"
    return bool(value)


def _describe(value: Any) -> str:
    target = ref_target(value)
    if target is not None:
        attr, logical_id = target
        return f"!GetAtt {logical_id}.{attr}" if attr and "Fn::GetAtt" in value else (
            f"!Ref {logical_id}.{attr}" if attr else f"!Ref {logical_id}")
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and len(value) == 1:
        key, inner = next(iter(value.items()))
        return f"{key}: {inner}"
    return str(value)


def _principals(document: Any) -> set[str] | None:
    """Service principals a trust policy lets assume the role; None if it cannot be read."""
    if not isinstance(document, dict):
        return None
    statements = document.get("Statement")
    if isinstance(statements, dict):
        statements = [statements]
    if not isinstance(statements, list):
        return None
    found: set[str] = set()
    for statement in statements:
        if not isinstance(statement, dict) or str(statement.get("Effect", "Allow")) != "Allow":
            continue
        principal = statement.get("Principal")
        if not isinstance(principal, dict):
            continue
        services = principal.get("Service")
        if isinstance(services, str):
            found.add(services)
        elif isinstance(services, list):
            if any(not isinstance(s, str) for s in services):
                return None
            found.update(services)
        elif services is not None:
            return None
    return found


def _sub_code(value: Any) -> InlineCode | None:
    """Code written in `Fn::Sub` (a string, or `[string, {variables}]`): templated code."""
    if not isinstance(value, dict) or "Fn::Sub" not in value:
        return None
    sub = value["Fn::Sub"]
    if isinstance(sub, list) and sub and isinstance(sub[0], str):
        code = inline_code(sub[0], sub, 0)
    elif isinstance(sub, str):
        code = inline_code(sub, value, "Fn::Sub")
    else:
        return None
    code.templated = True
    return code


def inline_code(text: str, parent: Any, key: str) -> InlineCode:
    """Code in a template string. A YAML block scalar (`|`) starts on the line after its key and
    is indented (the engine reads the indent from the template); a JSON or quoted string sits on
    one line."""
    value_line, value_column = position(text, (1, 1))
    if isinstance(text, LStr) and text.style in ("|", ">"):
        # The mark sits on the `|` indicator; the code starts on the next line.
        return InlineCode(str(text), first_line=value_line + 1, indent=None, multiline=text.style == "|")
    return InlineCode(str(text), first_line=value_line, indent=value_column, multiline=False,
                      quoted=isinstance(text, LStr) and text.style == '"')


def samconfig_region(template: Path) -> Setting | None:
    """The deploy region from samconfig.toml next to a SAM template, if it sets one."""
    config = template.parent / "samconfig.toml"
    if not config.is_file():
        return None
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    try:
        text = config.read_text("utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    region = _dig(data, "default", "deploy", "parameters", "region")
    if region is None:
        region = _dig(data, "default", "global", "parameters", "region")
    if not isinstance(region, str):
        return None
    line = next((i for i, l in enumerate(text.splitlines(), 1) if l.strip().startswith("region")), 1)
    return Setting(region, Loc(line, 1, config))
