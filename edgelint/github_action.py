"""What the GitHub Action (action.yml) runs: `python -m edgelint.github_action`.

Inputs come as environment variables, the way the composite action passes them:
INPUT_PATHS (whitespace-separated, default "."), INPUT_ARGS (extra `edgelint check` arguments,
split like a shell would), INPUT_SARIF_FILE (write SARIF there for upload; empty: none).

It prints workflow annotations (`--output-format github`), writes the SARIF file first when asked
(a second run over the same files reads the result cache), records `exit-code` in
$GITHUB_OUTPUT, and exits with the CLI's status: 0 clean, 1 findings, 2 a usage or config error —
in which case no SARIF file is left behind for an upload step to choke on."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path


def _check(*args: str) -> int:
    return subprocess.run([sys.executable, "-m", "edgelint", "check", *args]).returncode


def main(environ: dict[str, str] | None = None) -> int:
    env = os.environ if environ is None else environ
    paths = env.get("INPUT_PATHS", "").split() or ["."]
    args = shlex.split(env.get("INPUT_ARGS", ""))
    sarif = env.get("INPUT_SARIF_FILE", "").strip()
    sys.stdout.flush()
    if sarif:
        code = _check(*args, "--output-format", "sarif", "-o", sarif, *paths)
        if code not in (0, 1):
            Path(sarif).unlink(missing_ok=True)
            print(f"::error title=edgelint::edgelint exited {code} (a usage or config error, see above); "
                  "no SARIF file was written", flush=True)
            _output(env, code)
            return code
    code = _check(*args, "--output-format", "github", *paths)
    _output(env, code)
    return code


def _output(env: dict[str, str] | os._Environ, code: int) -> None:
    target = env.get("GITHUB_OUTPUT")
    if target:
        with open(target, "a", encoding="utf-8") as out:
            out.write(f"exit-code={code}\n")


if __name__ == "__main__":
    sys.exit(main())
