"""French wording for the site: dates, months, ordinals, counts.

Babel supplies month names; the conventions Babel leaves out (« 1er », « 2e »)
are added here.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel.dates import format_date

LOCALE = "fr_FR"
NBSP = "\u00a0"


@lru_cache(maxsize=None)  # a few hundred distinct days, formatted for every list they appear in
def format_day(day: dt.date) -> str:
    """'6 novembre 2023', '1er décembre 2023'.

    >>> format_day(dt.date(2023, 12, 1))
    '1er décembre 2023'
    """
    text = format_date(day, "d MMMM y", locale=LOCALE)
    if day.day == 1:
        text = "1er" + text[1:]
    return text


@lru_cache(maxsize=None)
def format_month(month: str) -> str:
    """'2023-11' -> 'novembre 2023'.

    >>> format_month("2024-02")
    'février 2024'
    """
    year, number = (int(part) for part in month.split("-"))
    return format_date(dt.date(year, number, 1), "MMMM y", locale=LOCALE)


def format_month_title(month: str) -> str:
    """'2023-11' -> 'Novembre 2023' for headings."""
    text = format_month(month)
    return text[:1].upper() + text[1:]


def format_when(day: dt.date | None, month: str) -> str:
    """The most precise date known: a day, else the month."""
    return format_day(day) if day else format_month(month)


def ordinal(number: int, feminine: bool = True) -> str:
    """'1re'/'1er', '2e', '8e' as French typography writes them.

    >>> ordinal(1), ordinal(1, feminine=False), ordinal(2)
    ('1re', '1er', '2e')
    """
    if number == 1:
        return "1re" if feminine else "1er"
    return f"{number}e"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """'1 article', '3 articles' (French treats 0 and 1 as singular)."""
    word = singular if count < 2 else (plural_form or singular + "s")
    return f"{count}{NBSP}{word}"


def de(text: str) -> str:
    """The preposition 'de' elided before a vowel: "d’octobre 2023", "de juin 2024".

    >>> de("octobre 2023"), de("juin 2024")
    ('d’octobre 2023', 'de juin 2024')
    """
    return f"d’{text}" if text[:1].lower() in "aeiouyhâéèêîôû" else f"de {text}"


def capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]
