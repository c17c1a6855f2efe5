import cf from 'cloudfront';

// Viewer request: redirect vanity paths stored in a KeyValueStore.
const kvsHandle = cf.kvs();

async function handler(event) {
    const request = event.request;
    let target;
    try {
        target = await kvsHandle.get(request.uri);
    } catch (err) {
        return request; // not a vanity path
    }
    return {
        statusCode: 301,
        statusDescription: 'Moved Permanently',
        headers: { location: { value: `https://${request.headers.host.value}${target}` } },
    };
}
