// edgelint: runtime=cloudfront-js-2.0 event=viewer-request
function handler(event) {
  var request = event.request;
  if (request.uri !== '/') {
    return request;
  }
  var bucket = request.cookies.ab ? request.cookies.ab.value : (event.viewer.ip.length % 2 === 0 ? 'a' : 'b');
  request.uri = '/experiment-' + bucket + '/index.html';
  request.cookies.ab = { value: bucket };
  return request;
}
