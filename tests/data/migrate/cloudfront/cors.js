// edgelint: runtime=cloudfront-js-2.0 event=viewer-response
var ALLOWED = ['https://app.example.com'];

function handler(event) {
  var origin = event.request.headers.origin;
  var response = event.response;
  if (origin && ALLOWED.indexOf(origin.value) !== -1) {
    response.headers['access-control-allow-origin'] = { value: origin.value };
    response.headers.vary = { value: 'Origin' };
  }
  return response;
}
