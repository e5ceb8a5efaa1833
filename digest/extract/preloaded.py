"""Imported once by the extraction pool's fork server, to load the NLP model there.

Every worker is then forked from a process that holds the model: none compiles spaCy's
French tokenizer rules again (most of a model load's ten seconds), and the workers share
its memory until they write to it. A failure here is left for the workers to report.
"""

from __future__ import annotations

from .entities import shared_extractor

try:
    shared_extractor()
except Exception:  # noqa: BLE001 - each worker loads the model again and raises what went wrong
    pass
