"""DP015 key-value-import: a key value store import file over the documented limits."""

from __future__ import annotations

import json

from edgelint.rule import Example, Rule
from edgelint.rules.deploy._common import DEPLOY_LANGUAGES, DEPLOYMENT_KINDS, EXAMPLE_RUNTIMES


def _file(*items: tuple[str, str]) -> str:
    return json.dumps({"data": [{"key": k, "value": v} for k, v in items]}, indent=2) + "\n"


class KeyValueImport(Rule):
    """
    ## What it does
    Checks key value store import files — JSON files shaped `{"data": [{"key": …, "value": …}]}`,
    the source CloudFront loads into a new KeyValueStore (CloudFormation `ImportSource`, CDK
    `ImportSource.fromAsset`):

    - the file over 5 MB, a key over 512 characters, a value over 1,024 characters, an empty
      key, a duplicate key, an item that is not a pair of strings — errors;
    - a key over 512 bytes or a value over 1,024 bytes in UTF-8 that is within the character
      limit — a warning (the quotas page counts bytes, the import page characters).

    ## Why is this bad?
    AWS: "The file for your data source and its key-value pairs have the following limits: File
    size – 5 MB; Key size – 512 characters; Value size – 1024 characters" and "Your file can't
    include duplicate keys". The file is read only when the store is created, so a bad file fails
    the stack at creation, and fixing it means creating the store again.

    ## Example
    ```json
    {"data": [{"key": "/old", "value": "/new"}, {"key": "/old", "value": "/newer"}]}
    ```

    Use instead: one item per key.

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/kvs-with-functions-create-s3-kvp.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html#limits-keyvaluestores
    """

    code = "DP015"
    name = "key-value-import"
    kinds = DEPLOYMENT_KINDS
    languages = DEPLOY_LANGUAGES
    example_runtimes = EXAMPLE_RUNTIMES
    engine_rule = True
    summary = "A key value store import file CloudFront rejects"
    help = "keep keys to 512 characters (bytes), values to 1,024, the file to 5 MB, each key once"
    references = ("https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/kvs-with-functions-create-s3-kvp.html",
                  "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html#limits-keyvaluestores")
    valid = (
        Example(_file(("/old-blog", "/blog"), ("/promo", "/offers/2026")), filename="redirects.json"),
        Example(_file(("0a7f3c", "revoked"), ("b41d09", "revoked"), ("c" * 512, "x" * 1024)), filename="revoked.json"),
        # Other JSON with a `data` key is not an import file.
        Example(json.dumps({"data": {"key": 1}, "value": 2}) + "\n", filename="package-data.json"),
    )
    invalid = (
        Example(_file(("/old", "/new"), ("/old", "/newer")), filename="redirects.json", line=8,
                message="duplicate"),
        Example(_file(("k" * 513, "v")), filename="long-key.json", line=4, message="513 characters"),
        Example(_file(("k", "\u00e9" * 600)), filename="wide-value.json", line=4, severity=None,
                message="1,200 bytes"),
        Example(json.dumps({"data": [{"key": "a", "value": 1}]}) + "\n", filename="numbers.json", line=1,
                message="not a"),
    )
