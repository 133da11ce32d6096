"""Shared helpers of the LatentNav TorchScript exporters.

Each exporter traces a PyTorch module in evaluation mode, checks that the traced module gives
the eager module's output for another batch size, and writes the module files with a model
card (model.json) that LatentNav reads. The card format is described in docs/real-models.md.
"""

import datetime
import hashlib
import json
import os
import shutil
import sys

import numpy as np
import torch

CARD_FILE = "model.json"
FORMAT_VERSION = 1

# Batch sizes used to trace and to check the traced module. A module traced at one batch size
# and checked at another fails the check if tracing turned the batch size into a constant.
TRACE_BATCH = 1
CHECK_BATCH = 3


class ExportError(Exception):
    """An export that cannot continue; the message names the value to change."""


def log(message):
    print(message, file=sys.stderr)


def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def load_checkpoint(path):
    """Load a torch-saved file on the CPU, whichever device it was saved from.

    The file is unpickled in full (weights_only=False), because whole modules and rosinality
    checkpoints (which store an argparse Namespace) fail under the weights-only default of
    PyTorch 2.6 and later. Only pass files from a source you trust.
    """
    try:
        return torch.load(path, map_location="cpu", weights_only=False)
    except TypeError:  # PyTorch before 1.13 has no weights_only argument
        return torch.load(path, map_location="cpu")


def strip_prefix(state_dict, prefix="module."):
    """Remove the prefix that torch.nn.DataParallel adds to every key."""
    if all(key.startswith(prefix) for key in state_dict):
        return {key[len(prefix):]: value for key, value in state_dict.items()}
    return state_dict


def _as_tuple(value):
    return value if isinstance(value, tuple) else (value,)


def _max_difference(expected, actual):
    expected = _as_tuple(expected)
    actual = _as_tuple(actual)
    if len(expected) != len(actual):
        raise ExportError(
            "The traced module returns %d outputs but the eager module returns %d."
            % (len(actual), len(expected)))
    worst = 0.0
    for e, a in zip(expected, actual):
        if e.shape != a.shape:
            raise ExportError(
                "The traced module returns shape %s where the eager module returns %s: tracing"
                " turned a size into a constant." % (tuple(a.shape), tuple(e.shape)))
        worst = max(worst, (e - a).abs().max().item())
    return worst


def trace(module, make_input, tolerance=1e-4):
    """Trace ``module`` in evaluation mode and check it at another batch size.

    ``make_input(batch)`` returns one example input tensor. The traced module is checked
    against the eager module on a fresh input of CHECK_BATCH samples. A difference above
    ``tolerance`` or a failure at that batch size raises ExportError, because LatentNav calls
    the module with other batch sizes than the one it was traced with.
    """
    module = module.eval()
    with torch.no_grad():
        traced = torch.jit.trace(module, make_input(TRACE_BATCH), check_trace=False)
        check = make_input(CHECK_BATCH)
        expected = module(check)
        try:
            actual = traced(check)
        except RuntimeError as e:
            raise ExportError(
                "The traced module fails at batch size %d after tracing at %d, so tracing"
                " turned the batch size into a constant: %s"
                % (CHECK_BATCH, TRACE_BATCH, str(e).strip().splitlines()[-1])) from e
    difference = _max_difference(expected, actual)
    if difference > tolerance:
        raise ExportError(
            "The traced module differs from the eager module by %.3g at batch size %d"
            " (tolerance %.1g): the module probably branches on its input or uses random"
            " numbers. Export it in evaluation mode with fixed noise." % (
                difference, CHECK_BATCH, tolerance))
    log("Traced %s: max difference to eager %.2g at batch size %d"
        % (type(module).__name__, difference, CHECK_BATCH))
    return traced


def save_module(traced, out_dir, file_name):
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, file_name)
    traced.save(path)
    log("Wrote %s (%d bytes)" % (path, os.path.getsize(path)))
    return file_name


def save_npy(out_dir, file_name, array):
    os.makedirs(out_dir, exist_ok=True)
    if isinstance(array, torch.Tensor):
        array = array.detach().cpu().numpy()
    np.save(os.path.join(out_dir, file_name), np.ascontiguousarray(array, dtype=np.float32))
    return file_name


def read_attribute_names(path):
    """Read attribute names the way LatentNav does.

    A file whose first line is a single integer is a CelebA list_attr_celeba.txt, whose
    second line lists the names. Any other file contains one name per line. Names are trimmed
    and blank lines are skipped.
    """
    with open(path, encoding="utf-8-sig") as f:
        lines = [line.strip() for line in f]
    lines = [line for line in lines if line]
    if len(lines) >= 2 and lines[0].isdigit():
        return lines[1].split()
    for number, line in enumerate(lines, start=1):
        if len(line.split()) > 1:
            raise ExportError(
                "Line %d of %s ('%s') contains whitespace: put one attribute name per line,"
                " or pass a CelebA list_attr_celeba.txt." % (number, path, line))
    return lines


def copy_attributes_file(path, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    name = os.path.basename(path)
    target = os.path.join(out_dir, name)
    if os.path.abspath(path) != os.path.abspath(target):
        shutil.copyfile(path, target)
    return name


# The order of keys in the model.json files that write_card produces; other keys follow.
CARD_ORDER = (
    "formatVersion", "role", "id", "name", "description", "architecture", "latentSpace",
    "latentSize", "numWs", "resolution", "outputRange", "normalization", "attributes",
    "attributesFile", "wAverage", "torchscript", "weights", "hyperParameters", "provenance")


def new_card(role, architecture, resolution, command=None):
    return {
        "formatVersion": FORMAT_VERSION,
        "role": role,
        "architecture": architecture,
        "resolution": resolution,
        "weights": {"format": "torchscript", "files": {}},
        "torchscript": {},
        "provenance": {
            "command": command if command is not None else " ".join(sys.argv),
            "created": datetime.datetime.now(datetime.timezone.utc).isoformat(),
            "notes": "Exported with PyTorch %s." % torch.__version__,
        },
    }


def write_card(out_dir, card, extra_files=()):
    """Fill in the sha256 and size of every module file and ``extra_files``, then write
    model.json."""
    files = list(card["torchscript"].values()) + list(extra_files)
    for name in files:
        path = os.path.join(out_dir, name)
        card["weights"]["files"][name] = {
            "sha256": sha256_file(path),
            "bytes": os.path.getsize(path),
        }
    ordered = {key: card[key] for key in CARD_ORDER if key in card}
    ordered.update({key: value for key, value in card.items() if key not in ordered})
    path = os.path.join(out_dir, CARD_FILE)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(ordered, f, indent=2)
        f.write("\n")
    log("Wrote %s" % path)
    return path


def add_repository(path):
    """Put a cloned model repository first on the import path, so its pickles and classes
    load."""
    if path is None:
        return
    if not os.path.isdir(path):
        raise ExportError("Repository folder not found: %s" % path)
    sys.path.insert(0, os.path.abspath(path))


def run_main(main):
    """Run an exporter's main function and print an ExportError as one line."""
    try:
        main()
    except ExportError as e:
        print("error: %s" % e, file=sys.stderr)
        sys.exit(2)
