"""Where each generated page lives, and relative links between them.

Pages link to each other by relative .md paths, which MkDocs checks (strict mode
fails on a broken one) and turns into URLs that work under any site sub-path.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache

from slugify import slugify

from ..model import Article, Trip

ARTICLES = "articles"
TRIPS = "voyages"
MONTHS = "mois"
PEOPLE = "personnes"
PLACES = "lieux"
TIMELINE = "chronologie/index.md"
HOME = "index.md"


def article_path(article: Article) -> str:
    return f"{ARTICLES}/{article.slug}.md"


def trip_path(trip: Trip) -> str:
    return f"{TRIPS}/{trip.slug}.md"


def month_path(month: str) -> str:
    return f"{MONTHS}/{month}.md"


def person_path(slug: str) -> str:
    return f"{PEOPLE}/{slug}.md"


def place_path(slug: str) -> str:
    return f"{PLACES}/{slug}.md"


def index_path(folder: str) -> str:
    return f"{folder}/index.md"


def url_of(path: str) -> str:
    """Site URL (relative to the root) of a page path, as MkDocs makes it with use_directory_urls."""
    if path == HOME:
        return ""
    if path.endswith("/index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/"


@lru_cache(maxsize=1 << 16)  # every list links every article it holds, at every build of a `mkdocs serve`
def relative(source: str, target: str) -> str:
    """Link from page `source` to page `target`, both relative to docs/ (clean paths, no '..').

    posixpath.relpath, same result, made absolute paths of both first (a getcwd each time):
    a tenth of the pages' time, since every list links every article.
    """
    folder = posixpath.dirname(source)
    start = folder.split("/") if folder else []
    parts = target.split("/")
    common = 0
    while common < min(len(start), len(parts)) and start[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + parts[common:]) or "."


def name_slug(name: str) -> str:
    return slugify(name, max_length=80, word_boundary=True) or "sans-nom"
