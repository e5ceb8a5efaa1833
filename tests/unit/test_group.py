import datetime as dt
from dataclasses import replace

from digest.group import GroupingSettings, check_months, check_trips, format_span, group_trips
from digest.model import Article, Block, Place
from digest.overrides import load_overrides
from digest.report import Report

NAMES = {"IL": "Israël", "JO": "Jordanie", "TR": "Turquie", "QA": "Qatar", "US": "États-Unis", "BE": "Belgique"}
REGION = frozenset({"IL", "JO", "TR", "QA", "EG", "PS"})
SETTINGS = GroupingSettings(region=REGION, home_country="US")
TEL_AVIV, AMMAN, ANKARA = Place("Tel-Aviv", "IL"), Place("Amman", "JO"), Place("Ankara", "TR")
DOHA, WASHINGTON, BRUSSELS = Place("Doha", "QA"), Place("Washington", "US"), Place("Bruxelles", "BE")


def _a(file, day=None, month=None, stops=(), ordinal=None, preview=False, **extra):
    return Article(file=file, slug=file, title=file, lead="", month=month or day.strftime("%Y-%m"), date=day,
                   blocks=(Block("paragraph", "x"),), stops=tuple(stops), tour_ordinal=ordinal,
                   preview=preview, **extra)


def _group(articles, overrides=None):
    articles, trips = group_trips(articles, SETTINGS, NAMES.get, overrides)
    return {a.file: a.trip for a in articles}, trips


def _sets(trip_of):
    groups = {}
    for file, trip in trip_of.items():
        if trip:
            groups.setdefault(trip, set()).add(file)
    return sorted(map(sorted, groups.values()))


def test_days_close_together_make_one_trip_and_a_long_gap_starts_another():
    trip_of, trips = _group([_a("a", dt.date(2023, 10, 12), stops=[TEL_AVIV]),
                             _a("b", dt.date(2023, 10, 13), stops=[AMMAN]),
                             _a("c", dt.date(2023, 10, 16), stops=[DOHA]),
                             _a("d", dt.date(2023, 11, 3), stops=[TEL_AVIV])])
    assert _sets(trip_of) == [["a", "b", "c"], ["d"]]
    assert (trips[0].start, trips[0].end) == (dt.date(2023, 10, 12), dt.date(2023, 10, 16))
    assert trips[0].countries == ("IL", "JO", "QA")
    assert [stop.place.name for stop in trips[0].stops] == ["Tel-Aviv", "Amman", "Doha"]


def test_an_event_at_home_or_outside_the_region_stays_off_trip_even_days_after_a_tour():
    trip_of, _ = _group([_a("tour", dt.date(2023, 10, 17), stops=[TEL_AVIV]),
                         _a("hearing", dt.date(2023, 10, 19), stops=[WASHINGTON]),
                         _a("nato", dt.date(2023, 10, 18), stops=[BRUSSELS])])
    assert trip_of == {"tour": trip_of["tour"], "hearing": None, "nato": None}


def test_month_only_articles_join_by_ordinal_then_by_stops():
    trip_of, trips = _group([_a("dated", dt.date(2023, 11, 6), stops=[ANKARA], ordinal=2),
                             _a("preview", None, "2023-11", stops=[TEL_AVIV, AMMAN], ordinal=2),
                             _a("other", dt.date(2023, 11, 29), stops=[TEL_AVIV], ordinal=3),
                             _a("undated-stops", None, "2023-11", stops=[TEL_AVIV])])
    assert trip_of["preview"] == trip_of["dated"]
    assert trip_of["undated-stops"] in {trip_of["dated"], trip_of["other"]}
    assert [t.ordinal for t in trips] == [2, 3]


def test_conflicting_ordinals_split_close_days():
    trip_of, _ = _group([_a("a", dt.date(2024, 1, 1), stops=[TEL_AVIV], ordinal=4),
                         _a("b", dt.date(2024, 1, 2), stops=[DOHA], ordinal=5)])
    assert trip_of["a"] != trip_of["b"]


def test_a_preview_joins_the_trip_it_announces_but_does_not_start_it():
    trip_of, trips = _group([_a("preview", dt.date(2023, 11, 28), stops=[TEL_AVIV], preview=True),
                             _a("visit", dt.date(2023, 11, 30), stops=[TEL_AVIV])])
    assert trip_of["preview"] == trip_of["visit"]
    assert trips[0].start == dt.date(2023, 11, 30)


def test_duplicates_follow_their_original():
    trip_of, _ = _group([_a("a", dt.date(2024, 8, 19), stops=[TEL_AVIV]),
                         _a("b", dt.date(2024, 8, 19), stops=[TEL_AVIV], duplicate_of="a")])
    assert trip_of["a"] is not None and trip_of["b"] == trip_of["a"]


def test_trip_title_in_french():
    _, trips = _group([_a("a", dt.date(2023, 11, 3), stops=[TEL_AVIV], ordinal=2),
                       _a("b", dt.date(2023, 11, 6), stops=[ANKARA])])
    assert trips[0].title == "2e tournée : Israël, Turquie — 3-6 novembre 2023"
    assert format_span(dt.date(2023, 11, 29), dt.date(2023, 12, 1), "") == "29 novembre-1er décembre 2023"


def _overrides(tmp_path, text):
    (tmp_path / "trips.yml").write_text(text, encoding="utf-8")
    report = Report()
    return load_overrides(tmp_path, report), report


def test_overrides_pin_merge_split_and_name(tmp_path):
    articles = [_a("a", dt.date(2023, 10, 12), stops=[TEL_AVIV]), _a("b", dt.date(2023, 10, 13), stops=[AMMAN]),
                _a("c", dt.date(2023, 10, 30), stops=[DOHA]), _a("d", dt.date(2023, 11, 20), stops=[ANKARA]),
                _a("e", dt.date(2023, 12, 1), stops=[WASHINGTON])]
    overrides, report = _overrides(tmp_path, """
trips:
  - article: a
    id: premiere-tournee
    ordinal: 1
  - article: d
    title: Un titre choisi
pin:
  e: d
merge:
  - [a, c]
split:
  - [b]
""")
    assert report.issues == []
    trip_of, trips = _group(articles, overrides)
    assert _sets(trip_of) == [["a", "c"], ["b"], ["d", "e"]]
    by_id = {t.id: t for t in trips}
    assert by_id["premiere-tournee"].ordinal == 1 and by_id["premiere-tournee"].title.startswith("1re tournée")
    assert by_id[trip_of["d"]].title == "Un titre choisi"


def test_pin_to_null_takes_an_article_out_of_its_trip(tmp_path):
    overrides, _ = _overrides(tmp_path, "pin:\n  b: null\n")
    trip_of, _ = _group([_a("a", dt.date(2023, 10, 12), stops=[TEL_AVIV]),
                         _a("b", dt.date(2023, 10, 13), stops=[AMMAN])], overrides)
    assert trip_of["b"] is None and trip_of["a"] is not None


def test_override_naming_an_unknown_article_is_a_warning_and_is_ignored(tmp_path):
    overrides, _ = _overrides(tmp_path, "pin:\n  a: nope.txt\nmerge:\n  - [a, ghost.txt]\n")
    report = Report()
    checked = overrides.check_articles({"a"}, report)
    assert report.codes == ["override-unknown-article", "override-unknown-article"]
    assert report.issues[0].line is not None and report.issues[0].file.endswith("trips.yml")
    assert checked.pins == {} and checked.merges == ()


def test_malformed_overrides_are_configuration_errors_with_lines(tmp_path):
    _, report = _overrides(tmp_path, "trips:\n  - article: a\n    colour: red\n")
    assert report.codes == ["overrides-unknown-key"] and report.issues[0].line == 2
    _, report = _overrides(tmp_path, "pin: [unclosed\n")
    assert report.codes == ["overrides-syntax"] and report.issues[0].line is not None
    _, report = _overrides(tmp_path, "trips:\n  - article: a\n    ordinal: deux\n")
    assert report.codes == ["overrides-type"]
    _, report = _overrides(tmp_path, "tours: []\n")
    assert report.codes == ["overrides-unknown-key"]


def test_checks_warn_about_a_day_outside_its_trip_a_trip_without_stop_and_an_empty_month(tmp_path):
    overrides, _ = _overrides(tmp_path, "pin:\n  late: a\n  nowhere: a\n")
    articles = [_a("a", dt.date(2023, 11, 29), stops=[TEL_AVIV]), _a("b", dt.date(2023, 12, 2), stops=[AMMAN]),
                _a("late", dt.date(2024, 3, 1), stops=[DOHA]), _a("nowhere", None, "2023-11")]
    articles_out, trips = group_trips(articles, SETTINGS, NAMES.get, overrides)
    report = Report()
    check_trips(articles_out, trips, SETTINGS, report)
    assert report.codes == ["day-outside-trip"]
    report = Report()
    alone = [_a("x", None, "2023-11")]
    _, no_stop = group_trips(alone, SETTINGS, NAMES.get, _overrides(tmp_path, "merge:\n  - [x, x]\n")[0])
    check_trips(alone, no_stop, SETTINGS, report)
    assert report.codes == ["trip-without-stop"]
    report = Report()
    spanning = [_a("p", dt.date(2023, 11, 29), stops=[TEL_AVIV]), _a("q", dt.date(2023, 12, 1), stops=[AMMAN])]
    out, trips = group_trips(spanning[:1], SETTINGS, NAMES.get)
    trips = [replace(t, end=dt.date(2023, 12, 1)) for t in trips]
    check_months(out, trips, report)
    assert report.codes == ["empty-month"]
