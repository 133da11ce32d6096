#!/usr/bin/env python3
"""Pick which of several direction sets, trained with different seeds, ships.

Each candidate is a NAME=CSV pair: an evaluation.csv as written by `latentnav evaluate` and a name
for the candidate (the candidates share the set name given by --set, so each has its own csv).
For each candidate it takes every attribute's judge range (judge value at the highest target minus at the lowest) and
applies a rule fixed before the runs:

1. a set passes when no attribute moves the wrong way by more than --max-reverse;
2. among passing sets the highest mean judge range wins;
3. if no set passes, the set whose worst attribute is least reversed wins.

Prints the winning candidate's name on stdout and a table of all candidates on stderr, and writes the
table as JSON to --summary, so that the shipped card records what it was chosen from.

    pick_directions.py --set directions-mobilenetv2 --summary runs/pick-mobilenetv2.json \\
        seed1=runs/seed1/eval/evaluation.csv seed2=runs/seed2/eval/evaluation.csv
"""

import argparse
import csv
import json
import os
import sys


def ranges(rows, name):
    by_attribute = {}
    for r in rows:
        if r["set"] == name:
            by_attribute.setdefault(r["attribute"], {})[float(r["target"])] = float(r["judge_mean"])
    return {a: t[max(t)] - t[min(t)] for a, t in by_attribute.items() if len(t) > 1}


def pick(candidates):
    """Returns the chosen candidate and how it was chosen."""
    passing = [c for c in candidates if c["passed"]]
    if passing:
        return max(passing, key=lambda c: c["_mean"]), "passed; highest mean judge range"
    return max(candidates, key=lambda c: c["_worst"]), "none passed; least reversed worst attribute"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", required=True, help="value of the csv's set column")
    parser.add_argument("--summary", required=True, help="JSON file to write the candidates to")
    parser.add_argument("--max-reverse", type=float, default=0.05)
    parser.add_argument("candidates", nargs="+", metavar="NAME=CSV")
    args = parser.parse_args()

    candidates = []
    for candidate in args.candidates:
        name, sep, path = candidate.partition("=")
        if not sep:
            raise SystemExit(f"error: invalid candidate '{candidate}'; write NAME=CSV, e.g. seed1=runs/seed1/eval/evaluation.csv")
        with open(path, newline="") as f:
            r = ranges(list(csv.DictReader(f)), args.set)
        if not r:
            raise SystemExit(f"error: {path} has no rows for set '{args.set}'; check --set against the csv's set column")
        worst = min(r, key=r.get)
        mean_range = sum(r.values()) / len(r)
        candidates.append(
            {
                "candidate": name,
                "meanJudgeRange": round(mean_range, 3),
                "worst": round(r[worst], 3),
                "worstAttribute": worst,
                "passed": r[worst] >= -args.max_reverse,
                "_mean": mean_range,
                "_worst": r[worst],
            }
        )
    chosen, method = pick(candidates)
    for c in candidates:
        del c["_mean"], c["_worst"]
    for c in candidates:
        mark = "*" if c is chosen else " "
        print(
            f"{mark} {c['candidate']}: mean judge range {c['meanJudgeRange']:.3f}, "
            f"worst {c['worstAttribute']} {c['worst']:+.3f}",
            file=sys.stderr,
        )
    summary = {
        "rule": f"no attribute below -{args.max_reverse}, then the highest mean judge range;"
        " if none passes, the least reversed worst attribute",
        "chosen": chosen["candidate"],
        "by": method,
        "candidates": candidates,
    }
    with open(args.summary + ".tmp", "w") as f:
        json.dump(summary, f, indent=2)
        f.write("\n")
    os.replace(args.summary + ".tmp", args.summary)
    print(chosen["candidate"])


if __name__ == "__main__":
    main()
