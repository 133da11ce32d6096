#!/usr/bin/env python3
"""Builds the tables of docs/experiments.md from the run folders that run.sh wrote.

Usage: tools/experiments/summarize.py [RUNS_DIR] > tables.md
Each row averages the evaluation over attributes and targets; training time is the sum of the
per-iteration seconds in the run's metrics.csv.
"""
import csv
import os
import sys

RUNS = sys.argv[1] if len(sys.argv) > 1 else "runs/experiments"

QUESTIONS = [
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


def judge_range(rows):
    """Mean over attributes of the judge's value at target 1 minus its value at target 0."""
    by_attribute = {}
    for r in rows:
        by_attribute.setdefault(r["attribute"], {})[float(r["target"])] = float(r["judge_mean"])
    spans = [t[max(t)] - t[min(t)] for t in by_attribute.values() if len(t) > 1]
    return mean(spans)


def load(name):
    path = os.path.join(RUNS, name, "eval", "evaluation.csv")
    if not os.path.exists(path):
        return None
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    figures = {c: mean([float(r[c]) for r in rows]) for c in COLUMNS}
    figures["range"] = judge_range(rows)
    seconds = 0.0
    metrics = os.path.join(RUNS, name, "metrics.csv")
    if os.path.exists(metrics):
        with open(metrics, newline="") as f:
            seconds = sum(float(r["seconds"]) for r in csv.DictReader(f))
    figures["hours"] = seconds / 3600
    figures["command"] = "tools/experiments/run.sh " + name
    return figures


def main():
    for title, names in QUESTIONS:
        print(f"### {title}\n")
        print("| run | judge range | control error | preservation | content ratio | pixel ratio | D shift | training hours | command |")
        print("|---|---|---|---|---|---|---|---|---|")
        for name in names:
            f = load(name)
            if f is None:
                print(f"| {name} | not run yet | | | | | | | `tools/experiments/run.sh {name}` |")
                continue
            print(f"| {name} | {f['range']:.3f} | {f['control_error']:.3f} | {f['preservation']:.3f} | {f['content_ratio']:.3f} | "
                  f"{f['pixel_ratio']:.3f} | {f['d_logit_shift']:+.3f} | {f['hours']:.2f} | `{f['command']}` |")
        print()


if __name__ == "__main__":
    main()
