"""Extraction results kept on disk, keyed by file name, content and extractor version.

The version is a hash of the extraction code and its data files, so editing the
gazetteer or a rule invalidates every entry without anyone having to remember to.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

from .model import Article, Rejected, SourceFile
from .report import Report
from .write import atomic_write

_PACKAGE = Path(__file__).resolve().parent
# Everything whose change can change an extraction result (ingest.py decides what is an article).
_VERSIONED = ("clean.py", "ingest.py", "model.py", "slugs.py", "extract/*.py", "data/*.yaml")


def extractor_version(extra: str = "") -> str:
    digest = hashlib.sha256(extra.encode("utf-8"))
    for pattern in _VERSIONED:
        for path in sorted(_PACKAGE.glob(pattern)):
            digest.update(path.relative_to(_PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class ExtractionCache:
    """One pickle per input file under cache_dir/<version>/; old versions are left for `make clean`.

    What a process has read or written it also keeps in memory (`_KEPT`, shared by every
    cache object of the process, keyed by the pickle's path), so a process that builds
    again (`mkdocs serve` after an edit) loads each pickle once, not at every build.
    """

    def __init__(self, cache_dir: Path, settings: str = ""):
        self.folder = cache_dir / extractor_version(settings)

    def _path(self, source: SourceFile) -> Path:
        key = hashlib.sha256(source.name.encode("utf-8") + b"\0" + source.sha256.encode()).hexdigest()
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, source: SourceFile) -> tuple[Report, Article | Rejected] | None:
        path = self._path(source)
        if path in _KEPT:
            return _KEPT[path]
        try:
            with path.open("rb") as handle:
                report, outcome = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError, TypeError):
            return None
        if not isinstance(report, Report) or not isinstance(outcome, (Article, Rejected)):
            return None
        _KEPT[path] = report, outcome
        return report, outcome

    def put(self, source: SourceFile, report: Report, outcome: Article | Rejected) -> None:
        path = self._path(source)
        _KEPT[path] = report, outcome
        try:
            atomic_write(path, pickle.dumps((report, outcome), protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass  # a cache that cannot be written only costs time


_KEPT: dict[Path, tuple[Report, Article | Rejected]] = {}


