"""Maps in the browser, offline: the tiles never load here (and are refused outright below),
yet every stop's marker, the route between them and the popups must show; nothing but
OpenStreetMap's tiles may be asked of another host."""

from __future__ import annotations

import json
import urllib.parse

import pytest

from tests.browser.conftest import PHONE

TILE_HOST = "tile.openstreetmap.org"


def _offline_tiles(page) -> None:
    """As with no network: every tile request fails."""
    page.route(f"**://{TILE_HOST}/**", lambda route: route.abort())


def _outside(page) -> list[str]:
    hosts = []
    for url in page.requests:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in {"data", "blob", "about"} and parts.hostname not in {"127.0.0.1", TILE_HOST}:
            hosts.append(url)
    return hosts


def _errors_but_tiles(page) -> list[str]:
    """Console errors other than the tiles that could not load."""
    return [e for e in page.console_errors if TILE_HOST not in e and "ERR_FAILED" not in e]


def _points(page) -> list[dict]:
    return json.loads(page.locator(".dg-map").first.get_attribute("data-stops"))


def _by_place(points: list[dict]) -> list[list[int]]:
    """Indexes of the points each marker stands for: points at one place share a marker."""
    groups: dict[tuple, list[int]] = {}
    for index, point in enumerate(points):
        groups.setdefault((point["lat"], point["lon"]), []).append(index)
    return list(groups.values())


def _open_popup(marker) -> None:
    """Click a marker where it is drawn (Leaflet opens the popup at the click's position), even
    when a nearby marker overlaps it."""
    box = marker.bounding_box()
    marker.dispatch_event("click", {"clientX": box["x"] + box["width"] / 2, "clientY": box["y"] + box["height"] / 2,
                                    "bubbles": True})


def _trip_with_a_route(page, served_site, site_data) -> str:
    """The trip page whose map has the most stops (two at least, for a route)."""
    best, most = None, 0
    for trip in site_data["trips"]:
        page.goto(served_site + trip["url"])
        count = len(_points(page)) if page.locator(".dg-map").count() else 0
        if count > most:
            best, most = trip["url"], count
    assert most >= 2, "no trip of the seeds has two located stops: the test needs one"
    return best


def test_trip_map_shows_stops_in_order_the_route_and_popups_offline(page, served_site, site_data):
    url = _trip_with_a_route(page, served_site, site_data)
    _offline_tiles(page)
    page.requests.clear()
    page.goto(served_site + url, wait_until="networkidle")
    points = _points(page)
    groups = _by_place(points)
    markers = page.locator(".dg-map path.dg-map__stop.leaflet-interactive")
    markers.first.wait_for(state="visible")
    assert markers.count() == len(groups)
    assert page.locator(".dg-map path.dg-map__line").count() == 1
    numbers = page.locator(".dg-map .dg-map__number")
    assert [numbers.nth(i).inner_text() for i in range(numbers.count())] == \
        [",".join(str(i + 1) for i in group) for group in groups]
    assert "les contributeurs d’OpenStreetMap" in page.locator(".dg-map .leaflet-control-attribution").inner_text()

    _open_popup(markers.first)
    popup = page.locator(".dg-map .leaflet-popup-content")
    popup.wait_for(state="visible")
    shown = [points[i] for i in groups[0]]
    names = popup.locator(".dg-map__name")
    assert [names.nth(i).inner_text() for i in range(names.count())] == \
        [f"{i + 1}. {points[i]['name']}" for i in groups[0]]
    days = popup.locator(".dg-map__day")
    assert [days.nth(i).inner_text() for i in range(days.count())] == [p["day"] for p in shown]
    links = popup.locator(".dg-map__articles a")
    assert [links.nth(i).inner_text() for i in range(links.count())] == \
        [a["title"] for p in shown for a in p["articles"]]
    article_urls = {served_site + record["url"] for record in site_data["articles"]}
    hrefs = [urllib.parse.urljoin(page.url, links.nth(i).get_attribute("href")) for i in range(links.count())]
    assert hrefs and set(hrefs) <= article_urls
    assert _outside(page) == []
    assert _errors_but_tiles(page) == []


def test_places_index_maps_every_place_and_links_to_its_page(page, served_site):
    _offline_tiles(page)
    page.goto(served_site + "lieux/", wait_until="networkidle")
    points = _points(page)
    groups = _by_place(points)
    markers = page.locator(".dg-map path.dg-map__stop.leaflet-interactive")
    markers.first.wait_for(state="visible")
    assert markers.count() == len(groups) > 0
    assert page.locator(".dg-map path.dg-map__line").count() == 0  # places, not a route
    _open_popup(markers.first)
    links = page.locator(".dg-map .leaflet-popup-content .dg-map__name a")
    assert [links.nth(i).inner_text() for i in range(links.count())] == [points[i]["name"] for i in groups[0]]
    link = links.first
    link.click()
    page.wait_for_url(urllib.parse.urljoin(served_site + "lieux/", points[0]["url"]))
    heading = page.locator(".md-content h1", has_text=points[0]["name"])
    heading.wait_for()  # instant navigation changes the address before the content
    assert heading.inner_text().strip().removesuffix("¶") == points[0]["name"]
    assert _outside(page) == []
    assert _errors_but_tiles(page) == []


def test_maps_are_drawn_once_per_page_through_instant_navigation(page, served_site, site_data):
    _offline_tiles(page)
    page.goto(served_site, wait_until="networkidle")
    page.locator(".md-sidebar--primary a.md-nav__link", has_text="Lieux").first.click()
    page.wait_for_url(served_site + "lieux/")
    page.locator(".dg-map path.dg-map__stop").first.wait_for(state="visible")
    assert page.locator(".leaflet-container").count() == 1
    place_markers = page.locator(".dg-map path.dg-map__stop").count()
    page.locator(".md-sidebar--primary a.md-nav__link", has_text="Tournées").first.click()
    page.wait_for_url(served_site + "voyages/")
    page.locator(".md-content h1", has_text="Tournées").wait_for()
    assert page.locator(".leaflet-container").count() == 0
    page.go_back()
    page.wait_for_url(served_site + "lieux/")
    page.locator(".md-content h1", has_text="Lieux").wait_for()
    page.locator(".dg-map path.dg-map__stop").first.wait_for(state="visible")
    assert page.locator(".leaflet-container").count() == 1
    assert page.locator(".dg-map path.dg-map__stop").count() == place_markers
    assert _errors_but_tiles(page) == []


@pytest.mark.parametrize("viewport, width, scheme", [(None, "desktop", "light"), (None, "desktop", "dark"),
                                                     (PHONE, "phone", "light"), (PHONE, "phone", "dark")])
def test_trip_map_reads_in_both_schemes_and_on_a_phone(new_page, served_site, site_data, screenshots,
                                                       viewport, width, scheme):
    page = new_page(viewport=viewport, color_scheme=scheme)
    url = _trip_with_a_route(page, served_site, site_data)
    _offline_tiles(page)
    page.goto(served_site + url, wait_until="networkidle")
    box = page.locator(".dg-map")
    _open_popup(box.locator("path.dg-map__stop").first)
    page.locator(".dg-map .leaflet-popup-content").wait_for(state="visible")
    map_box = box.bounding_box()
    assert map_box["width"] <= page.viewport_size["width"] and map_box["height"] >= 200
    popup = page.locator(".dg-map .leaflet-popup-content-wrapper")
    colours = popup.evaluate("e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]")
    assert colours[0] != colours[1]
    # Once Leaflet has panned the map to it, the popup fits inside the map, on a phone too.
    page.wait_for_function("""() => {
        const popup = document.querySelector('.dg-map .leaflet-popup-content-wrapper').getBoundingClientRect();
        const map = document.querySelector('.dg-map').getBoundingClientRect();
        return popup.left >= map.left - 1 && popup.right <= map.right + 1;
    }""", timeout=5_000)
    box.screenshot(path=str(screenshots / f"trip-map-{width}-{scheme}.png"))
    if width == "desktop" and scheme == "light":
        page.goto(served_site + "lieux/", wait_until="networkidle")
        page.locator(".dg-map path.dg-map__stop").first.wait_for(state="visible")
        page.locator(".dg-map").screenshot(path=str(screenshots / "places-map-desktop-light.png"))


def _km(a: dict, b: dict) -> float:
    from math import asin, cos, radians, sin, sqrt
    dlat, dlon = radians(b["lat"] - a["lat"]), radians(b["lon"] - a["lon"])
    h = sin(dlat / 2) ** 2 + cos(radians(a["lat"])) * cos(radians(b["lat"])) * sin(dlon / 2) ** 2
    return 2 * 6371 * asin(sqrt(h))


def test_a_far_leg_does_not_pile_up_the_regions_stops(page, served_site, site_data):
    """A tour that goes on to Tokyo still shows Amman and Jerusalem apart: stops in view that
    lie 50 km apart or more are drawn at least 12 px apart, on every trip map."""
    _offline_tiles(page)
    checked = 0
    for trip in site_data["trips"]:
        page.goto(served_site + trip["url"], wait_until="networkidle")
        if not page.locator(".dg-map").count():
            continue
        groups = _by_place(points := _points(page))
        markers = page.locator(".dg-map path.dg-map__stop.leaflet-interactive")
        markers.first.wait_for(state="visible")
        frame = page.locator(".dg-map").first.bounding_box()
        centres = []
        for n in range(markers.count()):
            box = markers.nth(n).bounding_box()
            x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
            if frame["x"] <= x <= frame["x"] + frame["width"] and frame["y"] <= y <= frame["y"] + frame["height"]:
                centres.append((points[groups[n][0]], x, y))
        assert len(centres) >= min(2, len(groups)), f"{trip['url']}: the map shows almost none of its stops"
        for i, (a, ax, ay) in enumerate(centres):
            for b, bx, by in centres[i + 1:]:
                if _km(a, b) >= 50:
                    checked += 1
                    assert ((ax - bx) ** 2 + (ay - by) ** 2) ** 0.5 >= 12, \
                        f"{trip['url']}: {a['name']} and {b['name']} overlap on the map"
    assert checked, "no trip of the seeds has two stops 50 km apart: the test needs one"
