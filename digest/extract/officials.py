"""Stops told through people rather than through a place name.

Articles often say where the subject goes by saying whom he sees there: "M. Blinken a
été reçu par le roi de Jordanie", "lors de la prochaine étape de sa tournée, il
rencontrera les responsables israéliens". A national leader receives at home and a
country's officials stand for the country, so their country is a stop; the officials of
an organisation (the UN, NATO) receive anywhere, and a call is not a visit.
"""

from __future__ import annotations

from .actors import Actors
from .cues import find_sequence
from .document import NOBODY, SUBJ, Document, Mention


class OfficialStops:
    """Adds the stops it finds to the document's places, as the stop finder does."""

    def __init__(self, doc: Document, actors: Actors):
        self.doc = doc
        self.actors = actors

    def next_leg(self, si: int) -> list[int]:
        """"lors de la prochaine étape de sa tournée" with "les responsables israéliens"."""
        sent = self.doc.sents[si]
        norms = self.doc.norms[sent.start:sent.end]
        has_cue = any(next(find_sequence(norms, p), None) is not None for p in self.doc.cues.next_leg)
        if not has_cue or not self.actors.subject_in(si):
            return []
        found: list[int] = []
        for k in range(1, len(norms)):
            code = self.doc.gaz.demonyms.get(norms[k])
            if code and norms[k - 1] in self.doc.cues.official_nouns:
                key = self.doc.gaz.country_keys.get(code)
                if key:
                    i = sent.start + k
                    self.doc.places.append(Mention(i, i + 1, key, "place", si))
                    found.append(len(self.doc.places) - 1)
        return found

    def hosted(self, stop_keys: set[str], located_cues: set[int]) -> list[int]:
        """"M. Blinken a été reçu par le roi de Jordanie": the host's country, unless a stop is
        already there or the cue names the place of the reception ("reçu à Davos par ...")."""
        doc = self.doc
        have = {doc.gaz.places[key].country for key in stop_keys}
        found: list[int] = []
        for j in range(len(doc.norms)):
            si = doc.sent_of[j]
            if not doc.cues.host.match_at(doc.norms, j) or doc.in_past(j) or self._remote(j):
                continue
            host = self._host_of(j)
            person = doc.gaz.people.get(host.key) if host else None
            if person is None or not person.national or person.country in have \
                    or person.country == doc.subject.country or j in located_cues:
                continue
            key = doc.gaz.country_keys.get(person.country)
            if key:
                doc.places.append(Mention(host.start, host.end, key, "place", si))
                found.append(len(doc.places) - 1)
                have.add(person.country)
        return found

    def _host_of(self, cue_index: int) -> Mention | None:
        """The person who receives the subject: after "par" in the passive, else the agent."""
        doc = self.doc
        sent = doc.sents[doc.sent_of[cue_index]]
        people = [p for p in doc.people if p.kind == "person" and p.sent == doc.sent_of[cue_index]]
        agent = self.actors.agent_of(cue_index)
        if agent == SUBJ:  # "a été reçu lundi soir par le prince héritier saoudien Mohammed ben Salmane"
            by = next((k for k in range(cue_index + 1, min(sent.end, cue_index + 5)) if doc.norms[k] == "par"), None)
            if by is None:
                return None
            # "par l'émir du Qatar, cheikh Tamim ben Hamad Al Thani": the name may follow a title
            return next((p for p in people if by < p.start <= by + 8), None)
        if agent not in (None, NOBODY) and self.actors.subject_after(cue_index):  # "le roi a reçu M. Blinken"
            return next((p for p in reversed(people) if p.key == agent and p.start < cue_index), None)
        return None

    def _remote(self, cue_index: int) -> bool:
        """"a reçu un appel de M. Blinken": the cue is about a call or a message, not a visit."""
        words = self.doc.norms[cue_index + 1:cue_index + 4]
        return any(w in self.doc.cues.remote_nouns for w in words)
