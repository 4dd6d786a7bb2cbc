"""The conversion itself: many reports through one pandoc run, then Typst in this process.

Starting pandoc costs more than converting one short report, so a batch of documents goes to a
single ``pandoc lua`` run (``templates/convert.lua``) that reads each one and writes both its
Typst source and its JATS XML, exactly as the pandoc command line would. Typst compiles in-process
with one reused compiler per thread (fonts load once), and its output is packed losslessly
(``generator.exports.pdf_pack``). Only Typst's bundled fonts are used, never system ones.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import threading
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path

import pypandoc  # type: ignore[import-untyped]
import typst

from generator.exports.pdf_pack import pack

TEMPLATES = Path(__file__).parent / "templates"
TYPST_TEMPLATE = TEMPLATES / "report.typst"
BATCH_SCRIPT = TEMPLATES / "convert.lua"


@dataclass(frozen=True)
class Document:
    """One report for pandoc: its metadata (YAML; JSON text is YAML too) and its Markdown."""

    metadata: str
    source: str


@dataclass(frozen=True)
class Converted:
    typst: str
    jats: str


@cache
def tools_fingerprint() -> str:
    """Tool versions, templates and the PDF packer: any change to them makes every cached artifact stale."""
    files = (TYPST_TEMPLATE, BATCH_SCRIPT, Path(__file__).with_name("pdf_pack.py"))
    templates = hashlib.sha256(b"\0".join(path.read_bytes() for path in files)).hexdigest()
    return f"{pypandoc.get_pandoc_version()}|{version('typst')}|{zlib.ZLIB_RUNTIME_VERSION}|{templates}"


def run_pandoc(documents: Sequence[Document]) -> list[Converted]:
    """Typst source and JATS XML of every document, in order, from one pandoc process."""
    if not documents:
        return []
    batch = json.dumps([{"metadata": d.metadata, "source": d.source} for d in documents], ensure_ascii=False)
    done = subprocess.run(
        [pypandoc.get_pandoc_path(), "lua", str(BATCH_SCRIPT), str(TYPST_TEMPLATE)],
        input=batch.encode(),
        capture_output=True,
        check=True,
    )
    made = json.loads(done.stdout)
    assert isinstance(made, list) and len(made) == len(documents), "pandoc returned a different number of documents"
    return [Converted(typst=item["typst"], jats=item["jats"]) for item in made]


_local = threading.local()


def _compiler() -> typst.Compiler:
    """This thread's compiler (a compiler is not shared between threads; Typst releases the GIL)."""
    compiler: typst.Compiler | None = getattr(_local, "compiler", None)
    if compiler is None:
        compiler = _local.compiler = typst.Compiler(ignore_system_fonts=True)
    return compiler


def compile_pdf(typst_source: str, timestamp: int) -> bytes:
    """The PDF of a Typst document, its plain objects packed into an object stream
    (``pdf_pack``); its dates are ``timestamp`` (the record's date), never the clock."""
    pdf = _compiler().compile(typst_source.encode(), format="pdf", timestamp=timestamp)
    assert isinstance(pdf, bytes)
    return pack(pdf)
