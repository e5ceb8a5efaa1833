import json
import os
from pathlib import Path

import pytest

from digest.model import Page
from digest.report import Report
from digest.write import MANIFEST, read_manifest, write_pages


def _pages(**files):
    return [Page(path.replace("__", "/").replace("_md", ".md"), text.encode()) for path, text in files.items()]


def test_first_write_creates_pages_and_manifest(tmp_path):
    result = write_pages(tmp_path, [Page("articles/a.md", b"A"), Page("index.md", b"I")], Report())
    assert sorted(result.written) == ["articles/a.md", "index.md"]
    assert (tmp_path / "articles/a.md").read_bytes() == b"A"
    assert set(read_manifest(tmp_path)) == {"articles/a.md", "index.md"}


def test_unchanged_pages_are_not_rewritten(tmp_path):
    write_pages(tmp_path, [Page("articles/a.md", b"A"), Page("articles/b.md", b"B")], Report())
    os.utime(tmp_path / "articles/a.md", (1, 1))
    result = write_pages(tmp_path, [Page("articles/a.md", b"A"), Page("articles/b.md", b"B2")], Report())
    assert result.written == ["articles/b.md"]
    assert result.unchanged == ["articles/a.md"]
    assert (tmp_path / "articles/a.md").stat().st_mtime == 1


def test_hand_written_file_is_never_overwritten(tmp_path):
    (tmp_path / "index.md").write_text("mine")
    report = Report()
    result = write_pages(tmp_path, [Page("index.md", b"generated")], report)
    assert (tmp_path / "index.md").read_text() == "mine"
    assert result.skipped == ["index.md"]
    assert report.codes == ["hand-written-collision"]
    assert "index.md" not in read_manifest(tmp_path)


def test_stale_generated_pages_are_removed_but_hand_written_ones_stay(tmp_path):
    write_pages(tmp_path, [Page("articles/old.md", b"old"), Page("articles/keep.md", b"k")], Report())
    (tmp_path / "articles/notes.md").write_text("hand-written inside a generated folder")
    result = write_pages(tmp_path, [Page("articles/keep.md", b"k")], Report())
    assert result.removed == ["articles/old.md"]
    assert not (tmp_path / "articles/old.md").exists()
    assert (tmp_path / "articles/notes.md").read_text().startswith("hand-written")


def test_generated_file_edited_by_hand_is_left_with_a_warning(tmp_path):
    write_pages(tmp_path, [Page("articles/a.md", b"A")], Report())
    (tmp_path / "articles/a.md").write_text("edited")
    report = Report()
    write_pages(tmp_path, [], report)
    assert (tmp_path / "articles/a.md").read_text() == "edited"
    assert report.codes == ["edited-generated-file"]


def test_empty_generated_folders_are_removed(tmp_path):
    write_pages(tmp_path, [Page("articles/x/a.md", b"A")], Report())
    write_pages(tmp_path, [], Report())
    assert not (tmp_path / "articles").exists()


def test_refuses_paths_outside_docs(tmp_path):
    with pytest.raises(ValueError):
        write_pages(tmp_path / "docs", [Page("../escape.md", b"x")], Report())


@pytest.mark.parametrize("link", ["folder", "page"])
def test_refuses_paths_that_a_link_leads_outside_docs(tmp_path, link):
    """Folders are resolved once per build: a link, to a folder or in place of a page, is still followed."""
    docs, outside = tmp_path / "docs", tmp_path / "outside"
    (docs / "articles").mkdir(parents=True)
    outside.mkdir()
    (outside / "a.md").write_bytes(b"not ours")
    if link == "folder":
        (docs / "lieux").symlink_to(outside)
        path = "lieux/a.md"
    else:
        (docs / "articles" / "a.md").symlink_to(outside / "a.md")
        path = "articles/a.md"
    with pytest.raises(ValueError, match="outside"):
        write_pages(docs, [Page("articles/b.md", b"B"), Page(path, b"x")], Report())
    assert (outside / "a.md").read_bytes() == b"not ours"


def test_manifest_is_deterministic(tmp_path):
    write_pages(tmp_path, [Page("b.md", b"B"), Page("a.md", b"A")], Report())
    first = (tmp_path / MANIFEST).read_bytes()
    write_pages(tmp_path, [Page("a.md", b"A"), Page("b.md", b"B")], Report())
    assert (tmp_path / MANIFEST).read_bytes() == first
    assert list(json.loads(first)["files"]) == ["a.md", "b.md"]


# --- All or nothing: staging, the journal, recovery --------------------------------------------

from digest import write as write_module  # noqa: E402
from digest.write import (JOURNAL, LOCK, STAGING, DocsLocked, docs_lock, hand_written,  # noqa: E402
                          recover)


def _tree(docs):
    """Every file under docs with its bytes, lock file aside."""
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*"))
            if p.is_file() and p.name != LOCK}


OLD = [Page("index.md", b"home 1"), Page("articles/a.md", b"A1"), Page("articles/b.md", b"B1"),
       Page("mois/2023-11.md", b"M1")]
NEW = [Page("index.md", b"home 2"), Page("articles/a.md", b"A1"), Page("articles/c.md", b"C2"),
       Page("lieux/doha.md", b"D2")]


def _expected(tmp_path, pages, hand=None):
    reference = tmp_path / "reference"
    for path, text in (hand or {}).items():
        (reference / path).parent.mkdir(parents=True, exist_ok=True)
        (reference / path).write_text(text)
    write_pages(reference, pages, Report())
    return _tree(reference)


def test_a_write_leaves_no_staging_folder_nor_journal(tmp_path):
    docs = tmp_path / "docs"
    write_pages(docs, OLD, Report())
    write_pages(docs, NEW, Report())
    assert not (docs / STAGING).exists() and not (docs / JOURNAL).exists()
    assert _tree(docs) == _expected(tmp_path, NEW)


def test_a_build_that_changes_nothing_touches_no_file(tmp_path):
    docs = tmp_path / "docs"
    write_pages(docs, OLD, Report())
    before = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in docs.rglob("*")}
    result = write_pages(docs, OLD, Report())
    assert result.written == [] and result.removed == []
    assert {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in docs.rglob("*")} == before


def test_only_changed_files_get_a_new_inode(tmp_path):
    docs = tmp_path / "docs"
    write_pages(docs, OLD, Report())
    inode = (docs / "articles/a.md").stat().st_ino
    result = write_pages(docs, NEW, Report())
    assert sorted(result.written) == ["articles/c.md", "index.md", "lieux/doha.md"]
    assert sorted(result.removed) == ["articles/b.md", "mois/2023-11.md"]
    assert (docs / "articles/a.md").stat().st_ino == inode
    assert not (docs / "mois").exists()


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs (not even except Exception blocks)."""


def test_killed_before_the_commit_point_leaves_the_previous_state(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    write_pages(docs, OLD, Report())
    previous = _tree(docs)

    def killed(*args):
        raise Killed

    monkeypatch.setattr(write_module, "_commit", killed)
    with pytest.raises(Killed):
        write_pages(docs, NEW, Report())
    assert (docs / STAGING).is_dir()
    assert {p: b for p, b in _tree(docs).items() if not p.startswith(STAGING)} == previous
    monkeypatch.undo()
    report = Report()
    assert recover(docs, report) == "discarded"
    assert _tree(docs) == previous and report.codes == ["interrupted-build"]
    write_pages(docs, NEW, Report())
    assert _tree(docs) == _expected(tmp_path, NEW)


@pytest.mark.parametrize("renames_before_kill", range(7))
def test_killed_after_the_commit_point_is_finished_by_the_next_build(tmp_path, monkeypatch, renames_before_kill):
    """A kill between any two renames of the journal: the next run completes the new state."""
    docs = tmp_path / "docs"
    (docs / "articles").mkdir(parents=True)
    (docs / "articles/notes.md").write_text("hand-written")
    write_pages(docs, OLD, Report())
    real_replace = os.replace
    calls = []

    def replace(source, target):
        if str(target).endswith(JOURNAL):  # the commit point itself
            return real_replace(source, target)
        if len(calls) == renames_before_kill:
            raise Killed
        calls.append(target)
        return real_replace(source, target)

    monkeypatch.setattr(write_module.os, "replace", replace)
    try:
        write_pages(docs, NEW, Report())
    except Killed:
        assert (docs / JOURNAL).is_file()
    monkeypatch.undo()
    # A second kill during recovery changes nothing: every step can be replayed.
    assert recover(docs) in ("finished", None)
    assert recover(docs) is None
    assert _tree(docs) == _expected(tmp_path, NEW, {"articles/notes.md": "hand-written"})
    assert write_pages(docs, NEW, Report()).written == []


@pytest.mark.parametrize("last_step", ["journal removed", "staging removed"])
def test_killed_at_the_very_end_the_new_state_stands(tmp_path, monkeypatch, last_step):
    docs = tmp_path / "docs"
    write_pages(docs, OLD, Report())
    if last_step == "journal removed":
        real_unlink = Path.unlink

        def unlink(self, missing_ok=False):
            if self.name == JOURNAL:
                raise Killed
            return real_unlink(self, missing_ok=missing_ok)

        monkeypatch.setattr(Path, "unlink", unlink)
    else:
        real_rmtree = write_module.shutil.rmtree

        def rmtree(path, **kwargs):
            if Path(path).exists():  # the staging folder once all is done (none before staging)
                raise Killed
            return real_rmtree(path, **kwargs)

        monkeypatch.setattr(write_module.shutil, "rmtree", rmtree)
    with pytest.raises(Killed):
        write_pages(docs, NEW, Report())
    monkeypatch.undo()
    assert recover(docs) == ("finished" if last_step == "journal removed" else "discarded")
    assert _tree(docs) == _expected(tmp_path, NEW)


def test_a_hand_written_file_that_appears_before_recovery_is_kept(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    write_pages(docs, OLD, Report())

    def killed(root, report):
        raise Killed

    monkeypatch.setattr(write_module, "_apply", killed)
    with pytest.raises(Killed):
        write_pages(docs, NEW, Report())
    monkeypatch.undo()
    (docs / "lieux").mkdir()
    (docs / "lieux/doha.md").write_text("mine")
    report = Report()
    assert recover(docs, report) == "finished"
    assert (docs / "lieux/doha.md").read_text() == "mine"
    assert "lieux/doha.md" not in read_manifest(docs)
    assert "hand-written-collision" in report.codes
    assert (docs / "articles/c.md").read_bytes() == b"C2"


def test_a_hand_written_file_where_a_generated_folder_goes_is_kept(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "articles").write_text("a file, not a folder")
    report = Report()
    result = write_pages(docs, [Page("articles/a.md", b"A"), Page("index.md", b"I")], report)
    assert result.skipped == ["articles/a.md"] and result.written == ["index.md"]
    assert (docs / "articles").read_text() == "a file, not a folder"
    assert report.codes == ["hand-written-collision"]
    assert hand_written(docs, ["articles/a.md", "index.md", "articles/b.md"]) == {"articles/a.md", "articles/b.md"}


def test_hand_written_tells_generated_files_from_the_others(tmp_path):
    docs = tmp_path / "docs"
    write_pages(docs, [Page("articles/a.md", b"A")], Report())
    (docs / "articles/mine.md").write_text("mine")
    assert hand_written(docs, ["articles/a.md", "articles/mine.md", "articles/new.md"]) == {"articles/mine.md"}


# --- One build at a time ------------------------------------------------------------------------

def test_a_second_holder_is_refused_with_the_first_ones_pid(tmp_path):
    docs = tmp_path / "docs"
    with docs_lock(docs):
        with pytest.raises(DocsLocked, match=rf"another digest build is running on .*docs \(pid {os.getpid()}\); "
                                             r"try again when it ends"):
            with docs_lock(docs):
                pass
    with docs_lock(docs):  # released
        pass


def test_a_waiting_holder_gets_the_lock_when_the_first_one_ends(tmp_path):
    import threading
    import time

    docs = tmp_path / "docs"
    order = []

    def second():
        with docs_lock(docs, wait=True):
            order.append("second")

    with docs_lock(docs):
        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(0.3)
        order.append("first ends")
    thread.join(timeout=10)
    assert order == ["first ends", "second"]


def test_taking_the_lock_again_does_not_touch_the_lock_file(tmp_path):
    """Under `mkdocs serve` every rebuild takes the lock: the file must not change (a file event)."""
    docs = tmp_path / "docs"
    with docs_lock(docs):
        pass
    os.utime(docs / LOCK, (1, 1))
    with docs_lock(docs):
        pass
    assert (docs / LOCK).stat().st_mtime == 1
    assert (docs / LOCK).read_text().strip() == str(os.getpid())


def test_taking_the_lock_finishes_an_interrupted_build(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    write_pages(docs, OLD, Report())
    monkeypatch.setattr(write_module, "_apply", lambda root, report: (_ for _ in ()).throw(Killed))
    with pytest.raises(Killed):
        write_pages(docs, NEW, Report())
    monkeypatch.undo()
    report = Report()
    with docs_lock(docs, report=report):
        assert _tree(docs) == _expected(tmp_path, NEW)
    assert report.codes == ["interrupted-build"]
