"""Pages converted ahead in forked processes give the site MkDocs gives alone, warnings included."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from digest.render_ahead import MIN_PAGES, shares

HOOKS = '''
import os
from mkdocs.structure.files import InclusionLevel
from digest.render_ahead import RenderAhead, TemplatesAhead

ahead = templates = templates_due = None
BUILDER = os.getpid()

def _pages(files):
    return [f.page for f in files.documentation_pages(inclusion=InclusionLevel.is_included) if f.page]

def on_nav(nav, config, files):
    global ahead
    ahead = RenderAhead.start(_pages(files), config, files, int(os.environ["PROCESSES"]))
    return nav

def on_page_markdown(markdown, page, config, files):
    if ahead:
        ahead.prepare(page)
    return markdown.replace("@@", "")

def on_env(env, config, files):
    global templates_due
    if ahead:
        ahead.close()
    templates_due = (_pages(files), env)
    return env

def on_page_context(context, page, config, nav):
    global templates, templates_due
    if templates_due:
        pages, env = templates_due
        templates_due = None
        templates = TemplatesAhead.start(pages, config, nav, env, int(os.environ["PROCESSES"]))
    if os.getpid() != BUILDER and page.file.src_uri == os.environ.get("FAIL_AHEAD"):
        raise RuntimeError("a page the forked process cannot fill")
    return context

def on_post_build(config):
    if templates:
        templates.close()
'''


def _project(root: Path, pages: int, broken_link_in: int | None = None) -> Path:
    docs = root / "docs"
    docs.mkdir(parents=True)
    (root / "hooks.py").write_text(HOOKS, encoding="utf-8")
    (root / "mkdocs.yml").write_text(textwrap.dedent("""\
        site_name: Essai
        theme: mkdocs
        hooks: [hooks.py]
        markdown_extensions: [toc, attr_list, md_in_html]
        validation: {links: {anchors: warn}}
        """), encoding="utf-8")
    (docs / "index.md").write_text("# Accueil\n\n[Dernière](p%03d.md#suite)\n" % (pages - 1), encoding="utf-8")
    for n in range(pages):
        body = [f"# Page {n} — été\n", f"## Suite {{ #suite }}\n\nTexte @@ de la page {n}, « citée ».\n",
                '<div class="x" markdown>\n\n**Gras** et [page suivante](p%03d.md#suite)\n\n</div>\n'
                % ((n + 1) % pages)]
        if n == broken_link_in:
            body.append("[Nulle part](absente.md) et [ancre](p000.md#inconnue)\n")
        (docs / f"p{n:03d}.md").write_text("\n".join(body), encoding="utf-8")
    return root


def _build(project: Path, processes: int, site: str, strict: bool = False, fail_ahead: str = ""):
    """Verbose unless strict: MkDocs collects the links to anchors only above the debug level."""
    env = dict(os.environ, PROCESSES=str(processes), NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000",
               FAIL_AHEAD=fail_ahead)
    command = [sys.executable, "-m", "mkdocs", "build", "-d", site, *(["--strict"] if strict else ["-v"])]
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=300)


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and p.name != "sitemap.xml.gz"}


def test_shares_are_consecutive_cover_every_page_and_weigh_about_the_same():
    weights = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9] * 10
    for processes in (2, 3, 4):
        ranges = shares(weights, processes, overhead=0.0)
        assert [i for r in ranges for i in r] == list(range(len(weights)))
        costs = [sum(weights[i] for i in r) for r in ranges]
        assert max(costs) - min(costs) <= 2 * max(weights)
    own, other = (sum(weights[i] for i in r) for r in shares(weights, 2, overhead=0.2))
    assert own < other  # this process also runs the events of the pages converted ahead
    assert shares(weights, 1) == [range(len(weights))]


def test_the_site_is_the_same_whether_pages_are_converted_ahead_or_not(tmp_path):
    project = _project(tmp_path / "p", MIN_PAGES + 20)
    alone, ahead = _build(project, 1, "alone"), _build(project, 2, "ahead")
    assert alone.returncode == 0 and ahead.returncode == 0, alone.stderr + ahead.stderr
    assert "converted ahead" not in alone.stderr and "filled ahead" not in alone.stderr
    assert "pages converted ahead by process" in ahead.stderr
    assert re.search(r"templates of \d\d+ pages filled ahead \(0 filled here instead\)", ahead.stderr)
    assert _tree(project / "alone") == _tree(project / "ahead")


def test_a_page_the_forked_process_could_not_fill_is_filled_by_mkdocs(tmp_path):
    pages = MIN_PAGES + 20
    project = _project(tmp_path / "p", pages)
    alone = _build(project, 1, "alone")
    ahead = _build(project, 2, "ahead", fail_ahead=f"p{pages - 3:03d}.md")
    assert ahead.returncode == 0, ahead.stderr
    assert re.search(r"templates of \d\d+ pages filled ahead \(1 filled here instead\)", ahead.stderr)
    assert _tree(project / "alone") == _tree(project / "ahead")


def test_warnings_of_pages_converted_ahead_are_reported_once_and_fail_a_strict_build(tmp_path):
    pages = MIN_PAGES + 20
    project = _project(tmp_path / "p", pages, broken_link_in=pages - 2)  # in the other process's share
    alone, ahead = _build(project, 1, "alone", strict=True), _build(project, 2, "ahead", strict=True)
    warnings = [[line for line in run.stderr.splitlines() if line.startswith("WARNING")] for run in (alone, ahead)]
    assert warnings[0] == warnings[1]
    assert len(warnings[1]) == 2
    assert "'absente.md'" in warnings[1][0] and "anchor '#inconnue'" in warnings[1][1]
    assert alone.returncode == ahead.returncode == 1


def test_a_page_whose_markdown_changed_after_it_was_converted_ahead_is_converted_again(tmp_path):
    """The parent's events decide: a plugin whose output differs there is not overridden."""
    project = _project(tmp_path / "p", MIN_PAGES + 20)
    hooks = project / "hooks.py"
    hooks.write_text(hooks.read_text(encoding="utf-8").replace(
        '"@@", ""', '"@@", "parent" if ahead and ahead._share_of else "child"'), encoding="utf-8")
    run = _build(project, 2, "site")
    assert run.returncode == 0, run.stderr
    for page in (project / "site").glob("p*/index.html"):
        assert "Texte parent de la page" in page.read_text(encoding="utf-8")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="forks")
def test_small_sites_and_single_cores_are_converted_in_this_process(tmp_path):
    from digest.render_ahead import RenderAhead

    assert RenderAhead.start([object()] * (MIN_PAGES - 1), None, None, 2) is None
    assert RenderAhead.start([object()] * MIN_PAGES, None, None, 1) is None
