"""Who does what in each sentence: the subject, another person, or nobody known.

A cue only counts when its actor is the subject ("Blinken est arrivé à Amman", not "Biden
se rendra à Riyad"), and news text rarely repeats the name: it says "il", "sa visite",
"le secrétaire d'Etat", or puts the name after the verb (", a annoncé Antony Blinken").
The parse of the small French model gives the grammatical subject most of the time; the
nearest person named and the person the previous sentences were about fill the gaps.
"""

from __future__ import annotations

from .document import ARTICLES, NOBODY, SUBJ, Document

# Words before a name that make it the partner of an action, not its actor ("avec X", "par X").
_PARTNER_WORDS = frozenset({"par", "avec", "entre", "et", "a", "aupres", "du", "de", "des", "d'"})
# Of those, the words that never introduce the actor, whatever the parse says.
_COMPANION_WORDS = frozenset({"avec"})


class Actors:
    """The actor behind each name, pronoun and possessive, and the salient actor of each sentence."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.actor_at: dict[int, str] = {}  # token index -> SUBJ or person key
        self.protagonist: list[str | None] = []  # per sentence: whom it is about (see _main_actor)
        self.salient = self._resolve()  # per sentence: whom the text was about before it

    def _resolve(self) -> list[str | None]:
        """Who each pronoun stands for, and who each sentence starts out being about.

        "il" (and "sa visite") stands for the latest grammatical subject of its sentence
        ("Il a rencontré le roi ..., puis s'est rendu en Turquie où il a été reçu": the
        second "il" is the first one, not the king); with none, for the salient actor: the
        first person named as a grammatical subject in the latest sentence naming one (else
        the person a pronoun subject stands for, else the first person named there).
        """
        for i in self.doc.subject_tokens:
            self.actor_at[i] = SUBJ
        for m in self.doc.people:
            for i in range(m.start, m.end):
                self.actor_at.setdefault(i, m.key)
        named = set(self.actor_at)
        salient_before: list[str | None] = []
        salient: str | None = None
        for sent in self.doc.sents:
            salient_before.append(salient)
            last: str | None = None  # latest actor named as a grammatical subject in this sentence
            for token in sent:
                i = token.i
                norm = self.doc.norms[i]
                if i in self.actor_at:
                    if self._is_subject_position(token):
                        last = self.actor_at[i]
                elif norm in self.doc.cues.pronouns or (
                        norm in self.doc.cues.possessives and i + 1 < len(self.doc.tokens)
                        and self.doc.norms[i + 1] in self.doc.cues.trip_nouns):
                    ref = last if last is not None else salient
                    if ref is not None:
                        self.actor_at[i] = ref
                        if self._is_subject_position(token):
                            last = ref
            main = self._main_actor(sent, named)
            self.protagonist.append(main)
            if main is not None:
                salient = main
        return salient_before

    @staticmethod
    def _is_subject_position(token) -> bool:
        """Token is (part of) the grammatical subject of a verb: "M. Blinken", "le roi Abdallah II"."""
        for t in (token, token.head, token.head.head):
            if t.dep_ in ("nsubj", "nsubj:pass"):
                return True
            if t.dep_ not in ("flat:name", "flat", "appos", "amod", "nmod", "det", "case"):
                return False
        return False

    def _main_actor(self, sent, named: set[int]) -> str | None:
        """Whom the sentence is about: the first person named as a grammatical subject; else the
        one a pronoun subject stands for ("Il avait été reçu par le président Herzog" is still
        about "il", not Herzog); else the first person named.
        """
        first_named = pronoun_subject = None
        for token in sent:
            if token.i in named and first_named is None:
                first_named = self.actor_at[token.i]
            if token.dep_ in ("nsubj", "nsubj:pass"):
                heads = [token, *[c for c in token.children if c.dep_ in ("flat:name", "appos", "flat")]]
                for t in heads:
                    if t.i in named:
                        return self.actor_at[t.i]
                    if t.i in self.actor_at and pronoun_subject is None:
                        pronoun_subject = self.actor_at[t.i]
        return pronoun_subject or first_named

    def _actor_before(self, i: int, lower: int) -> str | None:
        """The nearest actor named before token i, passing over companions.

        "Blinken a coprésidé, avec le ministre saoudien, le prince Fayçal, une réunion":
        whoever comes after "avec" is the partner of the action, never its actor.
        """
        j = i - 1
        while j >= lower:
            if j in self.actor_at:
                start = self._phrase_start(j, lower)
                if self._word_before_name(start, lower) not in _COMPANION_WORDS:
                    return self.actor_at[j]
                j = start
            j -= 1
        return None

    def _phrase_start(self, j: int, lower: int) -> int:
        """First token of the phrase naming the actor at j, title in apposition included."""
        actor, norms, start = self.actor_at[j], self.doc.norms, j
        for k in range(j - 1, lower - 1, -1):
            if self.actor_at.get(k) == actor:
                start = k
            elif not (norms[k] in self.doc.cues.honorifics or norms[k] in ARTICLES or norms[k] == ","):
                break
        first = self.doc.tokens[start]
        if first.dep_ == "appos" and lower <= first.head.i < start:
            start = first.head.i  # "le ministre grec des Affaires étrangères, Georgios Gerapetritis"
        return start

    def _actor_of_token(self, token) -> str | None:
        """The actor a token stands for, directly or as the head of a name in apposition.

        "M." heads "Blinken" (flat:name); "le ministre saoudien ..., Fayçal ben Farhane" has the
        name as an apposition (or, misparsed, a conjunct after a comma).
        """
        i = token.i
        if i in self.actor_at:
            return self.actor_at[i]
        for child in token.children:
            if child.i not in self.actor_at:
                continue
            if child.dep_ in ("flat:name", "appos", "flat"):
                return self.actor_at[child.i]
            if child.dep_ == "conj" and child.i > 0 and self.doc.tokens[child.i - 1].text == "," \
                    and child.i - token.i <= 8:
                return self.actor_at[child.i]
        return self._named_after_title(token)

    def _named_after_title(self, token) -> str | None:
        """"Le prince héritier saoudien Mohammed ben Salmane": the parse may hang the name on
        an adjective of the title; the name that follows the title words is the actor."""
        norms = self.doc.norms
        if norms[token.i] not in self.doc.cues.honorifics and norms[token.i] not in self.doc.cues.official_nouns:
            return None
        end = min(len(norms), token.i + 8, self.doc.sents[self.doc.sent_of[token.i]].end)
        for j in range(token.i + 1, end):
            if j in self.actor_at:
                return self.actor_at[j]
            pos = self.doc.tokens[j].pos_
            if pos not in ("ADJ", "ADV", "NOUN", "PROPN", "DET", "ADP", "X") or norms[j] == "," or \
                    pos == "ADP" and norms[j] not in ("de", "d'", "du", "des"):
                return None  # "le ministre avec M. Blinken": a partner, not the title's holder
        return None

    def agent_of(self, cue_index: int) -> str | None:
        """Who performs the cue: from the parse, else the nearest actor, else the salient one.

        Returns SUBJ, a person key, NOBODY (the parse names a subject that is not a
        person: "les négociateurs", "la proposition") or None when nothing is known.
        """
        token = self.doc.tokens[cue_index]
        sent = self.doc.sents[self.doc.sent_of[cue_index]]
        if token.pos_ in ("NOUN", "PROPN"):
            # "sa visite", "la visite de M. Blinken"; not the partner in "entretien avec X"
            for child in token.children:
                if child.i in self.actor_at and self.doc.norms[child.i] in self.doc.cues.possessives:
                    return self.actor_at[child.i]
                if child.dep_ == "nmod" and self._actor_of_token(child) is not None:
                    cases = {self.doc.norms[c.i] for c in child.children if c.dep_ == "case"}
                    if cases & {"de", "d'", "du", "des"}:
                        return self._actor_of_token(child)
        verb = token
        if token.pos_ == "AUX" and token.dep_.startswith(("aux", "cop")) and token.head.i != token.i:
            verb = token.head  # "est installée à Doha": the auxiliary's verb carries the subject
        climbed: set[int] = {token.i, verb.i}
        for _ in range(4):
            if verb.pos_ in ("VERB", "AUX") or verb.dep_ == "ROOT" or verb.head.i == verb.i:
                break
            verb = verb.head
            climbed.add(verb.i)
        for _ in range(4):
            subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass") and c.i not in self.doc.dateline_tokens]
            if subj:
                # Prefer a subject that names a person; else the one nearest the verb.
                named = [c for c in subj if self._actor_of_token(c) is not None]
                s = named[0] if named else min(subj, key=lambda c: abs(c.i - verb.i))
                if self.doc.norms[s.i] == "qui" and verb.dep_.startswith("acl"):
                    s = verb.head
                actor = self._actor_of_token(s)
                if actor is not None:
                    return actor
                if self.doc.norms[s.i] in self.doc.cues.trip_nouns:
                    # "sa tournée l'a mené à Doha", "une tournée qui le mènera en Jordanie"
                    for child in s.children:
                        if child.i in self.actor_at:
                            return self.actor_at[child.i]
                    return None
                for child in s.children:  # "l'avion de M. Blinken a atterri à Amman"
                    if child.dep_ == "nmod" and self._actor_of_token(child) is not None and \
                            {self.doc.norms[c.i] for c in child.children if c.dep_ == "case"} & {"de", "d'", "du"}:
                        return self._actor_of_token(child)
                if s.i not in climbed and s.i not in self.actor_at and \
                        (s.pos_ in ("NOUN", "PROPN") or self.doc.norms[s.i] in self.doc.cues.other_pronouns):
                    return NOBODY  # "les négociateurs", "Washington et Londres ont mené", "ils"
                break
            inverted = self._inverted_actor(verb)
            if inverted is not None:
                return inverted
            if verb.dep_ in ("xcomp", "advcl", "conj") and verb.head.i != verb.i:
                verb = verb.head
                climbed.add(verb.i)
                continue
            if verb.dep_.startswith("acl") and verb.head.i != verb.i:
                actor = self._actor_of_token(verb.head)
                if actor is not None:
                    return actor
            break
        actor = self._actor_before(cue_index, sent.start)
        if actor is not None:
            return actor
        # Inversion ("a annoncé ... le secrétaire d'Etat"), but not a partner ("avec X", "par X").
        j = cue_index + 1
        while j < sent.end:
            if j in self.actor_at:
                first = j
                while j + 1 < sent.end and self.actor_at.get(j + 1) == self.actor_at[first]:
                    j += 1
                if not self._introduced_as_partner(first, sent.start):
                    return self.actor_at[first]
            j += 1
        return self.salient[self.doc.sent_of[cue_index]]

    def _inverted_actor(self, verb) -> str | None:
        """", a annoncé Antony Blinken depuis Bruxelles": a speech verb in an incise, subject after it."""
        if not self.doc.cues.speech.match_at(self.doc.norms, verb.i):
            return None
        first = verb.i
        while first > 0 and self.doc.tokens[first - 1].pos_ == "AUX":
            first -= 1
        if first == 0 or self.doc.tokens[first - 1].text not in (",", "»", "\"", "”", "'"):
            return None
        sent_end = self.doc.sents[self.doc.sent_of[verb.i]].end
        for j in range(verb.i + 1, min(sent_end, verb.i + 10)):
            if self.doc.norms[j] in self.doc.cues.barriers or self.doc.norms[j] == ",":
                return None
            if j in self.actor_at:
                return None if self._introduced_as_partner(j, verb.i) else self.actor_at[j]
        return None

    def _introduced_as_partner(self, name_start: int, lower: int) -> bool:
        """"avec le roi Abdallah II", "par M. Blinken": the name is the partner, not the actor."""
        return self._word_before_name(name_start, lower) in _PARTNER_WORDS

    def _word_before_name(self, name_start: int, lower: int) -> str:
        """The word before a name and its titles and article: "avec" in "avec le roi Abdallah II"."""
        norms = self.doc.norms
        k = name_start - 1
        while k > lower and (norms[k] in self.doc.cues.honorifics or norms[k] in ARTICLES):
            k -= 1
        return norms[k] if k >= 0 else ""

    def subject_in(self, si: int) -> bool:
        """The subject is named, or stood for by a pronoun, in sentence si."""
        sent = self.doc.sents[si]
        return any(i in self.doc.subject_tokens or self.actor_at.get(i) == SUBJ
                   for i in range(sent.start, sent.end))

    def subject_after(self, cue_index: int) -> bool:
        """The subject is named after the cue, in its clause: the guest in "le roi a reçu M. Blinken"."""
        sent = self.doc.sents[self.doc.sent_of[cue_index]]
        for j in range(cue_index + 1, sent.end):
            if self.doc.norms[j] in self.doc.cues.barriers:
                return False
            if self.actor_at.get(j) == SUBJ and j in self.doc.subject_tokens:
                return True
        return False
