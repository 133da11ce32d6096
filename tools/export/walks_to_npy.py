#!/usr/bin/env python3
"""Convert torch-saved direction walks to a float32 .npy file for `latentnav import-directions`.

The input is a file written by torch.save that contains a tensor (or a NumPy array), or a dict
(for example a state dict) with the tensor under --key. For StyleGAN2 w+ walks the array has
shape [attributes, num_ws, 512], for example [N, 14, 512] at 256 pixels.
"""

import argparse

import numpy as np
import torch

import export_common as common


def find_array(loaded, key, path):
    """Return the array in ``loaded``: the object itself, or the dict entry ``key``."""
    if isinstance(loaded, dict):
        arrays = {k: v for k, v in loaded.items() if isinstance(v, (torch.Tensor, np.ndarray))}
        if key is not None:
            if key not in loaded:
                raise common.ExportError(
                    "%s has no key '%s'; its keys are %s." % (path, key, sorted(loaded)))
            return loaded[key]
        if len(arrays) != 1:
            raise common.ExportError(
                "%s contains a dict with %d tensors %s: name one with --key." % (
                    path, len(arrays), sorted(arrays)))
        return next(iter(arrays.values()))
    if key is not None:
        raise common.ExportError("%s contains a %s, not a dict: remove --key." % (
            path, type(loaded).__name__))
    return loaded


def convert(path, out, key=None):
    """Write the walks in ``path`` to ``out`` as a C-order float32 array; return its shape."""
    loaded = common.load_checkpoint(path)
    array = find_array(loaded, key, path)
    if isinstance(array, torch.Tensor):
        array = array.detach().cpu().numpy()
    if not isinstance(array, np.ndarray):
        raise common.ExportError(
            "%s contains a %s, not a tensor or array." % (path, type(array).__name__))
    array = np.ascontiguousarray(array, dtype=np.float32)
    if not np.isfinite(array).all():
        raise common.ExportError("%s contains NaN or infinite values." % path)
    np.save(out, array)
    return array.shape


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--input", required=True, help="torch-saved walks (.pt or .pth)")
    p.add_argument("--key", help="dict key of the walks tensor, if the file contains a dict")
    p.add_argument("--out", required=True, help=".npy file to write")
    args = p.parse_args(argv)
    shape = convert(args.input, args.out, args.key)
    common.log("Wrote %s with shape %s" % (args.out, list(shape)))


if __name__ == "__main__":
    common.run_main(main)
