"""The French date grammar: datelines, weekday + date, lead weekday, distractors, header checks."""

from __future__ import annotations

import datetime as dt
import doctest
from collections import Counter
from pathlib import Path

import pytest
import yaml

import digest.extract.dates as dates_module
from digest.extract.dates import DateFinding, extract_date, resolve_partial

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CORPUS = SHARED / "corpus"
SEEDS = SHARED / "seeds"
needs_corpus = pytest.mark.skipif(not (CORPUS / "truth.yaml").is_file(),
                                  reason="../shared/corpus is not beside this clone")
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside this clone")

LEAD = "Le secrétaire d'Etat américain Antony Blinken a rencontré {when} à {place} le président {who}."


def day_of(text: str, header: str | None = None) -> dt.date | None:
    return extract_date(text, header).day


# --- datelines --------------------------------------------------------------------------

@pytest.mark.parametrize("dateline, header, expected", [
    ("ANKARA, 6 novembre (Reuters) –", "2023-11", dt.date(2023, 11, 6)),
    ("TEL AVIV, 12 octobre (Reuters) -", "2023-10", dt.date(2023, 10, 12)),
    ("DUBAÏ, 1er décembre (Reuters) –", "2023-12", dt.date(2023, 12, 1)),
    ("Jérusalem, 7 fév 2024 (AFP) -", "2024-02", dt.date(2024, 2, 7)),
    ("Jérusalem, 7 fév 2024 (AFP) -", None, dt.date(2024, 2, 7)),
    ("NEW YORK, 24 sept. (Reuters) -", "2024-09", dt.date(2024, 9, 24)),
    ("RIYAD, 5 février (Reuters) —", "2024-02", dt.date(2024, 2, 5)),
    ("PARIS, 3 janv. 2024 (AFP) -", "2024-01", dt.date(2024, 1, 3)),
    ("LE CAIRE, 6 fevrier (AFP) -", "2024-02", dt.date(2024, 2, 6)),  # accent left out
    ("NATIONS UNIES (Etats-Unis), 6 novembre (AFP) -", "2023-11", dt.date(2023, 11, 6)),
])
def test_dateline_gives_the_day(dateline, header, expected):
    text = f"{dateline} Le secrétaire d'Etat américain Antony Blinken a estimé que la situation restait grave."
    finding = extract_date(text, header)
    assert finding.day == expected
    assert finding.month == expected.strftime("%Y-%m")
    assert finding.evidence and finding.evidence.startswith(dateline.split(",")[0])
    assert finding.warnings == ()


def test_dateline_with_nbsp_and_curly_apostrophe():
    text = "PARIS, 1er\u00a0juin (AFP) \u2013 Le secrétaire d\u2019Etat a estimé samedi que la trêve tenait."
    assert day_of(text, "2024-06") == dt.date(2024, 6, 1)


def test_dateline_after_headline_and_chrome():
    text = ("Dernières Infos - Gaza\n\nRechercher\n\nBlinken à Doha\n\n"
            "DOHA, 13 octobre (AFP) - Le secrétaire d'Etat américain a rencontré vendredi l'émir du Qatar.")
    assert day_of(text, "2023-10") == dt.date(2023, 10, 13)


def test_dateline_wins_over_a_lead_weekday_of_another_day():
    text = "WASHINGTON, 28 novembre (AFP) - Le département d'Etat a annoncé lundi une nouvelle tournée de Blinken."
    assert day_of(text, "2023-11") == dt.date(2023, 11, 28)


def test_undated_dateline_gives_no_day():
    text = "DOHA (Reuters) – Le Hamas a transmis mardi soir sa réponse, a annoncé le Premier ministre du Qatar."
    finding = extract_date(text, "2024-02")
    assert finding == DateFinding("2024-02", None, (), None)


def test_dateline_year_from_the_neighbouring_year_of_the_header():
    text = "WASHINGTON, 28 décembre (AFP) - Antony Blinken a estimé jeudi que la trêve était possible."
    finding = extract_date(text, "2024-01")
    assert finding.day == dt.date(2023, 12, 28)
    assert any("contradicts the dateline" in w for w in finding.warnings)


# --- yearless dateline without a header: the lead's weekday, else a partial date --------------

HEADLINE = "Trêve à Gaza : Blinken juge certaines exigences du Hamas « irréalisables »\n\n"


@pytest.mark.parametrize("headline", ["", HEADLINE])
def test_yearless_dateline_takes_the_year_of_the_lead_weekday(headline):
    # 12 June is a Wednesday in 2024 only among 2020-2027; the headline (no sentence end)
    # must not be taken for the lead.
    text = (headline + "DOHA, 12 juin (AFP) - Le secrétaire d'Etat américain Antony Blinken a estimé "
            "mercredi que certaines des modifications réclamées par le Hamas étaient réalisables.")
    finding = extract_date(text, None)
    assert finding == DateFinding("2024-06", dt.date(2024, 6, 12), (), "DOHA, 12 juin (AFP) -")
    assert finding.partial is None


def test_dateline_alone_on_its_line_leads_into_the_next_paragraph():
    text = ("DOHA, 12 juin (AFP) -\n\nLe secrétaire d'Etat américain Antony Blinken a estimé "
            "mercredi que certaines des modifications réclamées par le Hamas étaient réalisables.")
    assert day_of(text) == dt.date(2024, 6, 12)


def test_lead_weekday_of_the_day_before_the_dateline_leaves_the_year_open():
    # Datelined Wednesday 12 June 2024, the lead reports Tuesday: 12 June is a Tuesday in no
    # year of 2020-2027, so no year is taken; day and month are handed over.
    text = (HEADLINE + "DOHA, 12 juin (AFP) - Antony Blinken a déclaré mardi que le Hamas "
            "devait accepter le plan de cessez-le-feu présenté par Joe Biden.")
    finding = extract_date(text, None)
    assert (finding.month, finding.day, finding.evidence) == (None, None, None)
    assert finding.partial == (6, 12)
    assert any("no year of the window" in w for w in finding.warnings)
    assert any("gives the day (12 juin) but not the year" in w for w in finding.warnings)


def test_lead_weekday_of_the_day_before_fitting_an_earlier_year_is_refused_by_a_later_year():
    # Datelined Friday 13 October 2023, the lead reports Thursday: 13 October 2022 was a
    # Thursday, but the text mentions 2023, so 2022 is not taken.
    text = ("DOHA, 13 octobre (AFP) - Antony Blinken a déclaré jeudi que le Hamas devait libérer "
            "les otages enlevés lors de l'attaque du 7 octobre 2023 contre Israël.")
    finding = extract_date(text, None)
    assert (finding.month, finding.day, finding.partial) == (None, None, (10, 13))
    assert any("fits 2022 only, but the text mentions 2023" in w for w in finding.warnings)


@pytest.mark.xfail(strict=True, reason="known limit: a lead weekday of the day before the dateline "
                   "that fits exactly one other year, with no later year in the text, picks that year")
def test_lead_weekday_of_the_day_before_with_nothing_else_in_the_text():
    text = ("DOHA, 13 octobre (AFP) - Antony Blinken a déclaré jeudi que le Hamas devait libérer "
            "les otages, lors d'une conférence de presse avec le Premier ministre du Qatar.")
    assert extract_date(text, None).month is None  # it gives 2022-10 (13 October 2022 is a Thursday)


def test_lead_weekday_fitting_several_years_leaves_the_year_open():
    # 13 October is a Friday in 2017 and 2023: with a wider window the weekday does not decide,
    # and the years mentioned do not break the tie either.
    text = ("DOHA, 13 octobre (AFP) - Antony Blinken a estimé vendredi que la libération des otages "
            "était la priorité, une semaine après l'attaque du Hamas.")
    assert day_of(text) == dt.date(2023, 10, 13)
    finding = extract_date(text, None, year_window=(2015, 2027))
    assert (finding.month, finding.day, finding.partial) == (None, None, (10, 13))
    assert any("several years of the window" in w for w in finding.warnings)


def test_night_of_two_weekdays_fitting_two_years_leaves_the_year_open():
    # "dans la nuit de mardi à mercredi": 12 June is a Wednesday in 2024 only and a Tuesday in
    # no year of 2020-2027, so 2024 alone fits; "de mercredi à jeudi": 2024 and 2025 (Thursday).
    base = "DOHA, 12 juin (AFP) - Le Hamas a transmis dans la nuit de {} sa réponse au plan de trêve, a annoncé le Qatar."
    assert day_of(base.format("mardi à mercredi")) == dt.date(2024, 6, 12)
    finding = extract_date(base.format("mercredi à jeudi"), None)
    assert (finding.month, finding.partial) == (None, (6, 12))


def test_yearless_dateline_without_lead_weekday_gives_a_partial_date():
    text = "DOHA, 29 février (AFP) - Antony Blinken a appelé le Hamas à accepter la trêve proposée par les médiateurs."
    finding = extract_date(text, None)
    assert (finding.month, finding.day, finding.evidence, finding.partial) == (None, None, None, (2, 29))


def test_partial_date_only_without_month():
    text = "DOHA, 12 juin (AFP) - Antony Blinken a appelé le Hamas à accepter la trêve proposée par les médiateurs."
    assert extract_date(text, "2024-06").partial is None  # the header tells the year
    assert extract_date(text, "2024-06").day == dt.date(2024, 6, 12)
    assert extract_date("DOHA, 31 juin (AFP) - Antony Blinken a appelé le Hamas à accepter la trêve.",
                        None).partial is None  # not a calendar date in any year
    assert extract_date("DOHA (AFP) - Antony Blinken a appelé mercredi le Hamas à accepter la trêve.",
                        None).partial is None


def test_dateline_with_its_own_weekday_gives_no_partial_date():
    # Its own weekday restricts the year; resolve_partial would not check it.
    text = "DOHA, mercredi 12 juin (AFP) - Antony Blinken a appelé le Hamas à accepter la trêve."
    assert day_of(text) == dt.date(2024, 6, 12)
    finding = extract_date(text, None, year_window=(2010, 2030))  # 2013, 2019 and 2024 fit
    assert (finding.month, finding.partial) == (None, None)


def test_yearless_date_governed_by_the_lead_verb_and_the_lead_weekday():
    text = ("Antony Blinken a rencontré le 12 juin à Doha l'émir du Qatar, a indiqué mercredi "
            "le département d'Etat américain.")
    finding = extract_date(text, None)
    assert (finding.month, finding.day, finding.evidence) == ("2024-06", dt.date(2024, 6, 12), "le 12 juin")


def test_yearless_date_governed_by_the_lead_verb_without_weekday_gives_a_partial_date():
    text = "Antony Blinken a rencontré le 12 juin à Doha l'émir du Qatar, selon le département d'Etat américain."
    finding = extract_date(text, None)
    assert (finding.month, finding.day, finding.partial) == (None, None, (6, 12))


@pytest.mark.parametrize("lead", [
    "Antony Blinken a rencontré mardi les familles des otages qui ont été enlevés le 7 octobre par le Hamas.",
    "Antony Blinken a dénoncé mardi à Tel Aviv l'attaque menée par le Hamas en Israël le 7 octobre dernier.",
    "Antony Blinken a estimé mardi que l'attaque perpétrée en Israël le 7 octobre changeait la région.",
])
def test_yearless_date_outside_the_main_clause_does_not_take_the_year_of_the_lead_weekday(lead):
    # 7 October is a Tuesday in 2025 only among 2020-2027.
    finding = extract_date(lead, None)
    assert (finding.month, finding.day, finding.partial) == (None, None, None)


def test_yearless_past_reference_does_not_take_the_year_of_the_lead_weekday():
    # 7 October is a Tuesday in 2025 only among 2020-2027, but this date is not the reported day.
    text = ("Le secrétaire d'Etat américain, Antony Blinken, a insisté mardi auprès du Premier ministre "
            "israélien sur l'importance d'épargner les civils, a indiqué le Département d'Etat.\n\n"
            "La guerre a été provoquée par l'attaque inédite du Hamas le 7 octobre sur le sol israélien.")
    finding = extract_date(text, None)
    assert (finding.month, finding.day, finding.partial) == (None, None, None)


# --- resolve_partial ---------------------------------------------------------------------------

@pytest.mark.parametrize("partial, months, expected", [
    ((6, 12), {"2024-06": 3, "2023-06": 1, "2023-10": 5}, "2024-06"),  # most articles that month
    ((6, 12), {"2024-06": 1, "2023-10": 5}, "2024-06"),  # same month beats a busier other month
    ((6, 12), {"2023-10": 4, "2024-08": 1}, "2024-06"),  # 2 months from Aug 2024, 4 from Oct 2023
    ((12, 30), {"2024-01": 2, "2024-02": 1}, "2023-12"),  # across the new year
    ((1, 3), {"2023-12": 1}, "2024-01"),
    ((2, 29), {"2023-02": 2, "2024-03": 1}, "2024-02"),  # no 29 February in 2023
    ((10, 13), {"2023-10": 2, "2024-10": 2, "2023-11": 1}, "2023-10"),  # tie: the neighbours decide
    ((7, 1), {"2024-01": 1}, None),  # July 2023 and July 2024 are as far
    ((6, 12), {"2023-06": 2, "2024-06": 2}, None),
    ((6, 12), {}, None),
    ((6, 12), {"2024-06": 0, "soon": 3}, None),  # no usable month
])
def test_resolve_partial(partial, months, expected):
    assert resolve_partial(partial, Counter(months)) == expected


def test_doctests():
    assert doctest.testmod(dates_module).failed == 0


# --- weekday glued to a date --------------------------------------------------------------

def test_weekday_with_date_in_the_lead():
    text = LEAD.format(when="mardi 20 août", place="Doha", who="de l'émir")
    finding = extract_date(text, "2024-08")
    assert finding.day == dt.date(2024, 8, 20)
    assert finding.evidence == "mardi 20 août"


def test_weekday_with_date_later_in_the_text_matching_the_lead_weekday():
    text = ("Antony Blinken a appelé jeudi Israël à protéger les humanitaires, en marge d'une réunion de l'Otan.\n\n"
            "Les ministres ont célébré ce jeudi 4 avril le 75e anniversaire de l'Otan, fondée le 4 avril 1949.")
    assert day_of(text, "2024-04") == dt.date(2024, 4, 4)


def test_weekday_with_date_fixes_the_year_without_header():
    text = LEAD.format(when="jeudi 30 novembre", place="Ramallah", who="Mahmoud Abbas")
    finding = extract_date(text, None)
    assert finding.day == dt.date(2023, 11, 30)
    assert finding.month == "2023-11"


def test_weekday_with_date_and_year_without_header():
    text = "Antony Blinken a été reçu ce mardi 6 février 2024 au Caire par le président égyptien Abdel Fattah al-Sissi."
    assert extract_date(text, None) == DateFinding("2024-02", dt.date(2024, 2, 6), (), "mardi 6 février 2024")


def test_weekday_that_does_not_match_the_date_leaves_the_day_open():
    text = LEAD.format(when="mardi 30 novembre", place="Ramallah", who="Mahmoud Abbas")
    finding = extract_date(text, "2023-11")
    assert finding.day is None
    assert finding.month == "2023-11"
    assert any("is not a mardi" in w for w in finding.warnings)


def test_year_left_open_when_several_years_fit():
    text = LEAD.format(when="jeudi 30 novembre", place="Ramallah", who="Mahmoud Abbas")
    finding = extract_date(text, None, year_window=(2015, 2030))  # 2017, 2023 and 2028 fit
    assert finding.month is None and finding.day is None
    assert any("several years" in w for w in finding.warnings)


def test_year_window_is_honoured():
    text = LEAD.format(when="jeudi 30 novembre", place="Ramallah", who="Mahmoud Abbas")
    assert day_of(text) == dt.date(2023, 11, 30)
    assert extract_date(text, None, year_window=(2016, 2019)).day == dt.date(2017, 11, 30)


def test_planned_weekday_date_is_not_the_reported_day():
    text = "Antony Blinken a annoncé mardi qu'il se rendra jeudi 30 novembre en Israël pour prolonger la trêve."
    assert day_of(text, "2023-11") is None


# --- plain dates -----------------------------------------------------------------------------

def test_caption_date_counts_when_the_lead_weekday_agrees():
    text = ("Blinken insiste auprès de Netanyahu\n\n"
            "Le secrétaire d'Etat américain (à droite) s'entretient avec le ministre israélien de la Défense "
            "lors de leur rencontre à Tel Aviv le 9 janvier 2024, au cours de son voyage. Photo POOL / AFP\n\n"
            "Le secrétaire d'Etat américain, Antony Blinken, a insisté mardi auprès du Premier ministre "
            "israélien sur l'importance d'épargner les civils, a indiqué le Département d'Etat.")
    finding = extract_date(text, None)
    assert finding.day == dt.date(2024, 1, 9)
    assert finding.evidence == "le 9 janvier 2024"


def test_caption_moved_after_the_body_still_counts():
    # The cleaner appends captions after the body; a yearless past date comes first then.
    text = ("Le secrétaire d'Etat américain, Antony Blinken, a insisté mardi auprès du Premier ministre "
            "israélien sur l'importance d'épargner les civils, a indiqué le Département d'Etat.\n\n"
            "La guerre a été provoquée par l'attaque inédite du Hamas le 7 octobre sur le sol israélien.\n\n"
            "Le secrétaire d'Etat américain (à droite) s'entretient avec le ministre israélien de la Défense "
            "lors de leur rencontre à Tel Aviv le 9 janvier 2024, au cours de son voyage.")
    assert day_of(text, None) == dt.date(2024, 1, 9)  # 7 October 2025 is a Tuesday too


def test_caption_like_date_without_lead_weekday():
    text = ("Le secrétaire d'Etat Antony Blinken a achevé une visite de quatre jours au Moyen-Orient, sans progrès.\n\n"
            "Antony Blinken rencontre le ministre turc Hakan Fidan au ministère des Affaires étrangères "
            "à Ankara, Turquie, le 6 novembre 2023.")
    assert day_of(text, "2023-11") == dt.date(2023, 11, 6)


def test_date_governed_by_the_lead_verb():
    text = "Antony Blinken a rencontré le 9 janvier 2024 à Tel Aviv le ministre israélien de la Défense Yoav Gallant."
    assert day_of(text, None) == dt.date(2024, 1, 9)


def test_plain_date_that_disagrees_with_the_lead_weekday_is_ignored():
    text = ("Antony Blinken a appelé lundi au Caire les pays de la région à faire pression sur le Hamas.\n\n"
            "Rafah est fermé depuis que l'armée en a pris le contrôle le 7 juin du côté palestinien.")
    assert day_of(text, "2024-06") is None  # 7 June 2024 is a Friday


# --- distractors ------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "La visite vise à faire avancer une proposition annoncée le 31 mai par le président Joe Biden.",
    "L'Otan a été fondée le 4 avril 1949 par la signature du traité de Washington.",
    "Il s'agit de sa huitième visite depuis le 7 octobre, lorsqu'une attaque du Hamas a déclenché la guerre.",
    "Il a dénoncé l'attaque du 7 octobre 2023 contre Israël.",
    "L'émirat avait contribué à la trêve de novembre 2023, qui avait permis des libérations.",
    "Il avait rencontré le président le 3 mars dernier.",
    "Les otages enlevés le 7 octobre restent à Gaza.",
])
def test_distracting_dates_are_not_taken(sentence):
    text = ("Antony Blinken a appelé lundi les pays de la région à faire pression sur le Hamas pour un cessez-le-feu.\n\n"
            + sentence)
    finding = extract_date(text, "2024-06")
    assert finding.day is None
    assert finding.month == "2024-06"


@pytest.mark.parametrize("sentence", [
    "La proposition annoncée le 3 juin par Joe Biden prévoit un cessez-le-feu de six semaines.",
    "Les discussions durent depuis le 3 juin sans résultat.",
    "Il avait déjà rencontré les médiateurs le 3 juin dernier.",
    "Les négociations du 3 juin n'avaient rien donné.",
])
def test_past_reference_with_the_same_weekday_is_not_taken(sentence):
    # 3 June 2024 is a Monday, like the lead's "lundi": only the wording tells it is not the day.
    text = ("Antony Blinken a appelé lundi au Caire les pays de la région à faire pression sur le Hamas.\n\n"
            + sentence)
    assert day_of(text, "2024-06") is None


def test_weekday_date_of_another_event_in_the_lead_is_not_taken():
    text = ("Arrivé dimanche 18 août en Israël, Antony Blinken a affirmé lundi que Benjamin Netanyahu "
            "avait accepté la proposition américaine.")
    assert day_of(text, "2024-08") is None


@pytest.mark.parametrize("lead", [
    "Antony Blinken, qui doit se rendre jeudi à Amman, a rencontré le 6 novembre 2023 à Ankara le ministre Hakan Fidan.",
    "Antony Blinken, qui avait entamé jeudi dernier sa tournée, a rencontré le 6 novembre à Ankara le ministre Hakan Fidan.",
])
def test_planned_and_past_weekdays_are_not_the_lead_weekday(lead):
    assert day_of(lead, "2023-11") == dt.date(2023, 11, 6)


def test_distractor_in_the_header_month_with_another_weekday():
    text = ("Antony Blinken a défendu mardi devant le Sénat la demande d'aide d'urgence pour Israël.\n\n"
            "Un retour au statu quo d'avant le 7 octobre n'est pas envisageable, a-t-il dit.")
    assert day_of(text, "2023-10") is None


# --- bare and relative weekdays ------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Antony Blinken a appelé lundi au Caire les pays de la région à faire pression sur le Hamas.",
    "Antony Blinken a dit vendredi avoir discuté de pauses humanitaires avec Benjamin Netanyahu.",
    "Le Hamas a transmis mardi soir sa réponse à la proposition de trêve, a annoncé le Qatar.",
    "Joe Biden se rendra mercredi en Israël, a annoncé dans la nuit de lundi à mardi Antony Blinken.",
    "Ce vendredi, le chef de la diplomatie américaine, Antony Blinken, est attendu à Tel Aviv.",
    "Le plus haut diplomate américain a entamé jeudi dernier sa deuxième tournée dans la région.",
])
def test_bare_weekday_gives_no_day(text):
    finding = extract_date(text, "2023-11")
    assert finding.day is None and finding.month == "2023-11" and finding.warnings == ()


def test_relative_days_do_not_override_the_dateline():
    text = ("ANKARA, 6 novembre (Reuters) – Antony Blinken a achevé une visite de quatre jours.\n\n"
            "Il avait entamé jeudi dernier sa tournée. La veille, il était à Bagdad.")
    assert day_of(text, "2023-11") == dt.date(2023, 11, 6)


def test_weekday_anchored_to_a_date_points_to_one_day():
    text = "Antony Blinken est arrivé jeudi en Israël, cinq jours après l'attaque du 7 octobre, pour soutenir le pays."
    finding = extract_date(text, "2023-10")
    assert finding.day == dt.date(2023, 10, 12)


def test_anchor_date_given_with_its_own_weekday():
    text = ("Antony Blinken a reçu mardi le ministre égyptien, au lendemain de la réunion tenue lundi "
            "3 juin à Bruxelles.")
    assert day_of(text, "2024-06") == dt.date(2024, 6, 4)


def test_anchor_that_misses_the_weekday_gives_nothing():
    text = "Antony Blinken est arrivé mercredi en Israël, cinq jours après l'attaque du 7 octobre, pour soutenir le pays."
    assert day_of(text, "2023-10") is None


# --- header --------------------------------------------------------------------------------

@pytest.mark.parametrize("header", ["2023-13", "soon", "", "2023/11", "23-11"])
def test_malformed_header_month_from_text(header):
    text = LEAD.format(when="jeudi 30 novembre", place="Ramallah", who="Mahmoud Abbas")
    finding = extract_date(text, header)
    assert finding.month == "2023-11" and finding.day == dt.date(2023, 11, 30)
    assert finding.warnings[0] == (f"malformed date header '{header}' (expected 'date YYYY-MM'); "
                                   "month taken from the text")


def test_malformed_header_and_nothing_in_the_text():
    finding = extract_date("Antony Blinken a rencontré jeudi le président palestinien.", "soon")
    assert finding.month is None and finding.day is None
    assert "malformed date header 'soon'" in finding.warnings[0]


def test_no_header_and_no_date_gives_no_month():
    finding = extract_date("Antony Blinken a rencontré jeudi le président palestinien à Ramallah.", None)
    assert finding.month is None and finding.day is None
    assert finding.warnings


def test_header_alone_gives_the_month():
    assert extract_date("Antony Blinken est en Israël.", " 2024-08 ") == DateFinding("2024-08", None, (), None)


def test_header_contradicted_by_the_dateline():
    text = "DUBAÏ, 6 décembre 2023 (Reuters) – Antony Blinken a estimé mercredi que la protection des civils primait."
    finding = extract_date(text, "2023-11")
    assert finding.day == dt.date(2023, 12, 6)
    assert finding.month == "2023-12"
    assert finding.warnings == ("date header 2023-11 contradicts the dateline (6 décembre 2023)",)


def test_crlf_text():
    text = "Titre\r\n\r\nTEL AVIV, 12 octobre (Reuters) - Antony Blinken est arrivé jeudi en Israël.\r\n"
    assert day_of(text, "2023-10") == dt.date(2023, 10, 12)


def test_finding_is_frozen():
    finding = extract_date("x", "2024-01")
    with pytest.raises(AttributeError):
        finding.month = "2024-02"  # type: ignore[misc]


# --- the development corpus and the seeds ----------------------------------------------------

def split_header(raw: str) -> tuple[str, str | None]:
    """Crude header split: the token after a leading ' date ' is the header."""
    raw = raw.replace("\r\n", "\n")
    if raw.startswith(" date "):
        token, _, body = raw[len(" date "):].partition(" ")
        return body, token
    return raw, None


@needs_corpus
def test_corpus_targets():
    truth = yaml.safe_load((CORPUS / "truth.yaml").read_text(encoding="utf-8"))["articles"]
    months = hits = wrong = expected_days = 0
    misses = []
    for entry in truth:
        text, header = split_header((CORPUS / entry["file"]).read_text(encoding="utf-8"))
        finding = extract_date(text, header)
        months += finding.month == str(entry["month"])
        expected = entry["date"]
        expected_days += expected is not None
        if finding.day is not None:
            if finding.day == expected:
                hits += 1
            else:
                wrong += 1
        if finding.day != expected or finding.month != str(entry["month"]):
            misses.append((entry["file"], finding.month, finding.day, expected))
    assert months == len(truth), misses
    assert hits + wrong == 0 or hits / (hits + wrong) >= 0.95, misses
    assert hits / expected_days >= 0.85, misses


@needs_seeds
@pytest.mark.parametrize("prefix, month, day", [
    ("000", "2024-06", None),
    ("001", "2023-11", None),
    ("002", "2023-11", dt.date(2023, 11, 6)),
    ("003", "2023-11", None),
    ("004", "2024-01", dt.date(2024, 1, 9)),
])
def test_seeds(prefix, month, day):
    path = next(SEEDS.glob(f"{prefix}_*.txt"), None)
    if path is None:
        pytest.skip(f"seed {prefix} is missing")
    text, header = split_header(path.read_text(encoding="utf-8"))
    finding = extract_date(text, header)
    assert (finding.month, finding.day) == (month, day)
