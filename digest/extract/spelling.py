"""Spellings of one word that the press treats as the same.

Gazetteer aliases, cue words and the article's tokens all meet through ``normalize``, so
that "Égypte", "EGYPTE" and "Egypte" or "l’émir" and "l'emir" are written once in the data.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Look-alike characters: typographic apostrophes and the no-break spaces of French typography.
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'", "\u00a0": " ", "\u202f": " "})


def strip_accents(text: str) -> str:
    """Remove diacritics, keep everything else.

    >>> strip_accents("Égypte, Bahreïn, Dubaï")
    'Egypte, Bahrein, Dubai'
    """
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", text).translate(_WITHOUT_MARKS))


@lru_cache(maxsize=1 << 16)  # called for every token of every article; most are common words
def normalize(text: str) -> str:
    """The comparison key of a word or phrase: lower case, no accents, one kind of apostrophe.

    >>> normalize("L’Émir  du  QATAR")
    "l'emir du qatar"
    """
    return " ".join(strip_accents(text.translate(APOSTROPHES)).lower().split())


def spelling_variants(alias: str) -> set[str]:
    """Spellings of one alias the press uses interchangeably (accents, hyphens, apostrophes).

    The EntityRuler matches surface forms, not normalised ones, so each form is listed.
    """
    forms = {alias, strip_accents(alias)}
    for form in list(forms):
        forms.add(form.replace("’", "'"))
        forms.add(form.replace("'", "’"))
        if "-" in form:
            forms.add(form.replace("-", " "))
        words = form.split()
        if 1 < len(words) <= 3:
            forms.add("-".join(words))
    return {f for f in forms if f.strip()}


def demonym_forms(word: str) -> set[str]:
    """Masculine singular demonym -> its feminine and plural forms (normalised).

    The gazetteer lists one form; the text agrees with the noun ("la capitale saoudienne").

    >>> sorted(demonym_forms("israélien"))
    ['israelien', 'israelienne', 'israeliennes', 'israeliens']
    >>> sorted(demonym_forms("qatari"))
    ['qatari', 'qatarie', 'qataries', 'qataris']
    """
    base = normalize(word)
    forms = {base}
    if base.endswith("en"):
        forms |= {base + "ne", base + "s", base + "nes"}
    elif base.endswith("e"):
        forms |= {base + "s"}
    elif base.endswith(("s", "x")):
        forms |= {base + "e", base + "es"}
    else:
        forms |= {base + "e", base + "s", base + "es"}
    return forms


# Position-keeping forms, for rules that report or slice spans of the original text.
_TYPOGRAPHIC_SPACES = "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003"
_TYPOGRAPHY = {ord(c): " " for c in _TYPOGRAPHIC_SPACES}
_TYPOGRAPHY.update({ord("\u2019"): "'", ord("\u2018"): "'", ord("\u02bc"): "'"})


def plain_typography(text: str) -> str:
    """Line endings to \\n, French typographic spaces to spaces, curly apostrophes to '.

    >>> plain_typography("l’émir\\u00a0:\\r\\n")
    "l'émir :\\n"
    """
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_TYPOGRAPHY)


def fold_in_place(text: str) -> str:
    """Accents stripped character by character, so every position still matches the input.

    >>> fold_in_place("Égypte")
    'Egypte'
    """
    return text.translate(_FOLDED)


class LazyTranslation(dict):
    """A str.translate table filled on the first sight of each character: `function(code)` gives
    its replacement (a code, or None to drop it). Much faster than a Python step per character."""

    def __init__(self, function):
        super().__init__()
        self.function = function

    def __missing__(self, code: int) -> int | None:
        self[code] = self.function(code)
        return self[code]


# Only non-ASCII characters have accents or are marks.
_FOLDED = LazyTranslation(lambda code: ord(unicodedata.normalize("NFD", chr(code))[0]) if code > 127 else code)
_WITHOUT_MARKS = LazyTranslation(lambda code: None if code > 127 and unicodedata.category(chr(code)) == "Mn" else code)
