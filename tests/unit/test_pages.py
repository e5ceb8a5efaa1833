import datetime as dt
import json
from pathlib import Path

import frontmatter
import jsonschema

from digest.exports import digest_json
from digest.model import Article, Block, Digest, Place, Rejected
from digest.pages import build_pages

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "digest/schema/digest.schema.json").read_text())


def _article(file, day, title="Titre", **extra):
    return Article(file=file, slug=file.removesuffix(".txt"), title=title, lead="Première phrase.",
                   month=day.strftime("%Y-%m") if day else "2023-11", date=day,
                   blocks=(Block("paragraph", "Un paragraphe <b>brut</b>."), Block("heading", "Sous-titre")),
                   **extra)


def test_article_page_has_front_matter_and_escaped_body():
    article = _article("a.txt", dt.date(2023, 11, 6), source="Reuters",
                       stops=(Place("Ankara", "TR", 39.93, 32.86),), people=("Hakan Fidan",))
    [page, home] = build_pages(Digest(articles=[article]), "Mon digest")
    assert page.path == "articles/a.md"
    post = frontmatter.loads(page.content.decode())
    assert post["title"] == "Titre" and post["date"] == "2023-11-06" and post["month"] == "2023-11"
    assert post["file"] == "a.txt" and post["source"] == "Reuters" and post["countries"] == ["TR"]
    assert "&lt;b&gt;brut&lt;/b&gt;" in post.content
    assert "\n## Sous-titre\n" in post.content
    assert "6 novembre 2023" in post.content


def test_home_lists_articles_newest_first_and_skips_duplicates():
    old = _article("old.txt", dt.date(2023, 10, 12), title="Ancien")
    new = _article("new.txt", dt.date(2024, 2, 5), title="Récent")
    month_only = _article("month.txt", None, title="Mois seul")
    copy = _article("copy.txt", dt.date(2024, 2, 5), title="Copie", duplicate_of="new.txt")
    pages = build_pages(Digest(articles=[old, new, month_only, copy]), "Digest")
    home = [p for p in pages if p.path == "index.md"][0].content.decode()
    assert home.index("Récent") < home.index("Mois seul") < home.index("Ancien")
    assert "Copie" not in home
    assert "articles/copy.md" not in [p.path for p in pages]


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
