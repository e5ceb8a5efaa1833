"""Which files of the seeds folder are read, and in which order (the order names slugs and reports)."""

from __future__ import annotations

import os

from digest.ingest import MAX_ARTICLE_BYTES, list_sources


def test_files_are_listed_in_pathlib_order_with_folders_and_ignored_files(tmp_path, make_seeds):
    seeds = make_seeds({"a-b.txt": "1", "a/b.txt": "2", "A.txt": "3", "z/y/deep.txt": "4",
                        ".hidden/x.txt": "5", "#lock": "6", "note.txt~": "7"})
    assert [s.name for s in list_sources(seeds)] == ["A.txt", "a/b.txt", "a-b.txt", "z/y/deep.txt"]


def test_links_to_files_are_read_and_links_to_folders_are_not_followed(tmp_path, make_seeds):
    seeds = make_seeds({"a.txt": "1"})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "b.txt").write_text("2", encoding="utf-8")
    os.symlink(seeds / "a.txt", seeds / "link.txt")
    os.symlink(elsewhere, seeds / "folder")
    os.symlink(tmp_path / "missing", seeds / "broken.txt")
    assert [(s.name, s.data) for s in list_sources(seeds)] == [("a.txt", b"1"), ("link.txt", b"1")]


def test_a_large_file_is_hashed_whole_but_kept_only_up_to_the_limit(make_seeds):
    import hashlib

    content = b"x" * (MAX_ARTICLE_BYTES + 5_000_000)
    [source] = list_sources(make_seeds({"big.txt": content}))
    assert len(source.data) == MAX_ARTICLE_BYTES + 1 and source.sha256 == hashlib.sha256(content).hexdigest()
