// Viewer request on cloudfront-js-1.0 (see pyproject.toml): written with 2.0 syntax by mistake.
function handler(event) {
    const request = event.request;
    let host = request.headers.host.value;
    if (host === 'www.example.com') {
        return {
            statusCode: '301',
            headers: { 'Location': { value: 'https://example.com' + request.uri } },
        };
    }
    return request;
}
