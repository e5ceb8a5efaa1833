"""Machine-readable exports of the digest, as bytes; no I/O.

digest.json is the project's data contract: later steps, the site's scripts and
evaluation on unseen corpora all read it. Its shape is pinned by
digest/schema/digest.schema.json.
"""

from __future__ import annotations

import json

from .model import Article, Digest, Trip
from .pages.links import ARTICLES, TRIPS

DIGEST_JSON = "data/digest.json"


def _article_record(article: Article, by_file: dict[str, Article]) -> dict:
    shown = by_file.get(article.duplicate_of, article) if article.duplicate_of else article
    return {
        "file": article.file,
        "url": f"{ARTICLES}/{shown.slug}/",
        "title": article.title,
        "date": article.date.isoformat() if article.date else None,
        "month": article.month,
        "source": article.source,
        "trip": article.trip,
        "countries": list(article.countries),
        "places": [place.name for place in article.stops],
        "people": list(article.people),
        "duplicate_of": article.duplicate_of,
    }


def _trip_record(trip: Trip) -> dict:
    return {
        "id": trip.id,
        "title": trip.title,
        "ordinal": trip.ordinal,
        "start": trip.start.isoformat() if trip.start else None,
        "end": trip.end.isoformat() if trip.end else None,
        "countries": list(trip.countries),
        "articles": list(trip.articles),
        "url": f"{TRIPS}/{trip.slug}/",
    }


def digest_json(digest: Digest) -> bytes:
    """Deterministic JSON: records sorted by file or id, no timestamps."""
    by_file = {a.file: a for a in digest.articles}
    data = {
        "articles": [_article_record(a, by_file) for a in sorted(digest.articles, key=lambda a: a.file)],
        "trips": [_trip_record(t) for t in sorted(digest.trips, key=lambda t: t.id)],
        "rejected": [{"file": r.file, "reason": r.reason}
                     for r in sorted(digest.rejected, key=lambda r: r.file)],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
