// edgelint: runtime=nodejs22.x event=viewer-request
'use strict';
const EXPECTED = 'Basic ' + Buffer.from('admin:secret').toString('base64');

exports.handler = (event, context, callback) => {
  const request = event.Records[0].cf.request;
  const headers = request.headers;
  if (!headers.authorization || headers.authorization[0].value !== EXPECTED) {
    return callback(null, {
      status: '401',
      statusDescription: 'Unauthorized',
      headers: { 'www-authenticate': [{ key: 'WWW-Authenticate', value: 'Basic realm="staging"' }] },
    });
  }
  callback(null, request);
};
