"""Bad input: every file is published with its text shown literally, or rejected with a reason.

One mixed seeds folder holds every kind of bad input a scraper or a user produces; the
tests check what became of each file, what the pages hold (as Markdown and rendered with
the site's Markdown extensions), and what the build said about it.
"""

from __future__ import annotations

import html
import json
import random
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import frontmatter
import markdown
import pytest

from digest import pipeline
from digest.cli import main
from digest.clean import clean, decode, tidy
from digest.config import DigestConfig
from digest.extract import articles as articles_module
from digest.extract.entities import shared_extractor
from digest.markdown import escape
from digest.pages import article_path
from digest.report import REPORT_NAME, Report
from digest.slugs import distinct_slug, slug_for
from digest.write import LOCK

EXTENSIONS = ["toc", "attr_list", "md_in_html"]  # as in mkdocs.yml
WORDS = ("aide humanitaire otages trêve frontière négociations cessez-le-feu convoi ministre réunion "
         "accord pression civils reconstruction sécurité dialogue région crise réfugiés hôpital").split()


def story(number: int, lead: str = "", extra: str = "") -> str:
    """A dated article of its own: distinct words, so that no two are taken for copies."""
    words = " ".join(random.Random(number).choices(WORDS, k=30))
    return (f"{lead}AMMAN, {number % 27 + 1} novembre 2023 (AFP) – Antony Blinken est arrivé à Amman "
            f"pour sa visite numéro {number}.\n\n{words.capitalize()}.\n{extra}")


MARKUP = """
<script>alert("script")</script> au milieu d'une phrase, avec <img src=x onerror=alert("img")> et plus.

Un [lien piégé](javascript:alert("lien")) et <a href="javascript:alert('a')">un autre</a>, <iframe src="https://example.org/x"></iframe>.

# pas un titre mais une phrase qui continue assez longuement pour rester un paragraphe du texte.

* pas une liste, même si la ligne commence par une étoile et continue longuement ensuite.

- pas une liste non plus, même si la ligne commence par un tiret et continue longuement.

1. pas une liste numérotée, même si la ligne commence par un numéro et un point final.

| a | b |
|---|---|
| c | d |

> pas une citation, seulement un chevron au début de la ligne, suivi d'un texte assez long.

{{ config.site_name }} et {% include "x.html" %} ne sont pas des gabarits, ni ${HOME} ni <%= x %>.

Un attribut {: onclick="alert('attr')" } puis [TOC] puis <!-- commentaire --> et &lt;b&gt; et &#60;i&#62;.

Titre souligné
==============

Autre titre souligné
--------------------

    quatre espaces ne font pas un bloc de code, ni ```trois accents graves```.

[ref]: javascript:alert("ref")
"""

FRONT_MATTER = """---
title: Titre pirate
template: ../../evil.html
hide: [navigation, toc]
---

"""

SHELL_NAME = "$(touch pwned); rm -rf ~ `id` & <b>'\"|*?.txt"
CONTROL_NAME = "ligne\r<script>alert(1)</script>\x1b[2J.txt"

PUBLISHED = {
    "cp1252.txt": story(1, extra="\nLa « trêve » coûte 5 € ; l'œuvre du médiateur est saluée.\n")
    .encode("cp1252"),
    "latin1.txt": story(2, extra="\nÀ l'été, les négociations reprendront à Doha.\n")
    .replace("–", "-").encode("latin-1"),
    "utf16.txt": story(3, extra="\nLe chef de la diplomatie a salué « un pas en avant ».\n").encode("utf-16"),
    "utf8-bom.txt": "\ufeff".encode() + story(4).encode(),
    "month-13.txt": " date 2023-13 " + story(5),
    "date-soon.txt": " date soon " + story(6),
    "contradicts.txt": " date 2021-03 " + story(7),
    "front-matter.txt": FRONT_MATTER + story(8),
    "yaml-lines.txt": story(9, extra="\nlayout: post\ntags: [a, b]\n---\nkey: value\n"),
    "markup.txt": story(10, extra=MARKUP),
    "copy-a.txt": story(11),
    "copy-b.txt": story(11),
    "nom avec espaces (1) été.txt": story(12),
    SHELL_NAME: story(13),
    "a_b.txt": story(16),  # one slug for two names: both are published
    "a-b.txt": story(17),
}
REJECTED = {
    "empty.txt": (b"", "empty file"),
    "blank.txt": (b"  \n\t\n \r\n", "whitespace only"),
    "nul.txt": (b"Antony Blinken\x00\x00\x00 est \x00arrive\x00" * 10, "NUL bytes"),
    "scan.txt": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF"),
    "photo.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "PNG"),
    "photo.jpg": (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)), "only .txt files are read"),
    "report.pdf": (b"%PDF-1.4\n", "only .txt files are read"),
    "no-date.txt": ("Antony Blinken a rencontré Hakan Fidan à Ankara.\n\nIls ont parlé de Gaza.\n", "no month"),
    "huge.txt": ((" date 2023-11 " + story(14) * 40_000)[:10_500_000], "too large"),
    # Shown in a Markdown line, a line break in a name would start a new block: a <script> one.
    CONTROL_NAME: (story(15), "holds control characters"),
}
IGNORED = {".DS_Store": b"\x00\x00\x00\x01Bud1", "a.txt~": story(20), ".#a.txt": story(21), "#a.txt#": story(22),
           ".hidden/b.txt": story(23), "a.txt.swp": b"b0VIM 8.2", ".~lock.a.txt#": "x"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    seeds = root / "seeds"
    for name, content in {**PUBLISHED, **{k: v for k, (v, _) in REJECTED.items()}, **IGNORED}.items():
        path = seeds / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    config = replace(DigestConfig().resolved(root), seeds_dir=seeds, docs_dir=root / "docs")
    report = Report()
    result = pipeline.build(config, report, use_cache=False)
    data = json.loads((config.docs_dir / "data/digest.json").read_text(encoding="utf-8"))
    return config, result, report, data


def _page(config, result, name: str) -> bytes:
    article = next(a for a in result.digest.articles if a.file == name)
    return (config.docs_dir / article_path(article)).read_bytes()


class _Parsed(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.headings: list[tuple[str, str]] = []
        self._heading: str | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if re.fullmatch(r"h[1-6]", tag):
            self._heading, self._heading_text = tag, []

    def handle_endtag(self, tag):
        if tag == self._heading:
            self.headings.append((tag, " ".join("".join(self._heading_text).split())))
            self._heading = None

    def handle_data(self, data):
        self.text.append(data)
        if self._heading:
            self._heading_text.append(data)


def _render(page: bytes) -> _Parsed:
    return _Parsed(markdown.markdown(frontmatter.loads(page.decode("utf-8")).content, extensions=EXTENSIONS))


def _words(text: str) -> str:
    return " ".join(text.split())


# --- What became of each file ------------------------------------------------------------------

def test_every_input_file_is_a_page_or_a_rejection_and_hidden_files_are_ignored(built):
    config, result, _, data = built
    articles = {a["file"] for a in data["articles"]}
    rejected = {r["file"] for r in data["rejected"]}
    assert articles == set(PUBLISHED) and rejected == set(REJECTED)
    assert len(articles) + len(rejected) == len(PUBLISHED) + len(REJECTED) == result.inputs
    for record in data["articles"]:  # each has a page, the page of its original for a copy
        assert (config.docs_dir / (record["url"].rstrip("/") + ".md")).is_file()
    originals = [record["url"] for record in data["articles"] if not record["duplicate_of"]]
    assert len(set(originals)) == len(originals)  # a page of its own for each, a_b.txt and a-b.txt too


@pytest.mark.parametrize("name", sorted(REJECTED))
def test_a_rejected_file_is_listed_with_its_reason_in_digest_json_and_the_report(built, name):
    config, _, _, data = built
    reason = {r["file"]: r["reason"] for r in data["rejected"]}[name]
    assert REJECTED[name][1] in reason
    saved = json.loads((config.cache_dir / REPORT_NAME).read_text(encoding="utf-8"))["issues"]
    issues = [i for i in saved if i["file"] == name and i["level"] == "warning"]
    assert issues and any(reason in i["message"] and i["action"] == "rejected; the build goes on" for i in issues)


def test_identical_files_under_two_names_make_one_page(built):
    _, result, _, data = built
    records = {a["file"]: a for a in data["articles"]}
    assert records["copy-b.txt"]["duplicate_of"] == "copy-a.txt"
    assert records["copy-b.txt"]["url"] == records["copy-a.txt"]["url"]
    assert "<code>copy-b.txt</code>" in _page(built[0], result, "copy-a.txt").decode()


@pytest.mark.parametrize("name", ["nom avec espaces (1) été.txt", SHELL_NAME])
def test_a_file_name_with_spaces_accents_or_shell_characters_is_published_under_a_safe_slug(built, name):
    config, result, _, data = built
    article = next(a for a in result.digest.articles if a.file == name)
    assert re.fullmatch(r"[a-z0-9-]+", article.slug)
    assert name in {a["file"] for a in data["articles"]}  # named exactly, in the data
    assert not (config.root / "pwned").exists() and not Path("pwned").exists()
    post = frontmatter.loads(_page(config, result, name).decode())
    assert post["file"] == name


@pytest.mark.parametrize("name, words", [
    ("cp1252.txt", ["« trêve »", "5 €", "l'œuvre"]),
    ("latin1.txt", ["À l'été", "négociations"]),
    ("utf16.txt", ["« un pas en avant »"]),
    ("utf8-bom.txt", ["Antony Blinken est arrivé"]),
])
def test_legacy_encodings_are_decoded(built, name, words):
    config, result, _, _ = built
    visible = _words(" ".join(_render(_page(config, result, name)).text))
    for word in words:
        assert word in visible
    assert "\ufffd" not in visible and "Ã" not in visible


@pytest.mark.parametrize("name, message", [
    ("month-13.txt", "malformed date header '2023-13'"),
    ("date-soon.txt", "malformed date header 'soon'"),
    ("contradicts.txt", "contradicts"),
])
def test_a_bad_date_header_is_a_warning_with_its_line_and_the_text_decides(built, name, message):
    _, result, report, _ = built
    issues = [i for i in report.warnings if i.file == name and i.code == "date-header"]
    assert any(message in i.message and i.line == 1 for i in issues)
    article = next(a for a in result.digest.articles if a.file == name)
    assert article.month == "2023-11"


# --- Nothing from an input takes effect --------------------------------------------------------

def _paragraphs(name: str) -> list[str]:
    """The input's paragraphs as the cleaner reads them (body, captions, credits)."""
    content = PUBLISHED[name]
    cleaned = clean(decode(content if isinstance(content, bytes) else content.encode())[0])
    return [b.text for b in cleaned.blocks] + list(cleaned.captions) + list(cleaned.credits)


@pytest.mark.parametrize("name", sorted(set(PUBLISHED) - {"copy-b.txt"}))  # a copy has no page of its own
def test_the_page_shows_the_text_literally_and_no_markup_from_it(built, name):
    config, result, _, _ = built
    article = next(a for a in result.digest.articles if a.file == name)
    page = _page(config, result, name)
    body = frontmatter.loads(page.decode()).content
    parsed = _render(page)
    # Only the tags the page itself makes; no attribute but an href to one of our pages.
    assert {tag for tag, _ in parsed.tags} <= {"p", "h1", "h2", "strong", "a", "hr", "code", "br", "div"}
    # The page's own two blocks kept out of the search index: date, source and trip; credits, copies, file.
    assert [attrs for tag, attrs in parsed.tags if tag == "div"] == [{"data-pagefind-ignore": "index"}] * 2
    for tag, attrs in parsed.tags:
        assert not any(key.startswith("on") for key in attrs)
        if tag == "a":
            assert set(attrs) == {"href"}
            target = urlsplit(attrs["href"])
            assert not target.scheme and not target.netloc and target.path.endswith(".md")
    # Headings: the title, and the subheads the cleaner found, nothing else.
    subheads = {_words(b.text) for b in article.blocks if b.kind == "heading"}
    assert [level for level, _ in parsed.headings].count("h1") == 1
    assert all(level == "h2" and text in subheads for level, text in parsed.headings[1:])
    # No template syntax reaches the site: not even as Markdown source for a macro plugin.
    assert "{{" not in body and "{%" not in body and "<%" not in body
    # Every paragraph is on the page, as text.
    visible = _words(" ".join(parsed.text))
    for paragraph in _paragraphs(name):
        assert _words(paragraph) in visible
        assert escape(paragraph) in body or escape(" ".join(paragraph.split())) in body


def test_markup_shows_as_text(built):
    config, result, _, _ = built
    visible = _words(" ".join(_render(_page(config, result, "markup.txt")).text))
    for literal in ['<script>alert("script")</script>', '<img src=x onerror=alert("img")>',
                    '[lien piégé](javascript:alert("lien"))', "<iframe src=", "# pas un titre",
                    "* pas une liste", "- pas une liste", "1. pas une liste", "| a | b |",
                    "> pas une citation", "{{ config.site_name }}", '{% include "x.html" %}',
                    "{: onclick=", "[TOC]", "<!-- commentaire -->", "&lt;b&gt;", "&#60;i&#62;",
                    "==============", "```trois accents graves```", '[ref]: javascript:alert("ref")']:
        assert literal in visible, literal


def test_front_matter_in_an_input_is_text_and_the_page_keeps_its_own(built):
    config, result, _, _ = built
    for name in ("front-matter.txt", "yaml-lines.txt"):
        post = frontmatter.loads(_page(config, result, name).decode())
        assert set(post.keys()) <= {"title", "description", "date", "month", "file", "source", "trip",
                                    "trip_title", "countries", "places", "people"}
        assert post["file"] == name and post["title"] != "Titre pirate"
    visible = _words(" ".join(_render(_page(config, result, "front-matter.txt")).text))
    assert "title: Titre pirate" in visible and "template: ../../evil.html" in visible


def test_titles_and_descriptions_are_html_text_in_the_front_matter(built):
    """MkDocs puts them unescaped into <title>, the header, the nav and a meta attribute."""
    config, result, _, _ = built
    for article in result.digest.articles:
        if article.duplicate_of:
            continue
        post = frontmatter.loads(_page(config, result, article.file).decode())
        for key in ("title", "description"):
            value = post[key]
            assert "<" not in value and ">" not in value and '"' not in value
            assert html.unescape(value) == (article.title if key == "title" else article.lead)


def test_no_generated_page_carries_active_markup_from_an_input(built):
    """Lists, indexes, trips, months, people, places: titles and leads of the articles reach them all."""
    config, _, _, _ = built
    pages = [p for p in config.docs_dir.rglob("*.md")]
    assert len(pages) > 5
    for path in pages:
        parsed = _render(path.read_bytes())
        for tag, attrs in parsed.tags:
            assert tag not in {"script", "iframe", "img", "object", "embed", "style", "form", "input"}, path
            assert not any(key.startswith("on") for key in attrs), (path, tag, attrs)
            for key in ("href", "src", "action", "formaction"):
                if key in attrs:
                    assert not urlsplit(attrs[key].strip()).scheme, (path, tag, attrs)


# --- A long article ----------------------------------------------------------------------------

def test_a_10_mb_file_is_rejected_at_once_without_reading_it_all(built):
    _, result, _, _ = built
    assert result.seconds < 120
    reason = next(r.reason for r in result.digest.rejected if r.file == "huge.txt")
    assert reason == "too large for one article (over 2 MB): split it into one file per article"


def test_an_article_longer_than_the_nlp_accepts_is_published_whole(make_seeds, tmp_path, monkeypatch):
    """spaCy refuses a text longer than its max_length: the NLP reads the first NLP_MAX_CHARS only.

    The model's limit (1,000,000 characters) is lowered for the test, so that a 150,000
    character article exceeds it without a slow test.
    """
    nlp = shared_extractor().nlp
    assert articles_module.NLP_MAX_CHARS < nlp.max_length == 1_000_000
    monkeypatch.setattr(nlp, "max_length", 100_000)
    paragraphs = [f"Paragraphe {n} : {' '.join(random.Random(n).choices(WORDS, k=25))}." for n in range(700)]
    text = story(30) + "\n" + "\n\n".join(paragraphs) + "\n"
    assert len(text) > 150_000
    seeds = make_seeds({"long.txt": text})
    report = Report()
    result = pipeline.build(replace(DigestConfig().resolved(tmp_path), seeds_dir=seeds,
                                    docs_dir=tmp_path / "docs"), report, use_cache=False)
    assert [a.file for a in result.digest.articles] == ["long.txt"] and not result.digest.rejected
    article = result.digest.articles[0]
    assert [place.name for place in article.stops] == ["Amman"]
    assert "long-article" in report.codes
    body = (tmp_path / "docs" / article_path(article)).read_text(encoding="utf-8")
    for paragraph in paragraphs:
        assert escape(paragraph) in body


# --- The build goes on, or stops with the file and line ----------------------------------------

def _cli(root: Path, seeds: Path, *extra: str) -> int:
    return main(["build", "--root", str(root), "--seeds", str(seeds), "--docs", str(root / "docs"), *extra])


def test_bad_input_is_a_warning_the_build_exits_0_and_fails_only_under_strict(make_seeds, tmp_path, capsys):
    seeds = make_seeds({"a.txt": story(40), "empty.txt": b"", "scan.txt": REJECTED["scan.txt"][0],
                        "no-date.txt": REJECTED["no-date.txt"][0]})
    assert _cli(tmp_path, seeds) == 0
    captured = capsys.readouterr()
    assert "1 articles" in captured.out and "3 rejected" in captured.out
    for name, reason in [("empty.txt", "empty file"), ("scan.txt", "PDF"), ("no-date.txt", "no month")]:
        assert re.search(rf"rejected: {re.escape(name)}: .*{reason}", captured.err), name
    assert _cli(tmp_path, seeds, "--strict") == 1


def test_control_characters_in_a_name_reach_neither_a_page_nor_the_terminal(make_seeds, tmp_path, capsys):
    seeds = make_seeds({"a.txt": story(46), CONTROL_NAME: story(47)})
    assert _cli(tmp_path, seeds) == 0
    err = capsys.readouterr().err
    assert "rejected: ligne\\r<script>alert(1)</script>\\x1b[2J.txt: the file name" in err
    assert "\r" not in err and "\x1b" not in err
    assert "alert" not in "".join(p.read_text() for p in (tmp_path / "docs").rglob("*.md"))


def test_every_rejected_file_is_named_in_the_build_output_however_many(make_seeds, tmp_path, capsys):
    seeds = make_seeds({"a.txt": story(41), **{f"empty-{n:02d}.txt": b"" for n in range(12)}})
    assert _cli(tmp_path, seeds) == 0
    err = capsys.readouterr().err
    for n in range(12):
        assert f"rejected: empty-{n:02d}.txt: empty file" in err


@pytest.mark.parametrize("name, text, line, words", [
    ("trips.yml", "trips:\n  - article: a.txt\n    title: [unclosed\n", 4, "invalid YAML"),
    ("trips.yml", "trips: []\ncolour: blue\n", 2, "unknown key 'colour'"),
    ("digest.yml", "site_title: Mon digest\nseeds_dir: [a\n", 3, "invalid YAML"),
    ("digest.yml", "site_title: Mon digest\ncolour: blue\n", 2, "unknown setting 'colour'"),
])
def test_an_invalid_configuration_file_stops_the_build_with_its_file_and_line(make_seeds, tmp_path, capsys,
                                                                             name, text, line, words):
    (tmp_path / name).write_text(text, encoding="utf-8")
    seeds = make_seeds({"a.txt": story(42)})
    assert _cli(tmp_path, seeds) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / name}:{line}:" in err and words in err
    assert not (tmp_path / "docs").exists()


def test_an_override_naming_no_article_is_a_warning(make_seeds, tmp_path, capsys):
    (tmp_path / "trips.yml").write_text("pin:\n  a.txt: null\n  ghost.txt: a.txt\n", encoding="utf-8")
    seeds = make_seeds({"a.txt": story(43)})
    assert _cli(tmp_path, seeds) == 0
    err = capsys.readouterr().err
    assert f"{tmp_path / 'trips.yml'}:3:" in err and "'ghost.txt' is not an article" in err
    assert _cli(tmp_path, seeds, "--strict") == 1


# --- Hand-written files ------------------------------------------------------------------------

def test_an_article_whose_page_is_a_hand_written_file_moves_and_the_file_is_kept(make_seeds, tmp_path):
    seeds = make_seeds({"a.txt": story(44), "b.txt": story(45)})
    docs = tmp_path / "docs"
    (docs / "articles").mkdir(parents=True)
    (docs / "articles/b.md").write_text("Ma page, écrite à la main.\n", encoding="utf-8")
    (docs / "articles/notes.md").write_text("Mes notes.\n", encoding="utf-8")
    config = replace(DigestConfig().resolved(tmp_path), seeds_dir=seeds, docs_dir=docs)
    report = Report()
    result = pipeline.build(config, report)
    moved = "articles/" + distinct_slug("b.txt", lambda slug: False) + ".md"
    assert {a.file: article_path(a) for a in result.digest.articles} == {"a.txt": "articles/a.md", "b.txt": moved}
    assert not result.digest.rejected
    assert [(i.file, i.message, i.action) for i in report.warnings if i.code == "hand-written-collision"] == [
        ("b.txt", "its page docs/articles/b.md is a hand-written file",
         f"kept the hand-written file; published as docs/{moved}")]
    assert "Antony Blinken" in (docs / moved).read_text(encoding="utf-8")
    for name in ("a.txt", "b.txt"):  # the page goes with its article; the hand-written ones stay
        (seeds / name).unlink()
    pipeline.build(config, Report())
    assert sorted(p.relative_to(docs).as_posix() for p in (docs / "articles").iterdir()) == [
        "articles/b.md", "articles/notes.md"]
    assert (docs / "articles/b.md").read_text(encoding="utf-8") == "Ma page, écrite à la main.\n"
    assert (docs / LOCK).exists()


def _pages_of(make_seeds, tmp_path, files: dict[str, str], label: str) -> tuple[dict[str, str], Report]:
    seeds = make_seeds(files, name=f"seeds-{label}")
    report = Report()
    result = pipeline.build(replace(DigestConfig().resolved(tmp_path), seeds_dir=seeds,
                                    docs_dir=tmp_path / f"docs-{label}"), report)
    assert not result.digest.rejected
    return {a.file: article_path(a) for a in result.digest.articles}, report


@pytest.mark.parametrize("first, second", [("a-b.txt", "a_b.txt"), ("ete.txt", "Été.txt")])
def test_names_that_share_a_slug_are_both_published_under_stable_distinct_pages(make_seeds, tmp_path,
                                                                               first, second):
    """The first by name keeps the slug; the other's suffix comes from its own name, so an
    unrelated article added or removed moves neither."""
    pair = {first: story(48), second: story(49)}
    unrelated = {"000_autre.txt": story(51), "zz (2).txt": story(52)}
    pages, report = _pages_of(make_seeds, tmp_path, pair, "pair")
    assert set(pages) == set(pair) and len(set(pages.values())) == 2
    assert pages[first] == f"articles/{slug_for(first)}.md"
    assert re.fullmatch(r"articles/[a-z0-9-]+-[0-9a-f]{8}\.md", pages[second])
    crowded, _ = _pages_of(make_seeds, tmp_path, {**pair, **unrelated}, "crowded")
    fewer, _ = _pages_of(make_seeds, tmp_path, {**pair, "000_autre.txt": story(51)}, "fewer")
    assert {name: crowded[name] for name in pair} == {name: fewer[name] for name in pair} == pages
    if slug_for(first) == slug_for(second):
        assert [(i.file, i.action) for i in report.issues if i.code == "slug-collision"] == [
            (second, f"published as docs/{pages[second]}")]
        assert not report.warnings  # both published: nothing for --strict to fail on


def test_a_name_made_to_look_like_a_moved_slug_does_not_take_its_page(make_seeds, tmp_path):
    lookalike = f"{distinct_slug('a_b.txt', lambda slug: False)}.txt"  # a-b-<hash of a_b.txt>.txt
    pages, _ = _pages_of(make_seeds, tmp_path, {"a-b.txt": story(48), "a_b.txt": story(49),
                                                lookalike: story(50)}, "lookalike")
    assert pages["a-b.txt"] == "articles/a-b.md" and pages[lookalike] == f"articles/{lookalike[:-4]}.md"
    assert len(set(pages.values())) == 3


# --- The published site ------------------------------------------------------------------------

XSS_TITLE = 'Blinken à Amman : « la trêve » & "<script>alert(\'XSS-title\')</script>" </title><b>'
XSS_LEAD = ('AMMAN, 12 novembre 2023 (AFP) – Antony Blinken est arrivé à Amman. " onmouseover="alert(\'XSS-lead\')" '
            '<img src=x onerror=alert("XSS-img")> [lien](javascript:alert("XSS-link")) &lt;/title&gt;.')


# File names are shown on an article's page in a code font, where a backtick would end a code span
# (and a name cannot hold "/": the script tag is closed with a backslash).
XSS_NAMES = ("`a` <script>alert('XSS-name')<\\script> [x](javascript:y) {{ x }} {% y %}.txt",
             "copie ``b`` <img src=x onerror=alert('XSS-copy')> [y](javascript:z) {{ z }}.txt")


class _Active(HTMLParser):
    """Tags and attributes that would run something an input put there (marked XSS-)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in: str | None = None
        self.title = ""

    def handle_starttag(self, tag, attrs):
        self._in = tag
        for key, value in attrs:
            if value and "XSS-" in value and (key.startswith("on") or key in ("href", "src", "srcset", "style")):
                self.found.append(f"<{tag} {key}={value!r}>")
            if key.startswith("on") and tag not in ("body",):
                self.found.append(f"<{tag} {key}=…>")
        if tag in ("iframe", "object", "embed") or (tag == "img" and dict(attrs).get("src") == "x"):
            self.found.append(f"<{tag}>")

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "script" and "XSS-" in data:
            self.found.append(f"<script>{data[:60]}")
        if self._in == "title":
            self.title += data


def test_the_built_site_runs_nothing_an_input_holds(tmp_path):
    """MkDocs renders its templates without autoescaping: titles and leads reach <title> and <meta>."""
    import os
    import subprocess
    import sys

    from tests.conftest import copy_project

    project = copy_project(tmp_path / "project")
    for seed in (project / "seeds").iterdir():
        seed.unlink()
    (project / "seeds/xss.txt").write_text(f" date 2023-11 {XSS_TITLE}\n\n{XSS_LEAD}\n{MARKUP}", encoding="utf-8")
    (project / "seeds/ok.txt").write_text(" date 2023-11 " + story(50), encoding="utf-8")
    for name in XSS_NAMES:  # one story under two names: a page and its copy show both names
        (project / "seeds" / name).write_text(" date 2023-11 " + story(53), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml")], cwd=project,
                         env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    data = json.loads((project / "site/data/digest.json").read_text(encoding="utf-8"))
    xss = next(a for a in data["articles"] if a["file"] == "xss.txt")
    pages = list((project / "site").rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        parser = _Active()
        parser.feed(page.read_text(encoding="utf-8"))
        assert not parser.found, (page, parser.found)
        if page.parent == project / "site" / xss["url"].strip("/"):
            assert parser.title.startswith(xss["title"])  # shown as written, escaped once
    named = next(a for a in data["articles"] if a["file"] in XSS_NAMES and not a["duplicate_of"])
    page = (project / "site" / named["url"] / "index.html").read_text(encoding="utf-8")
    in_code = {html.unescape(text) for text in re.findall(r"<code>(.*?)</code>", page, flags=re.S)}
    assert set(XSS_NAMES) <= in_code  # "Fichier source" and "Repris aussi", each name exactly as it is
