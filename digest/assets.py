"""What npm installs for the site (`npm ci`, from the registry): Leaflet, and Pagefind's binary.

They are not committed: the MkDocs plugin adds Leaflet to the site from node_modules/ at build
time, so the published site loads nothing from a CDN, and runs Pagefind from there.
"""

from __future__ import annotations

import platform
import sys
from pathlib import Path

LEAFLET_DEST = "assets/vendor/leaflet"
# What the site needs from leaflet/dist (no source maps, no ES module build).
_LEAFLET_FILES = ("leaflet.js", "leaflet.css")
_PACKAGE_CHECKOUT = Path(__file__).resolve().parents[1]


def node_package(root: Path, name: str, *needed: str) -> Path | None:
    """node_modules/<name> beside mkdocs.yml, else beside the digest package (a copy of the project
    built from a checkout, as the tests do); None when npm has not installed it with `needed`."""
    for base in (root, _PACKAGE_CHECKOUT):
        package = base / "node_modules" / name
        if all((package / path).is_file() for path in needed):
            return package
    return None


def find_leaflet(root: Path) -> Path | None:
    return node_package(root, "leaflet", *(f"dist/{name}" for name in _LEAFLET_FILES))


def find_pagefind(root: Path, system: str = sys.platform, machine: str | None = None) -> Path | None:
    """Pagefind's binary for this machine, from the npm package @pagefind/<platform>-<cpu> (as
    pagefind's own runner finds it). package.json lists the Linux ones as optional dependencies:
    the registry mirror the project is built against has no other, and npm skips them elsewhere.

    system, machine: `sys.platform` and `platform.machine()` by default."""
    system = "windows" if system == "win32" else "freebsd" if system.startswith("freebsd") else system
    machine = (machine or platform.machine()).lower()
    cpu = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64"}.get(machine, machine)
    for name in ("pagefind_extended", "pagefind"):
        executable = f"bin/{name}.exe" if system == "windows" else f"bin/{name}"
        package = node_package(root, f"@pagefind/{system}-{cpu}", executable)
        if package is not None:
            return package / executable
    return None


def leaflet_files(package: Path) -> list[tuple[str, Path]]:
    """(site path, source file) for Leaflet's script, stylesheet, marker images and licence, sorted."""
    dist = package / "dist"
    files = [(f"{LEAFLET_DEST}/{name}", dist / name) for name in _LEAFLET_FILES]
    files += [(f"{LEAFLET_DEST}/images/{image.name}", image) for image in sorted((dist / "images").glob("*.png"))]
    if (package / "LICENSE").is_file():
        files.append((f"{LEAFLET_DEST}/LICENSE.txt", package / "LICENSE"))
    return files
