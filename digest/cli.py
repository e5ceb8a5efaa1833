"""Command line: `digest build [--seeds DIR] [--docs DIR] [--strict]`."""

from __future__ import annotations

import argparse
import re
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from .config import load_config
from .pipeline import BuildError, build
from .report import REPORT_NAME, Report


def _printable(line: str) -> str:
    """A control character from a file name shown as an escape, so it cannot drive the terminal."""
    return re.sub(r"[\x00-\x1f\x7f-\x9f]", lambda m: repr(m.group())[1:-1], line)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="digest", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    b = commands.add_parser("build", help="generate the Markdown pages and data files into the docs folder")
    b.add_argument("--seeds", type=Path, help="folder of input articles (default: seeds/)")
    b.add_argument("--docs", type=Path, help="MkDocs docs folder to generate into (default: docs/)")
    b.add_argument("--root", type=Path, default=Path("."), help="project folder holding digest.yml (default: .)")
    b.add_argument("--strict", action="store_true", help="exit non-zero when the build has any warning")
    b.add_argument("--no-cache", action="store_true", help="re-extract every article")
    b.add_argument("-v", "--verbose", action="store_true", help="also list informational notes")
    return parser


@contextmanager
def _stopping_cleanly_on_terminate() -> Iterator[None]:
    """`kill PID` unwinds the build as Ctrl-C does: the extraction workers are stopped and the
    docs folder's lock released, where Python's default would leave the workers behind."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, lambda signum, _frame: sys.exit(128 + signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: list[str] | None = None) -> int:
    with _stopping_cleanly_on_terminate():
        return _main(argv)


def _main(argv: list[str] | None) -> int:
    args = _parser().parse_args(argv)
    report = Report()
    root = args.root.resolve()
    config = load_config(root, report)
    if args.seeds:
        config = replace(config, seeds_dir=args.seeds.resolve())
    if args.docs:
        config = replace(config, docs_dir=args.docs.resolve())
    try:
        result = build(config, report, use_cache=not args.no_cache)
    except BuildError as exc:
        print(f"digest: error: {exc}", file=sys.stderr)
        return 2
    levels = ("error", "warning", "info") if args.verbose else ("error", "warning")
    for level in levels:
        for line in report.folded(level):
            print(_printable(f"{level}: {line}"), file=sys.stderr)
    for rejected in result.digest.rejected:  # never folded: every file not published is named
        print(_printable(f"rejected: {rejected.file}: {rejected.reason}"), file=sys.stderr)
    print(f"digest: {result.summary()}")
    unknown = result.unknown_names()
    if unknown:
        shown = ", ".join(f"{name} ({count})" for name, count in unknown[:8])
        more = f" and {len(unknown) - 8} more" if len(unknown) > 8 else ""
        print(f"digest: {len(unknown)} names not in the gazetteer: {shown}{more} "
              f"(all issues: {config.cache_dir / REPORT_NAME})")
    if report.errors or (args.strict and report.warnings):
        if args.strict and report.warnings:
            print("digest: --strict: warnings count as failures", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
