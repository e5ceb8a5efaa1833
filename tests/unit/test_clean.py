"""Tests for digest.clean: decoding, header, chrome, captions, credits, teasers, titles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from digest import clean as clean_module
from digest.clean import (
    Block,
    Cleaned,
    DecodeError,
    clean,
    decode,
    is_caption,
    is_chrome,
    is_credit,
    make_lead,
    make_title,
    split_sentences,
)

BODY_1 = (
    "Le secrétaire d'Etat américain Antony Blinken a rencontré jeudi à Tel-Aviv le Premier "
    "ministre israélien Benjamin Netanyahu, avec qui il a évoqué la protection des civils."
)
BODY_2 = (
    "M. Blinken doit ensuite se rendre en Jordanie, où il sera reçu par le roi Abdallah II, "
    "avant d'autres étapes dans la région."
)
BODY_3 = "Plus de 1.400 personnes ont été tuées, selon un bilan officiel. Le Hamas n'a pas réagi."


def _texts(cleaned: Cleaned) -> list[str]:
    return [block.text for block in cleaned.blocks]


def _norm(text: str) -> str:
    """Whitespace-normalised text (NBSP and NNBSP included), quotes untouched."""
    return " ".join(text.split())


# ---------------------------------------------------------------------------
# decode
# ---------------------------------------------------------------------------

SAMPLE = "Le secrétaire d’État a jugé l’entretien « très productif »\u00a0: trêve à Gaza.\n"


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (SAMPLE.encode("utf-8-sig"), "utf-8-sig"),
        (SAMPLE.encode("utf-16"), "utf-16"),
        (SAMPLE.encode("utf-32"), "utf-32"),
        (SAMPLE.encode("cp1252"), "cp1252"),
    ],
)
def test_decode_known_encodings(encoded: bytes, encoding: str) -> None:
    assert decode(encoded) == (SAMPLE, encoding)


def test_decode_latin1_text_reads_as_cp1252() -> None:
    text, encoding = decode("Trêve à Gaza, déjà évoquée.".encode("latin-1"))
    assert text == "Trêve à Gaza, déjà évoquée."
    assert encoding == "cp1252"


def test_decode_cp1252_typographic_characters() -> None:
    text, _ = decode("Il a dit “oui” – c’est déjà ça…".encode("cp1252"))
    assert text == "Il a dit “oui” – c’est déjà ça…"


def test_decode_utf16_without_bom() -> None:
    text, encoding = decode("Trêve à Gaza\n".encode("utf-16-le"))
    assert text == "Trêve à Gaza\n"
    assert encoding == "utf-16-le"


def test_decode_normalises_line_endings() -> None:
    text, _ = decode(b"un\r\ndeux\rtrois\n")
    assert text == "un\ndeux\ntrois\n"


def test_decode_strips_bom_character() -> None:
    text, _ = decode("\ufeffBonjour".encode("utf-8"))
    assert text == "Bonjour"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        (b"  \n\t \r\n", "whitespace only"),
        ("  \n ".encode("utf-16"), "whitespace only"),
        (b"abc\x00def ghi", "NUL bytes"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 stream", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"\x01\x02\x03\x04\x05\x06\x07texte" * 10, "non-printable"),
    ],
)
def test_decode_rejects(data: bytes, message: str) -> None:
    with pytest.raises(DecodeError, match=message):
        decode(data)


def test_decode_error_is_a_value_error() -> None:
    assert issubclass(DecodeError, ValueError)


# ---------------------------------------------------------------------------
# header
# ---------------------------------------------------------------------------


def test_header_split_from_body_on_same_line() -> None:
    cleaned = clean(f" date 2023-10 {BODY_1}\n\n{BODY_2}\n")
    assert cleaned.header == "2023-10"
    assert cleaned.header_line == 1
    assert _texts(cleaned) == [BODY_1, BODY_2]


@pytest.mark.parametrize("value", ["2023-13", "soon", "2023/11", "11-2023"])
def test_malformed_header_value_is_returned_raw(value: str) -> None:
    cleaned = clean(f" date {value} {BODY_1}\n\n{BODY_2}")
    assert cleaned.header == value
    assert _texts(cleaned)[0] == BODY_1


def test_header_with_spaced_date_tokens() -> None:
    cleaned = clean(f" date 12 novembre 2023 {BODY_1}")
    assert cleaned.header == "12 novembre 2023"
    assert _texts(cleaned) == [BODY_1]


def test_header_does_not_swallow_a_number_starting_the_body() -> None:
    cleaned = clean(" date 2023-11 2 000 personnes ont manifesté mardi à Paris.")
    assert cleaned.header == "2023-11"
    assert _texts(cleaned) == ["2 000 personnes ont manifesté mardi à Paris."]


def test_header_without_value() -> None:
    cleaned = clean(f" date {BODY_1}")
    assert cleaned.header == ""
    assert _texts(cleaned) == [BODY_1]


def test_header_line_counts_leading_blank_lines() -> None:
    cleaned = clean(f"\n\n date 2024-02 {BODY_1}")
    assert (cleaned.header, cleaned.header_line) == ("2024-02", 3)


def test_no_header() -> None:
    cleaned = clean(f"{BODY_1}\n\n{BODY_2}")
    assert cleaned.header is None
    assert cleaned.header_line is None
    assert _texts(cleaned) == [BODY_1, BODY_2]


def test_body_starting_with_the_word_date_is_not_a_header() -> None:
    cleaned = clean("Date limite fixée par Washington, le plan reste flou.")
    assert cleaned.header is None


# ---------------------------------------------------------------------------
# chrome
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Rechercher",
        "Partager",
        "PARTAGER :",
        "Dernières Infos - Gaza",
        "Abonnez-vous",
        "Abonnez-vous pour lire la suite",
        "Lire aussi : Guerre Israël-Hamas : l'afflux de déplacés",
        "LIRE AUSSI - Les Etats-Unis envoient un porte-avions",
        "À lire également : notre dossier",
        "Accueil > Monde > Proche-Orient",
        "Nous utilisons des cookies pour améliorer votre expérience. Accepter",
        "Cet article est réservé aux abonnés.",
        "Il vous reste 80% de cet article à lire.",
        "Publié le 12/10/2023 à 14h05",
        "Temps de lecture : 3 min",
        "Partager sur Facebook",
        "S’abonner",
        "Facebook Twitter LinkedIn E-mail",
        "Mise à jour 12.10.2023 à 10:15",
        "00:00/02:35",
        "Offrir l’article",
    ],
)
def test_chrome_lines(line: str) -> None:
    assert is_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        BODY_1,
        "Partager les responsabilités est essentiel, a-t-il dit.",
        "Proposition de trêve",
        "« Chances réelles »",
        "Publié le 3 mars, le rapport de l'ONU a été vivement critiqué par Israël.",
    ],
)
def test_not_chrome(line: str) -> None:
    assert not is_chrome(line)


def test_chrome_is_dropped_even_inside_a_paragraph() -> None:
    cleaned = clean(f"Rechercher\nRechercher\n\n{BODY_1}\nPartager\n{BODY_2}\n\nAbonnez-vous")
    assert _texts(cleaned) == [BODY_1, BODY_2]
    assert cleaned.dropped == ("Rechercher", "Rechercher", "Partager", "Abonnez-vous")


def test_chrome_after_header_then_headline() -> None:
    text = f" date 2024-08 Dernières Infos - Gaza\n\nRechercher\n\nBlinken presse l'Egypte\n\n{BODY_1}\n\n{BODY_2}"
    cleaned = clean(text)
    assert cleaned.header == "2024-08"
    assert cleaned.headline == "Blinken presse l'Egypte"
    assert _texts(cleaned) == [BODY_1, BODY_2]
    assert "Dernières Infos - Gaza" in cleaned.dropped


# ---------------------------------------------------------------------------
# captions and credits
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "paragraph",
    [
        "Antony Blinken (à gauche) est accueilli à Riyad. Photo POOL / AFP",
        "Antony Blinken s'entretient avec Yoav Gallant à Tel Aviv. Photo EVELYN HOCKSTEIN / POOL / AFP",
        "Antony Blinken à son arrivée à Doha (Photo: Reuters)",
        "Antony Blinken à son arrivée à Doha. © AFP",
        "Antony Blinken à son arrivée à Doha. Reuters/Evelyn Hockstein",
        "Antony Blinken, le 12 octobre 2023 à Tel-Aviv. AFP - JACQUELYN MARTIN",
        "Antony Blinken jeudi à Tel-Aviv. (AP Photo/Jacquelyn Martin)",
        "Le secrétaire d'Etat Antony Blinken rencontre le ministre turc Hakan Fidan, "
        "au ministère des Affaires étrangères à Ankara, Turquie, le 6 novembre 2023.",
    ],
)
def test_captions(paragraph: str) -> None:
    assert is_caption(paragraph)


@pytest.mark.parametrize(
    "paragraph",
    [
        BODY_1,
        "Il a montré une photo des otages aux journalistes, selon un décompte de l'AFP.",
        # a date after a place, but no country, and two sentences: real body
        "Blinken est arrivé à Ankara, le 6 novembre 2023. Il a vu Hakan Fidan.",
        # a quotation is never a caption without credit
        "« Nous restons à Ankara, Turquie, le 6 novembre 2023 », a-t-il dit.",
    ],
)
def test_not_captions(paragraph: str) -> None:
    assert not is_caption(paragraph)


@pytest.mark.parametrize(
    "paragraph",
    [
        "(Avec AFP)",
        "(avec Reuters)",
        "(Avec AFP et Reuters)",
        "/ATS",
        "(BELGA)",
        "(Reportage de Daniel Fortier à Doha; version française Claire Vernet, édité par Marc Aubry)",
        "Reportages de Simon Lewis ; Montage par Daren Butler et Gareth Jones",
        "Édité par Marc Aubry",
        "Par Jean Dupont et Marie Martin (AFP)",
        "Le Figaro avec AFP",
        "20 Minutes avec agences",
        "ats/afp/jpf",
    ],
)
def test_credits(paragraph: str) -> None:
    assert is_credit(paragraph)


@pytest.mark.parametrize(
    "paragraph",
    [
        BODY_1,
        "Avec ou sans accord, l'aide doit entrer à Gaza, a-t-il dit.",
        "Par ailleurs, Washington a envoyé un porte-avions.",
        "Proposition de trêve",
        "Le ministre a quitté la salle avec Reuters.",
        "Montage de la coalition",
    ],
)
def test_not_credits(paragraph: str) -> None:
    assert not is_credit(paragraph)


def test_caption_and_credit_leave_the_body() -> None:
    caption = "Antony Blinken est accueilli à Riyad. Photo POOL / AFP"
    cleaned = clean(f"Blinken reçu à Riyad\n\n{caption}\n\n{BODY_1}\n\n{BODY_2}\n\n(Avec AFP)\n")
    assert cleaned.headline == "Blinken reçu à Riyad"
    assert cleaned.captions == (caption,)
    assert cleaned.credits == ("(Avec AFP)",)
    assert _texts(cleaned) == [BODY_1, BODY_2]


# ---------------------------------------------------------------------------
# repeats and teasers
# ---------------------------------------------------------------------------


def test_truncated_teaser_repeating_the_opening_is_dropped() -> None:
    teaser = "\u00a0" + BODY_1[:80] + "..."
    cleaned = clean(f"{BODY_1}\n\n{BODY_2}\n\n{teaser}")
    assert _texts(cleaned) == [BODY_1, BODY_2]
    assert cleaned.dropped == (teaser.strip(),)


def test_teaser_gluing_paragraphs_without_space_is_dropped() -> None:
    teaser = BODY_1 + BODY_2[:40] + "…"
    cleaned = clean(f"{BODY_1}\n\n{BODY_2}\n\n{BODY_3}\n\n{teaser}")
    assert _texts(cleaned) == [BODY_1, BODY_2, BODY_3]


def test_teaser_after_trailing_chrome_is_dropped() -> None:
    cleaned = clean(f"{BODY_1}\n\n{BODY_2}\n\n{BODY_1[:90]}…\n\nPartager")
    assert _texts(cleaned) == [BODY_1, BODY_2]


def test_near_copy_teaser_is_dropped() -> None:
    teaser = BODY_1[:100].replace("jeudi", "mardi").replace("'", "’") + "…"
    cleaned = clean(f"{BODY_1}\n\n{BODY_2}\n\n{teaser}")
    assert _texts(cleaned) == [BODY_1, BODY_2]


def test_teaser_followed_by_unknown_trailing_line_is_dropped() -> None:
    cleaned = clean(f"{BODY_1}\n\n{BODY_2}\n\n{BODY_1[:90]}…\n\nRéagissez à cet article sur notre forum")
    assert _texts(cleaned) == [BODY_1, BODY_2, "Réagissez à cet article sur notre forum"]


def test_final_paragraph_ending_in_ellipsis_but_new_is_kept() -> None:
    last = "Et maintenant, la suite des négociations reste très incertaine..."
    cleaned = clean(f"{BODY_1}\n\n{BODY_2}\n\n{last}")
    assert _texts(cleaned) == [BODY_1, BODY_2, last]


def test_exact_repeat_is_dropped_and_first_copy_kept() -> None:
    cleaned = clean(f"{BODY_1}\n\n{BODY_2}\n\n{BODY_3}\n\n{BODY_2}")
    assert _texts(cleaned) == [BODY_1, BODY_2, BODY_3]
    assert cleaned.dropped == (BODY_2,)


# ---------------------------------------------------------------------------
# headline, headings, paragraphs
# ---------------------------------------------------------------------------


def test_headline_and_subheads() -> None:
    text = (
        " date 2024-06 Blinken au Caire pour une trêve\n\n"
        f"{BODY_1}\n\nProposition de trêve\n\n{BODY_2}\n\nPAS DE RÉUNION D’ERDOGAN\n\n"
        f"« Chances réelles »\u00a0\n\n{BODY_3}"
    )
    cleaned = clean(text)
    assert cleaned.headline == "Blinken au Caire pour une trêve"
    assert cleaned.blocks == (
        Block("paragraph", BODY_1),
        Block("heading", "Proposition de trêve"),
        Block("paragraph", BODY_2),
        Block("heading", "PAS DE RÉUNION D’ERDOGAN"),
        Block("heading", "« Chances réelles »"),
        Block("paragraph", BODY_3),
    )


def test_section_label_above_headline_is_dropped() -> None:
    cleaned = clean(f"Moyen-Orient\n\nBlinken rencontre Netanyahu à Tel-Aviv\n\n{BODY_1}\n\n{BODY_2}")
    assert cleaned.headline == "Blinken rencontre Netanyahu à Tel-Aviv"
    assert cleaned.dropped == ("Moyen-Orient",)
    assert _texts(cleaned) == [BODY_1, BODY_2]


def test_first_sentence_is_not_a_headline() -> None:
    cleaned = clean(f" date 2023-10 {BODY_1}\n\nOtages\n\n{BODY_2}")
    assert cleaned.headline is None
    assert cleaned.blocks[0] == Block("paragraph", BODY_1)
    assert cleaned.blocks[1] == Block("heading", "Otages")


def test_dateline_paragraph_is_not_a_headline() -> None:
    cleaned = clean(f"DOHA (Reuters) – Le Hamas a répondu\n\n{BODY_1}")
    assert cleaned.headline is None


def test_single_unpunctuated_line_stays_in_body() -> None:
    cleaned = clean("Blinken est arrivé à Doha mardi soir")
    assert cleaned.headline is None
    assert _texts(cleaned) == ["Blinken est arrivé à Doha mardi soir"]


def test_wrapped_lines_are_joined() -> None:
    cleaned = clean("Le secrétaire d'Etat a rencontré jeudi\nle Premier ministre israélien à\nTel-Aviv.\n\nSuite.")
    assert _texts(cleaned) == ["Le secrétaire d'Etat a rencontré jeudi le Premier ministre israélien à Tel-Aviv.", "Suite."]


def test_wrapped_line_ending_with_abbreviation_is_joined() -> None:
    cleaned = clean("Le dirigeant a reçu jeudi soir M.\nBlinken dans son palais.")
    assert _texts(cleaned) == ["Le dirigeant a reçu jeudi soir M. Blinken dans son palais."]


def test_headline_directly_above_body_without_blank_line() -> None:
    cleaned = clean(f"Blinken à Doha\n{BODY_1}\n\n{BODY_2}")
    assert cleaned.headline == "Blinken à Doha"
    assert _texts(cleaned) == [BODY_1, BODY_2]


def test_quotes_apostrophes_and_nbsp_are_kept() -> None:
    paragraph = "« L’urgence\u00a0», a dit l’émir\u202f; “c’est possible\u202f!”, a-t-il ajouté 'vite'."
    cleaned = clean(f"   {paragraph}   \n")
    assert _texts(cleaned) == [paragraph]


def test_whitespace_runs_are_collapsed() -> None:
    cleaned = clean("Le   secrétaire\td'Etat  est arrivé.")
    assert _texts(cleaned) == ["Le secrétaire d'Etat est arrivé."]


def test_dangling_dateline_joins_its_paragraph() -> None:
    cleaned = clean(f"DOHA (AFP) -\n\n{BODY_1}")
    assert _texts(cleaned) == [f"DOHA (AFP) - {BODY_1}"]


# ---------------------------------------------------------------------------
# sentences, titles, leads
# ---------------------------------------------------------------------------


def test_split_sentences_respects_abbreviations_numbers_and_quotes() -> None:
    text = (
        "MM. Blinken et Netanyahu ont parlé de 1.140 morts. « Est-ce facile\u202f? Non. "
        "Mais c’est possible\u202f! », a dit M. Blinken. Il est parti."
    )
    assert split_sentences(text) == [
        "MM. Blinken et Netanyahu ont parlé de 1.140 morts.",
        "« Est-ce facile\u202f? Non. Mais c’est possible\u202f! », a dit M. Blinken.",
        "Il est parti.",
    ]


def test_split_sentences_after_a_lone_lower_case_word() -> None:
    assert split_sentences("Voilà ce qu'il y a. Le reste suit. Joe R. Biden arrive.") == [
        "Voilà ce qu'il y a.",
        "Le reste suit.",
        "Joe R. Biden arrive.",
    ]


def test_split_sentences_straight_quotes_and_ellipsis_in_brackets() -> None:
    text = 'Il veut "s\'assurer (...) que l\'aide arrive." Puis il a ajouté: "oui".'
    assert split_sentences(text) == ['Il veut "s\'assurer (...) que l\'aide arrive."', 'Puis il a ajouté: "oui".']


def test_split_sentences_looks_past_long_runs_of_line_breaks_or_quotes() -> None:
    """Only the characters near a full stop are read, unless line breaks or quotes fill that window."""
    breaks, quotes = "\n" * 150, "«" * 150
    assert split_sentences(f"Il est arrivé.{breaks}Puis il est parti.") == ["Il est arrivé.", "Puis il est parti."]
    assert split_sentences(f"Il est arrivé. {quotes} Fin ».") == ["Il est arrivé.", f"{quotes} Fin »."]
    long_word = "x" * 150
    assert split_sentences(f"Un {long_word}. Puis un autre.") == [f"Un {long_word}.", "Puis un autre."]


def test_a_long_paragraph_is_split_into_all_its_sentences() -> None:
    assert len(split_sentences("M. Blinken est arrivé à Amman. « Oui. » " * 2000)) == 4000


def test_title_is_the_headline() -> None:
    cleaned = clean(f"Blinken au Caire\n\n{BODY_1}")
    assert make_title(cleaned) == "Blinken au Caire"


def test_title_from_short_first_sentence_drops_dateline_and_period() -> None:
    cleaned = clean("DOHA, 13 octobre (AFP) - Blinken est arrivé à Doha. Il a vu l'émir.")
    assert make_title(cleaned) == "Blinken est arrivé à Doha"


def test_title_from_long_sentence_is_cut_naturally() -> None:
    cleaned = clean(
        " date 2024-06 Le secrétaire d'Etat américain, Antony Blinken, a appelé lundi au Caire "
        "les pays de la région à 'faire pression' sur le Hamas pour qu'il accepte un cessez-le-feu."
    )
    title = make_title(cleaned)
    assert len(title) <= 90
    assert title.startswith("Antony Blinken a appelé lundi au Caire")
    last_word = title.rstrip("…").split()[-1].casefold()
    assert last_word not in {"de", "la", "le", "les", "et", "à", "au", "des", "du"}
    assert not re.search(r"[,;:(«“\"'-]\s*…?$", title)
    assert "'" not in title.replace("d'", "").replace("l'", "")  # the open 'quote' was cut off


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        ("Le Premier ministre israélien Benjamin Netanyahu a dit non.", "Benjamin Netanyahu a dit non"),
        ("Ce vendredi, le chef de la diplomatie américaine, Antony Blinken, est attendu à Tel Aviv.",
         "Ce vendredi, Antony Blinken est attendu à Tel Aviv"),
        ("La porte-parole Jane Doe, citée par CNN, a dit non.", "Jane Doe, citée par CNN, a dit non"),
        # the capital word after "du" completes the job title: left alone
        ("L’émir du Qatar Tamim ben Hamad Al Thani a reçu M. Blinken.", "L’émir du Qatar Tamim ben Hamad Al Thani a reçu M. Blinken"),
        ("Le Hamas a transmis sa réponse.", "Le Hamas a transmis sa réponse"),
    ],
)
def test_title_starts_with_the_name_not_the_job(sentence: str, title: str) -> None:
    assert make_title(clean(sentence)) == title


def test_title_stops_at_a_late_comma() -> None:
    cleaned = clean(
        "Antony Blinken est arrivé jeudi en Israël pour y afficher le soutien total des Etats-Unis, "
        "cinq jours après l'attaque du Hamas."
    )
    assert make_title(cleaned) == "Antony Blinken est arrivé jeudi en Israël pour y afficher le soutien total des Etats-Unis"


def test_title_does_not_stop_at_a_comma_closing_an_apposition() -> None:
    cleaned = clean(
        "Selon nos informations, le ministre des Affaires étrangères Jean Dupont, "
        "est attendu mardi à Doha pour une visite de trois jours."
    )
    title = make_title(cleaned)
    assert title.endswith("…")
    assert len(title) <= 90


def test_title_does_not_leave_an_open_quote() -> None:
    cleaned = clean(
        "Le ministre a dit qu'il voulait « préserver à tout prix les intérêts de sécurité d'Israël "
        "et de la région tout entière face aux menaces », selon son bureau."
    )
    title = make_title(cleaned, max_len=60)
    assert len(title) <= 60
    assert title.count("«") == title.count("»")


def test_title_of_empty_article_is_empty() -> None:
    assert make_title(clean("Rechercher\n\nPartager")) == ""


def test_lead_adds_a_short_second_sentence() -> None:
    cleaned = clean("TEL AVIV, 12 octobre (Reuters) - M. Blinken est arrivé. Il a vu M. Netanyahu.\n\nSuite du texte.")
    assert make_lead(cleaned) == "M. Blinken est arrivé. Il a vu M. Netanyahu."


def test_lead_of_long_sentence_is_cut() -> None:
    cleaned = clean(BODY_1 + " " + BODY_2)
    lead = make_lead(cleaned, max_len=100)
    assert len(lead) <= 100
    assert lead.endswith("…")
    assert BODY_1.startswith(lead.rstrip("…"))


def test_lead_skips_headings() -> None:
    cleaned = clean(f"{BODY_3}\n\nOtages\n\n{BODY_1}")
    assert make_lead(cleaned) == BODY_3


# ---------------------------------------------------------------------------
# data file
# ---------------------------------------------------------------------------


def test_data_file_loads_and_compiles() -> None:
    raw = yaml.safe_load(clean_module.BOILERPLATE_PATH.read_text(encoding="utf-8"))
    rules = clean_module._load_rules_from(raw)
    assert "rechercher" in rules.chrome_exact
    assert rules.credit_patterns and rules.caption_credit_patterns


def test_data_file_errors_name_the_key() -> None:
    raw = yaml.safe_load(clean_module.BOILERPLATE_PATH.read_text(encoding="utf-8"))
    raw["chrome"]["patterns"] = ["(unclosed"]
    with pytest.raises(ValueError, match="chrome.patterns"):
        clean_module._load_rules_from(raw)
    raw = yaml.safe_load(clean_module.BOILERPLATE_PATH.read_text(encoding="utf-8"))
    del raw["credits"]
    with pytest.raises(ValueError, match="credits"):
        clean_module._load_rules_from(raw)


# ---------------------------------------------------------------------------
# shared corpus and seeds (skipped when ../shared is absent, as in a user's clone)
# ---------------------------------------------------------------------------

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CHROME_SEEN = {"Rechercher", "Partager", "Dernières Infos - Gaza", "Abonnez-vous"}
STOPWORDS_AT_END = {"de", "la", "le", "les", "et", "à", "au", "aux", "du", "des", "d", "l", "un", "une", "en", "sur"}

# What the corpus README (and a reading of the seeds) says each file contains.
EXPECTED = {
    "000": {"credits": ["/ATS"], "headings": ["Proposition de trêve", "Davantage d'aide"]},
    "001": {"headings": ['Israël refuse "une trêve temporaire sans la libération des otages"']},
    "002": {
        "captions_end": ["Ankara, Turquie, le 6 novembre 2023."],
        "credits_start": ["Reportages de Simon Lewis"],
        "headings": ["PAS DE RÉUNION D’ERDOGAN"],
    },
    "004": {
        "header": None,
        "headline": "Blinken insiste auprès de Netanyahu sur l'\"importance\" d'épargner les civils",
        "captions_end": ["Photo EVELYN HOCKSTEIN / POOL / AFP"],
        "dropped_chrome": ["Rechercher", "Dernières Infos - Gaza"],
        "teaser": True,
        "headings": ["« Chances réelles »"],
    },
    "100": {"headings": ["Otages"]},
    "101": {
        "headline": "Antony Blinken reçu par Mohammed ben Salmane après une nuit d'attente à Riyad",
        "captions_end": ["Photo POOL / AFP"],
        "credits": ["(Avec AFP)"],
        "dropped_chrome": ["Partager", "Lire aussi : Guerre Israël-Hamas"],
    },
    "102": {"credits": ["(BELGA)"]},
    "103": {"header": None, "headline": "A Ramallah, Blinken assure Abbas du soutien américain à un Etat palestinien", "headings": ["Colons"]},
    "104": {"headings": ["« Tournant »"]},
    "105": {"credits_start": ["(Reportage de Daniel Fortier"]},
    "106": {"headings": ["Présence israélienne"]},
    "107": {"headline": "Blinken attendu en Israël pour tenter de prolonger la trêve à Gaza"},
    "108": {"header": None, "headline": "Gaza : au Caire, Blinken et Sissi plaident pour une nouvelle trêve"},
    "109": {"credits": ["/ATS"]},
    "110": {
        "headline": "A El-Alamein, Blinken presse l'Egypte d'aider à conclure un accord",
        "dropped_chrome": ["Dernières Infos - Gaza", "Rechercher", "Abonnez-vous"],
        "teaser": True,
    },
    "111": {"headings": ["Manifestants évacués"]},
    "113": {"header": None, "headline": "Au Qatar, Blinken cherche des relais pour faire libérer les otages de Gaza"},
    "114": {"headline": "Trêve à Gaza : Netanyahu a accepté la proposition de compromis, affirme Blinken", "credits": ["(Avec AFP)"], "headings": ["« Tournant »"]},
    "115": {"headings": ["NORMALISATION ET ÉTAT PALESTINIEN"]},
    "116": {"headings": ["Attentat à Jérusalem"]},
    "117": {
        "headline": "Netanyahu rejette les conditions « délirantes » du Hamas, Blinken voit encore une marge",
        "headings": ["Réponse du Hamas"],
    },
}


def _shared_files() -> list:
    files = sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "corpus").glob("*.txt"))
    if not files:
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"no shared corpus at {SHARED}"))]
    return [pytest.param(path, id=path.name[:3]) for path in files]


def _truth_months() -> dict[str, str]:
    truth = SHARED / "corpus" / "truth.yaml"
    if not truth.exists():
        return {}
    data = yaml.safe_load(truth.read_text(encoding="utf-8"))
    return {article["file"]: str(article["month"]) for article in data["articles"]}


@pytest.mark.parametrize("path", _shared_files())
def test_shared_article(path: Path) -> None:
    text, _ = decode(path.read_bytes())
    cleaned = clean(text)
    expected = EXPECTED.get(path.name[:3], {})
    blocks = _texts(cleaned)
    body = " ".join(blocks)

    # no chrome, teaser or credit in the body
    for block in blocks:
        assert block not in CHROME_SEEN
        assert not block.startswith("Lire aussi")
        assert not is_chrome(block)
        assert not re.search(r"(\.\.\.|…)$", block), f"teaser left in body: {block[:60]}"
        assert block not in cleaned.credits
    assert "\r" not in body

    # header
    if "header" in expected:
        assert cleaned.header is expected["header"]
    else:
        assert cleaned.header is not None and re.fullmatch(r"\d{4}-\d{2}", cleaned.header)
        assert cleaned.header_line == 1
        month = _truth_months().get(path.name)
        if month:
            assert cleaned.header == month

    assert cleaned.headline == expected.get("headline")
    assert [b.text for b in cleaned.blocks if b.kind == "heading"] == expected.get("headings", [])

    for end in expected.get("captions_end", []):
        assert any(caption.endswith(end) for caption in cleaned.captions)
    assert len(cleaned.captions) == len(expected.get("captions_end", []))
    credits_start = expected.get("credits_start", [])
    assert list(cleaned.credits[: len(expected.get("credits", []))]) == expected.get("credits", [])
    for start in credits_start:
        assert any(credit.startswith(start) for credit in cleaned.credits)
    assert len(cleaned.credits) == len(expected.get("credits", [])) + len(credits_start)

    chrome_expected = expected.get("dropped_chrome", [])
    for item in chrome_expected:
        assert any(d.startswith(item) for d in cleaned.dropped)
    teasers = [d for d in cleaned.dropped if not is_chrome(d)]
    assert len(teasers) == (1 if expected.get("teaser") else 0)
    for teaser in teasers:
        assert _norm(teaser).rstrip(".…")[:60] in _norm(body)

    # nothing is lost: every source line is somewhere in the result
    everything = _norm(" ".join([cleaned.headline or "", body, *cleaned.captions, *cleaned.credits, *cleaned.dropped]))
    lines = text.splitlines()
    if cleaned.header is not None:
        lines[0] = re.sub(r"^\s*date\s+\S+", "", lines[0])
    for line in lines:
        if line.strip():
            assert _norm(line) in everything, f"lost line: {line[:60]}"

    # title and lead
    title = make_title(cleaned)
    assert 10 <= len(title) <= 90
    assert title.rstrip("…").split()[-1].casefold().strip("'’") not in STOPWORDS_AT_END
    assert not re.search(r"[,;:(«“-]\s*…?$", title)
    lead = make_lead(cleaned)
    assert 40 <= len(lead) <= 300
    assert not lead.startswith(("TEL AVIV", "DOHA", "WASHINGTON", "ANKARA", "RIYAD", "DUBAÏ", "Jérusalem,"))
