"""Maps on the trip pages and the places index: the points as JSON in a `<div class="dg-map">`.

docs/javascripts/maps.js draws them with Leaflet (shipped with the site, no CDN).
The page carries data only, so it renders without JavaScript (the container is
then hidden by CSS: the itinerary is also written out as text). Titles come from
scraped articles: the JSON is attribute-escaped, and the script inserts every
string as text, never as HTML.
"""

from __future__ import annotations

import html
import json
import posixpath
from functools import lru_cache

from ..french import capitalize, format_day, plural
from ..model import Article, Place, Trip
from .links import article_path, place_path, url_of
from .site import Site

UNDATED = "Jour non précisé"


@lru_cache(maxsize=1 << 16)  # relpath makes both paths absolute (a getcwd each), for every stop's articles
def href(source: str, target: str) -> str:
    """URL of page `target` relative to the URL of page `source` (both docs/ paths), as a browser resolves it.

    Unlike Markdown links, data attributes are not rewritten by MkDocs, so this
    follows its directory URLs itself.

    >>> href("voyages/2023-11-06.md", "articles/a.md"), href("lieux/index.md", "lieux/ankara.md")
    ('../../articles/a/', 'ankara/')
    """
    return posixpath.relpath(url_of(target) or ".", url_of(source) or ".") + "/"


def _located(place: Place) -> bool:
    return place.lat is not None and place.lon is not None


def map_block(points: list[dict], label: str, line: bool) -> list[str]:
    """The map's container, or nothing when no point has coordinates."""
    if not points:
        return []
    data = html.escape(json.dumps(points, ensure_ascii=False, separators=(",", ":")), quote=True)
    kind = "itinerary" if line else "places"
    return [f'<div class="dg-map" data-kind="{kind}" data-stops="{data}" role="region" '
            f'aria-label="{html.escape(label, quote=True)}"></div>', ""]


def _article_links(files: tuple[str, ...], site: Site, here: str) -> list[dict]:
    shown: dict[str, Article] = {}
    for file in files:
        article = site.by_file.get(file)
        if article and article.duplicate_of:
            article = site.by_file.get(article.duplicate_of, article)
        if article:
            shown.setdefault(article.file, article)
    return [{"title": a.title, "url": href(here, article_path(a))} for a in shown.values()]


def trip_points(trip: Trip, site: Site, here: str) -> list[dict]:
    """The trip's stops with coordinates, in itinerary order, each with its day and articles."""
    points = []
    for stop in trip.stops:
        place = stop.place
        if not _located(place):
            continue
        point = {"name": place.name, "lat": place.lat, "lon": place.lon,
                 "day": capitalize(format_day(stop.day)) if stop.day else UNDATED,
                 "articles": _article_links(stop.articles, site, here)}
        if place in site.place_slug:
            point["url"] = href(here, place_path(site.place_slug[place]))
        points.append(point)
    return points


def trip_map(trip: Trip, site: Site, here: str) -> list[str]:
    return map_block(trip_points(trip, site, here), "Carte de l’itinéraire", line=True)


def places_points(site: Site, here: str) -> list[dict]:
    """Every place visited that has coordinates, by name, linking to its page."""
    return [{"name": entry.place.name, "lat": entry.place.lat, "lon": entry.place.lon,
             "url": href(here, place_path(entry.slug)),
             "note": f"{plural(len(entry.trips), 'tournée')}, {plural(len(entry.articles), 'article')}"}
            for entry in site.places if _located(entry.place)]


def places_map(site: Site, here: str) -> list[str]:
    return map_block(places_points(site, here), "Carte des étapes", line=False)
