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
    ("Learning-rate schedule", ["lr-constant", "lr-step", "lr-exponential"]),
    ("Regressor used in training", ["lr-exponential", "regressor-resnet50"]),
    ("Batch size and samples per epoch (10 epochs)",
     ["batch4-samples1000", "lr-exponential", "batch8-samples1000", "batch8-samples2000"]),
    ("Joint or single-attribute training", ["lr-exponential", "single-attribute"]),
    ("Global or local T(z)", ["lr-exponential", "local"]),
    ("Clip or target sampling", ["lr-exponential", "target-sampler"]),
    ("Loss terms", ["lr-exponential", "no-disc", "no-content", "no-disc-no-content"]),
]

COLUMNS = ["control_error", "preservation", "content_ratio", "pixel_ratio", "d_logit_shift"]


def mean(values):
    return sum(values) / len(values) if values else float("nan")


def load(name):
    path = os.path.join(RUNS, name, "eval", "evaluation.csv")
    if not os.path.exists(path):
        return None
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    figures = {c: mean([float(r[c]) for r in rows]) for c in COLUMNS}
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
        print("| run | control error | preservation | content ratio | pixel ratio | D shift | training hours | command |")
        print("|---|---|---|---|---|---|---|---|")
        for name in names:
            f = load(name)
            if f is None:
                print(f"| {name} | not run yet | | | | | | `tools/experiments/run.sh {name}` |")
                continue
            print(f"| {name} | {f['control_error']:.3f} | {f['preservation']:.3f} | {f['content_ratio']:.3f} | "
                  f"{f['pixel_ratio']:.3f} | {f['d_logit_shift']:+.3f} | {f['hours']:.2f} | `{f['command']}` |")
        print()


if __name__ == "__main__":
    main()
