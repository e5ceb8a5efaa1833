#!/usr/bin/env python3
"""Benchmark digest on synthetic corpora, against Material's blog plugin on the same articles.

    python scripts/bench.py [--sizes 100 1000] [--large] [--runs 3] [--out bench-results.md]

For each size: generation cold (no cache) and warm (nothing changed), the full
`mkdocs build` as `make site` runs it (regeneration + site + search index), peak
memory, site size, search index size. At --blog-at articles (1,000) the same articles laid
out as plain mkdocs-material blog posts (date and category front matter, default blog
settings) are built with the blog plugin in the same run, each of its builds right after
one of ours so that both see the same load, and the ratio ours/theirs is printed. At
--serve-at articles (1,000), a one-article change under `mkdocs serve` (bench_serve.py);
with --search, the header search in chromium on the largest site (bench_search.py).
Times are medians over --runs runs (wall clock; CPU is user + system of the process and
its children, steadier on a shared machine). --large adds 10,000 articles.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.bench_search import measure_search, summary as search_summary  # noqa: E402
from scripts.bench_serve import measure_serve, summary as serve_summary  # noqa: E402
from scripts.make_corpus import make_corpus  # noqa: E402

PYTHON = sys.executable
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")


@dataclass
class Run:
    wall_s: float
    cpu_s: float
    peak_mb: int


def run(command: list[str], cwd: Path) -> Run:
    """Wall time, CPU time (user + system) and peak resident memory of one command, children included."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{stderr[-3000:]}")
    return Run(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024)


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def project_for(corpus: Path, where: Path) -> Path:
    """A digest project (config, hand-written docs) whose seeds are the corpus."""
    project = where / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "digest.yml"):
        shutil.copy(ROOT / name, project / name)
    shutil.copytree(ROOT / "overrides", project / "overrides")  # the theme's custom_dir
    manifest = ROOT / "docs" / ".digest-manifest.json"
    generated = set(json.loads(manifest.read_text())["files"]) if manifest.exists() else set()
    for path in (ROOT / "docs").rglob("*"):
        relative = path.relative_to(ROOT / "docs").as_posix()
        if path.is_file() and relative not in generated and not relative.startswith(".digest"):
            (project / "docs" / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, project / "docs" / relative)
    if (ROOT / "node_modules").exists():
        (project / "node_modules").symlink_to(ROOT / "node_modules")
    (project / "seeds").symlink_to(corpus)
    return project


def blog_project(project: Path, where: Path) -> Path:
    """The same articles as Material blog posts: the generated Markdown with date and category front matter."""
    import frontmatter

    blog = where / "blog"
    posts = blog / "docs" / "blog" / "posts"
    posts.mkdir(parents=True)
    (blog / "docs" / "blog" / "index.md").write_text("# Blog\n", encoding="utf-8")
    (blog / "docs" / "index.md").write_text("# Accueil\n", encoding="utf-8")
    data = json.loads((project / "docs/data/digest.json").read_text(encoding="utf-8"))
    trips = {t["id"]: t["title"] for t in data["trips"]}
    for record in data["articles"]:
        if record["duplicate_of"]:
            continue
        page = project / "docs" / (record["url"].rstrip("/") + ".md")
        post = frontmatter.load(page)
        day = dt.date.fromisoformat(record["date"] or record["month"] + "-01")
        category = trips.get(record["trip"], "Hors tournée").split(" — ")[0]
        meta = {"date": day, "categories": [category], "title": record["title"]}
        # Links to the trip, place and person pages, which a blog does not have, become their text.
        content = re.sub(r"\[([^\]]*)\]\((?!https?:)[^)]*\)", r"\1", post.content)
        out = frontmatter.Post(content, **meta)
        (posts / page.name).write_text(frontmatter.dumps(out, allow_unicode=True), encoding="utf-8")
    (blog / "mkdocs.yml").write_text(
        "site_name: Blog\ntheme:\n  name: material\n  language: fr\n  font: false\n"
        "plugins:\n  - blog\n  - search:\n      lang: fr\n", encoding="utf-8")
    return blog


def measure(size: int, runs: int, cold_runs: int, with_blog: bool, serve: bool, search: bool,
            keep: Path | None) -> dict:
    where = Path(tempfile.mkdtemp(prefix=f"digest-bench-{size}-"))
    try:
        corpus = where / "corpus"
        make_corpus(size, corpus)
        project = project_for(corpus, where)
        cache = project / ".cache"
        digest_cmd = [PYTHON, "-m", "digest", "build", "--root", str(project)]
        # As `make site`, less --strict: a large synthetic corpus has undated articles, hence warnings.
        site_cmd = [PYTHON, "-m", "mkdocs", "build", "-q"]
        cold, warm, full, blog = [], [], [], []
        for _ in range(cold_runs):
            shutil.rmtree(cache, ignore_errors=True)
            shutil.rmtree(project / "docs" / "articles", ignore_errors=True)
            cold.append(run(digest_cmd, project))
        blog_dir = blog_project(project, where) if with_blog else None
        for _ in range(runs):
            warm.append(run(digest_cmd, project))
            full.append(run(site_cmd, project))
            if blog_dir:
                blog.append(run([PYTHON, "-m", "mkdocs", "build", "-q"], blog_dir))
        site = project / "site"
        result = {
            "articles": size,
            "cold_s": statistics.median(r.wall_s for r in cold),
            "warm_s": statistics.median(r.wall_s for r in warm),
            "build_s": statistics.median(r.wall_s for r in full),
            "build_cpu_s": statistics.median(r.cpu_s for r in full),
            "peak_mb": max(r.peak_mb for r in cold + warm + full),
            "site_mb": folder_size(site) / 1e6,
            "search_mb": (folder_size(site / "search") + folder_size(site / "pagefind")) / 1e6,
        }
        if blog:
            result["blog_s"] = statistics.median(r.wall_s for r in blog)
            result["blog_cpu_s"] = statistics.median(r.cpu_s for r in blog)
            result["ratio"] = result["build_s"] / result["blog_s"]
            result["cpu_ratio"] = result["build_cpu_s"] / result["blog_cpu_s"]
        if search:
            result["search"] = search_summary(measure_search(site))
        if keep:
            shutil.copytree(site, keep / f"site-{size}", dirs_exist_ok=True)
        if serve:
            result["serve"] = serve_summary(measure_serve(project))
        return result
    finally:
        shutil.rmtree(where, ignore_errors=True)


def table(results: list[dict]) -> str:
    lines = ["| articles | generation cold (s) | warm (s) | `mkdocs build` (s) | its CPU (s) "
             "| peak memory (MB) | site (MB) | search index (MB) | blog plugin (s) | its CPU (s) | ours / blog |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in results:
        blog = f"{r['blog_s']:.1f} | {r['blog_cpu_s']:.1f}" if "blog_s" in r else "— | —"
        ratio = f"{r['ratio']:.2f} (CPU {r['cpu_ratio']:.2f})" if "ratio" in r else "—"
        lines.append(f"| {r['articles']:,} | {r['cold_s']:.1f} | {r['warm_s']:.2f} | {r['build_s']:.1f} | "
                     f"{r['build_cpu_s']:.1f} | {r['peak_mb']} | {r['site_mb']:.1f} | {r['search_mb']:.1f} | "
                     f"{blog} | {ratio} |")
    for r in results:
        if "serve" in r:
            v = r["serve"]
            lines.append(f"\nOne-article change under `make serve` at {r['articles']:,} articles (median): the "
                         f"page shows it after {v['visible_s']:.1f} s, the server settles after {v['settled_s']:.1f} s "
                         f"({v['rebuilds']:.0f} rebuilds); {v['rewritten']:.0f} generated files rewritten, e.g. "
                         + ", ".join(f"`{p}`" for p in v["example"]) + ".")
        if "search" in r:
            v = r["search"]
            lines.append(f"\nHeader search at {r['articles']:,} articles, headless chromium, a fresh reader per "
                         f"query: first result {v['results_ms']:.0f} ms after the last key (median; slowest "
                         f"{v['worst_ms']:.0f} ms), {v['downloaded_kb']:.0f} kB downloaded from the click on "
                         f"(median; most {v['most_kb']:.0f} kB).")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--large", action="store_true", help="also 10,000 articles")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cold-runs", type=int, help="cold generations per size (default: --runs)")
    parser.add_argument("--blog-at", type=int, default=1000, help="size at which to build the blog baseline")
    parser.add_argument("--serve-at", type=int, default=1000, help="size at which to time `mkdocs serve` (0: never)")
    parser.add_argument("--search", action="store_true", help="time the header search in chromium on the largest size")
    parser.add_argument("--out", type=Path, help="also write the table (Markdown) to this file")
    parser.add_argument("--keep-sites", type=Path, help="copy each built site here")
    args = parser.parse_args(argv)
    sizes = args.sizes + ([10000] if args.large else [])
    load_before = os.getloadavg()
    results = []
    for size in sizes:
        print(f"… {size} articles", file=sys.stderr, flush=True)
        results.append(measure(size, args.runs, args.cold_runs or args.runs, size == args.blog_at,
                               size == args.serve_at, args.search and size == max(sizes), args.keep_sites))
    text = table(results)
    for small, large in zip(results, results[1:]):
        text += (f"\n\nGrowth {small['articles']:,} → {large['articles']:,} articles "
                 f"(×{large['articles'] / small['articles']:.0f}): generation cold ×{large['cold_s'] / small['cold_s']:.1f}, "
                 f"full build ×{large['build_s'] / small['build_s']:.1f}.")
    load_after = os.getloadavg()
    text += (f"\n\nMachine: {os.cpu_count()} cores; load average (1, 5, 15 min) "
             f"{', '.join(f'{x:.1f}' for x in load_before)} before, {', '.join(f'{x:.1f}' for x in load_after)} after.")
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
