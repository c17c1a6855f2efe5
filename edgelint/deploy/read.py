"""Recognise deployment files and read them into Deployments."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the model is imported when a file is read, not to recognise one
    from edgelint.deploy.model import Deployment, Setting

DEPLOY_EXTENSIONS = (".yaml", ".yml", ".json", ".template", ".tf")
SERVERLESS_NAMES = ("serverless.yml", "serverless.yaml")
# JSON and YAML files that are never deployment configuration: skipped without reading.
NOT_DEPLOYMENT = {"package.json", "package-lock.json", "tsconfig.json", "jsconfig.json", "composer.json",
                  ".pre-commit-config.yaml", ".pre-commit-hooks.yaml", "pnpm-lock.yaml", "cdk.json",
                  "tree.json", "cdk.context.json", "docker-compose.yml", "docker-compose.yaml"}


def is_cdk_asset(folder: Path) -> bool:
    """A cdk.out `asset.*` folder: a bundled package the templates reference, not source to lint."""
    return folder.name.startswith("asset.") and (folder.parent / "manifest.json").is_file()


def is_candidate(path: Path) -> bool:
    name = path.name
    return name.endswith(DEPLOY_EXTENSIONS) and name not in NOT_DEPLOYMENT and not name.endswith(".assets.json")


def sniff(path: Path, text: str) -> bool:
    """Cheap test before parsing: does the text mention what a deployment file declares?"""
    if path.name.endswith(".tf"):
        return any(word in text for word in ("aws_lambda_function", "aws_cloudfront", "aws_iam_role",
                                             "lambda_at_edge", "terraform-aws-modules/lambda"))
    if path.name in SERVERLESS_NAMES:
        return True
    return "Resources" in text and ("AWS::" in text or "Transform" in text)


def read_deployment(path: Path, text: str, manifest_regions: dict[Path, Setting] | None = None) -> Deployment | None:
    """The Deployment a file declares, None if it is no deployment file. Raises DeployParseError."""
    from edgelint.deploy.yaml_reader import load_json, load_yaml  # PyYAML only when a file needs it

    name = path.name
    if name.endswith(".tf"):
        from edgelint.deploy.terraform import read_terraform

        return read_terraform(path, text)
    # JSON templates often carry a .template extension: read JSON as JSON (YAML rejects tabs).
    data: Any = load_json(text) if name.endswith(".json") or text.lstrip("\ufeff \t\r\n").startswith("{") \
        else load_yaml(text)
    if name in SERVERLESS_NAMES or _looks_serverless(data):
        from edgelint.deploy.serverless import read_serverless

        return read_serverless(path, data)
    from edgelint.deploy.cloudformation import TemplateReader, is_template, samconfig_region

    if not is_template(data):
        return None
    region = None
    fmt = "cloudformation"
    if manifest_regions is not None and path.resolve() in manifest_regions:
        region = manifest_regions[path.resolve()]
        fmt = "cdk"
    elif (path.parent / "manifest.json").is_file():
        fmt = "cdk"  # a cdk.out stack without a fixed region
    if region is None:
        region = samconfig_region(path)
    return TemplateReader(path, data, region, fmt).read()


def _looks_serverless(data: Any) -> bool:
    return (isinstance(data, dict) and "service" in data and isinstance(data.get("functions"), dict)
            and isinstance(data.get("provider"), dict))


def cdk_manifest_regions(manifest: Path) -> dict[Path, Setting]:
    """cdk.out/manifest.json: the region of each stack template, from `aws://account/region`."""
    from edgelint.deploy.model import Loc, Setting

    regions: dict[Path, Setting] = {}
    try:
        text = manifest.read_text("utf-8")
        data = json.loads(text)
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return regions
    artifacts = data.get("artifacts") if isinstance(data, dict) else None
    if not isinstance(artifacts, dict):
        return regions
    lines = text.splitlines()
    for name, artifact in artifacts.items():
        if not isinstance(artifact, dict) or artifact.get("type") != "aws:cloudformation:stack":
            continue
        properties = artifact.get("properties")
        template = properties.get("templateFile") if isinstance(properties, dict) else None
        environment = artifact.get("environment")
        if not isinstance(template, str) or not isinstance(environment, str):
            continue
        region = environment.rsplit("/", 1)[-1]
        line = next((i for i, l in enumerate(lines, 1) if f'"{name}"' in l), 1)
        value = region if region and region != "unknown-region" else None
        if value is not None:
            regions[(manifest.parent / template).resolve()] = Setting(value, Loc(line, 1, manifest))
    return regions


__all__ = ["DEPLOY_EXTENSIONS", "cdk_manifest_regions", "is_candidate", "read_deployment", "sniff"]
