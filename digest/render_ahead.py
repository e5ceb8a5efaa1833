"""A full build's two long loops shared with forked processes: MkDocs runs each on one core.

At a thousand articles, a `mkdocs build` spends half its time converting Markdown and a
third filling the theme's templates, one page after the other. With spare cores:

- `RenderAhead`: when the build starts (the `nav` event), forked processes take a share of
  the pages each and do what MkDocs will do with them (the `pre_page` and `page_markdown`
  events, then `Page.render`), and hand back what rendering sets on a page: its HTML, table
  of contents, title, anchors, links to other pages' anchors, and the log records (the link
  warnings that `--strict` counts). When MkDocs reaches such a page, its render takes the
  handed-back result, provided the Markdown it was about to convert is the one converted
  ahead; otherwise (a process that died, a plugin that changed the Markdown, an error)
  MkDocs converts the page itself.
- `TemplatesAhead`: when MkDocs builds its first page, forked processes fill the templates
  of a share of the pages each; MkDocs still builds every page, with its events, but a
  stand-in template hands it the output filled ahead (or fills the page's own template
  there and then, should that output be missing).

Either way the site is the same as MkDocs alone makes it (tests compare them byte for
byte), only sooner. Fork only: pages, configuration and plugins are inherited, not
pickled. Used by `mkdocs build`, never from a process running other threads (`mkdocs serve`).
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import jinja2
from markupsafe import Markup
from mkdocs.commands.build import get_context

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

MIN_PAGES = 100
"""Below this many pages, forking and handing back cost more than they save."""
OWN_SHARE_OVERHEAD = 0.1
"""What a page converted ahead still costs this process (its events, reading, taking the result),
as a share of converting it: this process keeps a little less than an even share."""
TEMPLATE_COST = 4000
"""Filling a page's template costs about as much as this many characters of its HTML."""
AHEAD_TEMPLATE = "digest-built-ahead.html"
"""What MkDocs renders for a page whose template was filled ahead: that output, as it is."""


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
        if not _may_fork(pages, processes):
            return None
        ahead = cls(pages, config, files)
        ahead._fork(shares([_weight(page) for page in ahead.pages], processes))
        return ahead

    def _fork(self, ranges: list[range]) -> None:
        for share, pages in enumerate(ranges[1:], start=1):
            read_end, write_end = os.pipe()
            pid = _fork(lambda: self._convert_all(pages, read_end, write_end))
            os.close(write_end)
            self._readers[share] = (pid, read_end)
            for index in pages:
                self._share_of[index] = share

    def _convert_all(self, indices: range, read_end: int, write_end: int) -> None:  # pragma: no cover - child
        os.close(read_end)
        self._share_of = {}  # the plugin's events must not hand pages on from here
        capture = _Capture()
        logging.getLogger().handlers = [capture]
        results: dict[int, Rendered] = {}
        for index in indices:
            capture.records = []
            try:
                results[index] = self._convert(self.pages[index], capture)
            except Exception:  # noqa: BLE001 - MkDocs will convert it and report the error itself
                continue
        with os.fdopen(write_end, "wb") as out:
            pickle.dump(results, out, protocol=pickle.HIGHEST_PROTOCOL)

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


def _may_fork(pages: Sequence, processes: int) -> bool:
    """Whether sharing these pages pays (enough of them, a spare core) and is safe (fork, no other thread)."""
    if processes < 2 or len(pages) < MIN_PAGES or not hasattr(os, "fork"):
        return False
    if threading.active_count() > 1:
        log.debug("pages built in this process only: other threads run here")
        return False
    return True


def _fork(work: Callable[[], None]) -> int:
    """A child process that runs `work` and exits; its log records go nowhere unless `work` keeps them.

    The objects alive at the fork stay out of the collector (gc.freeze), so that the child's
    collections do not copy every page of memory it shares with this process.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    gc.freeze()
    pid = os.fork()
    if pid:
        gc.unfreeze()
        return pid
    status = 1  # pragma: no cover - the child, which never returns
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        for name in list(logging.root.manager.loggerDict):
            logger = logging.getLogger(name)
            if isinstance(logger, logging.Logger):
                logger.handlers, logger.propagate = [], True
        logging.getLogger().handlers = []
        work()
        status = 0
    finally:
        os._exit(status)


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


class TemplatesAhead:
    """The theme's templates filled for a share of the pages in forked processes.

    After the Markdown, the templates are the other half of a build (4 ms a page with
    Material). Forked when MkDocs builds its first page, when the environment, the
    navigation and every page's HTML are final, each process renders a share of the pages
    as `_build_page` does (context, `page_context` events, template) into a temporary file.
    MkDocs still builds every page in order, running the plugins' events and writing the
    file, but for those pages its template is a stand-in that returns the output filled
    ahead (or, should a process have failed, renders the page's own template there and then).
    """

    def __init__(self, pages: Sequence, config, nav, env, folder: str):
        self.pages = list(pages)
        self.config, self.nav, self.env = config, nav, env
        self.folder = folder
        self._template_of: dict[int, str] = {}  # page index -> its own template
        self._index_of = {id(page): i for i, page in enumerate(self.pages)}
        self._files = [page.file for page in self.pages]  # the context's `pages`, as MkDocs gives it
        self._children: list[int] = []
        self.filled = self.rendered_here = 0

    @classmethod
    def start(cls, pages: Sequence, config, nav, env, processes: int) -> TemplatesAhead | None:
        """Called as MkDocs builds the first page; None where it would not pay or is not safe."""
        if not _may_fork(pages, processes):
            return None
        ahead = cls(pages, config, nav, env, tempfile.mkdtemp(prefix="digest-pages-"))
        ahead._fork(shares([TEMPLATE_COST + len(page.content or "") for page in ahead.pages], processes))
        return ahead

    def _fork(self, ranges: list[range]) -> None:
        for pages in ranges[1:]:
            self._children.append(_fork(lambda: self._fill_all(pages)))
            for index in pages:
                page = self.pages[index]
                self._template_of[index] = page.meta.get("template", "main.html")
                page.meta["template"] = AHEAD_TEMPLATE
        stand_in = jinja2.DictLoader({AHEAD_TEMPLATE: "{{ digest_built_ahead() }}"})
        self.env.loader = jinja2.ChoiceLoader([stand_in, self.env.loader])
        self.env.globals["digest_built_ahead"] = jinja2.pass_context(lambda context: self._output(context))

    def _fill_all(self, indices: range) -> None:  # pragma: no cover - child
        """`_build_page` up to the template's output (MkDocs writes it, after the `post_page` events)."""
        for page in self.pages:
            page.active = False  # the page MkDocs was building when this process was forked
        config, nav, env = self.config, self.nav, self.env
        for index in indices:
            page = self.pages[index]
            try:
                config._current_page = page
                page.active = True
                context = get_context(nav, self._files, config, page)
                template = env.get_template(page.meta.get("template", "main.html"))
                context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
                output = template.render(context)
                path = os.path.join(self.folder, f"{index}.html")
                with open(path + ".part", "w", encoding="utf-8", errors="surrogatepass") as out:
                    out.write(output)
                os.replace(path + ".part", path)
            except Exception:  # noqa: BLE001 - MkDocs fills it and reports the error itself
                continue
            finally:
                page.active = False

    def _output(self, context) -> str:
        """The stand-in template's one expression: the page's output filled ahead."""
        page = context["page"]
        index = self._index_of[id(page)]
        template = self._template_of.pop(index)
        page.meta["template"] = template
        self._wait()
        path = os.path.join(self.folder, f"{index}.html")
        try:
            with open(path, encoding="utf-8", errors="surrogatepass") as source:
                output = source.read()
            os.unlink(path)
            self.filled += 1
        except OSError:
            output = self.env.get_template(template).render(context.get_all())
            self.rendered_here += 1
        return Markup(output)

    def _wait(self) -> None:
        while self._children:
            _reap(self._children.pop(), kill=False)

    def close(self) -> None:
        """Ends the processes still running and removes their files."""
        for pid in self._children:
            _reap(pid, kill=True)
        self._children.clear()
        log.debug(f"templates of {self.filled} pages filled ahead ({self.rendered_here} filled here instead)")
        for index, template in self._template_of.items():
            self.pages[index].meta["template"] = template
        self._template_of.clear()
        shutil.rmtree(self.folder, ignore_errors=True)

