"""The built site in a real browser: Debian's chromium, headless, driven by Playwright.

The site is built once per session by mkdocs itself (from a copy of the project, as a clone
has it) for the address it is then served at: http://127.0.0.1:PORT/repo/, a project
sub-path as on GitHub Pages. Only Debian's /usr/bin/chromium is used, never a browser
download. Without it (or without the playwright package) these tests skip, except in CI
(CI=true), where they fail: `.ci/run` installs chromium with apt-get.

Screenshots go to tests/browser/screenshots/ (ignored by git), or to $DIGEST_SCREENSHOTS.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.server import SiteServer
from tests.conftest import ROOT, copy_project

CHROMIUM = Path("/usr/bin/chromium")
# What works in a container, with no call home: no sandbox (root), no GPU, no QUIC, no
# background, component-update or sync requests.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SUB_PATH = "/repo/"
IN_CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def _missing_browser() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (make install, or pip install -e '.[test]')"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (as root: apt-get install chromium)"
    return None


@pytest.fixture(scope="session")
def browser():
    missing = _missing_browser()
    if missing:
        message = f"browser tests need Debian's chromium and Playwright: {missing}"
        if IN_CI:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def site_server(tmp_path_factory):
    """The server comes first: its address is the site_url the site is built for."""
    with SiteServer(tmp_path_factory.mktemp("served") / "site", prefix=SUB_PATH) as server:
        yield server


@pytest.fixture(scope="session")
def built_site(site_server, tmp_path_factory) -> Path:
    """The project built by `mkdocs build` (the digest plugin generates the pages and the
    search index) into the folder the server serves. Returns that folder."""
    project = copy_project(tmp_path_factory.mktemp("browser-project"))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=site_server.url)
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"),
                          "-d", str(site_server.directory)],
                         cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert (site_server.directory / "pagefind" / "pagefind.js").is_file(), run.stderr
    return site_server.directory


@pytest.fixture(scope="session")
def served_site(built_site, site_server) -> str:
    """The site's address: http://127.0.0.1:PORT/repo/."""
    return site_server.url


@pytest.fixture(scope="session")
def site_data(built_site) -> dict:
    """The site's data/digest.json: the articles and trips the pages should show."""
    return json.loads((built_site / "data" / "digest.json").read_text(encoding="utf-8"))


@pytest.fixture
def new_page(browser):
    """new_page(viewport=PHONE, color_scheme="dark") -> a Playwright page that records
    `console_errors` (console errors and uncaught exceptions), `requests` (every URL asked
    for) and `failed` (responses of status 400 or more)."""
    contexts = []

    def make(viewport: dict | None = None, color_scheme: str = "light"):
        context = browser.new_context(viewport=viewport or DESKTOP, color_scheme=color_scheme,
                                      locale="fr-FR", service_workers="block")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.console_errors, page.requests, page.failed = [], [], []
        page.on("console", lambda message: page.console_errors.append(
            f"{message.text} ({message.location.get('url', '')})") if message.type == "error" else None)
        page.on("pageerror", lambda error: page.console_errors.append(f"uncaught: {error}"))
        page.on("request", lambda request: page.requests.append(request.url))
        page.on("response", lambda response: page.failed.append(
            f"{response.status} {response.url}") if response.status >= 400 else None)
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A desktop-width page in the light scheme, recording as new_page's do."""
    return new_page()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """Where the tests save what they saw: tests/browser/screenshots/ unless $DIGEST_SCREENSHOTS."""
    folder = Path(os.environ.get("DIGEST_SCREENSHOTS") or ROOT / "tests" / "browser" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
