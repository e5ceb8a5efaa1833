"""The CLI as a user runs it: summary, exit codes, rejected files, nothing lost."""

from __future__ import annotations

import json

from digest.cli import main

GOOD = (" date 2023-11 ANKARA, 6 novembre (Reuters) – Le secrétaire d'Etat américain Antony Blinken a "
        "rencontré lundi à Ankara le ministre turc des Affaires étrangères Hakan Fidan.\n\n"
        "Les deux hommes ont discuté de l'aide humanitaire à Gaza pendant deux heures et demie.\n")


def _digest(docs):
    return json.loads((docs / "data/digest.json").read_text(encoding="utf-8"))


def test_build_prints_a_summary_and_writes_pages(make_seeds, tmp_path, capsys):
    seeds = make_seeds({"a.txt": GOOD})
    docs = tmp_path / "docs"
    assert main(["build", "--root", str(tmp_path), "--seeds", str(seeds), "--docs", str(docs)]) == 0
    out = capsys.readouterr().out
    assert "1 files read, 1 articles" in out and "0 rejected" in out
    assert (docs / "index.md").exists()
    assert [a["file"] for a in _digest(docs)["articles"]] == ["a.txt"]


def test_unreadable_files_are_rejected_and_the_build_goes_on(make_seeds, tmp_path, capsys):
    seeds = make_seeds({"a.txt": GOOD, "image.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
                        "empty.txt": b"", "blank.txt": "  \n\t\n", "scan.txt": b"%PDF-1.7\n%\xe2\xe3\n1 0 obj",
                        "notes.md": "# pas un article"})
    docs = tmp_path / "docs"
    assert main(["build", "--root", str(tmp_path), "--seeds", str(seeds), "--docs", str(docs)]) == 0
    captured = capsys.readouterr()
    data = _digest(docs)
    reasons = {r["file"]: r["reason"] for r in data["rejected"]}
    assert set(reasons) == {"image.png", "empty.txt", "blank.txt", "scan.txt", "notes.md"}
    assert "PDF" in reasons["scan.txt"] and "empty" in reasons["empty.txt"] and ".txt" in reasons["notes.md"]
    assert "image.png" in captured.err
    assert "5 rejected" in captured.out


def test_every_input_is_a_page_or_a_rejection_and_hidden_files_are_ignored(make_seeds, tmp_path):
    seeds = make_seeds({"a.txt": GOOD, "b c (1).txt": GOOD.replace("lundi", "mardi"), "bin.dat": b"\x00\x01",
                        ".DS_Store": b"\x00", "a.txt~": GOOD, ".#a.txt": GOOD, ".hidden/x.txt": GOOD})
    docs = tmp_path / "docs"
    main(["build", "--root", str(tmp_path), "--seeds", str(seeds), "--docs", str(docs)])
    data = _digest(docs)
    accounted = {a["file"] for a in data["articles"]} | {r["file"] for r in data["rejected"]}
    assert accounted == {"a.txt", "b c (1).txt", "bin.dat"}


def test_strict_fails_on_warnings(make_seeds, tmp_path):
    seeds = make_seeds({"a.txt": GOOD, "bin.dat": b"\x00\x01\x02"})
    args = ["build", "--root", str(tmp_path), "--seeds", str(seeds), "--docs", str(tmp_path / "docs")]
    assert main(args) == 0
    assert main(args + ["--strict"]) == 1


def test_missing_seeds_folder_is_a_fatal_error(tmp_path, capsys):
    code = main(["build", "--root", str(tmp_path), "--seeds", str(tmp_path / "nope"), "--docs", str(tmp_path / "d")])
    assert code == 2
    assert "seeds folder not found" in capsys.readouterr().err
    assert not (tmp_path / "d").exists()


def test_invalid_configuration_writes_nothing(make_seeds, tmp_path, capsys):
    (tmp_path / "digest.yml").write_text("colour: blue\n", encoding="utf-8")
    seeds = make_seeds({"a.txt": GOOD})
    code = main(["build", "--root", str(tmp_path), "--seeds", str(seeds), "--docs", str(tmp_path / "d")])
    assert code == 2
    err = capsys.readouterr().err
    assert "digest.yml:1" in err and "colour" in err
    assert not (tmp_path / "d").exists()


def test_second_build_reuses_the_cache_and_rewrites_nothing(make_seeds, tmp_path, capsys):
    seeds = make_seeds({"a.txt": GOOD})
    args = ["build", "--root", str(tmp_path), "--seeds", str(seeds), "--docs", str(tmp_path / "docs")]
    main(args)
    capsys.readouterr()
    main(args)
    assert "(0 written, 0 removed)" in capsys.readouterr().out
