// edgelint: runtime=cloudfront-js-2.0 event=viewer-request
var BLOCKED = ['203.0.113.9'];

function handler(event) {
  if (BLOCKED.indexOf(event.viewer.ip) !== -1) {
    return { statusCode: 403, statusDescription: 'Forbidden' };
  }
  return event.request;
}
