"""A build of unchanged inputs replays the last one; any change to an input, or to docs/, builds again."""

from __future__ import annotations

from dataclasses import replace

import pytest

from digest import pipeline
from digest.config import DigestConfig
from digest.report import Report

ARTICLE = (" date 2023-11 ANKARA, 6 novembre (Reuters) – Le secrétaire d'Etat américain Antony Blinken a "
           "rencontré lundi à Ankara le ministre turc des Affaires étrangères Hakan Fidan.\n\n"
           "Les deux hommes ont discuté de l'aide humanitaire à Gaza.\n")


def _config(tmp_path, seeds):
    return replace(DigestConfig().resolved(tmp_path), seeds_dir=seeds, docs_dir=tmp_path / "docs")


@pytest.fixture
def built(make_seeds, tmp_path):
    """A first build of one article and a file that is rejected (a warning), then a guard on page making."""
    seeds = make_seeds({"a.txt": ARTICLE, "notes.md": "pas un article"})
    config = _config(tmp_path, seeds)
    first = pipeline.build(config, Report())
    assert first.report.warnings and first.write.written
    return config, first


def _refuse_to_generate(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("pages were generated again")

    monkeypatch.setattr(pipeline, "build_pages", refuse)


def test_unchanged_inputs_replay_the_last_build(built, monkeypatch):
    config, first = built
    _refuse_to_generate(monkeypatch)
    second = pipeline.build(config, Report())
    assert second.digest == first.digest
    assert second.write.written == [] and sorted(second.write.unchanged) == sorted(first.write.written)
    assert [str(i) for i in second.report.warnings] == [str(i) for i in first.report.warnings]


@pytest.mark.parametrize("change", ["seed edited", "generated page deleted", "hand-written page added",
                                    "trips.yml added", "SOURCE_DATE_EPOCH set", "no cache asked"])
def test_any_change_builds_again(built, monkeypatch, change):
    config, first = built
    use_cache = True
    page = config.docs_dir / next(p for p in first.write.written if p.startswith("articles/"))
    if change == "seed edited":
        (config.seeds_dir / "a.txt").write_text(ARTICLE.replace("lundi", "mardi"), encoding="utf-8")
    elif change == "generated page deleted":
        page.unlink()
    elif change == "hand-written page added":
        (config.docs_dir / "apropos.md").write_text("# À propos\n", encoding="utf-8")
    elif change == "trips.yml added":
        (config.root / "trips.yml").write_text("trips: []\n", encoding="utf-8")
    elif change == "SOURCE_DATE_EPOCH set":
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    else:
        use_cache = False
    _refuse_to_generate(monkeypatch)
    with pytest.raises(AssertionError, match="generated again"):
        pipeline.build(config, Report(), use_cache=use_cache)


def test_a_deleted_page_comes_back(built):
    config, first = built
    page = config.docs_dir / next(p for p in first.write.written if p.startswith("articles/"))
    content = page.read_bytes()
    page.unlink()
    again = pipeline.build(config, Report())
    assert page.read_bytes() == content and again.write.written == [page.relative_to(config.docs_dir).as_posix()]
