"""The build, step by step: read everything, understand it, group it, then write.

As in Pelican's two phases, every article is read and extracted before anything
is written, so cross-article facts (duplicates, trips) exist before the first page.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from .cache import ExtractionCache
from .config import DigestConfig, extraction_workers
from .directory import country_name, person_profile
from .dedupe import mark_duplicates
from .exports import DIGEST_JSON, digest_json
from .clock import build_time
from .feeds import ATOM_FEED, TRIPS_CALENDAR, atom_feed, trips_calendar
from .extract.articles import extract_articles
from .extract.pool import WorkerFailed
from .group import GroupingSettings, check_months, check_trips, group_trips
from .ingest import list_sources
from .model import Article, Digest, Page
from .overrides import load_overrides
from .pages import article_path, build_pages
from .pages.links import ARTICLES
from .report import REPORT_NAME, Report, write_report
from .stamp import Stamp, build_key, load_stamp, save_stamp
from .slugs import distinct_slug
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


def _give_each_article_a_page(config: DigestConfig, articles: list[Article], report: Report) -> list[Article]:
    """An article whose page is taken moves to a slug of its own, so that no input is lost.

    Two names can share a slug ('a_b.txt' and 'a-b.txt'): the first by file name keeps it,
    the others get a suffix from a hash of their own name (`distinct_slug`), so which page
    each one has depends on nothing but the files that share its slug. A hand-written file
    always keeps its place; the article beside it moves and the build warns.
    """
    groups: dict[str, list[Article]] = defaultdict(list)
    for article in sorted(articles, key=lambda a: a.file):
        groups[article.slug].append(article)
    hand_made = hand_written(config.docs_dir, [article_path(a) for a in articles])
    used = set(groups)

    def taken(slug: str) -> bool:
        return slug in used or bool(hand_written(config.docs_dir, [f"{ARTICLES}/{slug}.md"]))

    placed: dict[str, Article] = {}
    for slug, group in sorted(groups.items()):
        path = f"{ARTICLES}/{slug}.md"
        keeper = None if path in hand_made else group[0]
        for article in group:
            if article is not keeper:
                moved = distinct_slug(article.file, taken)
                used.add(moved)
                where = f"docs/{ARTICLES}/{moved}.md"
                if keeper is None:
                    report.warning("hand-written-collision", f"its page docs/{path} is a hand-written file",
                                   file=article.file, action=f"kept the hand-written file; published as {where}")
                else:
                    report.info("slug-collision", f"its page docs/{path} is the page of {keeper.file}",
                                file=article.file, action=f"published as {where}")
                article = replace(article, slug=moved)
            placed[article.file] = article
    return [placed[article.file] for article in articles]


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
        workers = extraction_workers(config)
    except ValueError as exc:
        raise BuildError(str(exc)) from exc
    try:
        with docs_lock(config.docs_dir, wait=wait, report=report):
            return _generate(config, report, overrides, use_cache, workers, started)
    except DocsLocked as exc:
        raise BuildLocked(exc) from exc


def _generate(config: DigestConfig, report: Report, overrides, use_cache: bool, workers: int,
              started: float) -> BuildResult:
    sources = list_sources(config.seeds_dir)
    if use_cache:
        stamp = load_stamp(config.cache_dir, build_key(config, sources))
        if stamp is not None:  # nothing changed since the last build: replay it
            report.extend(stamp.report)
            write_report(config.cache_dir / REPORT_NAME, report)
            return BuildResult(stamp.digest, report, stamp.write, len(sources), time.perf_counter() - started)
    own_issues = len(report.issues)
    cache = ExtractionCache(config.cache_dir, settings=repr(config.subject)) if use_cache else None
    try:
        articles, rejected = extract_articles(sources, config, report, cache, workers)
    except WorkerFailed as exc:
        raise BuildError(str(exc)) from exc
    articles = _give_each_article_a_page(config, articles, report)
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
    now_in_docs = WriteResult(unchanged=sorted(written.written + written.unchanged), skipped=list(written.skipped))
    save_stamp(config.cache_dir, Stamp(build_key(config, sources), digest, Report(report.issues[own_issues:]),
                                       now_in_docs))
    return BuildResult(digest, report, written, len(sources), time.perf_counter() - started)
