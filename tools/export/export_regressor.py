#!/usr/bin/env python3
"""Export a torchvision ResNet-50 or MobileNetV2 attribute regressor to TorchScript for LatentNav.

The regressor is the torchvision network with its classifier replaced by an N-way linear head
whose outputs are logits, one per attribute, and sigmoid(logit) is the attribute value in
[0, 1].
--weights is a state dict saved from such a network (a "module." prefix from DataParallel is
removed). LatentNav maps its images from [-1, 1] to [0, 1] and applies the ImageNet mean and
standard deviation before calling the module, because the card declares
"normalization": "imagenet".

With --train-resolution, the module first resizes its input (bilinear) to the resolution the
regressor was trained at, so a regressor trained at 224 pixels can read 256-pixel images.
"""

import argparse

import torch
import torch.nn.functional as F
from torch import nn

import export_common as common

ARCHITECTURES = ("resnet50", "mobilenetv2")


class ResizeInput(nn.Module):
    """Resizes images to ``size`` x ``size`` (bilinear) before ``network``."""

    def __init__(self, network, size):
        super().__init__()
        self.network = network
        self.size = size

    def forward(self, images):
        resized = F.interpolate(images, size=(self.size, self.size), mode="bilinear",
                                align_corners=False)
        return self.network(resized)


def build(architecture, outputs):
    """Build the torchvision network with an ``outputs``-way head."""
    import torchvision

    if architecture == "resnet50":
        return torchvision.models.resnet50(num_classes=outputs)
    if architecture == "mobilenetv2":
        return torchvision.models.mobilenet_v2(num_classes=outputs)
    raise common.ExportError(
        "Unknown architecture '%s': use %s." % (architecture, " or ".join(ARCHITECTURES)))


def load_weights(network, path):
    state = common.load_checkpoint(path)
    if isinstance(state, dict) and "state_dict" in state:
        state = state["state_dict"]
    state = common.strip_prefix(state)
    try:
        network.load_state_dict(state)
    except RuntimeError as e:
        raise common.ExportError(
            "The weights in %s do not fit the network: %s. Check --arch and that the head has"
            " one output per attribute." % (path, str(e).strip().splitlines()[0])) from e


def export(network, attributes_file, names, resolution, out, architecture,
           train_resolution=None, normalization="imagenet", model_id=None):
    """Trace ``network`` and write a regressor folder; returns the path of model.json."""
    module = network.eval()
    if train_resolution and train_resolution != resolution:
        module = ResizeInput(module, train_resolution)
    with torch.no_grad():
        outputs = module(torch.zeros(1, 3, resolution, resolution)).shape
    if len(outputs) != 2 or outputs[1] != len(names):
        raise common.ExportError(
            "The network returns shape %s for one image but %d attribute names were given:"
            " it must return [B, %d] logits." % (tuple(outputs), len(names), len(names)))
    traced = common.trace(module, lambda b: torch.randn(b, 3, resolution, resolution))
    card = common.new_card("regressor", architecture, resolution)
    if model_id:
        card["id"] = model_id
    card["normalization"] = normalization
    card["attributesFile"] = common.copy_attributes_file(attributes_file, out)
    card["hyperParameters"] = {"outputs": len(names)}
    if train_resolution:
        card["hyperParameters"]["trainResolution"] = train_resolution
    card["torchscript"]["regressor"] = common.save_module(traced, out, "regressor.pt")
    return common.write_card(out, card, extra_files=[card["attributesFile"]])


def parser():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--arch", choices=ARCHITECTURES, required=True, help="backbone")
    p.add_argument("--weights", help="state dict of the trained regressor (.pt or .pth)")
    p.add_argument("--random-init", action="store_true",
                   help="export random weights instead of --weights, to test the pipeline")
    p.add_argument("--attributes", required=True,
                   help="attribute names: one per line, or a CelebA list_attr_celeba.txt")
    p.add_argument("--resolution", type=int, required=True,
                   help="side of the generator's images in pixels")
    p.add_argument("--train-resolution", type=int,
                   help="side the regressor was trained at, if it differs")
    p.add_argument("--out", required=True, help="regressor folder to write")
    p.add_argument("--id", help="identifier written to model.json")
    return p


def main(argv=None):
    args = parser().parse_args(argv)
    if (args.weights is not None) == args.random_init:
        raise common.ExportError("Pass either --weights FILE or --random-init.")
    names = common.read_attribute_names(args.attributes)
    network = build(args.arch, len(names))
    if args.weights:
        load_weights(network, args.weights)
    export(network, args.attributes, names, args.resolution, args.out, args.arch,
           train_resolution=args.train_resolution, model_id=args.id)


if __name__ == "__main__":
    common.run_main(main)
