"""The sole writer of the docs folder.

The generator owns exactly the files listed in its manifest. A file it did not
write is hand-written and is never overwritten or deleted, whatever its path.
Only files whose bytes change are written, so `mkdocs serve` (which rebuilds on
any file event) settles after one regeneration, and untouched pages keep their
modification time.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .model import Page
from .report import Report

MANIFEST = ".digest-manifest.json"
MANIFEST_VERSION = 1


@dataclass
class WriteResult:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # hand-written files in the way


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


def _safe_target(docs_dir: Path, relative: str) -> Path:
    """Refuse a page path that would land outside the docs folder."""
    target = (docs_dir / relative).resolve()
    if docs_dir.resolve() not in target.parents:
        raise ValueError(f"refusing to write outside {docs_dir}: {relative}")
    return target


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


def write_pages(docs_dir: Path, pages: list[Page], report: Report) -> WriteResult:
    """Bring docs_dir in line with pages; the manifest records what is now owned."""
    result = WriteResult()
    owned = read_manifest(docs_dir)
    new_manifest: dict[str, str] = {}
    planned = {page.path: page for page in pages}
    if len(planned) != len(pages):
        raise ValueError("two generated pages share one path")

    for path in sorted(planned):
        data = planned[path].content
        target = _safe_target(docs_dir, path)
        if target.exists() and path not in owned:
            result.skipped.append(path)
            report.warning("hand-written-collision",
                           f"docs/{path} is a hand-written file where a generated page belongs",
                           file=path, action="kept the hand-written file; the generated page was not written")
            continue
        new_manifest[path] = _sha256(data)
        if target.exists() and target.read_bytes() == data:
            result.unchanged.append(path)
            continue
        atomic_write(target, data)
        result.written.append(path)

    for path in sorted(set(owned) - set(new_manifest)):
        target = _safe_target(docs_dir, path)
        if not target.exists():
            continue
        if _sha256(target.read_bytes()) != owned[path]:
            report.warning("edited-generated-file",
                           f"docs/{path} was generated but has been edited by hand since",
                           file=path, action="left in place; delete it if it is no longer wanted")
            continue
        target.unlink()
        result.removed.append(path)
        _remove_empty_parents(target.parent, docs_dir)

    manifest = json.dumps({"version": MANIFEST_VERSION, "files": new_manifest}, indent=1, sort_keys=True)
    manifest_path = docs_dir / MANIFEST
    if not manifest_path.exists() or manifest_path.read_text(encoding="utf-8") != manifest + "\n":
        atomic_write(manifest_path, (manifest + "\n").encode("utf-8"))
    return result


def _remove_empty_parents(folder: Path, docs_dir: Path) -> None:
    docs_dir = docs_dir.resolve()
    folder = folder.resolve()
    while folder != docs_dir and docs_dir in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
