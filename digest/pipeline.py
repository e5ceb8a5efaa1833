"""The build, step by step: read everything, understand it, group it, then write.

As in Pelican's two phases, every article is read and extracted before anything
is written, so cross-article facts (duplicates, trips) exist before the first page.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field

from .cache import ExtractionCache
from .config import DigestConfig
from .directory import country_name, person_profile
from .dedupe import mark_duplicates
from .exports import DIGEST_JSON, digest_json
from .clock import build_time
from .feeds import ATOM_FEED, TRIPS_CALENDAR, atom_feed, trips_calendar
from .extract.articles import extract_articles
from .group import GroupingSettings, check_months, check_trips, group_trips
from .ingest import list_sources
from .model import Article, Digest, Page, Rejected
from .overrides import load_overrides
from .pages import article_path, build_pages
from .report import Report
from .report import REPORT_NAME, write_report
from .write import DocsLocked, WriteResult, docs_lock, hand_written, write_pages


@dataclass
class BuildResult:
    digest: Digest
    report: Report
    write: WriteResult = field(default_factory=WriteResult)
    inputs: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        pages = len(self.write.written) + len(self.write.unchanged)
        return (f"{self.inputs} files read, {len(self.digest.articles)} articles, "
                f"{pages} pages ({len(self.write.written)} written, {len(self.write.removed)} removed), "
                f"{len(self.report.warnings)} warnings, {len(self.digest.rejected)} rejected "
                f"in {self.seconds:.1f} s")

    def unknown_names(self) -> list[tuple[str, int]]:
        """Names the gazetteer lacks, most frequent first: what to add to it next."""
        counts = Counter(issue.message.split("'")[1] for issue in self.report.issues
                         if issue.code == "unknown-entity" and "'" in issue.message)
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


class BuildError(Exception):
    """A problem that stops the build before anything is written (bad configuration, missing folder)."""


class BuildLocked(BuildError):
    """Another build holds the docs folder: the CLI fails at once, the MkDocs plugin waits."""

    def __init__(self, locked: DocsLocked):
        super().__init__(str(locked))
        self.running = locked.running  # "another digest build is running on … (pid N)"


def _reject_page_clashes(config: DigestConfig, articles: list[Article], rejected: list[Rejected],
                         report: Report) -> tuple[list[Article], list[Rejected]]:
    """An article whose page would replace a hand-written file or another article's page is rejected.

    Not lost unseen: the first article by file name keeps the page ('a_b.txt' and
    'a-b.txt' share the slug a-b), a hand-written file always keeps its place.
    """
    taken = hand_written(config.docs_dir, [article_path(a) for a in articles])
    owners: dict[str, str] = {}
    kept: list[Article] = []
    for article in articles:
        path = article_path(article)
        if path in taken:
            code, reason = "hand-written-collision", f"its page docs/{path} is a hand-written file (rename one of them)"
        elif path in owners:
            code, reason = "slug-collision", f"its page docs/{path} is the page of {owners[path]} (rename one of them)"
        else:
            owners[path] = article.file
            kept.append(article)
            continue
        report.warning(code, reason, file=article.file, action="rejected; the build goes on")
        rejected.append(Rejected(article.file, reason))
    return kept, sorted(rejected, key=lambda r: r.file)


def _role_and_country(name: str) -> tuple[str, str]:
    profile = person_profile(name)
    return profile.role, profile.country


def build(config: DigestConfig, report: Report | None = None, use_cache: bool = True,
          wait: bool = False) -> BuildResult:
    """One build under the docs folder's lock: BuildLocked when another holds it, unless wait."""
    started = time.perf_counter()
    report = report or Report()
    if report.errors:
        raise BuildError("invalid configuration: " + "; ".join(str(i) for i in report.errors))
    if not config.seeds_dir.is_dir():
        raise BuildError(f"seeds folder not found: {config.seeds_dir} (create it and put .txt articles in it)")

    overrides = load_overrides(config.root, report)
    if report.errors:
        raise BuildError("invalid trips.yml: " + "; ".join(str(i) for i in report.errors))
    try:
        with docs_lock(config.docs_dir, wait=wait, report=report):
            return _generate(config, report, overrides, use_cache, started)
    except DocsLocked as exc:
        raise BuildLocked(exc) from exc


def _generate(config: DigestConfig, report: Report, overrides, use_cache: bool, started: float) -> BuildResult:
    sources = list_sources(config.seeds_dir)
    cache = ExtractionCache(config.cache_dir, settings=repr(config.subject)) if use_cache else None
    articles, rejected = extract_articles(sources, config, report, cache)
    articles, rejected = _reject_page_clashes(config, articles, rejected, report)
    articles = mark_duplicates(articles, report)
    settings = GroupingSettings(max_gap_days=config.trip_max_gap_days,
                                region=frozenset(config.trip_region) or None,
                                home_country=config.subject.country)
    overrides = overrides.check_articles({a.file for a in articles if a.duplicate_of is None}, report)
    articles, trips = group_trips(articles, settings, country_name, overrides)
    check_trips(articles, trips, settings, report)
    check_months(articles, trips, report)
    digest = Digest(articles=articles, trips=trips, rejected=rejected)

    pages = build_pages(digest, config.site_title, config.subject.name, country_name, _role_and_country)
    pages.append(Page(DIGEST_JSON, digest_json(digest)))
    try:
        now = build_time(digest.articles)
    except ValueError as exc:  # a malformed SOURCE_DATE_EPOCH
        raise BuildError(str(exc)) from exc
    pages.append(Page(ATOM_FEED, atom_feed(digest, config.site_title, config.subject.name, now, config.site_url)))
    pages.append(Page(TRIPS_CALENDAR, trips_calendar(digest, config.site_title, config.subject.name, country_name,
                                                     now, config.site_url)))
    written = write_pages(config.docs_dir, pages, report)
    write_report(config.cache_dir / REPORT_NAME, report)
    return BuildResult(digest, report, written, len(sources), time.perf_counter() - started)
