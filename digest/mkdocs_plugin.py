"""MkDocs plugin: regenerate the pages before every build, and watch the seeds while serving.

Thin on purpose: it calls the same pipeline as the CLI and logs the report
through MkDocs, so `mkdocs build --strict` fails on digest warnings too. The
generated Markdown does not need this plugin to render.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger

from .config import load_config
from .pipeline import BuildError, build
from .report import Report

log = get_plugin_logger(__name__)


class DigestPluginConfig(Config):
    seeds = c.Optional(c.Type(str))
    """Folder of input articles, relative to mkdocs.yml (default: digest.yml's seeds_dir, else seeds/)."""
    enabled = c.Type(bool, default=True)


class DigestPlugin(BasePlugin[DigestPluginConfig]):
    def on_config(self, config):
        root = Path(config.config_file_path).resolve().parent
        report = Report()
        digest_config = load_config(root, report)
        if report.errors:
            raise PluginError("\n".join(str(issue) for issue in report.errors))
        digest_config = replace(digest_config, docs_dir=Path(config.docs_dir).resolve())
        if self.config.seeds:
            digest_config = replace(digest_config, seeds_dir=(root / self.config.seeds).resolve())
        self.digest_config = digest_config
        return config

    def on_pre_build(self, config):
        if not self.config.enabled:
            return
        report = Report()
        try:
            result = build(self.digest_config, report)
        except BuildError as exc:
            raise PluginError(str(exc)) from exc
        for line in report.folded("warning"):
            log.warning(line)
        for line in report.folded("info", keep=3):
            log.debug(line)
        log.info(result.summary())

    def on_serve(self, server, config, builder):
        if self.config.enabled and self.digest_config.seeds_dir.is_dir():
            server.watch(str(self.digest_config.seeds_dir))
        return server
