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
THRESHOLD = 0.6
# Republications run within days of each other; a shared background paragraph months apart is not one.
MAX_DAYS_APART = 3

_WORD = re.compile(r"\w+", re.UNICODE)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _drop_accent(match: re.Match) -> str:
    return "" if unicodedata.combining(match.group()) else match.group()


def _words(article: Article) -> list[str]:
    text = " ".join(block.text for block in article.blocks)
    text = unicodedata.normalize("NFKD", text.casefold())
    # Accents go; only non-ASCII characters can be combining marks, so only they are looked at
    # (a character-by-character test was most of the deduplication's time).
    text = _NON_ASCII.sub(_drop_accent, text)
    return _WORD.findall(text)


def shingles(article: Article) -> set[tuple[str, ...]]:
    words = _words(article)
    return {tuple(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}


def similarity(a: set, b: set) -> float:
    """Overlap relative to the smaller text: 1.0 when one is contained in the other."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


_REPUBLISHED = re.compile(r"^\W*(avec|with|d'apr[eè]s|selon|source\s*:)\b", re.IGNORECASE)


def _copy_likelihood(article: Article) -> tuple:
    """Sort key: the original first. A republication carries "(Avec AFP)"-style credits,
    tends to be later and shorter; the file name breaks ties so the choice is stable."""
    republished = any(_REPUBLISHED.match(credit) for credit in article.credits)
    day = article.date.isoformat() if article.date else f"{article.month}-99"
    length = sum(len(block.text) for block in article.blocks)
    return (day, republished, -length, article.file)


def _groups(articles: list[Article], threshold: float) -> list[list[Article]]:
    """Connected groups of articles whose texts overlap (single link, same month)."""
    sets = {a.file: shingles(a) for a in articles}
    parent = {a.file: a.file for a in articles}

    def root(file: str) -> str:
        while parent[file] != file:
            parent[file] = parent[parent[file]]
            file = parent[file]
        return file

    by_month: dict[str, list[Article]] = {}
    for article in articles:
        by_month.setdefault(article.month, []).append(article)
    for group in by_month.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a.date and b.date and abs((a.date - b.date).days) > MAX_DAYS_APART:
                    continue
                if similarity(sets[a.file], sets[b.file]) >= threshold:
                    parent[root(b.file)] = root(a.file)
    groups: dict[str, list[Article]] = {}
    for article in articles:
        groups.setdefault(root(article.file), []).append(article)
    return [g for g in groups.values() if len(g) > 1]


def mark_duplicates(articles: list[Article], report: Report) -> list[Article]:
    original_of: dict[str, str] = {}
    for group in _groups(articles, THRESHOLD):
        original, *copies = sorted(group, key=_copy_likelihood)
        for copy in copies:
            original_of[copy.file] = original.file
            score = similarity(shingles(original), shingles(copy))
            report.info("duplicate", f"republishes {original.file} ({score:.0%} of the shorter text in common)",
                        file=copy.file, action="shown once, on the original's page")

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
