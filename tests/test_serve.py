"""Live preview: a real ``mkdocs serve`` (plain, no flags) on a throwaway copy of the project.

An edit shows up without a restart, a broken record is reported in the terminal and on the
preview-problems page while its last good version stays served, one change builds once, and
an open browser tab reloads by itself (live reload works with the pinned click).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from uuid import UUID

import pytest

from generator.intake import skeleton
from tests.helpers import copy_project

pytestmark = pytest.mark.site

RECORD_ID = "7c2e3a4b-0000-4000-8000-000000000000"
RECORD = f"content/records/{RECORD_ID}.json"
PAGE = f"records/{RECORD_ID}/"


@dataclass
class Served:
    root: Path
    url: str
    log: Path
    original: str

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, ""

    def terminal(self) -> str:
        return self.log.read_text(errors="replace")

    def builds(self) -> int:
        return self.terminal().count("Building documentation")

    def edit(self, change: Callable[[dict[str, object]], object]) -> None:
        path = self.root / RECORD
        data = json.loads(path.read_text())
        change(data)
        path.write_text(json.dumps(data, indent=2))


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out after {timeout} s waiting for: {what}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    yield from serve_copy(tmp_path_factory)


@pytest.fixture(scope="module")
def served_dirty(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    yield from serve_copy(tmp_path_factory, "--dirty")


def serve_copy(tmp_path_factory: pytest.TempPathFactory, *flags: str) -> Iterator[Served]:
    root = copy_project(tmp_path_factory.mktemp("serve") / "p")
    (root / "build" / "docs").mkdir(parents=True)  # a fresh clone has it (build/docs/.gitignore)
    port = free_port()
    log = root.parent / "serve.log"
    command = [sys.executable, "-m", "mkdocs", "serve", *flags, "--dev-addr", f"127.0.0.1:{port}"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=root, stdout=out, stderr=subprocess.STDOUT, env=env)
    server = Served(root, f"http://127.0.0.1:{port}/", log, (root / RECORD).read_text())
    try:
        wait_for(lambda: "Serving on" in server.terminal() or process.poll() is not None, "mkdocs serve", 180)
        assert process.poll() is None, server.terminal()
        yield server
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_an_edit_is_served_without_a_restart_and_builds_once(served: Served) -> None:
    before = served.builds()
    served.edit(lambda d: d.update(title="Edited while serving"))
    wait_for(lambda: "Edited while serving" in served.get(PAGE)[1], "the new title on the record page")
    time.sleep(3)  # a rebuild loop (generated files triggering builds) would keep building from here on
    settled = served.builds()
    time.sleep(3)
    assert served.builds() == settled, served.terminal()
    assert settled - before <= 2, served.terminal()  # one save: one build (two if the editor saves in bursts)
    watching = next(line for line in served.terminal().splitlines() if "Watching paths" in line)
    assert "'content'" in watching and "'site_templates'" in watching and "build/docs" not in watching


def test_a_broken_record_is_reported_and_its_last_good_version_stays(served: Served) -> None:
    served.edit(lambda d: d.update(title="Last good title"))
    wait_for(lambda: "Last good title" in served.get(PAGE)[1], "the last good title")
    served.edit(lambda d: d.update(title=42))
    expected = f"error: {RECORD}: title: expected a valid string, found 42"
    wait_for(lambda: expected in served.terminal(), "the terminal to name the file and field")
    wait_for(lambda: "Preview problems" in served.get(PAGE)[1], "the banner on the record page")
    status, page = served.get(PAGE)
    assert status == 200 and "Last good title" in page  # the last good version, still served
    status, problems = served.get("preview-problems/")
    assert status == 200 and RECORD in problems and "last good version" in problems
    assert "<code>title</code>" in problems and "found 42" not in problems  # a table row, not a log line
    (served.root / RECORD).write_text("{ not json")
    wait_for(lambda: "valid JSON" in served.get("preview-problems/")[1], "the JSON error on the problems page")
    assert "Last good title" in served.get(PAGE)[1]
    (served.root / RECORD).write_text(json.dumps({**json.loads(served.original), "title": "Fixed again"}))
    wait_for(lambda: "Fixed again" in served.get(PAGE)[1], "the fixed record")
    assert "Preview problems" not in served.get(PAGE)[1]
    assert "Rejected:" not in served.get("preview-problems/")[1]


def test_added_and_deleted_record_files_appear_and_disappear(served: Served) -> None:
    new_id = UUID("0badcafe-0000-4000-8000-000000000001")
    path = served.root / "content" / "records" / f"{new_id}.json"
    path.write_text(skeleton(new_id, date(2026, 6, 6)))
    wait_for(lambda: served.get(f"records/{new_id}/")[0] == 200, "the added record's page")
    assert "Title of the synthesis" in served.get(f"records/{new_id}/")[1]
    path.unlink()
    wait_for(lambda: served.get(f"records/{new_id}/")[0] == 404, "the deleted record's page to go")


def test_a_never_valid_file_is_absent_and_reported(served: Served) -> None:
    broken = served.root / "content" / "records" / "draft.json"
    broken.write_text(json.dumps({"id": "not-a-uuid", "title": "Draft"}))
    try:
        wait_for(lambda: "content/records/draft.json" in served.get("preview-problems/")[1], "the draft reported")
        problems = served.get("preview-problems/")[1]
        assert "not shown" in problems and "<code>id</code>" in problems
        assert "Draft" not in served.get("records/")[1]
        assert "content/records/draft.json failed validation; not shown" in served.terminal()
    finally:
        broken.unlink()
    wait_for(lambda: "draft.json" not in served.get("preview-problems/")[1], "the draft's problem to clear")


def test_a_scan_edit_is_served_and_a_broken_scan_keeps_its_last_good_version(served: Served) -> None:
    path = served.root / "content" / "scans" / "2401.06785.json"
    data = json.loads(path.read_text())
    data["paper"]["title"] = "Scan title edited while serving"
    path.write_text(json.dumps(data))
    wait_for(lambda: "Scan title edited while serving" in served.get("scans/2401.06785/")[1], "the edited scan page")
    data["checklist"] = "not a checklist"
    path.write_text(json.dumps(data))
    wait_for(lambda: "content/scans/2401.06785.json" in served.get("preview-problems/")[1], "the scan reported")
    assert "Scan title edited while serving" in served.get("scans/2401.06785/")[1]
    assert "error: content/scans/2401.06785.json: checklist: " in served.terminal()


@pytest.mark.browser
def test_an_open_page_reloads_by_itself(served: Served, browser: object) -> None:
    """Live reload is on with plain ``mkdocs serve``: the pinned click keeps ``--livereload`` the default."""
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        page.goto(served.url + PAGE)
        page.evaluate("window.__not_reloaded = true")
        served.edit(lambda d: d.update(title="Reloaded by itself"))
        page.wait_for_function("document.body.innerText.includes('Reloaded by itself')", timeout=20_000)
        assert page.evaluate("window.__not_reloaded === undefined")  # a real reload, not a patch
    finally:
        page.close()


def test_a_dirty_serve_rebuilds_what_changed_and_everything_when_every_page_changes(served_dirty: Served) -> None:
    """``make serve DIRTY=1``: MkDocs rebuilds only pages whose Markdown changed, so what every
    page shows besides its Markdown (the preview banner, the theme) must empty the served site."""
    other = "records/d286b4d0-1fdc-5e40-a1ee-e61448949954/"  # its Markdown does not change below
    assert "A 'dirty' build is being performed" in served_dirty.terminal()
    served_dirty.edit(lambda d: d.update(title="Edited in a dirty preview"))
    wait_for(lambda: "Edited in a dirty preview" in served_dirty.get(PAGE)[1], "the edit on the record page")
    wait_for(lambda: "Edited in a dirty preview" in served_dirty.get("records/")[1], "the edit in the index")

    served_dirty.edit(lambda d: d.update(title=42))
    wait_for(lambda: "Preview problems" in served_dirty.get(other)[1], "the banner on an unchanged page")
    served_dirty.edit(lambda d: d.update(title="Valid again"))
    wait_for(lambda: "Preview problems" not in served_dirty.get(other)[1], "the banner gone from it")

    theme = served_dirty.root / "site_templates" / "overrides" / "main.html"
    text = theme.read_text()
    theme.write_text(text.replace("<!-- search:end -->", "<!-- search:end --><!-- changed while serving -->", 1))
    wait_for(lambda: "changed while serving" in served_dirty.get(other)[1], "the theme change on an unchanged page")

    # A page template is read again by the next build (the Renderer does not stat its templates:
    # each build makes its own).
    template = served_dirty.root / "site_templates" / "pages" / "record.md.j2"
    text = template.read_text()
    template.write_text(text.replace('<p class="record-badges">', '<p class="record-badges" data-edited="yes">', 1))
    wait_for(lambda: 'data-edited="yes"' in served_dirty.get(other)[1], "the page template change on a record page")

    new_id = UUID("0badcafe-0000-4000-8000-000000000002")
    path = served_dirty.root / "content" / "records" / f"{new_id}.json"
    path.write_text(skeleton(new_id, date(2026, 6, 7)))
    wait_for(lambda: served_dirty.get(f"records/{new_id}/")[0] == 200, "the added record's page")
    assert served_dirty.get(f"records/{new_id}/citation.bib")[0] == 200
    path.unlink()
    wait_for(lambda: served_dirty.get(f"records/{new_id}/")[0] == 404, "the deleted record's page to go")
    assert served_dirty.get(f"records/{new_id}/citation.bib")[0] == 404
    assert served_dirty.get(other)[0] == 200 and served_dirty.get("records/")[0] == 200


@dataclass(frozen=True)
class _FromFile:
    source: str
    key: str


def test_a_last_good_version_is_not_restored_over_an_id_now_used_by_another_file(tmp_path: Path) -> None:
    from generator.preview import keep_last_good

    for name in ("a.json", "b.json"):
        (tmp_path / name).write_text("{}")
    old = _FromFile("a.json", "id-1")
    cache: dict[str, _FromFile] = {}
    keep_last_good(cache, [old], [], tmp_path, lambda loaded: loaded.key)
    served, stale = keep_last_good(cache, [], ["a.json"], tmp_path, lambda loaded: loaded.key)
    assert (served, stale) == ([old], ["a.json"])  # a.json broke: its last good version stays
    moved = _FromFile("b.json", "id-1")
    served, stale = keep_last_good(cache, [moved], ["a.json"], tmp_path, lambda loaded: loaded.key)
    assert (served, stale) == ([moved], [])  # b.json now holds id-1: no second page for it
    (tmp_path / "a.json").unlink()
    keep_last_good(cache, [moved], [], tmp_path, lambda loaded: loaded.key)
    assert list(cache) == ["b.json"]  # a deleted file is forgotten
