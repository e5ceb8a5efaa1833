"""Find the input files: the only step that reads the seeds folder."""

from __future__ import annotations

import hashlib
from pathlib import Path

from .model import SourceFile

# Editor and OS droppings a user never meant as articles.
_IGNORED_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}
_IGNORED_SUFFIXES = ("~", ".swp", ".swo", ".bak", ".tmp", ".orig", ".part")


def is_ignored(relative: Path) -> bool:
    """Hidden files and folders, editor backups and lock files are not articles."""
    for part in relative.parts:
        if part.startswith(".") or part.startswith("#") or part in _IGNORED_NAMES:
            return True
    return relative.name.endswith(_IGNORED_SUFFIXES)


ARTICLE_SUFFIXES = (".txt",)


def is_article_name(relative: Path) -> bool:
    """Articles are plain-text files; anything else in the folder is reported, not read."""
    return relative.suffix.lower() in ARTICLE_SUFFIXES


def list_sources(seeds_dir: Path) -> list[SourceFile]:
    """Every candidate input under seeds_dir, sorted by name so builds are reproducible.

    Files that are not .txt are listed too (with their bytes) so the next step can
    reject them with a reason: nothing dropped in the folder disappears silently.
    """
    sources: list[SourceFile] = []
    for path in sorted(seeds_dir.rglob("*")):
        relative = path.relative_to(seeds_dir)
        if is_ignored(relative) or not path.is_file():
            continue
        data = path.read_bytes()
        sources.append(SourceFile(name=relative.as_posix(), data=data,
                                  sha256=hashlib.sha256(data).hexdigest()))
    return sources
