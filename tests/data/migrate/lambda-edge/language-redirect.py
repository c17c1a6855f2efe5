# edgelint: runtime=python3.12 event=viewer-request
"""Send visitors of the root to their language's home page."""
LANGUAGES = ["de", "fr", "en"]


def lambda_handler(event, context):
    request = event["Records"][0]["cf"]["request"]
    if request["uri"] != "/":
        return request
    header = request["headers"].get("accept-language")
    language = "en"
    if header:
        first = header[0]["value"].split(",")[0].strip().lower()[:2]
        if first in LANGUAGES:
            language = first
    return {
        "status": "302",
        "statusDescription": "Found",
        "headers": {"location": [{"key": "Location", "value": f"/{language}/"}]},
    }
