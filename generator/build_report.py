"""The build report: what was published, what was rejected and why, and every warning.

Written into every site as ``build-report/`` (a page) and ``build-report.json``, and
printed by the CLI, so no input file ever disappears without a trace.
"""

from __future__ import annotations

import json
from collections import defaultdict

from generator.errors import Problem, Severity
from generator.html_blocks import CLOSE, OPEN
from generator.load import Corpus
from generator.text import code, inline

REPORT_PAGE = "build-report.md"
REPORT_JSON = "build-report.json"


def _problem_dict(problem: Problem) -> dict[str, str]:
    return {
        "severity": problem.severity.value,
        "file": problem.file,
        "path": problem.path,
        "expected": problem.expected,
        "found": problem.found,
    }


def report_data(corpus: Corpus) -> dict[str, object]:
    """The report as plain data, sorted so the same inputs give the same bytes."""
    problems = sorted(corpus.problems)
    return {
        "published": {
            "records": sorted(loaded.source for loaded in corpus.records),
            "scans": sorted(loaded.source for loaded in corpus.scans),
        },
        "rejected": corpus.rejected,
        "problems": [_problem_dict(p) for p in problems],
        "counts": {
            "records": len(corpus.records),
            "scans": len(corpus.scans),
            "rejected": len(corpus.rejected),
            **{s.value: sum(1 for p in problems if p.severity is s) for s in Severity},
        },
    }


def report_json(corpus: Corpus) -> bytes:
    return (json.dumps(report_data(corpus), indent=2, ensure_ascii=False) + "\n").encode()


def _table(problems: list[Problem]) -> list[str]:
    """The problems as an HTML table in a block Python-Markdown passes through (``html_blocks``):
    as a Markdown table, the thousands of notices of a large corpus took 0.4 s to parse on every
    publish. Every cell is inert text (``generator/text.py``), in HTML as in Markdown."""
    lines = [OPEN, "<table>", "<thead>", "<tr><th>File</th><th>Field</th><th>Expected</th><th>Found</th></tr>"]
    lines += ["</thead>", "<tbody>"]
    for p in problems:
        field = code(p.path) if p.path else "(whole file)"
        cells = (code(p.file), field, inline(p.expected), inline(p.found))
        lines.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    return [*lines, "</tbody>", "</table>", CLOSE]


def report_markdown(corpus: Corpus) -> str:
    """The report page. Problem text comes from input files, so every cell is made inert."""
    by_level: dict[Severity, list[Problem]] = defaultdict(list)
    for problem in sorted(corpus.problems):
        by_level[problem.severity].append(problem)
    lines = ["# Build report", ""]
    lines += [
        f"Published {len(corpus.records):,} records and {len(corpus.scans):,} scans. "
        f"Rejected {len(corpus.rejected):,} files. Machine-readable: [build-report.json](build-report.json).",
        "",
    ]
    sections = (
        (
            Severity.ERROR,
            "Rejected files",
            "These files were not published. Each problem names the field and what was expected.",
        ),
        (
            Severity.WARNING,
            "Warnings",
            "Published, but with keys the contract does not define (these fail `--strict`).",
        ),
        (Severity.NOTICE, "Text-quality notices", "Published as stored; the text shows signs of extraction damage."),
    )
    for level, title, explanation in sections:
        lines += [f"## {title}", "", explanation, ""]
        lines += _table(by_level[level]) if by_level[level] else ["None."]
        lines.append("")
    return "\n".join(lines)


def report_tree(corpus: Corpus) -> dict[str, bytes]:
    return {REPORT_PAGE: report_markdown(corpus).encode(), REPORT_JSON: report_json(corpus)}
