// edgelint: runtime=nodejs22.x event=viewer-request
'use strict';
const REDIRECTS = {
  '/old': '/new',
  '/blog/post': 'https://blog.example.com/post',
};

exports.handler = async (event) => {
  const request = event.Records[0].cf.request;
  const target = REDIRECTS[request.uri];
  if (target) {
    return {
      status: '301',
      statusDescription: 'Moved Permanently',
      headers: {
        location: [{ key: 'Location', value: target }],
        'cache-control': [{ key: 'Cache-Control', value: 'max-age=3600' }],
      },
    };
  }
  return request;
};
