// edgelint: runtime=cloudfront-js-2.0 event=viewer-request
// Sort the query parameters (as AWS's normalize-query-string sample does): the query string is
// assigned back as text.
function handler(event) {
  var pairs = [];
  for (var key in event.request.querystring) {
    var entry = event.request.querystring[key];
    (entry.multiValue || [entry]).forEach(function (item) { pairs.push(key + '=' + item.value); });
  }
  event.request.querystring = pairs.sort().join('&');
  return event.request;
}
