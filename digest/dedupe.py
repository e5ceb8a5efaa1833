"""Near-duplicate wire copies: the same story republished under another outlet or name.

Two articles are the same story when their word shingles overlap strongly
(containment, so a copy with a paragraph cut or added still matches) and they
fall in the same month. The first file by day then name is the original; the
others point to it and lend it their source.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from .model import Article
from .report import Report

SHINGLE = 5
THRESHOLD = 0.5

_WORD = re.compile(r"\w+", re.UNICODE)


def _words(article: Article) -> list[str]:
    text = " ".join(block.text for block in article.blocks)
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _WORD.findall(text)


def shingles(article: Article) -> set[tuple[str, ...]]:
    words = _words(article)
    return {tuple(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}


def similarity(a: set, b: set) -> float:
    """Overlap relative to the smaller text: 1.0 when one is contained in the other."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def mark_duplicates(articles: list[Article], report: Report) -> list[Article]:
    order = sorted(articles, key=lambda a: (a.sort_key, a.file))
    sets = {a.file: shingles(a) for a in order}
    original_of: dict[str, str] = {}
    for index, article in enumerate(order):
        if article.file in original_of:
            continue
        for other in order[index + 1:]:
            if other.file in original_of or other.month != article.month:
                continue
            score = similarity(sets[article.file], sets[other.file])
            if score >= THRESHOLD:
                original_of[other.file] = article.file
                report.info("duplicate", f"republishes {article.file} ({score:.0%} of its text in common)",
                            file=other.file, action="shown once, on the original's page")

    by_file = {a.file: a for a in articles}
    result: list[Article] = []
    for article in articles:
        if article.file in original_of:
            result.append(replace(article, duplicate_of=original_of[article.file]))
            continue
        copies = sorted(f for f, o in original_of.items() if o == article.file)
        if copies:
            others = tuple(s for s in (by_file[c].source for c in copies) if s and s != article.source)
            article = replace(article, duplicates=tuple(copies), other_sources=tuple(dict.fromkeys(others)))
        result.append(article)
    return result
