"""Trip pages: the itinerary day by day, the people met, the articles in order; and the list of trips."""

from __future__ import annotations

from collections import defaultdict

from ..french import capitalize, de, format_day, plural
from ..markdown import document, escape_line, link
from ..model import Page, Trip
from .items import article_item, label, trip_item, trip_span
from .links import TRIPS, index_path, person_path, place_path, relative, trip_path
from .maps import UNDATED, trip_map
from .site import Site


def _itinerary_lines(trip: Trip, site: Site, here: str) -> list[str]:
    if not trip.stops:
        return ["Aucune étape n’a pu être située dans les articles de cette tournée.", ""]
    by_day = defaultdict(list)
    for stop in trip.stops:
        by_day[stop.day].append(stop)
    lines = ["## Itinéraire", "", *trip_map(trip, site, here)]
    for day in sorted(by_day, key=lambda d: (d is None, d)):
        heading = format_day(day) if day else UNDATED
        lines += [f"### {capitalize(heading)}", ""]
        for stop in by_day[day]:
            place = stop.place
            name = escape_line(place.name)
            if place in site.place_slug:
                name = link(place.name, relative(here, place_path(site.place_slug[place])))
            country = site.country_name(place.country)
            suffix = f" ({escape_line(country)})" if country != place.name else ""
            lines.append(f"- {name}{suffix}")
        lines.append("")
    return lines


def _people_lines(trip: Trip, site: Site, here: str) -> list[str]:
    if not trip.people:
        return []
    lines = ["## Rencontres", ""]
    for name in trip.people:
        role, _country = site.profile(name)
        entry = link(name, relative(here, person_path(site.person_slug[name]))) if name in site.person_slug \
            else escape_line(name)
        lines.append(f"- {entry}" + (f", {escape_line(role)}" if role else ""))
    return lines + [""]


def trip_page(trip: Trip, site: Site) -> Page:
    here = trip_path(trip)
    articles = site.trip_articles(trip)
    countries = ", ".join(site.country_name(c) for c in trip.countries)
    lines = [f"# {escape_line(trip.title)}", ""]
    lines += [f"{label('Dates')} {trip_span(trip)}  ", f"{label('Pays')} {escape_line(countries) or '—'}  ",
              f"{label('Articles')} {len(articles)}", ""]
    lines += _itinerary_lines(trip, site, here)
    lines += _people_lines(trip, site, here)
    lines += ["## Articles", ""]
    for article in articles:
        lines += article_item(article, here)
    lines.append("")
    before, after = site.neighbours(trip)
    if before or after:
        lines += ["---", ""]
        if before:
            lines += [f"← Tournée précédente : {link(before.title, relative(here, trip_path(before)))}  "]
        if after:
            lines += [f"→ Tournée suivante : {link(after.title, relative(here, trip_path(after)))}"]
        lines.append("")
    description = f"{trip.title}. " + (f"Étapes : {countries}." if countries else "")
    front = {"title": trip.title, "description": description, "trip": trip.id,
             "start": trip.start.isoformat() if trip.start else None,
             "end": trip.end.isoformat() if trip.end else None, "countries": list(trip.countries)}
    front = {k: v for k, v in front.items() if v not in (None, [])}
    return Page(here, document(front, "\n".join(lines)))


def trips_index(site: Site) -> Page:
    here = index_path(TRIPS)
    lines = ["# Tournées", "",
             f"{plural(len(site.trips), 'tournée')} {de(escape_line(site.subject))}, de la plus ancienne à la plus récente.",
             ""]
    for trip in site.trips:
        lines += trip_item(trip, here, len(trip.articles))
    if not site.trips:
        lines.append("Aucune tournée pour l’instant.")
    front = {"title": "Tournées", "description": f"Toutes les tournées {de(site.subject)}."}
    return Page(here, document(front, "\n".join(lines)))
