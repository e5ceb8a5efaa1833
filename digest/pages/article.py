"""One page per article: its text as published, and what the digest knows about it."""

from __future__ import annotations

from ..french import format_when
from ..markdown import code, document, escape, escape_line, link
from ..model import Article, Page
from .items import label
from .links import article_path, person_path, place_path, relative, trip_path
from .site import Site


def _meta_line(article: Article) -> str:
    parts = [f"**{format_when(article.date, article.month)}**"]
    sources = [s for s in dict.fromkeys((article.source, *article.other_sources)) if s]
    parts.append(escape_line(", ".join(sources)) if sources else "source non précisée")
    return " · ".join(parts)


def _context_lines(article: Article, site: Site, here: str) -> list[str]:
    lines: list[str] = []
    trip = site.trip_of(article)
    if trip:
        lines += [f"{label('Tournée')} {link(trip.title, relative(here, trip_path(trip)))}", ""]
    if article.stops:
        places = [link(p.name, relative(here, place_path(site.place_slug[p]))) if p in site.place_slug
                  else escape_line(p.name) for p in dict.fromkeys(article.stops)]
        lines += [f"{label('Étapes')} {', '.join(places)}", ""]
    if article.people:
        people = [link(name, relative(here, person_path(site.person_slug[name]))) if name in site.person_slug
                  else escape_line(name) for name in article.people]
        lines += [f"{label('Rencontres')} {', '.join(people)}", ""]
    return lines


def _body_lines(article: Article) -> list[str]:
    lines: list[str] = []
    for block in article.blocks:
        if block.kind == "heading":
            lines += [f"## {escape_line(block.text)}", ""]
        else:
            lines += [escape(block.text), ""]
    return lines


def _aside_lines(article: Article, site: Site) -> list[str]:
    """What is shown apart from the body: places only mentioned, captions, credits, copies, the input file."""
    lines: list[str] = []
    mentioned = [p.name for p in dict.fromkeys(article.mentioned) if p not in article.stops]
    if mentioned:
        lines += [f"{label('Lieux cités')} {escape_line(', '.join(mentioned))}", ""]
    if article.people_mentioned:
        lines += [f"{label('Personnes citées')} {escape_line(', '.join(article.people_mentioned))}", ""]
    for caption in article.captions:
        lines += [f"{label('Légende')} {escape_line(caption)}", ""]
    for credit in article.credits:
        lines += [f"{label('Crédits')} {escape_line(credit)}", ""]
    for copy in article.duplicates:
        other = site.by_file.get(copy)
        source = f" ({escape_line(other.source)})" if other and other.source else ""
        lines += [f"{label('Repris aussi')} {code(copy)}{source}", ""]
    lines += [f"{label('Fichier source')} {code(article.file)}", ""]
    return lines


def article_page(article: Article, site: Site) -> Page:
    here = article_path(article)
    lines = [f"# {escape_line(article.title)}", "", _meta_line(article), ""]
    lines += _context_lines(article, site, here)
    lines += _body_lines(article)
    lines += ["---", ""] + _aside_lines(article, site)
    front = {
        "title": article.title,
        "description": article.lead,
        "date": article.date.isoformat() if article.date else None,
        "month": article.month,
        "file": article.file,
        "source": article.source,
        "trip": article.trip,
        # The theme shows it beside the article in search results (overrides/main.html).
        "trip_title": trip.title if (trip := site.trip_of(article)) else None,
        "countries": list(article.countries),
        "places": [place.name for place in article.stops],
        "people": list(article.people),
    }
    front = {key: value for key, value in front.items() if value not in (None, [])}
    return Page(here, document(front, "\n".join(lines)))
