"""Which agency or outlet an article comes from: AFP, Reuters, ATS, Belga, ...

Only positions where a text names its own source count:

* the dateline: ``ANKARA, 6 novembre (Reuters) -``, ``DOHA (Reuters) -``;
* credit lines: ``(Avec AFP)``, ``/ATS``, ``(BELGA)``, ``Source : AFP``, ``Le Figaro avec AFP``,
  a bare agency name on one of the last lines, and an agency in parentheses ending the
  last paragraph (``... a-t-il dit. (AFP)``);
* the credits the cleaner took out of the text.

A photo credit (``Photo POOL / AFP``) and a mention in a sentence (``selon un décompte de
l'AFP``) are not the article's source. Aliases and canonical names are in
``digest/data/sources.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import yaml

from .spelling import fold_in_place as _fold
from .spelling import plain_typography as _normalize

__all__ = ["extract_source", "canonical_source", "SOURCES_FILE"]

SOURCES_FILE = Path(__file__).resolve().parents[1] / "data" / "sources.yaml"


_CAPTION_RE = re.compile(r"\bphotos?\b|\u00a9|\bcredits?\b|\bimages?\b|\billustration\b|\bpool\b",
                         re.IGNORECASE)
_SEPARATORS_RE = re.compile(r"(?:[\s/,;&+.:-]|\bet\b|\band\b)+", re.IGNORECASE)
_DASH = "-\u2010\u2011\u2012\u2013\u2014\u2015=:"
# Dateline: optional place (and date), the agency in parentheses, then a dash.
_DATELINE_RE = re.compile(
    rf"^\s*(?:[A-Z][^\n().!?]{{0,80}}?(?:\([^()\n]{{1,30}}\)[^\n().!?]{{0,40}}?)?\s*)?"
    rf"\((?P<inner>[^()\n]{{1,60}})\)\s*[{_DASH}]")
_LEADING_PAREN_RE = re.compile(r"^\s*\((?P<inner>[^()\n]{1,60})\)\s")
_TRAILING_PAREN_RE = re.compile(r"[.!?\u00bb\"')]\s*\((?P<inner>[^()\n]{1,60})\)\s*$")
_TRAILING_SLASH_RE = re.compile(r"[.!?\u00bb\"')]\s*/\s*(?P<inner>[^/\n]{1,40})$")
_INTRO_RE = re.compile(r"^(?:avec|source|sources|d'apres|selon|par|via)\b\s*:?\s*", re.IGNORECASE)
_WITH_RE = re.compile(r"\bavec\s+(?P<rest>.+)$", re.IGNORECASE)


def _alias_pattern(alias: str) -> str:
    parts = re.split(r"[\s-]+", _fold(alias).strip())
    return r"[\s-]*".join(re.escape(part) for part in parts if part)


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], re.Pattern[str]]:
    """Folded, lower-case alias -> canonical name, and one whole-word pattern for all."""
    raw = yaml.safe_load(SOURCES_FILE.read_text(encoding="utf-8")) or {}
    mapping: dict[str, str] = {}
    for canonical, aliases in (raw.get("sources") or {}).items():
        for alias in [canonical, *(aliases or [])]:
            key = re.sub(r"[\s-]+", " ", _fold(str(alias)).strip().lower())
            mapping.setdefault(key, str(canonical))
    alternatives = sorted(mapping, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w'])(?:" + "|".join(_alias_pattern(a) for a in alternatives) + r")(?![\w])",
                         re.IGNORECASE)
    return mapping, pattern


def _canonical_of(matched: str) -> str | None:
    mapping, _ = _table()
    return mapping.get(re.sub(r"[\s-]+", " ", matched.strip().lower()))


def canonical_source(name: str) -> str | None:
    """The canonical name for an alias ('agence france-presse' -> 'AFP'), or None."""
    return _canonical_of(_fold(_normalize(name)))


def _only_sources(fragment: str) -> str | None:
    """The first source when fragment is nothing but sources and separators ('AFP/Reuters')."""
    _, pattern = _table()
    matches = list(pattern.finditer(fragment))
    if not matches:
        return None
    if _SEPARATORS_RE.sub("", pattern.sub("", fragment)):
        return None
    return _canonical_of(matches[0].group(0))


def _from_credit_line(line: str, bare_ok: bool) -> str | None:
    """'(Avec AFP)', '/ATS', '(BELGA)', 'Source : AFP', 'Le Figaro avec AFP', 'AFP'."""
    line = line.strip()
    if not line or _CAPTION_RE.search(line) or len(line.split()) > 10:
        return None
    parenthesized = line.startswith("(") and line.endswith(")")
    inner = line[1:-1].strip() if parenthesized else line
    slashed = inner.startswith("/")
    inner = inner.lstrip("/").strip().rstrip(".").strip()
    introduced = bool(_INTRO_RE.match(inner))
    core = _INTRO_RE.sub("", inner)
    found = _only_sources(core)
    if found and (parenthesized or slashed or introduced or bare_ok):
        return found
    with_part = _WITH_RE.search(inner)
    if with_part:
        return _only_sources(with_part.group("rest"))
    return None


def _paragraphs(text: str) -> list[str]:
    return [chunk for chunk in re.split(r"\n[ \t]*\n", text) if chunk.strip()]


def _from_dateline(paragraphs: list[str]) -> str | None:
    for paragraph in paragraphs[:5]:
        if _CAPTION_RE.search(paragraph[:200]):
            continue
        for regex in (_DATELINE_RE, _LEADING_PAREN_RE):
            match = regex.match(paragraph)
            if match:
                found = _only_sources(match.group("inner"))
                if found:
                    return found
    return None


def extract_source(text: str, credits: Sequence[str] = ()) -> str | None:
    """The agency or outlet the article names as its source, canonical ('AFP'), or None."""
    folded = _fold(_normalize(text or ""))
    paragraphs = _paragraphs(folded)
    found = _from_dateline(paragraphs)
    if found:
        return found
    for credit in credits or ():
        for line in _fold(_normalize(credit)).splitlines():
            found = _from_credit_line(line, bare_ok=True)
            if found:
                return found
    lines = [line for line in folded.splitlines() if line.strip()]
    tail = len(lines) - 3
    for number, line in enumerate(lines):
        found = _from_credit_line(line, bare_ok=number >= tail)
        if found:
            return found
    if paragraphs:
        last = paragraphs[-1].strip()
        if not _CAPTION_RE.search(last[-80:]):
            for regex in (_TRAILING_PAREN_RE, _TRAILING_SLASH_RE):
                match = regex.search(last)
                if match:
                    found = _only_sources(_INTRO_RE.sub("", match.group("inner").strip()))
                    if found:
                        return found
    return None
