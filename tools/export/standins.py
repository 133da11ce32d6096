"""Small randomly initialised stand-ins for the networks the exporters read.

They copy the call signatures of rosinality's stylegan2-pytorch ``Generator`` and
``Discriminator`` and of the NVlabs stylegan2-ada-pytorch ``G`` and ``D`` (their ``mapping``
and ``synthesis`` members included), so the exporters' wrappers can be tested without those
repositories. The networks themselves are a much smaller StyleGAN2-like generator: a constant
4x4 input, modulated 3x3 convolutions with weight demodulation, per-layer noise and RGB skips.

Like the originals, the "fused" modulated convolution is one grouped convolution whose group
count is the batch size. Tracing turns that count into a constant, so the wrappers avoid it.
"""

import math

import torch
import torch.nn.functional as F
from torch import nn


class PixelNorm(nn.Module):
    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(dim=1, keepdim=True) + 1e-8)


def mapping_network(latent_size, layers):
    modules = [PixelNorm()]
    for _ in range(layers):
        modules += [nn.Linear(latent_size, latent_size), nn.LeakyReLU(0.2)]
    return nn.Sequential(*modules)


class ModulatedConv(nn.Module):
    """3x3 (or 1x1) convolution modulated by a style computed from w."""

    def __init__(self, in_channels, out_channels, w_dim, kernel=3, demodulate=True, up=False):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(out_channels, in_channels, kernel, kernel))
        self.scale = 1 / math.sqrt(in_channels * kernel * kernel)
        self.affine = nn.Linear(w_dim, in_channels)
        nn.init.ones_(self.affine.bias)
        self.demodulate = demodulate
        self.up = up
        self.padding = kernel // 2
        self.fused = True

    def forward(self, x, w, fused=None):
        fused = self.fused if fused is None else fused
        if self.up:
            x = F.interpolate(x, scale_factor=2, mode="bilinear", align_corners=False)
        styles = self.affine(w)
        weight = self.weight * self.scale
        batch = x.shape[0]
        out_channels, in_channels = weight.shape[:2]
        if not fused:
            x = x * styles.reshape(batch, -1, 1, 1)
            x = F.conv2d(x, weight, padding=self.padding)
            if self.demodulate:
                modulated = weight.unsqueeze(0) * styles.reshape(batch, 1, -1, 1, 1)
                dcoefs = torch.rsqrt(modulated.pow(2).sum(dim=[2, 3, 4]) + 1e-8)
                x = x * dcoefs.reshape(batch, -1, 1, 1)
            return x
        batch = int(batch)  # as in the originals: the group count becomes a Python int
        modulated = weight.unsqueeze(0) * styles.reshape(batch, 1, -1, 1, 1)
        if self.demodulate:
            dcoefs = torch.rsqrt(modulated.pow(2).sum(dim=[2, 3, 4]) + 1e-8)
            modulated = modulated * dcoefs.reshape(batch, -1, 1, 1, 1)
        height, width = x.shape[2], x.shape[3]
        x = x.reshape(1, batch * in_channels, height, width)
        kernel = modulated.reshape(batch * out_channels, in_channels, *weight.shape[2:])
        out = F.conv2d(x, kernel, padding=self.padding, groups=batch)
        return out.reshape(batch, out_channels, height, width)


class StyledLayer(nn.Module):
    """Modulated convolution, noise, bias and leaky ReLU."""

    def __init__(self, in_channels, out_channels, w_dim, resolution, up=False):
        super().__init__()
        self.conv = ModulatedConv(in_channels, out_channels, w_dim, up=up)
        self.register_buffer("noise_const", torch.randn(1, 1, resolution, resolution))
        self.noise_strength = nn.Parameter(torch.full([], 0.1))
        self.bias = nn.Parameter(torch.zeros(out_channels))

    def forward(self, x, w, noise_mode, fused):
        x = self.conv(x, w, fused)
        if noise_mode == "random":
            noise = torch.randn(x.shape[0], 1, x.shape[2], x.shape[3], device=x.device)
        elif noise_mode == "const":
            noise = self.noise_const
        else:
            noise = torch.zeros_like(self.noise_const)
        x = x + noise * self.noise_strength + self.bias.reshape(1, -1, 1, 1)
        return F.leaky_relu(x, 0.2)


class ToRgb(nn.Module):
    def __init__(self, in_channels, w_dim):
        super().__init__()
        self.conv = ModulatedConv(in_channels, 3, w_dim, kernel=1, demodulate=False)
        self.bias = nn.Parameter(torch.zeros(3))

    def forward(self, x, w, fused):
        return self.conv(x, w, fused) * 0.5 + self.bias.reshape(1, -1, 1, 1)


class TinySynthesis(nn.Module):
    """w+ [B, num_ws, w_dim] to images [B, 3, R, R]; num_ws = 2 log2(R) - 2."""

    def __init__(self, w_dim, resolution, channels):
        super().__init__()
        self.w_dim = w_dim
        self.img_resolution = resolution
        self.img_channels = 3
        self.const = nn.Parameter(torch.randn(channels, 4, 4))
        self.first = StyledLayer(channels, channels, w_dim, 4)
        self.first_rgb = ToRgb(channels, w_dim)
        self.blocks = nn.ModuleList()
        self.rgbs = nn.ModuleList()
        size = 8
        while size <= resolution:
            self.blocks.append(nn.ModuleList([
                StyledLayer(channels, channels, w_dim, size, up=True),
                StyledLayer(channels, channels, w_dim, size),
            ]))
            self.rgbs.append(ToRgb(channels, w_dim))
            size *= 2
        self.num_ws = 2 * int(math.log2(resolution)) - 2

    def render(self, ws, noise_mode="const", fused=None):
        """Render ws; ``fused`` None lets each convolution use its own ``fused`` flag."""
        x = self.const.unsqueeze(0).repeat(ws.shape[0], 1, 1, 1)
        x = self.first(x, ws[:, 0], noise_mode, fused)
        image = self.first_rgb(x, ws[:, 1], fused)
        i = 1
        for (up, conv), rgb in zip(self.blocks, self.rgbs):
            x = up(x, ws[:, i], noise_mode, fused)
            x = conv(x, ws[:, i + 1], noise_mode, fused)
            image = F.interpolate(image, scale_factor=2, mode="bilinear", align_corners=False)
            image = image + rgb(x, ws[:, i + 2], fused)
            i += 2
        return image


class TinyDiscriminatorNet(nn.Module):
    def __init__(self, resolution, channels):
        super().__init__()
        layers = [nn.Conv2d(3, channels, 3, padding=1), nn.LeakyReLU(0.2)]
        size = resolution
        while size > 4:
            layers += [nn.Conv2d(channels, channels, 3, padding=1, stride=2), nn.LeakyReLU(0.2)]
            size //= 2
        self.features = nn.Sequential(*layers)
        self.out = nn.Linear(channels * 16, 1)

    def forward(self, images):
        return self.out(self.features(images).flatten(1))


class RosinalityGenerator(nn.Module):
    """Stand-in with the interface of rosinality's ``Generator``."""

    def __init__(self, size, style_dim, n_mlp, channel_multiplier=2):
        super().__init__()
        channels = 8 * channel_multiplier
        self.size = size
        self.style_dim = style_dim
        self.style = mapping_network(style_dim, n_mlp)
        self.synthesis = TinySynthesis(style_dim, size, channels)
        self.n_latent = self.synthesis.num_ws

    def mean_latent(self, n_latent):
        latent_in = torch.randn(n_latent, self.style_dim)
        return self.style(latent_in).mean(0, keepdim=True)

    def forward(self, styles, return_latents=False, inject_index=None, truncation=1,
                truncation_latent=None, input_is_latent=False, noise=None,
                randomize_noise=True):
        if not input_is_latent:
            styles = [self.style(s) for s in styles]
        if truncation < 1:
            styles = [truncation_latent + truncation * (s - truncation_latent) for s in styles]
        latent = styles[0]
        if latent.ndim < 3:
            latent = latent.unsqueeze(1).repeat(1, self.n_latent, 1)
        image = self.synthesis.render(latent, "random" if randomize_noise else "const")
        return image, (latent if return_latents else None)


class RosinalityDiscriminator(nn.Module):
    """Stand-in with the interface of rosinality's ``Discriminator``: images to [B, 1]."""

    def __init__(self, size, channel_multiplier=2):
        super().__init__()
        self.net = TinyDiscriminatorNet(size, 8 * channel_multiplier)

    def forward(self, images):
        return self.net(images)


class NVlabsMappingNetwork(nn.Module):
    """Stand-in for ``G.mapping``: returns w broadcast to [B, num_ws, w_dim]."""

    def __init__(self, z_dim, c_dim, w_dim, num_ws, layers):
        super().__init__()
        self.z_dim = z_dim
        self.c_dim = c_dim
        self.w_dim = w_dim
        self.num_ws = num_ws
        self.net = mapping_network(w_dim, layers)
        self.register_buffer("w_avg", torch.zeros(w_dim))

    def forward(self, z, c, truncation_psi=1, truncation_cutoff=None, update_emas=False):
        # The stand-in is unconditional: c [B, 0] is accepted and ignored.
        x = self.net(z)
        x = x.unsqueeze(1).repeat(1, self.num_ws, 1)
        if truncation_psi != 1:
            x = self.w_avg.lerp(x, truncation_psi)
        return x


class NVlabsSynthesisNetwork(nn.Module):
    """Stand-in for ``G.synthesis``; eval mode picks the fused convolution, as the original."""

    def __init__(self, w_dim, img_resolution, channels):
        super().__init__()
        self.net = TinySynthesis(w_dim, img_resolution, channels)
        self.num_ws = self.net.num_ws

    def forward(self, ws, noise_mode="random", force_fp32=False, fused_modconv=None,
                update_emas=False):
        if fused_modconv is None:
            fused_modconv = not self.training
        return self.net.render(ws, noise_mode, fused_modconv)


class NVlabsGenerator(nn.Module):
    """Stand-in with the interface of the NVlabs ``G`` (mapping, synthesis and sizes)."""

    def __init__(self, z_dim, w_dim, img_resolution, mapping_layers=2, channels=16, c_dim=0):
        super().__init__()
        self.z_dim = z_dim
        self.c_dim = c_dim
        self.w_dim = w_dim
        self.img_resolution = img_resolution
        self.img_channels = 3
        self.synthesis = NVlabsSynthesisNetwork(w_dim, img_resolution, channels)
        self.num_ws = self.synthesis.num_ws
        self.mapping = NVlabsMappingNetwork(z_dim, c_dim, w_dim, self.num_ws, mapping_layers)

    def forward(self, z, c, truncation_psi=1, truncation_cutoff=None, **synthesis_kwargs):
        ws = self.mapping(z, c, truncation_psi=truncation_psi)
        return self.synthesis(ws, **synthesis_kwargs)


class NVlabsDiscriminator(nn.Module):
    """Stand-in with the interface of the NVlabs ``D``: D(img, c) returns [B, 1]."""

    def __init__(self, img_resolution, channels=16, c_dim=0):
        super().__init__()
        self.c_dim = c_dim
        self.img_resolution = img_resolution
        self.net = TinyDiscriminatorNet(img_resolution, channels)

    def forward(self, img, c, update_emas=False):
        return self.net(img)


class ZOnlyGenerator(nn.Module):
    """A generator without a mapping network: z [B, m] to images [B, 3, R, R] in [0, 1]."""

    def __init__(self, latent_size, resolution, channels=16):
        super().__init__()
        self.latent_size = latent_size
        self.resolution = resolution
        self.project = nn.Linear(latent_size, channels * 16)
        layers = []
        size = 4
        while size < resolution:
            layers += [nn.Upsample(scale_factor=2), nn.Conv2d(channels, channels, 3, padding=1),
                       nn.LeakyReLU(0.2)]
            size *= 2
        layers += [nn.Conv2d(channels, 3, 3, padding=1)]
        self.net = nn.Sequential(*layers)
        self.channels = channels

    def forward(self, z):
        x = self.project(z).reshape(-1, self.channels, 4, 4)
        return torch.sigmoid(self.net(x))


def tiny_mobilenet_v2(outputs):
    """Build torchvision's MobileNetV2 class with two small inverted-residual stages."""
    import torchvision

    setting = [[1, 8, 1, 1], [6, 16, 1, 2]]
    network = torchvision.models.MobileNetV2(num_classes=outputs, width_mult=0.25,
                                             inverted_residual_setting=setting)
    return network


def tiny_vgg19_features():
    """Build a VGG-19 ``features`` stack (torchvision's builder) with 1/16 of the channels."""
    from torchvision.models.vgg import make_layers

    config = [4, 4, "M", 8, 8, "M", 16, 16, 16, 16, "M", 32, 32, 32, 32, "M"]
    return make_layers(config, batch_norm=False)
