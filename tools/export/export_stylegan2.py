#!/usr/bin/env python3
"""Export a StyleGAN2 generator (and optionally its discriminator) to TorchScript for LatentNav.

Two checkpoint layouts are read:

* rosinality (github.com/rosinality/stylegan2-pytorch): a torch-saved dict with the generator
  state dict under "g_ema" and the discriminator under "d". The generator's ``style`` module is
  the mapping network, and ``g([w_plus], input_is_latent=True, randomize_noise=False)`` renders
  a w+ latent [B, n_latent, 512].
* NVlabs (github.com/NVlabs/stylegan2-ada-pytorch, also stylegan3): a network pickle with the
  generator under "G_ema" and the discriminator under "D". ``G.mapping(z, c)`` returns w
  broadcast to [B, num_ws, w_dim] and ``G.synthesis(ws, noise_mode="const")`` renders it.

Both need the model's own source code on the import path: pass the cloned repository with
--repo. The output folder gets mapping.pt (z [B, m] to w [B, m]), synthesis.pt (w+ [B, L, m]
to images [B, 3, R, R] in [-1, 1]), w_avg.npy (the mean of w used for truncation) and a
model.json. With --discriminator-out, discriminator.pt (images to logits [B]) goes to a second
folder with its own model.json.
"""

import argparse

import torch
from torch import nn

import export_common as common

DEFAULT_W_AVG_SAMPLES = 4096


class RosinalityMapping(nn.Module):
    """z [B, m] to w [B, m] through a rosinality generator's ``style`` network."""

    def __init__(self, generator):
        super().__init__()
        self.style = generator.style

    def forward(self, z):
        return self.style(z)


class RosinalitySynthesis(nn.Module):
    """w+ [B, n_latent, m] to images [B, 3, R, R] with the generator's stored noise."""

    def __init__(self, generator):
        super().__init__()
        self.generator = generator

    def forward(self, ws):
        image, _ = self.generator([ws], input_is_latent=True, randomize_noise=False)
        return image


class RosinalityDiscriminator(nn.Module):
    """Images [B, 3, R, R] in [-1, 1] to realness logits [B]."""

    def __init__(self, discriminator):
        super().__init__()
        self.discriminator = discriminator

    def forward(self, images):
        return self.discriminator(images).reshape(-1)


class NVlabsMapping(nn.Module):
    """z [B, z_dim] to w [B, w_dim] through ``G.mapping`` without truncation.

    ``G.mapping`` returns w repeated for every synthesis layer; without truncation every row
    is the same, so the first one is w.
    """

    def __init__(self, generator):
        super().__init__()
        self.mapping = generator.mapping
        self.c_dim = generator.c_dim

    def forward(self, z):
        c = torch.zeros(z.shape[0], self.c_dim, dtype=z.dtype, device=z.device)
        ws = self.mapping(z, c, truncation_psi=1)
        return ws[:, 0]


class NVlabsSynthesis(nn.Module):
    """ws [B, num_ws, w_dim] to images [B, 3, R, R] through ``G.synthesis``.

    The noise inputs are the constant buffers (noise_mode="const") and the computation stays
    in float32. fused_modconv=False selects the path that scales activations around a shared
    convolution: the fused path runs one grouped convolution whose group count is the batch
    size, which tracing would turn into a constant.
    """

    def __init__(self, generator):
        super().__init__()
        self.synthesis = generator.synthesis

    def forward(self, ws):
        return self.synthesis(ws, noise_mode="const", force_fp32=True, fused_modconv=False)


class NVlabsDiscriminator(nn.Module):
    """Images [B, 3, R, R] in [-1, 1] to realness logits [B] through ``D(img, c)``."""

    def __init__(self, discriminator):
        super().__init__()
        self.discriminator = discriminator
        self.c_dim = discriminator.c_dim

    def forward(self, images):
        c = torch.zeros(images.shape[0], self.c_dim, dtype=images.dtype, device=images.device)
        return self.discriminator(images, c).reshape(-1)


def unfuse_rosinality(generator):
    """Select the non-fused modulated convolution where a rosinality version offers one.

    The fused path is a grouped convolution with one group per sample, which tracing may turn
    into a constant batch size. Versions without a ``fused`` flag are left as they are, and
    the batch-size check in export_common.trace reports whether the trace is usable.
    """
    count = 0
    for module in generator.modules():
        if isinstance(getattr(module, "fused", None), bool) and module.fused:
            module.fused = False
            count += 1
    if count:
        common.log("Switched %d modulated convolutions to the non-fused path" % count)


def rosinality_networks(args):
    from model import Discriminator, Generator  # rosinality's model.py, found through --repo

    checkpoint = common.load_checkpoint(args.checkpoint)
    generator = Generator(args.size, args.latent, args.n_mlp,
                          channel_multiplier=args.channel_multiplier)
    generator.load_state_dict(checkpoint["g_ema"])
    generator.eval()
    unfuse_rosinality(generator)
    w_avg = None
    if checkpoint.get("latent_avg") is not None:
        w_avg = checkpoint["latent_avg"].reshape(-1)
    elif hasattr(generator, "mean_latent"):
        torch.manual_seed(args.seed)
        with torch.no_grad():
            w_avg = generator.mean_latent(args.w_avg_samples).reshape(-1)
    discriminator = None
    if args.discriminator_out:
        discriminator = Discriminator(args.size, channel_multiplier=args.channel_multiplier)
        discriminator.load_state_dict(checkpoint["d"])
        discriminator = RosinalityDiscriminator(discriminator.eval())
    layout = {
        "latent_size": generator.style_dim,
        "num_ws": generator.n_latent,
        "resolution": generator.size,
        "mapping": RosinalityMapping(generator),
        "synthesis": RosinalitySynthesis(generator),
        "w_avg": w_avg,
        "discriminator": discriminator,
    }
    return layout


def load_nvlabs_pickle(path):
    try:
        import legacy  # stylegan2-ada-pytorch's loader, which also reads TensorFlow pickles

        with open(path, "rb") as f:
            return legacy.load_network_pkl(f)
    except ImportError:
        import pickle

        with open(path, "rb") as f:
            return pickle.load(f)


def nvlabs_networks(args, networks=None):
    """Wrap the networks of an NVlabs pickle; ``networks`` replaces the pickle in tests."""
    if networks is None:
        networks = load_nvlabs_pickle(args.checkpoint)
    generator = networks["G_ema"].float().eval()
    if generator.c_dim != 0:
        raise common.ExportError(
            "The generator is conditional (c_dim = %d); LatentNav drives unconditional"
            " generators only." % generator.c_dim)
    discriminator = None
    if args.discriminator_out:
        discriminator = NVlabsDiscriminator(networks["D"].float().eval())
    return {
        "latent_size": generator.z_dim,
        "num_ws": generator.num_ws,
        "resolution": generator.img_resolution,
        "mapping": NVlabsMapping(generator),
        "synthesis": NVlabsSynthesis(generator),
        "w_avg": generator.mapping.w_avg.detach().reshape(-1).clone(),
        "discriminator": discriminator,
    }


def estimate_w_avg(mapping, latent_size, samples, seed):
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        z = torch.randn(samples, latent_size, generator=generator)
        return mapping(z).mean(0)


def export(layout, args):
    """Trace and write the generator folder, and the discriminator folder if requested."""
    m = layout["latent_size"]
    num_ws = layout["num_ws"]
    r = layout["resolution"]
    if layout["w_avg"] is None:
        common.log("The checkpoint stores no average w: estimating it from %d samples"
                   % args.w_avg_samples)
        layout["w_avg"] = estimate_w_avg(layout["mapping"], m, args.w_avg_samples, args.seed)

    mapping = common.trace(layout["mapping"], lambda b: torch.randn(b, m))
    synthesis = common.trace(layout["synthesis"], lambda b: torch.randn(b, num_ws, m))
    out = args.out
    card = common.new_card("generator", "stylegan2", r)
    if args.id:
        card["id"] = args.id
    card["latentSize"] = m
    card["numWs"] = num_ws
    card["latentSpace"] = "w+"
    card["outputRange"] = [-1.0, 1.0]
    card["torchscript"]["mapping"] = common.save_module(mapping, out, "mapping.pt")
    card["torchscript"]["synthesis"] = common.save_module(synthesis, out, "synthesis.pt")
    card["wAverage"] = common.save_npy(out, "w_avg.npy", layout["w_avg"])
    card["hyperParameters"] = {"layout": args.layout}
    common.write_card(out, card, extra_files=[card["wAverage"]])

    if layout["discriminator"] is not None:
        discriminator = common.trace(layout["discriminator"], lambda b: torch.randn(b, 3, r, r))
        d_card = common.new_card("discriminator", "stylegan2", r)
        if args.id:
            d_card["id"] = args.id + "-discriminator"
        d_card["normalization"] = "none"
        d_card["torchscript"]["discriminator"] = common.save_module(
            discriminator, args.discriminator_out, "discriminator.pt")
        common.write_card(args.discriminator_out, d_card)


def parser():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--layout", choices=["rosinality", "nvlabs"], required=True,
                   help="checkpoint layout")
    p.add_argument("--checkpoint", required=True,
                   help="rosinality .pt checkpoint or NVlabs .pkl network pickle")
    p.add_argument("--repo", help="cloned model repository to import the networks from")
    p.add_argument("--out", required=True, help="generator folder to write")
    p.add_argument("--discriminator-out", help="discriminator folder to write (optional)")
    p.add_argument("--id", help="identifier written to model.json, for example ffhq-256")
    p.add_argument("--size", type=int, help="rosinality: image side in pixels")
    p.add_argument("--latent", type=int, default=512, help="rosinality: latent size (512)")
    p.add_argument("--n-mlp", type=int, default=8, help="rosinality: mapping layers (8)")
    p.add_argument("--channel-multiplier", type=int, default=2,
                   help="rosinality: channel multiplier (2)")
    p.add_argument("--w-avg-samples", type=int, default=DEFAULT_W_AVG_SAMPLES,
                   help="samples to estimate the average w when the checkpoint has none")
    p.add_argument("--seed", type=int, default=0, help="seed of that estimate")
    return p


def main(argv=None):
    args = parser().parse_args(argv)
    common.add_repository(args.repo)
    if args.layout == "rosinality":
        if args.size is None:
            raise common.ExportError("--size is required for the rosinality layout.")
        layout = rosinality_networks(args)
    else:
        layout = nvlabs_networks(args)
    export(layout, args)


if __name__ == "__main__":
    common.run_main(main)
