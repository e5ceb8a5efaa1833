"""Editorial decisions about trips, read from `trips.yml`; they override what digest infers.

Trips are named by one of their articles (a file name), never by an inferred id,
since inferred ids move when articles are added. See the README for the format.
Shape errors (bad YAML, unknown key, wrong type) are configuration errors: the
build stops before writing. A file name that matches no article is a warning,
checked once the articles are known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .report import Report

TRIPS_FILE = "trips.yml"
_TRIP_KEYS = {"article", "id", "title", "ordinal"}
_TOP_KEYS = {"trips", "pin", "merge", "split"}
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


@dataclass(frozen=True)
class TripEdit:
    article: str  # any article of the trip
    id: str | None = None
    title: str | None = None
    ordinal: int | None = None
    line: int | None = None


@dataclass(frozen=True)
class TripOverrides:
    edits: tuple[TripEdit, ...] = ()
    # article -> article whose trip it joins, or None to keep it outside every trip.
    pins: dict[str, str | None] = field(default_factory=dict)
    merges: tuple[tuple[str, ...], ...] = ()
    splits: tuple[tuple[str, ...], ...] = ()
    lines: dict[str, int] = field(default_factory=dict)  # file name -> line, for messages
    path: str = TRIPS_FILE

    def named_articles(self) -> set[str]:
        names = {edit.article for edit in self.edits} | set(self.pins)
        names |= {target for target in self.pins.values() if target}
        for group in (*self.merges, *self.splits):
            names |= set(group)
        return names

    def check_articles(self, known: set[str], report: Report) -> "TripOverrides":
        """Warn about names that match no article; the overrides that name them are ignored."""
        unknown = self.named_articles() - known
        for name in sorted(unknown):
            report.warning("override-unknown-article", f"'{name}' is not an article of the seeds folder",
                           file=self.path, line=self.lines.get(name), action="this override is ignored")
        if not unknown:
            return self
        return TripOverrides(
            edits=tuple(e for e in self.edits if e.article not in unknown),
            pins={a: t for a, t in self.pins.items() if a not in unknown and t not in unknown},
            merges=tuple(g for g in (tuple(x for x in g if x not in unknown) for g in self.merges) if len(g) > 1),
            splits=tuple(g for g in (tuple(x for x in g if x not in unknown) for g in self.splits) if g),
            lines=self.lines, path=self.path)


def _line_index(text: str) -> dict[str, int]:
    """First line each scalar appears on, to point messages at the right place."""
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        for token in re.findall(r"[^\s:\[\],'\"#-][^\s:\[\],'\"#]*", line):
            lines.setdefault(token, number)
    return lines


def load_overrides(root: Path, report: Report, name: str = TRIPS_FILE) -> TripOverrides:
    path = root / name
    if not path.exists():
        return TripOverrides(path=str(path))
    text = path.read_text(encoding="utf-8-sig")
    where = {"file": str(path), "action": "nothing was written"}
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        report.error("overrides-syntax", f"invalid YAML: {getattr(exc, 'problem', exc)}",
                     line=mark.line + 1 if mark else None, **where)
        return TripOverrides(path=str(path))
    lines = _line_index(text)
    if not isinstance(data, dict):
        report.error("overrides-shape", "expected a mapping with trips, pin, merge or split", line=1, **where)
        return TripOverrides(path=str(path))
    for key in sorted(set(data) - _TOP_KEYS):
        report.error("overrides-unknown-key", f"unknown key '{key}' (known: {', '.join(sorted(_TOP_KEYS))})",
                     line=lines.get(str(key)), **where)
    edits = tuple(_edits(data.get("trips") or [], lines, report, where))
    pins = _pins(data.get("pin") or {}, lines, report, where)
    merges = tuple(_groups(data.get("merge") or [], "merge", 2, lines, report, where))
    splits = tuple(_groups(data.get("split") or [], "split", 1, lines, report, where))
    return TripOverrides(edits, pins, merges, splits, lines, str(path))


def _edits(entries, lines, report: Report, where) -> list[TripEdit]:
    if not isinstance(entries, list):
        report.error("overrides-type", "'trips' must be a list", line=lines.get("trips"), **where)
        return []
    edits = []
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("article"), str):
            report.error("overrides-type", "each entry of 'trips' needs 'article': a file name of the trip",
                         line=lines.get("trips"), **where)
            continue
        line = lines.get(entry["article"])
        unknown = set(entry) - _TRIP_KEYS
        if unknown:
            report.error("overrides-unknown-key", f"unknown trip setting(s): {', '.join(sorted(map(str, unknown)))}"
                         f" (known: {', '.join(sorted(_TRIP_KEYS))})", line=line, **where)
            continue
        ident, title, ordinal = entry.get("id"), entry.get("title"), entry.get("ordinal")
        if ident is not None and (not isinstance(ident, str) or not _ID.match(ident)):
            report.error("overrides-type", f"trip id {ident!r} must be lower-case letters, digits and dashes",
                         line=line, **where)
            continue
        if title is not None and (not isinstance(title, str) or not title.strip()):
            report.error("overrides-type", "trip title must be text", line=line, **where)
            continue
        if ordinal is not None and (not isinstance(ordinal, int) or isinstance(ordinal, bool) or ordinal < 1):
            report.error("overrides-type", f"trip ordinal {ordinal!r} must be a whole number from 1",
                         line=line, **where)
            continue
        edits.append(TripEdit(entry["article"], ident, title, ordinal, line))
    return edits


def _pins(entries, lines, report: Report, where) -> dict[str, str | None]:
    if not isinstance(entries, dict) or not all(isinstance(k, str) and (v is None or isinstance(v, str))
                                                for k, v in entries.items()):
        report.error("overrides-type", "'pin' maps an article to an article of the trip it belongs to, or null",
                     line=lines.get("pin"), **where)
        return {}
    return dict(entries)


def _groups(entries, key: str, minimum: int, lines, report: Report, where) -> list[tuple[str, ...]]:
    if not isinstance(entries, list) or not all(
            isinstance(g, list) and len(g) >= minimum and all(isinstance(x, str) for x in g) for g in entries):
        report.error("overrides-type", f"'{key}' must be a list of lists of at least {minimum} file name(s)",
                     line=lines.get(key), **where)
        return []
    return [tuple(g) for g in entries]
