"""Whom the subject meets: a person linked to the subject by a meeting cue in one sentence.

Articles about a tour name far more officials than the subject meets: those who speak,
decide, die or are criticised elsewhere. A person counts as met when a meeting cue ("a
rencontré", "reçu par", "s'est entretenu avec", "conférence de presse commune avec",
"doit rencontrer") reaches him within the sentence, the cue's actor is the subject or the
person himself hosting the subject, and no negation ("Aucune rencontre ...") cancels it.
A cue meets the partner it names ("avec X"), and those listed with him, not everyone the
sentence goes on to mention. The subject's compatriots travel with him: never "met".
"""

from __future__ import annotations

from .actors import Actors
from .document import ARTICLES, SUBJ, Document, Mention

# Clause barriers a meeting cue does not reach across.
_CLAUSE_BREAKS = frozenset({";", ":", "tandis", "selon", "lorsque", "lorsqu'", "car"})
# Words that end a list of partners ("avec X, puis Y" is a list; "avec X, qui ... Y" is not).
_LIST_BREAKS = _CLAUSE_BREAKS | {".", "!", "?", "qui", "que", "qu'", "dont"}
# Prepositions that introduce the partner right after a meeting noun ("un entretien avec").
_PARTNER_INTRO = frozenset({"avec", "entre", "aupres"})
# Words that add one more complement of the same kind ("avec X, puis avec Y").
_COORDINATORS = frozenset({"puis", "et", "ensuite", "enfin", ",", "aussi", "egalement"})
# Prepositions of a complement that says who or what is met ("la réunion de l'Otan").
_PARTNER_CASES = _PARTNER_INTRO | {"de", "d'", "du", "des"}


class MeetingFinder:
    def __init__(self, doc: Document, actors: Actors):
        self.doc = doc
        self.actors = actors

    def met(self) -> set[str]:
        """Keys of the people the subject meets, talks with or is about to meet."""
        met: set[str] = set()
        window = self.doc.cues.meeting_window
        for m in self.doc.people:
            if m.kind != "person" or m.compatriot or self.doc.in_past(m.start) or self._complement_of_thing(m):
                continue
            sent = self.doc.sents[m.sent]
            lo, hi = max(sent.start, m.start - window), min(sent.end, m.end + window)
            if any(self._meeting_accepted(j, m) for j in self._live_cues(m, lo, hi)):
                met.add(m.key)
            elif self.actors.protagonist[m.sent] == m.key and \
                    any(self._bare_encounter_of_subject(j, m) for j in self._live_cues(m, sent.start, sent.end)):
                met.add(m.key)
        return met

    def _complement_of_thing(self, m: Mention) -> bool:
        """"la mort d'Ismaïl Haniyeh", "le gouvernement de Benjamin Netanyahu": a name that
        completes a common noun speaks of something of his, not of a meeting with him.

        Titles ("le président de ...") and meeting cues ("aux côtés de", "l'homologue de") do
        not count as such nouns.
        """
        doc, norms = self.doc, self.doc.norms
        first = doc.tokens[m.start]
        head = first.head
        if m.start <= head.i < m.end or head.pos_ != "NOUN" or head.i in self.actors.actor_at:
            return False
        if not {norms[c.i] for c in first.children if c.dep_ == "case"} & {"de", "d'", "du", "des"}:
            return False
        if norms[head.i] in doc.cues.honorifics or head.ent_type_:
            return False
        return not any(k + doc.cues.meeting.match_at(norms, k) > head.i for k in range(max(0, head.i - 2), head.i + 1))

    def _live_cues(self, m: Mention, lo: int, hi: int):
        """Meeting cues in [lo, hi) that no negation cancels and no clause break parts from the person."""
        sent_start = self.doc.sents[m.sent].start
        for j in range(lo, hi):
            if m.start <= j < m.end or self.doc.in_past(j) or not self.doc.cues.meeting.match_at(self.doc.norms, j):
                continue
            if not self._negated(j, sent_start) and self._clause_links(j, m) and not self._partner_taken(j, m):
                yield j

    def _negated(self, cue_index: int, lower: int) -> bool:
        """"Aucune rencontre n'a eu lieu ...": a negation just before the cue."""
        window = self.doc.norms[max(lower, cue_index - self.doc.cues.negation_window):cue_index]
        return any(w in self.doc.cues.negations for w in window)

    def _clause_links(self, cue_index: int, m: Mention) -> bool:
        """No clause barrier between the cue and the person."""
        lo, hi = (cue_index + 1, m.start) if cue_index < m.start else (m.end, cue_index)
        return not any(w in _CLAUSE_BREAKS for w in self.doc.norms[lo:hi])

    def _partner_taken(self, cue_index: int, m: Mention) -> bool:
        """Someone else named between the cue and the person is the partner of the cue.

        "reçu par le prince héritier Mohammed ben Salmane pour relancer les efforts ...,
        une semaine après la mort de Yahya Sinouar": the cue found its partner before the
        second name. Names listed together ("avec Benjamin Netanyahu, puis avec le
        ministre de la Défense, Yoav Gallant", "Netanyahu mais aussi Benny Gantz") share the
        cue: no verb or clause break stands between them.
        """
        after = cue_index < m.start
        if not after and self._partner_named_after(cue_index, m):
            return True
        if after and self._another_partner_of(cue_index, m):
            return False
        lo, hi = (cue_index, m.start) if after else (m.end, cue_index)
        others = [p for p in self.doc.people if p.key != m.key and lo <= p.start and p.end <= hi]
        if not others:
            return False
        if after:
            gap = range(max(p.end for p in others), m.start)
        else:
            gap = range(m.end, min(p.start for p in others))
        norms, honorifics = self.doc.norms, self.doc.cues.honorifics
        return any(norms[k] in _LIST_BREAKS or self.doc.tokens[k].pos_ in ("VERB", "AUX") and norms[k] not in honorifics
                   for k in gap)  # the parse takes "cheikh" for a verb

    def _another_partner_of(self, cue_index: int, m: Mention) -> bool:
        """"s'est entretenu avec X, qui a écarté toute trêve, puis avec Y": the preposition
        that gave the cue its partner, repeated after a coordinator, gives it another."""
        norms = self.doc.norms
        intro = next((norms[k] for k in range(cue_index + 1, min(cue_index + 4, m.start)) if norms[k] in _PARTNER_INTRO),
                     None)
        # Back over the title ("le ministre jordanien des Affaires étrangères") to the preposition.
        k = m.start - 1
        while k > max(cue_index, m.start - 9) and norms[k] != intro and norms[k] not in _LIST_BREAKS \
                and norms[k] != "," and (self.doc.tokens[k].pos_ in ("DET", "NOUN", "ADJ", "PROPN")
                                         or norms[k] in ("de", "des", "du", "d'")):
            k -= 1
        return intro is not None and norms[k] == intro and norms[k - 1] in _COORDINATORS

    def _partner_named_after(self, cue_index: int, m: Mention) -> bool:
        """"un entretien avec le ministre grec ...": the partner follows the cue, so a person
        named before it ("Erdogan a durci le ton, a indiqué M. Blinken après un entretien
        avec ...") is not the one met."""
        norms = self.doc.norms
        intro = next((k for k in range(cue_index + 1, cue_index + 4) if k < len(norms)
                      and norms[k] in _PARTNER_INTRO), None)
        return intro is not None and any(p.key != m.key and intro < p.start <= intro + 8 for p in self.doc.people)

    def _meeting_accepted(self, cue_index: int, m: Mention) -> bool:
        """The cue is the subject's, or the person's own with the subject as the guest."""
        agent = self.actors.agent_of(cue_index)
        sent = self.doc.sents[m.sent]
        if agent == SUBJ:
            return True
        if agent is not None and agent != m.key and any(
                p.key == agent and (p.start, p.end) == (m.start, m.end) for p in self.doc.people):
            agent = m.key  # "les chefs de la diplomatie jordanienne et égyptienne": one phrase, both act
        if agent == m.key and self._joins_subject_meeting(cue_index):
            return True
        if agent == m.key or agent is None:
            # "X a reçu le secrétaire d'Etat", "... conférence de presse commune avec le secrétaire d'Etat"
            after = any(self.actors.actor_at.get(j) == SUBJ for j in range(cue_index, sent.end))
            if agent is None:
                return self.actors.subject_in(m.sent) or self.actors.salient[m.sent] == SUBJ
            return after
        # The agent is someone else: the subject may still be part of the meeting ("entre MM. Blinken et X").
        return False

    def _joins_subject_meeting(self, cue_index: int) -> bool:
        """The person took part in a meeting of the subject: "Y participaient aussi le ministre
        égyptien X" after a sentence telling of it; "L'entretien, auquel assistait X"."""
        doc = self.doc
        if not doc.cues.participation.match_at(doc.norms, cue_index):
            return False
        before = range(max(0, cue_index - 2), cue_index)
        relative = next((k for k in before if doc.norms[k] in doc.cues.participation_relatives), None)
        if relative is not None:
            noun = next((k for k in range(relative - 1, max(-1, relative - 4), -1)
                         if doc.cues.meeting.match_at(doc.norms, k)), None)
            if noun is None:
                return False
            if self.actors.agent_of(noun) == SUBJ:
                return True
        elif not any(doc.norms[k] in doc.cues.participation_anaphors for k in before):
            return False
        si = doc.sent_of[cue_index] - 1
        while si >= 0 and all(t.is_space for t in doc.sents[si]):
            si -= 1
        if si < 0 or not self.actors.subject_in(si):
            return False
        told = doc.sents[si]
        return any(doc.cues.meeting.match_at(doc.norms, k) and not doc.in_past(k) for k in range(told.start, told.end))

    def _bare_encounter_of_subject(self, cue_index: int, m: Mention) -> bool:
        """"X a réaffirmé son engagement, a assuré Blinken à l'issue d'un entretien à Jérusalem".

        A meeting noun of the subject that names no partner, however far from the person the
        sentence is about, stands for a meeting with that person: news text names the
        partner once, as the protagonist, and leaves the meeting itself bare.
        """
        token, norms = self.doc.tokens[cue_index], self.doc.norms
        if token.pos_ != "NOUN" or self.actors.agent_of(cue_index) != SUBJ:
            return False
        if any(w in _PARTNER_INTRO for w in norms[cue_index + 1:cue_index + 3]):
            return False  # "un entretien avec ...": the partner is named
        for child in token.children:  # "une réunion de l'Otan": so is the body met
            cases = {norms[c.i] for c in child.children if c.dep_ == "case"}
            if cases & _PARTNER_CASES and norms[child.i] not in self.doc.cues.time_words and not child.like_num:
                return False
        window = self.doc.cues.meeting_window
        return not any(other.key != m.key and not other.compatriot and other.sent == m.sent
                       and abs(other.start - cue_index) <= window for other in self.doc.people)
