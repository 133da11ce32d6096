#!/usr/bin/env python3
"""Write a models folder of randomly initialised TorchScript models for the PyTorch comparison.

The sizes follow LatentNav's shipped 64-pixel models, so a direction-training step costs about
what it costs with them:

* generator: a StyleGAN2-like network in the NVlabs layout, built from the modulated
  convolutions of tools/export/standins.py. It has latent size 128, 4 mapping layers and 10 w
  rows, with min(4096 / r, 128) channels at resolution r (128 up to 32 px, 64 at 64 px);
* discriminator: a residual discriminator with the same channel counts, a minibatch standard
  deviation over groups of 4 and two linear layers;
* regressor-mobilenetv2: torchvision's MobileNetV2 with 13 outputs (the attributes of
  resources/avatar-sample) at 64 px;
* features-vgg19: torchvision's VGG-19 at full width up to conv4_2, at 64 px.

Every folder is written by the exporters in tools/export, so it has the layout and card that
LatentNav reads. The weights are random, from fixed seeds, so every run writes the same
weights (the .pt files still differ byte for byte). The folder is for timing, not for editing
faces.
"""

import argparse
import math
import os
import sys
import types

import torch
import torch.nn.functional as F
from torch import nn

EXPORT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "export")
sys.path.insert(0, EXPORT_DIR)

import export_common as common  # noqa: E402
import export_regressor  # noqa: E402
import export_stylegan2  # noqa: E402
import export_vgg19_features  # noqa: E402
import standins  # noqa: E402

LATENT = 128
MAPPING_LAYERS = 4
RESOLUTION = 64
CHANNEL_BASE = 4096
CHANNEL_MAX = 128
MBSTD_GROUP = 4
ATTRIBUTES_FILE = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "resources", "avatar-sample",
    "list_attr_celeba.txt")


def channels(resolution):
    return max(1, min(CHANNEL_BASE // resolution, CHANNEL_MAX))


class Synthesis(nn.Module):
    """w+ [B, num_ws, w_dim] to images [B, 3, R, R], with the channel count of each resolution.

    Layer order and w rows are those of StyleGAN2: the 4x4 convolution reads row 0, and each
    toRGB layer shares its row with the next resolution's first convolution.
    """

    def __init__(self, w_dim, resolution):
        super().__init__()
        c4 = channels(4)
        self.const = nn.Parameter(torch.randn(c4, 4, 4))
        self.first = standins.StyledLayer(c4, c4, w_dim, 4)
        self.first_rgb = standins.ToRgb(c4, w_dim)
        self.blocks = nn.ModuleList()
        self.rgbs = nn.ModuleList()
        size = 8
        while size <= resolution:
            in_channels, out_channels = channels(size // 2), channels(size)
            self.blocks.append(nn.ModuleList([
                standins.StyledLayer(in_channels, out_channels, w_dim, size, up=True),
                standins.StyledLayer(out_channels, out_channels, w_dim, size),
            ]))
            self.rgbs.append(standins.ToRgb(out_channels, w_dim))
            size *= 2
        self.num_ws = 2 * int(math.log2(resolution)) - 2

    def forward(self, ws, noise_mode="random", force_fp32=False, fused_modconv=None,
                update_emas=False):
        # The NVlabs signature, so that export_stylegan2's NVlabs wrapper can call it.
        fused = not self.training if fused_modconv is None else fused_modconv
        x = self.const.unsqueeze(0).repeat(ws.shape[0], 1, 1, 1)
        x = self.first(x, ws[:, 0], noise_mode, fused)
        image = self.first_rgb(x, ws[:, 1], fused)
        row = 1
        for (up, conv), rgb in zip(self.blocks, self.rgbs):
            x = up(x, ws[:, row], noise_mode, fused)
            x = conv(x, ws[:, row + 1], noise_mode, fused)
            image = F.interpolate(image, scale_factor=2, mode="bilinear", align_corners=False)
            image = image + rgb(x, ws[:, row + 2], fused)
            row += 2
        return image


class Generator(nn.Module):
    """The attributes and members of an NVlabs ``G`` that export_stylegan2 reads."""

    def __init__(self):
        super().__init__()
        self.z_dim = LATENT
        self.c_dim = 0
        self.w_dim = LATENT
        self.img_resolution = RESOLUTION
        self.img_channels = 3
        self.synthesis = Synthesis(LATENT, RESOLUTION)
        self.num_ws = self.synthesis.num_ws
        self.mapping = standins.NVlabsMappingNetwork(LATENT, 0, LATENT, self.num_ws,
                                                     MAPPING_LAYERS)


class Discriminator(nn.Module):
    """A StyleGAN2-style residual discriminator with the NVlabs call D(images, c).

    A 1x1 fromRGB convolution comes first. Each resolution then has two 3x3 convolutions and
    2x average pooling beside a 1x1 skip path, and the two paths are summed and divided by
    sqrt 2. At 4x4, a minibatch standard-deviation channel over groups of min(4, B) samples,
    a 3x3 convolution and two linear layers give one logit. Batch sizes above 4 must be
    multiples of 4, as in the StyleGAN2 discriminators.
    """

    def __init__(self):
        super().__init__()
        self.c_dim = 0
        self.img_resolution = RESOLUTION
        self.from_rgb = nn.Conv2d(3, channels(RESOLUTION), 1)
        self.conv0 = nn.ModuleList()
        self.conv1 = nn.ModuleList()
        self.skips = nn.ModuleList()
        size = RESOLUTION
        while size > 4:
            in_channels, out_channels = channels(size), channels(size // 2)
            self.conv0.append(nn.Conv2d(in_channels, in_channels, 3, padding=1))
            self.conv1.append(nn.Conv2d(in_channels, out_channels, 3, padding=1))
            self.skips.append(nn.Conv2d(in_channels, out_channels, 1, bias=False))
            size //= 2
        c4 = channels(4)
        self.epilogue_conv = nn.Conv2d(c4 + 1, c4, 3, padding=1)
        self.epilogue_fc = nn.Linear(c4 * 16, c4)
        self.out = nn.Linear(c4, 1)

    @staticmethod
    def minibatch_stddev(x):
        batch, feature_channels, height, width = x.shape
        # A tensor group size keeps the batch size dynamic in the trace.
        group = torch.min(torch.as_tensor(MBSTD_GROUP), torch.as_tensor(batch))
        y = x.reshape(group, -1, feature_channels, height, width)
        y = (y - y.mean(dim=0)).square().mean(dim=0).add(1e-8).sqrt()
        y = y.mean(dim=[1, 2, 3]).reshape(-1, 1, 1, 1).repeat(group, 1, height, width)
        return torch.cat([x, y], dim=1)

    def forward(self, img, c, update_emas=False):
        x = F.leaky_relu(self.from_rgb(img), 0.2)
        for conv0, conv1, skip in zip(self.conv0, self.conv1, self.skips):
            shortcut = skip(F.avg_pool2d(x, 2))
            y = F.leaky_relu(conv0(x), 0.2)
            y = F.avg_pool2d(F.leaky_relu(conv1(y), 0.2), 2)
            x = (shortcut + y) / math.sqrt(2)
        x = F.leaky_relu(self.epilogue_conv(self.minibatch_stddev(x)), 0.2)
        x = F.leaky_relu(self.epilogue_fc(x.flatten(1)), 0.2)
        return self.out(x)


def init_for_leaky_relu(module):
    """Re-initialise every linear and convolution layer with He initialisation for leaky ReLU
    (slope 0.2), so that activations keep their scale through the layers. PyTorch's default
    initialisation shrinks them in each layer, which leaves a deep random network with
    near-constant outputs."""
    for layer in module.modules():
        if isinstance(layer, (nn.Linear, nn.Conv2d)):
            nn.init.kaiming_normal_(layer.weight, a=0.2, nonlinearity="leaky_relu")
            if layer.bias is not None:
                nn.init.zeros_(layer.bias)


def generated_images(generator, count, seed):
    """Render ``count`` images in [-1, 1] from latents drawn with ``seed``."""
    z = torch.randn(count, LATENT, generator=torch.Generator().manual_seed(seed))
    with torch.no_grad():
        ws = generator.mapping(z, torch.zeros(count, 0))
        return generator.synthesis(ws, noise_mode="const", fused_modconv=False)


def imagenet(images):
    mean = torch.tensor([0.485, 0.456, 0.406]).reshape(1, 3, 1, 1)
    std = torch.tensor([0.229, 0.224, 0.225]).reshape(1, 3, 1, 1)
    return ((images + 1) / 2 - mean) / std


def calibrate_batch_norm(network, images, batch=16):
    """Set every BatchNorm layer's running statistics to the mean and variance of its input
    over ``images``. Randomly initialised statistics (0 and 1) let the activations of
    MobileNetV2 shrink to about 1e-10 by the last layer."""
    for layer in network.modules():
        if isinstance(layer, nn.BatchNorm2d):
            layer.reset_running_stats()
            layer.momentum = None  # cumulative average over the calibration batches
    network.train()
    with torch.no_grad():
        for start in range(0, len(images), batch):
            network(images[start:start + batch])
    network.eval()


def write_generator_and_discriminator(out):
    torch.manual_seed(1)
    generator = Generator()
    init_for_leaky_relu(generator.mapping)
    discriminator = Discriminator()
    init_for_leaky_relu(discriminator)
    args = types.SimpleNamespace(
        layout="nvlabs", out=os.path.join(out, "generator"),
        discriminator_out=os.path.join(out, "discriminator"), id="comparison-stylegan2-64",
        w_avg_samples=export_stylegan2.DEFAULT_W_AVG_SAMPLES, seed=0)
    with torch.no_grad():
        z = torch.randn(export_stylegan2.DEFAULT_W_AVG_SAMPLES, LATENT)
        generator.mapping.w_avg.copy_(generator.mapping(z, torch.zeros(len(z), 0))[:, 0].mean(0))
    layout = export_stylegan2.nvlabs_networks(
        args, {"G_ema": generator, "D": discriminator})
    export_stylegan2.export(layout, args)
    return generator


def write_regressor(out, generator):
    torch.manual_seed(2)
    names = common.read_attribute_names(ATTRIBUTES_FILE)
    network = export_regressor.build("mobilenetv2", len(names))
    calibrate_batch_norm(network, imagenet(generated_images(generator, 64, seed=4)))
    export_regressor.export(network, ATTRIBUTES_FILE, names, RESOLUTION,
                            os.path.join(out, "regressor-mobilenetv2"), "mobilenetv2",
                            model_id="comparison-mobilenetv2-64")


def write_features(out):
    import torchvision

    torch.manual_seed(3)
    export_vgg19_features.export(torchvision.models.vgg19().features, RESOLUTION,
                                 os.path.join(out, "features-vgg19"),
                                 model_id="comparison-vgg19-64")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", required=True, help="models folder to write")
    args = p.parse_args()
    torch.set_num_threads(1)
    generator = write_generator_and_discriminator(args.out)
    write_regressor(args.out, generator)
    write_features(args.out)


if __name__ == "__main__":
    common.run_main(main)
