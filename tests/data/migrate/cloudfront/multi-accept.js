// edgelint: runtime=cloudfront-js-2.0 event=viewer-request
function handler(event) {
  var request = event.request;
  var accept = request.headers.accept;
  var values = accept ? (accept.multiValue || [accept]).map(function (v) { return v.value; }) : [];
  if (values.some(function (v) { return v.indexOf('image/webp') !== -1; })) {
    request.uri = request.uri.replace(/\.(jpg|png)$/, '.webp');
  }
  request.headers['x-accept-count'] = { value: String(values.length) };
  return request;
}
