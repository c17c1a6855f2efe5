// edgelint: runtime=cloudfront-js-2.0 event=viewer-request
function handler(event) {
  if (event.request.method === 'POST') {
    return {
      statusCode: 503,
      statusDescription: 'Service Unavailable',
      headers: { 'retry-after': { value: '120' }, 'content-type': { value: 'text/plain' } },
      body: 'Back soon',
    };
  }
  return event.request;
}
