#!/usr/bin/env python3
"""Write N deterministic synthetic articles in the seeds' raw form, for benchmarks.

    python scripts/make_corpus.py N DIR [--seed 7]

The articles are French and accented, spread over tours (a few days, several stops,
a stated tour number now and then), months and off-trip days (hearings at home,
summits elsewhere), with the noise of real input: a ` date YYYY-MM ` header or none,
datelines in several forms, headlines and subheads, site chrome, photo captions,
credit lines, truncated teasers, CRLF, cp1252 and UTF-8 with BOM, near-duplicate
republications. The same N and seed always give the same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import sys
from dataclasses import dataclass
from pathlib import Path

MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre"]
WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
ORDINALS = ["première", "deuxième", "troisième", "quatrième", "cinquième", "sixième", "septième",
            "huitième", "neuvième", "dixième", "onzième", "douzième", "treizième", "quatorzième"]

# City, country (French), dateline spelling, people one meets there (name, role).
STOPS = [
    ("Tel-Aviv", "Israël", "TEL AVIV", [("Benjamin Netanyahu", "le Premier ministre israélien"),
                                        ("Isaac Herzog", "le président israélien")]),
    ("Jérusalem", "Israël", "JÉRUSALEM", [("Benjamin Netanyahu", "le Premier ministre israélien")]),
    ("Amman", "Jordanie", "AMMAN", [("Abdallah II", "le roi de Jordanie"),
                                    ("Ayman Safadi", "le ministre jordanien des Affaires étrangères")]),
    ("Le Caire", "Égypte", "LE CAIRE", [("Abdel Fattah al-Sissi", "le président égyptien"),
                                        ("Sameh Choukri", "le ministre égyptien des Affaires étrangères")]),
    ("Doha", "Qatar", "DOHA", [("Tamim ben Hamad Al Thani", "l'émir du Qatar"),
                               ("Mohammed ben Abderrahmane Al Thani", "le Premier ministre qatari")]),
    ("Riyad", "Arabie saoudite", "RIYAD", [("Mohammed ben Salmane", "le prince héritier saoudien")]),
    ("Abou Dhabi", "Émirats arabes unis", "ABOU DHABI", [("Mohammed ben Zayed", "le président émirati")]),
    ("Ankara", "Turquie", "ANKARA", [("Hakan Fidan", "le ministre turc des Affaires étrangères")]),
    ("Ramallah", "Cisjordanie", "RAMALLAH", [("Mahmoud Abbas", "le président de l'Autorité palestinienne")]),
    ("Manama", "Bahreïn", "MANAMA", [("Salman ben Hamad Al Khalifa", "le prince héritier de Bahreïn")]),
    ("Bagdad", "Irak", "BAGDAD", [("Mohammed Chia al-Soudani", "le Premier ministre irakien")]),
    ("Beyrouth", "Liban", "BEYROUTH", [("Najib Mikati", "le Premier ministre libanais")]),
]
OFF_TRIP = [
    ("Washington", "WASHINGTON", "devant la commission des Affaires étrangères du Sénat"),
    ("Bruxelles", "BRUXELLES", "lors d'une réunion des ministres des Affaires étrangères de l'Otan"),
    ("New York", "NEW YORK", "au Conseil de sécurité des Nations unies"),
]
AGENCIES = ["AFP", "Reuters", "AP", "ATS", "Belga"]
# Body sentences are assembled from parts, so two articles rarely share a sentence
# (as two real stories rarely do) and near-duplicate detection is measured fairly.
OPENERS = ["Selon un responsable du département d'Etat,", "D'après une source diplomatique,",
           "Pour les diplomates présents,", "Aux yeux de Washington,", "Selon les médiateurs,",
           "De l'avis des analystes,", "Selon la presse locale,", "D'après un communiqué officiel,"]
SUBJECTS = ["les discussions", "les entretiens", "les négociations indirectes", "la rencontre",
            "la réunion du cabinet de guerre", "la conférence de presse commune", "la visite éclair",
            "la séance de travail", "le dîner officiel", "l'échange téléphonique"]
VERBS = ["ont porté sur", "ont surtout concerné", "se sont concentrées sur", "ont abordé", "ont buté sur",
         "ont permis d'avancer sur", "n'ont guère progressé sur", "ont longuement évoqué"]
TOPICS = ["l'acheminement de l'aide humanitaire", "la libération des otages", "un cessez-le-feu durable",
          "la reconstruction de Gaza", "la sécurité des civils", "l'ouverture des points de passage",
          "la gouvernance d'après-guerre", "le risque d'escalade régionale", "les échanges de prisonniers",
          "la normalisation avec Israël", "la situation au Liban", "le rôle de l'Autorité palestinienne"]
DETAILS = ["dans un climat « franc et constructif »", "pendant près de deux heures",
           "sans percée notable", "malgré de profondes divergences", "à huis clos",
           "en présence des chefs du renseignement", "jusque tard dans la soirée",
           "sous une forte pression internationale", "alors que les combats se poursuivent",
           "à quelques jours d'une échéance décisive"]
QUOTES = ["« Nous travaillons sans relâche »", "« Le moment est venu d'agir »",
          "« Chaque jour compte »", "« Il n'y a pas d'autre voie que la diplomatie »",
          "« Nous ne relâcherons pas nos efforts »", "« La région ne peut pas se permettre une escalade »"]


def _sentence(rng: random.Random) -> str:
    if rng.random() < 0.25:
        return f"{rng.choice(QUOTES)}, a déclaré le chef de la diplomatie américaine {rng.choice(DETAILS)}."
    return (f"{rng.choice(OPENERS)} {rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(TOPICS)} "
            f"{rng.choice(DETAILS)}.")


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(1, 3)))


SUBHEADS = ["Aide humanitaire", "Otages", "PAS D'ACCORD EN VUE", "« Moment décisif »", "Tensions régionales"]
CHROME = ["Partager", "Rechercher", "Abonnez-vous", "Dernières Infos - Gaza", "Publicité"]


@dataclass(frozen=True)
class Event:
    day: dt.date
    stop: tuple | None  # a STOPS entry, or None off trip
    tour: int | None  # tour number, None off trip
    next_stop: tuple | None
    off_trip: tuple | None


# Articles a month at density 1: a corpus of up to this many articles a month covers its
# months as one outlet would; a larger corpus packs more outlets into the same days, as a
# year of coverage of one person by the whole press does (thousands of articles).
SPAN_MONTHS = 36
ARTICLES_PER_MONTH = 8


def _plan(count: int, rng: random.Random) -> list[Event]:
    """Tours of 2-6 days every few weeks from October 2023 on, with off-trip days between them.

    However many articles, they span about three years (SPAN_MONTHS): more articles
    mean more of them per day, not dates decades away that no reader would believe.
    """
    density = max(1, -(-count // (SPAN_MONTHS * ARTICLES_PER_MONTH)))
    events: list[Event] = []
    day = dt.date(2023, 10, 12)
    tour = 0
    while len(events) < count:
        tour += 1
        stops = rng.sample(STOPS, k=rng.randint(2, 5))
        for index, stop in enumerate(stops):
            following = stops[index + 1] if index + 1 < len(stops) else None
            for _ in range(rng.randint(1, 3) * density):  # several articles per stop
                events.append(Event(day, stop, tour, following, None))
            day += dt.timedelta(days=1)
        day += dt.timedelta(days=rng.randint(4, 12))
        if rng.random() < 0.6:
            off_trip = rng.choice(OFF_TRIP)
            events.extend(Event(day, None, None, None, off_trip) for _ in range(rng.randint(1, density)))
        day += dt.timedelta(days=rng.randint(8, 25))
    return events[:count]


def _dateline(event: Event, place: str, rng: random.Random, agency: str | None) -> str:
    day = event.day
    day_text = "1er" if day.day == 1 else str(day.day)
    style = rng.randrange(4)
    if agency is None:
        return ""
    if style == 0:
        return f"{place}, {day_text} {MONTHS[day.month - 1]} ({agency}) - "
    if style == 1:
        return f"{place.title()}, {day_text} {MONTHS[day.month - 1][:4]} {day.year} ({agency}) - "
    if style == 2:
        return f"{place} ({agency}) – "
    return f"{place}, {day_text} {MONTHS[day.month - 1]} ({agency}) – "


def _article(event: Event, rng: random.Random) -> str:
    weekday = WEEKDAYS[event.day.weekday()]
    agency = rng.choice(AGENCIES) if rng.random() < 0.7 else None
    paragraphs: list[str] = []
    if event.stop:
        city, country, dateline_place, people = event.stop
        person, role = rng.choice(people)
        lead = rng.choice([
            f"Le secrétaire d'Etat américain Antony Blinken a rencontré {weekday} à {city} {role}, {person}, "
            f"pour évoquer {rng.choice(TOPICS)}.",
            f"Antony Blinken s'est entretenu {weekday} avec {person}, {role}, à {city}, {rng.choice(DETAILS)}.",
            f"Reçu {weekday} à {city} par {role} {person}, le chef de la diplomatie américaine a plaidé pour "
            f"{rng.choice(TOPICS)}.",
            f"Arrivé {weekday} à {city}, M. Blinken a d'abord vu {person}, {role}, avec qui il a abordé "
            f"{rng.choice(TOPICS)} {rng.choice(DETAILS)}.",
        ])
        headline = f"À {city}, Blinken plaide pour une trêve à Gaza"
        paragraphs.append(_dateline(event, dateline_place, rng, agency) + lead)
        if rng.random() < 0.4:
            paragraphs.append(f"Il s'agit de sa {ORDINALS[(event.tour - 1) % len(ORDINALS)]} tournée dans la "
                              f"région depuis le 7 octobre.")
        if event.next_stop:
            paragraphs.append(f"Le chef de la diplomatie américaine doit ensuite se rendre à {event.next_stop[0]}, "
                              f"prochaine étape de sa tournée.")
    else:
        place, dateline_place, occasion = event.off_trip
        lead = (f"Le secrétaire d'Etat américain Antony Blinken a défendu {weekday} {occasion} la politique "
                f"de Washington au Proche-Orient.")
        headline = "Blinken défend la politique américaine au Proche-Orient"
        paragraphs.append(_dateline(event, dateline_place, rng, agency) + lead)
    body = [_paragraph(rng) for _ in range(rng.randint(3, 7))]
    if rng.random() < 0.5:
        body.insert(rng.randrange(len(body)), rng.choice(SUBHEADS))
    paragraphs += body
    if rng.random() < 0.15:
        paragraphs.insert(1, f"Le secrétaire d'Etat américain Antony Blinken lors de sa visite, le "
                             f"{event.day.day} {MONTHS[event.day.month - 1]} {event.day.year}. "
                             f"Photo POOL / AFP")
    if rng.random() < 0.15:
        paragraphs.append(f"(Reportage de Claire Martin; édité par Paul Durand)")
    if rng.random() < 0.1:
        paragraphs.append("\u00a0" + paragraphs[0][:140] + "...")
    if rng.random() < 0.2:
        paragraphs.insert(rng.randrange(1, len(paragraphs)), rng.choice(CHROME))
    if agency is None and rng.random() < 0.5:
        paragraphs.append(f"(Avec {rng.choice(AGENCIES)})")

    month = f"{event.day.year:04d}-{event.day.month:02d}"
    has_headline = rng.random() < 0.4
    if has_headline:
        paragraphs.insert(0, headline)
    if rng.random() < 0.85:
        text = f" date {month} " + "\n\n".join(paragraphs)
    else:
        # No header: the day and year must come from the text.
        paragraphs[0 if not has_headline else 1] = (
            f"{event.day.day} {MONTHS[event.day.month - 1]} {event.day.year} - " +
            paragraphs[0 if not has_headline else 1])
        text = "\n\n".join(paragraphs)
    return text + ("\n" if rng.random() < 0.8 else "")


def _encode(text: str, rng: random.Random) -> bytes:
    roll = rng.random()
    if roll < 0.05:
        return text.replace("\n", "\r\n").encode("utf-8")
    if roll < 0.08:
        return text.replace("’", "'").replace("–", "-").replace("\u00a0", " ").encode("cp1252", "replace")
    if roll < 0.10:
        return "\ufeff".encode("utf-8") + text.encode("utf-8")
    return text.encode("utf-8")


def make_corpus(count: int, folder: Path, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    previous: str | None = None
    for number, event in enumerate(_plan(count, rng)):
        if previous and rng.random() < 0.03:
            # A republication of the previous story by another outlet: same text, a credit line added.
            text = previous.rstrip("\n") + "\n\n(Avec AFP)\n"
        else:
            text = _article(event, rng)
        previous = text
        digest = hashlib.sha256(f"{seed}:{number}".encode()).hexdigest()[:16]
        path = folder / f"{number:05d}_{digest}.txt"
        path.write_bytes(_encode(text, rng))
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    paths = make_corpus(args.count, args.folder, args.seed)
    print(f"{len(paths)} articles written to {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
