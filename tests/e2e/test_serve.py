"""`mkdocs serve --dirty`, as `make serve` runs it, regenerates the pages when a seed is added, edited or deleted."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from scripts.bench_serve import ServerLog
from digest.write import MANIFEST
from tests.conftest import copy_project, wait_for

ARTICLE = """ date 2023-11 Le secrétaire d'Etat américain Antony Blinken est arrivé mardi à Amman pour une visite \
éclair consacrée à l'aide humanitaire destinée à la bande de Gaza, a indiqué le département d'Etat.

Il doit rencontrer le roi Abdallah II avant de poursuivre sa tournée dans la région.
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def _wait_for(predicate, seconds: float = 90) -> bool:
    return wait_for(predicate, seconds, every=0.5)


@pytest.fixture
def served_project(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    copy_project(project)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}", "-f",
         str(project / "mkdocs.yml")],
        cwd=project, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    log = ServerLog(server.stderr)
    base = f"http://127.0.0.1:{port}/"
    try:
        assert _wait_for(lambda: _get(base)[0] == 200, 180), "mkdocs serve did not come up"
        yield project, base, log
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def test_adding_editing_and_deleting_a_seed_updates_the_served_site(served_project):
    project, base, _log = served_project
    seed = project / "seeds" / "nouvel-article.txt"
    seed.write_text(ARTICLE, encoding="utf-8")
    assert _wait_for(lambda: "articles/nouvel-article/" in _get(base)[1]), \
        "the new article never appeared on the home page"

    seed.write_text(ARTICLE.replace("Amman", "Ammân la capitale"), encoding="utf-8")
    assert _wait_for(lambda: "Ammân la capitale" in _get(base)[1]), "the edit never showed"

    seed.unlink()
    assert _wait_for(lambda: "articles/nouvel-article/" not in _get(base)[1]), "the deleted article is still listed"


def _generated_files(docs) -> dict[str, tuple[int, bytes]]:
    files = json.loads((docs / MANIFEST).read_text(encoding="utf-8"))["files"]
    return {path: ((docs / path).stat().st_mtime_ns, (docs / path).read_bytes()) for path in files}


def test_a_seed_edit_rebuilds_the_site_once_and_rewrites_only_what_changed(served_project):
    """The pages the plugin regenerates into docs/ must not make MkDocs build a second time,
    and a generated file whose bytes stay the same keeps its modification time."""
    project, base, log = served_project
    records = json.loads((project / "docs/data/digest.json").read_text(encoding="utf-8"))["articles"]
    record = next(r for r in records if not r["duplicate_of"])
    seed, page = project / "seeds" / record["file"], record["url"].rstrip("/") + ".md"
    assert _wait_for(lambda: not log.since(time.perf_counter() - 3, "Building documentation"), 120)
    before = _generated_files(project / "docs")
    edited = time.perf_counter()
    seed.write_bytes(seed.read_bytes().rstrip() + " Une phrase ajoutée pour le test.\n".encode())
    url = base + record["url"]
    assert _wait_for(lambda: "Une phrase ajoutée pour le test." in _get(url)[1]), "the edit never showed"
    time.sleep(3)  # a second rebuild would start within a second of the first one's end
    assert len(log.since(edited, "Building documentation")) == 1
    after = _generated_files(project / "docs")
    rewritten = {p for p in after if after[p][0] != before.get(p, (None,))[0]}
    assert page in rewritten and len(rewritten) < len(after) / 2
    assert rewritten == {p for p in after if after[p][1] != before.get(p, (None, None))[1]}
