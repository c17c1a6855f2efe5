// edgelint: runtime=nodejs22.x event=viewer-response
exports.handler = (event, context, callback) => {
  const cf = event.Records[0].cf;
  const response = cf.response;
  const uri = cf.request.uri;
  const immutable = /\.(js|css|png|jpg|svg|woff2)$/.test(uri);
  response.headers['cache-control'] = [{
    key: 'Cache-Control',
    value: immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  }];
  delete response.headers['x-powered-by'];
  callback(null, response);
};
