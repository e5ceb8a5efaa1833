"""The extraction cache is keyed by the code that decides and extracts articles, so no stale entry survives it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from digest import cache

PACKAGE = Path(cache.__file__).resolve().parent


@pytest.fixture
def package_copy(tmp_path, monkeypatch):
    copy = tmp_path / "digest"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "_PACKAGE", copy)
    return copy


@pytest.mark.parametrize("relative", ["ingest.py", "clean.py", "extract/articles.py", "extract/pool.py",
                                      "data/gazetteer.yaml"])
def test_editing_what_decides_or_extracts_an_article_changes_the_version(package_copy, relative):
    before = cache.extractor_version()
    with (package_copy / relative).open("a", encoding="utf-8") as handle:
        handle.write("\n# edited\n")
    assert cache.extractor_version() != before


def test_pages_and_settings_outside_extraction_keep_the_version(package_copy):
    before = cache.extractor_version()
    (package_copy / "feeds.py").write_text("# edited\n", encoding="utf-8")
    assert cache.extractor_version() == before
    assert cache.extractor_version("another subject") != before
