"""Map data on trip pages and the places index; Leaflet shipped from node_modules by the plugin."""

from __future__ import annotations

import datetime as dt
import html
import json
import logging
import re
from pathlib import Path

import pytest

from digest import assets
from digest.model import Article, Block, Digest, Place, Trip, TripStop
from digest.pages import build_pages
from digest.pages.maps import href, map_block, places_points, trip_points
from digest.pages.site import Site

NAMES = {"TR": "Turquie", "IL": "Israël", "JO": "Jordanie"}
ANKARA = Place("Ankara", "TR", 39.93, 32.86)
TEL_AVIV = Place("Tel-Aviv", "IL", 32.09, 34.78)
AMMAN = Place("Amman", "JO", 31.95, 35.93)
NOWHERE = Place("Village inconnu", "JO")  # no coordinates in the gazetteer
HOSTILE = 'Blinken "à" <b>Ankara</b> & l\'\u00e9mir </div><script>x</script>'
MAP = re.compile(r'<div class="dg-map" data-kind="(\w+)" data-stops="([^"]*)"')


def _article(file, day, title="Titre", **extra):
    return Article(file=file, slug=file.removesuffix(".txt"), title=title, lead="Première phrase.",
                   month=day.strftime("%Y-%m"), date=day, blocks=(Block("paragraph", "Texte."),), trip="t", **extra)


def _site(articles, trips):
    return Site.of(Digest(articles=articles, trips=trips), "D", "Antony Blinken", lambda c: NAMES.get(c, c),
                   lambda n: ("", ""))


@pytest.fixture
def trip_and_site():
    articles = [_article("a.txt", dt.date(2023, 11, 3), title=HOSTILE, stops=(TEL_AVIV, NOWHERE)),
                _article("b.txt", dt.date(2023, 11, 6), stops=(ANKARA,)),
                _article("b2.txt", dt.date(2023, 11, 6), title="Reprise", stops=(ANKARA,), duplicate_of="b.txt"),
                _article("c.txt", dt.date(2023, 11, 7), stops=(AMMAN,))]
    stops = (TripStop(TEL_AVIV, dt.date(2023, 11, 3), ("a.txt",)), TripStop(NOWHERE, dt.date(2023, 11, 3), ("a.txt",)),
             TripStop(ANKARA, dt.date(2023, 11, 6), ("b.txt", "b2.txt")), TripStop(AMMAN, None, ("c.txt",)))
    trip = Trip(id="t", title="Tournée", ordinal=None, start=dt.date(2023, 11, 3),
                end=dt.date(2023, 11, 7), countries=("IL", "TR", "JO"), articles=("a.txt", "b.txt", "c.txt"),
                slug="2023-11-03", stops=stops)
    return trip, _site(articles, [trip])


def _map_data(page: str) -> tuple[str, list[dict]]:
    kind, data = MAP.search(page).groups()
    return kind, json.loads(html.unescape(data))


def test_trip_points_follow_the_itinerary_and_skip_places_without_coordinates(trip_and_site):
    trip, site = trip_and_site
    points = trip_points(trip, site, "voyages/2023-11-03.md")
    assert [p["name"] for p in points] == ["Tel-Aviv", "Ankara", "Amman"]
    assert [(p["lat"], p["lon"]) for p in points] == [(32.09, 34.78), (39.93, 32.86), (31.95, 35.93)]
    assert [p["day"] for p in points] == ["3 novembre 2023", "6 novembre 2023", "Jour non précisé"]


def test_each_stop_links_its_articles_and_place_relative_to_the_trip_page(trip_and_site):
    trip, site = trip_and_site
    ankara = trip_points(trip, site, "voyages/2023-11-03.md")[1]
    # The duplicate shows as the article it copies, once.
    assert ankara["articles"] == [{"title": "Titre", "url": "../../articles/b/"}]
    assert ankara["url"] == "../../lieux/ankara/"


def test_map_data_is_attribute_escaped_and_reads_back_unchanged(trip_and_site):
    trip, site = trip_and_site
    page = build_pages(site.digest, "D", "Antony Blinken", lambda c: NAMES.get(c, c), lambda n: ("", ""))
    trip_page = next(p.content.decode() for p in page if p.path == "voyages/2023-11-03.md")
    block = next(line for line in trip_page.splitlines() if line.startswith('<div class="dg-map"'))
    attribute = re.search(r'data-stops="([^"]*)"', block).group(1)
    assert "<" not in attribute and "'" not in attribute and '"' not in attribute
    assert block.endswith("></div>") and block.count("<") == 2  # one element, nothing injected
    kind, points = _map_data(trip_page)
    assert kind == "itinerary" and points[0]["articles"][0]["title"] == HOSTILE
    assert trip_page.index("## Itinéraire") < trip_page.index('<div class="dg-map"') < trip_page.index("### 3 nov")


def test_no_map_when_no_stop_has_coordinates():
    article = _article("a.txt", dt.date(2023, 11, 3), stops=(NOWHERE,))
    trip = Trip(id="t", title="Tournée", ordinal=None, start=article.date, end=article.date, countries=("JO",),
                articles=("a.txt",), slug="t", stops=(TripStop(NOWHERE, article.date, ("a.txt",)),))
    site = _site([article], [trip])
    assert trip_points(trip, site, "voyages/t.md") == []
    assert map_block([], "Carte", line=True) == []
    pages = {p.path: p.content.decode() for p in build_pages(site.digest, "D", "A", str, lambda n: ("", ""))}
    assert "dg-map" not in pages["voyages/t.md"] and "dg-map" not in pages["lieux/index.md"]


def test_places_index_maps_every_located_place_with_a_link_to_its_page(trip_and_site):
    _trip, site = trip_and_site
    points = places_points(site, "lieux/index.md")
    assert [(p["name"], p["url"]) for p in points] == [("Amman", "amman/"), ("Ankara", "ankara/"),
                                                        ("Tel-Aviv", "tel-aviv/")]
    assert points[1]["note"] == "1\u00a0tournée, 1\u00a0article"
    pages = {p.path: p.content.decode() for p in build_pages(site.digest, "D", "A", str, lambda n: ("", ""))}
    kind, data = _map_data(pages["lieux/index.md"])
    assert kind == "places" and data == points


def test_href_follows_directory_urls():
    assert href("voyages/t.md", "lieux/ankara.md") == "../../lieux/ankara/"
    assert href("lieux/index.md", "articles/a.md") == "../articles/a/"
    assert href("index.md", "voyages/t.md") == "voyages/t/"


# ---------- Leaflet from node_modules ----------

def _fake_leaflet(base: Path) -> Path:
    package = base / "node_modules" / "leaflet"
    (package / "dist" / "images").mkdir(parents=True)
    for name in ("leaflet.js", "leaflet.css", "leaflet.js.map", "images/marker-icon.png", "images/layers.png"):
        (package / "dist" / name).write_text(name)
    (package / "LICENSE").write_text("BSD-2-Clause")
    return package


def test_leaflet_is_found_beside_mkdocs_yml_and_its_files_listed(tmp_path):
    package = _fake_leaflet(tmp_path)
    assert assets.find_leaflet(tmp_path) == package
    assert [site for site, _ in assets.leaflet_files(package)] == [
        "assets/vendor/leaflet/leaflet.js", "assets/vendor/leaflet/leaflet.css",
        "assets/vendor/leaflet/images/layers.png", "assets/vendor/leaflet/images/marker-icon.png",
        "assets/vendor/leaflet/LICENSE.txt"]


def test_missing_leaflet_is_a_warning_and_the_site_still_builds(tmp_path, monkeypatch, caplog):
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

    from digest.config import DigestConfig
    from digest.mkdocs_plugin import DigestPlugin

    monkeypatch.setattr(assets, "_PACKAGE_CHECKOUT", tmp_path / "checkout")
    assert assets.find_leaflet(tmp_path) is None
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config.load_dict({"site_name": "D", "docs_dir": str(tmp_path), "site_dir": str(tmp_path / "site")})
    config.validate()
    plugin = DigestPlugin()
    plugin.digest_config = DigestConfig(root=tmp_path)
    config.plugins["digest"] = plugin
    with caplog.at_level(logging.WARNING):
        files = config.plugins.on_files(Files([]), config=config)
    assert len(files) == 0
    assert any("Leaflet is not installed" in r.getMessage() and "npm ci" in r.getMessage() for r in caplog.records)

    _fake_leaflet(tmp_path)
    files = config.plugins.on_files(Files([]), config=config)
    assert sorted(f.dest_uri for f in files)[:2] == ["assets/vendor/leaflet/LICENSE.txt",
                                                     "assets/vendor/leaflet/images/layers.png"]
    assert {f.generated_by for f in files} == {"digest"}


def test_doctests():
    import doctest

    from digest.pages import maps

    assert doctest.testmod(maps).failed == 0
