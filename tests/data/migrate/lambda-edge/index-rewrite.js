// edgelint: runtime=nodejs22.x event=viewer-request
'use strict';
// Serve index.html for folder URIs of a static site.
exports.handler = (event, context, callback) => {
  const request = event.Records[0].cf.request;
  if (request.uri.endsWith('/')) {
    request.uri += 'index.html';
  } else if (!request.uri.split('/').pop().includes('.')) {
    request.uri += '/index.html';
  }
  callback(null, request);
};
