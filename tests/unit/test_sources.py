"""Which agency an article names as its source: datelines and credits, never photo credits."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from digest.extract.sources import SOURCES_FILE, canonical_source, extract_source

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CORPUS = SHARED / "corpus"
SEEDS = SHARED / "seeds"
needs_corpus = pytest.mark.skipif(not (CORPUS / "truth.yaml").is_file(),
                                  reason="../shared/corpus is not beside this clone")
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside this clone")

BODY = "Le secrétaire d'Etat américain Antony Blinken a rencontré jeudi le président palestinien."


@pytest.mark.parametrize("text, expected", [
    (f"TEL AVIV, 12 octobre (Reuters) - {BODY}", "Reuters"),
    (f"DUBAÏ, 1er décembre (Reuters) – {BODY}", "Reuters"),
    (f"Jérusalem, 7 fév 2024 (AFP) - {BODY}", "AFP"),
    (f"DOHA (Reuters) – {BODY}", "Reuters"),
    (f"WASHINGTON (AFP) - {BODY}", "AFP"),
    (f"BRUXELLES (Belga) - {BODY}", "Belga"),
    (f"Berne (ATS) - {BODY}", "ATS"),
    (f"NATIONS UNIES (Etats-Unis), 6 novembre (AFP) - {BODY}", "AFP"),
    (f"Titre de l'article\n\nLE CAIRE, 6 février (AP) — {BODY}", "AP"),
    (f"PARIS (AFP/Reuters) - {BODY}", "AFP"),
])
def test_dateline(text, expected):
    assert extract_source(text, ()) == expected


@pytest.mark.parametrize("last_line, expected", [
    ("(Avec AFP)", "AFP"),
    ("(avec Reuters et AFP)", "Reuters"),
    ("/ATS", "ATS"),
    ("(BELGA)", "Belga"),
    ("Source : Agence France-Presse", "AFP"),
    ("Le Figaro avec AFP", "AFP"),
    ("ats/afp", "ATS"),
    ("Reuters", "Reuters"),
    ("(L\u2019Orient-Le Jour)", "L'Orient-Le Jour"),
    ("(Reportage de Simon Lewis; version française Claire Vernet, édité par Marc Aubry)", None),
    ("Partager", None),
])
def test_credit_line(last_line, expected):
    assert extract_source(f"{BODY}\n\n{last_line}", ()) == expected


def test_credit_line_before_site_chrome():
    assert extract_source(f"{BODY}\n\n(Avec AFP)\n\nPartager", ()) == "AFP"


@pytest.mark.parametrize("tail", [" (AFP)", " /ATS"])
def test_credit_ending_the_last_paragraph(tail):
    assert extract_source(BODY + tail, ()) in {"AFP", "ATS"}


@pytest.mark.parametrize("text", [
    f"{BODY}\n\nLe secrétaire d'Etat (à droite) est accueilli à Riyad. Photo POOL / AFP",
    f"{BODY}\n\nPhoto EVELYN HOCKSTEIN / POOL / AFP",
    f"{BODY}\n\nREUTERS/Ronen Zvulun",
    f"{BODY} Le bilan est lourd, selon un décompte de l'AFP.",
    f"{BODY} Selon l'agence officielle saoudienne SPA, le dirigeant a insisté.",
    f"Reuters\n\n{BODY}\n\nDeuxième paragraphe assez long.\n\nTroisième.\n\nQuatrième.",  # a bare name up top
])
def test_not_a_source(text):
    assert extract_source(text, ()) is None


def test_credits_from_the_cleaner():
    assert extract_source(BODY, ["(Avec AFP)"]) == "AFP"
    assert extract_source(BODY, ["/ATS"]) == "ATS"
    assert extract_source(BODY, ["Photo POOL / AFP"]) is None
    assert extract_source(BODY, ["(Reportage de Daniel Fortier à Doha; édité par Marc Aubry)"]) is None


def test_dateline_wins_over_credits():
    assert extract_source(f"DOHA (Reuters) – {BODY}", ["(Avec AFP)"]) == "Reuters"


def test_canonical_names():
    assert canonical_source("agence france-presse") == "AFP"
    assert canonical_source("BELGA") == "Belga"
    assert canonical_source("Keystone ATS") == "ATS"
    assert canonical_source("Associated Press") == "AP"
    assert canonical_source("Wafa") is None


def test_data_file_is_well_formed():
    data = yaml.safe_load(SOURCES_FILE.read_text(encoding="utf-8"))
    seen: dict[str, str] = {}
    for canonical, aliases in data["sources"].items():
        assert isinstance(aliases, list) and all(isinstance(a, str) and a.strip() for a in aliases)
        for alias in [canonical, *aliases]:
            key = alias.casefold()
            assert seen.setdefault(key, canonical) == canonical, f"{alias!r} names two sources"
    for name in ("AFP", "Reuters", "AP", "ATS", "Belga", "DPA", "ANSA", "EFE", "Xinhua", "Le Monde"):
        assert name in data["sources"]


def split_header(raw: str) -> tuple[str, str | None]:
    raw = raw.replace("\r\n", "\n")
    if raw.startswith(" date "):
        token, _, body = raw[len(" date "):].partition(" ")
        return body, token
    return raw, None


@needs_corpus
def test_corpus_accuracy():
    truth = yaml.safe_load((CORPUS / "truth.yaml").read_text(encoding="utf-8"))["articles"]
    wrong = []
    for entry in truth:
        text, _ = split_header((CORPUS / entry["file"]).read_text(encoding="utf-8"))
        found = extract_source(text, ())
        if found != entry["source"]:
            wrong.append((entry["file"], found, entry["source"]))
    assert 1 - len(wrong) / len(truth) >= 0.9, wrong


@needs_seeds
@pytest.mark.parametrize("prefix, expected", [
    ("000", "ATS"), ("001", None), ("002", "Reuters"), ("003", None),
    ("004", None),  # only a photo credit and "selon un décompte de l'AFP"
])
def test_seeds(prefix, expected):
    path = next(SEEDS.glob(f"{prefix}_*.txt"), None)
    if path is None:
        pytest.skip(f"seed {prefix} is missing")
    text, _ = split_header(path.read_text(encoding="utf-8"))
    assert extract_source(text, ()) == expected
