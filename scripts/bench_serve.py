#!/usr/bin/env python3
"""Time a one-article change under `mkdocs serve`, and list the generated files it rewrote.

    python scripts/bench_serve.py PROJECT [--edits 3]

PROJECT is a digest project (mkdocs.yml, seeds/) whose extraction cache is warm; bench.py
makes one. The server runs as `make serve` runs it (SERVE_ARGS). Each edit adds a sentence
of its own to one seed, then times:

- visible: from the write until a finished rebuild (MkDocs' livereload endpoint, which
  answers when a build is over) serves the article page holding that sentence, i.e. when
  the reader's browser has reloaded the changed page;
- settled: until the server's last rebuild caused by the edit ends (the regeneration writes
  into docs/, which MkDocs watches too);
- the CPU time (user + system) the server spent meanwhile, its threads and child
  processes (Pagefind) included: on a busy machine wall times swell, CPU times much less.
  Each edit waits for the server to be idle first (the model loaded, the index written).

Then the generated files (docs/.digest-manifest.json) whose modification time changed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

# As the Makefile's `serve` target runs it.
SERVE_ARGS = ["-m", "mkdocs", "serve", "--dirty"]
QUIET_SECONDS = 4.0
"""No rebuild starting for this long after the last one ended: the server has settled."""


@dataclass
class Edit:
    seed: str
    visible_s: float
    settled_s: float
    rebuilds: int
    visible_cpu_s: float
    settled_cpu_s: float
    rewritten: list[str] = field(default_factory=list)


class ServerLog:
    """The server's log lines, each with the time it arrived."""

    def __init__(self, stream):
        self.lines: list[tuple[float, str]] = []
        self._lock = threading.Lock()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream):
        for raw in stream:
            with self._lock:
                self.lines.append((time.perf_counter(), raw.decode("utf-8", "replace").rstrip()))

    def since(self, moment: float, text: str) -> list[float]:
        with self._lock:
            return [at for at, line in self.lines if at >= moment and text in line]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, timeout: float = 90) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode("utf-8", "replace")


def tree_cpu_seconds(pid: int, named: str | None = None) -> float:
    """User + system time of a process and its descendants, running (Pagefind) or ended; with
    `named`, only of those whose command name starts with it (chromium's, under Playwright's driver)."""
    total = 0.0
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8", errors="replace") as handle:
            text = handle.read()
        name, fields = text[text.index("(") + 1:text.rindex(")")], text.rsplit(")", 1)[1].split()
        if named is None or name.startswith(named):
            total = sum(int(value) for value in fields[11:15]) / os.sysconf("SC_CLK_TCK")
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as handle:
                total += sum(tree_cpu_seconds(int(child), named) for child in handle.read().split())
    except OSError:  # ended meanwhile: its time is in its parent's count of children
        pass
    return total


def _wait_until_idle(pid: int) -> None:
    """Until the server uses under a tenth of a core: the model loaded, the search index written."""
    while True:
        before = tree_cpu_seconds(pid)
        time.sleep(2)
        if tree_cpu_seconds(pid) - before < 0.2:
            return


def _generated_mtimes(docs: Path) -> dict[str, int]:
    files = json.loads((docs / ".digest-manifest.json").read_text(encoding="utf-8"))["files"]
    return {path: (docs / path).stat().st_mtime_ns for path in files if (docs / path).exists()}


def _wait_until_settled(log: ServerLog, since: float) -> float:
    """When the last rebuild after `since` ended, once no rebuild has started for QUIET_SECONDS."""
    while True:
        starts, ends = log.since(since, "Building documentation"), log.since(since, "Reloading browsers")
        last = max(starts + ends + [since])
        if len(ends) >= len(starts) and time.perf_counter() - last > QUIET_SECONDS:
            return ends[-1] if ends else since
        time.sleep(0.2)


def _one_edit(project: Path, base: str, seed: Path, url: str, number: int, log: ServerLog, server: int) -> Edit:
    sentence = f"Le compte rendu de la séance numéro {number} a été diffusé dans la soirée."
    page = base + url
    epoch = int(re.search(r"livereload\((\d+),", _get(page)).group(1))
    _wait_until_idle(server)
    before = _generated_mtimes(project / "docs")
    original = seed.read_bytes()
    cpu = tree_cpu_seconds(server)
    started = time.perf_counter()
    seed.write_bytes(original.rstrip() + f" {sentence}\n".encode("utf-8"))
    while True:  # each answer is a finished rebuild; the first may have started before the write was seen
        epoch = int(_get(f"{base}livereload/{epoch}/{number}"))
        if sentence in _get(page):
            visible = time.perf_counter() - started
            visible_cpu = tree_cpu_seconds(server) - cpu
            break
    settled = _wait_until_settled(log, started) - started
    settled_cpu = tree_cpu_seconds(server) - cpu
    after = _generated_mtimes(project / "docs")
    rewritten = sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p))
    return Edit(seed.name, visible, settled, len(log.since(started, "Building documentation")), visible_cpu,
                settled_cpu, rewritten)


def measure_serve(project: Path, edits: int = 3, serve_args: list[str] = SERVE_ARGS) -> list[Edit]:
    """Start the server on `project`, make `edits` one-article changes, stop it."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen([sys.executable, *serve_args, "--dev-addr", f"127.0.0.1:{port}"], cwd=project,
                              env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE)
    log = ServerLog(server.stderr)
    try:
        deadline = time.monotonic() + 900
        while not log.since(0, "Serving on"):
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("mkdocs serve did not come up:\n" + "\n".join(line for _, line in log.lines[-20:]))
            time.sleep(0.5)
        _wait_until_settled(log, log.since(0, "Serving on")[0])
        records = json.loads((project / "docs/data/digest.json").read_text(encoding="utf-8"))["articles"]
        records = [r for r in records if not r["duplicate_of"]]
        results = []
        for number in range(1, edits + 1):
            record = records[number * len(records) // (edits + 1)]
            results.append(_one_edit(project, base, project / "seeds" / record["file"], record["url"], number, log,
                                      server.pid))
        return results
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def summary(results: list[Edit]) -> dict:
    return {
        "visible_s": statistics.median(r.visible_s for r in results),
        "settled_s": statistics.median(r.settled_s for r in results),
        "rebuilds": statistics.median(r.rebuilds for r in results),
        "visible_cpu_s": statistics.median(r.visible_cpu_s for r in results),
        "settled_cpu_s": statistics.median(r.settled_cpu_s for r in results),
        "rewritten": statistics.median(len(r.rewritten) for r in results),
        "example": results[0].rewritten,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("project", type=Path)
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--serve-args", default=" ".join(SERVE_ARGS), help="how to start the server, after python")
    args = parser.parse_args(argv)
    results = measure_serve(args.project.resolve(), args.edits, args.serve_args.split())
    for r in results:
        print(f"{r.seed}: visible {r.visible_s:.2f} s (CPU {r.visible_cpu_s:.2f} s), settled {r.settled_s:.2f} s "
              f"(CPU {r.settled_cpu_s:.2f} s), {r.rebuilds} rebuilds, "
              f"{len(r.rewritten)} generated files rewritten: {', '.join(r.rewritten)}")
    middle = summary(results)
    print(f"median: visible {middle['visible_s']:.2f} s (CPU {middle['visible_cpu_s']:.2f} s), settled "
          f"{middle['settled_s']:.2f} s (CPU {middle['settled_cpu_s']:.2f} s), {middle['rebuilds']:g} rebuilds; "
          f"load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
