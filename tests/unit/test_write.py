import json
import os

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


def test_manifest_is_deterministic(tmp_path):
    write_pages(tmp_path, [Page("b.md", b"B"), Page("a.md", b"A")], Report())
    first = (tmp_path / MANIFEST).read_bytes()
    write_pages(tmp_path, [Page("a.md", b"A"), Page("b.md", b"B")], Report())
    assert (tmp_path / MANIFEST).read_bytes() == first
    assert list(json.loads(first)["files"]) == ["a.md", "b.md"]
