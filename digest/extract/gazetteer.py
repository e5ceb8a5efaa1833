"""The gazetteer: known places, countries and officials, from ``data/gazetteer.yaml``.

The file is edited by hand as new articles bring new names, so loading is strict about
what YAML gets silently wrong (an unquoted ``NO`` is ``false``) and names the entry at
fault. Countries the file does not spell out still come from pycountry's French names,
so a trip to a country nobody thought of is still recognised.
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .spelling import APOSTROPHES, demonym_forms, normalize, spelling_variants

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DEFAULT_GAZETTEER = DATA_DIR / "gazetteer.yaml"

# EntityRuler labels; the statistical model's own labels are never these.
PLACE_LABEL = "GAZ_PLACE"
PERSON_LABEL = "GAZ_PERSON"
TITLE_LABEL = "GAZ_TITLE"

# Prepositions for "being in" a place, unless the entry lists its own ("à Chypre", "en Crète").
CITY_PREPS = ("a", "au", "aux")
COUNTRY_PREPS = ("en", "au", "aux")


@dataclass(frozen=True)
class PlaceEntry:
    key: str
    name: str
    country: str
    lat: float | None
    lon: float | None
    kind: str  # "city", "site" or "country"
    preps: tuple[str, ...]  # normalised prepositions for "being in" this place


@dataclass(frozen=True)
class PersonEntry:
    name: str
    role: str
    country: str
    # The role is an office of the country ("roi de Jordanie", "président égyptien"), not of
    # an organisation ("secrétaire général de l'Otan"): such a host receives at home.
    national: bool = False


class GazetteerError(ValueError):
    """The gazetteer file is malformed; the message names the entry."""


@dataclass
class Gazetteer:
    places: dict[str, PlaceEntry] = field(default_factory=dict)
    people: dict[str, PersonEntry] = field(default_factory=dict)
    place_aliases: dict[str, str] = field(default_factory=dict)  # alias -> place key
    person_aliases: dict[str, str] = field(default_factory=dict)  # alias -> person name
    person_titles: dict[str, str] = field(default_factory=dict)  # title -> person name
    demonyms: dict[str, str] = field(default_factory=dict)  # normalised form -> country code
    regions: set[str] = field(default_factory=set)  # normalised names never reported
    country_keys: dict[str, str] = field(default_factory=dict)  # ISO2 -> place key of the country

    @classmethod
    def load(cls, path: Path) -> Gazetteer:
        # libyaml's loader when there is one: the pure-Python one took half a second of each model load.
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
        gaz = cls()
        gaz._load_countries(data.get("countries") or [], path)
        gaz._load_pycountry()
        for entry in data.get("places") or []:
            gaz._add_place(entry, path)
        names_of: dict[str, list[str]] = {}  # place key -> its aliases, to read roles
        for alias, key in gaz.place_aliases.items():
            names_of.setdefault(key, []).append(alias)
        for entry in data.get("people") or []:
            gaz._add_person(entry, path, names_of)
        gaz.regions = {normalize(name) for name in data.get("regions") or []}
        return gaz

    # Surface spellings for the EntityRuler (lower case, accents kept), per table.
    surface: dict[int, dict[str, str]] = field(default_factory=dict)

    def _add_alias(self, table: dict[str, str], alias: str, value: str) -> None:
        forms = self.surface.setdefault(id(table), {})
        for variant in spelling_variants(alias):
            table.setdefault(normalize(variant), value)
            forms.setdefault(" ".join(variant.translate(APOSTROPHES).lower().split()), value)

    def _load_countries(self, entries: list, path: Path) -> None:
        for entry in entries:
            name = _required_name(entry, "country", path)
            code = _country_code(entry, "code", path)
            preps = tuple(normalize(p) for p in entry.get("preps") or ()) or COUNTRY_PREPS
            key = f"country:{code}"
            self.places[key] = PlaceEntry(key, name, code, _coord(entry.get("lat")), _coord(entry.get("lon")),
                                          "country", preps)
            self.country_keys[code] = key
            for alias in [name, *(entry.get("aliases") or [])]:
                self._add_alias(self.place_aliases, alias, key)
            for demonym in entry.get("demonyms") or []:
                for form in demonym_forms(demonym):
                    self.demonyms.setdefault(form, code)

    def _load_pycountry(self) -> None:
        """French country names from pycountry, for every country the YAML does not spell out."""
        try:
            import pycountry
        except ImportError:  # the YAML alone still works
            return
        try:
            french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"]).gettext
        except OSError:
            return
        for country in pycountry.countries:
            code = country.alpha_2
            names = [french(country.name)]
            if getattr(country, "official_name", None):
                names.append(french(country.official_name))
            # "Corée, République de" is not how anyone writes; those come from the YAML.
            names = [n for n in names if "," not in n and "(" not in n]
            if code not in self.country_keys:
                if not names:
                    continue
                key = f"country:{code}"
                self.places[key] = PlaceEntry(key, names[0], code, None, None, "country", COUNTRY_PREPS)
                self.country_keys[code] = key
            for name in names:
                self._add_alias(self.place_aliases, name, self.country_keys[code])

    def _add_place(self, entry: dict, path: Path) -> None:
        name = _required_name(entry, "place", path)
        code = _country_code(entry, "country", path)
        kind = entry.get("kind", "city")
        preps = tuple(normalize(p) for p in entry.get("preps") or ()) or CITY_PREPS
        key = f"place:{name}"
        self.places[key] = PlaceEntry(key, name, code, _coord(entry.get("lat")), _coord(entry.get("lon")), kind,
                                      preps)
        for alias in [name, *(entry.get("aliases") or [])]:
            self._add_alias(self.place_aliases, alias, key)

    def _add_person(self, entry: dict, path: Path, names_of: dict[str, list[str]]) -> None:
        name = _required_name(entry, "person", path)
        code = _country_code(entry, "country", path)
        role = entry.get("role", "")
        country_names = names_of.get(self.country_keys.get(code, ""), [])
        self.people[name] = PersonEntry(name, role, code, self._names_country(role, code, country_names))
        for alias in [name, *(entry.get("aliases") or [])]:
            self._add_alias(self.person_aliases, alias, name)
        for title in entry.get("titles") or []:
            self._add_alias(self.person_titles, title, name)

    def _names_country(self, role: str, code: str, country_names: list[str]) -> bool:
        """The role names the country itself or through its demonym ("émir du Qatar", "président turc")."""
        def words(text: str) -> str:
            return " " + " ".join(re.split(r"[\s']+", normalize(text))) + " "

        text = words(role)
        return any(self.demonyms.get(word) == code for word in text.split()) or \
            any(words(name) in text for name in country_names)

    def ruler_patterns(self) -> list[dict]:
        """EntityRuler phrase patterns (matched on lower case; accents are in the variants)."""
        patterns = []
        for table, label in ((self.place_aliases, PLACE_LABEL), (self.person_aliases, PERSON_LABEL),
                             (self.person_titles, TITLE_LABEL)):
            for alias, value in self.surface.get(id(table), {}).items():
                patterns.append({"label": label, "pattern": alias, "id": value})
        return patterns


def _required_name(entry, what: str, path: Path) -> str:
    try:
        return entry["name"]
    except (KeyError, TypeError) as exc:
        raise GazetteerError(f"{path}: {what} entry {entry!r} lacks {exc}") from None


def _coord(value) -> float | None:
    return None if value is None else round(float(value), 2)


def _country_code(entry: dict, key: str, path: Path) -> str:
    """ISO 3166-1 alpha-2, upper case; rejects YAML surprises such as an unquoted NO (false)."""
    value = entry.get(key)
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z]{2}", value):
        raise GazetteerError(f"{path}: {entry.get('name')!r}: {key} must be a two-letter ISO code "
                             f"(quote \"NO\"), got {value!r}")
    return value.upper()
