"""The benchmark corpus (scripts/make_corpus.py): deterministic, and every article one the
pipeline accepts, however many there are, so that benchmarks time the articles they claim."""

from __future__ import annotations

import datetime as dt
import random

from digest.clean import clean, decode
from digest.extract.dates import extract_date
from scripts.make_corpus import _plan, make_corpus


def test_the_same_count_and_seed_give_the_same_bytes(tmp_path):
    first = make_corpus(40, tmp_path / "a")
    second = make_corpus(40, tmp_path / "b")
    assert [p.name for p in first] == [p.name for p in second]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(first, second))
    assert make_corpus(40, tmp_path / "c", seed=8)[5].read_bytes() != first[5].read_bytes()


def test_ten_thousand_articles_cover_about_three_years_not_a_century():
    events = _plan(10_000, random.Random(7))
    assert len(events) == 10_000
    assert events[0].day == dt.date(2023, 10, 12)
    assert events[-1].day < dt.date(2027, 1, 1)
    tours = {event.tour for event in events if event.tour}
    assert len(tours) >= 30
    assert sum(event.off_trip is not None for event in events) >= 200  # hearings and summits between tours


def test_every_article_gives_its_month(tmp_path):
    """Headers, datelines and full dates of the synthetic articles all fall in years the extractor believes."""
    for path in make_corpus(300, tmp_path / "corpus"):
        cleaned = clean(decode(path.read_bytes())[0])
        body = "\n\n".join([cleaned.headline or "", *(block.text for block in cleaned.blocks)])
        finding = extract_date(body, cleaned.header)
        assert finding.month or finding.partial, path.name
