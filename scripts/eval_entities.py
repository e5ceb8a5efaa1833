"""Measure entity extraction alone: stops (countries) and people met, file by file.

Usage: python scripts/eval_entities.py [CORPUS_DIR] [--truth TRUTH] [--seeds SEEDS_DIR] [--verbose]

Reads the files as the pipeline does (decoding, cleaning, the subject of digest.yml) and
prints, per file, the expected and extracted countries and people, then the totals
(country precision/recall/F1 over per-file sets, people precision/recall). Files in
--seeds (no truth) are printed for a look. Faster than scripts/evaluate.py, which builds
the whole site, and shows the places and people behind each figure.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from digest import clean as cleaning  # noqa: E402
from digest.config import load_config  # noqa: E402
from digest.extract.articles import _body_text  # noqa: E402  (the text the pipeline gives the extractor)
from digest.extract.entities import EntityExtractor, Subject  # noqa: E402
from digest.report import Report  # noqa: E402

SHARED = ROOT.parent / "shared"


def project_subject() -> Subject:
    """The subject of the project's digest.yml, as the pipeline passes it to the extractor."""
    subject = load_config(ROOT, Report()).subject
    return Subject(subject.name, subject.aliases, subject.country)


def article_text(path: Path) -> str:
    """Decoded and cleaned like the pipeline does: headline and body, no site chrome."""
    text, _encoding = cleaning.decode(path.read_bytes())
    return _body_text(cleaning.clean(text))


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=SHARED / "corpus")
    parser.add_argument("--truth", type=Path, help="truth.yaml (default: CORPUS/truth.yaml)")
    parser.add_argument("--seeds", type=Path, default=SHARED / "seeds")
    parser.add_argument("--verbose", "-v", action="store_true", help="also print mentions and unknowns")
    args = parser.parse_args()

    truth = yaml.safe_load((args.truth or args.corpus / "truth.yaml").read_text(encoding="utf-8"))
    rows = truth["articles"]
    subject = project_subject()
    started = time.perf_counter()
    extractor = EntityExtractor()
    loaded = time.perf_counter()
    texts = [article_text(args.corpus / row["file"]) for row in rows]
    results = extractor.extract(texts, subject)
    done = time.perf_counter()

    c_tp = c_fp = c_fn = p_tp = p_fp = p_fn = 0
    for row, ents in zip(rows, results):
        want_c, got_c = set(row["countries"]), set(ents.countries)
        want_p, got_p = set(row["people"]), set(ents.people)
        c_tp += len(want_c & got_c)
        c_fp += len(got_c - want_c)
        c_fn += len(want_c - got_c)
        p_tp += len(want_p & got_p)
        p_fp += len(got_p - want_p)
        p_fn += len(want_p - got_p)
        ok = "ok " if want_c == got_c and want_p == got_p else "XX "
        print(f"{ok}{row['file']}")
        print(f"    countries want {sorted(want_c)} got {list(ents.countries)}"
              + (f"  missing {sorted(want_c - got_c)}" if want_c - got_c else "")
              + (f"  extra {sorted(got_c - want_c)}" if got_c - want_c else ""))
        print(f"    people    want {sorted(want_p)} got {list(ents.people)}"
              + (f"  missing {sorted(want_p - got_p)}" if want_p - got_p else "")
              + (f"  extra {sorted(got_p - want_p)}" if got_p - want_p else ""))
        if args.verbose:
            print(f"    stops {[s.name for s in ents.stops]}  mentioned {[m.name for m in ents.mentioned]}")
            print(f"    people mentioned {list(ents.people_mentioned)}")
            print(f"    unknown people {list(ents.unknown_people)}  unknown places {list(ents.unknown_places)}")

    cp, cr, cf = _prf(c_tp, c_fp, c_fn)
    pp, pr, pf = _prf(p_tp, p_fp, p_fn)
    print()
    print(f"countries: precision {cp:.3f} recall {cr:.3f} F1 {cf:.3f}  (tp {c_tp} fp {c_fp} fn {c_fn})")
    print(f"people:    precision {pp:.3f} recall {pr:.3f} F1 {pf:.3f}  (tp {p_tp} fp {p_fp} fn {p_fn})")
    print(f"time: load {loaded - started:.1f}s, extract {len(texts)} texts {done - loaded:.2f}s")

    if args.seeds and args.seeds.is_dir():
        seed_files = sorted(args.seeds.glob("*.txt"))
        seed_results = extractor.extract([article_text(f) for f in seed_files], subject)
        print("\nseeds (no truth):")
        for f, ents in zip(seed_files, seed_results):
            print(f"  {f.name}: countries {list(ents.countries)} stops {[s.name for s in ents.stops]}")
            print(f"      people {list(ents.people)}  mentioned {list(ents.people_mentioned)}")
            if args.verbose:
                print(f"      places mentioned {[m.name for m in ents.mentioned]}")
                print(f"      unknown people {list(ents.unknown_people)}  unknown places {list(ents.unknown_places)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
