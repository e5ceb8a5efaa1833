"""The digest as Markdown pages: pure functions from the model to Page objects, no I/O.

Generated Markdown stays plain (front matter + Markdown, a little HTML for the
timeline) so it renders with MkDocs alone, without the digest plugin.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Digest, Page
from .article import article_page
from .home import home_page
from .links import ARTICLES, article_path, url_of
from .months import month_pages
from .people import people_and_places_pages
from .site import Site
from .timeline import timeline_page
from .trips import trip_page, trips_index

__all__ = ["ARTICLES", "Site", "article_path", "build_pages", "url_of"]


def build_pages(digest: Digest, title: str, subject: str, country_name: Callable[[str], str],
                profile: Callable[[str], tuple[str, str]]) -> list[Page]:
    site = Site.of(digest, title, subject, country_name, profile)
    pages = [article_page(article, site) for article in site.articles]
    pages += [trip_page(trip, site) for trip in site.trips]
    pages += month_pages(site)
    pages += people_and_places_pages(site)
    pages += [trips_index(site), timeline_page(site), home_page(site)]
    return pages
