// edgelint: runtime=nodejs22.x event=viewer-request
const PAGE = '<!doctype html><title>Back soon</title><h1>We are down for maintenance</h1>';

exports.handler = async (event) => {
  const request = event.Records[0].cf.request;
  if (request.uri.startsWith('/api/') || request.method === 'POST') {
    return {
      status: '503',
      statusDescription: 'Service Unavailable',
      headers: {
        'content-type': [{ key: 'Content-Type', value: 'text/html; charset=utf-8' }],
        'retry-after': [{ key: 'Retry-After', value: '120' }],
      },
      body: PAGE,
    };
  }
  return request;
};
