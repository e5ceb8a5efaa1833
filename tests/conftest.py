"""Shared fixtures: the repository's folders, the optional ../shared corpus, tiny seed folders."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SCHEMA = ROOT / "digest" / "schema" / "digest.schema.json"


@pytest.fixture
def make_seeds(tmp_path):
    """make_seeds({"a.txt": "text" or b"bytes"}) -> a seeds folder holding exactly those files."""

    def make(files: dict[str, str | bytes], name: str = "seeds") -> Path:
        folder = tmp_path / name
        folder.mkdir(parents=True, exist_ok=True)
        for file_name, content in files.items():
            path = folder / file_name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, str):
                path.write_text(content, encoding="utf-8")
            else:
                path.write_bytes(content)
        return folder

    return make


needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside this clone")
