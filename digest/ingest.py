"""Find the input files: the only step that reads the seeds folder."""

from __future__ import annotations

import hashlib
import unicodedata
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
    for path in sorted(seeds_dir.rglob("*")):
        relative = path.relative_to(seeds_dir)
        if is_ignored(relative) or not path.is_file():
            continue
        data, sha256 = _read(path)
        sources.append(SourceFile(name=relative.as_posix(), data=data, sha256=sha256))
    return sources


def _read(path: Path) -> tuple[bytes, str]:
    """The sha256 of the whole file, and its bytes up to one past MAX_ARTICLE_BYTES (enough to tell it is too large)."""
    digest = hashlib.sha256()
    kept = bytearray()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
            if len(kept) <= MAX_ARTICLE_BYTES:
                kept += chunk[: MAX_ARTICLE_BYTES + 1 - len(kept)]
    return bytes(kept), digest.hexdigest()
