"""The build's time: reproducible, never the wall clock.

Generated files must be byte-identical from one build of the same inputs to the next
(reproducible builds), so nothing digest writes may depend on when it runs. Where an
output needs a "now" (a feed's updated stamp, a calendar's DTSTAMP), it takes
`build_time`: SOURCE_DATE_EPOCH when the packager sets it
(https://reproducible-builds.org/specs/source-date-epoch/), else a time derived from
the inputs themselves.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping

from .model import Article

SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def build_time(articles: Iterable[Article], environ: Mapping[str, str] | None = None) -> dt.datetime:
    """SOURCE_DATE_EPOCH if set, else midnight UTC of the newest article's day; always UTC.

    An article that only knows its month counts as the first day of that month; with no
    article at all, the Unix epoch. A malformed SOURCE_DATE_EPOCH is an error, as the
    specification asks, rather than a silent fall back to another date.

    >>> build_time([], {"SOURCE_DATE_EPOCH": "1700000000"}).isoformat()
    '2023-11-14T22:13:20+00:00'
    >>> build_time([], {}).isoformat()
    '1970-01-01T00:00:00+00:00'
    """
    environ = os.environ if environ is None else environ
    value = environ.get(SOURCE_DATE_EPOCH, "").strip()
    if value:
        if not value.isdigit():
            raise ValueError(f"{SOURCE_DATE_EPOCH} must be a whole number of seconds since 1970-01-01 UTC, "
                             f"not {value!r}")
        return dt.datetime.fromtimestamp(int(value), tz=dt.timezone.utc)
    days = [article.date or dt.date(int(article.month[:4]), int(article.month[5:7]), 1)
            for article in articles if article.date or article.month]
    if not days:
        return EPOCH
    newest = max(days)
    return dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.timezone.utc)
