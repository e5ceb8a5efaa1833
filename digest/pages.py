"""The digest as Markdown pages: pure functions from the model to Page objects, no I/O.

Generated Markdown stays plain (front matter + Markdown) so it renders with any
MkDocs theme, without the digest plugin.
"""

from __future__ import annotations

from .french import NBSP, format_month, format_when, plural
from .markdown import document, escape, escape_line, link
from .model import Article, Digest, Page

ARTICLES_DIR = "articles"
HOME_PAGE = "index.md"


def article_path(article: Article) -> str:
    return f"{ARTICLES_DIR}/{article.slug}.md"


def article_url(article: Article) -> str:
    """URL relative to the site root, as MkDocs makes it with use_directory_urls."""
    return f"{ARTICLES_DIR}/{article.slug}/"


def _meta_line(article: Article) -> str:
    parts = [f"**{format_when(article.date, article.month)}**"]
    sources = [s for s in (article.source, *article.other_sources) if s]
    if sources:
        parts.append(escape_line(", ".join(dict.fromkeys(sources))))
    return " · ".join(parts)


def _label(name: str) -> str:
    return f"**{name}{NBSP}:**"


def _article_body(article: Article) -> str:
    lines = [f"# {escape_line(article.title)}", "", _meta_line(article), ""]
    if article.stops:
        names = ", ".join(dict.fromkeys(place.name for place in article.stops))
        lines += [f"{_label('Étapes')} {escape_line(names)}", ""]
    if article.people:
        lines += [f"{_label('Rencontres')} {escape_line(', '.join(article.people))}", ""]
    for block in article.blocks:
        if block.kind == "heading":
            lines += [f"## {escape_line(block.text)}", ""]
        else:
            lines += [escape(block.text), ""]
    extras: list[str] = []
    mentioned = [p.name for p in article.mentioned if p not in article.stops]
    if mentioned:
        extras += [f"{_label('Lieux cités')} {escape_line(', '.join(dict.fromkeys(mentioned)))}", ""]
    if article.people_mentioned:
        extras += [f"{_label('Personnes citées')} {escape_line(', '.join(article.people_mentioned))}", ""]
    for caption in article.captions:
        extras += [f"{_label('Légende')} {escape_line(caption)}", ""]
    for credit in article.credits:
        extras += [f"{_label('Crédits')} {escape_line(credit)}", ""]
    if article.duplicates:
        extras += [f"{_label('Republié aussi sous')} {escape_line(', '.join(article.duplicates))}", ""]
    extras += [f"{_label('Fichier source')} `{article.file.replace('`', '')}`", ""]
    return "\n".join(lines + ["---", ""] + extras)


def article_page(article: Article) -> Page:
    front = {
        "title": article.title,
        "description": article.lead,
        "date": article.date.isoformat() if article.date else None,
        "month": article.month,
        "file": article.file,
        "source": article.source,
        "trip": article.trip,
        "countries": list(article.countries),
        "places": [place.name for place in article.stops],
        "people": list(article.people),
    }
    front = {key: value for key, value in front.items() if value not in (None, [])}
    return Page(article_path(article), document(front, _article_body(article)))


def _article_item(article: Article, prefix: str = "") -> list[str]:
    when = format_when(article.date, article.month)
    source = f" · {escape_line(article.source)}" if article.source else ""
    return [f"- {link(article.title, prefix + article_path(article))} — {when}{source}  ",
            f"  {escape_line(article.lead)}"]


def published(digest: Digest) -> list[Article]:
    """The articles a reader sees, newest first: a republished copy is shown through its original."""
    kept = [a for a in digest.articles if a.duplicate_of is None]
    return sorted(kept, key=lambda a: a.sort_key, reverse=True)


def home_page(digest: Digest, site_title: str) -> Page:
    articles = published(digest)
    months = sorted({a.month for a in articles})
    lines = [f"# {escape_line(site_title)}", ""]
    if months:
        period = format_month(months[0]) if len(months) == 1 else \
            f"de {format_month(months[0])} à {format_month(months[-1])}"
        lines += [f"{plural(len(articles), 'article')}, {period}.", ""]
    else:
        lines += ["Aucun article pour l’instant : déposez des fichiers texte dans `seeds/`.", ""]
    lines += ["## Tous les articles", ""]
    for article in articles:
        lines += _article_item(article)
    front = {"title": "Accueil", "description": f"{site_title} : tous les articles"}
    return Page(HOME_PAGE, document(front, "\n".join(lines)))


def build_pages(digest: Digest, site_title: str) -> list[Page]:
    pages = [article_page(article) for article in digest.articles if article.duplicate_of is None]
    pages.append(home_page(digest, site_title))
    return pages
