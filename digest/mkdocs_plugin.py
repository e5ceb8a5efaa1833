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
"""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File

from .assets import find_leaflet, leaflet_files
from .config import load_config
from .pipeline import BuildError, BuildLocked, build
from .report import Report
from .search_index import SearchIndexError, index_site

log = get_plugin_logger(__name__)


class DigestPluginConfig(Config):
    seeds = c.Optional(c.Type(str))
    """Folder of input articles, relative to mkdocs.yml (default: digest.yml's seeds_dir, else seeds/)."""
    enabled = c.Type(bool, default=True)


class DigestPlugin(BasePlugin[DigestPluginConfig]):
    def __init__(self):
        super().__init__()
        self.serving = self.dirty = False
        self.indexed_once = False
        self.articles_changed = True
        self._index_state = threading.Lock()
        self._index_wanted = False
        self._indexer: threading.Thread | None = None

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
        if not self.config.enabled:
            return
        report = Report()
        try:
            try:
                result = build(self.digest_config, report)
            except BuildLocked as exc:
                # A `digest build` is writing docs/: a serve rebuild waits for it rather than fail.
                log.info(f"{exc.running}; waiting for it to end")
                report = Report()
                result = build(self.digest_config, report, wait=True)
        except BuildError as exc:
            raise PluginError(str(exc)) from exc
        self.articles_changed = any(path.startswith("articles/")
                                    for path in result.write.written + result.write.removed)
        for line in report.folded("warning"):
            log.warning(line)
        for line in report.folded("info", keep=3):
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
        return markdown

    def on_env(self, env, config, files):
        """Lets the theme link a file only when the site has it (overrides/main.html: the feeds)."""
        env.globals["digest_has_file"] = lambda path: files.get_file_from_path(path) is not None
        return env

    def on_post_build(self, config):
        """Index the written site for the header search; under serve, after the reload."""
        if not self.config.enabled:
            return
        site_dir = Path(config.site_dir)
        if not self.serving:
            log.info(self._index(site_dir))
            return
        # A dirty rebuild keeps site/pagefind/ and rewrites only the pages whose source changed.
        if self.dirty and self.indexed_once and not self.articles_changed:
            return
        self.indexed_once = True
        with self._index_state:
            self._index_wanted = True
            if self._indexer is None:
                self._indexer = threading.Thread(target=self._index_while_wanted, args=(site_dir,), daemon=True)
                self._indexer.start()

    def _index(self, site_dir: Path) -> str:
        try:
            return index_site(site_dir, background=self.serving).summary()
        except SearchIndexError as exc:
            raise PluginError(str(exc)) from exc

    def _index_while_wanted(self, site_dir: Path) -> None:
        """One indexing after another while rebuilds keep asking; a failure is only logged (serve goes on)."""
        while True:
            with self._index_state:
                if not self._index_wanted:
                    self._indexer = None
                    return
                self._index_wanted = False
            try:
                log.info(self._index(site_dir))
            except PluginError as exc:
                log.warning(f"search index not updated: {exc}")

    def on_serve(self, server, config, builder):
        if self.config.enabled and self.digest_config.seeds_dir.is_dir():
            server.watch(str(self.digest_config.seeds_dir))
            threading.Thread(target=_load_the_model, daemon=True).start()
        return server


def _load_the_model() -> None:
    """What a new or edited article needs; loaded once per process, in the background."""
    try:
        from .extract.entities import shared_extractor

        shared_extractor()
    except Exception as exc:  # the rebuild that needs it will report the problem
        log.debug(f"the NLP model did not load in the background: {exc}")
