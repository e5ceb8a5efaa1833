"""Who and what the article names: known places and people, and the names the gazetteer lacks.

The gazetteer's ruler finds known names in any spelling; the statistical model still
reports the rest, so that a new official or town shows up in the build report and the
gazetteer can grow. Both make mistakes this module corrects with the context: a
lower-case "paris" (bets) is no city, "Michel Aoun" is not "Joseph Aoun", and "le
président égyptien" stands for the office holder only when no name follows.
"""

from __future__ import annotations

import functools
import re

from ..clean import agency_names
from .cues import find_sequence
from .document import Document, Mention
from .gazetteer import PERSON_LABEL, PLACE_LABEL, TITLE_LABEL
from .nlp import MODEL_PERSON_LABELS, MODEL_PLACE_LABELS
from .spelling import normalize


@functools.lru_cache(maxsize=1)
def _agencies() -> frozenset[str]:
    return frozenset(normalize(name) for name in agency_names())


class MentionCollector:
    """Fills the document's places, people and unknown names, in text order."""

    def __init__(self, doc: Document):
        self.doc = doc

    def collect(self) -> None:
        tokens, gaz = self.doc.tokens, self.doc.gaz
        ents = list(tokens.ents)
        for n, ent in enumerate(ents):
            if ent.label_ == PLACE_LABEL:
                if not any(t.text[:1].isupper() for t in ent):
                    continue  # "réunion", "paris" (bets): only capitalised words name places
                if ent.start in self.doc.subject_tokens:
                    continue
                self.doc.places.append(Mention(ent.start, ent.end, ent.ent_id_, "place", self.doc.sent_of[ent.start]))
            elif ent.label_ == PERSON_LABEL:
                name = ent.ent_id_
                if not any(t.text[:1].isupper() for t in ent):
                    continue
                if name == self.doc.subject.name or ent.start in self.doc.subject_tokens:
                    self.doc.subject_tokens.update(range(ent.start, ent.end))
                    continue
                if self._other_person_with_same_surname(ent):
                    self._add_unknown_person(tokens[ent.start - 1:ent.end].text)
                    continue
                self._add_person(ent.start, ent.end, name)
            elif ent.label_ == TITLE_LABEL:
                if self._title_stands_for_someone(ent, ents[n + 1:n + 3]):
                    self._add_person(ent.start, ent.end, ent.ent_id_)
            elif ent.label_ in MODEL_PERSON_LABELS:
                if ent.start in self.doc.subject_tokens or ent.end - 1 in self.doc.subject_tokens:
                    continue
                if normalize(ent.text) in _agencies():
                    continue  # "(AP)" after a dateline the cues do not know: a signature
                titled = ent.start > 0 and self.doc.norms[ent.start - 1] in self.doc.cues.honorifics \
                    and self.doc.tokens[ent.start - 1].text[:1].isupper()
                self._add_unknown_person(ent.text, titled)
                self.doc.people.append(Mention(ent.start, ent.end, ent.text, "unknown_person",
                                               self.doc.sent_of[ent.start]))
            elif ent.label_ in MODEL_PLACE_LABELS:
                if ent.start in self.doc.subject_tokens:
                    continue
                text = ent.text.strip()
                words = normalize(text).split()
                if not words or not text[:1].isupper() or normalize(text) in gaz.regions or words[0] in gaz.regions:
                    continue
                if not re.fullmatch(r"[^\W\d_][\w'’ .-]*", text):
                    continue  # "Belga) -": a dateline fragment
                if len(ent) == 1 and self.doc.tokens[ent.start].is_sent_start:
                    continue  # "Réponse du Hamas", "Trêve à Gaza": a capitalised first word
                if words[0] in gaz.demonyms or normalize(text) in gaz.person_aliases:
                    continue
                if normalize(text) in _agencies() or all(w in self.doc.cues.honorifics for w in words):
                    continue  # "(AP)" signs; "le Premier ministre": a title word, no place
                self.doc.unknown_places.append(text)
        self._collect_shared_titles()
        self._collect_capitals()

    def _add_person(self, start: int, end: int, name: str) -> None:
        person = self.doc.gaz.people.get(name)
        compatriot = bool(person and person.country == self.doc.subject.country)
        self.doc.people.append(Mention(start, end, name, "person", self.doc.sent_of[start], compatriot))

    def _add_unknown_person(self, text: str, titled: bool = False) -> None:
        words = text.split()
        while words and normalize(words[0]) in self.doc.cues.honorifics:
            words.pop(0)
            titled = True
        words = [w.strip(" ,.;:") for w in words if w.strip(" ,.;:-")]
        name = " ".join(words)
        # One capitalised word is a person only after "M.", "Mme"...; the model often takes
        # a sentence's first word ("Dimanche", "Accepter") for a name.
        if not name or not all(w[:1].isupper() for w in words) or (len(words) < 2 and not titled):
            return
        if normalize(name) in self.doc.gaz.person_aliases or normalize(words[0]) in self.doc.gaz.regions:
            return
        self.doc.unknown_people.append(name)

    def _other_person_with_same_surname(self, ent) -> bool:
        """"Michel Aoun" is not "Joseph Aoun": a first name the gazetteer does not know."""
        if len(ent) != 1 or ent.start == 0:
            return False
        prev = self.doc.tokens[ent.start - 1]
        if prev.is_sent_start or not prev.text[:1].isupper() or not prev.is_alpha:
            return False
        if normalize(prev.text) in self.doc.cues.honorifics:
            return False
        # "Benyamin Netanyahou" is Benjamin Netanyahu spelt differently, "Michel Aoun" is not Joseph Aoun.
        first_name = normalize(ent.ent_id_.split()[0])
        if normalize(prev.text)[:3] == first_name[:3]:
            return False
        return prev.ent_type_ in ("", *MODEL_PERSON_LABELS)

    def _title_stands_for_someone(self, ent, following) -> bool:
        """"le président égyptien" is Sissi, unless a name follows or it is a former one."""
        before = self.doc.norms[max(0, ent.start - 2):ent.start]
        if any(word in self.doc.cues.title_cancellers for word in before):
            return False
        for nxt in following:
            gap = [t for t in self.doc.tokens[ent.end:nxt.start] if not t.is_punct]
            if len(gap) <= 2 and all(normalize(t.text) in self.doc.cues.honorifics or t.is_space for t in gap):
                if nxt.label_ in (PERSON_LABEL, *MODEL_PERSON_LABELS):
                    return False  # the name that follows says who it is
        return True

    def _collect_shared_titles(self) -> None:
        """"les chefs de la diplomatie jordanienne et égyptienne": each office holder the
        gazetteer knows by the singular title, all on the same words."""
        norms, gaz = self.doc.norms, self.doc.gaz
        for plural, singular, after in self.doc.cues.shared_titles:
            tail = after.split()
            for i in find_sequence(norms, plural, stop=len(norms) - len(plural)):
                if any(w in self.doc.cues.title_cancellers for w in norms[max(0, i - 2):i]):
                    continue
                j, demonyms = i + len(plural), []
                while j < len(norms) and (norms[j] in gaz.demonyms or norms[j] in (",", "et") and demonyms):
                    if norms[j] in gaz.demonyms:
                        demonyms.append(norms[j])
                    j += 1
                if len(demonyms) < 2 or norms[j - 1] in (",", "et"):
                    continue
                if tail and norms[j:j + len(tail)] != tail:
                    continue
                end = j + len(tail)
                holders = [gaz.person_titles.get(" ".join([singular, demonym, *tail])) for demonym in demonyms]
                for name in dict.fromkeys(h for h in holders if h):
                    self._add_person(i, end, name)
        self.doc.people.sort(key=lambda m: m.start)

    def _collect_capitals(self) -> None:
        """"la capitale saoudienne" -> the country of the demonym."""
        for i, word in enumerate(self.doc.norms[:-1]):
            if word in self.doc.cues.capital_nouns:
                code = self.doc.gaz.demonyms.get(self.doc.norms[i + 1])
                key = self.doc.gaz.country_keys.get(code or "")
                if key and not any(m.start <= i + 1 < m.end for m in self.doc.places):
                    self.doc.places.append(Mention(i, i + 2, key, "place", self.doc.sent_of[i]))
        self.doc.places.sort(key=lambda m: m.start)
