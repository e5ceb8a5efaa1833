"""Pages' Markdown converted ahead on the other cores: MkDocs converts them one after the other.

At a thousand articles, Python-Markdown is half of a `mkdocs build`. When a full build
starts (the `nav` event), forked processes, one per spare core, each take a share of the
pages and do what MkDocs will do with them (the `pre_page` and `page_markdown` events,
then `Page.render`), and hand back what rendering sets on a page: its HTML, table of
contents, title, anchors, links to other pages' anchors, and the log records (the link
warnings that `--strict` counts). When MkDocs reaches such a page, its render takes the
handed-back result, provided the Markdown it was about to convert is the one converted
ahead; otherwise (a process that died, a plugin that changed the Markdown, an error) MkDocs
converts the page itself, so the site is the same either way, only slower.

Fork only: the pages, the configuration and the plugins are inherited, not pickled. It is
used for `mkdocs build` only, never from a process running other threads (`mkdocs serve`).
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import signal
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

MIN_PAGES = 100
"""Below this many pages, forking and handing back cost more than they save."""
OWN_SHARE_OVERHEAD = 0.1
"""What a page converted ahead still costs this process (its events, reading, taking the result),
as a share of converting it: this process keeps a little less than an even share."""


@dataclass
class Rendered:
    """What `Page.render` sets on a page, as converted ahead."""

    markdown_digest: bytes
    content: str
    toc: object
    title: str | None
    present_anchor_ids: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None  # by the linked file's src_uri
    records: list[logging.LogRecord] = field(default_factory=list)


def shares(weights: Sequence[int], processes: int, overhead: float = OWN_SHARE_OVERHEAD) -> list[range]:
    """Consecutive ranges of pages, this process's first, with about even costs.

    MkDocs converts pages in order, so this process works through the first range while the
    others convert theirs, and reaches their pages when they are done. It also runs the
    events of the pages converted ahead, so its own share is smaller by that overhead.

    >>> shares([1] * 10, 2, overhead=0.0)
    [range(0, 5), range(5, 10)]
    >>> [len(r) for r in shares([1] * 100, 2)]
    [47, 53]
    """
    total = sum(weights)
    if processes < 2 or not total:
        return [range(len(weights))]
    # own + overhead * (total - own) == (total - own) / (processes - 1), each other's share
    other = 1 / (processes - 1)
    own = total * (other - overhead) / (1 - overhead + other)
    bounds = [0]
    targets = [own + (total - own) * k / (processes - 1) for k in range(processes - 1)]
    running, index = 0, 0
    for target in targets:
        while index < len(weights) and running + weights[index] / 2 <= target:
            running += weights[index]
            index += 1
        bounds.append(index)
    bounds.append(len(weights))
    return [range(start, end) for start, end in zip(bounds, bounds[1:])]


def _digest(markdown: str) -> bytes:
    return hashlib.blake2b(markdown.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class _Capture(logging.Handler):
    """Keeps log records to be emitted again by the parent, where MkDocs counts warnings."""

    def __init__(self):
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args = record.getMessage(), None  # arguments may not pickle
        record.exc_info = record.exc_text = None
        self.records.append(record)


class RenderAhead:
    """The forked processes of one build, and the pages they converted."""

    def __init__(self, pages: Sequence, config, files):
        self.pages = list(pages)
        self.config, self.files = config, files
        self._index_of = {page.file.src_uri: i for i, page in enumerate(self.pages)}
        self._share_of: dict[int, int] = {}
        self._results: dict[int, Rendered] = {}
        self._read_shares: set[int] = set()
        self._readers: dict[int, tuple[int, int]] = {}  # share index -> (pid, read end)

    @classmethod
    def start(cls, pages: Sequence, config, files, processes: int) -> RenderAhead | None:
        """Forks the converting processes, or returns None where it would not pay or is not safe."""
        if processes < 2 or len(pages) < MIN_PAGES or not hasattr(os, "fork"):
            return None
        if threading.active_count() > 1:
            log.debug("pages converted in this process only: other threads run here")
            return None
        ahead = cls(pages, config, files)
        ahead._fork(shares([_weight(page) for page in ahead.pages], processes))
        return ahead

    def _fork(self, ranges: list[range]) -> None:
        sys.stdout.flush()
        sys.stderr.flush()
        gc.freeze()  # the objects alive now stay out of the collector: fewer pages copied on write
        try:
            for share, pages in enumerate(ranges[1:], start=1):
                read_end, write_end = os.pipe()
                pid = os.fork()
                if pid == 0:  # pragma: no cover - runs in the child, which never returns
                    os.close(read_end)
                    self._share_of = {}  # the plugin's events must not hand pages on from here
                    self._convert_and_exit(pages, write_end)
                os.close(write_end)
                self._readers[share] = (pid, read_end)
                for index in pages:
                    self._share_of[index] = share
        finally:
            gc.unfreeze()

    def _convert_and_exit(self, indices: range, write_end: int) -> None:  # pragma: no cover - child
        status = 1
        try:
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            capture = _Capture()
            root = logging.getLogger()
            root.handlers = [capture]
            for name in list(logging.root.manager.loggerDict):
                logger = logging.getLogger(name)
                logger.handlers = []
                logger.propagate = True
            results: dict[int, Rendered] = {}
            for index in indices:
                capture.records = []
                try:
                    results[index] = self._convert(self.pages[index], capture)
                except Exception:  # noqa: BLE001 - MkDocs will convert it and report the error itself
                    continue
            with os.fdopen(write_end, "wb") as out:
                pickle.dump(results, out, protocol=pickle.HIGHEST_PROTOCOL)
            status = 0
        finally:
            os._exit(status)

    def _convert(self, page, capture: _Capture) -> Rendered:
        """MkDocs' own steps up to rendering (commands/build.py, _populate_page)."""
        config, files = self.config, self.files
        config._current_page = page
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        page.render(config, files)
        links = page.links_to_anchors
        return Rendered(
            markdown_digest=_digest(page.markdown),
            content=page.content,
            toc=page.toc,
            title=page._title_from_render,
            present_anchor_ids=page.present_anchor_ids,
            links_to_anchors=None if links is None else {f.src_uri: dict(v) for f, v in links.items()},
            records=capture.records,
        )

    def prepare(self, page) -> None:
        """Called from `page_markdown`: a page converted ahead takes its result when MkDocs renders it."""
        if self._index_of.get(page.file.src_uri) in self._share_of:
            page.render = lambda config, files: self._render(page, config, files)

    def _render(self, page, config, files) -> None:
        del page.render  # the class's own, for a fallback and for later builds
        rendered = self._take(self._index_of[page.file.src_uri])
        linked = None
        if rendered is not None and rendered.links_to_anchors is not None:
            linked = {files.get_file_from_path(uri): anchors for uri, anchors in rendered.links_to_anchors.items()}
        if rendered is None or rendered.markdown_digest != _digest(page.markdown) or (linked and None in linked):
            page.render(config, files)
            return
        for record in rendered.records:
            logging.getLogger(record.name).handle(record)
        page.content = rendered.content
        page.toc = rendered.toc
        page._title_from_render = rendered.title
        page.present_anchor_ids = rendered.present_anchor_ids
        if linked is not None:
            page.links_to_anchors = linked

    def _take(self, index: int) -> Rendered | None:
        share = self._share_of[index]
        if share not in self._read_shares:
            self._read_shares.add(share)
            self._results.update(self._read(share))
        return self._results.pop(index, None)

    def _read(self, share: int) -> dict[int, Rendered]:
        pid, read_end = self._readers.pop(share)
        try:
            with os.fdopen(read_end, "rb") as source:
                results = pickle.load(source)
            log.debug(f"{len(results)} pages converted ahead by process {pid}")
            return results
        except Exception as exc:  # noqa: BLE001 - a process that died: MkDocs converts its pages
            log.debug(f"pages converted ahead lost ({exc!r}): converted here instead")
            return {}
        finally:
            _reap(pid, kill=False)

    def close(self) -> None:
        """Ends the processes still running (a build that stopped early)."""
        for pid, read_end in self._readers.values():
            os.close(read_end)
            _reap(pid, kill=True)
        self._readers.clear()


def _weight(page) -> int:
    try:
        return os.path.getsize(page.file.abs_src_path)
    except (OSError, TypeError):
        return 1


def _reap(pid: int, kill: bool) -> None:
    try:
        if kill:
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ChildProcessError, ProcessLookupError):
        pass
