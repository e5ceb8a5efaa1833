"""The timeline (chronologie): every trip and off-trip article in order, drawn in HTML and CSS.

An overview strip places each trip's span on a scale of months; below it a
vertical timeline lists, month by month, the trips with their stops and the
articles outside any trip. Links inside the vertical list are Markdown (through
md_in_html), so MkDocs checks them; the strip's links are computed URLs.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath

from babel.dates import format_date

from ..french import LOCALE, de, format_month_title, format_when, plural
from ..markdown import document, escape_line, link
from ..model import Article, Page, Trip
from .items import trip_span
from .links import TIMELINE, article_path, relative, trip_path, url_of
from .site import Site, months_between


def _short_day(day: dt.date) -> str:
    return format_date(day, "d MMM", locale=LOCALE)


def _entry_day(entry: Trip | Article) -> dt.date:
    if isinstance(entry, Trip):
        return entry.start or dt.date.fromisoformat(entry.month + "-01")
    return entry.date or dt.date.fromisoformat(entry.month + "-01")


def _entry_month(entry: Trip | Article) -> str:
    return _entry_day(entry).strftime("%Y-%m")


def _strip(site: Site, entries: list[Trip | Article]) -> list[str]:
    """The overview: months as ticks on a scale, trips as spans, off-trip articles as dots."""
    if not site.months:
        return []
    months = months_between(dt.date.fromisoformat(site.months[0] + "-01"),
                             dt.date.fromisoformat(site.months[-1] + "-01"))
    first = dt.date.fromisoformat(months[0] + "-01")
    last_month = dt.date.fromisoformat(months[-1] + "-01")
    end = (last_month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    total = max((end - first).days, 1)
    here_url = url_of(TIMELINE)

    def percent(day: dt.date) -> float:
        return round(100 * (day - first).days / total, 2)

    parts = ['<div class="dg-strip" role="img" aria-label="Vue d’ensemble des tournées">',
             '<div class="dg-strip__track">']
    for month in months:
        day = dt.date.fromisoformat(month + "-01")
        label = format_date(day, "MMM yy", locale=LOCALE)
        parts.append(f'<span class="dg-strip__month" style="left:{percent(day)}%">{html.escape(label)}</span>')
    for entry in entries:
        if isinstance(entry, Trip):
            start = _entry_day(entry)
            stop = entry.end or start
            width = max(percent(stop + dt.timedelta(days=1)) - percent(start), 0.6)
            href = html.escape(_relative_url(here_url, url_of(trip_path(entry))))
            text = html.escape(entry.title)
            parts.append(f'<a class="dg-strip__trip" style="left:{percent(start)}%;width:{width:.2f}%" '
                         f'href="{href}" title="{text}"></a>')
        else:
            parts.append(f'<span class="dg-strip__event" style="left:{percent(_entry_day(entry))}%" '
                         f'title="{html.escape(entry.title)}"></span>')
    parts += ["</div>", "</div>", ""]
    return parts


def _relative_url(source_url: str, target_url: str) -> str:
    return posixpath.relpath(target_url or ".", source_url or ".") + "/"


def _trip_block(trip: Trip, site: Site) -> list[str]:
    here = TIMELINE
    days = (trip.end - trip.start).days + 1 if trip.start and trip.end else 1
    stops = []
    for stop in trip.stops:
        when = f" <small>{html.escape(_short_day(stop.day))}</small>" if stop.day else ""
        stops.append(f'<span class="dg-stop">{html.escape(stop.place.name)}{when}</span>')
    lines = [f'<div class="dg-tl__item dg-tl__item--trip" style="--days:{days}" markdown>',
             f'<span class="dg-tl__date">{html.escape(trip_span(trip))}</span>', "",
             f"**{link(trip.title, relative(here, trip_path(trip)))}**", ""]
    if stops:
        lines += [f'<span class="dg-stops">{" ".join(stops)}</span>', ""]
    lines += [f'<span class="dg-tl__count">{plural(len(trip.articles), "article")}</span>', "", "</div>", ""]
    return lines


def _event_block(article: Article) -> list[str]:
    here = TIMELINE
    places = ", ".join(p.name for p in article.stops)
    where = f" · {escape_line(places)}" if places else ""
    return ['<div class="dg-tl__item dg-tl__item--event" markdown>',
            f'<span class="dg-tl__date">{html.escape(format_when(article.date, article.month))}</span>', "",
            f"{link(article.title, relative(here, article_path(article)))}{where} *(hors tournée)*", "",
            "</div>", ""]


def timeline_page(site: Site) -> Page:
    entries: list[Trip | Article] = list(site.trips) + [a for a in site.articles if a.trip is None]
    entries.sort(key=lambda e: (_entry_day(e), isinstance(e, Article), getattr(e, "id", "") or e.file))
    off_trip = len(entries) - len(site.trips)
    lines = ["# Chronologie", "",
             f"{plural(len(site.trips), 'tournée')} et "
             f"{plural(off_trip, 'article') if off_trip else 'aucun article'} hors tournée, dans l’ordre.", ""]
    lines += _strip(site, entries)
    lines += ['<div class="dg-tl" markdown>', ""]
    current = None
    for entry in entries:
        month = _entry_month(entry)
        if month != current:
            current = month
            lines += ['<div class="dg-tl__month" markdown>', "", f"## {format_month_title(month)}", "", "</div>", ""]
        lines += _trip_block(entry, site) if isinstance(entry, Trip) else _event_block(entry)
    lines += ["</div>", ""]
    if not entries:
        lines.append("Rien à montrer pour l’instant.")
    front = {"title": "Chronologie", "description": f"Les tournées {de(site.subject)}, dans l’ordre."}
    return Page(TIMELINE, document(front, "\n".join(lines)))
