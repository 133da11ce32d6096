#!/usr/bin/env python3
"""Write the evaluation of one direction set into its model card's "quality" field.

Reads evaluation.csv as written by `latentnav evaluate` and keeps the rows of one set. It stores
the figures that docs/models.md and the comparison view show. These are the mean judge range
(judge value at target 1 minus at target 0, averaged over attributes), the per-attribute ranges,
and the means of control error, preservation, content and pixel ratios and discriminator logit
shift.

    direction_quality.py --csv runs/eval/evaluation.csv --set directions-mobilenetv2 \\
        --card models/directions-mobilenetv2/model.json --judge regressor-vgg19 \\
        --command "latentnav evaluate ..." [--selection runs/pick-mobilenetv2.json]

The card is rewritten in place with the two-space layout that LatentNav writes.
"""

import argparse
import csv
import json
import math
import os

COLUMNS = {
    "controlError": "control_error",
    "preservation": "preservation",
    "contentRatio": "content_ratio",
    "pixelRatio": "pixel_ratio",
    "discriminatorShift": "d_logit_shift",
}


def mean(values):
    values = [v for v in values if not math.isnan(v)]
    return sum(values) / len(values) if values else float("nan")


def quality(rows):
    by_attribute = {}
    for r in rows:
        by_attribute.setdefault(r["attribute"], {})[float(r["target"])] = float(r["judge_mean"])
    ranges = {a: t[max(t)] - t[min(t)] for a, t in by_attribute.items() if len(t) > 1}
    figures = {"meanJudgeRange": round(mean(list(ranges.values())), 3)}
    for key, column in COLUMNS.items():
        figures[key] = round(mean([float(r[column]) for r in rows]), 4)
    figures["judgeRange"] = {a: round(v, 3) for a, v in sorted(ranges.items())}
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", required=True)
    parser.add_argument("--set", required=True, help="value of the csv's set column")
    parser.add_argument("--card", required=True)
    parser.add_argument("--judge", required=True)
    parser.add_argument("--command", required=True)
    parser.add_argument("--selection", help="JSON written by pick_directions.py, stored as is")
    args = parser.parse_args()

    with open(args.csv, newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["set"] == args.set]
    if not rows:
        raise SystemExit(f"error: {args.csv} has no rows for set '{args.set}'")
    with open(args.card) as f:
        card = json.load(f)
    card["quality"] = {"judge": args.judge, "evaluation": args.command, **quality(rows)}
    if args.selection:
        with open(args.selection) as f:
            card["quality"]["selection"] = json.load(f)
    with open(args.card + ".tmp", "w") as f:
        json.dump(card, f, indent=2)
        f.write("\n")
    os.replace(args.card + ".tmp", args.card)
    print(f"{args.card}: mean judge range {card['quality']['meanJudgeRange']}")


if __name__ == "__main__":
    main()
