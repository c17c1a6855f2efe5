// edgelint: runtime=nodejs22.x event=viewer-request
exports.handler = async (event) => {
  const { request } = event.Records[0].cf;
  const lower = request.uri.toLowerCase();
  if (lower !== request.uri) {
    return {
      status: '302',
      statusDescription: 'Found',
      headers: { location: [{ key: 'Location', value: lower }] },
    };
  }
  return request;
};
