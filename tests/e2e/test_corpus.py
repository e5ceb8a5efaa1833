"""The development corpus (../shared/corpus, when present) and the held-out fixtures, end to end."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys

import pytest

from digest.clean import clean, decode, split_sentences
from tests.conftest import CORPUS, ROOT, copy_project

HOLDOUT = ROOT / "tests" / "fixtures" / "holdout"


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def _visible_text(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return _norm(html.unescape(re.sub(r"<[^>]+>", " ", page)))


def _raw_paragraphs(text: str) -> list[str]:
    text = re.sub(r"^\s*date\s+\S+\s*", "", text.replace("\r\n", "\n"), count=1)
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


@pytest.mark.parametrize("corpus", [
    pytest.param(CORPUS, marks=pytest.mark.skipif(not CORPUS.is_dir(), reason="no ../shared/corpus")),
    HOLDOUT,
], ids=["corpus", "holdout"])
def test_every_sentence_of_every_real_body_survives_in_its_page(tmp_path, corpus):
    """Independent of the cleaner's blocks: every sentence of the raw file is on the page,
    except lines the cleaner set apart as chrome, captions or credits (those are checked in
    test_clean against the corpus README's list of noise)."""
    project = copy_project(tmp_path / "project")
    shutil.rmtree(project / "seeds")
    (project / "seeds").mkdir()
    for article in corpus.glob("*.txt"):
        shutil.copy(article, project / "seeds" / article.name)
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml")],
                         cwd=project, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), capture_output=True,
                         text=True, timeout=900)
    assert run.returncode == 0, run.stderr
    data = json.loads((project / "site/data/digest.json").read_text(encoding="utf-8"))
    assert not data["rejected"]
    for record in data["articles"]:
        page = _visible_text((project / "site" / record["url"] / "index.html").read_text(encoding="utf-8"))
        raw = decode((corpus / record["file"]).read_bytes())[0]
        cleaned = clean(raw)
        apart = {_norm(x) for x in (*cleaned.dropped, *cleaned.captions, *cleaned.credits)}
        for paragraph in _raw_paragraphs(raw):
            for line in paragraph.split("\n"):
                if _norm(line) in apart or not line.strip():
                    continue
                if record["duplicate_of"]:
                    continue  # shown through its original's page
                for sentence in split_sentences(line):
                    assert _norm(sentence) in page, (record["file"], sentence)
        for caption in cleaned.captions:
            if not record["duplicate_of"]:
                assert _norm(caption) in page
