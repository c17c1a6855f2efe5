// edgelint: runtime=nodejs22.x event=viewer-request
// Keep only the query parameters the origin uses, in a stable order (better cache hits).
const KEEP = ['page', 'sort', 'q'];

exports.handler = async (event) => {
  const request = event.Records[0].cf.request;
  const kept = request.querystring
    .split('&')
    .filter((part) => KEEP.includes(part.split('=')[0]))
    .sort();
  request.querystring = kept.join('&');
  return request;
};
