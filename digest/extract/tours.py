"""What an article says about the tour it belongs to: its ordinal, and whether it is a preview.

"sa huitième visite dans la région" numbers the tour; "sa cinquième visite en Israël"
numbers visits to one country and must not. The cue words live in data/tours.yaml.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from .spelling import normalize as fold


@dataclass(frozen=True)
class TourCues:
    ordinal: re.Pattern
    numbers: dict[str, int]
    preview: re.Pattern


@lru_cache(maxsize=1)
def _cues() -> TourCues:
    data = yaml.safe_load(resources.files("digest").joinpath("data/tours.yaml").read_text(encoding="utf-8"))
    numbers = {fold(k): int(v) for k, v in data["ordinals"].items()}
    words = "|".join(sorted(map(re.escape, numbers), key=len, reverse=True))
    nouns = "|".join(map(re.escape, data["tour_nouns"]))
    scopes = "|".join(re.escape(fold(s)) for s in data["region_scopes"])
    # ordinal + noun, a few words at most, then a regional scope.
    ordinal = re.compile(
        rf"\b(?P<n>{words}|\d{{1,2}}(?:e|eme))\s+(?:{nouns})s?\b(?P<gap>[^.;:]{{0,60}}?)\b(?:{scopes})")
    preview = re.compile("|".join(rf"\b{re.escape(fold(c))}\b" for c in data["preview_cues"]))
    return TourCues(ordinal, numbers, preview)


def _number(word: str, numbers: dict[str, int]) -> int | None:
    if word in numbers:
        return numbers[word]
    digits = re.match(r"\d+", word)
    return int(digits.group()) if digits else None


def tour_ordinal(text: str) -> int | None:
    """The tour number the text states, the most frequent when several are (None when none).

    >>> tour_ordinal("Antony Blinken a entamé lundi sa huitième visite dans la région depuis le 7 octobre.")
    8
    >>> tour_ordinal("Il effectue sa cinquième visite officielle en Israël depuis le début de la guerre.") is None
    True
    """
    cues = _cues()
    found: Counter[int] = Counter()
    for match in cues.ordinal.finditer(fold(text)):
        gap = match.group("gap")
        # "visite en Israël depuis le début de la guerre": the place ties the count to one country.
        if re.match(r"\s*(?:officielle\s+)?(?:en|a|au|aux|dans le pays|chez)\b", gap):
            continue
        number = _number(match.group("n"), cues.numbers)
        if number:
            found[number] += 1
    return found.most_common(1)[0][0] if found else None


def is_preview(lead: str) -> bool:
    """The opening announces a visit to come rather than reporting one.

    >>> is_preview("Ce vendredi, le chef de la diplomatie américaine est attendu à Tel Aviv.")
    True
    """
    return bool(_cues().preview.search(fold(lead)))
