#!/usr/bin/env python3
"""Builds the tables of docs/experiments.md from the run folders that run.sh wrote.

Usage: tools/experiments/summarize.py [RUNS_DIR] > tables.md
Each row averages the evaluation over attributes and targets. The judge range is the judge's mean
value at target 1 minus its mean value at target 0, averaged over attributes. Training minutes are
the median seconds per iteration in the run's metrics.csv times the number of iterations.
"""
import csv
import os
import sys

RUNS = sys.argv[1] if len(sys.argv) > 1 else "runs/experiments"

QUESTIONS = [
    ("Run-to-run spread (the base run with another seed)", ["lr-exponential", "seed-2"]),
    ("Learning-rate schedule", ["lr-constant", "lr-step", "lr-exponential-1e-3", "lr-exponential"]),
    ("Regressor used in training", ["lr-exponential", "regressor-resnet50"]),
    ("Batch size and samples per epoch",
     ["batch4-half", "lr-exponential", "batch8-half", "batch8"]),
    ("Joint or single-attribute training", ["lr-exponential", "single-attribute"]),
    ("Global or local T(z)", ["lr-exponential", "local"]),
    ("Clip or target sampling", ["lr-exponential", "target-sampler"]),
    ("Loss terms", ["lr-exponential", "no-disc", "no-content", "no-disc-no-content"]),
]

COLUMNS = ["control_error", "preservation", "content_ratio", "pixel_ratio", "d_logit_shift"]


def mean(values):
    return sum(values) / len(values) if values else float("nan")


def read_rows(name):
    """Returns the rows of one run's evaluation.csv, or None if it has not been evaluated."""
    path = os.path.join(RUNS, name, "eval", "evaluation.csv")
    if not os.path.exists(path):
        return None
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def ranges_by_attribute(rows):
    """Returns {attribute: judge value at the highest target - value at the lowest target}."""
    by_attribute = {}
    for r in rows:
        by_attribute.setdefault(r["attribute"], {})[float(r["target"])] = float(r["judge_mean"])
    return {a: t[max(t)] - t[min(t)] for a, t in by_attribute.items() if len(t) > 1}


def attribute_ranges(name):
    rows = read_rows(name)
    return ranges_by_attribute(rows) if rows else None


def print_attribute_table():
    runs = []
    for _, names in QUESTIONS:
        runs += [n for n in names if n not in runs]
    found = [(n, attribute_ranges(n)) for n in runs]
    found = [(n, r) for n, r in found if r]
    if not found:
        return
    attributes = list(found[0][1])
    print("### Judge range per attribute\n")
    print("| run | " + " | ".join(attributes) + " |")
    print("|---|" + "---|" * len(attributes))
    for name, ranges in found:
        print(f"| {name} | " + " | ".join(f"{ranges.get(a, float('nan')):+.2f}" for a in attributes) + " |")
    print()


def load(name):
    rows = read_rows(name)
    if rows is None:
        return None
    figures = {c: mean([float(r[c]) for r in rows]) for c in COLUMNS}
    figures["range"] = mean(list(ranges_by_attribute(rows).values()))
    minutes = float("nan")
    metrics = os.path.join(RUNS, name, "metrics.csv")
    if os.path.exists(metrics):
        with open(metrics, newline="") as f:
            seconds = sorted(float(r["seconds"]) for r in csv.DictReader(f))
        if seconds:
            # The median iteration times the count: a paused or briefly crowded iteration
            # does not count, a run that shared its core throughout still does.
            minutes = seconds[len(seconds) // 2] * len(seconds) / 60
    figures["minutes"] = minutes
    figures["command"] = "tools/experiments/run.sh " + name
    return figures


def main():
    for title, names in QUESTIONS:
        print(f"### {title}\n")
        print("| run | judge range | control error | preservation | content ratio | pixel ratio | D shift | training minutes | command |")
        print("|---|---|---|---|---|---|---|---|---|")
        for name in names:
            f = load(name)
            if f is None:
                print(f"| {name} | not run yet | | | | | | | `tools/experiments/run.sh {name}` |")
                continue
            print(f"| {name} | {f['range']:.3f} | {f['control_error']:.3f} | {f['preservation']:.3f} | {f['content_ratio']:.3f} | "
                  f"{f['pixel_ratio']:.3f} | {f['d_logit_shift']:+.3f} | {f['minutes']:.1f} | `{f['command']}` |")
        print()


if __name__ == "__main__":
    main()
    print_attribute_table()
