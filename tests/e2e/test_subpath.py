"""The site published under a project sub-path (https://user.github.io/repo/), as GitHub Pages
serves a project's site: built with that site_url, served under /repo/ on 127.0.0.1, and
crawled by a real link checker (LinkChecker) that finds no broken internal link or asset."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
import urllib.parse
from pathlib import Path

import frontmatter
import pytest

from tests.browser.server import SiteServer
from tests.conftest import copy_project

SITE_URL = "https://user.github.io/repo/"
LINKCHECKER = Path(sys.executable).with_name("linkchecker")


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory) -> tuple[Path, Path]:
    """(project, site): the project built by `mkdocs build --strict` for SITE_URL."""
    project = copy_project(tmp_path_factory.mktemp("subpath-project"))
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml")],
                         cwd=project, env=dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=SITE_URL),
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    return project, project / "site"


def _linkcheck(start: str) -> subprocess.CompletedProcess:
    """LinkChecker over every internal URL from `start` (links, stylesheets, scripts, images,
    CSS url()s); outside URLs (the canonical https://user.github.io/...) are not fetched."""
    assert LINKCHECKER.exists(), "linkchecker is not installed (pip install -e '.[test]')"
    return subprocess.run([str(LINKCHECKER), "--no-status", "--no-warnings", "--no-robots", "--threads", "4",
                           "--timeout", "20", start],
                          capture_output=True, text=True, timeout=300)


def _checked(output: str) -> int:
    found = re.search(r"(\d+) links? in (\d+) URLs? checked", output)
    assert found, output
    return int(found.group(2))


def test_link_checker_finds_no_broken_internal_link_or_asset(subpath_site):
    _, site = subpath_site
    with SiteServer(site, prefix=urllib.parse.urlsplit(SITE_URL).path) as server:
        run = _linkcheck(server.url)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 errors found" in run.stdout, run.stdout
    pages = len(list(site.rglob("*.html"))) - 1  # all but 404.html, which no page links to
    assert _checked(run.stdout) >= pages, run.stdout


def test_link_checker_reports_a_broken_link(tmp_path):
    """The check above would catch a broken link: the same command on a page with one fails."""
    (tmp_path / "index.html").write_text('<!doctype html><title>t</title><a href="missing/">x</a>'
                                         '<link rel="stylesheet" href="gone.css">', encoding="utf-8")
    with SiteServer(tmp_path, prefix="/repo/") as server:
        run = _linkcheck(server.url)
    assert run.returncode == 1
    assert "missing/" in run.stdout and "gone.css" in run.stdout


def test_published_addresses_point_into_the_sub_path(subpath_site):
    """Canonical links, og:url and the sitemap name https://user.github.io/repo/... pages that exist."""
    _, site = subpath_site
    addresses = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    for page in site.rglob("index.html"):
        markup = page.read_text(encoding="utf-8")
        addresses += re.findall(r'<link rel="canonical" href="([^"]+)"', markup)
        addresses += re.findall(r'<meta property="og:url" content="([^"]+)"', markup)
    assert len(addresses) > 10
    for address in addresses:
        assert address.startswith(SITE_URL), address
        target = site / address.removeprefix(SITE_URL)
        assert (target / "index.html").is_file() or target.is_file(), address


def test_not_found_page_works_at_any_depth(subpath_site):
    """GitHub Pages serves 404.html for /repo/a/b/c: every link and asset on it is absolute
    under /repo/ and exists."""
    _, site = subpath_site
    markup = (site / "404.html").read_text(encoding="utf-8")
    assert "Page introuvable" in markup and 'lang="fr"' in markup
    references = re.findall(r'(?:href|src)="([^"#]+)"', markup)
    local = [ref for ref in references if not ref.startswith(("http:", "https:", "data:"))]
    assert local
    for ref in local:
        assert ref.startswith("/repo/"), ref
        target = site / html.unescape(ref).removeprefix("/repo/")
        assert target.is_file() or (target / "index.html").is_file(), ref
    assert 'href="/repo/"' in markup  # the way home


def test_pages_carry_description_and_open_graph_from_the_lead(subpath_site):
    project, site = subpath_site
    articles = sorted((project / "docs" / "articles").glob("*.md"))
    assert articles
    for source in articles:
        front = frontmatter.load(source).metadata
        markup = (site / "articles" / source.stem / "index.html").read_text(encoding="utf-8")
        meta = {name: html.unescape(value) for name, value in
                re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', markup)}
        assert meta["description"] == html.unescape(front["description"]) == meta["og:description"]
        assert meta["og:title"] == html.unescape(front["title"])
        assert meta["og:type"] == "article" and meta["og:locale"] == "fr_FR"
        assert meta["og:url"] == f"{SITE_URL}articles/{source.stem}/"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<meta property="og:type" content="website">' in home
    for feed in ("data/atom.xml", "data/tournees.ics"):
        if (site / feed).is_file():
            assert f'href="{feed}"' in home, feed
