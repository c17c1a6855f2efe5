from edgelint.model import CLOUDFRONT_FUNCTION, CONNECTION_FUNCTION, LAMBDA_EDGE, Severity
from edgelint.rule import Rule


class InternalError(Rule):
    """
    ## What it does
    Reports a file edgelint failed on: an unexpected error inside edgelint while it linted this
    file. The message names the error in one line; the other files of the run are still linted.

    ## Why is this bad?
    The file was not checked, so it may still hold problems CloudFront or Lambda@Edge would
    reject. The failure is edgelint's, not the file's: it is reported as a finding, not as a crash,
    so that one odd file never hides the results of all the others.

    ## Example
    Any file can trigger it; there is nothing to fix in the file itself.

    Please report it with the file (or a reduced copy) at the project's issue tracker; until then,
    `edgelint: file-ignore[EL003]` in the file silences it.
    """

    code = "EL003"
    name = "internal-error"
    severity = Severity.ERROR
    kinds = (CLOUDFRONT_FUNCTION, LAMBDA_EDGE, CONNECTION_FUNCTION, "deployment")
    languages = ("js", "python", "deploy")
    engine_rule = True
    summary = "edgelint failed on this file (please report)"
    help = "please report this with the file; the rest of the run is unaffected"
