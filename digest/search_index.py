"""The site's search index: Pagefind run over the HTML that MkDocs wrote.

Pagefind indexes the pages' text in French (it reads `<html lang="fr">`): French stemming
("trêves" finds "trêve"), accents folded ("israel" finds "Israël"), elisions split
("importance" finds "l'importance"), and a chunked index that the browser fetches piece by
piece. Only article pages are documents (the theme marks their content `data-pagefind-body`);
the binary ships in the `pagefind_bin` wheel from PyPI, so nothing is downloaded.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

BUNDLE_DIR = "pagefind"
"""Where the index and its scripts go, inside the site folder (the theme loads them from there)."""

EXCLUDED = (".headerlink",)
"""Never indexed: the heading anchors' "¶"."""


class SearchIndexError(Exception):
    """Pagefind is missing or failed: the site would have a search box that finds nothing."""


@dataclass(frozen=True)
class SearchIndex:
    pages: int
    words: int

    def summary(self) -> str:
        return f"search index: {self.pages} pages, {self.words} words"


def _executable() -> Path:
    try:
        from pagefind_bin import get_executable
    except ImportError as exc:
        raise SearchIndexError("Pagefind is not installed: pip install 'pagefind[bin]'") from exc
    try:
        return get_executable()
    except FileNotFoundError as exc:
        raise SearchIndexError(f"the Pagefind binary is missing from pagefind_bin: {exc}") from exc


def index_site(site_dir: Path, timeout: float = 300, background: bool = False) -> SearchIndex:
    """Write the search index of the built site at `site_dir` into `site_dir/pagefind/`.

    background: at the lowest CPU priority, so that it does not slow down the next rebuild
    of `mkdocs serve` (the machine may have two cores, and Pagefind uses all of them).
    """
    command = [str(_executable()), "--site", str(site_dir), "--output-subdir", BUNDLE_DIR]
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
    return SearchIndex(pages=_count(run.stdout, "pages"), words=_count(run.stdout, "words"))


def _count(output: str, what: str) -> int:
    """Pagefind's own summary line, e.g. 'Indexed 5 pages'."""
    found = re.findall(rf"Indexed (\d+) {what}", output)
    return sum(int(n) for n in found)
