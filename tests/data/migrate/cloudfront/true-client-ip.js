// edgelint: runtime=cloudfront-js-2.0 event=viewer-request
function handler(event) {
  var request = event.request;
  request.headers['true-client-ip'] = { value: event.viewer.ip };
  return request;
}
