#!/usr/bin/env python3
"""Sum operator self times in PyTorch profiler Chrome traces, per training iteration.

Reads the traces that torch.autograd.profiler writes with export_chrome_trace in Python, and
those of JniUtils.stopProfile in DJL, which have the same events: complete events
("ph": "X") with a start "ts" and a duration "dur" in microseconds. An operator's self time is its
duration minus that of the operators nested in it on the same thread. The operators are
grouped into matrix products (they call the BLAS library), convolutions (oneDNN's
mkldnn_convolution, its backward pass and the slow fallbacks) and all others.

    trace_summary.py --iterations 2 latentnav.json pytorch.json
"""

import argparse
import collections
import json

MATRIX_PRODUCTS = frozenset(("aten::addmm", "aten::mm", "aten::bmm", "aten::baddbmm",
                             "aten::addmv", "aten::mv", "aten::dot"))


def category(name):
    if name in MATRIX_PRODUCTS:
        return "matrix products"
    if "conv" in name:
        return "convolutions"
    return "other operators"


def self_times(path):
    """Return {operator name: self time in microseconds} over the whole trace."""
    with open(path, encoding="utf-8") as f:
        events = json.load(f)
    if isinstance(events, dict):
        events = events.get("traceEvents", [])
    threads = collections.defaultdict(list)
    for event in events:
        if event.get("ph") == "X" and "dur" in event:
            threads[(event.get("pid"), event.get("tid"))].append(event)
    totals = collections.Counter()
    for thread_events in threads.values():
        # Parents start no later than their children and last longer.
        thread_events.sort(key=lambda e: (float(e["ts"]), -float(e["dur"])))
        open_events = []
        for event in thread_events:
            start = float(event["ts"])
            while open_events and float(open_events[-1]["ts"]) + float(
                    open_events[-1]["dur"]) <= start:
                open_events.pop()
            if open_events:
                totals[open_events[-1]["name"]] -= float(event["dur"])
            totals[event["name"]] += float(event["dur"])
            open_events.append(event)
    return totals


def summarize(path, iterations):
    """Return ({category: ms per iteration}, [(operator, ms per iteration)] largest first)."""
    totals = self_times(path)
    categories = collections.Counter()
    for name, micros in totals.items():
        categories[category(name)] += micros / 1000.0 / iterations
    operators = [(name, micros / 1000.0 / iterations) for name, micros in totals.most_common()]
    return categories, operators


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("traces", nargs="+", help="Chrome trace files")
    p.add_argument("--iterations", type=int, required=True,
                   help="training iterations that each trace covers")
    p.add_argument("--top", type=int, default=8, help="operators to list per trace (8)")
    args = p.parse_args()
    summaries = [summarize(path, args.iterations) for path in args.traces]
    print("| operator self time, ms per iteration | "
          + " | ".join(args.traces) + " |")
    print("|---|" + "---|" * len(args.traces))
    for name in ("convolutions", "matrix products", "other operators"):
        print("| %s | %s |" % (name, " | ".join(
            "%.1f" % categories[name] for categories, _ in summaries)))
    print("| all operators | %s |" % " | ".join(
        "%.1f" % sum(categories.values()) for categories, _ in summaries))
    for path, (_, operators) in zip(args.traces, summaries):
        print("\nLargest operators in %s:" % path)
        for name, millis in operators[:args.top]:
            print("    %-40s %8.1f ms" % (name, millis))


if __name__ == "__main__":
    main()
