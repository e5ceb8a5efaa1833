"""What a reader sees in the browser: pages load clean, search finds French words the way
readers type them, the timeline leads to trips, trips show their map, and the site holds
up on a phone, in the dark scheme, on paper and at a wrong address."""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import urllib.parse

import pytest

from digest.clean import clean, decode
from digest.french import format_when
from digest.search_index import index_site
from tests.browser.conftest import PHONE, SUB_PATH
from tests.browser.server import SiteServer
from tests.conftest import SEEDS

# (what the reader types, a pattern for the words it must find, why). The articles whose
# text matches the pattern must all be among the results, and the first result one of them.
SEARCHES = [
    ("treve", r"trêves?", "accents are optional: treve finds trêve"),
    ("israel", r"israël", "israel finds Israël"),
    ("egypte", r"[ée]gypte", "egypte finds Égypte and Egypte"),
    ("importance", r"l['’\"]+importance", "a French elision: importance finds l'importance"),
    ("treves", r"trêves?", "a plural finds the singular"),
    ("otage", r"otages?", "a singular finds the plural"),
]

# Kept out of the search index by the article pages (digest/pages/article.py), shown all the same.
UNINDEXED_LABELS = ("Tournée", "Crédits", "Repris aussi", "Fichier source")

# The seed articles that "egypte" finds, as it did when their trip and file lines were indexed:
# 000 says « l'Egypte »; 003 says « l’Égypte », which Pagefind 1.5 does not split at the typographic
# apostrophe, so its « Lieux cités » line (indexed) is what finds it.
EGYPT = {"000_cea800bd057769e5.txt", "003_d39f97b2855b8e1c.txt"}


def _is_local(url: str) -> bool:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme in {"data", "blob", "about"} or parts.hostname == "127.0.0.1"


def _is_map_tile(url: str) -> bool:
    """Map tiles are the one thing allowed to come from elsewhere."""
    parts = urllib.parse.urlsplit(url)
    return "tile" in (parts.hostname or "") or bool(re.search(r"/\d+/\d+/\d+(@2x)?\.(png|jpe?g|webp|pbf)$", parts.path))


def _errors(page) -> list[str]:
    """The page's console errors, less failed map tiles (offline here, and not the site's doing)."""
    return [e for e in page.console_errors if not any(_is_map_tile(url) for url in re.findall(r"https?://[^\s)]+", e))]


def _articles(site_data) -> list[dict]:
    return [record for record in site_data["articles"] if not record["duplicate_of"]]


def _article_text(built_site, record) -> str:
    """The text that the search indexes: the article's content area, without its hidden metadata
    and its blocks kept out of the index (date, source and trip; credits, copies and file)."""
    markup = (built_site / record["url"] / "index.html").read_text(encoding="utf-8")
    body = markup.split("data-pagefind-body>", 1)[1].split("<div hidden data-pagefind-ignore>", 1)[0]
    body = re.sub(r'<div data-pagefind-ignore="index">.*?</div>', " ", body, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def _own_text(record) -> str:
    """What an article itself says, whatever its page adds: its title and its seed's paragraphs."""
    cleaned = clean(decode((SEEDS / record["file"]).read_bytes())[0])
    return " ".join([record["title"], *(block.text for block in cleaned.blocks)])


def _heading(locator) -> str:
    """A heading's text without its permalink anchor."""
    return locator.inner_text().removesuffix("¶").strip()


def _search(page, query: str) -> list[tuple[str, str]]:
    """Type into the header's search box like a reader; (path, title) of each result shown."""
    box = page.locator(".md-header .md-search__input")
    if page.viewport_size["width"] < 960:  # below Material's 60em: the magnifier opens the search
        page.locator(".md-header label.md-header__button[for=__search]").click()
        box.wait_for(state="visible")
    box.click()
    box.press_sequentially(query, delay=30)
    page.locator(f'[data-dg-search-result][data-query="{query}"]').wait_for(state="attached")
    items = page.locator(".md-search-result__item")
    return [(urllib.parse.urlsplit(items.nth(i).locator("a").get_attribute("href")).path,
             items.nth(i).locator("h1").inner_text()) for i in range(items.count())]


@pytest.mark.parametrize("which", ["home", "timeline", "article"])
def test_pages_load_with_no_console_error_and_no_outside_request(page, served_site, site_data, screenshots, which):
    path = {"home": "", "timeline": "chronologie/", "article": _articles(site_data)[0]["url"]}[which]
    response = page.goto(served_site + path, wait_until="networkidle")
    assert response.ok
    assert _errors(page) == []
    assert page.failed == []
    outside = [url for url in page.requests if not _is_local(url) and not _is_map_tile(url)]
    assert outside == []
    if not path:
        assert page.locator("html").get_attribute("lang") == "fr"
        page.screenshot(path=str(screenshots / "home-desktop-light.png"), full_page=True)


@pytest.mark.parametrize("query, pattern, why", SEARCHES, ids=[s[0] for s in SEARCHES])
def test_header_search_finds_what_french_readers_type(page, served_site, built_site, site_data, screenshots,
                                                      query, pattern, why):
    expected = {urllib.parse.urlsplit(served_site + record["url"]).path: record["title"]
                for record in _articles(site_data)
                if re.search(rf"\b{pattern}\b", _article_text(built_site, record), re.I)}
    assert expected, f"no article of the seeds says {pattern!r}: the test needs one"
    page.goto(served_site, wait_until="networkidle")
    shown = _search(page, query)
    page.screenshot(path=str(screenshots / f"search-{query}-desktop-light.png"))
    assert shown, f"{query!r} found nothing ({why})"
    assert shown[0][0] in expected, f"{query!r}: first result {shown[0]} is not one of {expected} ({why})"
    found = dict(shown)
    for path, title in expected.items():
        assert path in found, f"{query!r} did not find {title!r} ({why})"
        assert found[path] == title
    assert _errors(page) == []


def test_fast_typing_ends_on_the_results_of_what_was_typed_last(page, served_site):
    """Keys typed while a search runs wait for it; then only the newest query is searched, and
    no answer to an older one may replace it on screen."""
    page.goto(served_site, wait_until="networkidle")
    alone = _search(page, "israel")
    held = []  # Pagefind's script, held back until every key is typed: a slow first search
    page.route("**/pagefind/pagefind.js", lambda route: held.append(route))
    page.goto(served_site, wait_until="networkidle")
    box = page.locator(".md-header .md-search__input")
    box.click()
    box.press_sequentially("egypte", delay=5)
    for _ in range(6):
        box.press("Backspace")
    box.press_sequentially("israel", delay=5)
    page.wait_for_timeout(100)
    assert held, "the search box did not load Pagefind"
    held[0].continue_()
    page.locator('[data-dg-search-result][data-query="israel"]').wait_for(state="attached")
    page.wait_for_timeout(500)  # an older query's answer, were it still coming, would land now
    items = page.locator(".md-search-result__item")
    shown = [(urllib.parse.urlsplit(items.nth(i).locator("a").get_attribute("href")).path,
              items.nth(i).locator("h1").inner_text()) for i in range(items.count())]
    assert shown == alone and alone
    assert page.locator("[data-dg-search-result]").get_attribute("data-query") == "israel"
    assert _errors(page) == []


def test_a_short_word_is_searched_once_the_reader_pauses_on_it(page, served_site):
    """Fewer than four letters wait for a pause (they often begin a very common word), then are searched."""
    page.goto(served_site, wait_until="networkidle")
    israel = _search(page, "israel")
    page.goto(served_site, wait_until="networkidle")
    box = page.locator(".md-header .md-search__input")
    box.click()
    box.press_sequentially("isr", delay=20)
    page.wait_for_timeout(150)
    assert page.locator("[data-dg-search-result]").get_attribute("data-showing") is None  # not yet
    page.locator('[data-dg-search-result][data-query="isr"]').wait_for(state="attached", timeout=3000)
    items = page.locator(".md-search-result__item")
    shown = {urllib.parse.urlsplit(items.nth(i).locator("a").get_attribute("href")).path for i in range(items.count())}
    assert {path for path, _ in israel} <= shown
    assert _errors(page) == []


@pytest.fixture(scope="module")
def site_in_parts(built_site, tmp_path_factory):
    """The same site with its search index split as a large site's is (one part per few
    articles here), served under the same sub-path."""
    copy = tmp_path_factory.mktemp("parts") / "site"
    shutil.copytree(built_site, copy)
    index = index_site(copy, part_size=1)
    assert index.parts > 2, index
    with SiteServer(copy, prefix=SUB_PATH) as server:
        yield server.url


@pytest.mark.parametrize("query", ["treve", "egypte", "otage"])
def test_search_in_parts_finds_what_one_index_finds(page, served_site, site_in_parts, query):
    page.goto(served_site, wait_until="networkidle")
    whole = sorted(_search(page, query))
    page.goto(site_in_parts, wait_until="networkidle")
    assert sorted(_search(page, query)) == whole and whole
    parts = {re.search(r"/pagefind/(part-\d+/)?index/", url).group(1) for url in page.requests
             if re.search(r"/pagefind/(part-\d+/)?index/", url)}
    assert len(parts) > 2, parts  # the first part (None) and merged ones
    # Pagefind runs on the page's thread: its worker (41 kB) is never fetched.
    assert not [url for url in page.requests if "pagefind-worker" in url]
    assert _errors(page) == [] and page.failed == []


# (query, the seed files it finds; None: every article)
@pytest.mark.parametrize("query, files", [("egypte", EGYPT), ("israel", None)], ids=["egypte", "israel"])
def test_search_excerpts_quote_the_article_not_its_trip_or_file_lines(page, served_site, site_data, query, files):
    """Excerpts used to quote « Tournée : 8e tournée : Égypte… » or « Fichier source : 003_….txt »."""
    records = {urllib.parse.urlsplit(served_site + r["url"]).path: r for r in _articles(site_data)}
    page.goto(served_site, wait_until="networkidle")
    found = [path for path, _ in _search(page, query)]
    assert {records[path]["file"] for path in found} == (files or {r["file"] for r in records.values()})
    excerpts = page.locator(".md-search-result__item .dg-search-result__excerpt").all_inner_texts()
    assert len(excerpts) == len(found) and all(excerpt.strip() for excerpt in excerpts)
    for path, excerpt in zip(found, excerpts):
        record = records[path]
        day = dt.date.fromisoformat(record["date"]) if record["date"] else None
        assert not [label for label in UNINDEXED_LABELS if label in excerpt], (record["file"], excerpt)
        assert record["file"] not in excerpt and f"{format_when(day, record['month'])} · " not in excerpt, excerpt
    assert _errors(page) == []


@pytest.mark.parametrize("query, pattern", [("japon", r"japon\w*"), ("turquie", r"turqu\w*")])
def test_a_trip_title_alone_does_not_make_its_articles_results(page, served_site, site_data, query, pattern):
    """A trip's title names each country of the trip; were it searched (in « Tournée » or the
    result's data), a country would find every article of the trip. Japan is a stop of the 2nd
    trip that none of its three articles names, and only one says Turkey."""
    path = {r["url"]: urllib.parse.urlsplit(served_site + r["url"]).path for r in _articles(site_data)}
    trips = {trip["id"]: trip["title"] for trip in site_data["trips"]}
    says = {path[r["url"]] for r in _articles(site_data) if re.search(rf"\b{pattern}", _own_text(r), re.I)}
    named = {path[r["url"]] for r in _articles(site_data)
             if re.search(rf"\b{pattern}", trips.get(r["trip"], ""), re.I)}
    assert named - says, f"no article has {query!r} in its trip's title only: the test needs one"
    page.goto(served_site, wait_until="networkidle")
    assert {found for found, _ in _search(page, query)} == says
    assert _errors(page) == []


def test_search_results_say_trip_and_date(page, served_site, site_data):
    page.goto(served_site, wait_until="networkidle")
    _search(page, "importance")
    first = page.locator(".md-search-result__item").first
    record = next(r for r in _articles(site_data) if r["url"] in first.locator("a").get_attribute("href"))
    meta = first.locator(".dg-search-result__meta").inner_text()
    assert format_when(dt.date.fromisoformat(record["date"]) if record["date"] else None, record["month"]) in meta
    trip = next(t for t in site_data["trips"] if t["id"] == record["trip"])
    assert trip["title"].split(" — ")[0] in meta
    assert first.locator("mark").count() > 0


def test_slash_opens_the_search_and_escape_closes_it(page, served_site):
    page.goto(served_site, wait_until="networkidle")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.matches('.md-search__input')")
    assert page.locator("#__search").is_checked()
    assert _search(page, "zzzqqq") == []
    assert page.locator(".md-search-result__meta").inner_text() == "Aucun article trouvé"
    page.keyboard.press("Escape")
    assert not page.locator("#__search").is_checked()


def test_enter_opens_the_first_result(page, served_site):
    page.goto(served_site, wait_until="networkidle")
    first = _search(page, "importance")[0][0]
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: urllib.parse.urlsplit(url).path == first)
    assert _errors(page) == []


def test_timeline_links_lead_to_trip_pages(page, served_site, site_data):
    page.goto(served_site + "chronologie/", wait_until="networkidle")
    links = page.locator(".md-content a[href*='voyages/']")
    targets = {urllib.parse.urljoin(page.url, links.nth(i).get_attribute("href")).split("#")[0]
               for i in range(links.count())}
    trips = {served_site + trip["url"]: trip["title"] for trip in site_data["trips"]}
    assert targets == set(trips)

    # Like a reader: click the first trip of the list, land on its page.
    link = page.locator(".md-content .dg-tl a[href*='voyages/'], .md-content li a[href*='voyages/']").first
    target = urllib.parse.urljoin(page.url, link.get_attribute("href"))
    link.click()
    page.wait_for_url(target)
    # Instant navigation changes the URL before it swaps the content in: wait for the new heading.
    page.wait_for_function("title => document.querySelector('.md-content h1')?.textContent.includes(title)",
                           arg=trips[target].split(" — ")[0], timeout=10000)
    assert _heading(page.locator(".md-content h1").first) == trips[target]
    for url, title in trips.items():
        assert page.goto(url).ok
        assert _heading(page.locator(".md-content h1").first) == title
    assert _errors(page) == []


def test_trip_page_shows_its_markers(page, served_site, site_data, screenshots):
    trip = max(site_data["trips"], key=lambda t: len(t.get("articles", [])))
    page.goto(served_site + trip["url"], wait_until="networkidle")
    markers = page.locator(".dg-map .leaflet-marker-icon, .dg-map .leaflet-interactive")
    markers.first.wait_for(state="visible", timeout=10_000)
    assert markers.count() >= 1
    page.locator(".dg-map").first.screenshot(path=str(screenshots / "trip-map.png"))
    assert _errors(page) == []


def test_phone_width_and_dark_scheme(new_page, served_site, site_data, screenshots):
    article = _articles(site_data)[0]["url"]
    for viewport, width, scheme in [(PHONE, "phone", "dark"), (PHONE, "phone", "light"), (None, "desktop", "dark")]:
        page = new_page(viewport=viewport, color_scheme=scheme)
        page.goto(served_site + article, wait_until="networkidle")
        assert page.locator("body").get_attribute("data-md-color-scheme") == ("slate" if scheme == "dark" else "default")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{width} {scheme}: the page is {overflow}px wider than the screen"
        page.screenshot(path=str(screenshots / f"article-{width}-{scheme}.png"))
        shown = _search(page, "egypte")
        assert shown
        box = page.locator(".md-search__input").bounding_box()
        size = page.viewport_size
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= size["width"] + 1
        assert page.locator(".md-search-result__item").first.is_visible()
        page.screenshot(path=str(screenshots / f"search-egypte-{width}-{scheme}.png"))
        assert _errors(page) == []


def test_article_prints_without_the_site_around_it(page, served_site, site_data, screenshots):
    page.goto(served_site + _articles(site_data)[0]["url"], wait_until="networkidle")
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-search", ".md-footer"):
        assert not page.locator(chrome).first.is_visible(), chrome
    assert page.locator(".md-content h1").first.is_visible()
    assert "serif" in page.evaluate("getComputedStyle(document.querySelector('.md-typeset')).fontFamily")
    page.screenshot(path=str(screenshots / "article-print.png"), full_page=True)
    page.pdf(path=str(screenshots / "article-print.pdf"))


def test_every_article_shows_its_source_and_date(page, served_site, site_data):
    for record in _articles(site_data):
        page.goto(served_site + record["url"])
        line = page.locator(".md-content h1 + [data-pagefind-ignore] > p").first.inner_text()
        day = dt.date.fromisoformat(record["date"]) if record["date"] else None
        assert format_when(day, record["month"]) in line, record["file"]
        assert (record["source"] or "source non précisée") in line, record["file"]


def test_unknown_address_gets_the_french_404_page(page, served_site, screenshots):
    response = page.goto(served_site + "articles/n-existe-pas/ni-ici/", wait_until="networkidle")
    assert response.status == 404
    assert _heading(page.locator(".md-content h1")) == "Page introuvable"
    assert page.title().startswith("Page introuvable")
    # Styled (the stylesheets resolved from a deep address) and searchable.
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    assert [f for f in page.failed if "n-existe-pas" not in f] == []
    page.screenshot(path=str(screenshots / "not-found-desktop-light.png"))
    assert _search(page, "treve")
    page.keyboard.press("Escape")
    page.get_by_role("link", name="Revenir à l’accueil").click()
    page.wait_for_url(served_site)


FOLDED_MONTHS = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Plis</title></head><body>
<p><a id="to-feb" href="#fevrier-2024">Février</a> <a id="to-jan" href="#janvier-2024">Janvier</a></p>
<h3 id="fevrier-2024">Février 2024</h3>
<details class="dg-fold"><summary>2 articles</summary><ul><li>Un</li><li>Deux</li></ul></details>
<h3 id="janvier-2024">Janvier 2024</h3>
<details class="dg-fold"><summary>1 article</summary><ul><li>Trois</li></ul></details>
<div style="height: 3000px"></div>
<script src="assets/javascripts/dg-fold.js"></script></body></html>"""


def test_a_link_to_a_folded_month_opens_its_list(page, built_site, tmp_path):
    """The home page of a large corpus folds its older months (digest/pages/home.py); a link to
    one, from the table of contents or from elsewhere, opens it, even when the address already
    ends with that month."""
    site = tmp_path / "site"
    (site / "assets" / "javascripts").mkdir(parents=True)
    shutil.copy(built_site / "assets" / "javascripts" / "dg-fold.js", site / "assets" / "javascripts")
    (site / "plis.html").write_text(FOLDED_MONTHS, encoding="utf-8")
    with SiteServer(site, prefix=SUB_PATH) as server:
        page.goto(server.url + "plis.html#janvier-2024")
        opened = "(id) => document.getElementById(id).nextElementSibling.open"
        assert page.evaluate(opened, "janvier-2024") and not page.evaluate(opened, "fevrier-2024")
        page.click("#to-feb")
        page.wait_for_function(f"({opened})('fevrier-2024')")
        page.evaluate("document.getElementById('fevrier-2024').nextElementSibling.open = false")
        page.click("#to-feb")  # the address already ends with #fevrier-2024: no hashchange
        page.wait_for_function(f"({opened})('fevrier-2024')")
    assert _errors(page) == []
