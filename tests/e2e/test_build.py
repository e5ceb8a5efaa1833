"""Seeds -> generated docs -> `mkdocs build --strict` -> HTML, as a user runs it."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from digest.clean import clean, decode, split_sentences
from tests.conftest import ROOT, SCHEMA, SEEDS, copy_project


def _visible_text(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


@pytest.fixture(scope="module")
def built_site(tmp_path_factory):
    """A copy of the project (config, hand-written docs, seeds) built by mkdocs itself."""
    project = tmp_path_factory.mktemp("project")
    copy_project(project)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml")],
                         cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    return project, run


def test_strict_build_has_no_warning(built_site):
    _, run = built_site
    assert "WARNING" not in run.stderr
    assert "MkDocs 2.0" not in run.stdout + run.stderr


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def test_every_article_has_a_page_with_its_body_text(built_site):
    """Every sentence of every paragraph the cleaner kept, and every caption, is on the page."""
    project, _ = built_site
    data = json.loads((project / "site/data/digest.json").read_text(encoding="utf-8"))
    assert len(data["articles"]) == len(list(SEEDS.glob("*.txt")))
    for record in data["articles"]:
        page = project / "site" / record["url"] / "index.html"
        assert page.exists(), record["url"]
        text = _norm(_visible_text(page.read_text(encoding="utf-8")))
        cleaned = clean(decode((SEEDS / record["file"]).read_bytes())[0])
        assert cleaned.blocks
        for piece in [b.text for b in cleaned.blocks] + list(cleaned.captions):
            for sentence in split_sentences(piece):
                assert _norm(sentence) in text, (record["file"], sentence)


def test_home_page_links_to_every_article(built_site):
    project, _ = built_site
    home = (project / "site/index.html").read_text(encoding="utf-8")
    data = json.loads((project / "site/data/digest.json").read_text(encoding="utf-8"))
    for record in data["articles"]:
        if record["duplicate_of"] is None:
            assert f'href="{record["url"]}"' in home, record["url"]


def test_home_page_lists_articles_newest_first(built_site):
    project, _ = built_site
    home = (project / "site/index.html").read_text(encoding="utf-8")
    data = json.loads((project / "site/data/digest.json").read_text(encoding="utf-8"))
    positions = {r["url"]: home.index(f'href="{r["url"]}"') for r in data["articles"]}
    ordered = sorted(data["articles"], key=lambda r: (r["date"] or r["month"] + "-00", r["file"]), reverse=True)
    assert [positions[r["url"]] for r in ordered] == sorted(positions.values())


def test_pagefind_indexes_every_article_and_material_s_index_stays_empty(built_site):
    """Pagefind answers the header search; Material's lunr index is written empty (never loaded)."""
    project, _ = built_site
    material = json.loads((project / "site/search/search_index.json").read_text(encoding="utf-8"))
    assert material["docs"] == []
    entry = json.loads((project / "site/pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    articles = [r for r in _data(project)["articles"] if not r["duplicate_of"]]
    assert entry["languages"]["fr"]["page_count"] == len(articles)


def test_digest_json_validates_against_its_schema(built_site):
    project, _ = built_site
    data = json.loads((project / "site/data/digest.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_site_is_french_and_makes_no_outside_request(built_site):
    project, _ = built_site
    home = (project / "site/index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in home
    assert "fonts.googleapis" not in home and "fonts.gstatic" not in home
    for page in (project / "site").rglob("*.html"):
        markup = page.read_text(encoding="utf-8")
        # What the browser fetches by itself: src attributes and <link> tags (stylesheets, fonts, icons).
        fetched = re.findall(r'\bsrc="(https?:)?//[^"]+"', markup)
        fetched += [tag for tag in re.findall(r"<link\b[^>]*>", markup) if re.search(r'href="(https?:)?//', tag)]
        assert not fetched, f"{page.relative_to(project)} loads {fetched}"


def test_generated_markdown_renders_without_the_plugin(built_site):
    """The pages are plain front matter + Markdown: MkDocs alone, plugin disabled, builds them."""
    project, _ = built_site
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\n  - digest\n" in text
    plain = project / "mkdocs-plain.yml"
    plain.write_text(text.replace("\n  - digest\n", "\n"), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(plain), "-d", str(project / "site-plain")],
                         cwd=project, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), capture_output=True, text=True,
                         timeout=600)
    assert run.returncode == 0, run.stderr
    assert len(list((project / "site-plain/articles").rglob("index.html"))) == len(
        list((project / "site/articles").rglob("index.html")))


def _data(project):
    return json.loads((project / "site/data/digest.json").read_text(encoding="utf-8"))


def test_seeds_group_into_their_trips(built_site):
    project, _ = built_site
    groups = sorted(sorted(f[:3] for f in trip["articles"]) for trip in _data(project)["trips"])
    assert groups == [["000"], ["001", "002", "003"], ["004"]]


def test_timeline_links_lead_to_trip_pages(built_site):
    project, _ = built_site
    page = project / "site/chronologie/index.html"
    hrefs = re.findall(r'href="([^"#]*voyages/[^"#/]+/)"', page.read_text(encoding="utf-8"))
    targets = {(page.parent / href).resolve() for href in hrefs}
    trips = {(project / "site" / trip["url"]).resolve() for trip in _data(project)["trips"]}
    assert targets == trips
    for target in targets:
        assert (target / "index.html").exists(), target


def test_every_trip_month_person_and_place_has_a_page(built_site):
    project, _ = built_site
    data = _data(project)
    site = project / "site"
    for trip in data["trips"]:
        html_text = (site / trip["url"] / "index.html").read_text(encoding="utf-8")
        assert "Itinéraire" in html_text and trip["title"].split(" — ")[0] in html.unescape(html_text)
    for month in {a["month"] for a in data["articles"]}:
        assert (site / "mois" / month / "index.html").exists()
    for person in {p for a in data["articles"] for p in a["people"]}:
        assert person in html.unescape((site / "personnes/index.html").read_text(encoding="utf-8"))
    for place in {p for a in data["articles"] for p in a["places"]}:
        assert place in html.unescape((site / "lieux/index.html").read_text(encoding="utf-8"))


def test_a_second_build_reuses_the_compiled_templates_and_writes_the_same_site(built_site):
    """MkDocs compiles the theme at every build; the plugin keeps the compiled templates."""
    project, _ = built_site
    compiled = sorted((project / ".cache/digest/templates").glob("__jinja2_*.cache"))
    assert len(compiled) > 10  # base.html, its partials, main.html, 404.html...
    before = {p: p.stat().st_mtime_ns for p in compiled}
    home = (project / "site/index.html").read_bytes()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml")],
                         cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert {p: p.stat().st_mtime_ns for p in compiled} == before  # read, not compiled again
    assert (project / "site/index.html").read_bytes() == home


def test_a_build_converting_pages_on_two_cores_writes_the_same_site(built_site, tmp_path):
    """Past render_ahead.MIN_PAGES, the plugin has pages converted and templates filled in a forked
    process: the same site."""
    from digest.render_ahead import MIN_PAGES

    source, _ = built_site
    project = tmp_path / "project"
    shutil.copytree(source, project, ignore=shutil.ignore_patterns("site"))
    extra = project / "docs" / "notes"
    extra.mkdir()
    for n in range(MIN_PAGES):
        (extra / f"note-{n:03d}.md").write_text(
            f"# Note {n}\n\n## Détail\n\nVoir [l'accueil](../index.md) et [la note suivante](note-{(n + 1) % MIN_PAGES:03d}.md#detail).\n",
            encoding="utf-8")
    sites = {}
    for workers in ("1", "2"):
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DIGEST_WORKERS=workers, SOURCE_DATE_EPOCH="1700000000")
        run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-v", "-d", f"site-{workers}"],
                             cwd=project, env=env, capture_output=True, text=True, timeout=600)
        assert run.returncode == 0, run.stderr
        assert ("pages converted ahead by process" in run.stderr) == (workers == "2")
        filled = re.search(r"templates of (\d+) pages filled ahead \((\d+) filled here instead\)", run.stderr)
        assert (filled is not None) == (workers == "2")
        if filled:
            assert int(filled.group(1)) > MIN_PAGES / 3 and filled.group(2) == "0"
        site = project / f"site-{workers}"
        # Pagefind's filter chunks come out in a different order at each run, whatever it indexes.
        sites[workers] = {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
                          if p.is_file() and p.name != "sitemap.xml.gz" and "pagefind" not in p.parts}
    assert len(sites["2"]) > MIN_PAGES
    assert sites["1"] == sites["2"]
