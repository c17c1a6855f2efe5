# edgelint: runtime=python3.12 event=viewer-response


def lambda_handler(event, context):
    response = event["Records"][0]["cf"]["response"]
    headers = response["headers"]
    headers["x-frame-options"] = [{"key": "X-Frame-Options", "value": "SAMEORIGIN"}]
    headers["permissions-policy"] = [{"key": "Permissions-Policy", "value": "camera=(), microphone=()"}]
    if "server" in headers:
        del headers["server"]
    return response
