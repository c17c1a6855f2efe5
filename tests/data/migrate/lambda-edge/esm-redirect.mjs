// edgelint: runtime=nodejs22.x event=viewer-request
// An ES module handler (package.json "type": "module").
const MOVED = ['/pricing-2024', '/pricing-2025'];

export const handler = async (event) => {
  const request = event.Records[0].cf.request;
  if (MOVED.includes(request.uri)) {
    return {
      status: '308',
      statusDescription: 'Permanent Redirect',
      headers: { location: [{ key: 'Location', value: '/pricing' }] },
    };
  }
  return request;
};
