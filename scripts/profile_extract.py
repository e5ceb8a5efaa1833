#!/usr/bin/env python3
"""Time `digest build` on synthetic corpora: cold, warm, warm past the last-build stamp; peak memory.

    python scripts/profile_extract.py [--sizes 100 1000] [--runs 3] [--workers N] [--keep DIR]
    python scripts/profile_extract.py --sizes 1000 --profile warm-full   # cProfile, top functions

For each size (corpus from scripts/make_corpus.py, so always the same articles):
- cold: no cache, no generated pages (extraction of every article, pool included);
- warm: nothing changed (the last build is replayed);
- warm-full: the extraction cache is complete but a hand-written page was added to docs/,
  so the whole pipeline runs except the NLP (reading, cache look-ups, duplicates, trips,
  pages, writing what changed).
Times are medians of --runs, in seconds of wall clock; memory is the peak of the memory of
the build and its worker processes together (proportional set size: shared pages once). The load average is printed with
the results: on a busy machine, timings are not worth much.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.make_corpus import make_corpus  # noqa: E402

PYTHON = sys.executable


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as handle:
                    todo.extend(int(child) for child in handle.read().split())
        except OSError:
            continue
    return found


def _memory_mb(pid: int) -> float:
    """Proportional set size: pages shared with the fork server count once over all processes."""
    for name, field in (("smaps_rollup", "Pss:"), ("status", "VmRSS:")):
        try:
            with open(f"/proc/{pid}/{name}", encoding="ascii") as handle:
                for line in handle:
                    if line.startswith(field):
                        return int(line.split()[1]) / 1024
        except OSError:
            continue
    return 0.0


def run(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak memory (MB, summed over the command and its children) of a command."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, sum(_memory_mb(pid) for pid in _descendants(process.pid)))
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{stderr.decode('utf-8', 'replace')[-3000:]}")
    return elapsed, peak


def project_for(corpus: Path, where: Path) -> Path:
    """A digest project with the repository's settings whose seeds are the corpus."""
    project = where / "project"
    (project / "docs").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "digest.yml", project / "digest.yml")
    if not (project / "seeds").exists():
        (project / "seeds").symlink_to(corpus)
    return project


def _reset(project: Path) -> None:
    shutil.rmtree(project / ".cache", ignore_errors=True)
    shutil.rmtree(project / "docs", ignore_errors=True)
    (project / "docs").mkdir()


def _add_hand_written_page(project: Path) -> None:
    (project / "docs" / f"notes-{time.monotonic_ns()}.md").write_text("# Notes\n", encoding="utf-8")


def measure(size: int, runs: int, env: dict[str, str], keep: Path | None) -> dict:
    where = keep / str(size) if keep else Path(tempfile.mkdtemp(prefix=f"digest-profile-{size}-"))
    corpus = where / "corpus"
    if not corpus.is_dir():
        make_corpus(size, corpus)
    project = project_for(corpus, where)
    command = [PYTHON, "-m", "digest", "build", "--root", str(project)]
    times: dict[str, list[float]] = {"cold": [], "warm": [], "warm_full": []}
    memory = 0.0
    try:
        for _ in range(runs):
            _reset(project)
            seconds, mb = run(command, env)
            times["cold"].append(seconds)
            memory = max(memory, mb)
            times["warm"].append(run(command, env)[0])
            _add_hand_written_page(project)
            times["warm_full"].append(run(command, env)[0])
    finally:
        if not keep:
            shutil.rmtree(where, ignore_errors=True)
    return {"articles": size, **{k: statistics.median(v) for k, v in times.items()}, "peak_mb": memory}


def profile(size: int, keep: Path | None, what: str) -> None:
    """cProfile one build in this process: cold (everything extracted here) or warm-full."""
    from digest.config import load_config
    from digest.pipeline import build
    from digest.report import Report

    where = keep / str(size) if keep else Path(tempfile.mkdtemp(prefix=f"digest-profile-{size}-"))
    corpus = where / "corpus"
    if not corpus.is_dir():
        make_corpus(size, corpus)
    project = project_for(corpus, where)
    if what == "cold":
        _reset(project)
    else:
        if not (project / ".cache").is_dir():
            build(load_config(project, Report()), Report())
        _add_hand_written_page(project)
    profiler = cProfile.Profile()
    profiler.enable()
    build(load_config(project, Report()), Report())
    profiler.disable()
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("cumulative").print_stats(40)
    stats.sort_stats("tottime").print_stats(25)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, help="DIGEST_WORKERS for the builds (default: digest's own)")
    parser.add_argument("--keep", type=Path, help="keep corpora and projects here, and reuse them")
    parser.add_argument("--profile", choices=["cold", "warm-full"], help="cProfile one build of the first size")
    args = parser.parse_args(argv)
    if args.profile:
        profile(args.sizes[0], args.keep, args.profile)
        return 0
    env = dict(os.environ)
    if args.workers:
        env["DIGEST_WORKERS"] = str(args.workers)
    print("| articles | cold (s) | warm (s) | warm, full pipeline (s) | peak memory (MB) |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for size in args.sizes:
        load_before = os.getloadavg()[0]
        r = measure(size, args.runs, env, args.keep)
        print(f"| {size:,} | {r['cold']:.1f} | {r['warm']:.2f} | {r['warm_full']:.2f} | {r['peak_mb']:.0f} |"
              f"  (load {load_before:.1f} -> {os.getloadavg()[0]:.1f})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
