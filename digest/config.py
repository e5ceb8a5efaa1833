"""The build's settings: one typed dataclass, read from `digest.yml` when there is one.

Unknown keys and wrong types are collected as errors naming the file and line,
so a typo in the configuration stops the build before anything is written.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

import yaml

from .report import Report

CONFIG_NAME = "digest.yml"
# Overrides digest.yml's `workers` for one run (DIGEST_WORKERS=1: everything in the build's process).
WORKERS_ENV = "DIGEST_WORKERS"


@dataclass(frozen=True)
class Subject:
    """The person whose trips the digest follows."""

    name: str = "Antony Blinken"
    # Ways the press refers to the subject; used to tell where *he* goes from where others go.
    aliases: tuple[str, ...] = (
        "Blinken",
        "M. Blinken",
        "Antony Blinken",
        "le secrétaire d'Etat",
        "le secrétaire d'État",
        "le chef de la diplomatie américaine",
        "le plus haut diplomate américain",
    )
    # The subject's compatriots are colleagues, not people he travels to meet.
    country: str = "US"


@dataclass(frozen=True)
class DigestConfig:
    # The project folder: digest.yml and trips.yml live here.
    root: Path = Path(".")
    seeds_dir: Path = Path("seeds")
    docs_dir: Path = Path("docs")
    cache_dir: Path = Path(".cache/digest")
    subject: Subject = field(default_factory=Subject)
    site_title: str = "Digest"
    # The published site's address: makes the feed's and the calendar's links absolute.
    # The MkDocs plugin sets it from mkdocs.yml's site_url; empty: links relative to the site.
    site_url: str = ""
    # Countries whose visits make a tour (ISO codes); empty: any country but the subject's.
    trip_region: tuple[str, ...] = ()
    # Days without news that still belong to one tour.
    trip_max_gap_days: int = 3
    # Processes that extract new articles; None: one per core. DIGEST_WORKERS overrides it.
    workers: int | None = None

    def resolved(self, root: Path) -> "DigestConfig":
        """Paths made absolute against the project root (the folder holding mkdocs.yml)."""
        return replace(
            self,
            root=root.resolve(),
            seeds_dir=(root / self.seeds_dir).resolve(),
            docs_dir=(root / self.docs_dir).resolve(),
            cache_dir=(root / self.cache_dir).resolve(),
        )


def _line_of(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith(f"{key}:"):
            return number
    return None


def load_config(root: Path, report: Report) -> DigestConfig:
    """Read `digest.yml` under root if present; defaults otherwise.

    Problems are added to report as errors: the caller must not write anything
    when there are errors.
    """
    path = root / CONFIG_NAME
    if not path.exists():
        return DigestConfig().resolved(root)
    text = path.read_text(encoding="utf-8-sig")
    try:
        raw = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        report.error("config-syntax", f"invalid YAML: {getattr(exc, 'problem', exc)}",
                     file=str(path), line=mark.line + 1 if mark else None,
                     action="nothing was written")
        return DigestConfig().resolved(root)
    if not isinstance(raw, dict):
        report.error("config-shape", "expected a mapping of settings", file=str(path), line=1,
                     action="nothing was written")
        return DigestConfig().resolved(root)

    known = {f.name for f in fields(DigestConfig)} - {"root"}
    values: dict = {}
    for key, value in raw.items():
        line = _line_of(text, str(key))
        if key not in known:
            report.error("config-unknown-key",
                         f"unknown setting '{key}' (known: {', '.join(sorted(known))})",
                         file=str(path), line=line, action="nothing was written")
            continue
        if key == "subject":
            subject = _subject_from(value, report, str(path), line)
            if subject:
                values[key] = subject
        elif key == "trip_region":
            if not isinstance(value, list) or not all(isinstance(v, str) and len(v) == 2 for v in value):
                report.error("config-type", "'trip_region' must be a list of two-letter country codes",
                             file=str(path), line=line, action="nothing was written")
                continue
            values[key] = tuple(v.upper() for v in value)
        elif key == "workers":
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                report.error("config-type", "'workers' must be a whole number of processes, 1 or more "
                             "(1 extracts in the build's own process)", file=str(path), line=line,
                             action="nothing was written")
                continue
            values[key] = value
        elif key == "trip_max_gap_days":
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                report.error("config-type", "'trip_max_gap_days' must be a whole number of days",
                             file=str(path), line=line, action="nothing was written")
                continue
            values[key] = value
        elif key.endswith("_dir"):
            if not isinstance(value, str):
                report.error("config-type", f"'{key}' must be a folder path", file=str(path), line=line,
                             action="nothing was written")
                continue
            values[key] = Path(value)
        else:
            if not isinstance(value, str):
                report.error("config-type", f"'{key}' must be text", file=str(path), line=line,
                             action="nothing was written")
                continue
            values[key] = value
    return DigestConfig(**values).resolved(root)


def _subject_from(value: object, report: Report, file: str, line: int | None) -> Subject | None:
    if not isinstance(value, dict) or not isinstance(value.get("name"), str):
        report.error("config-type", "'subject' must be a mapping with at least 'name'", file=file, line=line,
                     action="nothing was written")
        return None
    unknown = set(value) - {"name", "aliases", "country"}
    if unknown:
        report.error("config-unknown-key", f"unknown subject setting(s): {', '.join(sorted(unknown))}",
                     file=file, line=line, action="nothing was written")
        return None
    aliases = value.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        report.error("config-type", "'subject.aliases' must be a list of names", file=file, line=line,
                     action="nothing was written")
        return None
    name = value["name"]
    return Subject(name=name, aliases=tuple(dict.fromkeys([name, name.split()[-1], *aliases])),
                   country=str(value.get("country", "")).upper())


def extraction_workers(config: DigestConfig, environ: Mapping[str, str] = os.environ) -> int:
    """How many processes extract new articles: DIGEST_WORKERS, else digest.yml's `workers`, else one per core.

    ValueError (saying what to write instead) for a DIGEST_WORKERS that is not a whole number of 1 or more.
    """
    raw = environ.get(WORKERS_ENV, "").strip()
    if raw:
        if not raw.isdecimal() or int(raw) < 1:
            raise ValueError(f"{WORKERS_ENV}={raw!r} is not a number of processes: set it to a whole number, "
                             "1 or more (1 extracts in the build's own process), or unset it to use every core")
        return int(raw)
    if config.workers is not None:
        return config.workers
    return available_cores()


def available_cores() -> int:
    """The cores this process may run on (fewer than os.cpu_count() when pinned), at least 1."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1
