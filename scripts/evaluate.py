#!/usr/bin/env python3
"""Measure digest against a hand-labelled corpus.

    python scripts/evaluate.py --corpus ../shared/corpus --truth ../shared/corpus/truth.yaml [--json] [--check]

Builds the corpus into a temporary docs folder with the real pipeline, reads the
digest.json it wrote, and compares it with the truth file (format: see
../shared/corpus/README.md). --check exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from digest.config import load_config  # noqa: E402
from digest.pipeline import build  # noqa: E402
from digest.report import Report  # noqa: E402

# Targets from the issues (extraction: #3, grouping: #4).
TARGETS = {
    "month_accuracy": 1.0,
    "day_precision": 0.95,
    "day_recall": 0.85,
    "country_f1": 0.9,
    "people_recall": 0.9,
    "source_accuracy": 0.9,
    "duplicates_missed": 0,
    "duplicates_false": 0,
    "trip_pair_precision": 0.95,
    "trip_pair_recall": 0.95,
    "off_trip_in_trips": 0,
    "trip_country_f1": 0.9,
}
LOWER_IS_BETTER = {"duplicates_missed", "duplicates_false", "off_trip_in_trips"}


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None or p + r == 0:
        return None if p is None or r is None else 0.0
    return 2 * p * r / (p + r)


def _day(value) -> str | None:
    return None if value is None else str(value)


def score(produced: dict, truth: dict) -> tuple[dict, list[str]]:
    """Metrics and a list of human-readable misses."""
    got = {a["file"]: a for a in produced["articles"]}
    rejected = {r["file"] for r in produced["rejected"]}
    misses: list[str] = []
    n = month_ok = source_ok = 0
    day_tp = day_predicted = day_expected = 0
    c_tp = c_fp = c_fn = 0
    p_tp = p_expected = 0
    for item in truth["articles"]:
        name = item["file"]
        n += 1
        if name not in got:
            misses.append(f"{name}: missing ({'rejected' if name in rejected else 'absent'})")
            continue
        a = got[name]
        if a["month"] == str(item["month"]):
            month_ok += 1
        else:
            misses.append(f"{name}: month {a['month']} != {item['month']}")
        want_day, got_day = _day(item.get("date")), a["date"]
        if got_day is not None:
            day_predicted += 1
        if want_day is not None:
            day_expected += 1
            if got_day == want_day:
                day_tp += 1
        if got_day != want_day:
            misses.append(f"{name}: day {got_day} != {want_day}")
        want_c, got_c = set(item.get("countries") or []), set(a["countries"])
        c_tp += len(want_c & got_c)
        c_fp += len(got_c - want_c)
        c_fn += len(want_c - got_c)
        if want_c != got_c:
            misses.append(f"{name}: countries +{sorted(got_c - want_c)} -{sorted(want_c - got_c)}")
        want_p = set(item.get("people") or [])
        p_expected += len(want_p)
        p_tp += len(want_p & set(a["people"]))
        if want_p - set(a["people"]):
            misses.append(f"{name}: people missed {sorted(want_p - set(a['people']))}")
        if a["source"] == item.get("source"):
            source_ok += 1
        else:
            misses.append(f"{name}: source {a['source']} != {item.get('source')}")

    # A day counts as precise when it is right; a day given where truth has none is a false one.
    day_right_given = sum(
        1 for item in truth["articles"]
        if item["file"] in got and got[item["file"]]["date"] is not None
        and got[item["file"]]["date"] == _day(item.get("date")))

    want_dups = {(i["file"], i["duplicate_of"]) for i in truth["articles"] if i.get("duplicate_of")}
    got_dups = {(a["file"], a["duplicate_of"]) for a in produced["articles"] if a["duplicate_of"]}
    for pair in sorted(want_dups - got_dups):
        misses.append(f"duplicate missed: {pair[0]} -> {pair[1]}")
    for pair in sorted(got_dups - want_dups):
        misses.append(f"duplicate false: {pair[0]} -> {pair[1]}")

    # Trips: pairwise same-trip agreement over the truth's articles.
    files = [i["file"] for i in truth["articles"] if i["file"] in got]
    want_trip = {i["file"]: i.get("trip") for i in truth["articles"]}
    pair_tp = pair_pred = pair_true = 0
    for x, y in itertools.combinations(files, 2):
        same_true = want_trip[x] is not None and want_trip[x] == want_trip[y]
        same_pred = got[x]["trip"] is not None and got[x]["trip"] == got[y]["trip"]
        pair_true += same_true
        pair_pred += same_pred
        pair_tp += same_true and same_pred
    off_in = [f for f in files if want_trip[f] is None and got[f]["trip"] is not None]
    for f in off_in:
        misses.append(f"{f}: off-trip article put in trip {got[f]['trip']}")

    # Trip countries: each truth trip against the produced trip holding most of its articles.
    trips = {t["id"]: t for t in produced["trips"]}
    t_tp = t_fp = t_fn = 0
    for trip in truth.get("trips", []):
        members = [f for f in files if want_trip[f] == trip["id"]]
        votes = [got[f]["trip"] for f in members if got[f]["trip"]]
        best = max(set(votes), key=votes.count) if votes else None
        want_c = set(trip.get("countries") or [])
        got_c = set(trips[best]["countries"]) if best in trips else set()
        t_tp += len(want_c & got_c)
        t_fp += len(got_c - want_c)
        t_fn += len(want_c - got_c)
        if want_c != got_c:
            misses.append(f"trip {trip['id']} (as {best}): countries +{sorted(got_c - want_c)} "
                          f"-{sorted(want_c - got_c)}")

    c_p, c_r = _ratio(c_tp, c_tp + c_fp), _ratio(c_tp, c_tp + c_fn)
    t_p, t_r = _ratio(t_tp, t_tp + t_fp), _ratio(t_tp, t_tp + t_fn)
    metrics = {
        "articles": n,
        "month_accuracy": _ratio(month_ok, n),
        "day_precision": _ratio(day_right_given, day_predicted),
        "day_recall": _ratio(day_tp, day_expected),
        "country_precision": c_p,
        "country_recall": c_r,
        "country_f1": _f1(c_p, c_r),
        "people_recall": _ratio(p_tp, p_expected),
        "source_accuracy": _ratio(source_ok, n),
        "duplicates_found": len(want_dups & got_dups),
        "duplicates_missed": len(want_dups - got_dups),
        "duplicates_false": len(got_dups - want_dups),
        "trip_pair_precision": _ratio(pair_tp, pair_pred),
        "trip_pair_recall": _ratio(pair_tp, pair_true),
        "off_trip_in_trips": len(off_in),
        "trip_country_f1": _f1(t_p, t_r),
    }
    return metrics, misses


def failed_targets(metrics: dict) -> list[str]:
    failed = []
    for key, target in TARGETS.items():
        value = metrics.get(key)
        ok = value is not None and (value <= target if key in LOWER_IS_BETTER else value >= target)
        if not ok:
            failed.append(f"{key} = {value} (target {'<=' if key in LOWER_IS_BETTER else '>='} {target})")
    return failed


def run(corpus: Path, truth_path: Path) -> tuple[dict, list[str]]:
    truth = yaml.safe_load(truth_path.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        # The project's digest.yml (subject, trip region) applies; inputs and outputs are ours.
        report = Report()
        config = load_config(ROOT, report)
        if report.errors:
            raise SystemExit("\n".join(str(issue) for issue in report.errors))
        config = replace(config, seeds_dir=corpus.resolve(), docs_dir=Path(tmp) / "docs",
                         cache_dir=Path(tmp) / "cache")
        result = build(config, Report(), use_cache=False)
        produced = json.loads((config.docs_dir / "data/digest.json").read_text(encoding="utf-8"))
    del result
    return score(produced, truth)


def _format(value) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True, help="folder of .txt articles")
    parser.add_argument("--truth", type=Path, required=True, help="truth.yaml for that folder")
    parser.add_argument("--json", action="store_true", help="print the metrics as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("-q", "--quiet", action="store_true", help="do not list the misses")
    args = parser.parse_args(argv)
    metrics, misses = run(args.corpus, args.truth)
    failed = failed_targets(metrics)
    if args.json:
        print(json.dumps({"metrics": metrics, "misses": misses, "failed": failed}, indent=2, ensure_ascii=False))
    else:
        width = max(len(k) for k in metrics)
        for key, value in metrics.items():
            target = TARGETS.get(key)
            mark = "" if target is None else ("  ok" if not any(f.startswith(key + " ") for f in failed)
                                              else "  MISSED")
            print(f"{key:<{width}}  {_format(value):>7}{mark}")
        if misses and not args.quiet:
            print("\nmisses:")
            for line in misses:
                print(f"  {line}")
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    sys.exit(main())
