// edgelint: runtime=cloudfront-js-2.0 event=viewer-request
import crypto from 'crypto';

// A stable cache key for the device class: 2.0's module form of crypto.
function handler(event) {
  var request = event.request;
  var agent = request.headers['user-agent'] ? request.headers['user-agent'].value : '';
  request.headers['x-device-key'] = { value: crypto.createHash('md5').update(agent).digest('hex') };
  return request;
}
