"""Country names in French, as the gazetteer spells them for readers."""

from __future__ import annotations

from functools import lru_cache

from .extract.entities import DEFAULT_GAZETTEER, Gazetteer


@lru_cache(maxsize=1)
def _gazetteer() -> Gazetteer:
    return Gazetteer.load(DEFAULT_GAZETTEER)


def country_name(code: str) -> str:
    """'EG' -> 'Égypte'; an unknown code is shown as is."""
    gazetteer = _gazetteer()
    key = gazetteer.country_keys.get(code.upper())
    return gazetteer.places[key].name if key else code
