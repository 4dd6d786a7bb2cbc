"""Pack a PDF's plain objects into one compressed object stream (PDF 1.5), losslessly.

Typst writes every dictionary as uncompressed text: the page tree, fonts, outline and, above all,
the accessibility tags (one structure element per paragraph, heading, table cell, link…), which
are about half of a short report. Moving those objects into a Flate-compressed object stream,
with a cross-reference stream in place of the text table, keeps every object and number as it was
and shrinks the file by roughly 40%. Streams (page contents, fonts, metadata) are copied byte for
byte. The input must be a file as Typst writes it: one cross-reference table, generation 0 only.
"""

from __future__ import annotations

import itertools
import re
import struct
import zlib
from dataclasses import dataclass

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_OBJECT_HEADER = re.compile(rb"(\d+) 0 obj\s")
_SUBSECTION = re.compile(rb"(\d+) (\d+)\s*\n")
_SIZE = re.compile(rb"/Size \d+")
_ENTRY = struct.Struct(">BIH")  # /W [1 4 2]: type, offset or object-stream number, generation or index


@dataclass(frozen=True)
class _Parsed:
    header: bytes  # "%PDF-1.x" and the binary comment line
    bodies: dict[int, bytes]  # object number → text between "N 0 obj" and "endobj"
    trailer: bytes  # the trailer dictionary's entries, without /Size and the outer << >>


def _offsets(pdf: bytes, xref_at: int) -> tuple[dict[int, int], int]:
    """Object number → byte offset of every object in use, and where the trailer starts."""
    assert pdf.startswith(b"xref", xref_at), "expected a cross-reference table"
    position = pdf.index(b"\n", xref_at) + 1
    found: dict[int, int] = {}
    while (section := _SUBSECTION.match(pdf, position)) is not None:
        first, count = int(section.group(1)), int(section.group(2))
        position = section.end()
        for number in range(first, first + count):
            entry = pdf[position : position + 20]
            if entry[17:18] == b"n":
                assert entry[11:16] == b"00000", "only generation 0 objects are expected"
                found[number] = int(entry[:10])
            position += 20
    return found, position


def parse(pdf: bytes) -> _Parsed:
    """The objects and trailer of a PDF with one classic cross-reference table."""
    end = _STARTXREF.search(pdf)
    assert end is not None, "no startxref"
    xref_at = int(end.group(1))
    offsets, trailer_at = _offsets(pdf, xref_at)
    following = dict(itertools.pairwise([*sorted(offsets.values()), xref_at]))
    bodies: dict[int, bytes] = {}
    for number, offset in offsets.items():
        header = _OBJECT_HEADER.match(pdf, offset)
        assert header is not None and int(header.group(1)) == number, f"object {number} is not at its offset"
        raw = pdf[header.end() : following[offset]].rstrip()
        assert raw.endswith(b"endobj"), f"object {number} does not end with endobj"
        bodies[number] = raw[: -len(b"endobj")].strip()
    trailer = pdf[pdf.index(b"<<", trailer_at) : pdf.index(b"startxref", trailer_at)].strip()
    assert trailer.startswith(b"<<") and trailer.endswith(b">>")
    return _Parsed(pdf[: min(offsets.values())], bodies, _SIZE.sub(b"", trailer[2:-2], count=1))


def _is_stream(body: bytes) -> bool:
    return body.endswith(b"endstream")


def _object_stream(bodies: dict[int, bytes], numbers: list[int]) -> bytes:
    """An /ObjStm holding ``numbers`` (in that order), compressed."""
    parts: list[bytes] = []
    index: list[bytes] = []
    at = 0
    for number in numbers:
        index.append(b"%d %d" % (number, at))
        parts.append(bodies[number])
        at += len(bodies[number]) + 1
    head = b" ".join(index) + b"\n"
    data = zlib.compress(head + b"\n".join(parts), 9)
    return b"<</Type/ObjStm/N %d/First %d/Filter/FlateDecode/Length %d>>\nstream\n%s\nendstream" % (
        len(numbers),
        len(head),
        len(data),
        data,
    )


def pack(pdf: bytes) -> bytes:
    """The same document with its non-stream objects in one object stream and an xref stream."""
    parsed = parse(pdf)
    packed = sorted(n for n, body in parsed.bodies.items() if not _is_stream(body))
    size = max(parsed.bodies) + 1
    container, xref_number = size, size + 1
    bodies = parsed.bodies | {container: _object_stream(parsed.bodies, packed)}
    out = bytearray(parsed.header)
    entries = {0: (0, 0, 0xFFFF)} | {n: (2, container, i) for i, n in enumerate(packed)}
    for number in sorted(n for n in bodies if n not in entries):
        entries[number] = (1, len(out), 0)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, bodies[number])
    entries[xref_number] = (1, len(out), 0)
    rows = b"".join(_ENTRY.pack(*entries.get(n, (0, 0, 0))) for n in range(xref_number + 1))
    data = zlib.compress(rows, 9)
    out += (
        b"%d 0 obj\n<<%s/Type/XRef/Size %d/W[1 4 2]/Filter/FlateDecode/Length %d>>\nstream\n%s\nendstream\nendobj\n"
        % (
            xref_number,
            parsed.trailer,
            xref_number + 1,
            len(data),
            data,
        )
    )
    out += b"startxref\n%d\n%%%%EOF\n" % entries[xref_number][1]
    return bytes(out)
