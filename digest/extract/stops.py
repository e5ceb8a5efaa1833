"""Where the subject is: telling a stop of the trip from a place merely mentioned.

An article about a trip names many places it is not about: the war zones, the capitals
whose governments act, the venue of someone else's negotiations, the trip of last month.
A place is a stop only when the text puts the subject there:

- a dateline ("ANKARA, 6 novembre (Reuters) -", "NATIONS UNIES (New York) (AFP) -");
- a travel cue ("est arrivé à", "doit se rendre en", "s'envoler pour", "gagner"), a
  presence cue ("a déclaré à Doha") or a fronted place ("Au Caire, M. Blinken ..."),
  when the actor of the cue is the subject;
- a place listed after a stop ("en Egypte, puis au Qatar", "à Manama, Riyad et Abu Dhabi",
  "à Ramallah, où Abbas l'a reçu, puis à Manama");
- a country named through its officials (see ``officials``).

Sentences about an earlier trip give no stop.
"""

from __future__ import annotations

import re

from .actors import Actors
from .cues import TravelGroup
from .document import ARTICLES, NOBODY, SUBJ, Document, Mention
from .gazetteer import CITY_PREPS, COUNTRY_PREPS, PlaceEntry
from .officials import OfficialStops
from .spelling import normalize

_ARTICLE_PREPS = frozenset({"dans", "a", "de", "pour", "vers", "devant"})
# Cases of the complements a hearing's "devant ..." phrase may pass through to its place.
_COMPLEMENT_CASES = frozenset({"de", "d'", "du", "des", "a", "au", "aux"})
_NOT_BARE = frozenset({*CITY_PREPS, *COUNTRY_PREPS, "de", "d'", "du", "des", "pour", "vers", "dans", "par",
                       "sur", "avec", "contre", "entre", "depuis"})
_CHAIN_WORDS = frozenset({",", "et", "puis", "ensuite", "enfin", "avant", "apres", "de", "d'", "a", "au",
                          "aux", "en", "pour", "vers", "la", "le", "les", "l'", "-", "ou", "y", "se",
                          "rendre", "gagner", "rejoindre", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
                          "samedi", "dimanche", "soir", "matin", "demain", "apres-midi", "dans", "la",
                          "journee", "soiree", "nuit"})


class StopFinder:
    """The stops of one document, in text order; places found through officials are added to it."""

    def __init__(self, doc: Document, actors: Actors):
        self.doc = doc
        self.actors = actors
        self.officials = OfficialStops(doc, actors)

    def stops(self) -> tuple[list[int], list[str]]:
        """Indices (into self.doc.places) of the stops, and the dateline place keys."""
        chosen: list[int] = []
        by_sent: dict[int, list[int]] = {si: [] for si in range(len(self.doc.sents))}
        for n, m in enumerate(self.doc.places):
            by_sent[m.sent].append(n)
        for si, indices in by_sent.items():
            sent = self.doc.sents[si]
            if all(self.doc.in_past(i) for i in range(sent.start, sent.end)):
                continue
            indices = [n for n in indices if not self.doc.in_past(self.doc.places[n].start)]
            sent_stops: list[int] = []
            after_tour = self.doc.cues.after_tour_span(self.doc.norms[sent.start:sent.end])
            if after_tour is not None:
                after_tour = (after_tour[0] + sent.start, after_tour[1] + sent.start)
            for n in indices:
                m = self.doc.places[n]
                place = self.doc.gaz.places[m.key]
                if self._blocked_left(m) and not self._travel_to_blocked(m):
                    continue
                if self._negated_place(m):
                    continue
                if self._fronted(m, place) or self._right_after_subject(m, place):
                    sent_stops.append(n)
                    continue
                cue = self._cue_before(m, place)
                if after_tour is not None and not self._before_tour_end(m, place, cue, after_tour):
                    continue  # "sa tournée terminée, il s'envolera pour Tokyo": not a stop of this tour
                if cue is not None and self._accept_agent(cue[0]) and not self._negated_cue(cue[0], m):
                    sent_stops.append(n)
                    continue
                if self._chained(m, place, [self.doc.places[k] for k in sent_stops]):
                    sent_stops.append(n)
                    continue
                if self._conj_of_cue(m, place):
                    sent_stops.append(n)
            sent_stops += self.officials.next_leg(si)
            chosen += sent_stops
        dateline_indices, dateline_keys = self.dateline_places()
        chosen += dateline_indices
        chosen += self.officials.hosted({self.doc.places[n].key for n in chosen} | set(dateline_keys),
                                        self._located_cues())
        return sorted(set(chosen), key=lambda n: self.doc.places[n].start), dateline_keys

    def _negates(self, words: list[str]) -> bool:
        """A negation among words: "ne ... pas", "jamais", "sans", "aucune", "ni", but not
        "ne ... que" (restrictive) nor "pas seulement"."""
        cues = self.doc.cues
        has_ne = any(w in cues.ne_words for w in words)
        for k, w in enumerate(words):
            if w in cues.travel_negations:
                if w == "pas" and k + 1 < len(words) and words[k + 1] in cues.negation_cancellers:
                    continue
                return True
            if has_ne and w in cues.ne_partners:
                return True
        return False

    def _negated_cue(self, cue: int, m: Mention) -> bool:
        """"Il ne se rendra pas en Israël", "n'ira pas au Liban", "il n'est pas prévu qu'il se
        rende à Beyrouth": a negation whose scope reaches the travel cue (back to the clause
        start; a complement "que" stays in the scope of the main verb), or stands between the
        cue and the place."""
        doc = self.doc
        sent = doc.sents[m.sent]
        lo = cue
        k = cue - 1
        while k >= max(sent.start, cue - doc.cues.travel_negation_window):
            w = doc.norms[k]
            if doc.tokens[k].text == "," or (w in doc.cues.barriers and w not in ("que", "qu'")):
                break
            lo = k
            k -= 1
        return self._negates(doc.norms[lo:cue] + doc.norms[cue:m.start])

    def _negated_place(self, m: Mention) -> bool:
        """"mais pas en Israël", "ni au Liban", "sans Israël", or the place as the subject of a
        negated clause: "Israël ne figure pas au programme"."""
        doc = self.doc
        sent = doc.sents[m.sent]
        _, prep_index = self._prep_before(m)
        before = doc.norms[max(sent.start, prep_index - 1):prep_index]
        if before and before[0] in doc.cues.travel_negations and before[0] not in ("aucun", "aucune"):
            return True
        if m.end < sent.end and doc.norms[m.end] in doc.cues.ne_words:
            return self._negates(doc.norms[m.end:min(sent.end, m.end + 4)])
        return False

    def _before_tour_end(self, m: Mention, place: PlaceEntry, cue: tuple[int, str] | None,
                         marker: tuple[int, int]) -> bool:
        """In a sentence that ends the tour ("à l'issue de sa tournée, il rejoindra
        Bruxelles"), a place still counts only through a cue that says where the subject
        was ("a quitté Le Caire"), a weak presence cue, or inside a relative clause that tells
        of the tour itself ("sa tournée, qui l'a mené en Jordanie, terminée, ...")."""
        doc = self.doc
        if cue is None:
            return False
        index, strength = cue
        if strength == "weak" or doc.cues.after_tour_keep.match_at(doc.norms, index):
            return True
        if index > marker[1] and any(doc.norms[k] in ("qui", "ou", "dont") or doc.tokens[k].text.lower() == "où"
                                     for k in range(marker[1], index)):
            return True
        return False

    def _located_cues(self) -> set[int]:
        """Cues that reach a place named in their sentence: "reçu à Davos par ..." says where."""
        located = set()
        for m in self.doc.places:
            place = self.doc.gaz.places[m.key]
            cue = None if self.doc.in_past(m.start) else self._cue_before(m, place)
            if cue is not None:
                located.add(cue[0])
        return located

    def dateline_places(self) -> tuple[list[int], list[str]]:
        """Places named by a dateline: indices into self.doc.places, or keys when the ruler missed them."""
        indices, keys = [], []
        seen = 0
        for paragraph in re.finditer(r"[^\n]+", self.doc.text):
            line = paragraph.group(0)
            if not line.strip():
                continue
            seen += 1
            if seen > self.doc.cues.dateline_paragraphs:
                break
            match = self.doc.cues.dateline.match(line)
            if not match:
                continue
            # "NATIONS UNIES (New York)": the bracket says where an unknown place is.
            groups = [g for g in ("place", "where") if g in match.re.groupindex and match.group(g)]
            known = [(g, self.doc.gaz.place_aliases.get(normalize(match.group(g)))) for g in groups]
            known = [(g, key) for g, key in known if key]
            if not known:
                continue
            group, key = known[0]
            offset = paragraph.start() + match.start(group)
            found = [n for n, m in enumerate(self.doc.places)
                     if m.key == key and self.doc.tokens[m.start].idx <= offset + len(match.group(group))
                     and self.doc.tokens[m.end - 1].idx + len(self.doc.tokens[m.end - 1]) >= offset]
            if found:
                indices.append(found[0])
            else:
                keys.append(key)
        return indices, keys

    def _blocking_start(self, m: Mention) -> int | None:
        """Start of a left context that makes the place a mere mention ("bande de", "aide à"), if any."""
        norms, patterns = self.doc.norms, self.doc.cues.not_a_stop_before
        # Only the patterns ending on the word before the place, or before its article, can match.
        by_last = self.doc.cues.not_a_stop_by_last_word
        candidates = set(by_last.get(norms[m.start - 1], ())) if m.start >= 1 else set()
        if m.start >= 2 and norms[m.start - 1] in ARTICLES:
            candidates.update(by_last.get(norms[m.start - 2], ()))
        for pattern in (patterns[index] for index in sorted(candidates)):
            n = len(pattern)
            if m.start >= n and tuple(norms[m.start - n:m.start]) == pattern:
                return m.start - n
            # with an article before the place: "aide à l'Ukraine"
            if m.start >= n + 1 and tuple(norms[m.start - n - 1:m.start - 1]) == pattern \
                    and norms[m.start - 1] in ARTICLES:
                return m.start - n - 1
        return None

    def _blocked_left(self, m: Mention) -> bool:
        return self._blocking_start(m) is not None

    def _travel_to_blocked(self, m: Mention) -> bool:
        """"s'est rendu au point de passage de Kerem Shalom": a travel cue right before the phrase."""
        start = self._blocking_start(m)
        sent = self.doc.sents[m.sent]
        if start is None or start - 1 < sent.start:
            return False
        words = self.doc.norms[max(sent.start, start - 3):start]
        if not words or words[-1] not in ("au", "a", "aux", "la", "le", "l'", "en"):
            return False
        for j in range(start - 1, max(sent.start, start - 4) - 1, -1):
            if self.doc.tokens[j].pos_ in ("VERB", "AUX") and self._travel_cue_at(j):
                return self._accept_agent(j)
        return False

    def _prep_before(self, m: Mention) -> tuple[str, int]:
        """The word that locates the place, and its index: "à" in "à Amman".

        The preposition may stand before an article ("dans la capitale saoudienne" gives
        "dans") or before a setting within the place, which passes it on: "dans l'oasis
        d'Al-Ula", "au port d'Ashdod", "dans la station balnéaire de Charm el-Cheikh".
        """
        return self._prep_at(self._setting_start(m.start))

    def _setting_start(self, start: int) -> int:
        """Index of the setting noun before "de" + place, or start when there is none."""
        norms, tokens = self.doc.norms, self.doc.tokens
        j = start - 1
        if j < 1 or norms[j] not in ("de", "d'", "du"):
            return start
        j -= 1
        while j > 0 and tokens[j].pos_ == "ADJ":  # "station balnéaire"
            j -= 1
        return j if norms[j] in self.doc.cues.setting_nouns else start

    def _prep_at(self, start: int) -> tuple[str, int]:
        j = start - 1
        if j < 0:
            return "", start
        word = self.doc.norms[j]
        if word in ARTICLES and j > 0 and self.doc.norms[j - 1] in _ARTICLE_PREPS:
            return self.doc.norms[j - 1], j - 1  # "à l'aéroport Ben Gourion", "dans la capitale saoudienne"
        return word, j

    def _cue_before(self, m: Mention, place: PlaceEntry) -> tuple[int, str] | None:
        """(cue token index, "strong" or "weak") for the nearest travel or presence cue before the place."""
        prep, prep_index = self._prep_before(m)
        groups = [(g, "strong") for g in self.doc.cues.travel]
        if place.kind != "site":
            groups += [(self.doc.cues.presence, "weak"), (self.doc.cues.copula, "weak")]
        best: tuple[int, str] | None = None
        for group, strength in groups:
            found = self._cue_in_group(m, place, group, prep, prep_index)
            if found is not None and (best is None or found > best[0] or (strength == "strong" and best[1] == "weak")):
                best = (found, strength)
        if best is None:
            hearing = self._hearing_of(m)
            if hearing is not None:
                best = (hearing, "strong")
        return best

    def _hearing_of(self, m: Mention) -> int | None:
        """The cue of a hearing whose "devant ..." phrase holds the place, however long it is
        (through complements "de ..." and locations "à ..." only):
        "a défendu mercredi la politique ... devant la commission des Affaires étrangères de
        la Chambre des représentants, à Washington" (the parse hangs both places on "commission")."""
        norms, node = self.doc.norms, self.doc.tokens[m.start]
        before = next((g for g in self.doc.cues.travel if g.name == "before"), None)
        for _ in range(5):
            head = node.head
            if before is None or head.i == node.i:
                return None
            if any(c.dep_ == "case" and norms[c.i] in before.preps for c in node.children):
                # the parse may hang "devant ..." on the verb's object ("a défendu le budget devant ...")
                for _ in range(3):
                    if before.cues.match_at(norms, head.i):
                        return head.i
                    if head.dep_ not in ("obj", "nmod") or head.head.i == head.i:
                        return None
                    head = head.head
                return None
            cases = {norms[c.i] for c in node.children if c.dep_ == "case"}
            if node.dep_ not in ("nmod", "appos", "flat:name", "flat") or cases - _COMPLEMENT_CASES \
                    or norms[head.i] in self.doc.cues.topic_nouns:
                return None  # "devant le Congrès sur la situation au Soudan": a topic, not the place
            node = head
        return None

    def _cue_in_group(self, m: Mention, place: PlaceEntry, group: TravelGroup, prep: str,
                      prep_index: int) -> int | None:
        sent = self.doc.sents[m.sent]
        if "" in group.preps and group is not self.doc.cues.presence:
            # bare object: "gagner Doha", "quitter El-Alamein", "gagner les Emirats"
            if prep in group.preps:
                anchor = prep_index
            elif prep not in _NOT_BARE:
                anchor = m.start
            else:
                return None
            max_gap = 1
        else:
            if prep not in group.preps:
                return None
            if prep in CITY_PREPS + COUNTRY_PREPS and prep not in place.preps:
                return None  # "l'aide à Israël": a country takes "en", not "à"
            anchor = prep_index
            max_gap = self.doc.cues.max_gap if group.max_gap is None else group.max_gap
        j = anchor - 1
        gap = 0
        while j >= sent.start and gap <= max_gap:
            if self._restrictive_que(j, anchor, sent.start):
                gap += 1  # "il ne se rendra qu'en Jordanie": "ne ... que" restricts, it does not negate
                j -= 1
                continue
            if self.doc.norms[j] in self.doc.cues.barriers or self.doc.tokens[j].text == ",":
                return None
            if group.cues.match_at(self.doc.norms, j):
                if group.name == "event":
                    return j  # "la Conférence sur la sécurité de Munich": the place names the event
                if self._noun_located_elsewhere(j, m):
                    return None
                weak = group is self.doc.cues.presence or group is self.doc.cues.copula
                return None if self._place_owned_by_gap(m, j, anchor, weak) else j
            if self.doc.tokens[j].pos_ == "VERB" and j != anchor - 1:
                return None  # another predicate: "attendu en Israël pour tenter de prolonger la trêve à Gaza"
            gap += 1
            j -= 1
        return None

    def _restrictive_que(self, j: int, anchor: int, lower: int) -> bool:
        """"que" right before the place's preposition after a "ne" ("ne se rendra qu'en Jordanie")."""
        norms = self.doc.norms
        return j == anchor - 1 and norms[j] in ("que", "qu'") and \
            any(w in self.doc.cues.ne_words for w in norms[max(lower, j - 5):j])

    def _noun_located_elsewhere(self, cue: int, m: Mention) -> bool:
        """"Les entretiens du Caire coïncidaient avec l'ouverture à La Haye ...": a noun cue
        whose own complement names another place is located there, not further on."""
        if self.doc.tokens[cue].pos_ != "NOUN" or self.doc.norms[cue + 1:cue + 2] not in (["de"], ["du"], ["d'"]):
            return False
        return any(other.start == cue + 2 and other is not m for other in self.doc.places)

    def _place_owned_by_gap(self, m: Mention, cue: int, anchor: int, weak: bool) -> bool:
        """The parse attaches the place to a noun between the cue and the place.

        "une conférence sur l'aide humanitaire à Gaza": the place belongs to "aide", not to
        the cue. After a weak cue ("a plaidé pour une trêve au Liban") any noun takes the
        place; after a travel cue only a topic noun does ("a rencontré les ministres à
        Bruxelles" keeps Bruxelles). Times ("lundi soir"), names and cue words never do.
        """
        head = None
        for token in self.doc.tokens[m.start:m.end]:
            if not (m.start <= token.head.i < m.end):
                head = token.head
                break
        if head is None or not (cue < head.i < anchor):
            return False
        if head.pos_ not in ("NOUN", "PROPN") or head.i in self.actors.actor_at:
            return False
        norm = self.doc.norms[head.i]
        if norm in self.doc.cues.time_words or head.like_num:
            return False
        if self._travel_cue_at(head.i) or self.doc.cues.presence.cues.match_at(self.doc.norms, head.i):
            return False
        return weak or norm in self.doc.cues.topic_nouns

    def _fronted(self, m: Mention, place: PlaceEntry) -> bool:
        """"Au Caire, M. Blinken ...", "Dans la capitale jordanienne, Blinken a rencontré ...": place opening
        the sentence."""
        sent = self.doc.sents[m.sent]
        prep, prep_index = self._prep_before(m)
        if not (prep in place.preps and prep in (*CITY_PREPS, *COUNTRY_PREPS) or prep == "dans"):
            return False
        words = [t for t in self.doc.tokens[sent.start:prep_index] if not t.is_space]
        if len(words) > 2 and not self._time_leadin(words):  # "Gaza : au Caire, ..." keeps a short lead-in
            return False
        if m.end >= sent.end or self.doc.tokens[m.end].text != ",":
            return False
        for j in range(m.end + 1, min(sent.end, m.end + 8)):
            if self.actors.actor_at.get(j) == SUBJ:
                return True
            if j in self.actors.actor_at:
                return False
        return False

    def _time_leadin(self, words) -> bool:
        """"La veille, à Tel-Aviv, ...", "Plus tôt dans la journée, à Ankara, ...": a time phrase
        of the reported events, closed by a comma, before a fronted place."""
        if len(words) > 8 or words[-1].text != ",":
            return False
        leadins = self.doc.cues.time_leadins
        return all(t.text == "," or normalize(t.text) in leadins for t in words)

    def _right_after_subject(self, m: Mention, place: PlaceEntry) -> bool:
        """Headline style, no verb: "Blinken en Israël pour ...", "Antony Blinken au Caire"."""
        prep, prep_index = self._prep_before(m)
        if prep not in place.preps or prep_index == 0:
            return False
        j = prep_index - 1
        return j in self.doc.subject_tokens and self.doc.tokens[j].text[:1].isupper()

    def _accept_agent(self, cue_index: int) -> bool:
        agent = self.actors.agent_of(cue_index)
        if agent == SUBJ:
            return True
        if agent is None:
            return self.actors.subject_in(self.doc.sent_of[cue_index])
        if agent != NOBODY and self.doc.cues.host.match_at(self.doc.norms, cue_index):
            # "Le prince héritier a reçu à Riyad le secrétaire d'Etat": the guest is the subject.
            return self.actors.subject_after(cue_index)
        return False

    def _chained(self, m: Mention, place: PlaceEntry, earlier: list[Mention]) -> bool:
        """A place listed right after a stop: "en Egypte, puis au Qatar", "Manama, Riyad et Abu Dhabi"."""
        if not earlier:
            return False
        last = max(earlier, key=lambda e: e.end)
        if last.end > m.start:
            return False
        # "en Jordanie pour une conférence ..., puis (vendredi) au Qatar": a continuation word reaches further.
        prep, prep_index = self._prep_before(m)
        lead = prep_index if prep in place.preps else m.start
        k = lead - 1  # "puis vendredi en Israël": a day may stand between the word and the place
        while k > last.end and lead - k <= 3 and self.doc.norms[k] in self.doc.cues.time_words:
            k -= 1
        if k >= 0 and self.doc.norms[k] in self.doc.cues.continuations:
            if self._itinerary_goes_on(last.end, k):
                return True
        between = self.doc.norms[last.end:m.start]
        if len(between) > 6 or not all(w in _CHAIN_WORDS for w in between):
            return False
        # A bare word right before the place must still be a preposition of the right kind.
        prep = self.doc.norms[m.start - 1] if m.start else ""
        if prep in (*CITY_PREPS, *COUNTRY_PREPS) and prep not in place.preps:
            return False
        if prep in ("de", "d'", "du", "des") and not (set(between) & {"pour", "vers"}):
            return False  # "Ramallah, en Cisjordanie" yes; "le Qatar et l'Egypte" no
        return True

    def _itinerary_goes_on(self, start: int, end: int) -> bool:
        """Nothing in tokens [start, end) ends the list of stops before a continuation word.

        A clause barrier does, but not a relative "où" that tells what happened at the
        earlier stop ("à Ramallah, où Mahmoud Abbas l'a reçu, puis à Manama"), unless it
        tells of someone else's journey ("où le roi doit ensuite se rendre").
        """
        relative = False
        for k in range(start, end):
            if self.doc.tokens[k].text.lower() == "où":
                relative = True
            elif self.doc.norms[k] in self.doc.cues.barriers:
                return False
        if not relative:
            return True
        onward = [g for g in self.doc.cues.travel if g.name == "toward"]
        return not any(self.doc.tokens[k].pos_ == "VERB" and g.cues.match_at(self.doc.norms, k)
                       for k in range(start, end) for g in onward)

    def _conj_of_cue(self, m: Mention, place: PlaceEntry) -> bool:
        """The parse links the place to a cue through coordination ("se rendre en X ..., puis en Y")."""
        token = self.doc.tokens[m.end - 1]
        if token.dep_ != "conj":
            return False
        prep, _ = self._prep_before(m)
        if prep not in place.preps:
            return False
        head = token.head
        return self._travel_cue_at(head.i) and self._accept_agent(head.i) and not self._negated_cue(head.i, m)

    def _travel_cue_at(self, i: int) -> bool:
        return any(group.cues.match_at(self.doc.norms, i) for group in self.doc.cues.travel)
