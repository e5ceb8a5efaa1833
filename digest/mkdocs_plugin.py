"""MkDocs plugin: regenerate the pages before every build, and watch the seeds while serving.

Thin on purpose: it calls the same pipeline as the CLI and logs the report
through MkDocs, so `mkdocs build --strict` fails on digest warnings too. The
generated Markdown does not need this plugin to render. While a `digest build` holds
docs/, the plugin waits for it (a serve rebuild should not fail); the CLI fails instead.

Under `mkdocs serve` (one plugin object for the whole session, since it has on_startup) an
edit should show within seconds: the French model loads in the background after the first
build, so the first edited article does not wait ten seconds for it; and Pagefind runs
after the browsers reload instead of before, and with `--dirty` (`make serve`) only when
an article page changed, so the search follows the page by a few seconds.

MkDocs rebuilds after any file event under a watched path, and the pages this plugin
writes into docs/ are such events: had MkDocs watched the seeds, each edit would have cost
two rebuilds (the seed's, then that of the pages it regenerated). So the plugin watches the
seeds itself and regenerates the pages when they change; MkDocs sees only the rewritten
pages, and rebuilds once, with them. That rebuild's own regeneration finds nothing changed
and replays the last build (digest/stamp.py).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel
from watchdog.events import (
    EVENT_TYPE_CLOSED,
    EVENT_TYPE_CREATED,
    EVENT_TYPE_DELETED,
    EVENT_TYPE_MODIFIED,
    EVENT_TYPE_MOVED,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from .assets import find_leaflet, leaflet_files
from .config import extraction_workers, load_config
from .pipeline import BuildError, BuildLocked, BuildResult, build
from .render_ahead import RenderAhead, TemplatesAhead
from .report import Report
from .search_index import SearchIndexError, index_site

log = get_plugin_logger(__name__)

POLLING_SECONDS = 0.5
"""How often the seeds are looked at under serve: MkDocs' own polling interval for docs/.

The system's notifications (inotify on Linux) tell of an edit at once, and polling catches
what they miss (network and container mounts); a change seen twice regenerates once."""
TEMPLATES_CACHE = "templates"
"""Inside digest's cache folder: the theme's templates, compiled by Jinja."""
SETTLE_SECONDS = 0.1
"""A burst of seed events (an editor's save) waits this long for its end: MkDocs' build delay."""


class DigestPluginConfig(Config):
    seeds = c.Optional(c.Type(str))
    """Folder of input articles, relative to mkdocs.yml (default: digest.yml's seeds_dir, else seeds/)."""
    enabled = c.Type(bool, default=True)


class DigestPlugin(BasePlugin[DigestPluginConfig]):
    def __init__(self):
        super().__init__()
        self.serving = self.dirty = False
        self.indexed_once = False
        self.articles_changed = True  # since the search index was last asked for
        self._indexer = BackgroundJob(self._index_site)
        self._regenerator = BackgroundJob(self._regenerate, settle=SETTLE_SECONDS)
        self._seeds_observers: list[BaseObserver] = []
        self._site_dir: Path | None = None
        self._ahead: RenderAhead | None = None
        self._templates: TemplatesAhead | None = None
        self._templates_due = None  # the Jinja environment, until the first page is built
        self._pages: list = []  # those of this build, in MkDocs' order

    def on_startup(self, *, command, dirty):
        """Makes MkDocs keep this object across the rebuilds of one `mkdocs serve`."""
        self.serving, self.dirty = command == "serve", dirty

    def on_config(self, config):
        root = Path(config.config_file_path).resolve().parent
        report = Report()
        digest_config = load_config(root, report)
        if report.errors:
            raise PluginError("\n".join(str(issue) for issue in report.errors))
        digest_config = replace(digest_config, docs_dir=Path(config.docs_dir).resolve())
        if self.config.seeds:
            digest_config = replace(digest_config, seeds_dir=(root / self.config.seeds).resolve())
        if config.site_url:
            digest_config = replace(digest_config, site_url=config.site_url)
        self.digest_config = digest_config
        return config

    def on_pre_build(self, config):
        if self.config.enabled:
            self._log_build(self._build())

    def _build(self) -> BuildResult:
        try:
            try:
                return build(self.digest_config, Report())
            except BuildLocked as exc:
                # A `digest build` is writing docs/: a serve rebuild waits for it rather than fail.
                log.info(f"{exc.running}; waiting for it to end")
                return build(self.digest_config, Report(), wait=True)
        except BuildError as exc:
            raise PluginError(str(exc)) from exc

    def _log_build(self, result: BuildResult) -> None:
        if any(path.startswith("articles/") for path in result.write.written + result.write.removed):
            self.articles_changed = True
        for line in result.report.folded("warning"):
            log.warning(line)
        for line in result.report.folded("info", keep=3):
            log.debug(line)
        log.info(result.summary())

    def on_files(self, files, config):
        """Ship Leaflet from node_modules/ (installed by `npm ci`, not committed) under assets/vendor/."""
        package = find_leaflet(self.digest_config.root)
        if package is None:
            log.warning("Leaflet is not installed (node_modules/leaflet/dist not found): the maps will not "
                        "show. Run `npm ci --ignore-scripts` beside mkdocs.yml (`make install` does).")
            return files
        for site_path, source in leaflet_files(package):
            if files.get_file_from_path(site_path) is None:
                files.append(File.generated(config, site_path, abs_src_path=str(source)))
        return files

    def on_page_markdown(self, markdown, page, config, files):
        """Keep every page out of Material's lunr index: Pagefind answers the header search.

        Material shows its header search box only while its search plugin is enabled, so the
        plugin stays; this front-matter setting (Material's documented search exclusion) spares
        its HTML parsing of every page, a third of the templating time, and its index.
        """
        if self.config.enabled:
            search = page.meta.get("search")
            page.meta["search"] = {**(search if isinstance(search, dict) else {}), "exclude": True}
        if self._ahead:
            self._ahead.prepare(page)
        return markdown

    def _builds_ahead(self) -> bool:
        """A full `mkdocs build` has pages converted and templates filled on the spare cores too."""
        return self.config.enabled and not self.serving and not self.dirty

    def on_nav(self, nav, config, files):
        if self._builds_ahead():
            self._pages = [file.page for file in files.documentation_pages(inclusion=InclusionLevel.is_included)
                           if file.page is not None]
            self._ahead = RenderAhead.start(self._pages, config, files, extraction_workers(self.digest_config))
        return nav

    def on_page_context(self, context, page, config, nav):
        """Past the first page built, the environment and every page are final: templates go ahead."""
        if self._templates_due:
            env, self._templates_due = self._templates_due, None
            self._templates = TemplatesAhead.start(self._pages, config, nav, env, extraction_workers(self.digest_config))
        return context

    def _end_ahead(self) -> None:
        """Ends what was forked for this build (reaped, files removed), whatever stage it reached."""
        self._templates_due = None
        for ahead in (self._ahead, self._templates):
            if ahead:
                ahead.close()
        self._ahead = self._templates = None

    def on_build_error(self, error):
        self._end_ahead()

    @event_priority(-100)  # after the other plugins': the templates filled ahead use the final environment
    def on_env(self, env, config, files):
        """Lets the theme link a file only when the site has it (overrides/main.html: the feeds).

        MkDocs makes a new Jinja environment for every build, which compiles the theme's
        templates again: half a second at each rebuild under serve. Compiled templates are
        kept in the cache folder, under the checksum of their source.
        """
        self._end_ahead()  # every page is converted by now
        if self._builds_ahead():
            self._templates_due = env
        env.globals["digest_has_file"] = lambda path: files.get_file_from_path(path) is not None
        if self.config.enabled:
            folder = self.digest_config.cache_dir / TEMPLATES_CACHE
            try:
                folder.mkdir(parents=True, exist_ok=True)
                env.bytecode_cache = FileSystemBytecodeCache(str(folder))
            except OSError as exc:  # a read-only checkout: templates compile as usual
                log.debug(f"compiled templates not cached in {folder}: {exc}")
        return env

    def on_post_build(self, config):
        """Index the written site for the header search; under serve, after the reload."""
        self._end_ahead()
        if not self.config.enabled:
            return
        site_dir = Path(config.site_dir)
        if not self.serving:
            log.info(self._index(site_dir))
            return
        # A dirty rebuild keeps site/pagefind/ and rewrites only the pages whose source changed.
        if self.dirty and self.indexed_once and not self.articles_changed:
            return
        self.indexed_once, self.articles_changed = True, False
        self._site_dir = site_dir
        self._indexer.request()

    def _index(self, site_dir: Path) -> str:
        try:
            return index_site(site_dir, self.digest_config.root, background=self.serving).summary()
        except SearchIndexError as exc:
            raise PluginError(str(exc)) from exc

    def _index_site(self) -> None:
        """A failure is only logged: serve goes on."""
        try:
            log.info(self._index(self._site_dir))
        except PluginError as exc:
            log.warning(f"search index not updated: {exc}")

    def _regenerate(self) -> None:
        """The pages of the edited seeds, written into docs/, where MkDocs sees them and rebuilds."""
        try:
            self._log_build(self._build())
        except PluginError as exc:
            log.error(f"pages not regenerated: {exc}")

    def on_serve(self, server, config, builder):
        if self.config.enabled and self.digest_config.seeds_dir.is_dir():
            self._seeds_observers = _watch(self.digest_config.seeds_dir, self._regenerator.request)
            log.info(f"Watching '{self.digest_config.seeds_dir}' for articles added, edited or deleted")
            threading.Thread(target=_load_the_model, daemon=True).start()
        return server

    def on_shutdown(self):
        for observer in self._seeds_observers:
            observer.stop()


def _watch(folder: Path, callback: Callable[[], None]) -> list[BaseObserver]:
    """Started observers of `folder` (notified, and polled) calling back when a file in it changes."""
    observers = []
    for observer in (Observer(), PollingObserver(timeout=POLLING_SECONDS)):
        try:
            observer.schedule(_OnFileEvent(callback), str(folder), recursive=True)
            observer.start()
        except OSError as exc:  # e.g. the system's limit of inotify watches: polling goes on alone
            log.debug(f"{type(observer).__name__} cannot watch {folder}: {exc}")
            continue
        observers.append(observer)
    return observers


class BackgroundJob:
    """A function run in a thread of its own when requested, again while requests came during a run.

    Requests that arrive while it runs make one more run, not one each; with `settle`, a
    run starts only once no request has come for that many seconds, so a burst of file
    events makes one run.
    """

    def __init__(self, target: Callable[[], None], settle: float = 0.0):
        self._target, self._settle = target, settle
        self._state = threading.Lock()
        self._requested_at: float | None = None
        self._thread: threading.Thread | None = None

    def request(self) -> None:
        with self._state:
            self._requested_at = time.monotonic()
            if self._thread is None:
                self._thread = threading.Thread(target=self._run_while_requested, daemon=True)
                self._thread.start()

    def _run_while_requested(self) -> None:
        while True:
            with self._state:
                if self._requested_at is None:
                    self._thread = None
                    return
                quiet = time.monotonic() - self._requested_at
                if quiet >= self._settle:
                    self._requested_at = None
            if quiet < self._settle:
                time.sleep(self._settle - quiet)
                continue
            self._target()


class _OnFileEvent(FileSystemEventHandler):
    """Calls back when a file changes (folders' own events carry no news).

    Notifications also tell of a file opened or closed unchanged: the regeneration reads
    every seed, and would then call itself back for ever.
    """

    CHANGES = frozenset({EVENT_TYPE_CREATED, EVENT_TYPE_MODIFIED, EVENT_TYPE_DELETED, EVENT_TYPE_MOVED,
                         EVENT_TYPE_CLOSED})

    def __init__(self, callback: Callable[[], None]):
        self._callback = callback

    def on_any_event(self, event: FileSystemEvent) -> None:
        if not event.is_directory and event.event_type in self.CHANGES:
            self._callback()


def _load_the_model() -> None:
    """What a new or edited article needs; loaded once per process, in the background."""
    try:
        from .extract.entities import shared_extractor

        shared_extractor()
    except Exception as exc:  # the rebuild that needs it will report the problem
        log.debug(f"the NLP model did not load in the background: {exc}")
