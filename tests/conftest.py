"""Shared fixtures: the example site built once, and headless Chromium from Debian."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# No test may fail by the clock: a loaded machine makes any example slow, so Hypothesis has no
# deadline here, and it draws the same examples on every run (no database, derandomized).
settings.register_profile("samling", deadline=None, derandomize=True, database=None, print_blob=True)
settings.load_profile("samling")


def differential(variable: str, default: int) -> settings:
    """Hypothesis settings for a test that holds a fast path to the reference: `default` examples,
    the same every run (the CI's); more with the environment variable `variable`, drawn anew."""
    examples = int(os.environ.get(variable, str(default)))
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=examples <= default,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example content built into a fresh folder; tests must not modify it."""
    from generator.commands.build import build

    out = tmp_path_factory.mktemp("site") / "output"
    build(CONTENT, out)
    return out


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A private copy of the example content that a test may break."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("/usr/bin/chromium is missing; `make test` installs it (scripts/system-deps.sh)")
        pytest.skip("/usr/bin/chromium is not installed; run `make system-deps`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context()  # type: ignore[attr-defined]
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture(autouse=True)
def _stand_beside_the_content(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test with its own folder runs from it, as a user runs `samling` beside `content/`: problem
    paths are shown relative to where the user stands (see Problems.display)."""
    if "tmp_path" not in request.fixturenames:
        yield
        return
    tmp_path: Path = request.getfixturevalue("tmp_path")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(tmp_path)
        yield
