"""When an article happened: the month (always needed) and the reported day (when known).

A small deterministic grammar of French news dates, no guessing:

* the ``date YYYY-MM`` header gives the month;
* a dateline (``ANKARA, 6 novembre (Reuters) -``) gives the day, and wins over the header
  (a disagreement is reported as a warning); the paragraph it opens is the lead;
* without a header, a yearless dateline takes its year from the lead's weekday
  (``DOHA, 12 juin (AFP) - ... a estimé mercredi``) only when that weekday falls on that very
  date in exactly one year of the window and the text mentions no later year; otherwise the
  year stays open and ``DateFinding.partial`` hands (month, day) to the caller, which can
  pick the year from the rest of the corpus with ``resolve_partial``;
* a weekday glued to a date (``mardi 20 août``, ``ce jeudi 4 avril``) is strong evidence;
  when it has no year, the weekday picks the year;
* a plain ``le 9 janvier 2024`` counts only when it agrees with the weekday of the lead
  sentence (``a insisté mardi``) or sits in a caption-like place phrase
  (``... à Tel Aviv le 9 janvier 2024``);
* past references (``depuis le 7 octobre``, ``l'attaque du 7 octobre``, ``annoncée le
  31 mai``, ``fondée le 4 avril 1949``), future plans (``doit se rendre mardi``) and
  relative days (``jeudi dernier``, ``la veille``) never give the day;
* a bare weekday never gives the day on its own: every weekday occurs four or five
  times a month.

All matching is done on an accent-folded copy of the text with the same length, so every
position found maps back to the original text.
"""

from __future__ import annotations

import collections
import datetime as dt
import re
from dataclasses import dataclass

from .spelling import fold_in_place as _fold
from .spelling import plain_typography as _normalize

__all__ = ["DateFinding", "extract_date", "resolve_partial", "DEFAULT_YEAR_WINDOW"]

# Years considered when the text gives a day and a month but no year and there is no
# header (e.g. "jeudi 30 novembre"): the weekday must match in exactly one of them.
# Callers covering another period pass their own window.
DEFAULT_YEAR_WINDOW: tuple[int, int] = (2020, 2027)


@dataclass(frozen=True)
class DateFinding:
    month: str | None  # "YYYY-MM"; None when neither the header nor the text gives month and year
    day: dt.date | None  # the reported day, or None when the text does not determine it
    warnings: tuple[str, ...]  # human-readable messages
    evidence: str | None  # the text span that fixed the day (or the month, without a header)
    # (month number, day) of a yearless dateline (or lead date) whose year the text does not
    # tell; set only when month is None. resolve_partial() picks the year from the corpus.
    partial: tuple[int, int] | None = None


# --- vocabulary --------------------------------------------------------------------------

WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_WEEKDAY_INDEX = {name: index for index, name in enumerate(WEEKDAYS)}

# Accent-folded, lower-case spellings (full names and press abbreviations) -> month number.
_MONTH_FORMS: dict[str, int] = {
    "janvier": 1, "janv": 1, "jan": 1,
    "fevrier": 2, "fevr": 2, "fev": 2, "feb": 2,
    "mars": 3,
    "avril": 4, "avr": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7, "juil": 7,
    "aout": 8,
    "septembre": 9, "sept": 9, "sep": 9,
    "octobre": 10, "oct": 10,
    "novembre": 11, "nov": 11,
    "decembre": 12, "dec": 12,
}
MONTH_NAMES = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
               "septembre", "octobre", "novembre", "décembre")

_WD = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
_MONTH = "(?:" + "|".join(sorted(_MONTH_FORMS, key=len, reverse=True)) + r")\.?(?![a-z])"
_DAY = r"(?:1er|1re|premier|[12]\d|3[01]|0?[1-9])(?![\d])"
_YEAR = r"(?:19|20)\d\d(?!\d)"

# "mardi 20 août 2024", "ce jeudi 4 avril", "le 9 janvier 2024", "1er décembre", "7 fév 2024"
_DATE_RE = re.compile(
    rf"(?<![\w])(?:(?P<wd>{_WD})\s+)?(?P<day>{_DAY})\s+(?P<month>{_MONTH})"
    rf"(?:\s+(?P<year>{_YEAR}))?",
    re.IGNORECASE,
)

# A dateline opens a paragraph: place, comma, date, optional (AGENCY), then a dash.
_DATELINE_RE = re.compile(
    rf"^[ \t]*(?P<place>[A-Z][\w'.-]*(?:[ -][A-Za-z][\w'.-]*){{0,4}})"
    rf"(?:\s*\([^()\n]{{1,30}}\))?\s*,\s*(?:le\s+)?"
    rf"(?:(?P<wd>{_WD})\s+)?(?P<day>{_DAY})\s+(?P<month>{_MONTH})"
    rf"(?:\s+(?P<year>{_YEAR}))?\s*"
    rf"(?:(?P<agency>\([^()\n]{{1,40}}\))\s*)?(?P<dash>[-\u2013\u2014:])",
    re.IGNORECASE,
)

_WEEKDAY_RE = re.compile(rf"(?<![\w-])(?P<wd>{_WD})(?![\w-])", re.IGNORECASE)
_NIGHT_RE = re.compile(rf"\bnuit\s+de\s+(?P<a>{_WD})\s+(?:a|au)\s+(?P<b>{_WD})\b", re.IGNORECASE)
_YEAR_MENTION_RE = re.compile(rf"(?<![\d.,])(?P<year>{_YEAR})")

_NUMBER_WORDS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
                 "sept": 7, "huit": 8, "neuf": 9, "dix": 10}
# "cinq jours après l'attaque du 7 octobre", "au lendemain du 7 octobre", "à la veille du 12 mars",
# "au lendemain du discours prononcé mercredi 24 juillet"
_ANCHOR_RE = re.compile(
    rf"(?:(?P<n>\d{{1,2}}|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix)\s+jours?\s+apres"
    rf"|(?P<next>au\s+lendemain)|(?P<prev>a\s+la\s+veille))"
    rf"\s+(?:[^.;!?\n]{{0,40}}?\s)?(?:(?:le|du|de)\s+(?:{_WD}\s+)?|{_WD}\s+)(?P<day>{_DAY})\s+(?P<month>{_MONTH})"
    rf"(?:\s+(?P<year>{_YEAR}))?",
    re.IGNORECASE,
)

# Words right before a date that make it a past reference or a range bound, not the day
# being reported: "depuis le 7 octobre", "l'attaque du 7 octobre", "avant le 7 octobre".
_PAST_MARKER_RE = re.compile(
    r"(?:\b(?:depuis|du|des|au|avant|apres|jusqu'(?:au|a)|jusqu'a|d'avant|entre|partir\s+du"
    r"|lendemain\s+du|veille\s+du))\s+(?:(?:le|la|ce)\s+)?$",
    re.IGNORECASE,
)
# Adjectival past participles naming a past event: "annoncée le 31 mai", "fondée le
# 4 avril 1949", "enlevés le 7 octobre"; not preceded by an auxiliary ("a rencontré le ...").
_EVENT_PARTICIPLE_RE = re.compile(
    r"\b(?P<aux>(?:a|ont|avait|avaient|est|sont|ete|etait|etaient)\s+)?"
    r"(?P<part>\w+(?:e|ee|es|ees|i|ie|is|ies|u|ue|us|ues|t|te|ts|tes))\s+le\s+$",
    re.IGNORECASE,
)
_EVENT_PARTICIPLES = re.compile(
    r"^(?:annonce|fonde|cree|signe|ne|nee|mort|decede|declenche|lance|commence|debute|survenu"
    r"|perpetre|tue|enleve|kidnappe|pris|elu|adopte|conclu|entre|intervenu|organise|publie"
    r"|prevu|fixe|programme|revele|detenu|arrete|libere|ouvert|ferme|ratifie|vote|proclame)"
    r"(?:e|es|ees|s)?$",
    re.IGNORECASE,
)
_AFTER_RELATIVE_RE = re.compile(r"^\s*(?:dernier|derniere|precedent|precedente|passe)\b", re.IGNORECASE)
_AFTER_FUTURE_RE = re.compile(r"^\s*(?:prochain|prochaine|suivant|suivante)\b", re.IGNORECASE)
# Clause-final words that make the following weekday a plan, not the reported event.
_FUTURE_CUE_RE = re.compile(
    r"\b(?:doit|doivent|devait|devaient|devrait|devraient|devra|devront|va|vont|aller|compte"
    r"|attendue?s?|prevue?s?|programmee?s?|se\s+rendre|partir|rejoindre|gagner|rencontrer"
    r"|\w+(?:ra|ras|ront|rait|raient))\b",
    re.IGNORECASE,
)
# Clause-final words that make the following weekday a past reference point.
_PAST_CUE_RE = re.compile(
    r"\b(?:depuis|des|jusqu'a|jusqu'au|avant|apres|veille|lendemain|avant-hier)\s+(?:le\s+|la\s+|ce\s+)?$",
    re.IGNORECASE,
)
_FRONTED_RE = re.compile(r"^\s*(?:soir|matin|apres-midi|midi)?\s*,")
_PAST_VERB_RE = re.compile(
    r"\b(?:a|ont|avait|avaient|est|sont|etait|etaient)\s+(?:\w+\s+){0,2}?\w+(?:e|es|ee|ees|i|is|u|us|it|t)\b",
    re.IGNORECASE,
)
_AUX_RE = re.compile(
    r"\b(?:a|ont|avait|avaient|est|sont|etait|etaient|ete|s'est|se\s+sont)\b(?:\s+\S+){0,3}\s+$",
    re.IGNORECASE,
)
_CAPTION_RE = re.compile(
    r"(?:\bphotos?\b|\u00a9|\bcredits?\s+photo|\(a\s+(?:droite|gauche)\)|\(au\s+centre\))",
    re.IGNORECASE,
)
# "... à Tel Aviv le 9 janvier 2024", "... à Ankara, Turquie, le 6 novembre 2023."
_PLACE_BEFORE_RE = re.compile(
    r"\b(?:a|au|aux|en)\s+[A-Z][\w'-]*(?:[ -][A-Z][\w'-]*){0,3}(?:\s*,\s*[A-Z][\w'-]*(?:[ -][A-Z][\w'-]*){0,3})?"
    r"\s*,?\s+le\s+$"
)
# Subordinate clauses: a date in one does not report the lead's event.
_RELATIVE_RE = re.compile(r"\b(?:qui|que|qu'|dont|ou|lorsque|lorsqu'|quand)(?!\w)", re.IGNORECASE)
_SENTENCE_END_RE = re.compile(r"[.!?\n]")
_CLAUSE_BREAK_RE = re.compile(r"[,;:()\u00ab\u00bb\"\u201c\u201d]")

_HEADER_RE = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})$")


# --- helpers -----------------------------------------------------------------------------

def _month_number(token: str) -> int:
    return _MONTH_FORMS[token.lower().rstrip(".")]


def _day_number(token: str) -> int:
    token = token.lower()
    return 1 if token in ("1er", "1re", "premier") else int(token)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _fmt_day(day: dt.date) -> str:
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTH_NAMES[day.month - 1]} {day.year}"


def _month_key(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _year_near(month: int, ref_year: int, ref_month: int) -> int:
    """The year of a yearless month closest to a reference month (December near January)."""
    diff = month - ref_month
    if diff > 6:
        return ref_year - 1
    if diff < -6:
        return ref_year + 1
    return ref_year


@dataclass(frozen=True)
class _Paragraph:
    start: int
    end: int
    text: str  # folded
    caption: bool
    body: bool


def _paragraphs(folded: str) -> list[_Paragraph]:
    paragraphs = []
    for match in re.finditer(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*", folded):
        chunk = match.group(0)
        if not chunk.strip():
            continue
        caption = bool(_CAPTION_RE.search(chunk))
        stripped = chunk.strip()
        words = len(stripped.split())
        # A body paragraph ends a sentence. One ending on a closing quote or bracket with no
        # sentence end at all is a headline ("Blinken juge certaines exigences « irréalisables »").
        ends = stripped[-1] in ".!?\u2026" or (stripped[-1] in "\u00bb\"')\u201d"
                                               and bool(re.search(r"[.!?\u2026]", stripped)))
        body = not caption and words >= 12 and ends
        paragraphs.append(_Paragraph(match.start(), match.end(), chunk, caption, body))
    return paragraphs


def _clause_before(folded: str, position: int, limit: int = 80) -> str:
    """Text of the current clause before position (stops at a comma, quote or sentence end)."""
    window = folded[max(0, position - limit):position]
    cut = max((m.end() for m in _SENTENCE_END_RE.finditer(window)), default=0)
    window = window[cut:]
    cut = max((m.end() for m in _CLAUSE_BREAK_RE.finditer(window)), default=0)
    return window[cut:]


def _sentence_before(folded: str, position: int, limit: int = 80) -> str:
    window = folded[max(0, position - limit):position]
    cut = max((m.end() for m in _SENTENCE_END_RE.finditer(window)), default=0)
    return window[cut:]


def _last_words(text: str, count: int) -> str:
    return " ".join(text.split()[-count:]) + (" " if text.split() else "")


def _is_future(folded: str, start: int, end: int) -> bool:
    """'doit se rendre mardi', 'mardi prochain', 'Ce vendredi, Blinken est attendu ...'."""
    clause = _clause_before(folded, start)
    if _FUTURE_CUE_RE.search(_last_words(clause, 5)):
        return True
    after = folded[end:end + 200]
    if _AFTER_FUTURE_RE.match(after):
        return True
    fronted = _FRONTED_RE.match(after)
    if fronted and not clause.lower().strip(" ce"):
        # A weekday opening its sentence: the sentence's first verb tells the tense.
        rest = after[fronted.end():]
        rest = rest[:_SENTENCE_END_RE.search(rest).start()] if _SENTENCE_END_RE.search(rest) else rest
        future = _FUTURE_CUE_RE.search(rest)
        past = next((m for m in _PAST_VERB_RE.finditer(rest)
                     if not _FUTURE_CUE_RE.search(m.group(0))), None)
        if future and (past is None or future.start() < past.start()):
            return True
    return False


def _is_relative_past(folded: str, start: int, end: int) -> bool:
    if _AFTER_RELATIVE_RE.match(folded[end:end + 20]):
        return True
    return bool(_PAST_CUE_RE.search(_clause_before(folded, start)))


def _main_weekdays(folded: str, lead: _Paragraph | None) -> tuple[set[int], str | None]:
    """Weekday(s) of the event the lead sentence reports, e.g. 'a insisté mardi' -> {Tuesday}.

    Weekdays of plans ('doit se rendre mardi'), of past reference points ('jeudi dernier',
    'dès samedi') are skipped. 'dans la nuit de lundi à mardi' gives both days.
    """
    if lead is None:
        return set(), None
    night = _NIGHT_RE.search(lead.text)
    candidates: list[tuple[int, int, set[int], str]] = []  # (priority, position, days, span)
    for match in _WEEKDAY_RE.finditer(lead.text):
        start, end = lead.start + match.start(), lead.start + match.end()
        if night and night.start() <= match.start() < night.end():
            if match.start() != night.start("a"):
                continue
            days = {_WEEKDAY_INDEX[night.group("a").lower()], _WEEKDAY_INDEX[night.group("b").lower()]}
            span = night.group(0)
        else:
            days = {_WEEKDAY_INDEX[match.group("wd").lower()]}
            span = match.group(0)
        if _is_future(folded, start, end) or _is_relative_past(folded, start, end):
            continue
        clause = _clause_before(folded, start)
        clause = re.sub(r"(?:\bce|\bdans\s+la\s+nuit\s+de|\bdans\s+la\s+journee\s+de)\s+$", "", clause)
        priority = 0 if _AUX_RE.search(clause) else 1
        candidates.append((priority, start, days, span))
    if not candidates:
        return set(), None
    candidates.sort(key=lambda item: (item[0], item[1]))
    return candidates[0][2], candidates[0][3]


def _past_reference(folded: str, start: int, end: int) -> bool:
    """'depuis le 7 octobre', 'l'attaque du 7 octobre', 'annoncée le 31 mai', '... dernier'."""
    before = _clause_before(folded, start, limit=60)
    if _PAST_MARKER_RE.search(before):
        return True
    participle = _EVENT_PARTICIPLE_RE.search(before)
    if participle and not participle.group("aux") and _EVENT_PARTICIPLES.match(participle.group("part")):
        return True
    return bool(_AFTER_RELATIVE_RE.match(folded[end:end + 20]))


@dataclass(frozen=True)
class _Candidate:
    rank: int  # lower wins
    position: int
    day: dt.date | None  # None: a dateline whose year cannot be told
    span: str
    kind: str  # "dateline" | "weekday-date" | "date" | "anchor"
    end: int


class _Context:
    """What the text says beyond a single date: header month, lead weekday, years mentioned."""

    def __init__(self, header: tuple[int, int] | None, main_days: set[int],
                 years: list[int], window: tuple[int, int]):
        self.header = header
        self.main_days = main_days
        self.years = years
        self.window = window

    def resolve_year(self, day: int, month: int, weekdays: set[int], *,
                     from_lead: bool = False) -> tuple[int | None, str | None]:
        """The year of a yearless date: from the header, else from the weekday.

        weekdays: the date's own weekday ("jeudi 30 novembre"), or with from_lead the lead's
        weekday ("DOHA, 12 juin (AFP) - ... a estimé mercredi"). The lead's weekday may be
        another day than the date's (often the day before a dateline: "a déclaré mardi" in a
        piece datelined Wednesday, which points to the previous year), so it tells the year
        only when it falls on that very date in exactly one year of the window and the text
        mentions no later year; no tie-break.
        """
        if self.header:
            return _year_near(month, *self.header), None
        if not weekdays:
            return None, "no year for the date and no weekday to tell it"
        fits = [year for year in range(self.window[0], self.window[1] + 1)
                if (d := _safe_date(year, month, day)) and d.weekday() in weekdays]
        if from_lead:
            if not fits:
                return None, "the lead's weekday falls on that date in no year of the window"
            if len(fits) > 1:
                return None, "the lead's weekday falls on that date in several years of the window"
            later = [year for year in self.years if year > fits[0]]
            if later:
                return None, (f"the lead's weekday fits {fits[0]} only, "
                              f"but the text mentions {max(later)}")
            return fits[0], None
        if len(fits) == 1:
            return fits[0], None
        if fits and self.years:
            reference = max(self.years)
            fits.sort(key=lambda year: abs(year - reference))
            if len(fits) == 1 or abs(fits[0] - reference) < abs(fits[1] - reference):
                return fits[0], None
        if not fits:
            return None, "no year in the window where the weekday matches the date"
        return None, "several years fit the weekday and the date"


# --- main entry ----------------------------------------------------------------------------

def _parse_header(header: str | None) -> tuple[tuple[int, int] | None, bool]:
    """(year, month) from a 'YYYY-MM' header value, and whether the value was malformed."""
    if header is None:
        return None, False
    match = _HEADER_RE.match(header.strip())
    if match and 1 <= int(match.group("month")) <= 12 and 1900 <= int(match.group("year")) <= 2100:
        return (int(match.group("year")), int(match.group("month"))), False
    return None, True


def extract_date(text: str, header: str | None, *,
                 year_window: tuple[int, int] | None = None) -> DateFinding:
    """Month and reported day of an article.

    text: headline and paragraphs joined with blank lines; header: the raw value after a
    leading "date" header, or None. year_window: the years considered for a date without
    a year when there is no header (default DEFAULT_YEAR_WINDOW).
    """
    header_ym, malformed = _parse_header(header)
    original = _normalize(text or "")
    folded = _fold(original)
    paragraphs = _paragraphs(folded)
    dateline = _find_dateline(paragraphs)
    lead = _lead(paragraphs, dateline)
    if lead is None:
        lead = next((p for p in paragraphs if not p.caption), None)
    main_days, _main_span = _main_weekdays(folded, lead)
    years = [int(m.group("year")) for m in _YEAR_MENTION_RE.finditer(folded)]
    context = _Context(header_ym, main_days, years, year_window or DEFAULT_YEAR_WINDOW)

    problems: list[str] = []
    partials: list[tuple[int, int]] = []  # yearless (month, day) of the article, best first
    candidates = _dateline_candidates(original, dateline, context, problems, partials)
    dateline_end = candidates[0].end if candidates else -1
    candidates += _text_candidates(original, folded, lead, context, problems, dateline_end, partials)
    candidates += _anchor_candidates(original, folded, context)
    candidates.sort(key=lambda c: (c.rank, c.position))
    best = next((c for c in candidates if c.day is not None), None)

    warnings: list[str] = []
    if malformed:
        found = "month taken from the text" if best else "the text gives no month and year either"
        warnings.append(f"malformed date header '{header}' (expected 'date YYYY-MM'); {found}")
    warnings.extend(dict.fromkeys(problems))

    if best is None:
        if header_ym:
            return DateFinding(f"{header_ym[0]:04d}-{header_ym[1]:02d}", None, tuple(warnings), None)
        partial = partials[0] if partials else None
        if header is None:
            if partial:
                warnings.append(f"no date header, and the text gives the day "
                                f"({partial[1]} {MONTH_NAMES[partial[0] - 1]}) but not the year")
            else:
                warnings.append("no date header, and the text gives no month and year "
                                "(no dated dateline, weekday with date, or full date)")
        return DateFinding(None, None, tuple(warnings), None, partial)

    day = best.day
    if header_ym and (day.year, day.month) != header_ym:
        what = "the dateline" if best.kind == "dateline" else "the text"
        warnings.append(f"date header {header_ym[0]:04d}-{header_ym[1]:02d} contradicts {what} "
                        f"({_fmt_day(day)})")
    return DateFinding(_month_key(day), day, tuple(warnings), best.span)


def _find_dateline(paragraphs: list[_Paragraph]) -> tuple[_Paragraph, re.Match] | None:
    """The dateline opening one of the first paragraphs: 'ANKARA, 6 novembre (Reuters) -'."""
    for paragraph in paragraphs[:5]:
        match = _DATELINE_RE.match(paragraph.text)
        if match and match.group("place").lower() not in WEEKDAYS:
            return paragraph, match
    return None


def resolve_partial(partial: tuple[int, int], known_months: collections.Counter[str]) -> str | None:
    """The month ("YYYY-MM") of a yearless (month, day), chosen from the corpus's other articles.

    known_months counts the "YYYY-MM" months of the other articles. The year whose same month
    has the most articles wins; when no article shares the month, the year that puts the date
    nearest to an article's month (by absolute distance in months) wins. Ties go to the year
    with more articles at the next distance (1 month away, then 2, ...). None when
    known_months has no month or two years tie throughout; years where the day does not exist
    (29 February) are skipped.

    >>> from collections import Counter
    >>> resolve_partial((6, 12), Counter({"2024-06": 3, "2023-06": 1, "2023-10": 5}))
    '2024-06'
    >>> resolve_partial((12, 30), Counter({"2024-01": 2, "2024-02": 1}))  # December before January
    '2023-12'
    >>> resolve_partial((6, 12), Counter({"2023-10": 4, "2024-08": 1}))  # 2 months from Aug 2024
    '2024-06'
    >>> resolve_partial((2, 29), Counter({"2023-02": 2, "2024-03": 1}))  # no 29 February in 2023
    '2024-02'
    >>> resolve_partial((7, 1), Counter({"2024-01": 1})) is None  # July 2023 and July 2024 tie
    True
    >>> resolve_partial((6, 12), Counter()) is None
    True
    """
    month, day = partial
    known = {}
    for key, count in known_months.items():
        found = _HEADER_RE.match(key.strip())
        if found and count > 0:
            index = int(found.group("year")) * 12 + int(found.group("month")) - 1
            known[index] = known.get(index, 0) + count
    if not known:
        return None
    years = range(min(known) // 12 - 1, max(known) // 12 + 2)
    reach = max(known) - min(known) + 24
    # Articles 0, 1, 2, ... months away, nearest first: the first distance where one year has
    # more articles than the others decides (years are dropped as soon as they fall behind).
    candidates = [year for year in years if _safe_date(year, month, day) is not None]
    for distance in range(reach + 1):
        if len(candidates) < 2:
            break
        counts = {}
        for year in candidates:
            index = year * 12 + month - 1
            counts[year] = known.get(index - distance, 0) + (known.get(index + distance, 0) if distance else 0)
        most = max(counts.values())
        candidates = [year for year in candidates if counts[year] == most]
    if len(candidates) != 1:
        return None
    return f"{candidates[0]:04d}-{month:02d}"


def _lead(paragraphs: list[_Paragraph],
          dateline: tuple[_Paragraph, re.Match] | None) -> _Paragraph | None:
    """The lead paragraph: the one a dateline opens (even after a long headline), else the
    first body paragraph. A dateline standing alone on its line leads into the next body one."""
    if dateline is not None:
        paragraph, match = dateline
        if len(paragraph.text[match.end():].split()) >= 5:
            return paragraph
        return next((p for p in paragraphs if p.body and p.start >= paragraph.start), None)
    return next((p for p in paragraphs if p.body), None)


def _dateline_candidates(original: str, dateline: tuple[_Paragraph, re.Match] | None,
                         context: _Context, problems: list[str],
                         partials: list[tuple[int, int]]) -> list[_Candidate]:
    if dateline is None:
        return []
    paragraph, match = dateline
    offset = paragraph.start
    span = original[offset + match.start("place"):offset + match.end()].strip()
    day = _resolve(match, context, context.main_days, problems, span)
    if day is None:
        _note_partial(match, partials)
    return [_Candidate(0, offset + match.start("day"), day, span, "dateline", offset + match.end())]


def _note_partial(match: re.Match, partials: list[tuple[int, int]]) -> None:
    """Keep (month, day) of a yearless date without a weekday of its own, when it exists in some year."""
    if match.group("year") or match.groupdict().get("wd"):
        return
    month_n, day_n = _month_number(match.group("month")), _day_number(match.group("day"))
    if _safe_date(2024, month_n, day_n) is not None:  # 2024 is a leap year: 29 février exists
        partials.append((month_n, day_n))


def _text_candidates(original: str, folded: str, lead: _Paragraph | None, context: _Context,
                     problems: list[str], dateline_end: int,
                     partials: list[tuple[int, int]]) -> list[_Candidate]:
    """Dates in the running text that report the article's day, past references left out."""
    main_days, header_ym = context.main_days, context.header
    candidates: list[_Candidate] = []
    for match in _DATE_RE.finditer(folded):
        start, end = match.start(), match.end()
        if start < dateline_end or _past_reference(folded, start, end) or _is_future(folded, start, end):
            continue
        span = original[start:end]
        in_lead = lead is not None and lead.start <= start < lead.end
        own_wd = match.group("wd")
        if own_wd:
            # "mardi 20 août": strong, but must be the day of the lead's event.
            weekday = _WEEKDAY_INDEX[own_wd.lower()]
            if main_days and weekday not in main_days:
                continue
            deictic = bool(re.search(r"\bce\s+$", folded[max(0, start - 4):start], re.IGNORECASE))
            if not (in_lead or main_days or deictic):
                continue
            day = _resolve(match, context, main_days, problems, span)
            if day is None:
                continue
            if not in_lead and header_ym and (day.year, day.month) != header_ym:
                continue
            candidates.append(_Candidate(1 if in_lead else 2, start, day, span, "weekday-date", end))
            continue
        # A plain date: needs the lead weekday to agree, a verb of the lead governing it
        # ("a rencontré le 9 janvier 2024"), or a caption-like place phrase ("à Tel Aviv le ...").
        before = _clause_before(folded, start)
        lead_verb = (in_lead and start < _first_sentence_end(folded, lead)
                     and bool(_AUX_RE.search(re.sub(r"\ble\s+$", "", before))))
        place_before = bool(_PLACE_BEFORE_RE.search(_sentence_before(folded, start, 120)))
        if match.group("year") or header_ym:
            caption_like = bool(match.group("year")) and place_before
            if not (main_days or caption_like or lead_verb):
                continue
        else:
            # No year and no header: only a date governed by the lead's main verb ("a rencontré
            # le 12 juin", not "qui ont été enlevés le 7 octobre"), with the lead's weekday
            # falling on it in exactly one year. Any other yearless date is too weak: "en
            # Israël le 7 octobre" would take 2025 from a lead "mardi".
            if not lead_verb or _RELATIVE_RE.search(before):
                continue
            if not main_days:
                _note_partial(match, partials)
                continue
        day = _resolve(match, context, main_days, [], span)
        if day is None:
            if not (match.group("year") or header_ym):
                _note_partial(match, partials)
            continue
        if header_ym and (day.year, day.month) != header_ym:
            continue
        if main_days and day.weekday() not in main_days:
            continue
        candidates.append(_Candidate(3, start, day, _evidence_with_le(original, start, end), "date", end))
    return candidates


def _first_sentence_end(folded: str, paragraph: _Paragraph) -> int:
    """End of the paragraph's first sentence ('M. Blinken' does not end one)."""
    found = re.search(r"(?<![A-Z])[.!?](?=\s+[A-Z\u00ab\"'])", folded[paragraph.start:paragraph.end])
    return paragraph.start + found.end() if found else paragraph.end


def _anchor_candidates(original: str, folded: str, context: _Context) -> list[_Candidate]:
    """'cinq jours après l'attaque du 7 octobre' when it lands on the lead's weekday."""
    if not context.main_days:
        return []
    candidates = []
    for match in _ANCHOR_RE.finditer(folded):
        base = _resolve(match, context, set(), [], match.group(0))
        if base is None:
            continue
        if match.group("n"):
            token = match.group("n").lower()
            offset = _NUMBER_WORDS.get(token) or int(token)
        else:
            offset = 1 if match.group("next") else -1
        day = base + dt.timedelta(days=offset)
        if day.weekday() not in context.main_days:
            continue
        if context.header and (day.year, day.month) != context.header:
            continue
        candidates.append(_Candidate(4, match.start(), day, original[match.start():match.end()],
                                     "anchor", match.end()))
    return candidates


def _evidence_with_le(original: str, start: int, end: int) -> str:
    before = original[max(0, start - 3):start]
    if before.lower() == "le ":
        start -= 3
    return original[start:end]


def _resolve(match: re.Match, context: _Context, main_days: set[int], problems: list[str],
             span: str) -> dt.date | None:
    """The calendar day of a matched date; None (with a problem noted) when it cannot be told."""
    day_n = _day_number(match.group("day"))
    month_n = _month_number(match.group("month"))
    own_wd = match.groupdict().get("wd")
    weekdays = {_WEEKDAY_INDEX[own_wd.lower()]} if own_wd else set(main_days)
    if match.group("year"):
        year = int(match.group("year"))
    else:
        year, problem = context.resolve_year(day_n, month_n, weekdays, from_lead=not own_wd)
        if year is None:
            problems.append(f"cannot tell the year of '{span}': {problem}")
            return None
    day = _safe_date(year, month_n, day_n)
    if day is None:
        problems.append(f"'{span}' is not a calendar date")
        return None
    if own_wd and day.weekday() != _WEEKDAY_INDEX[own_wd.lower()]:
        problems.append(f"'{span}': {_fmt_day(day)} is not a {own_wd.lower()}; day left undetermined")
        return None
    return day
