"""Properties of the whole generator, on random input (hypothesis), and deterministic output.

Random text laced with markup, and random bytes, go through `pipeline.build` as files of a
seeds folder: the build never crashes, every file is a page or a rejection (hidden and
backup names aside), no markup from an input is active on a page, and every paragraph of
an accepted article is on its page. Then: two builds of the same inputs, in two processes
with different hash seeds and file creation orders, write the same bytes.
"""

from __future__ import annotations

import datetime as dt
import doctest
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import frontmatter
import markdown
import pytest

# Hypothesis keeps caches in ./.hypothesis/ by default: not in the work tree.
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", os.path.join(tempfile.gettempdir(), "digest-hypothesis"))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from digest import clock, pipeline
from digest import markdown as markdown_module
from digest.clean import clean, decode
from digest.config import DigestConfig
from digest.ingest import is_ignored
from digest.markdown import escape
from digest.model import Article
from digest.pages import article_path
from digest.report import Report
from digest.write import MANIFEST, read_manifest
from tests.conftest import ROOT, SEEDS

EXTENSIONS = ["toc", "attr_list", "md_in_html"]  # as in mkdocs.yml
LEAD = ("AMMAN, 3 novembre 2023 (AFP) – Le secrétaire d'Etat américain Antony Blinken est arrivé à Amman "
        "pour une visite consacrée à la situation humanitaire.")
MARKUP = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[lien](javascript:alert(1))",
          "<iframe src=//x>", "<a href='javascript:x'>a</a>", "# ", "## ", "* ", "- ", "+ ", "1. ", "2) ", "> ",
          "| a | b |", "|---|", "{{ x }}", "{% x %}", "{#", "`", "```", "~~~", "**", "__", "_", "*", "\\", "&amp;",
          "&#60;", "&lt;", "<!--", "-->", "{: #id onclick=x }", "[TOC]", "    ", "\t", "---", "===", "***",
          "\r", "\x02", "\x03", "\x0b", "\x0c", "&", "<", ">", '"', "'", "![i](x.png)", "<http://x.org>",
          "[1]: http://x.org", "[x][1]", "\u00a0", "\u202f", "\u2028", "\u0085", "é", "œ", "«", "»", "’", "…",
          "\n", " ", ".", ":", "%", "$", "<%= x %>", "${x}"]
WORD = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
               min_size=1, max_size=10)
PARAGRAPH = st.lists(st.one_of(st.sampled_from(MARKUP), WORD, st.just(" ")), min_size=1, max_size=30).map("".join)
# File names: any character a file system takes, hidden and backup names included, or
# markup (a file name is shown on its article's page).
NAME = st.one_of(
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\x00/"), min_size=1,
            max_size=24),
    st.lists(st.sampled_from(MARKUP), min_size=1, max_size=6).map("".join).map(lambda n: n.replace("/", "\\")),
).filter(lambda n: n not in (".", "..") and len(n.encode()) < 200)


class _Parsed(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _words(text: str) -> str:
    return " ".join(text.split())


def _shown(text: str) -> str:
    """Text as a page shows it: control characters gone, white space runs as one space."""
    return _words(markdown_module._CONTROLS.sub("", text))


def _build(files: dict[str, bytes]) -> tuple[Path, pipeline.BuildResult]:
    root = Path(tempfile.mkdtemp(prefix="digest-prop-"))
    seeds = root / "seeds"
    seeds.mkdir()
    for name, data in files.items():
        (seeds / name).write_bytes(data)
    config = replace(DigestConfig().resolved(root), seeds_dir=seeds, docs_dir=root / "docs")
    return root, pipeline.build(config, Report(), use_cache=False)


def _check_page(page: bytes, article: Article) -> str:
    """No markup from the input is active; returns the page's visible text."""
    body = frontmatter.loads(page.decode("utf-8")).content
    assert "{{" not in body and "{%" not in body
    parsed = _Parsed(markdown.markdown(body, extensions=EXTENSIONS))
    assert {tag for tag, _ in parsed.tags} <= {"p", "h1", "h2", "strong", "a", "hr", "code", "br", "div"}
    # The page's own two blocks kept out of the search index: date, source and trip; credits, copies, file.
    assert [attrs for tag, attrs in parsed.tags if tag == "div"] == [{"data-pagefind-ignore": "index"}] * 2
    headings = [tag for tag, _ in parsed.tags if tag in ("h1", "h2")]
    assert headings.count("h1") == 1
    assert headings.count("h2") == sum(block.kind == "heading" for block in article.blocks)
    for tag, attrs in parsed.tags:
        assert not any(key.startswith("on") for key in attrs)
        if tag == "a":
            target = urlsplit(attrs["href"])
            assert set(attrs) == {"href"} and not target.scheme and target.path.endswith(".md")
    return _words(" ".join(parsed.text))


def _accounted(root: Path, result: pipeline.BuildResult, names: list[str]) -> None:
    data = json.loads((root / "docs/data/digest.json").read_text(encoding="utf-8"))
    published = {a["file"] for a in data["articles"]}
    rejected = {r["file"] for r in data["rejected"]}
    expected = {name for name in names if not is_ignored(PurePosixPath(name))}
    assert published | rejected == expected and not published & rejected
    assert result.inputs == len(expected)


# No example database in the work tree (.hypothesis/): each run draws afresh.
FAST = settings(max_examples=30, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.lists(PARAGRAPH.filter(lambda p: p.strip()), min_size=1, max_size=6, unique=True))
def test_random_text_is_published_whole_and_inert(paragraphs):
    text = " date 2023-11 " + LEAD + "\n\n" + "\n\n".join(paragraphs) + "\n"
    root, result = _build({"article.txt": text.encode("utf-8")})
    try:
        _accounted(root, result, ["article.txt"])
        if result.digest.rejected:  # control characters from MARKUP can make it more binary than text
            assert "non-printable" in result.digest.rejected[0].reason
            return
        article = result.digest.articles[0]
        visible = _check_page((root / "docs" / article_path(article)).read_bytes(), article)
        # Every paragraph is on the page, as text; only lines the cleaner set aside on purpose
        # (site chrome, a repeated paragraph), and lists in its `dropped`, may be missing.
        cleaned = clean(decode(text.encode("utf-8"))[0])
        dropped = {_shown(line) for line in cleaned.dropped}
        for block in cleaned.blocks:
            assert _shown(block.text) in visible
        for paragraph in paragraphs:
            if _shown(paragraph) in visible:
                continue
            for line in paragraph.replace("\r", "\n").split("\n"):
                assert _shown(line) in visible or _shown(line) in dropped, line
    finally:
        shutil.rmtree(root)


@FAST
@given(st.dictionaries(NAME, st.one_of(st.binary(max_size=3000), PARAGRAPH.map(lambda p: p.encode("utf-8")),
                                       PARAGRAPH.map(lambda p: (" date 2023-11 " + LEAD + "\n\n" + p).encode("cp1252",
                                                                                                   "replace"))),
                       min_size=1, max_size=5))
def test_random_bytes_under_random_names_never_crash_and_are_all_accounted_for(files):
    files = {name if name.endswith((".txt", "~")) or name.startswith(".") else name + ".txt": data
             for name, data in files.items()}
    root, result = _build(files)
    try:
        _accounted(root, result, list(files))
        for article in result.digest.articles:
            if article.duplicate_of is None:
                visible = _check_page((root / "docs" / article_path(article)).read_bytes(), article)
                assert _shown(article.file) in visible  # "Fichier source", shown as it is
        for page in (root / "docs").rglob("*.md"):
            parsed = _Parsed(markdown.markdown(frontmatter.loads(page.read_text(encoding="utf-8")).content,
                                               extensions=EXTENSIONS))
            for tag, attrs in parsed.tags:
                assert tag not in ("script", "iframe", "img") and not any(k.startswith("on") for k in attrs)
    finally:
        shutil.rmtree(root)


@settings(max_examples=200, deadline=None, database=None)
@given(st.text())
def test_escaped_text_renders_as_the_same_text(text):
    """The escaper alone, on any text: the visible text is the input, controls and blank space aside."""
    parsed = _Parsed(markdown.markdown(escape(text), extensions=EXTENSIONS))
    assert {tag for tag, _ in parsed.tags} <= {"p", "br"}
    assert _words(" ".join(parsed.text)) == _shown(text)
    assert "{{" not in escape(text) and "{%" not in escape(text)


# --- Deterministic -----------------------------------------------------------------------------

def _generated(docs: Path) -> dict[str, bytes]:
    paths = [*read_manifest(docs), MANIFEST]
    return {path: (docs / path).read_bytes() for path in sorted(paths)}


HOSTILE = {"markup.txt": LEAD + "\n\n<script>x</script> {{ y }} * z\n", "empty.txt": "",
           "nom (1) été.txt": LEAD.replace("3 novembre", "5 novembre") + "\n\nAutre texte.\n"}


def _build_twice(tmp_path: Path, names: list[str], monkeypatch, epoch: str | None) -> dict[str, bytes]:
    """One build in a child process (another hash seed), one here, files created in opposite orders.

    Both see the same SOURCE_DATE_EPOCH (or none); returns the first build's files once
    the test has checked that the second wrote the same bytes.
    """
    projects = []
    for label, order in (("child", names), ("here", names[::-1])):
        project = tmp_path / label
        (project / "seeds").mkdir(parents=True)
        for name in order:
            shutil.copy(SEEDS / name, project / "seeds" / name)
        for name, text in (HOSTILE.items() if label == "child" else reversed(HOSTILE.items())):
            (project / "seeds" / name).write_text(text, encoding="utf-8")
        projects.append(project)
    child, here = projects
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(PYTHONHASHSEED="1" if os.environ.get("PYTHONHASHSEED") != "1" else "2", PYTHONPATH=str(ROOT))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = epoch
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    process = subprocess.Popen([sys.executable, "-m", "digest", "build", "--root", str(child), "--no-cache"],
                               cwd=child, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    pipeline.build(DigestConfig().resolved(here), Report(), use_cache=False)
    _, err = process.communicate(timeout=600)
    assert process.returncode == 0, err
    first, second = _generated(child / "docs"), _generated(here / "docs")
    assert list(first) == list(second)
    for path in first:
        assert first[path] == second[path], path
    assert "data/digest.json" in first and "data/atom.xml" in first and len(first) > 10
    return first


def test_two_builds_in_two_processes_write_the_same_bytes(tmp_path, monkeypatch):
    first = _build_twice(tmp_path, sorted(p.name for p in SEEDS.glob("*.txt")), monkeypatch, epoch=None)
    # No wall clock: today's date is nowhere (the articles are from 2023 and 2024).
    today = dt.date.today()
    for data in first.values():
        assert today.isoformat().encode() not in data and today.strftime("%Y%m%d").encode() not in data


def test_two_builds_under_source_date_epoch_write_the_same_bytes_stamped_with_it(tmp_path, monkeypatch):
    first = _build_twice(tmp_path, sorted(p.name for p in SEEDS.glob("*.txt"))[:2], monkeypatch,
                         epoch="1700000000")  # 2023-11-14 22:13:20 UTC
    assert b"<updated>2023-11-14T22:13:20+00:00</updated>" in first["data/atom.xml"]
    assert b"DTSTAMP:20231114T221320Z" in first["data/tournees.ics"]


def test_slugs_stay_when_unrelated_articles_come_and_go(make_seeds, tmp_path):
    texts = {f"{n:03d}_x.txt": LEAD.replace("3 novembre", f"{n + 1} novembre") + f"\n\nTexte {n}.\n" for n in range(4)}
    extra = {"Nouvel article (été).txt": LEAD.replace("3 novembre 2023", "9 mars 2024") + "\n\nAutre.\n"}

    def urls(files):
        seeds = make_seeds(files, name=f"seeds-{len(files)}-{sorted(files)[0]}")
        config = replace(DigestConfig().resolved(tmp_path), seeds_dir=seeds, docs_dir=tmp_path / f"docs-{seeds.name}")
        result = pipeline.build(config, Report())
        return {a.file: article_path(a) for a in result.digest.articles}

    before = urls(texts)
    after = urls({**{k: v for k, v in texts.items() if k != "001_x.txt"}, **extra})
    assert {name: path for name, path in before.items() if name in after} == \
           {name: path for name, path in after.items() if name in before}
    assert before["000_x.txt"] == "articles/000-x.md"


# --- The build's time --------------------------------------------------------------------------

def _article(month: str, day: dt.date | None) -> Article:
    return Article(file="a.txt", slug="a", title="t", lead="l", month=month, date=day, blocks=())


def test_build_time_honours_source_date_epoch():
    stamp = clock.build_time([_article("2023-11", dt.date(2023, 11, 6))], {"SOURCE_DATE_EPOCH": "1700000000"})
    assert stamp == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.timezone.utc)


def test_build_time_without_source_date_epoch_is_the_newest_article_never_the_clock():
    articles = [_article("2023-11", dt.date(2023, 11, 6)), _article("2024-02", None),
                _article("2024-01", dt.date(2024, 1, 31))]
    assert clock.build_time(articles, {}) == dt.datetime(2024, 2, 1, tzinfo=dt.timezone.utc)
    assert clock.build_time([], {}) == clock.EPOCH


@pytest.mark.parametrize("value", ["soon", "-5", "1.5", "2023-11-06"])
def test_a_malformed_source_date_epoch_is_an_error(value):
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH must be a whole number"):
        clock.build_time([], {"SOURCE_DATE_EPOCH": value})


def test_doctests():
    assert doctest.testmod(clock).failed == 0
    assert doctest.testmod(markdown_module).failed == 0


def test_no_wall_clock_in_the_generator():
    """What writes docs/ never asks for the time (the pipeline's own timer is for the summary only)."""
    for path in sorted((ROOT / "digest").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\b(date\.today|datetime\.now|datetime\.utcnow|time\.time)\(", text), path
