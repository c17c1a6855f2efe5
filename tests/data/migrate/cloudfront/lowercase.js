// edgelint: runtime=cloudfront-js-2.0 event=viewer-request
function handler(event) {
  var request = event.request;
  var lower = request.uri.toLowerCase();
  if (lower !== request.uri) {
    return { statusCode: 302, statusDescription: 'Found', headers: { location: { value: lower } } };
  }
  return request;
}
