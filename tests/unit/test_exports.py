"""The Atom feed and the iCalendar, parsed back with parsers of their own (xml.etree, icalendar)
and compared with the digest they come from: count, order, titles, dates, links."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from urllib.parse import urljoin

import icalendar
import pytest

from digest import pipeline
from digest.config import DigestConfig
from digest.clock import build_time
from digest.feeds import ATOM_FEED, FEED_ENTRIES, TRIPS_CALENDAR, atom_feed, trips_calendar
from digest.group import GroupingSettings, group_trips
from digest.model import Article, Block, Digest, Place, Trip, TripStop
from digest.report import Report
from tests.conftest import SEEDS

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NAMES = {"TR": "Turquie", "IL": "Israël", "JO": "Jordanie", "US": "États-Unis"}
ANKARA = Place("Ankara", "TR", 39.93, 32.86)
TEL_AVIV = Place("Tel-Aviv", "IL", 32.09, 34.78)
SITE = "https://exemple.github.io/digest/"
NOW = dt.datetime(2024, 1, 9, tzinfo=dt.timezone.utc)
# Where a reader fetches the feed from when the site's address is unknown.
LOCAL_FEED = "http://127.0.0.1:8000/" + ATOM_FEED


def _article(file, day, title="Titre", lead="Première phrase.", **extra):
    return Article(file=file, slug=file.removesuffix(".txt"), title=title, lead=lead,
                   month=day.strftime("%Y-%m") if day else extra.pop("month", "2023-11"), date=day,
                   blocks=(Block("paragraph", "Un paragraphe."),), **extra)


def _digest(articles):
    articles, trips = group_trips(articles, GroupingSettings(home_country="US"), lambda c: NAMES.get(c, c))
    return Digest(articles=articles, trips=trips)


def _entries(feed: bytes) -> list[dict]:
    root = ET.fromstring(feed)
    return [{"id": e.findtext(f"{ATOM}id"), "title": e.findtext(f"{ATOM}title"),
             "summary": e.findtext(f"{ATOM}summary"), "updated": e.findtext(f"{ATOM}updated"),
             "published": e.findtext(f"{ATOM}published"), "link": e.find(f"{ATOM}link").get("href"),
             "authors": [a.findtext(f"{ATOM}name") for a in e.findall(f"{ATOM}author")]}
            for e in root.findall(f"{ATOM}entry")]


def _events(calendar: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(calendar).walk("VEVENT"))


@pytest.fixture
def digest():
    return _digest([
        _article("a.txt", dt.date(2023, 11, 3), title="Blinken à Tel-Aviv", lead="Il arrive en Israël.",
                 stops=(TEL_AVIV,), source="AFP", tour_ordinal=2),
        _article("b.txt", dt.date(2023, 11, 6), title="Blinken à Ankara", lead="Puis en Turquie.",
                 stops=(ANKARA,), source="Reuters"),
        _article("b-copie.txt", dt.date(2023, 11, 6), title="Blinken à Ankara (reprise)",
                 duplicate_of="b.txt", source="ATS"),
        _article("c.txt", None, month="2023-12", title="Un mois sans jour", lead="Date au mois."),
        _article("d.txt", dt.date(2024, 1, 9), title="Retour à Tel-Aviv", stops=(TEL_AVIV,)),
    ])


# ---------- Atom ----------

def test_feed_lists_published_articles_newest_first_with_title_lead_date_and_link(digest):
    entries = _entries(atom_feed(digest, "Mon digest", "Antony Blinken", NOW))
    assert [e["title"] for e in entries] == ["Retour à Tel-Aviv", "Un mois sans jour", "Blinken à Ankara",
                                             "Blinken à Tel-Aviv"]
    assert [e["summary"] for e in entries][1:] == ["Date au mois.", "Puis en Turquie.", "Il arrive en Israël."]
    assert [e["updated"][:10] for e in entries] == ["2024-01-09", "2023-12-01", "2023-11-06", "2023-11-03"]
    assert all(e["published"] == e["updated"] for e in entries)
    assert [urljoin(LOCAL_FEED, e["link"]) for e in entries] == [
        f"http://127.0.0.1:8000/articles/{slug}/" for slug in ("d", "c", "b", "a")]
    assert entries[2]["authors"] == ["Reuters"] and entries[0]["authors"] == []


def test_feed_holds_the_newest_articles_only():
    days = [dt.date(2023, 10, 1) + dt.timedelta(days=n) for n in range(FEED_ENTRIES + 7)]
    many = _digest([_article(f"{day}.txt", day, title=f"Article du {day}") for day in days])
    entries = _entries(atom_feed(many, "Mon digest", "Antony Blinken", NOW))
    assert [e["title"] for e in entries] == [f"Article du {day}" for day in reversed(days)][:FEED_ENTRIES]


def test_feed_is_french_titled_and_byte_identical_between_builds(digest):
    feed = atom_feed(digest, "Mon digest", "Antony Blinken", NOW)
    root = ET.fromstring(feed)
    assert root.tag == f"{ATOM}feed" and root.get(XML_LANG) == "fr"
    assert root.findtext(f"{ATOM}title") == "Mon digest"
    assert root.findtext(f"{ATOM}subtitle") == ("Les derniers articles sur les tournées d’Antony Blinken, "
                                                "du plus récent au plus ancien.")
    assert root.findtext(f"{ATOM}updated") == "2024-01-09T00:00:00+00:00"
    assert root.findtext(f"{ATOM}generator") == "digest"  # no library version in the bytes
    assert root.find(f"{ATOM}author").findtext(f"{ATOM}name") == "Mon digest"
    assert atom_feed(digest, "Mon digest", "Antony Blinken", NOW) == feed


def test_feed_links_are_absolute_under_the_site_address_and_ids_always_are(digest):
    local = ET.fromstring(atom_feed(digest, "Mon digest", "Antony Blinken", NOW))
    published = ET.fromstring(atom_feed(digest, "Mon digest", "Antony Blinken", NOW, site_url=SITE.rstrip("/")))
    links = {link.get("rel"): link.get("href") for link in published.findall(f"{ATOM}link")}
    assert links == {"alternate": SITE, "self": SITE + "data/atom.xml"}
    assert {link.get("rel"): link.get("href") for link in local.findall(f"{ATOM}link")} == \
        {"alternate": "../", "self": "atom.xml"}
    entries = _entries(ET.tostring(published))
    assert [e["link"] for e in entries] == [SITE + f"articles/{slug}/" for slug in ("d", "c", "b", "a")]
    assert [e["id"] for e in entries] == [e["link"] for e in entries]
    local_ids = [e["id"] for e in _entries(ET.tostring(local))]
    assert all(i.startswith("urn:uuid:") for i in local_ids) and len(set(local_ids)) == len(local_ids)


def test_feed_keeps_untrusted_text_as_text_and_drops_what_xml_forbids():
    title = 'Blinken <script>alert("x")</script> & « Hamas »\x07'
    feed = atom_feed(Digest(articles=[_article("a.txt", dt.date(2023, 11, 3), title=title, lead="a\x00b ]]>")]),
                     "Mon digest", "Antony Blinken", NOW)
    entry = _entries(feed)[0]
    assert entry["title"] == 'Blinken <script>alert("x")</script> & « Hamas »'
    assert entry["summary"] == "ab ]]>"
    assert b"<script>" not in feed


def test_an_empty_digest_still_makes_a_valid_feed():
    root = ET.fromstring(atom_feed(Digest(), "Mon digest", "Antony Blinken", build_time([])))
    assert root.findall(f"{ATOM}entry") == [] and root.findtext(f"{ATOM}updated").startswith("1970-01-01")


# ---------- iCalendar ----------

def test_calendar_has_one_all_day_event_per_trip_with_stops_days_and_link(digest):
    calendar = trips_calendar(digest, "Mon digest", "Antony Blinken", lambda c: NAMES.get(c, c), NOW, site_url=SITE)
    events = _events(calendar)
    assert [str(e["summary"]) for e in events] == [t.title for t in digest.trips]
    first, second = events
    assert first.decoded("dtstart") == dt.date(2023, 11, 3)
    assert first.decoded("dtend") == dt.date(2023, 11, 7)  # exclusive: the day after the last
    assert second.decoded("dtstart") == dt.date(2024, 1, 9) and second.decoded("dtend") == dt.date(2024, 1, 10)
    trip = digest.trips[0]
    assert str(first["url"]) == f"{SITE}voyages/{trip.slug}/"
    description = str(first["description"])
    assert description.index("1. Tel-Aviv (Israël) — 3 novembre 2023") \
        < description.index("2. Ankara (Turquie) — 6 novembre 2023")
    assert f"Page de la tournée : {SITE}voyages/{trip.slug}/" in description
    assert str(first["location"]) == "Israël, Turquie"
    assert str(first["uid"]) == f"{trip.id}@exemple.github.io"
    assert str(first["transp"]) == "TRANSPARENT"


def test_calendar_is_french_named_and_byte_identical_between_builds(digest):
    make = lambda: trips_calendar(digest, "Mon digest", "Antony Blinken", lambda c: NAMES.get(c, c), NOW)  # noqa: E731
    calendar = make()
    assert calendar == make()
    parsed = icalendar.Calendar.from_ical(calendar)
    assert str(parsed["x-wr-calname"]) == "Mon digest : tournées"
    assert str(parsed["version"]) == "2.0" and "prodid" in parsed
    assert calendar.endswith(b"END:VCALENDAR\r\n")


def test_feed_and_calendar_are_stamped_with_the_build_time_never_the_clock(digest, monkeypatch):
    names = lambda c: NAMES.get(c, c)  # noqa: E731
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    now = build_time(digest.articles)
    assert now == dt.datetime(2024, 1, 9, tzinfo=dt.timezone.utc)  # the newest article's day
    feed = ET.fromstring(atom_feed(digest, "Mon digest", "Antony Blinken", now))
    assert feed.findtext(f"{ATOM}updated") == "2024-01-09T00:00:00+00:00"
    stamp = build_time(digest.articles, {"SOURCE_DATE_EPOCH": "1700000000"})
    events = _events(trips_calendar(digest, "Mon digest", "Antony Blinken", names, stamp))
    assert {e.decoded("dtstamp") for e in events} == {dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.timezone.utc)}


def test_calendar_without_site_address_has_no_url_and_a_fixed_uid_domain(digest):
    events = _events(trips_calendar(digest, "Mon digest", "Antony Blinken", lambda c: NAMES.get(c, c), NOW))
    assert all("url" not in e for e in events)
    assert [str(e["uid"]) for e in events] == [f"{t.id}@digest.invalid" for t in digest.trips]
    assert f"voyages/{digest.trips[0].slug}/ (adresse relative au site)" in str(events[0]["description"])


def test_trips_without_a_known_day_have_no_event_and_one_day_trips_last_one_day():
    undated = Trip(id="2024-06", title="8e tournée — juin 2024", ordinal=8, start=None, end=None,
                   countries=("IL",), articles=(), slug="2024-06", month="2024-06")
    one_day = Trip(id="2024-01-09", title="Tournée — 9 janvier 2024", ordinal=None, start=dt.date(2024, 1, 9),
                   end=None, countries=(), articles=(), slug="2024-01-09",
                   stops=(TripStop(Place("Nulle part", "XX"), None, ()),))
    events = _events(trips_calendar(Digest(trips=[undated, one_day]), "D", "A", str, NOW))
    assert len(events) == 1
    assert events[0].decoded("dtend") - events[0].decoded("dtstart") == dt.timedelta(days=1)
    assert "1. Nulle part (XX) — jour non précisé" in str(events[0]["description"])


# ---------- The build: the files the site publishes, against digest.json ----------

@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The repository's seeds built into a temporary docs folder, with a site address."""
    root = tmp_path_factory.mktemp("build")
    config = replace(DigestConfig().resolved(root), seeds_dir=SEEDS, docs_dir=root / "docs", site_url=SITE,
                     site_title="Blinken au Proche-Orient", subject=DigestConfig().subject)
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        pipeline.build(config, Report(), use_cache=False)
    docs = config.docs_dir
    return (json.loads((docs / "data/digest.json").read_text(encoding="utf-8")),
            (docs / ATOM_FEED).read_bytes(), (docs / TRIPS_CALENDAR).read_bytes())


def test_published_feed_matches_digest_json(built):
    data, feed, _ = built
    published = [r for r in data["articles"] if r["duplicate_of"] is None]
    newest_first = sorted(published, key=lambda r: (r["date"] or r["month"] + "-00", r["file"]), reverse=True)
    entries = _entries(feed)
    assert len(entries) == len(published) > 0
    assert [e["link"] for e in entries] == [SITE + r["url"] for r in newest_first]
    assert [e["title"] for e in entries] == [" ".join(r["title"].split()) for r in newest_first]
    assert [e["updated"][:10] for e in entries] == [r["date"] or r["month"] + "-01" for r in newest_first]
    assert ET.fromstring(feed).findtext(f"{ATOM}updated")[:10] == max(e["updated"][:10] for e in entries)


def test_published_calendar_matches_digest_json(built):
    data, _, calendar = built
    dated = sorted((t for t in data["trips"] if t["start"]), key=lambda t: (t["start"], t["id"]))
    events = _events(calendar)
    assert [str(e["summary"]) for e in events] == [t["title"] for t in dated]
    assert [e.decoded("dtstart").isoformat() for e in events] == [t["start"] for t in dated]
    assert [(e.decoded("dtend") - dt.timedelta(days=1)).isoformat() for e in events] == [t["end"] for t in dated]
    assert [str(e["url"]) for e in events] == [SITE + t["url"] for t in dated]


def test_doctests():
    import doctest

    from digest import feeds

    assert doctest.testmod(feeds).failed == 0
