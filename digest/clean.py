"""Turn the raw text of a scraped article into its parts.

A scraped article is a plain-text file: an optional `` date YYYY-MM `` header
glued to the first line, maybe a headline, the body in paragraphs separated by
blank lines, and whatever the scraper caught around it: site chrome (search,
share, breadcrumbs, subscription banners), photo captions, credit lines, and a
truncated teaser that repeats the opening at the end.

`decode` turns bytes into text; `clean` splits the text into a `Cleaned`
record; `make_title` and `make_lead` derive a page title and description.
Everything here is pure: the only file read is the pattern data file
``digest/data/boilerplate.yaml``, once. The rules are general mechanisms; the
French words and site patterns they use live in that data file.

The guiding rule is that a real body sentence must never be lost: when a
paragraph cannot be told apart from the body with confidence, it stays in the
body.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import charset_normalizer
import yaml

__all__ = [
    "Block",
    "Cleaned",
    "DecodeError",
    "agency_names",
    "clean",
    "decode",
    "is_caption",
    "is_chrome",
    "is_credit",
    "make_lead",
    "make_title",
    "normalize_newlines",
    "shorten",
    "split_sentences",
    "strip_dateline",
    "tidy",
]

BOILERPLATE_PATH = Path(__file__).resolve().parent / "data" / "boilerplate.yaml"


# ---------------------------------------------------------------------------
# Decoding
# ---------------------------------------------------------------------------


class DecodeError(ValueError):
    """The bytes are not a text article (empty, binary, or undecodable)."""


# File signatures of the binary formats a scraper most often saves by mistake.
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"PK\x03\x04", "ZIP/Office"),
    (b"\xd0\xcf\x11\xe0", "MS Office"),
    (b"\x1f\x8b", "gzip"),
    (b"\x7fELF", "ELF"),
    (b"RIFF", "RIFF/WebP"),
    (b"OggS", "Ogg"),
    (b"ID3", "MP3"),
)

# Byte-order marks, longest first (UTF-32 LE starts with the UTF-16 LE mark).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)

# Above this share of control characters, decoded "text" is really binary.
_MAX_CONTROL_RATIO = 0.05

# Characters a French article legitimately uses beyond ASCII. Used to choose
# between legacy single-byte encodings, which all decode without error.
_FRENCH_EXTRA = set(
    "àâäáçéèêëíîïñóôöùûüúÿœæÀÂÄÁÇÉÈÊËÍÎÏÑÓÔÖÙÛÜÚŸŒÆ"
    "«»‘’‚“”„–—…•€°§©®™ \u00a0\u202f\u2009"
)


def decode(data: bytes) -> tuple[str, str]:
    """Decode an article's bytes; return ``(text, encoding name)``.

    UTF-8 is tried first because it fails loudly on anything else; a BOM
    decides for UTF-8-sig/UTF-16/UTF-32; legacy single-byte text is decoded
    with the most plausible candidate (Windows-1252 first, then
    charset-normalizer's guesses). Line endings become ``\\n``.

    >>> decode("Trêve à Gaza\\r\\n".encode("cp1252"))
    ('Trêve à Gaza\\n', 'cp1252')
    """
    if not data:
        raise DecodeError("empty file")
    kind = _binary_signature(data)
    if kind:
        raise DecodeError(f"binary content ({kind} file signature)")

    text, encoding = _decode_bytes(data)
    text = text.lstrip("\ufeff")
    if "\x00" in text:
        raise DecodeError("binary content (NUL bytes)")
    if not text.strip():
        raise DecodeError("empty file (whitespace only)")
    if _control_ratio(text) > _MAX_CONTROL_RATIO:
        raise DecodeError("binary content (mostly non-printable characters)")
    return normalize_newlines(text), encoding


def normalize_newlines(text: str) -> str:
    """Turn CRLF and lone CR line endings into LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _binary_signature(data: bytes) -> str | None:
    """Name the binary format whose signature starts ``data``, if any."""
    for magic, name in _BINARY_MAGIC:
        if data.startswith(magic):
            return name
    return None


def _decode_bytes(data: bytes) -> tuple[str, str]:
    """Pick an encoding and decode; raise `DecodeError` if nothing fits."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {encoding} after its byte-order mark: {exc.reason}") from exc
    if b"\x00" in data:
        utf16 = _sniff_utf16_without_bom(data)
        if utf16 is None:
            raise DecodeError("binary content (NUL bytes)")
        return utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _decode_legacy(data)


def _sniff_utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """Recognise BOM-less UTF-16: mostly-ASCII text has NULs on one side only."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    half = len(data) // 2
    for encoding, nuls, other in (("utf-16-le", odd_nuls, even_nuls), ("utf-16-be", even_nuls, odd_nuls)):
        if nuls >= 0.6 * half and other == 0:
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                return None
    return None


def _decode_legacy(data: bytes) -> tuple[str, str]:
    """Decode non-UTF-8 bytes with the candidate that reads most like French.

    charset-normalizer alone often guesses cp1250 or cp1006 for short French
    text, so its guesses compete with Windows-1252 (the usual legacy encoding
    of French web text), scored on how French the non-ASCII characters look.
    """
    candidates = ["cp1252"]
    try:
        matches = charset_normalizer.from_bytes(data)
        candidates += [m.encoding for m in list(matches)[:5]]
    except Exception:  # a detector failure must not hide the cp1252 reading
        pass
    candidates.append("latin-1")

    best: tuple[float, str, str] | None = None
    for encoding in dict.fromkeys(candidates):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        score = _french_score(text)
        if best is None or score > best[0]:
            best = (score, text, encoding)
    if best is None:  # pragma: no cover - latin-1 decodes any bytes
        raise DecodeError("undecodable text")
    return best[1], best[2]


def _french_score(text: str) -> float:
    """Share of non-ASCII characters that French text commonly uses (1.0 if none)."""
    extra = _NON_ASCII.findall(text)
    if not extra:
        return 1.0
    return sum(c in _FRENCH_EXTRA for c in extra) / len(extra)


def _control_ratio(text: str) -> float:
    """Share of control/unassigned characters, line breaks and tabs excepted."""
    # ASCII has only controls to count; other characters are few, so only they are looked up.
    bad = len(_ASCII_CONTROL.findall(text)) + sum(
        1 for c in _NON_ASCII.findall(text) if unicodedata.category(c) in ("Cc", "Co", "Cn") or c == "\ufffd"
    )
    return bad / len(text)


_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")  # Cc, but line breaks, tabs and form feeds
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


# ---------------------------------------------------------------------------
# Result types
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """One piece of the real body: a ``"paragraph"`` or a ``"heading"`` (subhead)."""

    kind: str
    text: str


@dataclass(frozen=True)
class Cleaned:
    """An article split into its parts; see `clean`."""

    header: str | None
    header_line: int | None
    headline: str | None
    blocks: tuple[Block, ...]
    captions: tuple[str, ...]
    credits: tuple[str, ...]
    dropped: tuple[str, ...]


# ---------------------------------------------------------------------------
# Pattern data
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Rules:
    """Compiled content of boilerplate.yaml."""

    chrome_exact: frozenset[str]
    chrome_prefixes: tuple[str, ...]
    chrome_patterns: tuple[re.Pattern[str], ...]
    credit_patterns: tuple[re.Pattern[str], ...]
    caption_credit_patterns: tuple[re.Pattern[str], ...]
    caption_dated_place_patterns: tuple[re.Pattern[str], ...]
    month: re.Pattern[str]
    agencies: tuple[str, ...]
    abbreviations: frozenset[str]
    title_stopwords: frozenset[str]
    subject_verbs: frozenset[str]
    leading_role: re.Pattern[str]


def _require_list(raw: dict, *keys: str) -> list[str]:
    """Fetch a list of strings at ``raw[k1][k2]...``, naming the key when it is wrong."""
    node: object = raw
    for key in keys:
        if not isinstance(node, dict) or key not in node:
            raise ValueError(f"{BOILERPLATE_PATH.name}: missing key {'.'.join(keys)}")
        node = node[key]
    if not isinstance(node, list) or not all(isinstance(item, str) for item in node):
        raise ValueError(f"{BOILERPLATE_PATH.name}: {'.'.join(keys)} must be a list of strings")
    return node


def _compile_all(patterns: Iterable[str], where: str, expand: dict[str, str]) -> tuple[re.Pattern[str], ...]:
    """Compile case-insensitive regexes after expanding ``<AGENCY>``/``<MONTH>``."""
    compiled = []
    for pattern in patterns:
        for placeholder, alternation in expand.items():
            pattern = pattern.replace(placeholder, alternation)
        try:
            compiled.append(re.compile(pattern, re.IGNORECASE))
        except re.error as exc:
            raise ValueError(f"{BOILERPLATE_PATH.name}: bad regex in {where}: {pattern!r}: {exc}") from exc
    return tuple(compiled)


def _load_rules_from(raw: dict) -> _Rules:
    """Validate and compile the parsed YAML data."""
    if not isinstance(raw, dict):
        raise ValueError(f"{BOILERPLATE_PATH.name}: top level must be a mapping")
    agencies = sorted(_require_list(raw, "agencies"), key=len, reverse=True)
    months = _require_list(raw, "months")
    expand = {
        "<AGENCY>": "|".join(re.escape(a) for a in agencies),
        # month entries are regex fragments ("janv\.?"), longest first
        "<MONTH>": "|".join(sorted(months, key=len, reverse=True)),
    }
    return _Rules(
        chrome_exact=frozenset(_match_key(s) for s in _require_list(raw, "chrome", "exact")),
        chrome_prefixes=tuple(_match_key(s) for s in _require_list(raw, "chrome", "prefixes")),
        chrome_patterns=_compile_all(_require_list(raw, "chrome", "patterns"), "chrome.patterns", expand),
        credit_patterns=_compile_all(_require_list(raw, "credits"), "credits", expand),
        caption_credit_patterns=_compile_all(
            _require_list(raw, "captions", "credit_patterns"), "captions.credit_patterns", expand
        ),
        caption_dated_place_patterns=_compile_all(
            _require_list(raw, "captions", "dated_place_patterns"), "captions.dated_place_patterns", expand
        ),
        month=re.compile(f"(?:{expand['<MONTH>']})", re.IGNORECASE),
        agencies=tuple(agencies),
        abbreviations=frozenset(a.casefold() for a in _require_list(raw, "french", "abbreviations")),
        title_stopwords=frozenset(w.casefold() for w in _require_list(raw, "french", "title_stopwords")),
        subject_verbs=frozenset(w.casefold() for w in _require_list(raw, "french", "subject_verbs")),
        leading_role=_leading_role_pattern(
            _require_list(raw, "french", "role_capitals"), _require_list(raw, "french", "name_particles")
        ),
    )


def _leading_role_pattern(role_capitals: list[str], particles: list[str]) -> re.Pattern[str]:
    """Regex for "[Ce lundi, ]le <job title>[,] <Name>[,] <lower-case word>".

    The job title is one to six lower-case words (or listed capitalised ones
    such as "Premier"); the name is two to five capitalised words, particles
    allowed inside. Groups: ``lead`` (a short opening phrase), ``role``,
    ``name``, ``rest`` (what follows), ``before`` and ``after`` (the commas
    around the name, if any).
    """
    role_word = "(?:[a-zà-ÿ][\\w'’\\-]*|" + "|".join(re.escape(w) for w in role_capitals) + ")"
    capital = "[A-ZÀ-Ý][\\w'’\\-]+"
    particle = "(?:" + "|".join(re.escape(p) for p in particles) + ")"
    name = f"{capital}(?:\\s+(?:{particle}\\s+)*{capital}){{1,4}}"
    return re.compile(
        f"(?P<lead>[^,]{{1,40}},\\s+)?(?:(?:[Ll]e|[Ll]a)\\s+|[Ll]['’])"
        f"(?P<role>{role_word}(?:\\s+{role_word}){{0,5}})\\s*(?P<before>,?)\\s+"
        f"(?P<name>{name})\\s*(?P<after>,?)\\s+(?P<rest>[a-zà-ÿ].*)",
        re.DOTALL,
    )


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    """Load boilerplate.yaml once per process."""
    with BOILERPLATE_PATH.open(encoding="utf-8") as handle:
        return _load_rules_from(yaml.safe_load(handle))


def agency_names() -> tuple[str, ...]:
    """The news and picture agencies of boilerplate.yaml ("AFP", "Belga"): they sign, they are nobody met."""
    return _rules().agencies


# ---------------------------------------------------------------------------
# Whitespace
# ---------------------------------------------------------------------------

# Any whitespace except the newline.
_SPACE_RUN = re.compile(r"[^\S\n]+")


def _collapse_space(match: re.Match[str]) -> str:
    """One space for a run; a non-breaking one if the run had one (French typography)."""
    run = match.group()
    if "\u202f" in run:
        return "\u202f"
    if "\u00a0" in run:
        return "\u00a0"
    return " "


def tidy(text: str) -> str:
    """Strip a line or paragraph and collapse inner whitespace runs.

    Quotes and apostrophes are left exactly as written; NBSP and NNBSP are
    kept (as single characters) since French typography relies on them.
    """
    if "\u00a0" not in text and "\u202f" not in text:
        return _SPACE_RUN.sub(" ", text).strip()  # the common case, without a call per run
    return _SPACE_RUN.sub(_collapse_space, text).strip()


def _match_key(text: str) -> str:
    """Form of a line used only for pattern matching (never shown)."""
    return " ".join(text.replace("’", "'").split()).casefold()


# ---------------------------------------------------------------------------
# Header
# ---------------------------------------------------------------------------

_HEADER_START = re.compile(r"[ \t\u00a0\ufeff]*(?:date|(?i:date)(?=\s*:?\s+\d))\s*:?(?=\s|$)")
_HEADER_TOKEN = re.compile(r"[ \t\u00a0]+(\S+)")
_DATEISH_TOKEN = re.compile(r"[\d][\d\-/.:]*|[\-/.]+")


def _split_header(lines: list[str]) -> tuple[str | None, int | None, list[str]]:
    """Cut a leading ``date <value>`` header off the first non-blank line.

    The value is the raw token run after ``date`` (digits, separators and
    month names, or one other lower-case word such as ``soon``); whatever
    follows on the same line is the start of the article.
    """
    for index, line in enumerate(lines):
        if line.strip():
            break
    else:
        return None, None, lines
    match = _HEADER_START.match(line)
    if not match:
        return None, None, lines

    tokens: list[str] = []
    position = match.end()
    while True:
        token_match = _HEADER_TOKEN.match(line, position)
        if not token_match:
            break
        token = token_match.group(1)
        if tokens and not _continues_date(tokens, token):
            break
        if not tokens and _starts_sentence(token):
            break  # "date Le secrétaire ...": a header with no value
        tokens.append(token)
        position = token_match.end()
    rest = line[position:]
    new_lines = list(lines)
    new_lines[index] = rest
    return " ".join(tokens), index + 1, new_lines


# A header value has at most this many tokens ("12 novembre 2023").
_MAX_HEADER_TOKENS = 3


def _continues_date(tokens: list[str], token: str) -> bool:
    """True when ``token`` extends a spaced date value ("nov 2023", "2023 11").

    A first token that is already a full value ("2023-11", with a separator)
    or a word ("soon") takes nothing more, so a body that begins with a number
    is not swallowed.
    """
    if len(tokens) >= _MAX_HEADER_TOKENS:
        return False
    if any(not (t.isdigit() or _rules().month.fullmatch(t) or _DATEISH_TOKEN.fullmatch(t)) for t in tokens):
        return False
    if re.search(r"\d[\-/.]\d", tokens[0]):
        return False
    return bool(_DATEISH_TOKEN.fullmatch(token) or _rules().month.fullmatch(token))


def _starts_sentence(token: str) -> bool:
    """True for a capitalised word that is not a month name (the body has begun)."""
    return token[:1].isupper() and not _rules().month.fullmatch(token)


# ---------------------------------------------------------------------------
# Line and paragraph classification
# ---------------------------------------------------------------------------

_TERMINAL = ".!?…"
_CLOSERS = "»”\"')]’ \u00a0\u202f"
_OPENERS = "«“\"'(["


def is_chrome(line: str) -> bool:
    """True when a line is site chrome (menu, share, breadcrumb, banner, link)."""
    key = _match_key(line)
    if not key:
        return False
    rules = _rules()
    if key.rstrip(" :") in rules.chrome_exact:
        return True
    if key.startswith(rules.chrome_prefixes):
        return True
    return any(pattern.search(key) for pattern in rules.chrome_patterns)


def is_credit(paragraph: str) -> bool:
    """True when a whole paragraph is a credit line ("(Avec AFP)", "/ATS", ...)."""
    text = " ".join(paragraph.replace("’", "'").split())
    if len(text) > 500:
        return False
    return any(pattern.fullmatch(text) for pattern in _rules().credit_patterns)


def is_caption(paragraph: str) -> bool:
    """True when a paragraph is a photo caption.

    Either it ends with a photo credit ("Photo X / AFP", "(Photo: ...)",
    "© AFP"), or it is a single quote-free sentence ending like a wire photo
    caption: "<place>, <Country>, le <day> <month> <year>."
    """
    text = " ".join(paragraph.split())
    if _has_photo_credit(text):
        return True
    if any(quote in text for quote in "«»“”\""):
        return False
    # The patterns first: they rule out most paragraphs for much less than splitting them.
    return any(pattern.search(text) for pattern in _rules().caption_dated_place_patterns) \
        and len(split_sentences(text)) == 1


def _has_photo_credit(text: str) -> bool:
    """True when text ends with a photo credit ("Photo X / AFP", "© AFP", ...)."""
    text = " ".join(text.split())
    return any(pattern.search(text) for pattern in _rules().caption_credit_patterns)


def _ends_sentence(text: str) -> bool:
    """True when text ends with sentence punctuation, closing quotes aside."""
    core = text.rstrip(_CLOSERS)
    return bool(core) and core[-1] in _TERMINAL


def _ends_with_abbreviation(text: str) -> bool:
    """True for "... M." or "... J." (a period that does not end a sentence).

    Listed abbreviations match in any case; a lone capital letter is an
    initial ("Joe R. Biden"), while a lone lower-case word such as "a" can
    end a sentence.
    """
    if not text.endswith("."):
        return False
    words = text[:-1].split()
    if not words:
        return False
    word = words[-1].lstrip("(«\"“")
    return word.casefold() in _rules().abbreviations or (len(word) == 1 and word.isupper())


def _starts_new_unit(text: str) -> bool:
    """True when a line starts like a sentence (capital, digit, quote, dash)."""
    first = text.lstrip(_OPENERS + " \u00a0\u202f")[:1]
    return bool(first) and (first.isupper() or first.isdigit() or text[:1] in _OPENERS + "-–—")


def _looks_like_heading(text: str, max_words: int = 14, max_chars: int = 120) -> bool:
    """A short line with no sentence punctuation at its end: a subhead or headline.

    It may end with a closing quote, "?" or "!" but not with ".", ":", ",",
    ";", a dash or an ellipsis, and must not start in lower case (a wrapped
    sentence's continuation).
    """
    if not text or len(text) > max_chars or len(text.split()) > max_words:
        return False
    core = text.rstrip(_CLOSERS)
    if not core or core[-1] in ".:;,-–—…" or core.endswith("..."):
        return False
    first = text.lstrip(_OPENERS + " \u00a0\u202f")[:1]
    if not first or first.islower():
        return False
    return any(c.isalpha() for c in text)


# ---------------------------------------------------------------------------
# Paragraph assembly
# ---------------------------------------------------------------------------


@dataclass
class _Para:
    """A paragraph under assembly: its text and how many source lines it joined."""

    text: str
    lines: int


def _group_lines(lines: list[str]) -> list[list[str]]:
    """Split lines into groups at blank lines (NBSP-only lines count as blank)."""
    groups: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        stripped = tidy(line)
        if stripped:
            current.append(stripped)
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def _paragraphs_of_group(group: list[str]) -> list[_Para]:
    """Join a group's lines into paragraphs.

    Lines are joined with a space (a sentence wrapped over a single newline),
    except where a line ends a unit and the next starts one: after a sentence
    end or a heading-like line, before a capital; credit lines and lines
    ending with a photo credit stand alone. In hard-wrapped text a line that
    reaches the wrap width always continues on the next line.
    """
    width = max(len(line) for line in group)
    wrapped = _looks_hard_wrapped(group)
    paragraphs: list[_Para] = []
    current = [group[0]]
    for index in range(1, len(group)):
        previous, line = group[index - 1], group[index]
        if wrapped and len(previous) >= 0.6 * width:
            split = index == len(group) - 1 and is_credit(line)
        else:
            split = _is_unit_boundary(previous, line)
        if split:
            paragraphs.append(_Para(tidy(" ".join(current)), len(current)))
            current = [line]
        else:
            current.append(line)
    paragraphs.append(_Para(tidy(" ".join(current)), len(current)))
    return paragraphs


def _is_unit_boundary(previous: str, line: str) -> bool:
    """True when a single newline between two lines separates two units."""
    if is_credit(line) or is_credit(previous) or _has_photo_credit(previous):
        return True
    ends_unit = (_ends_sentence(previous) and not _ends_with_abbreviation(previous)) or _looks_like_heading(
        previous, max_words=30, max_chars=200
    )
    return ends_unit and _starts_new_unit(line)


# Hard-wrapped text: lines no longer than this, most of them near the widest.
_WRAP_MAX_WIDTH = 100
_WRAP_NEAR_WIDTH = 0.75


def _looks_hard_wrapped(group: list[str]) -> bool:
    """True when a group's lines look cut at a fixed width (3+ lines of similar length)."""
    if len(group) < 3:
        return False
    width = max(len(line) for line in group)
    if width > _WRAP_MAX_WIDTH:
        return False
    body_lines = group[:-1]
    near = sum(len(line) >= _WRAP_NEAR_WIDTH * width for line in body_lines)
    return near >= _WRAP_NEAR_WIDTH * len(body_lines)


_DANGLING_DATELINE = re.compile(r".{1,80}[-–—]$")


def _merge_dangling_datelines(paragraphs: list[_Para]) -> list[_Para]:
    """Glue a dateline left alone on its line ("DOHA (AFP) -") to the next paragraph."""
    merged: list[_Para] = []
    for para in paragraphs:
        if merged and _DANGLING_DATELINE.fullmatch(merged[-1].text) and _DATELINE.match(merged[-1].text + " x"):
            previous = merged.pop()
            para = _Para(previous.text + " " + para.text, previous.lines + para.lines)
        merged.append(para)
    return merged


# ---------------------------------------------------------------------------
# Repeats and teasers
# ---------------------------------------------------------------------------

_ELLIPSIS_END = re.compile(r"(?:…|\.{3,})\s*$")
# How closely a teaser must match the opening it repeats.
_TEASER_MIN_RATIO = 0.9
_TEASER_MIN_CHARS = 40


def _squeeze(text: str) -> str:
    """Text without any whitespace, case-folded: glued paragraphs compare equal."""
    return "".join(text.split()).casefold()


def _is_teaser(candidate: str, earlier: list[str]) -> bool:
    """True when ``candidate`` is a cut ("…"/"...") copy of text that came earlier.

    The teaser may glue several earlier paragraphs together without a space
    and may differ slightly (near-prefix), so it is compared, without
    whitespace, with the earlier paragraphs concatenated from each start.
    ``earlier`` holds those paragraphs already squeezed (see ``_squeeze``).
    """
    if not _ELLIPSIS_END.search(candidate):
        return False
    probe = _squeeze(_ELLIPSIS_END.sub("", candidate))
    if len(probe) < _TEASER_MIN_CHARS:
        return False
    for start in range(len(earlier)):
        head = _joined_prefix(earlier, start, len(probe))
        if len(head) < len(probe) - 2:
            break
        if head == probe or _similar(head, probe):
            return True
    return False


def _joined_prefix(texts: list[str], start: int, length: int) -> str:
    """``"".join(texts[start:])[:length]``, joining only what it needs: long articles stay linear."""
    parts: list[str] = []
    size = 0
    for text in texts[start:]:
        if size >= length:
            break
        parts.append(text)
        size += len(text)
    return "".join(parts)[:length]


def _similar(head: str, probe: str) -> bool:
    """SequenceMatcher's ratio reaches _TEASER_MIN_RATIO; its cheap upper bounds rule most texts out first."""
    matcher = SequenceMatcher(None, head, probe, autojunk=False)
    return (matcher.real_quick_ratio() >= _TEASER_MIN_RATIO and matcher.quick_ratio() >= _TEASER_MIN_RATIO
            and matcher.ratio() >= _TEASER_MIN_RATIO)


# ---------------------------------------------------------------------------
# clean
# ---------------------------------------------------------------------------


def clean(text: str) -> Cleaned:
    """Split an article's text into header, headline, body blocks and the rest.

    Steps: cut the date header; drop chrome lines; assemble paragraphs; set
    credit lines and photo captions aside; take a short first line as the
    headline; drop repeated paragraphs and cut teasers of earlier text; label
    short unpunctuated lines as subheads. Nothing is silently discarded:
    every removed line is in ``dropped``, ``captions`` or ``credits``.
    """
    lines = normalize_newlines(text).lstrip("\ufeff").split("\n")
    header, header_line, lines = _split_header(lines)

    dropped: list[str] = []
    kept_lines: list[str] = []
    for line in lines:
        if is_chrome(line):
            dropped.append(tidy(line))
            kept_lines.append("")  # chrome also ends the paragraph it sat in
        else:
            kept_lines.append(line)

    paragraphs: list[_Para] = []
    for group in _group_lines(kept_lines):
        paragraphs.extend(_paragraphs_of_group(group))
    paragraphs = _merge_dangling_datelines(paragraphs)

    captions: list[str] = []
    credits: list[str] = []
    content: list[_Para] = []
    for para in paragraphs:
        if is_credit(para.text):
            credits.append(para.text)
        elif is_caption(para.text):
            captions.append(para.text)
        else:
            content.append(para)

    headline = _pop_headline(content, dropped)
    body = _drop_repeats(content, headline, dropped)
    blocks = tuple(
        Block("heading" if _looks_like_heading(para.text) else "paragraph", para.text)
        for para in body
    )
    return Cleaned(
        header=header,
        header_line=header_line,
        headline=headline,
        blocks=blocks,
        captions=tuple(captions),
        credits=tuple(credits),
        dropped=tuple(dropped),
    )


# A section label or kicker above a headline has at most this many words.
_LABEL_MAX_WORDS = 3


def _pop_headline(content: list[_Para], dropped: list[str]) -> str | None:
    """Remove and return the headline from the start of ``content``, if any.

    A very short heading-like line directly above a longer headline is a
    section label or kicker ("Moyen-Orient", "ANALYSE") that the chrome
    patterns did not know: it goes to ``dropped``, not into the body.
    """
    if (
        len(content) > 2
        and len(content[0].text.split()) <= _LABEL_MAX_WORDS
        and len(content[1].text.split()) > len(content[0].text.split())
        and _looks_like_heading(content[0].text)
        and _is_headline(content[1], content[2])
    ):
        dropped.append(content.pop(0).text)
    if len(content) > 1 and _is_headline(content[0], content[1]):
        return content.pop(0).text
    return None


def _is_headline(first: _Para, following: _Para) -> bool:
    """A first line is the headline when it reads like one and the body follows.

    A headline is short (one line, or two if wrapped), has no dateline and
    no final period; it is followed by something longer than itself (the
    body), so a lone short first sentence is not mistaken for it.
    """
    if first.lines > 2 or _DATELINE.match(first.text):
        return False
    if not _looks_like_heading(first.text, max_words=30, max_chars=200):
        return False
    return len(following.text) > len(first.text) or following.lines > 1


def _drop_repeats(content: list[_Para], headline: str | None, dropped: list[str]) -> list[_Para]:
    """Remove exact repeats (first copy kept) and cut teasers of earlier text.

    A teaser usually closes the page, but it is recognised anywhere after
    the text it copies, so unknown trailing junk does not hide it.
    """
    seen = {_match_key(headline)} if headline else set()
    earlier = [_squeeze(headline)] if headline else []
    body: list[_Para] = []
    for para in content:
        key = _match_key(para.text)
        if key in seen or _is_teaser(para.text, earlier):
            dropped.append(para.text)
            continue
        seen.add(key)
        earlier.append(_squeeze(para.text))
        body.append(para)
    return body


# ---------------------------------------------------------------------------
# Sentences, titles and leads
# ---------------------------------------------------------------------------

# "TEL AVIV, 12 octobre (Reuters) - ", "Jérusalem, 7 fév 2024 (AFP) - ", "DOHA (Reuters) – "
# A place starting with a capital, an optional date, a capitalised agency in
# brackets, a dash.
_DATELINE = re.compile(r"[A-ZÀ-Ý][^()\n]{0,60}?\s*\(\s*[A-ZÀ-Ý][\w .'’&/-]{0,30}\)\s*[-–—]+\s+")


def strip_dateline(text: str) -> str:
    """Remove a leading wire dateline ("DOHA, 13 octobre (AFP) - ") from a paragraph."""
    match = _DATELINE.match(text)
    if match and text[match.end() :][:1].strip():
        return text[match.end() :]
    return text


_OPEN_QUOTES = "«“"
_CLOSE_QUOTES = "»”"


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences.

    A sentence ends at ``.``, ``!``, ``?`` or ``…`` (with any closing quotes
    after it) when a capital, a digit, a quote or a dash follows after a
    space. It does not end after an abbreviation ("M.", "MM.", an initial),
    inside a number ("1.140") or inside a quotation. If the quotation marks
    do not balance, quotes are ignored rather than swallowing the paragraph.

    >>> split_sentences("M. Blinken est arrivé. « Bonjour. Merci », a-t-il dit. Puis il est parti.")
    ['M. Blinken est arrivé.', '« Bonjour. Merci », a-t-il dit.', 'Puis il est parti.']
    """
    text = tidy(text)
    if not text:
        return []
    cuts = _sentence_cuts(text, track_quotes=True)
    if cuts is None:
        cuts = _sentence_cuts(text, track_quotes=False) or []
    sentences = []
    start = 0
    for cut in cuts:
        sentences.append(text[start:cut].strip())
        start = cut
    sentences.append(text[start:].strip())
    return [s for s in sentences if s]


_TERMINAL_CHAR = re.compile(r"[.!?…]")
_QUOTE_CHAR = re.compile(r'[«“»”"]')
# How far around a full stop the next sentence's start and the last word are looked for;
# farther only in the rare case this window holds nothing else (a long run of spaces).
_LOOK_AROUND = 100


def _sentence_cuts(text: str, track_quotes: bool) -> list[int] | None:
    """Offsets where sentences end; None if quote tracking found unbalanced quotes.

    Jumps from one end mark to the next and looks only near each one, so a long paragraph
    costs its length, not its length times its sentences.
    """
    quotes = _QuoteState()
    cuts: list[int] = []
    i = 0
    while True:
        found = _TERMINAL_CHAR.search(text, i)
        if track_quotes:
            quotes.feed_span(text, i, found.start() if found else len(text))
        if not found:
            break
        i = found.start()
        char = text[i]
        end = i + 1
        while end < len(text) and text[end] in _TERMINAL:
            end += 1
        end = _skip_closers(text, end, quotes if track_quotes else None)
        if (
            end < len(text)
            and text[end].isspace()
            and not quotes.inside
            and _new_unit_at(text, end)
            and not (char == "." and _abbreviation_before(text, i))
        ):
            cuts.append(end)
        i = end
    if track_quotes and quotes.inside:
        return None
    return cuts


def _new_unit_at(text: str, start: int) -> bool:
    """``_starts_new_unit(text[start:].lstrip())``, reading only the first characters."""
    window = text[start:start + _LOOK_AROUND].lstrip()
    if start + _LOOK_AROUND < len(text) and not window.lstrip(_OPENERS + " \u00a0\u202f"):
        window = text[start:].lstrip()
    return _starts_new_unit(window)


def _abbreviation_before(text: str, stop: int) -> bool:
    """``_ends_with_abbreviation(text[:stop + 1])``, reading only the last word before the full stop."""
    start = max(0, stop - _LOOK_AROUND)
    before = text[start:stop].rstrip()
    if start and not any(char.isspace() for char in before):
        start = 0  # the last word may begin before the window
    return _ends_with_abbreviation(text[start:stop + 1])


class _QuoteState:
    """Tracks whether a position is inside a quotation (« », “ ”, straight ")."""

    def __init__(self) -> None:
        self.depth = 0
        self.straight_open = False

    @property
    def inside(self) -> bool:
        return self.depth > 0 or self.straight_open

    def feed(self, char: str) -> None:
        if char in _OPEN_QUOTES:
            self.depth += 1
        elif char in _CLOSE_QUOTES:
            self.depth = max(0, self.depth - 1)
        elif char == '"':
            self.straight_open = not self.straight_open

    def feed_span(self, text: str, start: int, stop: int) -> None:
        """feed() every quotation mark of text[start:stop], in order."""
        for match in _QUOTE_CHAR.finditer(text, start, stop):
            self.feed(match.group())


def _skip_closers(text: str, end: int, quotes: _QuoteState | None) -> int:
    """Move past closing quotes/brackets after a sentence's final punctuation.

    French puts a (non-breaking) space before a closing guillemet, so a space
    followed by "»" or "”" is skipped too.
    """
    while end < len(text):
        char = text[end]
        if char in '»”")]':
            if quotes is not None:
                quotes.feed(char)
            end += 1
        elif char.isspace() and text[end + 1 : end + 2] in ("»", "”"):
            end += 1
        else:
            break
    return end


def make_title(cleaned: Cleaned, max_len: int = 90) -> str:
    """A page title: the headline, else the opening sentence shortened.

    The opening sentence loses its dateline, its final period and a leading
    job title before a name; if too long it stops at a late clause boundary
    or is cut at a word (marked "…"), never leaving a dangling function word,
    punctuation or an unclosed quote.
    """
    if cleaned.headline:
        return shorten(cleaned.headline, max_len)
    text = _first_text(cleaned)
    if not text:
        return ""
    sentences = split_sentences(strip_dateline(text))
    first = sentences[0] if sentences else text
    if first.endswith(".") and not first.endswith("..."):
        first = first[:-1].rstrip()
    return _shorten_title(_drop_leading_role(first), max_len)


def _drop_leading_role(sentence: str) -> str:
    """Start a title with the person's name rather than the job title.

    "Le secrétaire d'Etat américain, Antony Blinken, a appelé ..." becomes
    "Antony Blinken a appelé ...", as French headlines write it.
    """
    match = _rules().leading_role.fullmatch(sentence)
    if not match:
        return sentence
    last_role_word = match.group("role").split()[-1].casefold().rstrip("'’")
    if last_role_word in _rules().title_stopwords:
        return sentence  # "L'émir du Qatar Tamim ...": the capital word completes the title
    # a comma after the name that does not close an apposition opens a new one
    joint = ", " if match.group("after") and not match.group("before") else " "
    return f"{match.group('lead') or ''}{match.group('name')}{joint}{match.group('rest')}"


# Clause boundaries a title may stop at without an ellipsis.
_CLAUSE_BREAKS = (", ", " ; ", "\u202f; ", "\u00a0; ", " – ", " — ")
# A clause cut must keep at least this share of the allowed length.
_MIN_CLAUSE_SHARE = 0.6


def _shorten_title(text: str, max_len: int) -> str:
    """Shorten a title, preferring to stop at a late clause boundary.

    Stopping at a comma near the limit reads as a complete title ("Blinken
    est arrivé en Israël pour ..."); an early comma would leave only a
    subordinate clause, so then the text is cut at a word with "…".
    """
    text = tidy(text)
    if len(text) <= max_len:
        return text
    boundary, mark = max((text.rfind(mark, 0, max_len + 1), mark) for mark in _CLAUSE_BREAKS)
    if boundary >= _MIN_CLAUSE_SHARE * max_len and not _closes_apposition(text[boundary + len(mark) :]):
        clause = _trim_dangling(text[:boundary])
        if len(clause) >= _MIN_CLAUSE_SHARE * max_len:
            return clause
    return shorten(text, max_len)


def _closes_apposition(after_comma: str) -> bool:
    """True when the words after a comma are the verb of the subject before it."""
    words = after_comma.split()
    return bool(words) and words[0].casefold() in _rules().subject_verbs


def make_lead(cleaned: Cleaned, max_len: int = 300) -> str:
    """A page description: the body's first sentence, plus the second if short.

    The dateline is left out. A first sentence longer than ``max_len`` is cut
    at a word boundary and ends with "…".
    """
    sentences: list[str] = []
    for block in cleaned.blocks:
        if block.kind == "paragraph":
            text = block.text if sentences else strip_dateline(block.text)
            sentences.extend(split_sentences(text))
            if len(sentences) >= 2:
                break
    if not sentences:
        return shorten(cleaned.headline or "", max_len)
    lead = sentences[0]
    if len(sentences) > 1 and len(lead) < max_len // 2 and len(lead) + 1 + len(sentences[1]) <= max_len:
        lead = f"{lead} {sentences[1]}"
    return shorten(lead, max_len)


def _first_text(cleaned: Cleaned) -> str:
    """Text of the first paragraph block, else of the first block of any kind."""
    for block in cleaned.blocks:
        if block.kind == "paragraph":
            return block.text
    return cleaned.blocks[0].text if cleaned.blocks else ""


_TRAILING_JUNK = " ,;:-–—/(«“\"'\u00a0\u202f"


def shorten(text: str, max_len: int) -> str:
    """Cut text to ``max_len`` characters at a word boundary, ending with "…".

    Dangling function words ("de", "la", "et"...), abbreviations ("M."),
    punctuation and unclosed quotes or parentheses are removed from the end
    so the result reads naturally. Text that fits is returned unchanged.
    """
    text = tidy(text)
    if len(text) <= max_len:
        return text
    room = max_len - 1  # keep room for the ellipsis
    cut = text[: room + 1]
    if not text[room : room + 1].isspace():
        cut = cut.rsplit(None, 1)[0] if " " in cut.strip() else cut
    cut = cut[:room]
    cut = _trim_dangling(cut)
    if not cut:
        cut = text[:room].rstrip()
    return cut + "…"


def _trim_dangling(text: str) -> str:
    """Strip trailing function words, punctuation and unbalanced openers, repeatedly."""
    stopwords = _rules().title_stopwords
    abbreviations = _rules().abbreviations
    while True:
        before = text
        text = text.rstrip(_TRAILING_JUNK)
        words = text.split()
        if len(words) > 1:
            last = words[-1].casefold().rstrip(".")
            bare = last.rstrip("'’")
            if bare in stopwords or last in abbreviations or last.endswith(("'", "’")):
                text = text[: len(text) - len(words[-1])]
        text = _cut_unbalanced(text)
        if text == before:
            return text.rstrip(_TRAILING_JUNK)


# A straight single quote used as a quotation mark, not as an apostrophe:
# opening after a space, closing before a space or punctuation.
_SINGLE_QUOTE_OPEN = re.compile(r"(?:^|(?<=\s))'(?=\w)")
_SINGLE_QUOTE_CLOSE = re.compile(r"(?<=[\w.!?])'(?=[\s,.;:!?)]|$)")


def _cut_unbalanced(text: str) -> str:
    """Cut before the last opening quote or parenthesis that is never closed."""
    for opener, closer in (("«", "»"), ("“", "”"), ("(", ")")):
        if text.count(opener) > text.count(closer):
            return text[: text.rfind(opener)]
    if text.count('"') % 2:
        return text[: text.rfind('"')]
    openers = [m.start() for m in _SINGLE_QUOTE_OPEN.finditer(text)]
    if len(openers) > len(_SINGLE_QUOTE_CLOSE.findall(text)):
        return text[: openers[-1]]
    return text
