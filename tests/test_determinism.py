"""Same inputs, same bytes; a failed build leaves the last good site/ untouched."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from generator.build import publish
from generator.errors import UserError
from generator.project import Project
from tests.helpers import copy_project


def digest(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_two_builds_in_different_folders_are_byte_identical(tmp_path: Path, demo_site: Path) -> None:
    project = Project(copy_project(tmp_path / "elsewhere"))
    publish(project, strict=True)
    first, second = digest(demo_site), digest(project.site_dir)
    assert first.keys() == second.keys()
    differing = sorted(name for name in first if first[name] != second[name])
    assert differing == []


def test_a_failed_build_leaves_the_previous_site_untouched(tmp_path: Path) -> None:
    project = Project(copy_project(tmp_path / "p"))
    publish(project)
    before = digest(project.site_dir)
    # A broken template makes generation fail after validation.
    template = project.root / "site_templates/pages/record.md.j2"
    template.write_text(template.read_text() + "{{ view.no_such_value }}\n")
    with pytest.raises(Exception, match="no_such_value"):
        publish(project)
    assert digest(project.site_dir) == before
    # A strict validation failure also leaves it alone.
    template.write_text(template.read_text().replace("{{ view.no_such_value }}\n", ""))
    (project.root / "content/records/bad.json").write_text("[]")
    with pytest.raises(UserError):
        publish(project, strict=True)
    assert digest(project.site_dir) == before
    assert not (project.root / ".site-staging").exists() or not any((project.root / ".site-staging").iterdir())
