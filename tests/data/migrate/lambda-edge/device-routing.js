// edgelint: runtime=nodejs22.x event=viewer-request
'use strict';
function isMobile(headers) {
  const agent = headers['user-agent'] ? headers['user-agent'][0].value : '';
  return /Mobile|Android|iPhone/.test(agent);
}

exports.handler = async (event) => {
  const request = event.Records[0].cf.request;
  if (isMobile(request.headers) && !request.uri.startsWith('/m/')) {
    request.uri = '/m' + request.uri;
  }
  return request;
};
