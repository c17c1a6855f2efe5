// Lambda@Edge, viewer request on /account/*: checks the session with the auth service.
// Its target (viewer-request, nodejs22.x, 512 MB) comes from ../../template.yaml.
const AUTH_ORIGIN = 'https://auth.example.com';

exports.handler = async (event) => {
  const request = event.Records[0].cf.request;
  const cookie = request.headers.cookie ? request.headers.cookie[0].value : '';
  const res = await fetch(`${AUTH_ORIGIN}/session`, { headers: { cookie } });
  if (res.status !== 200) {
    return {
      status: '302',
      statusDescription: 'Found',
      headers: { location: [{ key: 'Location', value: '/login' }] },
    };
  }
  request.headers['x-user'] = [{ key: 'X-User', value: await res.text() }];
  request.headers['cloudfront-viewer-country'] = [{ key: 'CloudFront-Viewer-Country', value: 'US' }];
  return request;
};
