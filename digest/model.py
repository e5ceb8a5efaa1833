"""Plain data that flows between the pipeline's steps.

Every step takes and returns these frozen dataclasses, so a step can be tested
without any other step, and nothing downstream can change what upstream decided.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Block:
    """One unit of body text: a paragraph, or a short subhead shown as a heading."""

    kind: str  # "paragraph" | "heading"
    text: str


@dataclass(frozen=True)
class Place:
    name: str  # canonical French name
    country: str  # ISO 3166-1 alpha-2
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class SourceFile:
    """An input file as found in the seeds folder, before anything is decoded."""

    name: str  # path relative to the seeds folder, with "/" separators
    data: bytes
    sha256: str


@dataclass(frozen=True)
class Article:
    """Everything the site knows about one article."""

    file: str
    slug: str
    title: str
    lead: str
    month: str  # "YYYY-MM"
    date: dt.date | None
    blocks: tuple[Block, ...]
    source: str | None = None
    headline: str | None = None
    captions: tuple[str, ...] = ()
    credits: tuple[str, ...] = ()
    stops: tuple[Place, ...] = ()
    mentioned: tuple[Place, ...] = ()
    people: tuple[str, ...] = ()
    people_mentioned: tuple[str, ...] = ()
    duplicate_of: str | None = None
    # Files that republish this article (filled on the first of a duplicate group).
    duplicates: tuple[str, ...] = ()
    # Sources of the duplicates, so the page can name every outlet that ran the story.
    other_sources: tuple[str, ...] = ()
    trip: str | None = None
    # The tour number the text states ("sa huitième visite dans la région").
    tour_ordinal: int | None = None
    # The article announces a visit to come: its day is not a day of the tour.
    preview: bool = False
    # (month, day) read from a dateline without a year, when nothing in the text gives the
    # year: the year is then taken from the other articles of the corpus.
    yearless_day: tuple[int, int] | None = None

    @property
    def countries(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(place.country for place in self.stops))

    @property
    def sort_key(self) -> tuple[str, str]:
        """Newest first when sorted in reverse: by day, else by month, then by file name."""
        day = self.date.isoformat() if self.date else f"{self.month}-00"
        return (day, self.file)


@dataclass(frozen=True)
class Rejected:
    file: str
    reason: str


@dataclass(frozen=True)
class TripStop:
    """One stop of an itinerary: where, the first day an article puts the subject there, and which articles."""

    place: Place
    day: dt.date | None
    articles: tuple[str, ...]


@dataclass(frozen=True)
class Trip:
    id: str
    title: str
    ordinal: int | None
    start: dt.date | None
    end: dt.date | None
    countries: tuple[str, ...]
    articles: tuple[str, ...]  # file names, in reading order
    slug: str = ""
    stops: tuple[TripStop, ...] = ()  # the itinerary, in order
    people: tuple[str, ...] = ()  # people met, in order of first meeting
    month: str = ""  # the first month of the trip, for trips with no known day


@dataclass(frozen=True)
class Page:
    """A generated file: a path relative to the docs folder and its exact bytes."""

    path: str
    content: bytes


@dataclass
class Digest:
    """The whole extracted corpus: what pages and exports are made from."""

    articles: list[Article] = field(default_factory=list)
    trips: list[Trip] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
