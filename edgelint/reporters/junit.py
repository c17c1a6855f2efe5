"""JUnit XML: one <testsuite> per file with findings, one <testcase> per finding: failing for
errors and warnings; an info finding (migration advice) is a passing case with the advice as its
output, so CI test reports do not count advice as failures.

With no findings the report holds one passing test case (as ruff does), because some CI
systems treat a report without any test as an error.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TextIO

from edgelint.model import Finding, Severity

# Characters XML 1.0 cannot carry even escaped (ElementTree writes them as they are).
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", text)


def junit_tree(findings: list[Finding]) -> ET.Element:
    failing = [f for f in findings if f.severity != Severity.INFO]
    root = ET.Element("testsuites", name="edgelint", tests=str(max(1, len(findings))),
                      failures=str(len(failing)), errors="0")
    if not findings:
        suite = ET.SubElement(root, "testsuite", name="edgelint", tests="1", failures="0", errors="0")
        ET.SubElement(suite, "testcase", name="No errors found", classname="edgelint")
        return root
    by_path: dict[str, list[Finding]] = {}
    for f in findings:
        by_path.setdefault(f.path, []).append(f)
    for path, group in by_path.items():
        suite = ET.SubElement(root, "testsuite", name=_xml(path), tests=str(len(group)),
                              failures=str(sum(f.severity != Severity.INFO for f in group)), errors="0")
        for f in group:
            case = ET.SubElement(suite, "testcase", name=f.code, classname=_xml(f"{path}:{f.line}:{f.column}"),
                                 file=_xml(path), line=str(f.line))
            text = _xml(f"{f.message}\nhelp: {f.help}" if f.help else f.message)
            if f.severity == Severity.INFO:
                ET.SubElement(case, "system-out").text = text
                continue
            failure = ET.SubElement(case, "failure", message=_xml(f.message), type=f.severity.value)
            failure.text = text
    return root


def render_junit(findings: list[Finding], out: TextIO, color: bool) -> None:
    tree = ET.ElementTree(junit_tree(findings))
    ET.indent(tree)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    tree.write(out, encoding="unicode")
    out.write("\n")
