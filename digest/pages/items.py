"""Pieces of Markdown that several pages share: article and trip list items, labels."""

from __future__ import annotations

from functools import lru_cache

from ..french import NBSP, format_when, plural
from ..group import format_span
from ..markdown import escape_line, link
from ..model import Article, Trip
from .links import article_path, relative, trip_path

ITEMS_KEPT = 1 << 16
"""List items remembered across builds: two per article (from the home page, from a folder)."""


def label(name: str) -> str:
    """'**Étapes :**' with the non-breaking space French puts before a colon."""
    return f"**{name}{NBSP}:**"


def article_item(article: Article, source_page: str, with_lead: bool = True) -> list[str]:
    sources = ", ".join(s for s in dict.fromkeys((article.source, *article.other_sources)) if s)
    lead = article.lead if with_lead and article.lead != article.title else ""
    return list(_article_item_lines(article.title, relative(source_page, article_path(article)),
                                    format_when(article.date, article.month), sources, lead))


@lru_cache(maxsize=ITEMS_KEPT)
def _article_item_lines(title: str, target: str, when: str, sources: str, lead: str) -> tuple[str, ...]:
    """An article is listed on five pages or so, from two depths of folder, and again at each
    build of a `mkdocs serve`: its escaped lines are made once."""
    meta = f" — {when}" + (f" · {escape_line(sources)}" if sources else "")
    first = f"- {link(title, target)}{meta}"
    return (first + "  ", f"  {escape_line(lead)}") if lead else (first,)


def trip_span(trip: Trip) -> str:
    return format_span(trip.start, trip.end, trip.month)


def trip_item(trip: Trip, source_page: str, article_count: int | None = None) -> list[str]:
    line = f"- {link(trip.title, relative(source_page, trip_path(trip)))}"
    if article_count is not None:
        line += f" · {plural(article_count, 'article')}"
    return [line]
