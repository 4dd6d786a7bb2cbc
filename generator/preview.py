"""Live preview under ``mkdocs serve``: keep serving the last good version of every input file.

Maintainers: ``mkdocs_hooks`` owns one ``Preview`` per serve session and calls ``refresh`` before
each build. A file that stops validating keeps its last valid model (so its page stays up),
a file that was never valid is left out, a deleted file is forgotten. Every problem is named
in the terminal and on ``preview-problems.md``, which a banner on every page links to.
"""

from __future__ import annotations

import logging
import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar

from generator import build
from generator.errors import Problem, Severity
from generator.load import Corpus, LoadedRecord, LoadedScan
from generator.project import Project
from generator.text import code, inline

PROBLEMS_PAGE = "preview-problems.md"


class _FromFile(Protocol):
    @property
    def source(self) -> str: ...


L = TypeVar("L", bound=_FromFile)
log = logging.getLogger("mkdocs.generator.preview")  # a child of "mkdocs": shown in the serve terminal


def _record_key(loaded: LoadedRecord) -> str:
    return str(loaded.listing.id)


def _scan_key(loaded: LoadedScan) -> str:
    return loaded.slug


def keep_last_good(
    cache: dict[str, L],
    valid: list[L],
    rejected: Iterable[str],
    root: Path,
    key: Callable[[L], str],
) -> tuple[list[L], list[str]]:
    """Update ``cache`` (source → last valid model) and return what to serve and which sources are stale.

    A rejected file that was valid before is served as it was, unless its id/slug is now taken.
    """
    for source in [s for s in cache if not (root / s).is_file()]:
        del cache[source]
    cache.update({loaded.source: loaded for loaded in valid})
    taken = {key(loaded) for loaded in valid}
    stale = [cache[s] for s in sorted(set(rejected)) if s in cache and key(cache[s]) not in taken]
    served = sorted([*valid, *stale], key=lambda loaded: loaded.source)
    return served, [loaded.source for loaded in stale]


@dataclass
class Preview:
    """The state of one serve session: last good models, and what the latest build found."""

    records: dict[str, LoadedRecord] = field(default_factory=dict)
    scans: dict[str, LoadedScan] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)

    @property
    def rejected(self) -> list[str]:
        return sorted({p.file for p in self.problems if p.severity is Severity.ERROR})

    def serve(self, corpus: Corpus, root: Path) -> Corpus:
        """The corpus to render: valid files, plus the last good version of rejected ones."""
        rejected = corpus.rejected
        # A record's last good version must outlive its file: keep the text that validated.
        valid = [loaded.keeping_text() for loaded in corpus.records]
        records, stale_records = keep_last_good(self.records, valid, rejected, root, _record_key)
        scans, stale_scans = keep_last_good(
            self.scans, [loaded.keeping_text() for loaded in corpus.scans], rejected, root, _scan_key
        )
        self.problems = sorted(corpus.problems)
        self.stale = sorted([*stale_records, *stale_scans])
        return Corpus(records=records, scans=scans, problems=corpus.problems)

    def refresh(self, project: Project) -> None:
        """Validate every input, then write the docs tree with last good versions and the problems page."""
        corpus = self.serve(build.validate(project, strict=False), project.root)
        build.write_docs(project, corpus, {PROBLEMS_PAGE: problems_markdown(self).encode()})
        for source in self.rejected:
            how = "serving its last good version" if source in self.stale else "not shown (never valid yet)"
            log.warning("Preview: %s failed validation; %s. See /preview-problems/", source, how)

    def banner(self, page_path: str) -> str:
        """Markdown to put above a page while any file is rejected ('' when all is well)."""
        if not self.rejected or page_path == PROBLEMS_PAGE:
            return ""
        link = posixpath.relpath(PROBLEMS_PAGE, posixpath.dirname(page_path) or ".")
        return (
            '!!! failure "Preview problems"\n'
            f"    {len(self.rejected)} input file(s) failed validation. [See what is wrong]({link}). "
            "Pages show the last good version of each file.\n\n"
        )


def _file_status(preview: Preview, source: str) -> str:
    if source in preview.stale:
        return "**Rejected: the preview shows its last good version.**"
    return "**Rejected: not shown (it has not been valid since the server started).**"


def problems_markdown(preview: Preview) -> str:
    """The problems page. Problem text quotes input files, so every cell is made inert."""
    lines = ["# Preview problems", ""]
    if not preview.problems:
        return "\n".join([*lines, "No problems: every input file is valid.", ""])
    lines += [
        "Fix a file and save it: the preview rebuilds and this page updates. "
        "`python -m generator validate` reports the same problems.",
        "",
    ]
    rejected_first = sorted({p.file for p in preview.problems}, key=lambda f: (f not in preview.rejected, f))
    for source in rejected_first:
        rejected = source in preview.rejected
        lines += [
            f"## {code(source)}",
            "",
            _file_status(preview, source) if rejected else "Published (warnings and notices only).",
        ]
        lines += ["", "| Severity | Field | Expected | Found |", "|---|---|---|---|"]
        for p in (p for p in preview.problems if p.file == source):
            where = code(p.path) if p.path else "(whole file)"
            lines.append(f"| {p.severity.value} | {where} | {inline(p.expected)} | {inline(p.found)} |")
        lines.append("")
    return "\n".join(lines)
