#!/usr/bin/env python3
"""Benchmark digest on synthetic corpora, against Material's blog plugin on the same articles.

    python scripts/bench.py [--sizes 100 1000] [--large] [--runs 3] [--out bench-results.md]

For each size: generation cold (no cache) and warm (nothing changed), the full
`mkdocs build` (regeneration + site + search index), peak memory, site size, search
index size. At 1,000 articles (or the largest size run), the same articles laid out
as plain mkdocs-material blog posts (date and category front matter) are built with
the blog plugin in the same run, and the ratio ours/theirs is printed. Times are
medians over --runs runs. --large adds 10,000 articles.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.make_corpus import make_corpus  # noqa: E402

PYTHON = sys.executable
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")


def run(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time in seconds and peak resident memory in MB of one command (children included)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{stderr[-3000:]}")
    return elapsed, usage.ru_maxrss // 1024


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def project_for(corpus: Path, where: Path) -> Path:
    """A digest project (config, hand-written docs) whose seeds are the corpus."""
    project = where / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "digest.yml"):
        shutil.copy(ROOT / name, project / name)
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
        out = frontmatter.Post(post.content, **meta)
        (posts / page.name).write_text(frontmatter.dumps(out, allow_unicode=True), encoding="utf-8")
    (blog / "mkdocs.yml").write_text(
        "site_name: Blog\ntheme:\n  name: material\n  language: fr\n  font: false\n"
        "plugins:\n  - blog\n  - search:\n      lang: fr\n", encoding="utf-8")
    return blog


def measure(size: int, runs: int, with_blog: bool, keep: Path | None) -> dict:
    where = Path(tempfile.mkdtemp(prefix=f"digest-bench-{size}-"))
    try:
        corpus = where / "corpus"
        make_corpus(size, corpus)
        project = project_for(corpus, where)
        cache = project / ".cache"
        digest_cmd = [PYTHON, "-m", "digest", "build", "--root", str(project)]
        cold, warm, full, memory = [], [], [], []
        for _ in range(runs):
            shutil.rmtree(cache, ignore_errors=True)
            shutil.rmtree(project / "docs" / "articles", ignore_errors=True)
            seconds, mb = run(digest_cmd, project)
            cold.append(seconds)
            memory.append(mb)
            warm.append(run(digest_cmd, project)[0])
            seconds, mb = run([PYTHON, "-m", "mkdocs", "build", "-q"], project)
            full.append(seconds)
            memory.append(mb)
        site = project / "site"
        search = folder_size(site / "search") + folder_size(site / "pagefind")
        result = {
            "articles": size,
            "cold_s": statistics.median(cold),
            "warm_s": statistics.median(warm),
            "build_s": statistics.median(full),
            "peak_mb": max(memory),
            "site_mb": folder_size(site) / 1e6,
            "search_mb": search / 1e6,
        }
        if with_blog:
            blog = blog_project(project, where)
            blog_times = [run([PYTHON, "-m", "mkdocs", "build", "-q"], blog)[0] for _ in range(runs)]
            result["blog_s"] = statistics.median(blog_times)
            result["ratio"] = result["build_s"] / result["blog_s"]
        if keep:
            shutil.copytree(project / "site", keep / f"site-{size}", dirs_exist_ok=True)
        return result
    finally:
        shutil.rmtree(where, ignore_errors=True)


def table(results: list[dict]) -> str:
    lines = ["| articles | generation cold (s) | warm (s) | full `mkdocs build` (s) | peak memory (MB) "
             "| site (MB) | search index (MB) | blog plugin (s) | ours / blog |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in results:
        blog = f"{r['blog_s']:.1f}" if "blog_s" in r else "—"
        ratio = f"{r['ratio']:.2f}" if "ratio" in r else "—"
        lines.append(f"| {r['articles']:,} | {r['cold_s']:.1f} | {r['warm_s']:.2f} | {r['build_s']:.1f} | "
                     f"{r['peak_mb']} | {r['site_mb']:.1f} | {r['search_mb']:.1f} | {blog} | {ratio} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--large", action="store_true", help="also 10,000 articles")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--blog-at", type=int, default=1000, help="size at which to build the blog baseline")
    parser.add_argument("--out", type=Path, help="also write the table (Markdown) to this file")
    parser.add_argument("--keep-sites", type=Path, help="copy each built site here")
    args = parser.parse_args(argv)
    sizes = args.sizes + ([10000] if args.large else [])
    results = []
    for size in sizes:
        print(f"… {size} articles", file=sys.stderr, flush=True)
        results.append(measure(size, args.runs, size == args.blog_at, args.keep_sites))
    text = table(results)
    linear = [r for r in results if r["articles"] in (100, 1000)]
    if len(linear) == 2:
        text += (f"\n\nGrowth 100 → 1,000 articles: generation ×{linear[1]['cold_s'] / linear[0]['cold_s']:.1f}, "
                 f"full build ×{linear[1]['build_s'] / linear[0]['build_s']:.1f}.")
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
