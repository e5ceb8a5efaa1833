"""`kill PID` on a build that extracts in worker processes: the build stops, and so do its workers.

Python's default SIGTERM ends the main process at once; the pool's workers, blocked on a
queue whose other end they hold themselves, then stayed alive with the model loaded.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scripts.make_corpus import make_corpus
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists() or sys.platform != "linux",
                                reason="reads the process tree from /proc")


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as handle:
                found.update(int(child) for child in handle.read().split())
        except OSError:
            continue
    return found


def _descendants(pid: int) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        for child in _children(todo.pop()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_a_terminated_build_leaves_no_worker_behind(tmp_path):
    make_corpus(300, tmp_path / "seeds")
    environ = {**os.environ, "DIGEST_WORKERS": "2", "PYTHONPATH": str(ROOT)}
    build = subprocess.Popen([sys.executable, "-m", "digest", "build", "--root", str(tmp_path)],
                             cwd=tmp_path, env=environ, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seen: set[int] = set()
    try:
        deadline = time.monotonic() + 120
        # The fork server, its two workers (and the resource tracker): the extraction has begun.
        while len(seen) < 4 and build.poll() is None and time.monotonic() < deadline:
            seen |= _descendants(build.pid)
            time.sleep(0.2)
        assert build.poll() is None and len(seen) >= 4, "the build never started its workers"
        time.sleep(1)
        build.send_signal(signal.SIGTERM)
        assert build.wait(timeout=60) == 128 + signal.SIGTERM
        deadline = time.monotonic() + 30
        while any(_alive(pid) for pid in seen) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not [pid for pid in seen if _alive(pid)], "worker processes outlived the build"
    finally:
        build.kill()
        for pid in seen:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
