"""Cue matching helpers: indexed look-ups must answer as a scan of every cue would."""

from __future__ import annotations

from digest.extract.cues import CueSet, find_sequence


def test_find_sequence_yields_every_start_in_order_and_respects_stop():
    norms = "il a quitte la prochaine etape de la prochaine etape".split()
    assert list(find_sequence(norms, ("prochaine", "etape"))) == [4, 8]
    assert list(find_sequence(norms, ("prochaine", "etape"), stop=8)) == [4]
    assert list(find_sequence(norms, ("etape", "finale"))) == []
    assert list(find_sequence(norms, ("etape",))) == [5, 9]


def test_match_at_prefers_the_first_listed_sequence_then_words_and_prefixes():
    cues = CueSet.of(["se rendre a", "se rendre", "rencontr*", "voir"])
    norms = "il va se rendre a doha puis rencontrera l'emir et voir".split()
    assert cues.match_at(norms, 2) == 3  # "se rendre a" is listed first
    assert CueSet.of(["se rendre", "se rendre a"]).match_at(norms, 2) == 2
    assert cues.match_at(norms, 7) == 1  # prefix
    assert cues.match_at(norms, 10) == 1  # exact word
    assert cues.match_at(norms, 0) == 0
    assert cues.match_at(norms[:4], 2) == 2  # the longer sequence runs past the end
