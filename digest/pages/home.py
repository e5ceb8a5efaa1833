"""The home page: what the digest covers, the latest trip, the ways in; and the list of all articles."""

from __future__ import annotations

from ..french import capitalize, de, format_month, plural
from ..markdown import document, escape_line, link
from ..model import Article, Page
from .items import article_item, label, trip_span
from .links import HOME, MONTHS, PEOPLE, PLACES, TIMELINE, TRIPS, index_path, relative, trip_path
from .site import Site

DATA_LABEL = "Données"


def _coverage(site: Site) -> list[str]:
    months = site.months
    if not months:
        return ["Aucun article pour l’instant : déposez des fichiers texte dans le dossier `seeds/`.", ""]
    period = format_month(months[0]) if len(months) == 1 else \
        f"{de(format_month(months[0]))} à {format_month(months[-1])}"
    return [f"Les déplacements {de(escape_line(site.subject))} racontés par la presse, {period} : "
            f"{plural(len(site.trips), 'tournée')}, {plural(len(site.countries), 'pays', 'pays')} visités, "
            f"{plural(len(site.articles), 'article')}.", ""]


def _latest_trip(site: Site) -> list[str]:
    if not site.trips:
        return []
    trip = max(site.trips, key=lambda t: ((t.end or t.start).isoformat() if t.start else t.month + "-99"))
    stops = " → ".join(dict.fromkeys(stop.place.name for stop in trip.stops))
    lines = ["## Dernière tournée", "", f"**{link(trip.title, relative(HOME, trip_path(trip)))}**", ""]
    if stops:
        lines += [f"{label('Étapes')} {escape_line(stops)}  "]
    lines += [f"{label('Dates')} {trip_span(trip)}", ""]
    return lines


OPEN_ARTICLES = 300
"""The home page lists the newest months open until about this many articles; older months
come folded (a closed <details> under their heading, which find-in-page and a link to the month
open). A browser lays out a closed list only once opened: at 10,000 articles, the open list cost
2.2 s of style and layout as the page loaded (Material's scripts read its geometry), and the
reader's first keys in the search box waited for it."""


def _all_articles(site: Site, here: str) -> list[str]:
    """Every published article, newest first, one line each, under month headings."""
    months: dict[str, list[Article]] = {}
    for article in site.articles:
        months.setdefault(article.month, []).append(article)
    lines: list[str] = []
    listed = 0
    for month, articles in months.items():
        items = [line for article in articles for line in article_item(article, here, with_lead=False)]
        lines += ["", f"### {capitalize(format_month(month))}", ""]
        if listed < OPEN_ARTICLES:
            lines += items
        else:
            lines += ['<details class="dg-fold" markdown="1">', f"<summary>{plural(len(articles), 'article')}</summary>",
                      "", *items, "", "</details>"]
        listed += len(articles)
    return lines + [""]


def home_page(site: Site) -> Page:
    lines = [f"# {escape_line(site.title)}", ""] + _coverage(site) + _latest_trip(site)
    lines += ["## Explorer", "",
              f"- {link('Chronologie', relative(HOME, TIMELINE))} : les tournées et les événements dans l’ordre",
              f"- {link('Tournées', relative(HOME, index_path(TRIPS)))} : chaque voyage, étape par étape",
              f"- {link('Archives', relative(HOME, index_path(MONTHS)))} : les articles mois par mois",
              f"- {link('Personnes', relative(HOME, index_path(PEOPLE)))} et "
              f"{link('lieux', relative(HOME, index_path(PLACES)))} : qui, où",
              f"- [{DATA_LABEL}](donnees.md) : les données du site au format JSON",
              ""]
    if site.articles:
        lines += ["## Tous les articles", "", "Du plus récent au plus ancien."]
        lines += _all_articles(site, HOME)
    front = {"title": "Accueil", "description": f"{site.title} : les tournées {de(site.subject)}."}
    return Page(HOME, document(front, "\n".join(lines)))
