#!/usr/bin/env python3
"""Export torchvision VGG-19 feature maps to TorchScript for LatentNav's content loss.

The module returns a tuple of four activation maps, each after its ReLU: conv1_2, conv2_2,
conv3_2 and conv4_2 (indices 3, 8, 13 and 22 of torchvision's ``vgg19().features``). --weights
is a torchvision VGG-19 state dict such as the ImageNet one. LatentNav applies the ImageNet
normalisation before calling the module, because the card declares "normalization": "imagenet".
"""

import argparse

import torch
from torch import nn

import export_common as common

# Index in torchvision's vgg19().features of the ReLU after each layer, and the layer's name.
FEATURE_LAYERS = ((3, "conv1_2"), (8, "conv2_2"), (13, "conv3_2"), (22, "conv4_2"))


class VggFeatures(nn.Module):
    """Runs the first layers of a VGG ``features`` stack and returns the maps LatentNav uses."""

    def __init__(self, features):
        super().__init__()
        last = FEATURE_LAYERS[-1][0]
        if len(features) <= last:
            raise common.ExportError(
                "The VGG features stack has %d layers; conv4_2 needs %d." % (
                    len(features), last + 1))
        layers = []
        for layer in list(features)[: last + 1]:
            if isinstance(layer, nn.ReLU):
                # An in-place ReLU would overwrite a map that is already returned.
                layer = nn.ReLU(inplace=False)
            layers.append(layer)
        self.layers = nn.ModuleList(layers)
        self.taps = [index for index, _ in FEATURE_LAYERS]

    def forward(self, images):
        outputs = []
        x = images
        for index, layer in enumerate(self.layers):
            x = layer(x)
            if index in self.taps:
                outputs.append(x)
        return tuple(outputs)


def export(features, resolution, out, model_id=None):
    """Trace the feature maps of a VGG ``features`` stack and write a feature folder."""
    module = VggFeatures(features).eval()
    traced = common.trace(module, lambda b: torch.randn(b, 3, resolution, resolution))
    card = common.new_card("features", "vgg19", resolution)
    if model_id:
        card["id"] = model_id
    card["normalization"] = "imagenet"
    card["hyperParameters"] = {"layers": [name for _, name in FEATURE_LAYERS]}
    card["torchscript"]["features"] = common.save_module(traced, out, "features.pt")
    return common.write_card(out, card)


def parser():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--weights", help="torchvision VGG-19 state dict (.pth)")
    p.add_argument("--random-init", action="store_true",
                   help="export random weights instead of --weights, to test the pipeline")
    p.add_argument("--resolution", type=int, required=True,
                   help="side of the generator's images in pixels")
    p.add_argument("--out", required=True, help="feature folder to write")
    p.add_argument("--id", help="identifier written to model.json")
    return p


def main(argv=None):
    import torchvision

    args = parser().parse_args(argv)
    if (args.weights is not None) == args.random_init:
        raise common.ExportError("Pass either --weights FILE or --random-init.")
    vgg = torchvision.models.vgg19()
    if args.weights:
        vgg.load_state_dict(common.strip_prefix(common.load_checkpoint(args.weights)))
    export(vgg.features, args.resolution, args.out, model_id=args.id)


if __name__ == "__main__":
    common.run_main(main)
