"""Search index stage: Pagefind over the built site, after MkDocs and before it is published.

Pagefind writes ``<site>/pagefind/``: a small entry file, a word index split into chunks and one
fragment per page, so a reader's browser fetches only the chunks its query needs. Which pages are
indexed is decided in the theme (``data-pagefind-body`` in ``overrides/main.html``); the search box
is ``overrides/partials/search.html`` with ``assets/search.js``.

Maintainers: the binary ships in the ``pagefind_bin`` wheel. It is run with a fixed working
directory and without ``PAGEFIND_*`` variables, so no stray ``pagefind.yml`` or environment
setting can change the output.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

from generator.errors import ConfigError

log = logging.getLogger("generator")

BUNDLE = "pagefind"  # folder under the site root; assets/search.js imports BUNDLE/pagefind.js
# Inside indexed pages, left out of the index: heading permalinks (the pilcrow), the record cards
# (fixed labels and caveats every record repeats; browse/ lists records by them), the
# citation block and the artifacts table. Each word kept costs index bytes on every page it is in.
EXCLUDED = (".headerlink", ".record-card", ".record-cite", ".record-artifacts")


@dataclass(frozen=True)
class SearchStats:
    """What one indexing run produced."""

    pages: int
    files: int
    bytes: int
    seconds: float


def pagefind_binary() -> Path:
    """The Pagefind executable from the ``pagefind_bin`` wheel (``pip install 'pagefind[bin]'``)."""
    spec = find_spec("pagefind_bin")
    if spec is None or spec.origin is None:
        raise ConfigError("Pagefind is not installed: run `pip install -r requirements.lock`")
    for name in ("pagefind_extended", "pagefind"):
        binary = Path(spec.origin).parent / name
        if binary.is_file():
            return binary
    raise ConfigError(f"no Pagefind executable in {Path(spec.origin).parent}: reinstall pagefind_bin")


def _environment() -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if not key.startswith("PAGEFIND_")}


def index_site(site_dir: Path) -> SearchStats:
    """Index the built site at ``site_dir`` into ``site_dir/pagefind/``, replacing any earlier index."""
    started = time.monotonic()
    bundle = site_dir / BUNDLE
    shutil.rmtree(bundle, ignore_errors=True)
    command = [str(pagefind_binary()), "--site", str(site_dir.resolve()), "--output-subdir", BUNDLE]
    command += ["--exclude-selectors", ", ".join(EXCLUDED), "--quiet"]
    done = subprocess.run(command, cwd=site_dir, env=_environment(), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"Pagefind failed ({done.returncode}) on {site_dir}:\n{done.stderr or done.stdout}")
    for line in (done.stderr + done.stdout).splitlines():
        if line.strip():
            log.warning("Pagefind: %s", line.strip())
    stats = _stats(bundle, time.monotonic() - started)
    log.info("Indexed %d pages for search in %.1f s (%d KB)", stats.pages, stats.seconds, stats.bytes // 1024)
    return stats


def _stats(bundle: Path, seconds: float) -> SearchStats:
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    pages = sum(int(language["page_count"]) for language in entry["languages"].values())
    files = [path for path in bundle.rglob("*") if path.is_file()]
    return SearchStats(pages, len(files), sum(path.stat().st_size for path in files), seconds)
