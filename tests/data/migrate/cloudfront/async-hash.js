// edgelint: runtime=cloudfront-js-2.0 event=viewer-request
var crypto = require('crypto');

async function handler(event) {
  var request = event.request;
  var id = crypto.createHash('sha256').update(event.viewer.ip).digest('hex').slice(0, 12);
  request.headers['x-visitor'] = { value: id };
  return request;
}
