"""The site's search index: Pagefind run over the HTML that MkDocs wrote.

Pagefind indexes the pages' text in French (it reads `<html lang="fr">`): French stemming
("trêves" finds "trêve"), accents folded ("israel" finds "Israël"), elisions split
("importance" finds "l'importance"), and a chunked index that the browser fetches piece by
piece. Only article pages are documents (the theme marks their content `data-pagefind-body`).

The binary comes from npm on Linux (`npm ci` installs @pagefind/linux-x64 or -arm64 from the
registry, at the version package-lock.json pins; an optional dependency, skipped elsewhere),
else from the `pagefind_bin` wheel of PyPI, for every platform; nothing is downloaded at
build time. npm has the newer Pagefind: 1.6 ranks a common word up to twice as fast in the
browser as 1.5, the last on PyPI (at 10,000 articles, "aide humanitaire" in 74 ms instead
of 152 from the last key to the first result, and "otages" in 62 instead of 91, on
`scripts/bench_search.py`'s page clock).

A large site gets several indexes of at most `PART_SIZE` articles each, which the browser
searches together (Pagefind's `mergeIndex`): Pagefind 1.5 ranks the pages holding a word in
a time that grows with the square of their number (each result page scans every matching
word entry), so at 10,000 articles a common word took seconds; four parts of 2,500 take a
quarter of that, and the results are merged by score. More parts would rank faster still,
but each part fetches its own index chunk (~25 kB) for every word of the query: eight parts
cost 650 to 830 kB for two words.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .assets import find_pagefind

BUNDLE_DIR = "pagefind"
"""Where the index and its scripts go, inside the site folder (the theme loads them from there)."""

EXCLUDED = (".headerlink",)
"""Never indexed: the heading anchors' "¶"."""

DOCUMENTS = "articles"
"""The folder of the pages the theme marks as documents (`articles/<slug>/index.html`)."""

PART_SIZE = 2500
"""Most articles in one index: a site with more is split into 2, 4, 8 or 16 parts."""

MAX_PARTS = 16

PARTS_FILE = "parts.json"
"""Beside pagefind.js: the folders of the other parts, which the header search merges (none: `[]`)."""

PART_DIR = "part-{}"

_SLUG_END = "0123456789abcdefghijklmnopqrstuvwxyz"
"""A page goes to the part of its slug's last character (hexadecimal for hashed slugs)."""

_KEPT_IN_PARTS = ("pagefind-entry.json", "index", "fragment", "filter")
"""What a merged part needs: its entry, metadata (*.pf_meta) and chunks (filter chunks too: the
trip is a filter, overrides/main.html); the scripts and the
WebAssembly come from the first part."""


class SearchIndexError(Exception):
    """Pagefind is missing or failed: the site would have a search box that finds nothing."""


@dataclass(frozen=True)
class SearchIndex:
    pages: int
    words: int
    parts: int = 1

    def summary(self) -> str:
        if self.parts == 1:
            return f"search index: {self.pages} pages, {self.words} words"
        return f"search index: {self.pages} pages in {self.parts} parts"


def _executable(root: Path) -> Path:
    """npm's Pagefind for the project at `root` (or the digest checkout), else PyPI's."""
    if (installed := find_pagefind(root)) is not None:
        return installed
    try:
        from pagefind_bin import get_executable
    except ImportError as exc:
        raise SearchIndexError("Pagefind is not installed: run `npm ci --ignore-scripts` beside mkdocs.yml "
                               "(`make install` does), or pip install 'pagefind[bin]'") from exc
    try:
        return get_executable()
    except FileNotFoundError as exc:
        raise SearchIndexError(f"the Pagefind binary is missing from pagefind_bin: {exc}") from exc


def index_site(site_dir: Path, root: Path | None = None, timeout: float = 300, background: bool = False,
               part_size: int = PART_SIZE) -> SearchIndex:
    """Write the search index of the built site at `site_dir` into `site_dir/pagefind/`.

    root: the project (mkdocs.yml's folder), whose node_modules/ may hold Pagefind.
    background: at the lowest CPU priority, so that it does not slow down the next rebuild
    of `mkdocs serve` (the machine may have two cores, and Pagefind uses all of them).
    """
    executable = _executable(root if root is not None else site_dir.parent)
    bundle = site_dir / BUNDLE_DIR
    for stale in bundle.glob(PART_DIR.format("*")) if bundle.is_dir() else ():
        if re.fullmatch(PART_DIR.format(r"\d+"), stale.name) and stale.is_dir():
            shutil.rmtree(stale)
    globs = _part_globs(_slugs(site_dir), part_size)
    if not globs:  # one index, over the whole site, as Pagefind does by default
        pages, words = _run(executable, site_dir, BUNDLE_DIR, None, timeout, background)
        _write_parts(bundle, [])
        return SearchIndex(pages, words)
    pages = words = 0
    for number, glob in enumerate(globs):
        output = BUNDLE_DIR if number == 0 else f"{BUNDLE_DIR}/{PART_DIR.format(number)}"
        indexed, counted = _run(executable, site_dir, output, glob, timeout, background)
        pages, words = pages + indexed, words + counted
        if number:
            _keep_only_the_index(site_dir / output)
    _write_parts(bundle, [PART_DIR.format(number) + "/" for number in range(1, len(globs))])
    return SearchIndex(pages, words, parts=len(globs))


def _write_parts(bundle: Path, parts: list[str]) -> None:
    """Written even when empty: the search asks for it, and a 404 is a console error."""
    (bundle / PARTS_FILE).write_text(json.dumps({"parts": parts}) + "\n", encoding="utf-8")


def _slugs(site_dir: Path) -> list[str]:
    documents = site_dir / DOCUMENTS
    if not documents.is_dir():
        return []
    with_page = (entry for entry in documents.iterdir() if (entry / "index.html").is_file())
    return [entry.name for entry in with_page]


def _part_globs(slugs: list[str], part_size: int) -> list[str]:
    """The Pagefind globs of the parts, or [] when one index is enough.

    A part holds the slugs ending in its characters: the characters of `_SLUG_END` are dealt
    out in turn, and the last part takes every other ending too (its class is negated), so
    each page is in exactly one part. Parts that would be empty are left out.

    >>> _part_globs(["a1", "b2"], part_size=1)
    ['articles/*[02468acegikmoqsuwy]/index.html', 'articles/*[!02468acegikmoqsuwy]/index.html']
    """
    count = 1
    while count < MAX_PARTS and len(slugs) > count * part_size:
        count *= 2
    if count == 1:
        return []
    ends = [_SLUG_END[number::count] for number in range(count)]
    others = "".join(ends[:-1])
    globs, sizes = [], [0] * count
    for slug in slugs:
        end = slug[-1:]
        sizes[next((n for n, chars in enumerate(ends[:-1]) if end and end in chars), count - 1)] += 1
    for number, chars in enumerate(ends):
        if sizes[number]:
            last = number == count - 1
            globs.append(f"{DOCUMENTS}/*[{'!' + others if last else chars}]/index.html")
    return globs if len(globs) > 1 else []


def _run(executable: Path, site_dir: Path, output: str, glob: str | None, timeout: float,
         background: bool) -> tuple[int, int]:
    command = [str(executable), "--site", str(site_dir), "--output-subdir", output]
    if glob:
        command += ["--glob", glob]
    for selector in EXCLUDED:
        command += ["--exclude-selectors", selector]
    nice = shutil.which("nice") if background else None
    if nice:  # nice(1) rather than a priority set from here: every thread Pagefind starts inherits it
        command = [nice, "-n", "19", *command]
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexError(f"Pagefind did not run: {exc}") from exc
    if run.returncode != 0:
        raise SearchIndexError(f"Pagefind failed (exit {run.returncode}): {(run.stderr or run.stdout).strip()}")
    return _count(run.stdout, "pages"), _count(run.stdout, "words")


def _keep_only_the_index(part: Path) -> None:
    """A merged part is searched with the first part's scripts: its own copies (~0.6 MB) go."""
    for path in part.iterdir():
        if path.name in _KEPT_IN_PARTS or path.suffix == ".pf_meta":
            continue
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()


def _count(output: str, what: str) -> int:
    """Pagefind's own summary line, e.g. 'Indexed 5 pages' ('Indexed 1 page')."""
    found = re.findall(rf"Indexed (\d+) {what.removesuffix('s')}s?\b", output)
    return sum(int(n) for n in found)
