"""Stable URL slugs for input files.

A slug depends only on its own file name, never on the other files, so adding or
removing an article never moves another page. A name that is already a clean
slug ('002_94c95042bb230cbf.txt') keeps it; any other name (spaces, accents,
capitals, another extension) gets a short hash of the exact name appended, so
'Été 2024.txt' and 'ete-2024.txt' can never collide.
"""

from __future__ import annotations

import hashlib
from pathlib import PurePosixPath

from slugify import slugify


def slug_for(name: str) -> str:
    """
    >>> slug_for("002_94c95042bb230cbf.txt")
    '002-94c95042bb230cbf'
    >>> slug_for("Visite à Ankara (1).txt")
    'visite-a-ankara-1-9cae21a2'
    """
    path = PurePosixPath(name)
    stem = str(path.with_suffix("")) if path.suffix == ".txt" else str(path)
    slug = slugify(stem.replace("/", "-"), max_length=80, word_boundary=False) or "article"
    if path.suffix == ".txt" and stem.replace("_", "-") == slug:
        return slug
    return f"{slug}-{hashlib.sha1(name.encode('utf-8')).hexdigest()[:8]}"


def assign_slugs(names: list[str]) -> dict[str, str]:
    return {name: slug_for(name) for name in names}
