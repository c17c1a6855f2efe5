// edgelint: runtime=cloudfront-js-2.0 event=viewer-request
function handler(event) {
  var request = event.request;
  if (request.uri.endsWith('/')) {
    request.uri += 'index.html';
  } else if (request.uri.split('/').pop().indexOf('.') === -1) {
    request.uri += '/index.html';
  }
  return request;
}
