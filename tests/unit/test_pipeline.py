"""The pipeline's promises across builds: the cache spares the NLP, outputs are deterministic."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from digest import pipeline
from digest.config import DigestConfig
from digest.extract import entities
from digest.report import Report

ARTICLE = (" date 2023-11 ANKARA, 6 novembre (Reuters) – Le secrétaire d'Etat américain Antony Blinken a "
           "rencontré lundi à Ankara le ministre turc des Affaires étrangères Hakan Fidan.\n\n"
           "Les deux hommes ont discuté de l'aide humanitaire à Gaza.\n")


def _config(tmp_path, seeds):
    return replace(DigestConfig().resolved(tmp_path), seeds_dir=seeds, docs_dir=tmp_path / "docs")


def test_unchanged_seeds_do_not_go_through_the_nlp_again(make_seeds, tmp_path, monkeypatch):
    seeds = make_seeds({"a.txt": ARTICLE})
    first = pipeline.build(_config(tmp_path, seeds), Report())
    assert first.digest.articles[0].date == dt.date(2023, 11, 6)

    def refuse():
        raise AssertionError("the NLP model was asked for again")

    monkeypatch.setattr(entities, "shared_extractor", refuse)
    second = pipeline.build(_config(tmp_path, seeds), Report())
    assert second.digest.articles == first.digest.articles
    (seeds / "b.txt").write_text(ARTICLE.replace("lundi", "mardi"), encoding="utf-8")
    with pytest.raises(AssertionError, match="NLP"):
        pipeline.build(_config(tmp_path, seeds), Report())


def test_two_builds_give_byte_identical_outputs(make_seeds, tmp_path):
    seeds = make_seeds({"a.txt": ARTICLE, "b.txt": ARTICLE.replace("Ankara", "Amman")})
    config = _config(tmp_path, seeds)
    pipeline.build(config, Report(), use_cache=False)
    first = {p: p.read_bytes() for p in sorted(config.docs_dir.rglob("*")) if p.is_file()}
    config_2 = replace(config, docs_dir=tmp_path / "docs2")
    pipeline.build(config_2, Report(), use_cache=False)
    second = {p: p.read_bytes() for p in sorted(config_2.docs_dir.rglob("*")) if p.is_file()}
    assert [p.relative_to(config.docs_dir) for p in first] == [p.relative_to(config_2.docs_dir) for p in second]
    assert list(first.values()) == list(second.values())


def test_a_yearless_dateline_takes_its_year_from_the_other_articles(make_seeds, tmp_path):
    yearless = ("DOHA, 12 juin (AFP) - Le secrétaire d'Etat américain Antony Blinken a rencontré à Doha "
                "l'émir du Qatar pour évoquer un cessez-le-feu à Gaza.\n")
    seeds = make_seeds({"a.txt": ARTICLE.replace("2023-11", "2024-06").replace("6 novembre", "10 juin"),
                        "b.txt": yearless})
    report = Report()
    result = pipeline.build(_config(tmp_path, seeds), report, use_cache=False)
    by_file = {a.file: a for a in result.digest.articles}
    assert by_file["b.txt"].month == "2024-06" and by_file["b.txt"].date == dt.date(2024, 6, 12)
    assert "year-from-corpus" in report.codes


def test_a_yearless_dateline_alone_is_rejected_with_a_reason(make_seeds, tmp_path):
    seeds = make_seeds({"b.txt": "DOHA, 12 juin (AFP) - Antony Blinken a rencontré à Doha l'émir du Qatar.\n"})
    result = pipeline.build(_config(tmp_path, seeds), Report(), use_cache=False)
    assert [r.file for r in result.digest.rejected] == ["b.txt"]
    assert "year" in result.digest.rejected[0].reason
