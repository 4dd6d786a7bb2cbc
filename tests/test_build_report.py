"""The build report page lists every problem of the build, as its JSON twin does, and shows
hostile text from the inputs as text."""

from __future__ import annotations

import json
from pathlib import Path

from generator.build import publish
from generator.project import Project
from tests.helpers import copy_project, soup

HOSTILE_KEY = '<img src=x onerror="alert(1)">'
HOSTILE_VALUE = "<script>alert(2)</script> *not emphasis* | not a cell"


def test_every_problem_is_a_row_of_inert_text(tmp_path: Path) -> None:
    project = Project(copy_project(tmp_path / "p"))
    record = next(project.records_dir.glob("7c2e*.json"))
    data = json.loads(record.read_text())
    data[HOSTILE_KEY] = 1  # an unknown key: a warning whose field is the key
    record.write_text(json.dumps(data))
    data = json.loads(record.read_text()) | {"id": "0b0b0b0b-0000-4000-8000-000000000000", "title": 7}
    data["claims"][0]["confidence"] = HOSTILE_VALUE  # and a rejected file whose found value is hostile
    (project.records_dir / "0b0b0b0b-0000-4000-8000-000000000000.json").write_text(json.dumps(data))
    publish(project)

    expected = json.loads((project.site_dir / "build-report.json").read_text())["problems"]
    page = soup(project.site_dir / "build-report" / "index.html")
    article = page.select_one("article")
    assert article is not None
    rows = [[cell.get_text() for cell in row.select("td")] for row in article.select("table tbody tr")]
    by_level = {level: [p for p in expected if p["severity"] == level] for level in ("error", "warning", "notice")}
    listed = [p for level in ("error", "warning", "notice") for p in by_level[level]]
    assert rows == [[p["file"], p["path"] or "(whole file)", p["expected"], p["found"]] for p in listed]
    assert len(by_level["error"]) >= 2 and len(by_level["warning"]) == 1 and by_level["notice"]
    assert any(HOSTILE_KEY in row[1] for row in rows)
    assert any("<script>" in row[3] for row in rows)
    assert not article.select("script, img, em"), "text from an input file became markup"
    assert [h.get_text(strip=True).rstrip("¶") for h in article.select("h2")] == [
        "Rejected files",
        "Warnings",
        "Text-quality notices",
    ]
