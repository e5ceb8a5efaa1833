#!/usr/bin/env python3
"""Time the header search of a built site in headless chromium, as a reader who just arrived uses it.

    python scripts/bench_search.py SITE_DIR [--queries trêve egypte ...]

For each query, a fresh browser context (empty cache) opens the home page, clicks the
search box and types the query at 50 ms a key. Reported: the time from the last key to the
first result shown (the search waits 100 ms after the last key before it asks Pagefind, so
it never answers each keystroke), and the bytes downloaded from the click on (Pagefind's
script, its WebAssembly, the index chunks of the query's words and the 20 results' fragments),
and the CPU time chromium spent from the last key to the first result (on a loaded shared
machine, the wall time waits for other jobs; the CPU time is the query's own work).
Debian's chromium only (/usr/bin/chromium); nothing is downloaded.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.bench_serve import tree_cpu_seconds  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, DESKTOP  # noqa: E402
from tests.browser.server import SiteServer  # noqa: E402

QUERIES = ["trêve", "egypte", "otages", "netanyahu", "aide humanitaire"]
KEY_DELAY_MS = 50


@dataclass
class Query:
    query: str
    results_ms: float
    downloaded_kb: float
    requests: int
    cpu_ms: float = 0.0


def _browser_cpu_ms() -> float:
    """CPU time of every chromium process under this one, in ms: the work a query costs, which
    the load of a shared machine does not inflate as it does wall time."""
    return tree_cpu_seconds(os.getpid(), named="chrom") * 1000


def _size(request) -> int:
    """Bytes received: headers and body. Chromium reports no body for a worker's script
    (Pagefind's, 41 kB), so the Content-Length header stands in when the body says 0."""
    sizes = request.sizes()
    body = sizes["responseBodySize"]
    if not body and (response := request.response()) is not None:
        body = int(response.headers.get("content-length") or 0)
    return body + sizes["responseHeadersSize"]


def _one_query(browser, url: str, query: str) -> Query:
    context = browser.new_context(viewport=DESKTOP, locale="fr-FR", service_workers="block")
    try:
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        finished = []
        page.on("requestfinished", lambda request: finished.append(request))
        page.locator(".md-header .md-search__input").click()
        page.locator(".md-header .md-search__input").press_sequentially(query, delay=KEY_DELAY_MS)
        last_key, cpu = time.perf_counter(), _browser_cpu_ms()
        page.locator(f'[data-dg-search-result][data-showing="{query}"] .md-search-result__item').first.wait_for()
        shown, cpu = time.perf_counter() - last_key, _browser_cpu_ms() - cpu
        page.wait_for_load_state("networkidle")
        size = sum(_size(r) for r in finished)
        return Query(query, shown * 1000, size / 1000, len(finished), cpu)
    finally:
        context.close()


def measure_search(site_dir: Path, queries: list[str] = QUERIES) -> list[Query]:
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        raise SystemExit(f"{CHROMIUM} is missing (as root: apt-get install chromium)")
    with SiteServer(site_dir, prefix="/") as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            return [_one_query(browser, server.url, query) for query in queries]
        finally:
            browser.close()


def summary(results: list[Query]) -> dict:
    return {"results_ms": statistics.median(r.results_ms for r in results),
            "worst_ms": max(r.results_ms for r in results),
            "downloaded_kb": statistics.median(r.downloaded_kb for r in results),
            "most_kb": max(r.downloaded_kb for r in results)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path)
    parser.add_argument("--queries", nargs="+", default=QUERIES)
    args = parser.parse_args(argv)
    for r in measure_search(args.site.resolve(), args.queries):
        print(f"{r.query!r}: first result {r.results_ms:.0f} ms after the last key "
              f"(browser CPU {r.cpu_ms:.0f} ms), {r.downloaded_kb:.0f} kB in {r.requests} requests")
    return 0


if __name__ == "__main__":
    sys.exit(main())
