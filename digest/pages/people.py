"""A page per person met and per place visited, with their trips and articles; indexes by country."""

from __future__ import annotations

from collections import defaultdict

from ..french import de, plural
from ..markdown import document, escape_line, link
from ..model import Page
from .items import article_item, trip_item
from .links import PEOPLE, PLACES, index_path, person_path, place_path, relative
from .maps import places_map
from .site import PersonEntry, PlaceEntry, Site

OTHER_COUNTRY = "Autres"


def _trips_and_articles(entry, here: str, verb: str) -> list[str]:
    lines: list[str] = []
    if entry.trips:
        lines += ["## Tournées", ""]
        for trip in entry.trips:
            lines += trip_item(trip, here)
        lines.append("")
    lines += ["## Articles", "", f"{plural(len(entry.articles), 'article')} {verb}.", ""]
    for article in entry.articles:
        lines += article_item(article, here)
    return lines + [""]


def person_page(entry: PersonEntry, site: Site) -> Page:
    here = person_path(entry.slug)
    lines = [f"# {escape_line(entry.name)}", ""]
    facts = [escape_line(entry.role)] if entry.role else []
    if entry.country:
        facts.append(escape_line(site.country_name(entry.country)))
    if facts:
        lines += [" · ".join(facts), ""]
    lines += _trips_and_articles(entry, here, f"relatant une rencontre avec {escape_line(site.subject)}")
    front = {"title": entry.name, "description": f"{entry.name} : rencontres avec {site.subject}."}
    return Page(here, document(front, "\n".join(lines)))


def place_page(entry: PlaceEntry, site: Site) -> Page:
    here = place_path(entry.slug)
    country = site.country_name(entry.place.country)
    lines = [f"# {escape_line(entry.place.name)}", ""]
    if country != entry.place.name:
        lines += [escape_line(country), ""]
    lines += _trips_and_articles(entry, here, f"qui y situent {escape_line(site.subject)}")
    front = {"title": entry.place.name, "description": f"{entry.place.name} ({country}) : étapes {de(site.subject)}."}
    return Page(here, document(front, "\n".join(lines)))


def _grouped_by_country(entries, country_of, site: Site) -> list[tuple[str, list]]:
    groups = defaultdict(list)
    for entry in entries:
        code = country_of(entry)
        groups[site.country_name(code) if code else OTHER_COUNTRY].append(entry)
    return sorted(groups.items(), key=lambda item: (item[0] == OTHER_COUNTRY, item[0]))


def people_index(site: Site) -> Page:
    here = index_path(PEOPLE)
    lines = ["# Personnes", "", f"Les personnalités que {escape_line(site.subject)} rencontre, par pays.", ""]
    for country, entries in _grouped_by_country(site.people, lambda e: e.country, site):
        lines += [f"## {escape_line(country)}", ""]
        for entry in sorted(entries, key=lambda e: e.name):
            role = f", {escape_line(entry.role)}" if entry.role else ""
            lines.append(f"- {link(entry.name, relative(here, person_path(entry.slug)))}{role} · "
                         f"{plural(len(entry.articles), 'article')}")
        lines.append("")
    if not site.people:
        lines.append("Aucune rencontre repérée pour l’instant.")
    front = {"title": "Personnes", "description": f"Les personnalités rencontrées par {site.subject}."}
    return Page(here, document(front, "\n".join(lines)))


def places_index(site: Site) -> Page:
    here = index_path(PLACES)
    lines = ["# Lieux", "", f"Les étapes {de(escape_line(site.subject))}, par pays.", ""]
    lines += places_map(site, here)
    for country, entries in _grouped_by_country(site.places, lambda e: e.place.country, site):
        lines += [f"## {escape_line(country)}", ""]
        for entry in sorted(entries, key=lambda e: (e.place.name != country, e.place.name)):
            lines.append(f"- {link(entry.place.name, relative(here, place_path(entry.slug)))} · "
                         f"{plural(len(entry.trips), 'tournée')}, {plural(len(entry.articles), 'article')}")
        lines.append("")
    if not site.places:
        lines.append("Aucune étape repérée pour l’instant.")
    front = {"title": "Lieux", "description": f"Les étapes {de(site.subject)}, par pays."}
    return Page(here, document(front, "\n".join(lines)))


def people_and_places_pages(site: Site) -> list[Page]:
    pages = [person_page(entry, site) for entry in site.people]
    pages += [place_page(entry, site) for entry in site.places]
    return pages + [people_index(site), places_index(site)]
