#!/usr/bin/env python3
"""Prints the side-by-side regressor tables of docs/regressors.md from model cards.

Usage: tools/reports/regressors.py [MODEL_DIR ...]
(default: models/regressor-resnet50 models/regressor-mobilenetv2)
"""
import json
import os
import sys

dirs = sys.argv[1:] or ["models/regressor-resnet50", "models/regressor-mobilenetv2"]
cards = []
for d in dirs:
    path = os.path.join(d, "model.json")
    if os.path.exists(path):
        with open(path) as f:
            cards.append((d, json.load(f)))
if not cards:
    sys.exit("no model cards found in " + ", ".join(dirs))


def q(card, key, fmt="{:.4f}"):
    value = card.get("quality", {}).get(key)
    return "n/a" if value is None else fmt.format(value)


names = [c["name"].split(" attribute")[0] for _, c in cards]
print("| figure | " + " | ".join(names) + " |")
print("|---|" + "---|" * len(cards))
rows = [
    ("validation MSE", "validationMse", "{:.4f}"),
    ("test MSE", "testMse", "{:.4f}"),
    ("validation mean accuracy", "validationMeanAccuracy", "{:.4f}"),
    ("test mean accuracy", "testMeanAccuracy", "{:.4f}"),
    ("seconds per epoch (last epoch)", "secondsPerEpoch", "{:.0f}"),
    ("inference ms per image, batch 1", "inferenceMsPerImageBatch1", "{:.2f}"),
    ("inference ms per image, batch 32", "inferenceMsPerImageBatch32", "{:.2f}"),
    ("trainable parameters", "parameters", "{:,}"),
    ("weights file bytes", "fileBytes", "{:,}"),
]
for label, key, fmt in rows:
    print(f"| {label} | " + " | ".join(q(c, key, fmt) for _, c in cards) + " |")
print("| epochs | " + " | ".join(str(c["provenance"].get("epochs")) for _, c in cards) + " |")
print()

attributes = cards[0][1]["attributes"]
header = " | ".join(f"{n} val acc | {n} test acc | {n} val MSE | {n} test MSE" for n in names)
print("| attribute | " + header + " |")
print("|---|" + "---|" * (4 * len(cards)))
for a in attributes:
    cells = []
    for _, c in cards:
        v = c["quality"].get("validation", {}).get(a, {})
        t = c["quality"].get("test", {}).get(a, {})
        cells += [f"{v.get('accuracy', float('nan')):.3f}", f"{t.get('accuracy', float('nan')):.3f}",
                  f"{v.get('mse', float('nan')):.4f}", f"{t.get('mse', float('nan')):.4f}"]
    print(f"| {a} | " + " | ".join(cells) + " |")
print()
for d, c in cards:
    print(f"- `{d}`: `{c['provenance']['command']}`")
