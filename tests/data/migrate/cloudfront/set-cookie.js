// edgelint: runtime=cloudfront-js-2.0 event=viewer-response
function handler(event) {
  var response = event.response;
  response.cookies.visited = { value: 'yes', attributes: 'Path=/; Max-Age=86400' };
  response.headers['x-served-by'] = { value: 'edge' };
  return response;
}
