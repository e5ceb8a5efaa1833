"""Pagefind over a tiny built site: French pages indexed, metadata kept, failures reported."""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path

import pytest

from digest import assets, search_index
from digest.search_index import SearchIndexError, index_site

ARTICLE = """<!doctype html><html lang="fr"><head><title>{title}</title></head><body>
<nav>Accueil Chronologie</nav>
<div data-pagefind-body><h1>{title}<a class="headerlink" href="#x">¶</a></h1><p>{text}</p>
<div hidden data-pagefind-ignore><span data-pagefind-filter="trip">2e tournée : Israël</span>
<span data-pagefind-meta="date">2023-11-06</span></div></div></body></html>"""


def _site(tmp_path):
    site = tmp_path / "site"
    for slug, title, text in [("a", "Trêve à Gaza", "Une trêve de quatre jours."),
                              ("b", "Au Caire", "Blinken en Égypte.")]:
        (site / "articles" / slug).mkdir(parents=True)
        (site / "articles" / slug / "index.html").write_text(ARTICLE.format(title=title, text=text), encoding="utf-8")
    (site / "index.html").write_text('<!doctype html><html lang="fr"><body><p>Accueil</p></body></html>',
                                     encoding="utf-8")
    return site


def test_indexes_only_the_marked_pages_in_french(tmp_path):
    site = _site(tmp_path)
    index = index_site(site)
    assert index.pages == 2 and index.words > 0
    assert index.summary() == f"search index: 2 pages, {index.words} words"
    bundle = site / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["fr"]
    assert entry["languages"]["fr"]["page_count"] == 2


def test_missing_binary_is_a_clear_error(tmp_path, monkeypatch):
    def missing(root):
        raise SearchIndexError("the Pagefind binary is missing from pagefind_bin: nowhere")

    monkeypatch.setattr(search_index, "_executable", missing)
    with pytest.raises(SearchIndexError, match="Pagefind"):
        index_site(_site(tmp_path))


def _bundle_version(site: Path) -> str:
    return json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))["version"]


NPM_PAGEFIND = assets.find_pagefind(Path(assets.__file__).resolve().parents[1])


@pytest.mark.skipif(NPM_PAGEFIND is None, reason="npm ci has not installed Pagefind for this machine")
def test_the_index_is_made_by_npm_s_pagefind_when_installed(tmp_path):
    """The version package-lock.json pins (its ranking is the fast one), not PyPI's older wheel."""
    site = _site(tmp_path)
    index_site(site, root=tmp_path)
    package = json.loads((NPM_PAGEFIND.parents[1] / "package.json").read_text(encoding="utf-8"))
    assert _bundle_version(site) == package["version"]


def test_without_npm_s_pagefind_the_pypi_wheel_indexes(tmp_path, monkeypatch):
    monkeypatch.setattr(search_index, "find_pagefind", lambda root: None)
    site = _site(tmp_path)
    assert index_site(site).pages == 2
    assert _bundle_version(site) == version("pagefind_bin")


@pytest.mark.parametrize("system, machine, installed", [
    ("linux", "x86_64", "@pagefind/linux-x64/bin/pagefind_extended"),
    ("darwin", "arm64", "@pagefind/darwin-arm64/bin/pagefind_extended"),
    ("linux", "aarch64", "@pagefind/linux-arm64/bin/pagefind"),
    ("win32", "AMD64", "@pagefind/windows-x64/bin/pagefind_extended.exe"),
])
def test_npm_s_binary_is_the_one_for_this_machine(tmp_path, monkeypatch, system, machine, installed):
    monkeypatch.setattr(assets, "_PACKAGE_CHECKOUT", tmp_path / "checkout")
    binary = tmp_path / "node_modules" / installed
    assert assets.find_pagefind(tmp_path, system, machine) is None
    binary.parent.mkdir(parents=True)
    binary.write_bytes(b"")
    (tmp_path / "node_modules" / "@pagefind" / "linux-x64-other").mkdir()
    assert assets.find_pagefind(tmp_path, system, machine) == binary


def test_a_failing_run_reports_pagefind_s_message(tmp_path):
    with pytest.raises(SearchIndexError, match="Pagefind failed"):
        index_site(tmp_path / "no-such-site")


def _articles(tmp_path, slugs):
    site = tmp_path / "site"
    for slug in slugs:
        (site / "articles" / slug).mkdir(parents=True)
        text = ARTICLE.format(title=f"Article {slug}", text=f"Une trêve à Gaza, épisode {slug}.")
        (site / "articles" / slug / "index.html").write_text(text, encoding="utf-8")
    return site


def _page_counts(bundle):
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return entry["languages"]["fr"]["page_count"]


def test_a_large_site_is_indexed_in_parts_that_hold_every_page_once(tmp_path):
    # Slugs ending in 0..5 and in '-' (no part's own character: the last part takes it).
    slugs = ["a0", "a1", "a2", "a3", "a4", "a5", "z-"]
    site = _articles(tmp_path, slugs)
    index = index_site(site, part_size=2)
    assert index.parts == 4 and index.pages == len(slugs)
    assert index.summary() == "search index: 7 pages in 4 parts"
    bundle = site / "pagefind"
    parts = json.loads((bundle / "parts.json").read_text(encoding="utf-8"))["parts"]
    assert parts == ["part-1/", "part-2/", "part-3/"]
    counts = [_page_counts(bundle)] + [_page_counts(bundle / part) for part in parts]
    assert sum(counts) == len(slugs) and all(counts)
    for part in parts:  # searched with the first part's scripts and WebAssembly
        assert not (bundle / part / "pagefind.js").exists()
        assert not list((bundle / part).glob("wasm.*"))
        assert list((bundle / part).glob("*.pf_meta")) and list((bundle / part / "index").iterdir())


def test_a_small_site_has_one_index_and_no_parts_left_from_a_larger_build(tmp_path):
    site = _articles(tmp_path, ["a0", "a1", "a2"])
    assert index_site(site, part_size=1).parts == 3  # the fourth part would be empty
    index = index_site(site)
    assert index.parts == 1 and index.pages == 3
    bundle = site / "pagefind"
    assert json.loads((bundle / "parts.json").read_text(encoding="utf-8")) == {"parts": []}
    assert not list(bundle.glob("part-*"))
