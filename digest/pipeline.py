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
from .extract.articles import extract_articles
from .group import GroupingSettings, check_months, check_trips, group_trips
from .ingest import list_sources
from .model import Digest, Page
from .overrides import load_overrides
from .pages import build_pages
from .report import Report
from .report import REPORT_NAME, write_report
from .write import WriteResult, write_pages


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


def _role_and_country(name: str) -> tuple[str, str]:
    profile = person_profile(name)
    return profile.role, profile.country


def build(config: DigestConfig, report: Report | None = None, use_cache: bool = True) -> BuildResult:
    started = time.perf_counter()
    report = report or Report()
    if report.errors:
        raise BuildError("invalid configuration: " + "; ".join(str(i) for i in report.errors))
    if not config.seeds_dir.is_dir():
        raise BuildError(f"seeds folder not found: {config.seeds_dir} (create it and put .txt articles in it)")

    overrides = load_overrides(config.root, report)
    if report.errors:
        raise BuildError("invalid trips.yml: " + "; ".join(str(i) for i in report.errors))
    sources = list_sources(config.seeds_dir)
    cache = ExtractionCache(config.cache_dir, settings=repr(config.subject)) if use_cache else None
    articles, rejected = extract_articles(sources, config, report, cache)
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
    written = write_pages(config.docs_dir, pages, report)
    write_report(config.cache_dir / REPORT_NAME, report)
    return BuildResult(digest, report, written, len(sources), time.perf_counter() - started)
