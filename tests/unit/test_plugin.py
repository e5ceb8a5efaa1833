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


def _watched(tmp_path, monkeypatch, polling_seconds):
    from digest import mkdocs_plugin

    monkeypatch.setattr(mkdocs_plugin, "POLLING_SECONDS", polling_seconds)
    events = []
    observers = mkdocs_plugin._watch(tmp_path, lambda: events.append(time.monotonic()))
    return events, observers


def test_a_seed_edit_is_noticed_at_once_not_at_the_next_poll(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("avant", encoding="utf-8")
    events, observers = _watched(tmp_path, monkeypatch, polling_seconds=30)
    try:
        time.sleep(0.2)
        written = time.monotonic()
        (tmp_path / "a.txt").write_text("après", encoding="utf-8")
        assert _wait_for(lambda: events, seconds=5)
        assert events[0] - written < 1  # the system's notification; the poll would come in 30 s
        time.sleep(0.3)
        events.clear()
        for _ in range(3):  # what the regeneration does to every seed: no news, or it would loop
            (tmp_path / "a.txt").read_bytes()
        time.sleep(0.5)
        assert events == []
    finally:
        for observer in observers:
            observer.stop()


def test_polling_alone_still_sees_edits_where_notifications_fail(tmp_path, monkeypatch):
    from digest import mkdocs_plugin

    class NoNotifications(mkdocs_plugin.PollingObserver):
        def schedule(self, *args, **kwargs):
            raise OSError(28, "inotify watch limit reached")

    monkeypatch.setattr(mkdocs_plugin, "Observer", NoNotifications)
    events, observers = _watched(tmp_path, monkeypatch, polling_seconds=0.1)
    try:
        assert [type(o).__name__ for o in observers] == ["PollingObserver"]
        time.sleep(0.3)
        (tmp_path / "b.txt").write_text("nouveau", encoding="utf-8")
        assert _wait_for(lambda: events, seconds=5)
    finally:
        for observer in observers:
            observer.stop()
