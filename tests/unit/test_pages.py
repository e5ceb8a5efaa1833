import datetime as dt
import json
import re
from dataclasses import replace
from pathlib import Path

import frontmatter
import jsonschema
import markdown

from digest.exports import digest_json
from digest.group import GroupingSettings, group_trips
from digest.model import Article, Block, Digest, Place, Rejected
from digest.pages import build_pages

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "digest/schema/digest.schema.json").read_text())
NAMES = {"TR": "Turquie", "IL": "Israël", "JO": "Jordanie", "US": "États-Unis"}
ANKARA = Place("Ankara", "TR", 39.93, 32.86)
TEL_AVIV = Place("Tel-Aviv", "IL", 32.09, 34.78)


def _article(file, day, title="Titre", **extra):
    return Article(file=file, slug=file.removesuffix(".txt"), title=title, lead="Première phrase.",
                   month=day.strftime("%Y-%m") if day else extra.pop("month", "2023-11"), date=day,
                   blocks=(Block("paragraph", "Un paragraphe <b>brut</b>."), Block("heading", "Sous-titre")),
                   **extra)


def _pages(articles, trips=()):
    digest = Digest(articles=list(articles), trips=list(trips))
    pages = build_pages(digest, "Mon digest", "Antony Blinken", lambda c: NAMES.get(c, c), lambda n: ("", ""))
    return {page.path: page.content.decode() for page in pages}


def _grouped(articles):
    articles, trips = group_trips(articles, GroupingSettings(home_country="US"), lambda c: NAMES.get(c, c))
    return articles, trips


def test_article_page_has_front_matter_and_escaped_body():
    article = _article("a.txt", dt.date(2023, 11, 6), source="Reuters", stops=(ANKARA,), people=("Hakan Fidan",))
    pages = _pages([article])
    post = frontmatter.loads(pages["articles/a.md"])
    assert post["title"] == "Titre" and post["date"] == "2023-11-06" and post["month"] == "2023-11"
    assert post["file"] == "a.txt" and post["source"] == "Reuters" and post["countries"] == ["TR"]
    assert "&lt;b&gt;brut&lt;/b&gt;" in post.content
    assert "\n## Sous-titre\n" in post.content
    assert "6 novembre 2023" in post.content
    assert "[Ankara](../lieux/ankara.md)" in post.content
    assert "[Hakan Fidan](../personnes/hakan-fidan.md)" in post.content


def test_article_page_keeps_its_trip_and_file_lines_out_of_the_search_index():
    """Pagefind skips data-pagefind-ignore="index" blocks: the date and source line, the trip (whose
    title names every country of the trip), credits, copies and the input file go there, shown all
    the same. What the article itself names stays indexed: Pagefind 1.5 does not split « l’Égypte »
    at the typographic apostrophe, so « Lieux cités : Égypte » is what finds such an article."""
    article = _article("a.txt", dt.date(2023, 11, 6), source="Reuters", stops=(ANKARA,), people=("Hakan Fidan",),
                       mentioned=(Place("Égypte", "EG", 26.8, 30.8),), people_mentioned=("Joe Biden",),
                       captions=("Une légende.",), credits=("Photo X",), duplicates=("b.txt",))
    copy = _article("b.txt", dt.date(2023, 11, 6), source="AFP", duplicate_of="a.txt")
    articles, trips = _grouped([article, copy])
    page = frontmatter.loads(_pages(articles, trips)["articles/a.md"]).content
    html = markdown.markdown(page, extensions=["toc", "attr_list", "md_in_html"])  # as in mkdocs.yml
    block = r'<div data-pagefind-ignore="index">(.*?)</div>'
    ignored = re.findall(block, html, flags=re.S)
    indexed = re.sub(block, "", html, flags=re.S)
    assert len(ignored) == 2
    assert "6 novembre 2023" in ignored[0] and "Reuters" in ignored[0] and "Tournée\xa0:" in ignored[0]
    assert trips[0].title.split(" — ")[0] in ignored[0] and "Turquie" not in indexed  # Étapes says Ankara
    assert all(label in ignored[1] for label in ("Crédits\xa0:", "Repris aussi\xa0:", "Fichier source\xa0:"))
    for kept in ("<h1", "Titre", "Un paragraphe", "Étapes\xa0:", "Ankara", "Rencontres\xa0:", "Lieux cités\xa0:",
                 "Égypte", "Personnes citées\xa0:", "Légende\xa0:", "Une légende."):
        assert kept in indexed and not any(kept in text for text in ignored), kept


def test_home_lists_every_article_newest_first_and_skips_duplicates():
    old = _article("old.txt", dt.date(2023, 10, 12), title="Ancien")
    new = _article("new.txt", dt.date(2024, 2, 5), title="Récent")
    month_only = _article("month.txt", None, title="Mois seul")
    copy = _article("copy.txt", dt.date(2024, 2, 5), title="Copie", duplicate_of="new.txt")
    pages = _pages([old, new, month_only, copy])
    for path in ("index.md",):
        listing = pages[path]
        assert listing.index("Récent") < listing.index("Mois seul") < listing.index("Ancien")
        assert "Copie" not in listing
    assert "articles/copy.md" not in pages


def test_home_folds_the_older_months_of_a_large_corpus_and_still_lists_them(monkeypatch):
    from digest.pages import home
    monkeypatch.setattr(home, "OPEN_ARTICLES", 3)
    days = [dt.date(2024, 3, 2), dt.date(2024, 3, 1), dt.date(2024, 2, 9), dt.date(2024, 2, 8),
            dt.date(2024, 1, 5), dt.date(2023, 12, 4)]
    listing = _pages([_article(f"a{n}.txt", day, title=f"Article {n}") for n, day in enumerate(days)])["index.md"]
    html = markdown.markdown(listing.split("---", 2)[2], extensions=["md_in_html", "attr_list", "toc"])
    folds = re.findall(r'<h3 id="([^"]+)">[^<]*</h3>\s*<details class="dg-fold">\s*<summary>([^<]*)</summary>\s*<ul>(.*?)</ul>',
                       html, re.S)
    # March and February are open (3 articles listed before January); January and December fold.
    assert [(anchor, summary, items.count("<li>")) for anchor, summary, items in folds] == [
        ("janvier-2024", "1\u00a0article", 1), ("decembre-2023", "1\u00a0article", 1)]
    assert html.count("<details") == 2
    assert [html.index(f"Article {n}<") for n in range(6)] == sorted(html.index(f"Article {n}<") for n in range(6))


def test_a_small_corpus_has_no_folded_month():
    listing = _pages([_article(f"a{n}.txt", dt.date(2024, 1 + n, 1)) for n in range(5)])["index.md"]
    assert "<details" not in listing


def test_trip_page_has_itinerary_people_articles_and_neighbours():
    first = [_article("a.txt", dt.date(2023, 11, 3), stops=(TEL_AVIV,), people=("Benjamin Netanyahu",),
                      tour_ordinal=2),
             _article("b.txt", dt.date(2023, 11, 6), stops=(ANKARA,), people=("Hakan Fidan",))]
    second = [_article("c.txt", dt.date(2024, 1, 9), stops=(TEL_AVIV,))]
    articles, trips = _grouped(first + second)
    assert [t.articles for t in trips] == [("a.txt", "b.txt"), ("c.txt",)]
    pages = _pages(articles, trips)
    page = pages[f"voyages/{trips[0].slug}.md"]
    assert "# 2e tournée : Israël, Turquie — 3-6 novembre 2023" in page
    assert page.index("### 3 novembre 2023") < page.index("[Tel-Aviv]") < page.index("### 6 novembre 2023") \
        < page.index("[Ankara]")
    assert "[Hakan Fidan](../personnes/hakan-fidan.md)" in page
    assert "Tournée suivante" in page and "Tournée précédente" not in page
    assert "Tournée précédente" in pages[f"voyages/{trips[1].slug}.md"]


def test_month_pages_group_by_trip_and_a_trip_across_months_shows_in_both():
    articles, trips = _grouped([_article("a.txt", dt.date(2023, 11, 29), stops=(TEL_AVIV,)),
                                _article("b.txt", dt.date(2023, 12, 1), stops=(ANKARA,)),
                                _article("c.txt", dt.date(2023, 12, 20))])
    pages = _pages(articles, trips)
    assert trips[0].title in pages["mois/2023-11.md"] and trips[0].title in pages["mois/2023-12.md"]
    december = pages["mois/2023-12.md"]
    assert "## Hors tournée" in december and december.index("## Hors tournée") < december.index("articles/c.md")
    assert "[Novembre 2023](2023-11.md)" in pages["mois/index.md"]


def test_timeline_lists_trips_and_off_trip_articles_in_order():
    articles, trips = _grouped([_article("a.txt", dt.date(2023, 11, 3), stops=(TEL_AVIV,)),
                                _article("h.txt", dt.date(2023, 10, 31), title="Audition au Sénat")])
    timeline = _pages(articles, trips)["chronologie/index.md"]
    assert timeline.index("Audition au Sénat") < timeline.index(f"../voyages/{trips[0].slug}.md")
    assert 'class="dg-strip__trip"' in timeline and f'href="../voyages/{trips[0].slug}/"' in timeline
    assert "## Octobre 2023" in timeline and "## Novembre 2023" in timeline


def test_people_and_places_pages_and_indexes():
    articles, trips = _grouped([_article("a.txt", dt.date(2023, 11, 3), stops=(TEL_AVIV,),
                                         people=("Benjamin Netanyahu",))])
    pages = _pages(articles, trips)
    assert "articles/a.md" in pages["personnes/benjamin-netanyahu.md"]
    assert f"voyages/{trips[0].slug}.md" in pages["lieux/tel-aviv.md"]
    assert "## Israël" in pages["lieux/index.md"]


def test_digest_json_validates_and_points_duplicates_to_the_original():
    new = _article("new.txt", dt.date(2024, 2, 5))
    copy = _article("copy.txt", dt.date(2024, 2, 5), duplicate_of="new.txt")
    data = json.loads(digest_json(Digest(articles=[new, copy], rejected=[Rejected("bad.bin", "binary")])))
    jsonschema.validate(data, SCHEMA)
    by_file = {a["file"]: a for a in data["articles"]}
    assert by_file["copy.txt"]["url"] == by_file["new.txt"]["url"] == "articles/new/"
    assert data["rejected"] == [{"file": "bad.bin", "reason": "binary"}]


def test_digest_json_is_deterministic():
    a, b = _article("b.txt", None), _article("a.txt", dt.date(2023, 11, 6))
    assert digest_json(Digest(articles=[a, b])) == digest_json(Digest(articles=[b, a]))


def test_an_article_page_follows_its_trip_places_and_people_from_one_build_to_the_next():
    """Article pages are remembered across builds of one process: what they link to must still show when it changes."""
    article = _article("a.txt", dt.date(2023, 11, 6), stops=(ANKARA,), people=("Hakan Fidan",))
    copy = _article("b.txt", dt.date(2023, 11, 6), duplicate_of="a.txt", source="AFP")
    articles, trips = _grouped([article])
    before = _pages(articles, trips)["articles/a.md"]
    assert before == _pages(articles, trips)["articles/a.md"]

    renamed = [replace(trip, title="Tournée renommée", slug="renommee") for trip in trips]
    with_copy = [replace(articles[0], duplicates=("b.txt",)), copy]
    after = _pages(with_copy, renamed)["articles/a.md"]
    assert "Tournée renommée" in after and "../voyages/renommee.md" in after and "(AFP)" in after
    people_and_place_elsewhere = _pages([replace(articles[0], stops=(TEL_AVIV,), people=("Ayman Safadi",))], trips)
    assert "[Tel-Aviv](../lieux/tel-aviv.md)" in people_and_place_elsewhere["articles/a.md"]
    assert "[Ayman Safadi](../personnes/ayman-safadi.md)" in people_and_place_elsewhere["articles/a.md"]
