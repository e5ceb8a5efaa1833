"""Archive: one page per month with its articles grouped by trip, and an index by year."""

from __future__ import annotations

from collections import defaultdict

from ..french import format_month_title, plural
from ..markdown import document, link
from ..model import Article, Page, Trip
from .items import article_item, trip_span
from .links import MONTHS, index_path, month_path, relative, trip_path
from .site import Site, months_of_trip


def _trips_by_month(site: Site) -> dict[str, list[Trip]]:
    result: dict[str, list[Trip]] = defaultdict(list)
    for trip in site.trips:
        for month in months_of_trip(trip, site.trip_articles(trip)):
            result[month].append(trip)
    return result


def month_page(month: str, articles: list[Article], trips: list[Trip], site: Site) -> Page:
    here = month_path(month)
    title = format_month_title(month)
    lines = [f"# {title}", ""]
    lines += [f"{plural(len(articles), 'article')}, {plural(len(trips), 'tournée')}.", ""]
    for trip in trips:
        lines += [f"## {link(trip.title, relative(here, trip_path(trip)))}", "", f"*{trip_span(trip)}*", ""]
        in_month = [a for a in articles if a.trip == trip.id]
        for article in sorted(in_month, key=lambda a: a.sort_key):
            lines += article_item(article, here)
        if not in_month:
            lines.append("Pas d’article de cette tournée daté de ce mois.")
        lines.append("")
    outside = [a for a in articles if a.trip is None or a.trip not in {t.id for t in trips}]
    if outside:
        lines += ["## Hors tournée", ""]
        for article in sorted(outside, key=lambda a: a.sort_key):
            lines += article_item(article, here)
        lines.append("")
    neighbours = [m for m in site.months]
    index = neighbours.index(month)
    nav = []
    if index > 0:
        nav.append(f"← {link(format_month_title(neighbours[index - 1]), relative(here, month_path(neighbours[index - 1])))}")
    if index + 1 < len(neighbours):
        nav.append(f"{link(format_month_title(neighbours[index + 1]), relative(here, month_path(neighbours[index + 1])))} →")
    if nav:
        lines += ["---", "", " · ".join(nav), ""]
    front = {"title": title, "description": f"Les articles de {title.lower()}, par tournée.", "month": month}
    return Page(here, document(front, "\n".join(lines)))


def month_pages(site: Site) -> list[Page]:
    articles_by_month: dict[str, list[Article]] = defaultdict(list)
    for article in site.articles:
        articles_by_month[article.month].append(article)
    trips_by_month = _trips_by_month(site)
    pages = [month_page(m, articles_by_month.get(m, []), trips_by_month.get(m, []), site) for m in site.months]
    pages.append(_archive_index(site, articles_by_month, trips_by_month))
    return pages


def _archive_index(site: Site, articles_by_month, trips_by_month) -> Page:
    here = index_path(MONTHS)
    lines = ["# Archives", "", "Les articles mois par mois, rangés par tournée.", ""]
    by_year: dict[str, list[str]] = defaultdict(list)
    for month in site.months:
        by_year[month[:4]].append(month)
    for year in sorted(by_year, reverse=True):
        lines += [f"## {year}", ""]
        for month in sorted(by_year[year], reverse=True):
            counts = f"{plural(len(articles_by_month.get(month, [])), 'article')}, " \
                     f"{plural(len(trips_by_month.get(month, [])), 'tournée')}"
            lines.append(f"- {link(format_month_title(month), relative(here, month_path(month)))} — {counts}")
        lines.append("")
    if not site.months:
        lines.append("Aucun article pour l’instant.")
    front = {"title": "Archives", "description": "Les articles mois par mois."}
    return Page(here, document(front, "\n".join(lines)))


