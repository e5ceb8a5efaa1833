"""Browser libraries the site ships: Leaflet, installed from the npm registry by `npm ci`.

They are not committed: the MkDocs plugin adds them to the site from node_modules/
at build time, so the published site loads nothing from a CDN.
"""

from __future__ import annotations

from pathlib import Path

LEAFLET_DEST = "assets/vendor/leaflet"
# What the site needs from leaflet/dist (no source maps, no ES module build).
_LEAFLET_FILES = ("leaflet.js", "leaflet.css")
_PACKAGE_CHECKOUT = Path(__file__).resolve().parents[1]


def find_leaflet(root: Path) -> Path | None:
    """node_modules/leaflet beside mkdocs.yml, else beside the digest package (a copy of the project
    built from a checkout, as the tests do); None when npm has not installed it."""
    for base in (root, _PACKAGE_CHECKOUT):
        package = base / "node_modules" / "leaflet"
        if all((package / "dist" / name).is_file() for name in _LEAFLET_FILES):
            return package
    return None


def leaflet_files(package: Path) -> list[tuple[str, Path]]:
    """(site path, source file) for Leaflet's script, stylesheet, marker images and licence, sorted."""
    dist = package / "dist"
    files = [(f"{LEAFLET_DEST}/{name}", dist / name) for name in _LEAFLET_FILES]
    files += [(f"{LEAFLET_DEST}/images/{image.name}", image) for image in sorted((dist / "images").glob("*.png"))]
    if (package / "LICENSE").is_file():
        files.append((f"{LEAFLET_DEST}/LICENSE.txt", package / "LICENSE"))
    return files
