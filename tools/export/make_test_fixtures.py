#!/usr/bin/env python3
"""Write the small TorchScript fixtures that LatentNav's Java tests load.

Every model is a randomly initialised stand-in (see standins.py) exported through the same
functions as the real exporters. The expected/ folder contains inputs and the outputs and
gradients that PyTorch computes for them with the saved TorchScript files, so the Java tests
can check that DJL reproduces them. The output is deterministic for a given PyTorch version.
"""

import argparse
import os
import types

import numpy as np
import torch

import export_common as common
import export_regressor
import export_stylegan2
import export_vgg19_features
import export_z_generator
import standins
import walks_to_npy

LATENT = 16
RESOLUTION = 16
ATTRIBUTES = ["Smiling", "Male", "Eyeglasses"]
IMAGENET_MEAN = torch.tensor([0.485, 0.456, 0.406]).reshape(1, 3, 1, 1)
IMAGENET_STD = torch.tensor([0.229, 0.224, 0.225]).reshape(1, 3, 1, 1)
# Names padded with spaces and a blank line, to test that LatentNav trims them.
ATTRIBUTES_FILE_TEXT = "  Smiling \nMale\n\n Eyeglasses  \n"


def imagenet(images):
    return ((images + 1) / 2 - IMAGENET_MEAN) / IMAGENET_STD


def randomize_batch_norm(module, generator):
    """Give every BatchNorm layer running statistics far from 0 and 1, so a layer that used
    batch statistics instead would change the output."""
    for layer in module.modules():
        if isinstance(layer, torch.nn.modules.batchnorm._BatchNorm):
            with torch.no_grad():
                layer.running_mean.uniform_(-0.5, 0.5, generator=generator)
                layer.running_var.uniform_(0.5, 2.0, generator=generator)


def export_models(out):
    torch.manual_seed(1)
    g = standins.NVlabsGenerator(LATENT, LATENT, RESOLUTION)
    d = standins.NVlabsDiscriminator(RESOLUTION)
    with torch.no_grad():
        c = torch.zeros(4096, 0)
        g.mapping.w_avg.copy_(g.mapping(torch.randn(4096, LATENT), c)[:, 0].mean(0))
    args = types.SimpleNamespace(
        layout="nvlabs", out=os.path.join(out, "generator"),
        discriminator_out=os.path.join(out, "discriminator"), id="tiny-nvlabs",
        w_avg_samples=export_stylegan2.DEFAULT_W_AVG_SAMPLES, seed=0)
    layout = export_stylegan2.nvlabs_networks(args, {"G_ema": g, "D": d})
    export_stylegan2.export(layout, args)

    torch.manual_seed(2)
    export_z_generator.export(standins.ZOnlyGenerator(LATENT, RESOLUTION), LATENT, RESOLUTION,
                              (0.0, 1.0), os.path.join(out, "generator-z"), model_id="tiny-z")

    torch.manual_seed(3)
    regressor = standins.tiny_mobilenet_v2(len(ATTRIBUTES))
    randomize_batch_norm(regressor, torch.Generator().manual_seed(3))
    attributes_file = os.path.join(out, "list_attr_names.txt")
    with open(attributes_file, "w", encoding="utf-8") as f:
        f.write(ATTRIBUTES_FILE_TEXT)
    names = common.read_attribute_names(attributes_file)
    assert names == ATTRIBUTES, names
    export_regressor.export(regressor, attributes_file, names, RESOLUTION,
                            os.path.join(out, "regressor"), "mobilenetv2",
                            model_id="tiny-mobilenetv2")
    os.remove(attributes_file)
    export_scripted_regressor(regressor, os.path.join(out, "regressor-scripted"))

    torch.manual_seed(4)
    export_vgg19_features.export(standins.tiny_vgg19_features(), RESOLUTION,
                                 os.path.join(out, "features"), model_id="tiny-vgg19")


def export_scripted_regressor(regressor, out):
    """Write the same regressor compiled by torch.jit.script, which, unlike a traced module,
    switches BatchNorm and dropout to training behaviour when put in training mode."""
    scripted = torch.jit.script(regressor.eval())
    card = common.new_card("regressor", "mobilenetv2", RESOLUTION)
    card["id"] = "tiny-mobilenetv2-scripted"
    card["normalization"] = "imagenet"
    card["attributes"] = ATTRIBUTES
    card["hyperParameters"] = {"outputs": len(ATTRIBUTES)}
    card["torchscript"]["regressor"] = common.save_module(scripted, out, "regressor.pt")
    common.write_card(out, card)


def load(out, folder, name):
    return torch.jit.load(os.path.join(out, folder, name))


def gradient(function, x):
    x = x.clone().requires_grad_(True)
    function(x).backward()
    return x.grad


def write_expected(out):
    """Run the saved TorchScript files on fixed inputs and store inputs, outputs and
    gradients."""
    expected = os.path.join(out, "expected")
    generator = torch.Generator().manual_seed(5)
    z = torch.randn(2, LATENT, generator=generator)
    ws = torch.randn(2, 6, LATENT, generator=generator)
    images = torch.rand(2, 3, RESOLUTION, RESOLUTION, generator=generator) * 2 - 1
    weights = torch.randn(2, 3, RESOLUTION, RESOLUTION, generator=generator)

    mapping = load(out, "generator", "mapping.pt")
    synthesis = load(out, "generator", "synthesis.pt")
    z_generator = load(out, "generator-z", "generator.pt")
    discriminator = load(out, "discriminator", "discriminator.pt")
    regressor = load(out, "regressor", "regressor.pt")
    features = load(out, "features", "features.pt")

    arrays = {"z": z, "ws": ws, "images": images, "weights": weights}
    with torch.no_grad():
        arrays["mapping"] = mapping(z)
        arrays["synthesis"] = synthesis(ws)
        arrays["z_generator"] = z_generator(z)
        arrays["discriminator"] = discriminator(images)
        arrays["regressor"] = regressor(imagenet(images))
        for i, feature in enumerate(features(imagenet(images))):
            arrays["features_%d" % i] = feature
    with torch.no_grad():
        scripted = load(out, "regressor-scripted", "regressor.pt")(imagenet(images))
    assert (scripted - arrays["regressor"]).abs().max().item() < 1e-5
    arrays["synthesis_grad"] = gradient(lambda w: (synthesis(w) * weights).sum(), ws)
    arrays["regressor_grad"] = gradient(lambda x: regressor(imagenet(x)).sum(), images)
    for name, value in arrays.items():
        common.save_npy(expected, name + ".npy", value)

    walks = torch.randn(len(ATTRIBUTES), 6, LATENT, generator=generator) * 0.1
    walks_file = os.path.join(expected, "walks.pt")
    torch.save({"walks": walks}, walks_file)
    walks_to_npy.convert(walks_file, os.path.join(expected, "walks.npy"), key="walks")
    os.remove(walks_file)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", required=True, help="fixture folder to write")
    args = p.parse_args()
    torch.set_num_threads(1)
    export_models(args.out)
    write_expected(args.out)
    total = 0
    for root, _, files in os.walk(args.out):
        total += sum(os.path.getsize(os.path.join(root, f)) for f in files)
    common.log("Fixtures in %s: %d bytes" % (args.out, total))


if __name__ == "__main__":
    common.run_main(main)
