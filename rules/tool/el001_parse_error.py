from edgelint.model import CLOUDFRONT_FUNCTION, CONNECTION_FUNCTION, LAMBDA_EDGE, Severity
from edgelint.rule import Example, Rule


class ParseError(Rule):
    """
    ## What it does
    Reports a file edgelint could not analyse: a syntax error (with the parser's line and column),
    a file that is not UTF-8 text, a binary file, code nested too deeply to parse, or a file over
    the parse size limit.

    ## Why is this bad?
    CloudFront rejects a function that does not parse when you publish it, and a Lambda@Edge
    function that does not parse fails every request with a 502 or 503. No other rule can check a
    file that does not parse, so its problems stay hidden until it does.

    ## Example
    ```js
    function handler(event) {
        var uri = event.request.uri
        return event.request;;  }  }
    ```

    Fix the syntax error the message points at; the other files are still linted.
    """

    code = "EL001"
    name = "parse-error"
    severity = Severity.ERROR
    kinds = (CLOUDFRONT_FUNCTION, LAMBDA_EDGE, CONNECTION_FUNCTION, "deployment")
    languages = ("js", "python", "deploy")
    engine_rule = True
    summary = "File does not parse"
    help = "fix the syntax error; edgelint cannot check a file it cannot parse"
    invalid = (Example("function handler(event) {\n  return event.request;;}}\n", line=2),
               Example("def handler(event, context):\n    return event['Records'][0]['cf']['request'\n",
                       runtime="python3.13", line=2))
    valid = (Example("function handler(event) {\n  return event.request;\n}\n"),
             Example("def handler(event, context):\n    return event['Records'][0]['cf']['request']\n",
                     runtime="python3.13"))
