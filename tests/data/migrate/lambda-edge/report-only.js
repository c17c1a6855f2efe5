// edgelint: runtime=nodejs22.x event=viewer-response
'use strict';
// Two report-only policies under one header name: one value each.
exports.handler = (event, context, callback) => {
  const response = event.Records[0].cf.response;
  response.headers['content-security-policy-report-only'] = [{
    key: 'Content-Security-Policy-Report-Only',
    value: 'default-src \'self\'; report-to csp-a',
  }, {
    key: 'Content-Security-Policy-Report-Only',
    value: 'default-src \'self\'; report-to csp-b',
  }];
  callback(null, response);
};
