"""Stable URL slugs for input files.

A slug depends only on its own file name, never on the other files, so adding or
removing an article never moves another page. A name that is already a clean
slug ('002_94c95042bb230cbf.txt') keeps it; any other name (spaces, accents,
capitals, another extension) gets a short hash of the exact name appended, so
'Été 2024.txt' and 'ete-2024.txt' can never collide.

Two clean names can still share a slug ('a_b.txt' and 'a-b.txt'), and a page can
be taken by a hand-written file: `distinct_slug` then appends a hash of the exact
name, never a counter, so the suffix depends on that name alone and stays put when
unrelated articles come and go.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
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


def distinct_slug(name: str, taken: Callable[[str], bool]) -> str:
    """The slug of name with a hash of the exact name appended, the shortest one not taken.

    The hash is sha256 (slug_for's own suffix is sha1), so a name whose slug already
    ends in a hash does not get the same digits twice.

    >>> distinct_slug("a_b.txt", lambda slug: slug == "a-b")
    'a-b-bd3722f0'
    >>> distinct_slug("a_b.txt", lambda slug: slug in ("a-b", "a-b-bd3722f0"))
    'a-b-bd3722f0a1d1'
    """
    base, digest = slug_for(name), hashlib.sha256(name.encode("utf-8")).hexdigest()
    for length in (8, 12, 16, 24, 32, 64):
        candidate = f"{base}-{digest[:length]}"
        if not taken(candidate):
            return candidate
    raise ValueError(f"no free slug for {name!r}")  # 64 hex digits taken: not by chance
