"""The sole writer of the docs folder: owned files only, changed bytes only, all or nothing.

Ownership. The generator owns exactly the files listed in its manifest
(docs/.digest-manifest.json). A file it did not write is hand-written and is never
overwritten or deleted, whatever its path. Only files whose bytes change are written,
so `mkdocs serve` (which rebuilds on any file event) settles after one regeneration,
and untouched pages keep their modification time.

All or nothing. docs/ also holds hand-written pages, so it cannot be swapped as a
whole; and swapping versioned folders behind symlinks would give every page a new path
on each build (a full reload under `mkdocs serve`, no kept modification times) and
hide the pages from tools that do not follow links. So a build commits through a
journal, as a database does:

1. stage: the new bytes of every file that changes, and the new manifest, are written
   under docs/.digest-staging/ (MkDocs ignores dot folders);
2. commit point: docs/.digest-journal.json appears, by one atomic rename; it lists the
   files to move into place and the stale files to remove;
3. apply: each staged file is renamed over its target (`os.replace`, atomic for each
   file), stale files are removed, the manifest is replaced last; then the journal and
   the staging folder go.

A build killed before the commit point leaves docs/ exactly as the previous build
wrote it; the next build throws the staging folder away. Killed after it, the next
build first finishes the renames (`recover`): every step of the journal can be
replayed. Nothing is fsynced (about 5 ms a file): the guarantee holds against a killed
process, not a power cut.

One build at a time. `docs_lock` holds an flock(2) on docs/.digest.lock for a whole
build and records the holder's pid there, so a second build started meanwhile fails
at once with that pid in its message (the CLI), or waits for the lock (the MkDocs
plugin: a `mkdocs serve` rebuild should not fail because a `digest build` runs). The
kernel drops the lock when its holder dies, so a killed build never leaves a stale lock.

Tests only: the environment variable DIGEST_TEST_WRITE_DELAY (seconds) makes the
writer pause after each staged and each renamed file, so that a test can kill a build
in the middle of either phase.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .model import Page
from .report import Report

try:
    import fcntl
except ImportError:  # Windows: no flock; builds are not serialised there.
    fcntl = None  # type: ignore[assignment]

MANIFEST = ".digest-manifest.json"
MANIFEST_VERSION = 1
LOCK = ".digest.lock"
JOURNAL = ".digest-journal.json"
STAGING = ".digest-staging"
TEST_DELAY_ENV = "DIGEST_TEST_WRITE_DELAY"


@dataclass
class WriteResult:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # hand-written files in the way


class DocsLocked(Exception):
    """Another build holds the docs folder."""

    def __init__(self, docs_dir: Path, pid: int | None):
        self.docs_dir, self.pid = docs_dir, pid
        self.running = f"another digest build is running on {docs_dir}" + (f" (pid {pid})" if pid else "")
        super().__init__(f"{self.running}; try again when it ends")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_manifest(docs_dir: Path) -> dict[str, str]:
    """Generated path -> sha256 of the bytes written; empty when there is none yet."""
    try:
        data = json.loads((docs_dir / MANIFEST).read_text(encoding="utf-8"))
        files = data["files"]
        if isinstance(files, dict):
            return {str(k): str(v) for k, v in files.items()}
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return {}


def _manifest_bytes(files: dict[str, str]) -> bytes:
    text = json.dumps({"version": MANIFEST_VERSION, "files": files}, indent=1, sort_keys=True)
    return (text + "\n").encode("utf-8")


class _Targets:
    """Where each page path lands, resolved (links followed); a path landing outside the docs folder is refused.

    Resolving follows links component by component (an lstat each), and a build places a
    thousand pages in a dozen folders: each folder is resolved once, and only a page that
    is itself a link is resolved whole. Same answers as resolving every path.
    """

    def __init__(self, docs_dir: Path):
        self.root = docs_dir.resolve()
        self._folders: dict[str, tuple[Path, bool]] = {}  # folder -> (resolved, inside the docs folder)

    def __call__(self, relative: str) -> Path:
        folder, name = posixpath.split(relative)
        if folder not in self._folders:
            resolved = (self.root / folder).resolve()
            self._folders[folder] = resolved, resolved == self.root or self.root in resolved.parents
        resolved, inside = self._folders[folder]
        target = resolved / name
        if name in ("", ".", "..") or os.path.islink(target):
            target = (self.root / relative).resolve()
            inside = self.root in target.parents
        if not inside:
            raise ValueError(f"refusing to write outside {self.root}: {relative}")
        return target


def _read(path: Path) -> bytes | None:
    """The bytes of a regular file; None when there is none (or a folder stands there)."""
    try:
        return path.read_bytes() if path.is_file() else None
    except OSError:
        return None


def _occupied(root: Path, target: Path) -> bool:
    """Something we may not replace stands at target: a file or folder, or a file where a parent folder goes."""
    if os.path.lexists(target):
        return True
    return any(parent.exists() and not parent.is_dir()
               for parent in target.parents if root in parent.parents)


def hand_written(docs_dir: Path, paths: Iterable[str]) -> set[str]:
    """Those of paths where a hand-written file (one the manifest does not list) already stands."""
    target_of = _Targets(docs_dir)
    root = target_of.root
    owned = read_manifest(root)
    taken = set()
    for path in paths:
        target = target_of(path)
        if _occupied(root, target) and (path not in owned or not target.is_file()):
            taken.add(path)
    return taken


def atomic_write(path: Path, data: bytes) -> None:
    """Write through a temporary file and rename, so no reader sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".digest-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _pause() -> None:
    delay = os.environ.get(TEST_DELAY_ENV)
    if delay:
        time.sleep(float(delay))


def write_pages(docs_dir: Path, pages: list[Page], report: Report) -> WriteResult:
    """Bring docs_dir in line with pages; the manifest records what is now owned.

    The caller holds `docs_lock`. Nothing is staged when nothing changes, so a build
    of unchanged inputs causes no file event at all.
    """
    target_of = _Targets(docs_dir)
    root = target_of.root
    recover(root, report)
    result = WriteResult()
    owned = read_manifest(root)
    new_manifest: dict[str, str] = {}
    planned = {page.path: page for page in pages}
    if len(planned) != len(pages):
        raise ValueError("two generated pages share one path")

    changes: dict[str, bytes] = {}
    replaces: dict[str, str | None] = {}  # path -> sha of the file it replaces, None if none
    for path in sorted(planned):
        data = planned[path].content
        target = target_of(path)
        if _occupied(root, target) and (path not in owned or not target.is_file()):
            result.skipped.append(path)
            report.warning("hand-written-collision",
                           f"docs/{path} is a hand-written file where a generated page belongs",
                           file=path, action="kept the hand-written file; the generated page was not written")
            continue
        new_manifest[path] = _sha256(data)
        current = _read(target)
        if current == data:
            result.unchanged.append(path)
            continue
        changes[path] = data
        replaces[path] = None if current is None else _sha256(current)
        result.written.append(path)

    removals: dict[str, str] = {}
    for path in sorted(set(owned) - set(new_manifest)):
        current = _read(target_of(path))
        if current is None:
            continue
        if _sha256(current) != owned[path]:
            report.warning("edited-generated-file",
                           f"docs/{path} was generated but has been edited by hand since",
                           file=path, action="left in place; delete it if it is no longer wanted")
            continue
        removals[path] = owned[path]
        result.removed.append(path)

    manifest = _manifest_bytes(new_manifest)
    if changes or removals or _read(root / MANIFEST) != manifest:
        _stage(root, changes, manifest)
        _commit(root, {"version": MANIFEST_VERSION, "write": replaces, "remove": removals})
        skipped = _apply(root, report)
        for path in skipped:
            result.written.remove(path)
            result.skipped.append(path)
    return result


def _stage(root: Path, changes: dict[str, bytes], manifest: bytes) -> None:
    staging = root / STAGING
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for path, data in changes.items():
        target = staging / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        os.chmod(target, 0o644)
        _pause()
    (staging / MANIFEST).write_bytes(manifest)


def _commit(root: Path, journal: dict) -> None:
    """The commit point: once the journal is in place, the new state is what docs/ will hold."""
    draft = root / STAGING / JOURNAL
    draft.write_text(json.dumps(journal, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(draft, root / JOURNAL)


def _apply(root: Path, report: Report | None) -> list[str]:
    """Carry out the journal; safe to run again after an interruption at any point.

    Returns the paths not written because a hand-written file appeared there after
    the plan was made (they are dropped from the manifest first, then skipped).
    """
    journal = json.loads((root / JOURNAL).read_text(encoding="utf-8"))
    staging = root / STAGING
    target_of = _Targets(root)
    skipped: list[str] = []
    for path, before in sorted(journal["write"].items()):
        source = staging / path
        if not source.is_file():
            continue  # moved into place before the interruption
        target = target_of(path)
        if before is None and _occupied(root, target):
            _disown(staging / MANIFEST, path)
            source.unlink()
            skipped.append(path)
            if report is not None:
                report.warning("hand-written-collision",
                               f"docs/{path} appeared by hand while it was being generated",
                               file=path, action="kept the hand-written file; the generated page was not written")
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
        _pause()
    for path, sha in sorted(journal["remove"].items()):
        target = target_of(path)
        current = _read(target)
        if current is not None and _sha256(current) == sha:
            target.unlink()
            _remove_empty_parents(target.parent, root)
    if (staging / MANIFEST).is_file():
        os.replace(staging / MANIFEST, root / MANIFEST)
    (root / JOURNAL).unlink(missing_ok=True)
    shutil.rmtree(staging, ignore_errors=True)
    return skipped


def _disown(manifest_path: Path, path: str) -> None:
    data = json.loads(manifest_path.read_text(encoding="utf-8"))
    data["files"].pop(path, None)
    atomic_write(manifest_path, _manifest_bytes(data["files"]))


def recover(docs_dir: Path, report: Report | None = None) -> str | None:
    """Finish a build that was killed after its commit point, or discard one killed before.

    Returns "finished", "discarded" or None (nothing was pending).
    """
    root = docs_dir.resolve()
    journal = root / JOURNAL
    if journal.is_file():
        try:
            _apply(root, report)
        except (ValueError, KeyError, TypeError, AttributeError):
            # The journal appears by rename, whole; an unreadable one was not written by us.
            journal.unlink(missing_ok=True)
            shutil.rmtree(root / STAGING, ignore_errors=True)
            return "discarded"
        if report is not None:
            report.info("interrupted-build", "the previous build was interrupted after its commit point",
                        file=str(root / JOURNAL), action="finished it: docs/ holds that build's pages")
        return "finished"
    if (root / STAGING).exists():
        shutil.rmtree(root / STAGING, ignore_errors=True)
        if report is not None:
            report.info("interrupted-build", "the previous build was interrupted before its commit point",
                        file=str(root / STAGING), action="discarded it: docs/ was left as the build before wrote it")
        return "discarded"
    return None


@contextmanager
def docs_lock(docs_dir: Path, *, wait: bool = False, report: Report | None = None) -> Iterator[None]:
    """Hold docs_dir for one build; raise DocsLocked, or wait, while another build holds it.

    Once held, whatever a killed build left is finished or discarded (`recover`), so the
    build starts from a consistent docs folder.
    """
    docs_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(docs_dir / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError:
                raise DocsLocked(docs_dir, _holder(fd)) from None
            me = f"{os.getpid()}\n".encode()
            if os.pread(fd, 64, 0) != me:  # unchanged under `mkdocs serve`: no file event
                os.ftruncate(fd, 0)
                os.pwrite(fd, me, 0)
        recover(docs_dir, report)
        yield
    finally:
        os.close(fd)  # releases the lock


def _holder(fd: int) -> int | None:
    try:
        return int(os.pread(fd, 64, 0).decode("ascii").strip())
    except (ValueError, UnicodeDecodeError, OSError):
        return None


def _remove_empty_parents(folder: Path, docs_dir: Path) -> None:
    docs_dir = docs_dir.resolve()
    folder = folder.resolve()
    while folder != docs_dir and docs_dir in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
