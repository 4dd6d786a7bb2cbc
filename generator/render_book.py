"""Which records' and scans' generated files in the docs tree are current, so they skip rendering.

A record's page and export files depend on its stored file, the scans it can link to, and the
generator itself (code, templates, configuration, tool versions). A scan page depends on its
stored file, the same generator stamp and the id and title of each record citing it (its
"Cited by" list); a listing page on the values its template is given (``ViewBook``).
``build/cache/rendered.json`` keeps a key over all of that for each record file and page; when
the key is unchanged and the page is still in the docs tree, it is neither rendered nor written
again, and its files are kept. Any change to the generator changes every key, so nothing stale
is ever kept.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable, Mapping
from importlib.metadata import version
from pathlib import Path

from generator.exports.paths import Export, export_path
from generator.links import record_path
from generator.load import LoadedRecord

NAME = "rendered.json"
RECORDS = "records"  # the folder of record pages and of their export folders (``export_path``)
_PACKAGE = Path(__file__).resolve().parent
_TOOLS = ("jinja2", "pydantic", "pyyaml", "pypandoc_binary", "typst", "markdown")


def generator_stamp(root: Path, scans: Mapping[str, str]) -> str:
    """Everything besides a record's own file that its generated files are made from."""
    sha = hashlib.sha256()
    for package in _TOOLS:
        sha.update(f"{package} {version(package)}\n".encode())
    # Each file named relative to its folder: a checkout at another path keeps its keys.
    for folder in (_PACKAGE, root / "site_templates" / "pages"):
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix != ".pyc"):
            sha.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    sha.update((root / "mkdocs.yml").read_bytes())
    sha.update(json.dumps(sorted(scans.items())).encode())
    return sha.hexdigest()


class ViewBook:
    """Generated pages besides record pages (scan pages, the records index, the browse views),
    kept while what they are made from is unchanged.

    A page's key covers the generator stamp and the ``repr`` of what it is made from: for a scan
    page its file's hash and the ids and titles of the records citing it ("Cited by"); for a
    listing page the values its template is given (frozen dataclasses of text and numbers), so
    computing the view decides, and rendering it and comparing it with the file (most of 1,200
    pages at 10,000 records, every publish) is skipped."""

    def __init__(self, saved: Mapping[str, str], stamp: str, docs_dir: Path) -> None:
        self._saved = saved
        self._stamp = stamp
        self._docs = docs_dir
        self.keys: dict[str, str] = {}  # this build's page → key
        self.kept: set[str] = set()  # pages left as they are in the docs tree

    def current(self, path: str, *values: object) -> bool:
        """Whether the docs tree holds ``path`` as rendered from ``values``; kept if so."""
        key = hashlib.sha256(f"{self._stamp}\0{path}\0{values!r}".encode()).hexdigest()
        self.keys[path] = key
        if self._saved.get(path) == key and os.path.isfile(os.path.join(self._docs, path)):
            self.kept.add(path)
            return True
        return False


class RenderBook:
    """The key each record file's outputs and each scan page were rendered from in the last build."""

    def __init__(self, cache_dir: Path | None, stamp: str) -> None:
        self._path = cache_dir / NAME if cache_dir else None
        self._stamp = stamp
        self._keys: dict[str, str] = {}
        self._view_keys: dict[str, str] = {}
        if self._path and self._path.is_file():
            saved = json.loads(self._path.read_text(encoding="utf-8"))
            current = saved.get("stamp") == stamp
            self._keys = saved.get("records", {}) if current else {}
            self._view_keys = saved.get("views", {}) if current else {}

    def key(self, loaded: LoadedRecord) -> str:
        return hashlib.sha256(f"{self._stamp}\0{loaded.sha256}".encode()).hexdigest()

    def current(self, loaded: LoadedRecord, key: str, docs_dir: Path, exports_dir: Path) -> bool:
        """Whether the trees hold what ``loaded`` renders to: same key, page and manifest still there
        (a build cache restored without its exports tree renders every record again)."""
        if self._keys.get(loaded.source) != key:
            return False
        page = os.path.join(docs_dir, record_path(loaded.listing.id))  # plain paths: this runs for every record
        return os.path.isfile(page) and os.path.isfile(
            os.path.join(exports_dir, export_path(loaded.listing.id, Export.MANIFEST))
        )

    def views(self, docs_dir: Path) -> ViewBook:
        """The scan and listing pages of the last build, for this one to keep what did not change."""
        return ViewBook(self._view_keys, self._stamp, docs_dir)

    def save(self, keys: Mapping[str, str], views: ViewBook | None = None) -> None:
        """Record the keys of this build: record file → key, scan or listing page → key."""
        if self._path is None:
            return
        self._path.parent.mkdir(parents=True, exist_ok=True)
        body = {
            "stamp": self._stamp,
            "records": dict(sorted(keys.items())),
            "views": dict(sorted(views.keys.items())) if views else {},
        }
        tmp = self._path.with_suffix(".tmp")
        tmp.write_text(json.dumps(body), encoding="utf-8")
        tmp.replace(self._path)


def prune_exports(exports_dir: Path, records: Iterable[LoadedRecord], made: Iterable[str]) -> int:
    """Delete export files no record makes any more; returns how many.

    Only two kinds can be stale: the folders of records that are gone, and files a re-rendered
    record no longer makes (``made`` is every file this build wrote; a record losing its report
    loses ``report.pdf``). Unchanged records' folders are not listed, so this costs one listing
    of ``records/`` plus the folders rendered again."""
    root = exports_dir / RECORDS
    if not root.is_dir():
        return 0
    folders = {str(loaded.listing.id) for loaded in records}
    made_by_folder: dict[str, set[str]] = {}
    for path in made:
        folder, _, name = path.removeprefix(RECORDS + "/").partition("/")
        made_by_folder.setdefault(folder, set()).add(name)
    deleted = 0
    for entry in os.scandir(root):
        if entry.name not in folders:
            deleted += sum(len(names) for _, _, names in os.walk(entry.path))
            shutil.rmtree(entry.path)
        elif entry.name in made_by_folder:
            for stale in (f for f in os.scandir(entry.path) if f.name not in made_by_folder[entry.name]):
                os.unlink(stale.path)
                deleted += 1
    return deleted
