// edgelint: runtime=nodejs22.x event=viewer-request
exports.handler = async (event) => {
  const request = event.Records[0].cf.request;
  request.headers['true-client-ip'] = [{ key: 'True-Client-IP', value: request.clientIp }];
  return request;
};
