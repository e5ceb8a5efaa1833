"""Subscriptions to the digest, as bytes; no I/O: an Atom feed of the articles, an iCalendar of the trips.

Both are deterministic (two builds give the same bytes): no wall clock. The
feed's `updated` and the events' DTSTAMP are the build's time (digest.clock:
SOURCE_DATE_EPOCH when set, else the newest article's day), passed in.

Links are absolute when the site's address (MkDocs' site_url) is known. Without
it, the feed's links are relative to the feed itself (resolved against the
feed's own address, as RFC 4287 allows for atom:link), its ids are UUIDs derived
from the pages' paths (atom:id must be absolute), and the calendar has no URL
property: a relative address means nothing in a calendar application.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import uuid
from collections.abc import Callable
from urllib.parse import urlsplit

from feedgen.feed import FeedGenerator
from icalendar import Calendar, Event

from .french import de, format_day
from .group import format_span
from .model import Article, Digest, Trip
from .pages.links import ARTICLES, TRIPS

ATOM_FEED = "data/atom.xml"
FEED_ENTRIES = 50
"""The newest articles only, as blog feeds hold: a reader polls the feed for news, the archive is
the site (and digest.json). At 10,000 articles the whole feed would weigh megabytes, fetched again
at every poll, and be rebuilt at every edit under `mkdocs serve`."""
TRIPS_CALENDAR = "data/tournees.ics"
# For event UIDs when the site's address is unknown: a name that can never be someone else's.
FALLBACK_DOMAIN = "digest.invalid"
# Characters XML 1.0 forbids (and lxml refuses); scraped text may hold them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def site_address(site_url: str, url: str, base: str) -> str:
    """A site-root-relative URL as a link: absolute under site_url, else relative to the file at base.

    >>> site_address("https://x.github.io/repo", "articles/a/", "data/atom.xml")
    'https://x.github.io/repo/articles/a/'
    >>> site_address("", "articles/a/", "data/atom.xml")
    '../articles/a/'
    """
    if site_url:
        return site_url.rstrip("/") + "/" + url
    relative = posixpath.relpath(url or ".", posixpath.dirname(base) or ".")
    return relative + "/" if url.endswith("/") or not url else relative


def _text(text: str) -> str:
    return _NOT_XML.sub("", " ".join(text.split()))


def _day_of(article: Article) -> dt.date:
    if article.date:
        return article.date
    year, month = (int(part) for part in article.month.split("-"))
    return dt.date(year, month, 1)


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def published_articles(digest: Digest) -> list[Article]:
    """Articles with a page of their own (duplicates excluded), newest first, as the site lists them."""
    return sorted((a for a in digest.articles if a.duplicate_of is None), key=lambda a: a.sort_key, reverse=True)


def _feed_id(site_url: str, url: str) -> str:
    if site_url:
        return site_address(site_url, url, ATOM_FEED)
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'digest:/' + url)}"


def atom_feed(digest: Digest, title: str, subject: str, updated: dt.datetime, site_url: str = "") -> bytes:
    """The newest articles as an Atom feed in French: title, lead as summary, day (or month), link.

    updated is the build's time (digest.clock.build_time), not the clock's.
    """
    articles = published_articles(digest)[:FEED_ENTRIES]
    feed = FeedGenerator()
    feed.id(_feed_id(site_url, ""))
    feed.title(_text(title))
    feed.subtitle(f"Les derniers articles sur les tournées {de(subject)}, du plus récent au plus ancien.")
    feed.language("fr")
    feed.author({"name": _text(title)})
    feed.link(href=site_address(site_url, "", ATOM_FEED), rel="alternate", type="text/html")
    feed.link(href=site_address(site_url, ATOM_FEED, ATOM_FEED), rel="self", type="application/atom+xml")
    # feedgen's default names itself with its version: output would change with an upgrade.
    feed.generator("digest")
    feed.updated(updated.astimezone(dt.timezone.utc))
    for article in articles:
        url = f"{ARTICLES}/{article.slug}/"
        entry = feed.add_entry(order="append")
        entry.id(_feed_id(site_url, url))
        entry.title(_text(article.title))
        entry.link(href=site_address(site_url, url, ATOM_FEED), rel="alternate", type="text/html")
        if article.lead:
            entry.summary(_text(article.lead))
        when = _midnight(_day_of(article))
        entry.published(when)
        entry.updated(when)
        for source in dict.fromkeys(s for s in (article.source, *article.other_sources) if s):
            entry.author({"name": _text(source)})
    return feed.atom_str(pretty=True)


def _trip_description(trip: Trip, country_name: Callable[[str], str], link: str) -> str:
    lines = [format_span(trip.start, trip.end or trip.start, trip.month), ""]
    if trip.stops:
        lines.append("Étapes :")
        for number, stop in enumerate(trip.stops, start=1):
            place = stop.place
            country = country_name(place.country)
            where = place.name + (f" ({country})" if country != place.name else "")
            when = format_day(stop.day) if stop.day else "jour non précisé"
            lines.append(f"{number}. {where} — {when}")
        lines.append("")
    lines.append(f"Articles : {len(trip.articles)}")
    lines.append(f"Page de la tournée : {link}")
    return _text_lines(lines)


def _text_lines(lines: list[str]) -> str:
    return "\n".join(_NOT_XML.sub("", line) for line in lines)


def trips_calendar(digest: Digest, title: str, subject: str, country_name: Callable[[str], str],
                   stamp: dt.datetime, site_url: str = "") -> bytes:
    """One all-day event per trip with a known first day; stamp (the build's time) is every DTSTAMP."""
    domain = urlsplit(site_url).hostname if site_url else None
    calendar = Calendar()
    calendar.add("prodid", "-//digest//Tournées//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{_text(title)} : tournées")
    calendar.add("x-wr-caldesc", f"Les tournées {de(subject)}, une par événement : étapes et lien dans la description.")
    for trip in sorted((t for t in digest.trips if t.start), key=lambda t: (t.start, t.id)):
        url = f"{TRIPS}/{trip.slug}/"
        event = Event()
        event.add("uid", f"{trip.id}@{domain or FALLBACK_DOMAIN}")
        event.add("dtstamp", stamp.astimezone(dt.timezone.utc))
        event.add("dtstart", trip.start)
        # All-day events: DTEND is the day after the last one (exclusive).
        event.add("dtend", (trip.end or trip.start) + dt.timedelta(days=1))
        event.add("summary", _text(trip.title))
        link = site_address(site_url, url, TRIPS_CALENDAR) if site_url else f"{url} (adresse relative au site)"
        event.add("description", _trip_description(trip, country_name, link))
        if trip.countries:
            event.add("location", ", ".join(country_name(c) for c in trip.countries))
        if site_url:
            event.add("url", link)
        # A trip is news, not a busy slot in the reader's own calendar.
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
