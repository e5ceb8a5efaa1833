"""One parsed article, as every stage of the analysis reads it.

The stages (mentions, actors, stops, meetings) each answer one question about the same
text; they share this object so that the tokens are normalised and the sentences
indexed once, and so that what one stage adds (a place found through "la capitale
saoudienne") is seen by the next.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .cues import Cues
from .gazetteer import Gazetteer
from .spelling import normalize

if TYPE_CHECKING:
    from .entities import Subject

# Actors besides the people of the gazetteer (whose keys are their names).
SUBJ = "subject"
NOBODY = "nobody"  # the parse names a grammatical subject that is not a person

ARTICLES = frozenset({"la", "le", "les", "l'"})


@dataclass
class Mention:
    start: int  # token index
    end: int
    key: str  # place key, person name, or surface text for unknown people
    kind: str  # "place", "person", "unknown_person"
    sent: int  # sentence index
    compatriot: bool = False


class Document:
    def __init__(self, tokens, text: str, gaz: Gazetteer, cues: Cues, subject: Subject,
                 subject_spans: list[tuple[int, int]]):
        self.tokens = tokens  # the spaCy Doc
        self.text = text
        self.gaz = gaz
        self.cues = cues
        self.subject = subject
        self.norms = [normalize(t.text) for t in tokens]
        self.sents = list(tokens.sents)
        self.sent_of = [0] * len(tokens)
        for si, sent in enumerate(self.sents):
            for i in range(sent.start, sent.end):
                self.sent_of[i] = si
        self.subject_tokens: set[int] = set()
        for start, end in subject_spans:
            self.subject_tokens.update(range(start, end))
        self.places: list[Mention] = []
        self.people: list[Mention] = []
        self.unknown_people: list[str] = []
        self.unknown_places: list[str] = []
        # Tokens that tell of an earlier trip: they give no stop and no meeting.
        self.past_tokens = self._past_scopes()
        # Tokens of the datelines ("LE CAIRE, 5 mars (AFP) -"): the parse often makes the
        # dateline place the subject of the first verb; it names nobody.
        self.dateline_tokens = self._dateline_tokens()

    def in_past(self, i: int) -> bool:
        """Token i tells of an earlier trip or meeting, not of the reported events."""
        return i in self.past_tokens

    def _past_scopes(self) -> set[int]:
        """The reach of each marker of an earlier trip ("en janvier", "lors de sa précédente visite").

        A marker inside a clause that qualifies a noun dates that noun only: "la résolution
        adoptée par le Conseil de sécurité en 2015", "X, qu'il avait rencontré en janvier".
        Anywhere else it takes the whole sentence.
        """
        scoped: set[int] = set()
        for sent in self.sents:
            words = self.cues.earlier_trip_words(sent.text)
            if not words:
                continue
            word_starts = [match.start() for match in re.finditer(r"\S+", sent.text)]
            for word in words:
                char = sent.start_char + word_starts[word]
                marker = next((t for t in sent if t.idx + len(t.text) > char), None)
                clause = self._noun_clause_of(marker) if marker is not None else None
                if clause is None:
                    scoped.update(range(sent.start, sent.end))
                else:
                    scoped.update(range(clause.left_edge.i, clause.right_edge.i + 1))
        return scoped

    @staticmethod
    def _noun_clause_of(token):
        """The clause qualifying a noun that holds token, if any: a relative clause, or a
        participle with no auxiliary ("adoptée ... en 2015"; the parse often hangs it on the verb)."""
        node = token
        while node.head.i != node.i:
            if node.dep_ in ("acl", "acl:relcl"):
                return node
            if node.pos_ == "VERB" and "Part" in node.morph.get("VerbForm") and \
                    not any(child.dep_.startswith(("aux", "cop")) for child in node.children):
                return node
            node = node.head
        return None

    def _dateline_tokens(self) -> set[int]:
        spans = []
        seen = 0
        for paragraph in re.finditer(r"[^\n]+", self.text):
            if not paragraph.group(0).strip():
                continue
            seen += 1
            if seen > self.cues.dateline_paragraphs:
                break
            match = self.cues.dateline.match(paragraph.group(0))
            if match:
                spans.append((paragraph.start(), paragraph.start() + match.end()))
        if not spans:
            return set()
        end = max(hi for _, hi in spans)
        found = set()
        for t in self.tokens:  # the datelines are in the first paragraphs
            if t.idx >= end:
                break
            if any(lo <= t.idx < hi for lo, hi in spans):
                found.add(t.i)
        return found
