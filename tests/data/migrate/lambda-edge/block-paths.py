# edgelint: runtime=python3.12 event=viewer-request
BLOCKED = ["/wp-admin", "/.env", "/phpmyadmin"]


def lambda_handler(event, context):
    request = event["Records"][0]["cf"]["request"]
    for prefix in BLOCKED:
        if request["uri"].startswith(prefix):
            return {"status": "403", "statusDescription": "Forbidden",
                    "headers": {"content-type": [{"key": "Content-Type", "value": "text/plain"}]},
                    "body": "Forbidden"}
    request["headers"]["x-checked"] = [{"key": "X-Checked", "value": "1"}]
    return request
