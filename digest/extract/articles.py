"""Raw files -> Articles: decode, clean, then date, source, places and people.

Per-file work only; what needs the whole corpus (duplicates, trips) comes after.
Results are cached by content hash and extractor version, so an unchanged file
never goes through the NLP model again.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from .. import clean as cleaning
from ..cache import ExtractionCache
from ..config import DigestConfig
from ..ingest import MAX_ARTICLE_BYTES, has_control_characters, is_article_name, is_too_large
from ..model import Article, Block, Place, Rejected, SourceFile
from ..report import Report
from ..slugs import assign_slugs
from .dates import extract_date, resolve_partial
from .entities import Subject as EntitySubject
from .sources import extract_source
from .tours import is_preview, tour_ordinal


@dataclass(frozen=True)
class _Cleaned:
    source: SourceFile
    cleaned: cleaning.Cleaned
    text: str


def _body_text(cleaned: cleaning.Cleaned) -> str:
    """The text the extractors read: headline and body, captions last (they name places and days too)."""
    parts = [cleaned.headline] if cleaned.headline else []
    parts += [block.text for block in cleaned.blocks]
    return "\n\n".join(parts)


def _decode_and_clean(source: SourceFile, report: Report) -> _Cleaned | Rejected:
    if not is_article_name(PurePosixPath(source.name)):
        reason = "not a .txt article (only .txt files are read)"
        report.warning("not-an-article", reason, file=source.name, action="rejected; the build goes on")
        return Rejected(source.name, reason)
    if has_control_characters(source.name):
        reason = f"the file name {source.name!r} holds control characters (a line break, an escape): rename it"
        report.warning("unsafe-name", reason, file=source.name, action="rejected; the build goes on")
        return Rejected(source.name, reason)
    if is_too_large(source):
        reason = (f"too large for one article (over {MAX_ARTICLE_BYTES // 1_000_000} MB): "
                  "split it into one file per article")
        report.warning("too-large", reason, file=source.name, action="rejected; the build goes on")
        return Rejected(source.name, reason)
    try:
        text, _encoding = cleaning.decode(source.data)
    except cleaning.DecodeError as exc:
        report.warning("undecodable", f"cannot read the file: {exc}", file=source.name,
                       action="rejected; the build goes on")
        return Rejected(source.name, str(exc))
    cleaned = cleaning.clean(text)
    if not cleaned.blocks:
        reason = "no article text after removing site chrome"
        report.warning("empty-article", reason, file=source.name, action="rejected; the build goes on")
        return Rejected(source.name, reason)
    return _Cleaned(source, cleaned, _body_text(cleaned))


# The NLP reads at most this much of an article (some 8,000 words, more than any news
# story): spaCy refuses texts over 1,000,000 characters, and its time grows faster than
# the text. The whole text is still published.
NLP_MAX_CHARS = 50_000


def _for_nlp(text: str) -> str:
    """The text the NLP reads: all of it, or its first NLP_MAX_CHARS cut at a paragraph end."""
    if len(text) <= NLP_MAX_CHARS:
        return text
    cut = text.rfind("\n\n", 0, NLP_MAX_CHARS)
    return text[:cut] if cut > 0 else text[:NLP_MAX_CHARS]


def _places(refs) -> tuple[Place, ...]:
    return tuple(Place(ref.name, ref.country, ref.lat, ref.lon) for ref in refs)


def _article_from(item: _Cleaned, entities, slug: str, report: Report) -> Article | Rejected:
    cleaned, name = item.cleaned, item.source.name
    finding = extract_date(item.text + "\n\n" + "\n\n".join(cleaned.captions), cleaned.header)
    for message in finding.warnings:
        report.warning("date-header", message, file=name, line=cleaned.header_line)
    if not finding.month and not finding.partial:
        reason = "no month: neither a 'date YYYY-MM' header nor a date in the text"
        report.warning("no-date", reason, file=name, action="rejected; the build goes on")
        return Rejected(name, reason)
    for unknown in (*entities.unknown_people, *entities.unknown_places):
        report.info("unknown-entity", f"'{unknown}' is not in the gazetteer", file=name,
                    action="kept on the page; add it to digest/data/gazetteer.yaml")
    lead = cleaning.make_lead(cleaned)
    return Article(
        file=name,
        slug=slug,
        title=cleaning.make_title(cleaned),
        lead=lead,
        month=finding.month or "",
        date=finding.day,
        yearless_day=None if finding.month else finding.partial,
        blocks=tuple(Block(block.kind, block.text) for block in cleaned.blocks),
        source=extract_source(item.text, cleaned.credits),
        headline=cleaned.headline,
        captions=tuple(cleaned.captions),
        credits=tuple(cleaned.credits),
        stops=_places(entities.stops),
        mentioned=_places(entities.mentioned),
        people=tuple(entities.people),
        people_mentioned=tuple(entities.people_mentioned),
        tour_ordinal=tour_ordinal(item.text),
        preview=is_preview(lead),
    )


Outcome = tuple[Report, Article | Rejected]


def extract_articles(sources: Sequence[SourceFile], config: DigestConfig, report: Report,
                     cache: ExtractionCache | None = None, workers: int = 1) -> tuple[list[Article], list[Rejected]]:
    """Every source as an Article or a Rejected; what the cache lacks is extracted, by `workers` processes
    when there is enough of it to pay for starting them.

    The report lists each file's issues in the order of the files, whichever way they were extracted.
    """
    slugs = assign_slugs([source.name for source in sources])
    outcomes: list[Outcome | None] = [cache.get(source) if cache else None for source in sources]
    new = [index for index, outcome in enumerate(outcomes) if outcome is None]
    if new:
        from .pool import extract_batch_in_pool, pool_pays

        batch = [(sources[index], slugs[sources[index].name]) for index in new]
        subject = EntitySubject(config.subject.name, config.subject.aliases, config.subject.country)
        if pool_pays(len(batch), workers):
            extracted = extract_batch_in_pool(batch, subject, workers)
        else:
            extracted = extract_batch(batch, subject)
        for index, outcome in zip(new, extracted):
            outcomes[index] = outcome
            if cache:
                cache.put(sources[index], *outcome)

    articles: list[Article] = []
    rejected: list[Rejected] = []
    for item_report, outcome in outcomes:
        report.extend(item_report)
        (rejected if isinstance(outcome, Rejected) else articles).append(outcome)
    articles, late_rejects = resolve_years(articles, report)
    rejected += late_rejects
    articles.sort(key=lambda a: a.file)
    rejected.sort(key=lambda r: r.file)
    return articles, rejected


def extract_batch(batch: Sequence[tuple[SourceFile, str]], subject: EntitySubject) -> list[Outcome]:
    """(source, slug) pairs -> one (report, Article or Rejected) each, in order; the NLP reads them in one go.

    What one source gives depends on that source alone, so a batch can be cut anywhere and
    given to any process: the pool and this process give the same results.
    """
    outcomes: list[Outcome | None] = [None] * len(batch)
    readable: list[tuple[int, _Cleaned, str, Report]] = []
    for index, (source, slug) in enumerate(batch):
        item_report = Report()
        item = _decode_and_clean(source, item_report)
        if isinstance(item, Rejected):
            outcomes[index] = (item_report, item)
        else:
            readable.append((index, item, slug, item_report))
    if readable:
        from .entities import shared_extractor  # the NLP model loads only when something is new

        all_entities = shared_extractor().extract([_for_nlp(item.text) for _, item, _, _ in readable], subject)
        for (index, item, slug, item_report), entities in zip(readable, all_entities):
            if len(item.text) > NLP_MAX_CHARS:
                item_report.info("long-article", f"{len(item.text):,} characters: places and people are "
                                 f"taken from the first {NLP_MAX_CHARS:,}", file=item.source.name,
                                 action="the whole text is published")
            outcomes[index] = (item_report, _article_from(item, entities, slug, item_report))
    return outcomes


def resolve_years(articles: list[Article], report: Report) -> tuple[list[Article], list[Rejected]]:
    """Give a year to articles that only know their day and month, from the other articles' months.

    A wire copy datelined "DOHA, 12 juin (AFP)" with no header and no other clue belongs to
    the June that the rest of the corpus covers.
    """
    known = Counter(a.month for a in articles if a.month)
    month_of: dict[tuple[int, int], str | None] = {}
    resolved: list[Article] = []
    rejected: list[Rejected] = []
    for article in articles:
        if article.month or not article.yearless_day:
            resolved.append(article)
            continue
        if article.yearless_day not in month_of:  # one answer per day of the year
            month_of[article.yearless_day] = resolve_partial(article.yearless_day, known)
        month = month_of[article.yearless_day]
        if month is None:
            reason = "no year: the text gives a day and month but no year, and no other article settles it"
            report.warning("no-date", reason, file=article.file, action="rejected; the build goes on")
            rejected.append(Rejected(article.file, reason))
            continue
        day = dt.date(int(month[:4]), article.yearless_day[0], article.yearless_day[1])
        report.info("year-from-corpus", f"year {month[:4]} taken from the other articles' months",
                    file=article.file, action=f"dated {day.isoformat()}")
        resolved.append(replace(article, month=month, date=day))
    return resolved, rejected

