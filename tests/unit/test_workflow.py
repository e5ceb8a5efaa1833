"""The GitHub Actions workflows, checked offline.

- check-jsonschema validates each file against GitHub's workflow schema (vendored in the package);
- zizmor audits it (offline rules only): no finding of medium severity or above;
- every action is pinned to a full commit hash with its release tag in a comment;
- the workflow token has no default scope: each job declares its own permissions.

Both tools come with the `test` extra (`pip install -e '.[test]'`) and are run from the
same environment as pytest, never from the network.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS_DIR = ROOT / ".github" / "workflows"
WORKFLOWS = sorted(p for p in WORKFLOWS_DIR.glob("*") if p.suffix in {".yml", ".yaml"})
BIN = Path(sys.executable).parent

# owner/repo[/path]@<40 hex digits>
PINNED = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(/[^@\s]+)?@[0-9a-f]{40}$")
# `uses: owner/repo@<sha> # v1.2.3` on one line
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)(?:\s+#\s*(?P<comment>.*))?$")
RELEASE_TAG = re.compile(r"^v\d+\.\d+\.\d+\b")
MEDIUM_OR_ABOVE = {"medium", "high"}


def tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        pytest.fail(f"{path} is missing: install the test extra with pip install -e '.[test]'")
    return str(path)


def run(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, cwd=ROOT, timeout=120)


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: not a YAML mapping"
    return data


def all_uses(workflow: dict) -> list[tuple[str, str]]:
    """(where, reference) for every `uses:` of a job (reusable workflow) or a step."""
    found = []
    for job_id, job in (workflow.get("jobs") or {}).items():
        if "uses" in job:
            found.append((f"jobs.{job_id}", job["uses"]))
        for index, step in enumerate(job.get("steps") or []):
            if "uses" in step:
                found.append((f"jobs.{job_id}.steps[{index}]", step["uses"]))
    return found


def ids(paths: list[Path]) -> list[str]:
    return [p.name for p in paths]


def test_pages_workflow_exists():
    assert WORKFLOWS_DIR / "pages.yml" in WORKFLOWS


@pytest.mark.parametrize("path", WORKFLOWS, ids=ids(WORKFLOWS))
def test_matches_github_workflow_schema(path):
    result = run([tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(path)])
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=ids(WORKFLOWS))
def test_zizmor_finds_nothing_of_medium_severity_or_above(path):
    result = run([tool("zizmor"), "--offline", "--strict-collection", "--no-progress",
                  "--format", "json", str(path)])
    # 0: no finding; 10-14: findings (exit code by highest severity); anything else: zizmor failed.
    assert result.returncode == 0 or 10 <= result.returncode <= 14, result.stderr
    findings = json.loads(result.stdout)
    serious = [
        f"{f['ident']} ({f['determinations']['severity']}): {f['desc']} at "
        + ", ".join(loc["concrete"]["feature"].splitlines()[0] for loc in f["locations"]
                    if loc["symbolic"]["kind"] == "Primary")
        for f in findings
        if not f.get("ignored") and f["determinations"]["severity"].lower() in MEDIUM_OR_ABOVE
    ]
    assert serious == [], "\n".join(serious)


@pytest.mark.parametrize("path", WORKFLOWS, ids=ids(WORKFLOWS))
def test_every_action_is_pinned_to_a_commit(path):
    workflow = load(path)
    uses = all_uses(workflow)
    assert uses, f"{path.name} uses no action"
    unpinned = [f"{where}: {ref}" for where, ref in uses
                if not ref.startswith("./") and not PINNED.match(ref)]
    assert unpinned == [], "not pinned to a 40-hex commit:\n" + "\n".join(unpinned)

    lines = [USES_LINE.match(line) for line in path.read_text(encoding="utf-8").splitlines()]
    untagged = [m.group("ref") for m in lines
                if m and not m.group("ref").startswith("./")
                and not RELEASE_TAG.match(m.group("comment") or "")]
    assert untagged == [], "no `# vX.Y.Z` comment after:\n" + "\n".join(untagged)


@pytest.mark.parametrize("path", WORKFLOWS, ids=ids(WORKFLOWS))
def test_permissions_are_empty_by_default_and_set_per_job(path):
    workflow = load(path)
    assert "permissions" in workflow and workflow["permissions"] == {}, (
        f"{path.name}: the top level must say `permissions: {{}}`")
    for job_id, job in workflow["jobs"].items():
        permissions = job.get("permissions")
        assert isinstance(permissions, dict), (
            f"{path.name}: job {job_id} must list its own permissions (not {permissions!r})")
        assert set(permissions.values()) <= {"read", "write", "none"}


def test_pages_workflow_builds_strict_and_deploys():
    workflow = load(WORKFLOWS_DIR / "pages.yml")
    # PyYAML reads the `on:` key as the boolean True.
    triggers = workflow.get("on", workflow.get(True))
    assert triggers["push"]["branches"] == ["main"] and "workflow_dispatch" in triggers
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    steps = {s["uses"].split("@")[0]: s for s in build["steps"] if "uses" in s}
    assert steps["actions/checkout"]["with"]["persist-credentials"] is False
    runs = [s for s in build["steps"] if "mkdocs build" in s.get("run", "")]
    assert [s["run"].strip() for s in runs] == ["mkdocs build --strict"]
    assert runs[0]["env"]["NO_MKDOCS_2_WARNING"] == "1"
    assert steps["actions/upload-pages-artifact"]["with"]["path"].rstrip("/") == "site"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
