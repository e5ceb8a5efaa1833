"""The build's settings: one typed dataclass, read from `digest.yml` when there is one.

Unknown keys and wrong types are collected as errors naming the file and line,
so a typo in the configuration stops the build before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from pathlib import Path

import yaml

from .report import Report

CONFIG_NAME = "digest.yml"


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
