// Runs an edge function on events, for `edgelint migrate`'s behaviour check and its tests.
// stdin: {"kind": "lambda-edge" | "cloudfront-function", "code": "...", "events": [...]}
// stdout: {"results": [{"value": <what the handler returned>} | {"error": "..."}]}
// Lambda@Edge code runs as a CommonJS module (exports.handler, callbacks, promises);
// CloudFront Functions code as a script whose top-level `handler` is called with the event.
'use strict';
const vm = require('vm');

function readStdin() {
  return new Promise((resolve) => {
    let data = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk) => { data += chunk; });
    process.stdin.on('end', () => resolve(data));
  });
}

function withTimeout(promise, ms) {
  let timer;
  const limit = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('timed out')), ms); });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

// ES module syntax as CommonJS, so one loader runs both (this is a test bench, not a bundler):
// `import x from 'm'`, `import { a } from 'm'`, `export const|function|async function name`.
function commonJs(code) {
  const exported = [];
  let out = code
    .replace(/^\s*import\s+(\w+)\s+from\s+['"]([^'"]+)['"];?/gm, "const $1 = require('$2');")
    .replace(/^\s*import\s+\{([^}]*)\}\s+from\s+['"]([^'"]+)['"];?/gm, (m, names, mod) =>
      `const {${names.replace(/\s+as\s+/g, ': ')}} = require('${mod}');`)
    .replace(/^(\s*)export\s+(const|let|var|async\s+function|function)\s+(\w+)/gm, (m, pad, kind, name) => {
      exported.push(name);
      return `${pad}${kind} ${name}`;
    });
  return out + '\n' + exported.map((name) => `module.exports.${name} = ${name};`).join('\n');
}

function lambdaEdge(code) {
  if (/^\s*(import|export)\s/m.test(code)) code = commonJs(code);
  const module = { exports: {} };
  const context = vm.createContext({ module, exports: module.exports, require, console: { log() {}, error() {}, warn() {}, info() {} },
    Buffer, URL, URLSearchParams, setTimeout, clearTimeout, atob, btoa, TextEncoder, TextDecoder,
    process: { env: {} } });
  new vm.Script(code, { filename: 'handler.js' }).runInContext(context);
  const handler = module.exports.handler || context.exports.handler;
  if (typeof handler !== 'function') throw new Error('no exported handler');
  return (event) => new Promise((resolve, reject) => {
    const callback = (err, value) => (err ? reject(err) : resolve(value));
    const lambdaContext = { functionName: 'edge', awsRequestId: 'r', getRemainingTimeInMillis: () => 1000 };
    try {
      const out = handler(event, lambdaContext, callback);
      if (out && typeof out.then === 'function') out.then(resolve, reject);
      else if (handler.length < 3 && out !== undefined) resolve(out);
    } catch (e) { reject(e); }
  });
}

function cloudfrontFunction(code) {
  const allowed = { crypto: require('crypto'), querystring: require('querystring') };
  const context = vm.createContext({ console: { log() {} }, require: (name) => {
    if (!(name in allowed)) throw new Error('module not available: ' + name);
    return allowed[name];
  }, Buffer, atob, btoa, TextEncoder, TextDecoder });
  if (/^\s*import\s/m.test(code)) code = commonJs(code);
  new vm.Script(code + '\n;globalThis.__handler = handler;', { filename: 'function.js' }).runInContext(context);
  return (event) => {
    // CloudFront Functions 2.0 give the raw query string through a method (JSON carries it as a field).
    if (event.request && Object.prototype.hasOwnProperty.call(event, 'rawQuery')) {
      const raw = event.rawQuery === null ? undefined : event.rawQuery;
      delete event.rawQuery;
      event.request.rawQueryString = () => raw;
    }
    return Promise.resolve(context.__handler(event));
  };
}

(async () => {
  const input = JSON.parse(await readStdin());
  const results = [];
  let run;
  try {
    run = input.kind === 'lambda-edge' ? lambdaEdge(input.code) : cloudfrontFunction(input.code);
  } catch (e) {
    process.stdout.write(JSON.stringify({ error: 'load: ' + e.message }));
    return;
  }
  for (const event of input.events) {
    try {
      const value = await withTimeout(run(JSON.parse(JSON.stringify(event))), 2000);
      results.push({ value: value === undefined ? null : value });
    } catch (e) {
      results.push({ error: String(e && e.message || e) });
    }
  }
  // Exit once written: a function may leave timers behind (its own setTimeout).
  process.stdout.write(JSON.stringify({ results }), () => process.exit(0));
})();
