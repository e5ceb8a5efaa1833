"""Articles -> trips: tours of a few days across several stops.

Dated articles about stops in the digest's region chain into one trip while the
days between them stay short and their stated tour numbers agree. Articles that
only know their month then join the trip of that month that shares their tour
number or most of their stops. Articles with no stop in the region (a hearing at
home, a summit elsewhere) stay outside every trip, however close in time.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from .french import format_day, format_month, ordinal as french_ordinal
from .model import Article, Place, Trip, TripStop
from .overrides import TripOverrides


@dataclass(frozen=True)
class GroupingSettings:
    # Days without news that still belong to one tour (a rest day, a weekend).
    max_gap_days: int = 3
    # Countries whose visits make a tour; None: any country but the subject's own.
    region: frozenset[str] | None = None
    home_country: str = ""


@dataclass
class _Cluster:
    articles: list[Article] = field(default_factory=list)

    @property
    def days(self) -> list[dt.date]:
        return sorted(a.date for a in self.articles if a.date)

    @property
    def months(self) -> set[str]:
        return {a.month for a in self.articles}

    @property
    def ordinal(self) -> int | None:
        counts = Counter(a.tour_ordinal for a in self.articles if a.tour_ordinal)
        return counts.most_common(1)[0][0] if counts else None

    @property
    def countries(self) -> set[str]:
        return {c for a in self.articles for c in a.countries}


def is_tour_article(article: Article, settings: GroupingSettings) -> bool:
    """An article reports a tour when one of its stops is abroad, in the region."""
    for country in article.countries:
        if settings.region is not None:
            if country in settings.region:
                return True
        elif country != settings.home_country:
            return True
    return False


def _compatible(cluster: _Cluster, article: Article) -> bool:
    return cluster.ordinal is None or article.tour_ordinal is None or cluster.ordinal == article.tour_ordinal


def _chain_dated(articles: Iterable[Article], max_gap: int) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    for article in sorted(articles, key=lambda a: (a.date, a.file)):
        current = clusters[-1] if clusters else None
        if current and (article.date - current.days[-1]).days <= max_gap and _compatible(current, article):
            current.articles.append(article)
        else:
            clusters.append(_Cluster([article]))
    return clusters


def _affinity(cluster: _Cluster, article: Article) -> int:
    """How strongly a month-only article belongs to a cluster: 0 when it does not."""
    if article.month not in cluster.months or not _compatible(cluster, article):
        return 0
    score = 10 if article.tour_ordinal and article.tour_ordinal == cluster.ordinal else 0
    return score + len(set(article.countries) & cluster.countries)


def _place_undated(clusters: list[_Cluster], articles: Iterable[Article]) -> None:
    # Only clusters holding the article's month can take it: they are looked up by month, so
    # a corpus of many months does not compare every article with every cluster.
    of_month: dict[str, list[int]] = {}
    for index, cluster in enumerate(clusters):
        for month in sorted(cluster.months):
            of_month.setdefault(month, []).append(index)
    # Articles with an ordinal first: they anchor the others.
    for article in sorted(articles, key=lambda a: (a.tour_ordinal is None, a.month, a.file)):
        candidates = [clusters[i] for i in of_month.get(article.month, ())]
        scored = [(_affinity(c, article), -i) for i, c in zip(of_month.get(article.month, ()), candidates)]
        best = max(scored, default=(0, 0))
        # Nothing in common, but only one dated trip that month: a tour article of that
        # month can hardly belong anywhere else.
        alone = [c for c in candidates if c.days and _compatible(c, article)]
        if best[0] > 0:
            clusters[-best[1]].articles.append(article)
        elif len(alone) == 1:
            alone[0].articles.append(article)
        else:
            of_month.setdefault(article.month, []).append(len(clusters))
            clusters.append(_Cluster([article]))


def _first_visits(articles: list[Article]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c for a in articles for c in a.countries))


def _reading_order(articles: list[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (a.date or dt.date.max, a.file))


def _is_country_itself(place: Place, stops: Iterable[Place], country_name: Callable[[str], str]) -> bool:
    """'Israël' next to 'Tel-Aviv': the country adds nothing to the itinerary when one of its cities is there."""
    return place.name == country_name(place.country) and \
        any(other.country == place.country and other != place for other in stops)


def itinerary(articles: list[Article], country_name: Callable[[str], str]) -> tuple[TripStop, ...]:
    """Stops in order of the day the articles put the subject there; undated stops last."""
    first_day: dict[Place, dt.date | None] = {}
    found_in: dict[Place, list[str]] = {}
    for article in articles:
        day = None if article.preview else article.date
        for place in article.stops:
            found_in.setdefault(place, []).append(article.file)
            if place not in first_day or (day and (first_day[place] is None or day < first_day[place])):
                first_day[place] = day
    all_places = list(found_in)
    places = [p for p in all_places if not _is_country_itself(p, all_places, country_name)]
    ordered = sorted(places, key=lambda p: (first_day[p] is None, first_day[p] or dt.date.min,
                                            all_places.index(p)))
    return tuple(TripStop(p, first_day[p], tuple(dict.fromkeys(found_in[p]))) for p in ordered)


def format_span(start: dt.date | None, end: dt.date | None, month: str) -> str:
    """'3-6 novembre 2023', '29 novembre-1er décembre 2023', or the month when no day is known.

    >>> format_span(dt.date(2023, 11, 3), dt.date(2023, 11, 6), "2023-11")
    '3-6 novembre 2023'
    """
    if not start or not end:
        return format_month(month)
    if start == end:
        return format_day(start)
    first, last = format_day(start), format_day(end)
    if start.year != end.year:
        return f"{first}-{last}"
    if start.month != end.month:
        return f"{first.rsplit(' ', 1)[0]}-{last}"
    return f"{first.split(' ', 1)[0]}-{last}"


def trip_title(ordinal: int | None, countries: Iterable[str], span: str,
               country_name: Callable[[str], str]) -> str:
    names = ", ".join(country_name(c) for c in countries)
    head = f"{french_ordinal(ordinal)} tournée" if ordinal else "Tournée"
    return f"{head} : {names} — {span}" if names else f"{head} — {span}"


def core_span(days: list[dt.date], max_gap: int) -> tuple[dt.date | None, dt.date | None]:
    """The longest run of days with no gap over max_gap: a day pinned far away does not stretch the trip."""
    if not days:
        return None, None
    runs: list[list[dt.date]] = []
    for day in sorted(days):
        if runs and (day - runs[-1][-1]).days <= max_gap:
            runs[-1].append(day)
        else:
            runs.append([day])
    best = max(runs, key=len)  # max keeps the earliest of equally long runs
    return best[0], best[-1]


def _trip_from(cluster: _Cluster, country_name: Callable[[str], str], max_gap: int) -> Trip:
    ordered = _reading_order(cluster.articles)
    # A preview is published before the tour starts: its day is not a day of the tour.
    days = [a.date for a in ordered if a.date and not a.preview] or cluster.days
    start, end = core_span(days, max_gap)
    countries = _first_visits(ordered)
    month = min(cluster.months)
    ordinal = cluster.ordinal
    title = trip_title(ordinal, countries, format_span(start, end, month), country_name)
    ident = start.isoformat() if start else month
    people = tuple(dict.fromkeys(person for a in ordered for person in a.people))
    return Trip(id=ident, title=title, ordinal=ordinal, start=start, end=end, countries=countries,
                articles=tuple(a.file for a in ordered), slug=ident, stops=itinerary(ordered, country_name),
                people=people, month=month)


def _unique_ids(trips: list[Trip]) -> list[Trip]:
    seen: Counter[str] = Counter()
    result = []
    for trip in trips:
        seen[trip.id] += 1
        if seen[trip.id] > 1:
            ident = f"{trip.id}-{seen[trip.id]}"
            trip = replace(trip, id=ident, slug=ident)
        result.append(trip)
    return result


def _apply_pins(clusters: list[_Cluster], by_file: dict[str, Article], pins: dict[str, str | None]) -> None:
    for file, target in pins.items():
        for cluster in clusters:
            cluster.articles = [a for a in cluster.articles if a.file != file]
        if target is None:
            continue
        home = next((c for c in clusters if any(a.file == target for a in c.articles)), None)
        if home is None:
            home = _Cluster([by_file[target]])
            clusters.append(home)
        home.articles.append(by_file[file])


def _apply_merges(clusters: list[_Cluster], by_file: dict[str, Article], merges) -> list[_Cluster]:
    for group in merges:
        members = [c for c in clusters if any(a.file in group for a in c.articles)]
        merged = _Cluster([a for c in members for a in c.articles])
        placed = {a.file for a in merged.articles}
        merged.articles += [by_file[f] for f in group if f not in placed]
        clusters = [c for c in clusters if c not in members] + [merged]
    return clusters


def _apply_splits(clusters: list[_Cluster], by_file: dict[str, Article], splits) -> list[_Cluster]:
    for group in splits:
        for cluster in clusters:
            cluster.articles = [a for a in cluster.articles if a.file not in group]
        clusters.append(_Cluster([by_file[f] for f in group]))
    return clusters


def _apply_edits(trips: list[Trip], edits, country_name: Callable[[str], str]) -> list[Trip]:
    result = []
    for trip in trips:
        for edit in edits:
            if edit.article not in trip.articles:
                continue
            if edit.ordinal is not None:
                span = format_span(trip.start, trip.end, trip.month)
                trip = replace(trip, ordinal=edit.ordinal,
                               title=trip_title(edit.ordinal, trip.countries, span, country_name))
            if edit.title:
                trip = replace(trip, title=edit.title.strip())
            if edit.id:
                trip = replace(trip, id=edit.id, slug=edit.id)
        result.append(trip)
    return result


def check_trips(articles: list[Article], trips: list[Trip], settings: GroupingSettings, report) -> None:
    """Warnings an editor should look at: a day far outside its trip, a trip with no stop."""
    by_file = {a.file: a for a in articles}
    slack = dt.timedelta(days=settings.max_gap_days)
    for trip in trips:
        if not trip.stops:
            report.warning("trip-without-stop", f"trip '{trip.title}' has no stop in any of its articles",
                           file=trip.articles[0], action="shown without an itinerary")
        if not (trip.start and trip.end):
            continue
        for file in trip.articles:
            day = by_file[file].date
            if day and not (trip.start - slack <= day <= trip.end + slack):
                report.warning("day-outside-trip",
                               f"the article's day {day.isoformat()} falls outside its trip "
                               f"({trip.start.isoformat()} to {trip.end.isoformat()})",
                               file=file, action="kept in the trip; check trips.yml or the article's date")


def check_months(articles: list[Article], trips: list[Trip], report) -> None:
    """A month that only a trip's span reaches would get a page with no article of its own."""
    with_articles = {a.month for a in articles if a.duplicate_of is None}
    for trip in trips:
        if not (trip.start and trip.end):
            continue
        day = trip.start.replace(day=1)
        while day <= trip.end:
            month = day.strftime("%Y-%m")
            if month not in with_articles:
                report.warning("empty-month", f"{month} has no article: its page only lists the trip '{trip.title}'",
                               file=trip.articles[0], action="the month page is still written")
            day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def group_trips(articles: list[Article], settings: GroupingSettings, country_name: Callable[[str], str],
                overrides: TripOverrides | None = None) -> tuple[list[Article], list[Trip]]:
    """Assign each article its trip id (or None) and describe every trip, oldest first.

    Editorial overrides (trips.yml) apply after inference: pins, then merges, then
    splits, then names and ordinals. Their article names must have been checked.
    """
    overrides = overrides or TripOverrides()
    originals = [a for a in articles if a.duplicate_of is None]
    by_file = {a.file: a for a in originals}
    candidates = [a for a in originals if is_tour_article(a, settings) and a.file not in overrides.pins]
    clusters = _chain_dated([a for a in candidates if a.date], settings.max_gap_days)
    _place_undated(clusters, [a for a in candidates if not a.date])
    _apply_pins(clusters, by_file, {f: t for f, t in overrides.pins.items() if f in by_file})
    clusters = _apply_merges(clusters, by_file, overrides.merges)
    clusters = _apply_splits(clusters, by_file, overrides.splits)
    clusters = [c for c in clusters if c.articles]
    trips = [_trip_from(c, country_name, settings.max_gap_days) for c in clusters]
    trips = _unique_ids(sorted(trips, key=lambda t: (t.start or dt.date.fromisoformat(t.month + "-01"), t.id)))
    trips = _apply_edits(trips, overrides.edits, country_name)
    trip_of = {file: trip.id for trip in trips for file in trip.articles}
    for article in articles:
        if article.duplicate_of and article.duplicate_of in trip_of:
            trip_of[article.file] = trip_of[article.duplicate_of]
    return [replace(a, trip=trip_of.get(a.file)) for a in articles], trips
