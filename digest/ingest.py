"""Find the input files: the only step that reads the seeds folder."""

from __future__ import annotations

import hashlib
import os
import unicodedata
from collections.abc import Iterator
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

# A news article is 2 to 50 KB of text, a long read a few hundred KB. A bigger file is a
# dump or many articles glued together: it is rejected (its page would be too heavy to
# read or to index), and only this much of it is ever held in memory.
MAX_ARTICLE_BYTES = 2_000_000


def is_article_name(relative: Path) -> bool:
    """Articles are plain-text files; anything else in the folder is reported, not read."""
    return relative.suffix.lower() in ARTICLE_SUFFIXES


def has_control_characters(name: str) -> bool:
    """A line break or an escape in a file name breaks the Markdown line that shows it, and terminals.

    >>> has_control_characters("Visite à Ankara (1).txt"), has_control_characters("a\\r<b>.txt")
    (False, True)
    """
    return any(unicodedata.category(ch) == "Cc" for ch in name)


def is_too_large(source: SourceFile) -> bool:
    return len(source.data) > MAX_ARTICLE_BYTES


def list_sources(seeds_dir: Path) -> list[SourceFile]:
    """Every candidate input under seeds_dir, sorted by name so builds are reproducible.

    Files that are not .txt are listed too (with their bytes) so the next step can
    reject them with a reason: nothing dropped in the folder disappears silently. The
    order is that of the names, never the file system's.
    """
    sources: list[SourceFile] = []
    for parts, path in sorted(_files_under(seeds_dir, ())):
        if is_ignored(Path(*parts)):
            continue
        data, sha256 = _read(path)
        sources.append(SourceFile(name="/".join(parts), data=data, sha256=sha256))
    return sources


def _files_under(folder: Path | str, parts: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], str]]:
    """(path parts relative to the seeds folder, path) of every file below, symbolic links to
    files included, links to folders not followed: what ``Path.rglob("*")`` finds, without
    building a Path for each. Sorting the parts gives pathlib's order."""
    try:
        entries = list(os.scandir(folder))
    except (PermissionError, FileNotFoundError, NotADirectoryError):
        return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _files_under(entry.path, (*parts, entry.name))
            elif entry.is_file():
                yield (*parts, entry.name), entry.path
        except OSError:
            continue


def _read(path: str) -> tuple[bytes, str]:
    """The sha256 of the whole file, and its bytes up to one past MAX_ARTICLE_BYTES (enough to tell it is too large)."""
    with open(path, "rb") as handle:
        kept = handle.read(MAX_ARTICLE_BYTES + 1)
        digest = hashlib.sha256(kept)
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return kept, digest.hexdigest()
