// edgelint: runtime=cloudfront-js-2.0 event=viewer-request
function handler(event) {
  var request = event.request;
  if (!request.querystring.v) {
    request.querystring.v = { value: '2' };
  }
  return request;
}
