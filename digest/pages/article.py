"""One page per article: its text as published, and what the digest knows about it.

Rendering is split in two: what the page needs from the rest of the site (`ArticleLinks`,
cheap to gather) and the page itself, made from the article and those links alone. So the
page is a pure function of two hashable values, and a process that builds again (`mkdocs
serve` after an edit) renders only the pages whose article or links changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..french import format_when
from ..markdown import code, document, escape, escape_line, link
from ..model import Article, Page
from .items import label
from .links import article_path, person_path, place_path, relative, trip_path
from .site import Site

RENDERED_PAGES_KEPT = 1 << 15
"""Article pages remembered across builds: a corpus of this many articles is rendered whole each time."""

# Shown, but not searched: what the page says about its trip and its input file. Indexed, « Tournée »
# made every article of a trip a result for each country of the trip's title, and these lines were
# the excerpts shown. What the article itself names (« Étapes », « Lieux cités »…) stays indexed:
# Pagefind 1.5 does not split « l’Égypte » at the typographic apostrophe, so those lines are what
# finds such an article for "egypte". A div around Markdown, which CommonMark renders as such too
# ("markdown" asks Python-Markdown's md_in_html to). "index" is written out: md_in_html writes a
# bare attribute as data-pagefind-ignore="data-pagefind-ignore", which Pagefind reads as "all".
_UNINDEXED_START = '<div data-pagefind-ignore="index" markdown>'
_UNINDEXED_END = "</div>"


@dataclass(frozen=True)
class ArticleLinks:
    """What an article's page shows of the rest of the site."""

    trip: tuple[str, str] | None  # its trip's (title, page path)
    places: tuple[tuple[str, str | None], ...]  # (name, page path) of each stop; no path: no page
    people: tuple[tuple[str, str | None], ...]  # (name, page path) of each person met
    copies: tuple[tuple[str, str | None], ...]  # (file, source) of each republication


def article_links(article: Article, site: Site) -> ArticleLinks:
    trip = site.trip_of(article)
    copies = []
    for copy in article.duplicates:
        other = site.by_file.get(copy)
        copies.append((copy, other.source if other else None))
    return ArticleLinks(
        trip=(trip.title, trip_path(trip)) if trip else None,
        places=tuple((p.name, place_path(site.place_slug[p]) if p in site.place_slug else None)
                     for p in dict.fromkeys(article.stops)),
        people=tuple((name, person_path(site.person_slug[name]) if name in site.person_slug else None)
                     for name in article.people),
        copies=tuple(copies))


def _meta_line(article: Article) -> str:
    parts = [f"**{format_when(article.date, article.month)}**"]
    sources = [s for s in dict.fromkeys((article.source, *article.other_sources)) if s]
    parts.append(escape_line(", ".join(sources)) if sources else "source non précisée")
    return " · ".join(parts)


def _linked(name: str, path: str | None, here: str) -> str:
    return link(name, relative(here, path)) if path else escape_line(name)


def _unindexed(lines: list[str]) -> list[str]:
    """Markdown lines shown as they are but kept out of the search index."""
    return [_UNINDEXED_START, "", *lines, _UNINDEXED_END, ""]


def _trip_lines(article: Article, links: ArticleLinks, here: str) -> list[str]:
    """Under the title: the date and source line, the trip."""
    lines = [_meta_line(article), ""]
    if links.trip:
        lines += [f"{label('Tournée')} {_linked(*links.trip, here)}", ""]
    return lines


def _context_lines(links: ArticleLinks, here: str) -> list[str]:
    lines: list[str] = []
    if links.places:
        lines += [f"{label('Étapes')} {', '.join(_linked(name, path, here) for name, path in links.places)}", ""]
    if links.people:
        lines += [f"{label('Rencontres')} {', '.join(_linked(name, path, here) for name, path in links.people)}", ""]
    return lines


def _body_lines(article: Article) -> list[str]:
    lines: list[str] = []
    for block in article.blocks:
        if block.kind == "heading":
            lines += [f"## {escape_line(block.text)}", ""]
        else:
            lines += [escape(block.text), ""]
    return lines


def _aside_lines(article: Article) -> list[str]:
    """Below the rule: places and people only mentioned, captions."""
    lines: list[str] = []
    mentioned = [p.name for p in dict.fromkeys(article.mentioned) if p not in article.stops]
    if mentioned:
        lines += [f"{label('Lieux cités')} {escape_line(', '.join(mentioned))}", ""]
    if article.people_mentioned:
        lines += [f"{label('Personnes citées')} {escape_line(', '.join(article.people_mentioned))}", ""]
    for caption in article.captions:
        lines += [f"{label('Légende')} {escape_line(caption)}", ""]
    return lines


def _file_lines(article: Article, links: ArticleLinks) -> list[str]:
    """Last: credits, copies, the input file."""
    lines: list[str] = []
    for credit in article.credits:
        lines += [f"{label('Crédits')} {escape_line(credit)}", ""]
    for copy, source in links.copies:
        lines += [f"{label('Repris aussi')} {code(copy)}{f' ({escape_line(source)})' if source else ''}", ""]
    lines += [f"{label('Fichier source')} {code(article.file)}", ""]
    return lines


def article_page(article: Article, site: Site) -> Page:
    return rendered_article_page(article, article_links(article, site))


@lru_cache(maxsize=RENDERED_PAGES_KEPT)
def rendered_article_page(article: Article, links: ArticleLinks) -> Page:
    here = article_path(article)
    lines = [f"# {escape_line(article.title)}", ""]
    lines += _unindexed(_trip_lines(article, links, here))
    lines += _context_lines(links, here)
    lines += _body_lines(article)
    lines += ["---", ""] + _aside_lines(article)
    lines += _unindexed(_file_lines(article, links))
    front = {
        "title": article.title,
        "description": article.lead,
        "date": article.date.isoformat() if article.date else None,
        "month": article.month,
        "file": article.file,
        "source": article.source,
        "trip": article.trip,
        # The theme shows it beside the article in search results (overrides/main.html).
        "trip_title": links.trip[0] if links.trip else None,
        "countries": list(article.countries),
        "places": [place.name for place in article.stops],
        "people": list(article.people),
    }
    front = {key: value for key, value in front.items() if value not in (None, [])}
    return Page(here, document(front, "\n".join(lines)))
