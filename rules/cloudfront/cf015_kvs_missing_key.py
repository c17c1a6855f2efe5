"""CF015 kvs-missing-key: `kvsHandle.get()` throws when the key is missing."""

from __future__ import annotations

from typing import Any

from edgelint.lang.js.parse import member_key
from edgelint.model import CLOUDFRONT_FUNCTION, CONNECTION_FUNCTION, Severity
from edgelint.rule import Example, Rule
from edgelint.rules.cloudfront._common import RUNTIME_20, cff

_URL = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-custom-methods.html"
_URL_KVS = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/kvs-with-functions.html"
_FUNCTIONS = ("FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression")


class KvsMissingKey(Rule):
    """
    ## What it does
    Flags a KeyValueStore read, `kvsHandle.get(key)` on a handle from `cf.kvs()`, that nothing
    prepares for a missing key: it is not inside a `try` block of its function, no `.catch()` is
    chained to it, the function does not call `exists()` on the store first, and — in a helper —
    not every call of the helper is itself inside a `try` block. Applies to
    CloudFront Functions and Connection Functions.

    ## Why is this bad?
    AWS: "The get() method will return an error when the key that you requested doesn't exist in
    the associated key value store. To manage this use case, you can add a try and catch block to
    your code." An uncaught error fails the function: a viewer function's request gets an error
    response instead of the default the code meant to fall back to, and a Connection Function
    refuses the connection. Keys disappear when the store is updated, so this happens in
    production even when every key exists the day the code ships.

    ## Example
    ```js
    import cf from 'cloudfront';
    const kvs = cf.kvs();

    async function handler(event) {
        const target = await kvs.get(event.request.uri);
        event.request.uri = target;
        return event.request;
    }
    ```

    Use instead:
    ```js
    import cf from 'cloudfront';
    const kvs = cf.kvs();

    async function handler(event) {
        try {
            event.request.uri = await kvs.get(event.request.uri);
        } catch (err) {
            // no redirect for this path: keep the request as it is
        }
        return event.request;
    }
    ```

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-custom-methods.html
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/kvs-with-functions.html
    """

    code = "CF015"
    name = "kvs-missing-key"
    severity = Severity.WARNING
    kinds = (CLOUDFRONT_FUNCTION, CONNECTION_FUNCTION)
    summary = "A KeyValueStore get() with no handling for a missing key"
    help = "wrap the read in try/catch (or check `exists()` first) and decide what a missing key means"
    references = (_URL, _URL_KVS)
    example_runtimes = (RUNTIME_20,)
    valid = (
        Example("import cf from 'cloudfront';\nconst kvs = cf.kvs();\nasync function handler(event) {\n"
                "  try {\n    event.request.uri = await kvs.get(event.request.uri);\n  } catch (e) {}\n"
                "  return event.request;\n}\n"),
        Example("import cf from 'cloudfront';\nasync function handler(event) {\n  const store = cf.kvs();\n"
                "  if (await store.exists('mode')) {\n    event.request.headers['x-mode'] = { value: await store.get('mode') };\n"
                "  }\n  return event.request;\n}\n"),
        Example("import cf from 'cloudfront';\nasync function handler(event) {\n"
                "  const v = await cf.kvs().get('flag').catch(() => 'off');\n"
                "  event.request.headers['x-flag'] = { value: v };\n  return event.request;\n}\n"),
        Example("const cache = new Map();\nasync function handler(event) {\n  const hit = cache.get('x');\n"
                "  return event.request;\n}\n"),
        # The helper's only call is inside a try block.
        Example("import cf from 'cloudfront';\nconst kvs = cf.kvs();\n"
                "async function lookup(key) {\n  return await kvs.get(key);\n}\n"
                "async function handler(event) {\n  try {\n    event.request.uri = await lookup(event.request.uri);\n"
                "  } catch (e) {}\n  return event.request;\n}\n"),
    )
    invalid = (
        Example("import cf from 'cloudfront';\nconst kvs = cf.kvs();\nasync function handler(event) {\n"
                "  const target = await kvs.get(event.request.uri);\n  event.request.uri = target;\n"
                "  return event.request;\n}\n", line=4, message="throws when the key is missing"),
        Example("import cf from 'cloudfront';\nasync function connectionHandler(connection) {\n"
                "  const kvsHandle = cf.kvs();\n"
                "  const entry = await kvsHandle.get(connection.clientCertificate.certificates.leaf.serialNumber,"
                " { format: 'json' });\n  return entry.revoked ? connection.deny() : connection.allow();\n}\n",
                event="connection-request", line=4, message="refuses the connection"),
    )

    def on_CallExpression(self, node: Any) -> None:
        callee = node.callee
        if callee.type != "MemberExpression":
            return
        store = cff()["key_value_store"]
        key = member_key(callee)
        if key not in store["throwing_reads"]:
            return
        ctx = self.ctx
        handle = ctx.sym(callee.object)
        module = cff()["cloudfront_module"]["name"]
        if not handle or handle[:3] != ("module", module, store["handle_method"]):
            return
        if self._handled(node, handle, store["existence_check"]):
            return
        what = ("refuses the connection" if ctx.target.kind == CONNECTION_FUNCTION
                else "fails the function and the viewer gets an error")
        self.report(node, f"`{key}()` throws when the key is missing from the key value store, which {what}",)

    def _handled(self, call: Any, handle: tuple, exists: str, depth: int = 0) -> bool:
        child, parent = call, getattr(call, "parent", None)
        # `get(k).catch(…)` or `(await get(k)).then(…, onError)` after an await.
        while parent is not None and parent.type == "AwaitExpression":
            child, parent = parent, getattr(parent, "parent", None)
        if (parent is not None and parent.type == "MemberExpression" and parent.object is child
                and member_key(parent) in ("catch", "then")):
            return True
        function = None
        while parent is not None:
            if parent.type == "TryStatement" and parent.block is child:
                return True
            if parent.type in _FUNCTIONS:
                function = parent
                break
            child, parent = parent, getattr(parent, "parent", None)
        if function is None:
            return False
        if self._checks_existence(function, handle, exists):
            return True
        # A helper whose every call is itself prepared for the error (`try { await lookup(k) }`).
        calls = self._calls_of(function) if depth < 3 and function is not self.ctx.handler else []
        return bool(calls) and all(self._handled(c, handle, exists, depth + 1) for c in calls)

    def _calls_of(self, function: Any) -> list[Any]:
        """The calls of a named function in this file (`function f`, `const f = () => …`)."""
        name = None
        if function.type == "FunctionDeclaration" and function.id is not None:
            name = function.id.name
        else:
            parent = getattr(function, "parent", None)
            if parent is not None and parent.type == "VariableDeclarator" and parent.id.type == "Identifier":
                name = parent.id.name
        if name is None:
            return []
        calls, stack, seen = [], [self.ctx.program], 0
        while stack and seen < 20000:
            node = stack.pop()
            seen += 1
            if node.type == "CallExpression" and node.callee.type == "Identifier" and node.callee.name == name:
                calls.append(node)
            stack.extend(node.linked_children_reversed())
        return calls

    def _checks_existence(self, function: Any, handle: tuple, exists: str) -> bool:
        ctx = self.ctx
        stack = [function.body]
        seen = 0
        while stack and seen < 5000:
            node = stack.pop()
            seen += 1
            if (node.type == "CallExpression" and node.callee.type == "MemberExpression"
                    and member_key(node.callee) == exists and ctx.sym(node.callee.object) == handle):
                return True
            stack.extend(node.linked_children_reversed())
        return False
