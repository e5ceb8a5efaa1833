"""A build whose inputs have not changed does nothing: the last build's outcome is replayed.

A build's output is a function of its inputs: the seeds (names and bytes), the settings,
trips.yml, SOURCE_DATE_EPOCH, the code and data of this package, the versions of the
libraries it depends on, and what docs/ holds. After each build the stamp
(<cache_dir>/last-build.pickle) records one hash of all of these with the build's digest,
report and write result. A build that finds the same hash replays that report (so
`--strict` fails as it did) and writes nothing: under `mkdocs build` and `mkdocs serve` the
regeneration of an unchanged corpus costs reading the seeds, not regenerating every page.

docs/ enters the hash as the name, size and modification time of each of its files, so a
page added, edited or removed there by hand, or a generated page touched, brings a full
build back. Anything unreadable in the stamp just means a full build.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from .clock import SOURCE_DATE_EPOCH
from .config import DigestConfig
from .model import Digest, SourceFile
from .overrides import TRIPS_FILE
from .report import Report
from .write import LOCK, WriteResult, atomic_write

STAMP_NAME = "last-build.pickle"
_PACKAGE = Path(__file__).resolve().parent


@dataclass
class Stamp:
    key: str
    digest: Digest
    report: Report  # the issues the build itself added
    write: WriteResult


@lru_cache(maxsize=1)
def _code_version() -> str:
    """This package's files and the installed versions of what it requires: any change means rebuild."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    try:
        requirements = metadata.requires("digest") or []
    except metadata.PackageNotFoundError:
        requirements = []
    for requirement in sorted(requirements):
        name = re.match(r"[A-Za-z0-9._-]+", requirement)
        if name:
            try:
                digest.update(f"{name.group()}=={metadata.version(name.group())}".encode())
            except metadata.PackageNotFoundError:
                digest.update(f"{name.group()} missing".encode())
    return digest.hexdigest()


def docs_state(docs_dir: Path) -> list[tuple[str, int, int]]:
    """Name, size and modification time of every file in docs/ (the build's lock file aside)."""
    state = []
    root = str(docs_dir)
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        prefix = "" if folder == root else os.path.relpath(folder, root) + os.sep
        for name in sorted(files):
            if folder == root and name == LOCK:
                continue
            try:
                info = os.stat(os.path.join(folder, name))
            except OSError:
                continue
            state.append((prefix + name, info.st_size, info.st_mtime_ns))
    return state


def build_key(config: DigestConfig, sources: list[SourceFile], environ=os.environ) -> str:
    """One hash of everything the generated files depend on, docs/ included."""
    digest = hashlib.sha256(_code_version().encode())
    digest.update(repr(config).encode())
    digest.update(environ.get(SOURCE_DATE_EPOCH, "").encode() + b"\0")
    try:
        digest.update((config.root / TRIPS_FILE).read_bytes())
    except OSError:
        digest.update(b"no trips file")
    for source in sources:
        digest.update(f"{source.name}\0{source.sha256}\n".encode())
    for entry in docs_state(config.docs_dir):
        digest.update(repr(entry).encode())
    return digest.hexdigest()


def load_stamp(cache_dir: Path, key: str) -> Stamp | None:
    """The last build's outcome when it was made from exactly these inputs.

    The key is pickled ahead of the stamp, so a stamp of other inputs is not unpickled whole;
    and the stamp a process saved is kept in memory (`mkdocs serve` replays it after each of
    its own regenerations).
    """
    path = cache_dir / STAMP_NAME
    if path in _KEPT and _KEPT[path].key == key:
        return _KEPT[path]
    try:
        with path.open("rb") as handle, _no_garbage_collection():
            if pickle.load(handle) != key:
                return None
            stamp = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError, TypeError, ImportError):
        return None
    return stamp if isinstance(stamp, Stamp) and stamp.key == key else None


@contextmanager
def _no_garbage_collection() -> Iterator[None]:
    """Unpickling a digest makes hundreds of thousands of objects, and each few hundred of them
    set off Python's cycle collector over all those made so far: without it, the stamp of
    10,000 articles loads in 0.45 s of CPU instead of 0.8 to 1.1 s."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def save_stamp(cache_dir: Path, stamp: Stamp) -> None:
    path = cache_dir / STAMP_NAME
    _KEPT[path] = stamp
    try:
        atomic_write(path, pickle.dumps(stamp.key, protocol=pickle.HIGHEST_PROTOCOL)
                     + pickle.dumps(stamp, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass  # a stamp that cannot be written only costs the next build its shortcut


_KEPT: dict[Path, Stamp] = {}
