# edgelint: runtime=python3.12 event=viewer-request


def handler(event, context):
    request = event["Records"][0]["cf"]["request"]
    uri = request["uri"]
    if len(uri) > 1 and uri.endswith("/"):
        return {
            "status": "301",
            "statusDescription": "Moved Permanently",
            "headers": {"location": [{"key": "Location", "value": uri[:-1]}]},
        }
    return request
