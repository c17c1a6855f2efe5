from edgelint.model import CLOUDFRONT_FUNCTION, CONNECTION_FUNCTION, LAMBDA_EDGE, Severity
from edgelint.rule import Example, Rule


class UnusedSuppression(Rule):
    """
    ## What it does
    Reports an `edgelint: ignore[...]` or `edgelint: file-ignore[...]` comment that suppressed no
    finding, or that names a rule code edgelint does not have.

    ## Why is this bad?
    A stale suppression hides the next real finding on that line, and a misspelt code suppresses
    nothing while looking as if it does.

    ## Example
    ```js
    function handler(event) {
        var request = event.request; // edgelint: ignore[CF014]
        return request;
    }
    ```

    Remove the comment, or correct the code it names.
    """

    code = "EL002"
    name = "unused-suppression"
    severity = Severity.WARNING
    kinds = (CLOUDFRONT_FUNCTION, LAMBDA_EDGE, CONNECTION_FUNCTION, "deployment")
    languages = ("js", "python", "deploy")
    engine_rule = True
    summary = "Suppression comment that suppressed nothing"
    help = "remove the suppression comment, or fix the rule code it names"
    invalid = (Example("function handler(event) {\n  return event.request; // edgelint: ignore[CF014]\n}\n", line=2),
               Example("function handler(event) {\n  return event.request; // edgelint: ignore[XX999]\n}\n", line=2))
    valid = (Example("function handler(event) {\n  console.log('a', 1); // edgelint: ignore[CF014]\n"
                     "  return event.request;\n}\n"),
             Example("// edgelint: file-ignore[CF014]\nfunction handler(event) {\n  console.log('a', 1);\n"
                     "  return event.request;\n}\n"))
