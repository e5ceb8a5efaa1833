"""Everything a page needs to know about the rest of the site, computed once per build."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import Article, Digest, Place, Trip
from .links import name_slug


@dataclass(frozen=True)
class PersonEntry:
    name: str
    slug: str
    role: str
    country: str
    articles: tuple[Article, ...]  # newest first
    trips: tuple[Trip, ...]  # oldest first


@dataclass(frozen=True)
class PlaceEntry:
    place: Place
    slug: str
    articles: tuple[Article, ...]  # newest first
    trips: tuple[Trip, ...]  # oldest first


@dataclass
class Site:
    """Lookups over the digest: articles by file, trips in order, people and places with their pages."""

    digest: Digest
    title: str
    subject: str
    country_name: Callable[[str], str]
    profile: Callable[[str], tuple[str, str]]  # person name -> (role, country)
    articles: list[Article] = field(default_factory=list)  # published (no duplicates), newest first
    by_file: dict[str, Article] = field(default_factory=dict)
    trips: list[Trip] = field(default_factory=list)  # oldest first
    trip_by_id: dict[str, Trip] = field(default_factory=dict)
    people: list[PersonEntry] = field(default_factory=list)
    places: list[PlaceEntry] = field(default_factory=list)
    place_slug: dict[Place, str] = field(default_factory=dict)
    person_slug: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, digest: Digest, title: str, subject: str, country_name: Callable[[str], str],
           profile: Callable[[str], tuple[str, str]]) -> "Site":
        site = cls(digest, title, subject, country_name, profile)
        site.articles = sorted((a for a in digest.articles if a.duplicate_of is None),
                               key=lambda a: a.sort_key, reverse=True)
        site.by_file = {a.file: a for a in digest.articles}
        site.trips = list(digest.trips)
        site.trip_by_id = {t.id: t for t in site.trips}
        site._index_people()
        site._index_places()
        return site

    def trip_of(self, article: Article) -> Trip | None:
        return self.trip_by_id.get(article.trip) if article.trip else None

    def trip_articles(self, trip: Trip) -> list[Article]:
        return [self.by_file[f] for f in trip.articles if f in self.by_file]

    def neighbours(self, trip: Trip) -> tuple[Trip | None, Trip | None]:
        index = self.trips.index(trip)
        before = self.trips[index - 1] if index > 0 else None
        after = self.trips[index + 1] if index + 1 < len(self.trips) else None
        return before, after

    @property
    def months(self) -> list[str]:
        """Every month with an article or a trip day, oldest first."""
        months = {a.month for a in self.articles}
        for trip in self.trips:
            if trip.start and trip.end:
                months.update(months_between(trip.start, trip.end))
        return sorted(months)

    @property
    def countries(self) -> list[str]:
        return sorted({c for trip in self.trips for c in trip.countries}, key=self.country_name)

    def _trips_of(self, articles: list[Article]) -> tuple[Trip, ...]:
        ids = {a.trip for a in articles if a.trip}
        return tuple(t for t in self.trips if t.id in ids)

    def _index_people(self) -> None:
        found: dict[str, list[Article]] = defaultdict(list)
        for article in self.articles:
            for name in article.people:
                found[name].append(article)
        slugs = _unique_slugs(sorted(found), lambda name: name_slug(name), lambda name: "")
        for name in sorted(found):
            role, country = self.profile(name)
            self.person_slug[name] = slugs[name]
            self.people.append(PersonEntry(name, slugs[name], role, country, tuple(found[name]),
                                           self._trips_of(found[name])))

    def _index_places(self) -> None:
        found: dict[Place, list[Article]] = defaultdict(list)
        for article in self.articles:
            for place in dict.fromkeys(article.stops):
                found[place].append(article)
        ordered = sorted(found, key=lambda p: (p.name, p.country))
        slugs = _unique_slugs(ordered, lambda p: name_slug(p.name), lambda p: p.country.lower())
        for place in ordered:
            self.place_slug[place] = slugs[place]
            self.places.append(PlaceEntry(place, slugs[place], tuple(found[place]), self._trips_of(found[place])))


def _unique_slugs(items, slug_of, qualifier) -> dict:
    """Slugs that two items share get a qualifier (a country code) or a counter appended."""
    groups: dict[str, list] = defaultdict(list)
    for item in items:
        groups[slug_of(item)].append(item)
    result = {}
    for slug, members in groups.items():
        if len(members) == 1:
            result[members[0]] = slug
            continue
        for number, item in enumerate(members, start=1):
            extra = qualifier(item) or str(number)
            result[item] = f"{slug}-{extra}"
    return result


def months_between(start: dt.date, end: dt.date) -> list[str]:
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def months_of_trip(trip: Trip, articles: list[Article]) -> set[str]:
    """A trip shows in every month it spans and every month one of its articles is from."""
    months = {a.month for a in articles}
    if trip.start and trip.end:
        months.update(months_between(trip.start, trip.end))
    if trip.month:
        months.add(trip.month)
    return months
