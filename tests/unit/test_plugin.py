"""The MkDocs plugin's background work under `mkdocs serve`: regenerating after seed edits, indexing."""

from __future__ import annotations

import threading
import time

from digest.mkdocs_plugin import BackgroundJob
from tests.conftest import wait_for


def _wait_for(predicate, seconds: float = 10) -> bool:
    return wait_for(predicate, seconds, every=0.01)


def test_requests_during_a_run_make_one_more_run_not_one_each():
    runs, release = [], threading.Event()

    def work():
        runs.append(time.monotonic())
        release.wait(5)

    job = BackgroundJob(work)
    job.request()
    assert _wait_for(lambda: len(runs) == 1)
    for _ in range(5):
        job.request()
    release.set()
    assert _wait_for(lambda: len(runs) == 2)
    time.sleep(0.2)
    assert len(runs) == 2


def test_a_burst_of_requests_waits_for_its_end_and_runs_once():
    runs = []
    job = BackgroundJob(lambda: runs.append(time.monotonic()), settle=0.2)
    for _ in range(4):
        job.request()
        last_request = time.monotonic()
        time.sleep(0.05)
    assert _wait_for(lambda: runs)
    time.sleep(0.4)
    assert len(runs) == 1 and runs[0] - last_request >= 0.19
