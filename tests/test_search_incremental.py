"""The sharded search index: deterministic, incremental, and never stale.

Every test runs the real indexer on copies of the demo site built by the real generator. The
index written by reusing the previous publish's shards must equal, byte for byte, the index of a
cold run over the same pages; whatever the reuse bookkeeping cannot prove current is rebuilt.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
from pathlib import Path

import pytest

from generator import search_bundle, search_reuse, search_shards
from generator.search_index import BUNDLE, index_site
from generator.search_shards import Page, indexed_pages, record_blocks, shard_number, split

RECORD = "records/d286b4d0-1fdc-5e40-a1ee-e61448949954/index.html"
NEW_RECORD = "records/0badc0de-0000-4000-8000-000000000001/index.html"


def snapshot(site: Path) -> dict[str, bytes]:
    """Every file of the site's search index, by path."""
    folder = site / BUNDLE
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def copy_site(source: Path, dest: Path) -> Path:
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns(BUNDLE))
    return dest


def add_record_page(site: Path) -> None:
    """A new record page: a copy of one record with a word no other page has."""
    html = (site / RECORD).read_text(encoding="utf-8")
    (site / NEW_RECORD).parent.mkdir(parents=True)
    (site / NEW_RECORD).write_text(html.replace("Directional", "Xylophonic"), encoding="utf-8")


@pytest.fixture
def published(demo_site: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the demo site indexed cold with a cache, as the last publish; returns (site, cache)."""
    site, cache = copy_site(demo_site, tmp_path / "published"), tmp_path / "cache"
    stats = index_site(site, None, cache)
    assert stats.rebuilt == stats.shards > 1
    return site, cache


def test_the_index_is_deterministic_and_split_into_shards(demo_site: Path, tmp_path: Path) -> None:
    first, second = copy_site(demo_site, tmp_path / "a"), copy_site(demo_site, tmp_path / "b")
    index_site(first)
    index_site(second)
    bundles = json.loads((first / BUNDLE / "shards.json").read_text())["bundles"]
    assert snapshot(first) == snapshot(second)
    assert len(bundles) > 1 and all((first / BUNDLE / name / "meta.json").is_file() for name in bundles)


def test_adding_a_page_reindexes_one_shard_and_equals_a_cold_build(
    published: tuple[Path, Path], tmp_path: Path
) -> None:
    previous, cache = published
    incremental, cold = copy_site(previous, tmp_path / "incremental"), copy_site(previous, tmp_path / "cold")
    add_record_page(incremental)
    add_record_page(cold)
    stats = index_site(incremental, previous, cache)
    index_site(cold)
    assert stats.rebuilt == 1 and stats.shards > 1
    assert snapshot(incremental) == snapshot(cold)
    fragments = [gzip.decompress(data) for name, data in snapshot(incremental).items() if "/p/" in name]
    assert sum(b"Xylophonic" in fragment for fragment in fragments) == 1
    # nothing changed: everything is reused, and still equals the cold build
    again = copy_site(incremental, tmp_path / "again")
    reused = index_site(again, incremental, cache)
    assert reused.rebuilt == 0
    assert snapshot(again) == snapshot(cold)
    # the figures logged are those of the files written, though counted from the bookkeeping
    written = [path for path in (again / BUNDLE).rglob("*") if path.is_file()]
    assert (reused.files, reused.bytes) == (len(written), sum(path.stat().st_size for path in written))
    assert (stats.files, stats.bytes) == (len(written), sum(path.stat().st_size for path in written))


def test_indexing_in_place_reuses_the_site_s_own_index(published: tuple[Path, Path], tmp_path: Path) -> None:
    site, cache = published
    add_record_page(site)
    stats = index_site(site, site, cache)
    cold = copy_site(site, tmp_path / "cold")
    index_site(cold)
    assert stats.rebuilt == 1 and stats.shards > 1
    assert snapshot(site) == snapshot(cold)
    assert not list(tmp_path.glob(".search-*")) and not list(site.parent.glob(".search-*"))


def test_a_changed_page_rebuilds_its_shard(published: tuple[Path, Path], tmp_path: Path) -> None:
    previous, cache = published
    site = copy_site(previous, tmp_path / "next")
    page = site / RECORD
    page.write_bytes(page.read_bytes().replace(b"Directional", b"Bidirectional"))
    stats = index_site(site, previous, cache)
    cold = copy_site(site, tmp_path / "cold")
    index_site(cold)
    assert stats.rebuilt == 1
    assert snapshot(site) == snapshot(cold)


def test_a_tampered_previous_bundle_is_rebuilt_not_served(published: tuple[Path, Path], tmp_path: Path) -> None:
    previous, cache = published
    fragment = next((previous / BUNDLE).glob("*/p/*"))
    fragment.write_bytes(b"stale")
    site = copy_site(previous, tmp_path / "next")
    stats = index_site(site, previous, cache)
    cold = copy_site(site, tmp_path / "cold")
    index_site(cold)
    assert stats.rebuilt == 1
    assert snapshot(site) == snapshot(cold)


def test_a_bundle_file_is_hashed_again_only_when_its_size_or_mtime_changed(tmp_path: Path) -> None:
    bundle = tmp_path / "r512-0"
    (bundle / "index").mkdir(parents=True)
    chunk = bundle / "index" / "en_1.pf_index"
    chunk.write_bytes(b"chunk one")
    built = search_reuse.Built.of("digest", bundle)
    assert built.found_in(bundle) is not None
    # Bytes equal, mtime new (a cache restored without mtimes): hashed, and still current.
    os.utime(chunk, ns=(0, 10**9))
    assert built.found_in(bundle) is not None
    # Bytes changed, size and mtime kept: trusted like the page memo, so taken as unchanged.
    stat = chunk.stat()
    built = search_reuse.Built.of("digest", bundle)
    chunk.write_bytes(b"chunk two")
    os.utime(chunk, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert built.found_in(bundle) is not None
    # Bytes and mtime changed: hashed, and stale.
    chunk.write_bytes(b"chunk 3!!")
    assert built.found_in(bundle) is None
    # A file more or less than recorded: stale.
    chunk.write_bytes(b"chunk one")
    (bundle / "index" / "en_2.pf_index").write_bytes(b"extra")
    assert search_reuse.Built.of("digest", bundle / "index").found_in(bundle) is None


def test_without_a_usable_record_or_previous_site_everything_is_rebuilt(
    published: tuple[Path, Path], tmp_path: Path
) -> None:
    previous, cache = published
    site = copy_site(previous, tmp_path / "next")
    assert index_site(site, tmp_path / "missing", cache).rebuilt == index_site(site).shards
    (cache / "search-index.json").write_text("{not json", encoding="utf-8")
    assert index_site(site, previous, cache).rebuilt == index_site(site).shards


def test_a_change_to_the_bundle_writer_s_code_invalidates_every_shard(
    published: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    previous, cache = published
    edited = tmp_path / "search_bundle.py"
    edited.write_text(Path(search_bundle.__file__).read_text().replace("K1, B = 1.2, 0.75", "K1, B = 1.5, 0.75"))
    monkeypatch.setattr(search_bundle, "__file__", str(edited))
    site = copy_site(previous, tmp_path / "next")
    stats = index_site(site, previous, cache)
    assert stats.rebuilt == stats.shards


def test_only_pages_with_a_search_body_element_are_indexed(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text(
        "<html><body><p>data-search-body</p><div data-search-body>x</div></body></html>"
    )
    (tmp_path / "b.html").write_text("<p>a claim that says data-search-body &lt;div data-search-body&gt;</p>")
    (tmp_path / BUNDLE).mkdir()
    (tmp_path / BUNDLE / "c.html").write_text("<div data-search-body></div>")
    assert [page.path for page in indexed_pages(tmp_path, BUNDLE)] == ["a/index.html"]


def test_a_page_whose_size_and_mtime_are_unchanged_is_not_read_again(tmp_path: Path) -> None:
    pages = {name: tmp_path / name / "index.html" for name in ("kept", "rewritten")}
    for name, path in pages.items():
        path.parent.mkdir()
        path.write_text(f"<html><body><div data-search-body>{name} one</div></body></html>")
    seen: dict[str, search_shards.PageStat] = {}
    before = {page.path: page.sha256 for page in indexed_pages(tmp_path, BUNDLE, None, seen)}
    # Same size, same mtime, other bytes: taken from what the last run saw, so not read.
    stat = pages["kept"].stat()
    pages["kept"].write_text(pages["kept"].read_text().replace("one", "two"))
    os.utime(pages["kept"], ns=(stat.st_atime_ns, stat.st_mtime_ns))
    # Written anew (as the site build writes every page it renders): read and hashed again.
    pages["rewritten"].write_text(pages["rewritten"].read_text().replace("one", "two"))
    after = {page.path: page.sha256 for page in indexed_pages(tmp_path, BUNDLE, seen, {})}
    assert after["kept/index.html"] == before["kept/index.html"]
    assert after["rewritten/index.html"] != before["rewritten/index.html"]
    assert {page.path: page.sha256 for page in indexed_pages(tmp_path, BUNDLE)} != before


def test_shard_numbers_are_stable_and_spread() -> None:
    numbers = [shard_number(f"records/{n:08x}-0000/index.html", 4) for n in range(4000)]
    assert shard_number("records/x/index.html", 4) == shard_number("records/x/index.html", 4)
    assert min(numbers.count(k) for k in range(4)) > 900


SCAN = "scans/2401.06785/index.html"


def test_a_change_in_a_skipped_region_reuses_the_shard_and_one_outside_rebuilds_it(
    published: tuple[Path, Path], tmp_path: Path
) -> None:
    """A new record changes the "Cited by" list of the scans it cites; that list is not searched."""
    previous, cache = published
    cited = copy_site(previous, tmp_path / "cited")
    html = (cited / SCAN).read_text(encoding="utf-8")
    assert html.count("<!-- search:skip -->") == 1 and 'id="cited-by"' in html
    (cited / SCAN).write_text(html.replace('id="cited-by">', 'id="cited-by"><p>one more citing record</p>'))
    assert index_site(cited, previous, cache).rebuilt == 0
    found = copy_site(previous, tmp_path / "found")
    (found / SCAN).write_text(html.replace('id="claims">', 'id="claims"><p>Xylophonic</p>'))
    assert index_site(found, previous, cache).rebuilt == 1


def test_record_pages_are_cut_into_blocks_by_arrival_order() -> None:
    assert record_blocks(3) == [(0, 3, "r512-0")]
    small = ["r512-8", "r512-9", "r512-10", "r512-11", "r512-12", "r512-13", "r512-14", "r512-15"]
    assert [name for _, _, name in record_blocks(8191)] == ["r4096-0", *small]
    assert record_blocks(8192) == [(0, 4096, "r4096-0"), (4096, 8192, "r4096-1")]  # small blocks merged
    assert {stop - start for start, stop, _ in record_blocks(80_000)[:-1]} == {16384, 2048}
    assert len(record_blocks(80_000)) <= 8 + 8  # at most 8 sealed blocks, at most 8 small ones


def test_a_newest_record_changes_only_the_last_block(tmp_path: Path) -> None:
    def digests(pages: list[Page]) -> dict[str, str]:
        return {shard.name: shard.digest for shard in split(pages, "context")}

    records = [Page(f"records/{n:05d}/index.html", f"{n:064x}", f"2026-{n:05d}") for n in range(9000)]
    others = [Page(f"scans/{n}/index.html", f"{n:064x}") for n in range(300)]
    before = digests(records + others)
    assert list(before) == ["r4096-0", "r4096-1", "r512-16", "r512-17", "p0", "p1"]  # the newest 296 in a small block
    newest = digests([*records, Page("records/new/index.html", "f" * 64, "2027-00001"), *others])
    assert sorted(name for name in newest if newest[name] != before.get(name)) == ["r512-17"]
    # A record dated before the others shifts every block after it: all of them are rebuilt.
    oldest = digests([Page("records/old/index.html", "f" * 64, "2025-00001"), *records, *others])
    changed = ["r4096-0", "r4096-1", "r512-16", "r512-17"]
    assert sorted(name for name in oldest if oldest[name] != before.get(name)) == changed
