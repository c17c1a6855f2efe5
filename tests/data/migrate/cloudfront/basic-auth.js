// edgelint: runtime=cloudfront-js-2.0 event=viewer-request
var EXPECTED = 'Basic ' + btoa('admin:secret');

function handler(event) {
  var auth = event.request.headers.authorization;
  if (!auth || auth.value !== EXPECTED) {
    return {
      statusCode: 401,
      statusDescription: 'Unauthorized',
      headers: { 'www-authenticate': { value: 'Basic realm="staging"' } },
    };
  }
  return event.request;
}
