"""Extraction spread over worker processes, each loading the spaCy model once.

The model takes some ten seconds to load, an article then some tens of milliseconds: a
pool pays for a first build of many articles, not for the handful a `mkdocs serve`
rebuild sees, least of all when this process has loaded the model already.

Workers are forked from a fork server that loaded the model once (``preloaded``): a fork
server is a fresh process running no Python thread, so forking it is safe even when this one runs
threads (the `mkdocs serve` watcher), and the model is loaded once per build instead of
once per worker. Where there is no fork server (Windows), workers are spawned and each
loads the model. Chunks are cut in file order and their results collected in that order,
so scheduling never shows in the output.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from ..model import SourceFile
from .articles import Outcome, extract_batch
from .entities import Subject, extractor_loaded, shared_extractor

# Rough costs on one core, only to tell whether a pool saves time.
MODEL_LOAD_SECONDS = 10.0
POOL_START_SECONDS = 2.0
SECONDS_PER_ARTICLE = 0.05
# Articles per task: enough for the NLP's batches, few enough that the workers finish together.
CHUNK_SIZE = 64


class WorkerFailed(RuntimeError):
    """A worker process died (killed, out of memory): the build cannot go on with its articles."""


def pool_pays(new_articles: int, workers: int) -> bool:
    """Whether extracting new_articles with a pool of `workers` processes beats doing it here.

    The pool saves a share of the per-article time; it costs its start, plus a model load
    when this process has the model loaded already (every worker loads its own).
    """
    if workers < 2 or new_articles <= CHUNK_SIZE:
        return False
    saved = new_articles * SECONDS_PER_ARTICLE * (1 - 1 / workers)
    cost = POOL_START_SECONDS + (MODEL_LOAD_SECONDS if extractor_loaded() else 0.0)
    return saved > cost


def extract_batch_in_pool(batch: Sequence[tuple[SourceFile, str]], subject: Subject, workers: int) -> list[Outcome]:
    """extract_batch() over `workers` processes: the same outcomes, in the same order."""
    chunks = [batch[start:start + CHUNK_SIZE] for start in range(0, len(batch), CHUNK_SIZE)]
    context = _context()
    outcomes: list[Outcome] = []
    try:
        with ProcessPoolExecutor(max_workers=min(workers, len(chunks)), mp_context=context,
                                 initializer=_start_worker, initargs=(subject,)) as pool:
            try:
                for chunk_outcomes in pool.map(_extract_chunk, chunks):
                    outcomes.extend(chunk_outcomes)
            except BaseException:
                # Interrupted (SIGTERM, Ctrl-C, a failure): the queued chunks are dropped and
                # each worker stops after the one it holds, instead of outliving this process.
                pool.shutdown(wait=False, cancel_futures=True)
                raise
    except BrokenProcessPool as exc:
        raise WorkerFailed(f"an extraction worker stopped unexpectedly ({exc}); if memory is short, "
                           "set DIGEST_WORKERS=1 (or `workers: 1` in digest.yml) to extract in one process") from exc
    return outcomes


def _context() -> multiprocessing.context.BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([f"{__package__}.preloaded"])  # kept once the server runs
        return context
    return multiprocessing.get_context("spawn")


_WORKER_SUBJECT: Subject | None = None


def _start_worker(subject: Subject) -> None:
    """Runs once in each worker: the model is there already when forked from the server, else it loads now."""
    global _WORKER_SUBJECT
    _WORKER_SUBJECT = subject
    shared_extractor()


def _extract_chunk(chunk: Sequence[tuple[SourceFile, str]]) -> list[Outcome]:
    assert _WORKER_SUBJECT is not None, "the worker was not started by extract_batch_in_pool"
    return extract_batch(chunk, _WORKER_SUBJECT)
