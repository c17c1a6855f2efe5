// Viewer request: checks a session with an auth service. This cannot work as a CloudFront Function.
async function handler(event) {
    const request = event.request;
    const cookie = request.cookies.session;
    const res = await fetch(process.env.AUTH_URL + '/verify?s=' + cookie.value);
    if (res.status !== 200) {
        return { statusCode: 401, statusDescription: 'Unauthorized' };
    }
    console.error('auth ok', cookie.value);
    return request;
}
