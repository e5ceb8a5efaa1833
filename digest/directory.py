"""Who and where, as the gazetteer describes them for readers: country names, people's roles."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .extract.entities import DEFAULT_GAZETTEER, Gazetteer


@dataclass(frozen=True)
class Profile:
    name: str
    role: str  # "Premier ministre israélien"; empty when unknown
    country: str  # ISO code; empty when unknown


@lru_cache(maxsize=1)
def _gazetteer() -> Gazetteer:
    return Gazetteer.load(DEFAULT_GAZETTEER)


def country_name(code: str) -> str:
    """'EG' -> 'Égypte'; an unknown code is shown as is."""
    gazetteer = _gazetteer()
    key = gazetteer.country_keys.get(code.upper())
    return gazetteer.places[key].name if key else code


def person_profile(name: str) -> Profile:
    person = _gazetteer().people.get(name)
    if person is None:
        return Profile(name, "", "")
    return Profile(person.name, person.role or "", person.country or "")
