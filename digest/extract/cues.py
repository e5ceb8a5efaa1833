"""Cue words, from ``data/cues.yaml``: how French news says someone is, goes or meets.

The words live in data so that a new turn of phrase is a one-line edit, not a code
change; this module only compiles them into sets that compare with normalised tokens.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .spelling import normalize

DEFAULT_CUES = Path(__file__).resolve().parent.parent / "data" / "cues.yaml"


def find_sequence(norms: list[str], seq: Sequence[str], stop: int | None = None) -> Iterator[int]:
    """Where the words of seq start in norms, in order, starting before `stop` (default: anywhere).

    Looks for the first word with list.index and compares the rest there only: the
    callers run it over every token of an article.
    """
    first, size = seq[0], len(seq)
    limit = len(norms) if stop is None else max(0, stop)
    i = -1
    while True:
        try:
            i = norms.index(first, i + 1, limit)
        except ValueError:
            return
        if tuple(norms[i:i + size]) == tuple(seq):
            yield i


@dataclass(frozen=True)
class CueSet:
    """Words (exact or prefix) and token sequences, compared with normalised tokens."""

    exact: frozenset[str]
    prefixes: tuple[str, ...]
    sequences: tuple[tuple[str, ...], ...]
    # The sequences by first word, in their order: match_at runs for every token of an
    # article, and most tokens start no sequence.
    _by_first: dict[str, tuple[tuple[str, ...], ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for seq in self.sequences:
            by_first.setdefault(seq[0], []).append(seq)
        object.__setattr__(self, "_by_first", {word: tuple(seqs) for word, seqs in by_first.items()})

    @classmethod
    def of(cls, words: Iterable[str]) -> CueSet:
        exact, prefixes, sequences = set(), [], []
        for word in words:
            norm = normalize(str(word))
            parts = norm.split()
            if len(parts) > 1:
                sequences.append(tuple(parts))
            elif norm.endswith("*"):
                prefixes.append(norm[:-1])
            elif norm:
                exact.add(norm)
        return cls(frozenset(exact), tuple(prefixes), tuple(sequences))

    def match_at(self, norms: Sequence[str], i: int) -> int:
        """Length in tokens of the cue starting at norms[i], or 0."""
        word = norms[i]
        for seq in self._by_first.get(word, ()):
            if tuple(norms[i:i + len(seq)]) == seq:
                return len(seq)
        if word in self.exact or (self.prefixes and word.startswith(self.prefixes)):
            return 1
        return 0


@dataclass(frozen=True)
class TravelGroup:
    name: str
    cues: CueSet
    preps: frozenset[str]
    max_gap: int | None = None  # tokens between the cue and the preposition; None = Cues.max_gap


@dataclass(frozen=True)
class Cues:
    dateline: re.Pattern
    dateline_paragraphs: int
    pronouns: frozenset[str]
    other_pronouns: frozenset[str]
    possessives: frozenset[str]
    trip_nouns: frozenset[str]
    barriers: frozenset[str]
    max_gap: int
    travel: tuple[TravelGroup, ...]
    presence: TravelGroup
    copula: TravelGroup
    speech: CueSet
    time_words: frozenset[str]
    topic_nouns: frozenset[str]
    setting_nouns: frozenset[str]
    continuations: frozenset[str]
    not_a_stop_before: tuple[tuple[str, ...], ...]
    past_markers: tuple[re.Pattern, ...]
    past_marker_exceptions: frozenset[str]
    host: CueSet
    remote_nouns: frozenset[str]
    meeting: CueSet
    meeting_window: int
    participation: CueSet
    participation_anaphors: frozenset[str]
    participation_relatives: frozenset[str]
    shared_titles: tuple[tuple[tuple[str, ...], str, str], ...]  # (plural words, singular, after)
    negations: frozenset[str]
    negation_window: int
    next_leg: tuple[tuple[str, ...], ...]
    official_nouns: frozenset[str]
    capital_nouns: frozenset[str]
    honorifics: frozenset[str]
    title_cancellers: frozenset[str]
    # Negated travel: "il ne se rendra pas en Israël", "sans se rendre au Liban".
    travel_negations: frozenset[str] = frozenset()  # count alone: pas, jamais, sans, aucun ...
    ne_words: frozenset[str] = frozenset()  # ne, n'
    ne_partners: frozenset[str] = frozenset()  # count only with "ne": plus, personne
    negation_cancellers: frozenset[str] = frozenset()  # "pas seulement", "pas uniquement"
    travel_negation_window: int = 6
    # Time phrases that may open a sentence before a fronted place: "La veille, à Tel-Aviv, ...".
    time_leadins: frozenset[str] = frozenset()
    # The tour is over: "sa tournée terminée", "à l'issue de sa tournée" (regular expressions).
    after_tour_markers: tuple[re.Pattern, ...] = ()
    # Cues that still tell where the subject was in such a sentence ("quitter Le Caire").
    after_tour_keep: CueSet = field(default_factory=lambda: CueSet(frozenset(), (), ()))

    @classmethod
    def load(cls, path: Path) -> Cues:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}

        def words(key: str) -> frozenset[str]:
            return frozenset(normalize(str(w)) for w in data.get(key) or [])

        def group(entry: dict) -> TravelGroup:
            gap = entry.get("max_gap")
            return TravelGroup(entry.get("name", ""), CueSet.of(entry.get("words") or []),
                               frozenset(normalize(str(p)) for p in entry.get("preps") or []),
                               None if gap is None else int(gap))

        dateline = data.get("dateline") or {}
        meeting = data.get("meeting") or {}
        return cls(
            dateline=re.compile(dateline.get("regex", r"(?!x)x")),
            dateline_paragraphs=int(dateline.get("max_paragraphs", 3)),
            pronouns=words("pronouns"),
            other_pronouns=words("other_pronouns"),
            possessives=words("possessives"),
            trip_nouns=words("trip_nouns"),
            barriers=words("barriers"),
            max_gap=int(data.get("max_gap", 8)),
            travel=tuple(group(g) for g in data.get("travel") or []),
            presence=group({"name": "presence", **(data.get("presence") or {})}),
            copula=group({"name": "copula", **(data.get("copula") or {})}),
            speech=CueSet.of(data.get("speech") or []),
            time_words=words("time_words"),
            topic_nouns=words("topic_nouns"),
            setting_nouns=words("setting_nouns"),
            continuations=words("continuations"),
            not_a_stop_before=tuple(tuple(normalize(p).split()) for p in data.get("not_a_stop_before") or []
                                    if normalize(str(p)).strip()),
            past_markers=tuple(re.compile(p) for p in data.get("past_markers") or []),
            past_marker_exceptions=words("past_marker_exceptions"),
            host=CueSet.of((data.get("host") or {}).get("words") or []),
            remote_nouns=words("remote_nouns"),
            meeting=CueSet.of(meeting.get("words") or []),
            meeting_window=int(meeting.get("window", 18)),
            participation=CueSet.of((data.get("participation") or {}).get("words") or []),
            participation_anaphors=frozenset(normalize(str(w))
                                             for w in (data.get("participation") or {}).get("anaphors") or []),
            shared_titles=tuple((tuple(normalize(str(t["plural"])).split()), normalize(str(t["singular"])),
                                 normalize(str(t.get("after") or ""))) for t in data.get("shared_titles") or []),
            participation_relatives=frozenset(normalize(str(w))
                                              for w in (data.get("participation") or {}).get("relatives") or []),
            negations=words("negations"),
            negation_window=int(data.get("negation_window", 4)),
            next_leg=tuple(tuple(normalize(p).split()) for p in data.get("next_leg") or []),
            official_nouns=words("official_nouns"),
            capital_nouns=words("capital_nouns"),
            honorifics=words("honorifics"),
            title_cancellers=words("title_cancellers"),
            travel_negations=frozenset(normalize(str(w)) for w in (data.get("travel_negation") or {}).get("alone") or []),
            ne_words=frozenset(normalize(str(w)) for w in (data.get("travel_negation") or {}).get("ne") or []),
            ne_partners=frozenset(normalize(str(w)) for w in (data.get("travel_negation") or {}).get("with_ne") or []),
            negation_cancellers=frozenset(normalize(str(w))
                                          for w in (data.get("travel_negation") or {}).get("cancelled_by") or []),
            travel_negation_window=int((data.get("travel_negation") or {}).get("window", 6)),
            time_leadins=words("time_leadins"),
            after_tour_markers=tuple(re.compile(p) for p in (data.get("after_tour") or {}).get("markers") or []),
            after_tour_keep=CueSet.of((data.get("after_tour") or {}).get("keep") or []),
        )

    @functools.cached_property
    def not_a_stop_by_last_word(self) -> dict[str, tuple[int, ...]]:
        """Indices in not_a_stop_before of the patterns, by their last word."""
        found: dict[str, list[int]] = {}
        for index, pattern in enumerate(self.not_a_stop_before):
            found.setdefault(pattern[-1], []).append(index)
        return {word: tuple(indices) for word, indices in found.items()}

    def after_tour_span(self, norms: Sequence[str]) -> tuple[int, int] | None:
        """Token span [start, end) of a marker saying the tour is over ("sa tournée terminée"), if any."""
        if not self.after_tour_markers:
            return None
        text = "".join(w + " " for w in norms)
        starts, position = [], 0
        for w in norms:
            starts.append(position)
            position += len(w) + 1
        for pattern in self.after_tour_markers:
            match = pattern.search(text)
            if match:
                first = bisect.bisect_right(starts, match.start()) - 1
                last = bisect.bisect_left(starts, match.end()) - 1
                return first, last + 1
        return None

    def earlier_trip_words(self, sentence: str) -> list[int]:
        """Where markers of an earlier trip ("lors de sa visite en février") start, as indices
        among the sentence's white-space separated words."""
        text = normalize(sentence)
        found = []
        for pattern in self.past_markers:
            for match in pattern.finditer(text):
                before = text[max(0, match.start() - 45):match.start()].split()
                # "la guerre déclenchée en octobre 2023" dates the war, not a trip
                if not any(word in self.past_marker_exceptions for word in before[-5:]):
                    found.append(text.count(" ", 0, match.start()))
        return sorted(set(found))
