// edgelint: runtime=cloudfront-js-2.0 event=viewer-request
// Copied from a Lambda@Edge function: the event and header shapes are Lambda@Edge's.
function handler(event, context, callback) {
    var request = event.Records[0].cf.request;
    var host = request.headers.host[0].value;
    request.headers['x-forwarded-host'] = [{ key: 'X-Forwarded-Host', value: host }];
    request.headers.host = { value: 'origin.example.com' };
    callback(null, request);
}
