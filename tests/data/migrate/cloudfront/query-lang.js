// edgelint: runtime=cloudfront-js-2.0 event=viewer-request
function handler(event) {
  var request = event.request;
  var lang = request.querystring.lang;
  if (lang && ['de', 'fr'].indexOf(lang.value) !== -1) {
    request.uri = '/' + lang.value + request.uri;
    delete request.querystring.lang;
  }
  return request;
}
