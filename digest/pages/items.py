"""Pieces of Markdown that several pages share: article and trip list items, labels."""

from __future__ import annotations

from ..french import NBSP, format_when, plural
from ..group import format_span
from ..markdown import escape_line, link
from ..model import Article, Trip
from .links import article_path, relative, trip_path


def label(name: str) -> str:
    """'**Étapes :**' with the non-breaking space French puts before a colon."""
    return f"**{name}{NBSP}:**"


def article_item(article: Article, source_page: str, with_lead: bool = True) -> list[str]:
    when = format_when(article.date, article.month)
    sources = ", ".join(s for s in dict.fromkeys((article.source, *article.other_sources)) if s)
    meta = f" — {when}" + (f" · {escape_line(sources)}" if sources else "")
    lines = [f"- {link(article.title, relative(source_page, article_path(article)))}{meta}"]
    if with_lead and article.lead and article.lead != article.title:
        lines[0] += "  "
        lines.append(f"  {escape_line(article.lead)}")
    return lines


def trip_span(trip: Trip) -> str:
    return format_span(trip.start, trip.end, trip.month)


def trip_item(trip: Trip, source_page: str, article_count: int | None = None) -> list[str]:
    line = f"- {link(trip.title, relative(source_page, trip_path(trip)))}"
    if article_count is not None:
        line += f" · {plural(article_count, 'article')}"
    return [line]
