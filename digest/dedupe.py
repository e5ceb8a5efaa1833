"""Near-duplicate wire copies: the same story republished under another outlet or name.

Two articles are the same story when their word shingles overlap strongly
(containment, so a copy with a paragraph cut or added still matches) and they
fall in the same month, at most MAX_DAYS_APART days apart when both have a day.
The first file by day then name is the original; the others point to it and lend
it their source.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import replace

from .extract.spelling import LazyTranslation
from .model import Article
from .report import Report

SHINGLE = 5
THRESHOLD = 0.6
# Republications run within days of each other; a shared background paragraph months apart is not one.
MAX_DAYS_APART = 3

_WORD = re.compile(r"\w+", re.UNICODE)


# Combining marks dropped (only non-ASCII characters can be one).
_WITHOUT_ACCENTS = LazyTranslation(lambda code: None if code > 127 and unicodedata.combining(chr(code)) else code)


def _text(article: Article) -> str:
    return " ".join(block.text for block in article.blocks)


def _words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", text.casefold())
    text = text.translate(_WITHOUT_ACCENTS)
    return _WORD.findall(text)


def shingles(article: Article) -> set[tuple[str, ...]]:
    """Every run of SHINGLE consecutive words (the whole text when it is shorter)."""
    return _shingles_of(_text(article))


def _shingles_of(text: str) -> set[tuple[str, ...]]:
    words = _words(text)
    if len(words) < SHINGLE:
        return {tuple(words)}
    return set(zip(*(words[k:] for k in range(SHINGLE))))


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


class _PairMemory:
    """Which pairs of texts overlap, as far as the comparisons of this process went: under
    `mkdocs serve`, the rebuild after one edit compares again only the pairs that hold
    the edited article (pairs are keyed by the two texts, so a changed text is a new pair)."""

    MAX_PAIRS = 2_000_000

    def __init__(self) -> None:
        self.overlapping: dict[tuple[str, str], bool] = {}

    def keep_only(self, texts: set[str]) -> None:
        """Forget the pairs of texts no longer in the corpus (edited or deleted articles)."""
        if len(self.overlapping) >= self.MAX_PAIRS:
            self.overlapping.clear()
        self.overlapping = {pair: known for pair, known in self.overlapping.items()
                            if pair[0] in texts and pair[1] in texts}


_PAIRS = _PairMemory()


def _groups(articles: list[Article], threshold: float) -> list[list[Article]]:
    """Connected groups of articles whose texts overlap (single link, same month, days apart at most).

    A text's shingles become the bits of one integer (`_shingle_bits`), so that the overlap of
    two texts is an AND and a bit count, several times faster than intersecting two sets (the
    1.35 million pairs of 10,000 synthetic articles took 13 s as sets). Shingles are numbered
    within a month, since pairs never cross months (`_pairs_to_compare` gives them month after
    month), and a month's integers are dropped when the next month begins. They are made only
    for the articles of a pair not compared before.
    """
    texts = [_text(a) for a in articles]
    _PAIRS.keep_only(set(texts))
    known = _PAIRS.overlapping
    parent = list(range(len(articles)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    month, numbers, bits = None, {}, {}
    for i, j in _pairs_to_compare(articles):
        pair = (texts[i], texts[j])
        overlap = known.get(pair)
        if overlap is None:
            if articles[i].month != month:
                month, numbers, bits = articles[i].month, {}, {}
            for index in (i, j):
                if index not in bits:
                    bits[index] = _shingle_bits(texts[index], numbers)
            (a, a_count), (b, b_count) = bits[i], bits[j]
            overlap = known[pair] = (a & b).bit_count() / min(a_count, b_count) >= threshold
        if overlap:
            parent[root(j)] = root(i)
    groups: dict[int, list[Article]] = {}
    for index, article in enumerate(articles):
        groups.setdefault(root(index), []).append(article)
    return [g for g in groups.values() if len(g) > 1]


def _shingle_bits(text: str, numbers: dict[tuple[str, ...], int]) -> tuple[int, int]:
    """The text's shingles as bits (each shingle's number in `numbers`, which grows) and their count.

    >>> numbers = {}
    >>> (a, a_count), (b, b_count) = _shingle_bits("a b c d e f", numbers), _shingle_bits("b c d e f g", numbers)
    >>> (a & b).bit_count(), a_count, b_count, len(numbers)
    (1, 2, 2, 3)
    """
    positions = {numbers.setdefault(shingle, len(numbers)) for shingle in _shingles_of(text)}
    field = bytearray((max(positions) >> 3) + 1)
    for position in positions:
        field[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(field, "little"), len(positions)


def _pairs_to_compare(articles: list[Article]) -> Iterator[tuple[int, int]]:
    """Index pairs of the same month, at most MAX_DAYS_APART days apart when both have a day.

    Sorted by day, a dated article meets only the few that follow within those days, so a
    busy month costs its articles times the articles of a few days, not its pairs; an
    article that knows only its month meets the whole month.
    """
    by_month: dict[str, list[int]] = {}
    for index, article in enumerate(articles):
        by_month.setdefault(article.month, []).append(index)
    for indices in by_month.values():
        dated = sorted((i for i in indices if articles[i].date), key=lambda i: (articles[i].date, i))
        for position, i in enumerate(dated):
            for j in dated[position + 1:]:
                if (articles[j].date - articles[i].date).days > MAX_DAYS_APART:
                    break
                yield i, j
        for i in indices:
            if not articles[i].date:
                for j in indices:
                    if j != i and (articles[j].date or j > i):  # two undated articles meet once
                        yield i, j


def mark_duplicates(articles: list[Article], report: Report) -> list[Article]:
    original_of: dict[str, str] = {}
    copies_of: dict[str, list[str]] = {}
    for group in _groups(articles, THRESHOLD):
        original, *copies = sorted(group, key=_copy_likelihood)
        original_shingles = shingles(original)
        for copy in copies:
            original_of[copy.file] = original.file
            copies_of.setdefault(original.file, []).append(copy.file)
            score = similarity(original_shingles, shingles(copy))
            report.info("duplicate", f"republishes {original.file} ({score:.0%} of the shorter text in common)",
                        file=copy.file, action="shown once, on the original's page")

    by_file = {a.file: a for a in articles}
    result: list[Article] = []
    for article in articles:
        if article.file in original_of:
            result.append(replace(article, duplicate_of=original_of[article.file]))
            continue
        copies = sorted(copies_of.get(article.file, ()))
        if copies:
            others = tuple(s for s in (by_file[c].source for c in copies) if s and s != article.source)
            article = replace(article, duplicates=tuple(copies), other_sources=tuple(dict.fromkeys(others)))
        result.append(article)
    return result
