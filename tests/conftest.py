"""Fixtures: one real build of the demo site per session, and a headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.build import publish
from generator.project import Project
from tests.helpers import CHROMIUM, CHROMIUM_ARGS, copy_project


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo content built with the real generator and the real MkDocs; returns ``site/``."""
    project = Project(copy_project(tmp_path_factory.mktemp("demo")))
    publish(project, strict=True)
    return project.site_dir


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's headless Chromium driven by Playwright (``make test`` installs it when missing).

    One per test module: while Playwright's driver runs, a thread of asyncio waits for it, and
    ``generator.parallel`` does not fork beside other threads, so every later test would have
    run its parallel paths in one process."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing: run `make test` (it installs Debian's chromium) or apt-get install chromium"
        )
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
