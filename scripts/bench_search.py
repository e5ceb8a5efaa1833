#!/usr/bin/env python3
"""Time the header search of a built site in headless chromium, as a reader who just arrived uses it.

    python scripts/bench_search.py SITE_DIR [--queries trêve egypte ...] [--runs 3] [--path articles/SLUG/]

For each query, a fresh browser context (empty cache) opens the home page (or --path), clicks the
search box and types the query at 50 ms a key (faster than a fast typist, so the searches
of the first letters are still running when the last key comes). Reported: the time from
the last key to the first result on screen, on the page's clock: from the key event's time
stamp (when the browser received the key; a page busy with a search handles it later, and
that wait counts) to the first frame after the results went in. Also: the same on the bench's
clock, from the moment it starts sending the key (which adds Playwright's own round trips,
15–65 ms); the bytes downloaded from the click on (Pagefind's script, its WebAssembly, the
index chunks of the query's words and the 20 results' fragments); and the CPU time chromium
spent from the last key to the first result (on a loaded shared machine, the wall time waits
for other jobs; the CPU time is the query's own work).
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
    results_ms: float  # on the page's clock: from the last key event to the first result painted
    downloaded_kb: float
    requests: int
    cpu_ms: float = 0.0
    sent_ms: float = 0.0  # on the bench's clock: from sending the last key to seeing the first result
    spread: tuple[float, float] | None = None  # fastest and slowest of several runs


# Times kept by the page: each key's event time stamp, and when each query's first results
# were first on screen (the frame after dg-search.js marked them data-showing).
_PAGE_CLOCK = """
window.__bench = {keys: [], shown: {}};
document.addEventListener("keydown", (event) => __bench.keys.push(event.timeStamp), true);
document.addEventListener("DOMContentLoaded", () => {
  const result = document.querySelector("[data-dg-search-result]");
  if (!result) return;
  new MutationObserver(() => {
    const query = result.dataset.showing;
    if (query && !(query in __bench.shown)) {
      __bench.shown[query] = null;
      requestAnimationFrame(() => setTimeout(() => { __bench.shown[query] = performance.now(); }));
    }
  }).observe(result, {attributes: true, attributeFilter: ["data-showing"]});
});
"""


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
        context.add_init_script(_PAGE_CLOCK)
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        # What the query fetches: requests made from the click on. Some of the page's own scripts
        # may still finish after "networkidle"; they are not the query's.
        started, finished = set(), []
        page.on("request", lambda request: started.add(id(request)))
        page.on("requestfinished", lambda request: finished.append(request))
        box = page.locator(".md-header .md-search__input")
        box.click()
        box.press_sequentially(query[:-1], delay=KEY_DELAY_MS)
        time.sleep(KEY_DELAY_MS / 1000)
        # From the moment the last key is sent: the browser takes it only when its page is free
        # (a search under way delays it), and the reader waits for that too.
        cpu = _browser_cpu_ms()
        last_key = time.perf_counter()
        page.keyboard.press(query[-1])  # to the focused box, as a key is typed: no locator, no focus step
        page.locator(f'[data-dg-search-result][data-showing="{query}"] .md-search-result__item').first.wait_for()
        sent = time.perf_counter() - last_key
        cpu = _browser_cpu_ms() - cpu
        page.wait_for_function("(query) => window.__bench.shown[query]", arg=query)
        on_page = page.evaluate("(query) => window.__bench.shown[query] - window.__bench.keys.at(-1)", query)
        page.wait_for_load_state("networkidle")
        finished = [r for r in finished if id(r) in started]
        size = sum(_size(r) for r in finished)
        return Query(query, on_page, size / 1000, len(finished), cpu, sent_ms=sent * 1000)
    finally:
        context.close()


def measure_search(site_dir: Path, queries: list[str] = QUERIES, runs: int = 1, path: str = "") -> list[Query]:
    """One Query per query: the median of `runs` fresh readers (time, bytes, CPU each) on the page at `path`."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        raise SystemExit(f"{CHROMIUM} is missing (as root: apt-get install chromium)")
    with SiteServer(site_dir, prefix="/") as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            measured = {query: [] for query in queries}
            for _ in range(runs):  # interleaved, so that a busy moment does not fall on one query
                for query in queries:
                    measured[query].append(_one_query(browser, server.url + path.lstrip("/"), query))
        finally:
            browser.close()
    return [_median(query, found) for query, found in measured.items()]


def _median(query: str, found: list[Query]) -> Query:
    middle = statistics.median
    return Query(query, middle(q.results_ms for q in found), middle(q.downloaded_kb for q in found),
                 round(middle(q.requests for q in found)), middle(q.cpu_ms for q in found),
                 sent_ms=middle(q.sent_ms for q in found),
                 spread=(min(q.results_ms for q in found), max(q.results_ms for q in found)))


def summary(results: list[Query]) -> dict:
    return {"results_ms": statistics.median(r.results_ms for r in results),
            "worst_ms": max(r.results_ms for r in results),
            "downloaded_kb": statistics.median(r.downloaded_kb for r in results),
            "most_kb": max(r.downloaded_kb for r in results)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path)
    parser.add_argument("--queries", nargs="+", default=QUERIES)
    parser.add_argument("--runs", type=int, default=1, help="fresh readers per query; medians are printed")
    parser.add_argument("--path", default="", help="the page the reader opens (default: the home page), "
                        "e.g. articles/SLUG/")
    args = parser.parse_args(argv)
    for r in measure_search(args.site.resolve(), args.queries, args.runs, args.path):
        spread = f" ({r.spread[0]:.0f} to {r.spread[1]:.0f} over {args.runs} runs)" if args.runs > 1 else ""
        print(f"{r.query!r}: first result {r.results_ms:.0f} ms after the last key{spread} "
              f"({r.sent_ms:.0f} ms from the bench's key press; browser CPU {r.cpu_ms:.0f} ms), "
              f"{r.downloaded_kb:.0f} kB in {r.requests} requests")
    return 0


if __name__ == "__main__":
    sys.exit(main())
