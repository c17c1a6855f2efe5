"""The deployment change a migration needs, for the tool the project deploys with: printed as a
snippet (CloudFormation/SAM, Terraform, serverless.yml); nothing is written here."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any


def deployment_formats(path: Path) -> list[str]:
    """Which tools the project uses, from the deployment files that name the function's file."""
    from edgelint.config import Config
    from edgelint.engine import build_settings, project_deployments

    settings = build_settings(Config(root=path.parent), cwd=path.parent, discover=True)
    try:
        deployments = project_deployments([str(path)], settings, set())
    except Exception:  # noqa: BLE001 - a broken deployment file: fall back to every snippet
        deployments = []
    formats = sorted({d.format for d in deployments if d.format in ("cloudformation", "sam", "terraform", "serverless")})
    return formats or ["cloudformation", "terraform"]


def _name(path: Path) -> str:
    words = re.findall(r"[A-Za-z0-9]+", path.stem) or ["edge"]
    return "".join(w.capitalize() for w in words)


def snippet(migration: Any, path: Path, fmt: str) -> str:
    """What to add to (and remove from) the deployment, as text for one format."""
    name = _name(path)
    snake = re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()
    event = migration.event or "viewer-request"
    target = Path(migration.path).name
    if migration.kind == "cloudfront-function":
        if fmt in ("cloudformation", "sam", "serverless"):
            code = "\n".join("        " + line if line else "" for line in migration.code.splitlines())
            where = "resources: Resources:" if fmt == "serverless" else "Resources:"
            return (f"# {where} the CloudFront Function ({fmt}; CloudFormation has no file reference for it):\n"
                    f"  {name}Function:\n    Type: AWS::CloudFront::Function\n    Properties:\n"
                    f"      Name: {snake.replace('_', '-')}\n      AutoPublish: true\n"
                    f"      FunctionConfig:\n        Comment: migrated from Lambda@Edge by edgelint\n"
                    f"        Runtime: {migration.runtime}\n      FunctionCode: |\n{code}\n"
                    f"# In the cache behaviour, replace the {event} LambdaFunctionAssociations entry with:\n"
                    f"          FunctionAssociations:\n            - EventType: {event}\n"
                    f"              FunctionARN: !GetAtt {name}Function.FunctionMetadata.FunctionARN\n")
        return (f'resource "aws_cloudfront_function" "{snake}" {{\n  name    = "{snake.replace("_", "-")}"\n'
                f'  runtime = "{migration.runtime}"\n  code    = file("${{path.module}}/{target}")\n'
                f"  publish = true\n}}\n\n"
                f"# In the cache behaviour, replace the {event} lambda_function_association with:\n"
                f'  function_association {{\n    event_type   = "{event}"\n'
                f"    function_arn = aws_cloudfront_function.{snake}.arn\n  }}\n")
    handler = f"{Path(migration.path).stem}.handler"
    if fmt in ("cloudformation", "sam"):
        return (f"  {name}EdgeFunction:\n    Type: AWS::Serverless::Function   # SAM; in us-east-1\n    Properties:\n"
                f"      CodeUri: {path.parent.as_posix() or '.'}/\n      Handler: {handler}\n"
                f"      Runtime: {migration.runtime}\n      Architectures: [x86_64]\n      AutoPublishAlias: live\n"
                f"      Role: !GetAtt {name}EdgeRole.Arn   # trusted by lambda.amazonaws.com and edgelambda.amazonaws.com\n"
                f"# In the cache behaviour, replace the {event} FunctionAssociations entry with:\n"
                f"          LambdaFunctionAssociations:\n            - EventType: {event}\n"
                f"              LambdaFunctionARN: !Ref {name}EdgeFunction.Version\n")
    if fmt == "serverless":
        return (f"functions:\n  {snake}:\n    handler: {Path(migration.path).with_suffix('').as_posix()}.handler\n"
                f"    runtime: {migration.runtime}\n    events:\n      - cloudFront:\n"
                f"          eventType: {event}\n          origin: https://origin.example.com\n")
    return (f'resource "aws_lambda_function" "{snake}" {{\n  provider      = aws.us_east_1\n'
            f'  function_name = "{snake.replace("_", "-")}"\n  runtime       = "{migration.runtime}"\n'
            f'  handler       = "{handler}"\n  filename      = data.archive_file.{snake}.output_path\n'
            f"  role          = aws_iam_role.{snake}_edge.arn   # trusted by edgelambda.amazonaws.com\n"
            f'  architectures = ["x86_64"]\n  publish       = true\n}}\n\n'
            f"# In the cache behaviour, replace the {event} function_association with:\n"
            f'  lambda_function_association {{\n    event_type = "{event}"\n'
            f"    lambda_arn = aws_lambda_function.{snake}.qualified_arn\n  }}\n")


# -- writing the change (--update-deployment) --------------------------------------------------------

class NotUpdated(Exception):
    """The deployment file is left as it is; the message says why (the snippet still applies)."""


def _linked(path: Path) -> list[tuple[Any, Any, list[Any]]]:
    """(deployment, function, its associations) for each deployment function whose code is `path`."""
    from edgelint.config import Config
    from edgelint.deploy.linking import code_files
    from edgelint.engine import build_settings, project_deployments

    settings = build_settings(Config(root=path.parent), cwd=path.parent, discover=True)
    found = []
    for deployment in project_deployments([str(path)], settings, set()):
        for fn in deployment.functions.values():
            if any(f.resolve() == path.resolve() for f in code_files(fn)):
                found.append((deployment, fn, deployment.associations_of(fn.id)))
    return found


def update_deployment(migration: Any, path: Path, code: Path) -> Path:
    """Write the move of a Lambda@Edge function to a CloudFront Function into the deployment file
    that associates it (CloudFormation/SAM YAML or Terraform): the new function is added, the
    association replaced; the old Lambda function stays for you to delete. `path` is the original
    code, `code` where the migrated code was written. The edited file must parse and give the new
    association, or nothing is written. Returns the file written."""
    from edgelint.fix import write_atomic

    if migration.kind != "cloudfront-function":
        raise NotUpdated("--update-deployment writes moves to CloudFront Functions only; add the Lambda@Edge "
                         "function with the snippet")
    linked = [(d, f, a) for d, f, a in _linked(path) if a]
    if len(linked) != 1:
        raise NotUpdated("no single deployment file associates this function" if not linked
                         else "several deployment files associate this function")
    deployment, fn, associations = linked[0]
    mine = [a for a in associations if a.event.known and a.event.value == migration.event and a.loc.path is None]
    if len(mine) != 1 or len(associations) != 1:
        raise NotUpdated("the function has more than one association; change them by hand with the snippet")
    file = deployment.path
    text = file.read_text("utf-8")
    if file.suffix in (".yaml", ".yml") and deployment.format in ("cloudformation", "sam"):
        new = _update_yaml(text, migration, path, fn, mine[0], file)
    elif file.suffix == ".tf":
        new = _update_terraform(text, migration, code, fn, mine[0], file)
    else:
        raise NotUpdated(f"{deployment.format} files are not edited; use the snippet")
    _check(new, file, migration)
    write_atomic(file, new.encode("utf-8"))
    return file


def _check(text: str, file: Path, migration: Any) -> None:
    """Re-read the edited file: it must parse and associate a CloudFront Function on the event."""
    from edgelint.deploy.read import read_deployment

    try:
        deployment = read_deployment(file, text)
    except Exception as exc:  # noqa: BLE001 - any failure to read the result keeps the original
        raise NotUpdated(f"the edited file would not parse ({exc})") from None
    if deployment is None or not any(a.kind == "cloudfront-function" and a.event.value == migration.event
                                     and a.function_id for a in deployment.associations):
        raise NotUpdated("the edited file would not associate the new function")


def _update_yaml(text: str, migration: Any, path: Path, fn: Any, assoc: Any, file: Path) -> str:
    lines = text.splitlines(keepends=True)
    # The association: its LambdaFunctionARN line, the list item above it, the list's key above that.
    at = assoc.loc.line - 1
    key_line = next((i for i in range(at, -1, -1) if lines[i].strip().startswith("LambdaFunctionAssociations:")), None)
    if key_line is None:
        raise NotUpdated("the association is not written as a LambdaFunctionAssociations list")
    indent = len(lines[key_line]) - len(lines[key_line].lstrip())
    end = key_line + 1
    items = 0
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent
                                or lines[end].lstrip().startswith("- ") and len(lines[end]) - len(lines[end].lstrip()) >= indent):
        if lines[end].lstrip().startswith("- "):
            items += 1
        end += 1
    if items != 1 or lines[key_line].strip() != "LambdaFunctionAssociations:":
        raise NotUpdated("the cache behaviour has other Lambda@Edge associations")
    if any(line.strip().startswith("FunctionAssociations:") and len(line) - len(line.lstrip()) == indent
           for line in lines[max(0, key_line - 30):key_line + 30]):
        raise NotUpdated("the cache behaviour already has FunctionAssociations")
    name = _name(path)
    pad = " " * indent
    association = (f"{pad}FunctionAssociations:\n{pad}  - EventType: {migration.event}\n"
                   f"{pad}    FunctionARN: !GetAtt {name}Function.FunctionMetadata.FunctionARN\n")
    resources = next((i for i, line in enumerate(lines) if line.rstrip() == "Resources:"), None)
    if resources is None:
        raise NotUpdated("no top-level Resources section")
    child = next((line for line in lines[resources + 1:] if line.strip() and not line.lstrip().startswith("#")), "  ")
    rpad = " " * (len(child) - len(child.lstrip()))
    code = "".join(f"{rpad}      {line}\n" if line else "\n" for line in migration.code.splitlines())
    resource = (f"{rpad}{name}Function:\n{rpad}  Type: AWS::CloudFront::Function\n{rpad}  Properties:\n"
                f"{rpad}    Name: {re.sub(r'[^A-Za-z0-9-]', '-', path.stem)}\n{rpad}    AutoPublish: true\n"
                f"{rpad}    FunctionConfig:\n{rpad}      Comment: migrated from Lambda@Edge by edgelint\n"
                f"{rpad}      Runtime: {migration.runtime}\n{rpad}    FunctionCode: |\n{code}\n")
    out = lines[:resources + 1] + [resource] + lines[resources + 1:key_line] + [association] + lines[end:]
    return "".join(out)


def _update_terraform(text: str, migration: Any, path: Path, fn: Any, assoc: Any, file: Path) -> str:
    name = _name(path)
    snake = re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()
    pattern = re.compile(r"lambda_function_association\s*\{[^{}]*?event_type\s*=\s*\"" + re.escape(migration.event)
                         + r"\"[^{}]*?\}", re.S)
    blocks = list(pattern.finditer(text))
    if len(blocks) != 1:
        raise NotUpdated("the lambda_function_association block is not a plain block edgelint can replace")
    block = blocks[0]
    start_of_line = text.rfind("\n", 0, block.start()) + 1
    pad = text[start_of_line:block.start()]
    replacement = (f'function_association {{\n{pad}  event_type   = "{migration.event}"\n'
                   f"{pad}  function_arn = aws_cloudfront_function.{snake}.arn\n{pad}}}")
    import os

    code_path = Path(os.path.relpath(path.resolve(), file.parent.resolve())).as_posix()
    resource = (f'\nresource "aws_cloudfront_function" "{snake}" {{\n  name    = "{snake.replace("_", "-")}"\n'
                f'  runtime = "{migration.runtime}"\n  code    = file("${{path.module}}/{code_path}")\n'
                f"  publish = true\n}}\n")
    return text[:block.start()] + replacement + text[block.end():].rstrip("\n") + "\n" + resource
