"""Writing and linking generated trees: only changes written, links merged into existing folders."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.write import create_file, link_tree, sync_tree, write_if_changed


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


@pytest.mark.skipif(sys.platform != "linux", reason="GNU cp is used on Linux only")
def test_link_tree_uses_gnu_cp_on_linux(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast path really runs: a cp call that failed would fall back without a trace."""
    calls: list[tuple[list[str], int]] = []
    run = subprocess.run

    def spy(command: list[str], **options: Any) -> subprocess.CompletedProcess[bytes]:
        done = run(command, **options)
        calls.append((command, done.returncode))
        return done

    monkeypatch.setattr(subprocess, "run", spy)
    source, dest = tmp_path / "exports", tmp_path / "site"
    sync_tree(source, {"records/a/manifest.json": b"{}"})
    link_tree(source, dest)
    assert [(command[:2], code) for command, code in calls] == [(["cp", "-Rl"], 0)]
    assert os.path.samefile(source / "records/a/manifest.json", dest / "records/a/manifest.json")


def test_write_if_changed_creates_new_files_and_replaces_changed_ones_whole(tmp_path: Path) -> None:
    target = tmp_path / "new" / "folder" / "page.md"
    assert write_if_changed(target, b"one")  # parents made, created in place
    assert target.read_bytes() == b"one"
    inode = target.stat().st_ino
    assert not write_if_changed(target, b"one")  # same bytes: untouched
    assert target.stat().st_ino == inode
    assert write_if_changed(target, b"two")  # changed: a new file renamed over the old one
    assert target.read_bytes() == b"two" and target.stat().st_ino != inode
    assert sorted(p.name for p in target.parent.iterdir()) == ["page.md"]  # no temporary file left


def test_create_file_makes_a_new_file_as_open_would_and_never_replaces_one(tmp_path: Path) -> None:
    data = bytes(range(256)) * 4096  # 1 MiB: every byte value, more than one write call may take
    create_file(tmp_path / "new.bin", data)
    assert (tmp_path / "new.bin").read_bytes() == data
    (tmp_path / "by-open.bin").write_bytes(b"")
    assert (tmp_path / "new.bin").stat().st_mode == (tmp_path / "by-open.bin").stat().st_mode  # the umask applies
    with pytest.raises(FileExistsError):
        create_file(tmp_path / "new.bin", b"other")
    assert (tmp_path / "new.bin").read_bytes() == data
