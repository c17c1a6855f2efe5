from edgelint.model import CLOUDFRONT_FUNCTION, CONNECTION_FUNCTION, LAMBDA_EDGE, Severity
from edgelint.rule import Example, Rule

# Bytes that are not UTF-8 are written in examples as surrogate escapes ("\udce9" is the byte
# 0xe9): the example runner encodes such code with `surrogateescape` and lints the bytes.
_LATIN1_E = "\udce9"


class NonUtf8Comment(Rule):
    """
    ## What it does
    Reports a code file whose bytes are valid UTF-8 except inside comments — typically a header
    comment saved in Latin-1 or Windows-1252 (`Caf\\xe9`, `\\xa9 2019`). The file is linted (each
    bad byte read as U+FFFD, positions unchanged) and this warning names the first bad byte. A
    bad byte outside a comment (in a string or the code) is still `EL001`.

    ## Why is this bad?
    The CloudFront API takes function code as a binary blob and the runtime pages say only that
    "source text and string literals can contain Unicode-encoded characters"; AWS documents no
    rejection of other bytes in comments, and neither Node.js nor Python reads them. So this is a
    warning, not an error: the code runs, but editors, diffs, the console and `--fix` (which
    never rewrites a file it cannot decode) treat the file as broken text.

    ## Example
    A JavaScript file whose first line is `// Caf\\xe9 redirect` with `\\xe9` a single byte (Latin-1).

    Use instead: save the file as UTF-8 (`iconv -f latin1 -t utf-8`).

    ## References
    - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-javascript-runtime-10.html
    - https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CreateFunction.html
    """

    code = "EL004"
    name = "non-utf8-comment"
    severity = Severity.WARNING
    kinds = (CLOUDFRONT_FUNCTION, LAMBDA_EDGE, CONNECTION_FUNCTION)
    languages = ("js", "python")
    engine_rule = True
    summary = "A comment that is not UTF-8"
    help = "save the file as UTF-8"
    references = ("https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-javascript-runtime-10.html",
                  "https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CreateFunction.html")
    valid = (
        Example("// Caf\u00e9 redirect, saved as UTF-8\nfunction handler(event) {\n  return event.request;\n}\n"),
        Example("# R\u00e9sum\u00e9 routing (UTF-8)\ndef handler(event, context):\n"
                "    return event['Records'][0]['cf']['request']\n", runtime="python3.13"),
    )
    invalid = (
        Example(f"// Caf{_LATIN1_E} redirect\nfunction handler(event) {{\n  return event.request;\n}}\n",
                line=1, message="byte 0xe9 in a comment"),
        Example("/* \udca9 2019 Example Ltd */\nexports.handler = async (event) => event.Records[0].cf.request;\n",
                runtime="nodejs22.x", line=1, message="0xa9"),
        Example(f"# R{_LATIN1_E}sum{_LATIN1_E} routing\ndef handler(event, context):\n"
                "    return event['Records'][0]['cf']['request']\n", runtime="python3.13", line=1,
                message="and 1 more"),
    )
