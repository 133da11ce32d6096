#!/usr/bin/env python3
"""Export a generator without a mapping network (z [B, m] to images) to TorchScript.

LatentNav treats such a generator as having w = z and a single w row, so only z-space
directions apply to it. --checkpoint is a whole module saved with torch.save(model); its
class must be importable, from --repo if needed. --output-range gives the range of the
module's images, which LatentNav maps to [-1, 1].
"""

import argparse

import torch

import export_common as common


def export(module, latent_size, resolution, output_range, out, model_id=None):
    """Trace ``module`` and write a generator folder; returns the path of model.json."""
    module = module.eval()
    with torch.no_grad():
        shape = tuple(module(torch.zeros(1, latent_size)).shape)
    if shape != (1, 3, resolution, resolution):
        raise common.ExportError(
            "The generator returns shape %s for one latent; expected (1, 3, %d, %d). Check"
            " --latent-size and --resolution." % (shape, resolution, resolution))
    traced = common.trace(module, lambda b: torch.randn(b, latent_size))
    card = common.new_card("generator", "z-generator", resolution)
    if model_id:
        card["id"] = model_id
    card["latentSize"] = latent_size
    card["numWs"] = 1
    card["latentSpace"] = "z"
    card["outputRange"] = [float(output_range[0]), float(output_range[1])]
    card["torchscript"]["generator"] = common.save_module(traced, out, "generator.pt")
    return common.write_card(out, card)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--checkpoint", required=True, help="module saved with torch.save(model)")
    p.add_argument("--repo", help="folder to import the module's class from")
    p.add_argument("--latent-size", type=int, required=True, help="size m of z")
    p.add_argument("--resolution", type=int, required=True, help="image side in pixels")
    p.add_argument("--output-range", type=float, nargs=2, default=[-1.0, 1.0],
                   metavar=("LOW", "HIGH"), help="range of the images (default: -1 1)")
    p.add_argument("--out", required=True, help="generator folder to write")
    p.add_argument("--id", help="identifier written to model.json")
    args = p.parse_args(argv)
    common.add_repository(args.repo)
    module = common.load_checkpoint(args.checkpoint)
    if not isinstance(module, torch.nn.Module):
        raise common.ExportError(
            "%s contains a %s, not a module: save the whole module with torch.save(model)." % (
                args.checkpoint, type(module).__name__))
    export(module.float(), args.latent_size, args.resolution, args.output_range, args.out,
           model_id=args.id)


if __name__ == "__main__":
    common.run_main(main)
