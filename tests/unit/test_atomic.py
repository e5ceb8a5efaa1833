"""Nothing half-written: a build killed at any point, or started beside another one.

The builds under test run `digest build` in a child process, as a user does, on 100
generated articles; DIGEST_TEST_WRITE_DELAY slows the writer so that the child can be
killed (SIGKILL) while it stages files, and while it moves them into place.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from digest import pipeline
from digest.cli import main
from digest.config import DigestConfig
from digest.report import Report
from digest.write import JOURNAL, LOCK, MANIFEST, STAGING, TEST_DELAY_ENV, docs_lock, read_manifest
from tests.conftest import ROOT

CITIES = ["Ankara", "Amman", "Doha", "Riyad", "Le Caire", "Tel-Aviv", "Beyrouth", "Manama", "Abou Dhabi", "Bagdad"]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]
WORDS = ("aide humanitaire otages trêve frontière négociations cessez-le-feu convoi ministre réunion accord "
         "pression civils reconstruction sécurité dialogue région crise réfugiés hôpital carburant passage "
         "diplomatie visite entretien pourparlers alliés garanties calendrier soutien urgence population").split()
HAND_WRITTEN = {"donnees.md": "# Données\n\nÉcrit à la main.\n", "articles/notes.md": "Mes notes.\n"}


def article(number: int) -> str:
    """A distinct, dated article: four days apart, so each one is a trip of its own."""
    day = dt.date(2023, 11, 1) + dt.timedelta(days=4 * number)
    city = CITIES[number % len(CITIES)]
    words = random.Random(number).choices(WORDS, k=40)
    return (f" date {day:%Y-%m} {city.upper()}, {day.day} {MONTHS[day.month - 1]} {day.year} (AFP) – "
            f"Antony Blinken est arrivé à {city} pour sa visite numéro {number}.\n\n"
            f"{' '.join(words).capitalize()}.\n")


def _config(root: Path, seeds: Path, docs: Path) -> DigestConfig:
    return replace(DigestConfig().resolved(root), seeds_dir=seeds, docs_dir=docs)


def _generated(docs: Path) -> dict[str, bytes]:
    """The generated files and the manifest, by path."""
    paths = [*read_manifest(docs), MANIFEST]
    return {path: (docs / path).read_bytes() for path in sorted(paths)}


def _tree(docs: Path) -> dict[str, bytes]:
    """Everything under docs but the lock file and a staging folder left by a killed build."""
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*"))
            if p.is_file() and p.name != LOCK and STAGING not in p.relative_to(docs).parts}


def _staged(docs: Path) -> int:
    return sum(1 for p in (docs / STAGING).rglob("*.md")) if (docs / STAGING).is_dir() else 0


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Seeds A (articles 0-89) and B (10-99), a reference build of each, a warm extraction cache.

    Going from A to B removes 10 article pages, adds 10 and rewrites the indexes: some
    sixty files to move into place and twenty to remove.
    """
    root = tmp_path_factory.mktemp("atomic")
    for name, numbers in (("seeds-a", range(0, 90)), ("seeds-b", range(10, 100))):
        (root / name).mkdir()
        for number in numbers:
            (root / name / f"{number:03d}.txt").write_text(article(number), encoding="utf-8")
    for name in ("a", "b"):
        result = pipeline.build(_config(root, root / f"seeds-{name}", root / f"reference-{name}"), Report())
        assert len(result.digest.articles) == 90 and not result.digest.rejected
    return root


def _previous_build(corpus: Path, docs: Path) -> dict[str, bytes]:
    """docs/ as a complete build of seeds A left it, with hand-written pages beside and inside."""
    shutil.copytree(corpus / "reference-a", docs)
    (docs / LOCK).unlink()
    for path, text in HAND_WRITTEN.items():
        (docs / path).write_text(text, encoding="utf-8")
    return _tree(docs)


def _start(corpus: Path, docs: Path, delay: float) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT), **{TEST_DELAY_ENV: str(delay)})
    return subprocess.Popen([sys.executable, "-m", "digest", "build", "--root", str(corpus),
                             "--seeds", str(corpus / "seeds-b"), "--docs", str(docs)],
                            cwd=corpus, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_until(condition, process: subprocess.Popen, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if process.poll() is not None:
            out, err = process.communicate()
            pytest.fail(f"the build ended (code {process.returncode}) before the moment to test:\n{out}\n{err}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail("the build never reached the moment to test")
        time.sleep(0.005)


def _kill(process: subprocess.Popen) -> None:
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL


def _assert_new_state(corpus: Path, docs: Path) -> None:
    assert _generated(docs) == _generated(corpus / "reference-b")
    for path, text in HAND_WRITTEN.items():
        assert (docs / path).read_text(encoding="utf-8") == text
    assert not (docs / STAGING).exists() and not (docs / JOURNAL).exists()
    assert set(_tree(docs)) == set(_generated(docs)) | set(HAND_WRITTEN)


def test_a_build_killed_while_staging_leaves_the_previous_output_intact(corpus, tmp_path):
    docs = tmp_path / "docs"
    previous = _previous_build(corpus, docs)
    build = _start(corpus, docs, delay=0.05)
    _wait_until(lambda: _staged(docs) >= 5, build)
    _kill(build)
    assert not (docs / JOURNAL).exists(), "killed too late: the build had reached its commit point"
    assert _tree(docs) == previous  # every generated file, the manifest and the hand-written pages

    report = Report()
    pipeline.build(_config(corpus, corpus / "seeds-b", docs), report)
    assert "interrupted-build" in report.codes
    _assert_new_state(corpus, docs)


def test_a_build_killed_while_moving_files_into_place_is_finished_by_the_next_one(corpus, tmp_path):
    docs = tmp_path / "docs"
    previous = _previous_build(corpus, docs)
    build = _start(corpus, docs, delay=0.05)
    _wait_until(lambda: (docs / JOURNAL).exists(), build)
    committed = _staged(docs)
    _wait_until(lambda: _staged(docs) <= committed - 3, build)
    _kill(build)
    assert (docs / JOURNAL).exists(), "killed too late: the build had finished"
    assert _tree(docs) != previous  # half moved: what the journal is for

    run = subprocess.run([sys.executable, "-m", "digest", "build", "--root", str(corpus), "--seeds",
                          str(corpus / "seeds-b"), "--docs", str(docs)], cwd=corpus,
                         env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    _assert_new_state(corpus, docs)


def test_a_second_build_started_meanwhile_fails_with_a_clear_message_and_a_waiting_one_follows(
        corpus, tmp_path, capsys):
    docs = tmp_path / "docs"
    first = _start(corpus, docs, delay=0.005)
    _wait_until(lambda: (docs / LOCK).exists() and (docs / LOCK).read_text().strip() == str(first.pid), first)

    code = main(["build", "--root", str(corpus), "--seeds", str(corpus / "seeds-b"), "--docs", str(docs)])
    assert code == 2
    assert (f"digest: error: another digest build is running on {docs} (pid {first.pid}); "
            "try again when it ends") in capsys.readouterr().err

    # The MkDocs plugin's way: wait for the lock, then build on what the first build wrote.
    result = pipeline.build(_config(corpus, corpus / "seeds-b", docs), Report(), wait=True)
    assert first.wait(timeout=60) == 0
    assert result.write.written == [] and result.write.removed == []
    _assert_new_state_without_hand_written(corpus, docs)


def _assert_new_state_without_hand_written(corpus: Path, docs: Path) -> None:
    assert _generated(docs) == _generated(corpus / "reference-b")
    assert not (docs / STAGING).exists() and not (docs / JOURNAL).exists()


def test_the_mkdocs_plugin_waits_for_a_running_build_instead_of_failing(corpus, tmp_path):
    from digest.mkdocs_plugin import DigestPlugin

    docs = tmp_path / "docs"
    plugin = DigestPlugin()
    plugin.load_config({})
    plugin.digest_config = _config(corpus, corpus / "seeds-b", docs)
    done = threading.Event()

    def serve_rebuild():
        plugin.on_pre_build(config=None)
        done.set()

    with docs_lock(docs):  # a `digest build` running
        thread = threading.Thread(target=serve_rebuild)
        thread.start()
        time.sleep(0.5)
        assert not done.is_set()
    thread.join(timeout=120)
    assert done.is_set()
    _assert_new_state_without_hand_written(corpus, docs)
