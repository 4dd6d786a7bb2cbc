"""Every internal link and anchor in the built demo site resolves, checked over the whole output."""

from __future__ import annotations

from pathlib import Path

from tests.linkcheck import broken_links


def test_every_internal_link_and_anchor_resolves(demo_site: Path) -> None:
    assert broken_links(demo_site) == []


def test_the_checker_finds_a_broken_file_and_a_broken_anchor(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/">ok</a><a href="b/">gone</a><a href="a/#x">x</a><p id="top"></p>')
    (tmp_path / "a/index.html").write_text('<a href="../#top">up</a><a href="../#nope">bad</a><h2 id="y"></h2>')
    assert broken_links(tmp_path) == [
        "a/index.html -> ../#nope (no such anchor)",
        "index.html -> b/ (no such file)",
        "index.html -> a/#x (no such anchor)",
    ]
