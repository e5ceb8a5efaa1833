"""Shared fixtures: the repository's folders, the optional ../shared corpus, tiny seed folders."""

from __future__ import annotations

import time
from collections.abc import Callable
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


def copy_project(destination: Path) -> Path:
    """The project as a user's clone has it: config, hand-written docs, seeds; no generated pages.

    Generated files of this working tree (listed in its manifest) are left behind, so a
    test build starts from what a fresh clone holds.
    """
    import json
    import shutil

    from digest.write import MANIFEST

    destination.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "digest.yml"):
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, destination / name)
    manifest_path = ROOT / "docs" / MANIFEST
    generated = set(json.loads(manifest_path.read_text())["files"]) if manifest_path.exists() else set()
    for path in (ROOT / "docs").rglob("*"):
        relative = path.relative_to(ROOT / "docs").as_posix()
        if path.is_file() and relative not in generated and relative != MANIFEST:
            target = destination / "docs" / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
    shutil.copytree(SEEDS, destination / "seeds")
    if (ROOT / "overrides").is_dir():  # the theme's custom_dir
        shutil.copytree(ROOT / "overrides", destination / "overrides")
    return destination


def wait_for(predicate: Callable[[], bool], seconds: float, every: float) -> bool:
    """Polls predicate every `every` seconds until it holds (True) or `seconds` pass (False)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(every)
    return False
