"""Writing and linking generated trees: only changes written, links merged into existing folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.write import link_tree, sync_tree


@pytest.mark.parametrize("use_cp", [True, False], ids=["cp", "python"])
def test_link_tree_hard_links_every_file_into_existing_folders(tmp_path: Path, use_cp: bool) -> None:
    source, dest = tmp_path / "exports", tmp_path / "site"
    sync_tree(source, {"records/a/manifest.json": b"{}", "records/a/report.pdf": b"%PDF", "records/b/x.bib": b"@"})
    (dest / "records" / "a").mkdir(parents=True)
    (dest / "records" / "a" / "index.html").write_bytes(b"<html>")
    (dest / "records" / "a" / "manifest.json").write_bytes(b"stale")
    link_tree(source, dest, use_cp=use_cp)
    for relative in ("records/a/manifest.json", "records/a/report.pdf", "records/b/x.bib"):
        assert os.path.samefile(source / relative, dest / relative)
    assert (dest / "records" / "a" / "index.html").read_bytes() == b"<html>"
    assert (dest / "records" / "a" / "manifest.json").read_bytes() == b"{}"
