#!/usr/bin/env python3
"""Time LatentNav's direction-training step in PyTorch on the same TorchScript model folders.

The step is the one DirectionTrainer runs with its defaults (global w+ directions, every
attribute moved in each sample, truncation 1, lambdas 10, 0.05 and 0.05):

1. z ~ N(0, I); without gradient: w+ = broadcast(mapping(z)), I = synthesis(w+),
   alpha = sigmoid(R(I)), epsilon ~ U[-1, 1], delta = clip(alpha + epsilon, 0, 1) - alpha,
   and the features F(I);
2. I' = synthesis(w+ + delta T), where T [N, L * m] is the only trainable tensor, initialised
   from N(0, 0.02^2);
3. loss = 10 BCE-with-logits(R(I'), alpha + delta) + 0.05 mean(-softplus(D(I')))
   + 0.05 mean over the feature maps of RMS(F(I') - F(I));
4. backward and one Adam step (betas 0.5 and 0.99, eps 1e-8, learning rate 1e-4) on T.

The models folder has the subfolders generator, discriminator, regressor-mobilenetv2 and
features-vgg19 with TorchScript cards, as `latentnav bench --models DIR` reads them. The
script prints Markdown rows like `latentnav bench`: median milliseconds per iteration,
samples per second and the mean losses. Like LatentNav's bench, it leaves the first tenth of
the iterations (at least one) out of the median as warm-up. Both sides draw z from N(0, I) and
epsilon from U[-1, 1] with their own random generators, so the mean losses agree with
LatentNav's only within sampling noise.
"""

import argparse
import json
import os
import re
import sys
import time

import torch
import torch.nn.functional as F

LAMBDA_REG = 10.0
LAMBDA_DISC = 0.05
LAMBDA_CONTENT = 0.05
LEARNING_RATE = 1e-4
ADAM_BETAS = (0.5, 0.99)
ADAM_EPS = 1e-8
INIT_STD = 0.02
IMAGENET_MEAN = torch.tensor([0.485, 0.456, 0.406]).reshape(1, 3, 1, 1)
IMAGENET_STD = torch.tensor([0.229, 0.224, 0.225]).reshape(1, 3, 1, 1)

class ModelError(Exception):
    """A model folder that cannot be used; the message names the file or field."""


def read_card(folder):
    path = os.path.join(folder, "model.json")
    try:
        with open(path, encoding="utf-8") as f:
            card = json.load(f)
    except FileNotFoundError:
        raise ModelError("Model card not found: %s" % path) from None
    if card.get("weights", {}).get("format") != "torchscript":
        raise ModelError("%s is not a TorchScript card (weights.format must be \"torchscript\");"
                         " export the model with tools/export." % path)
    return card


def load_module(folder, card, key):
    """Load one TorchScript module in evaluation mode with its parameters frozen."""
    name = card.get("torchscript", {}).get(key)
    if name is None:
        raise ModelError("%s names no \"%s\" module in \"torchscript\""
                         % (os.path.join(folder, "model.json"), key))
    module = torch.jit.load(os.path.join(folder, name), map_location="cpu")
    module.eval()
    for parameter in module.parameters():
        parameter.requires_grad_(False)
    return module


def normalization(card):
    """Return the card's input normalisation for images in [-1, 1]."""
    kind = card.get("normalization") or "none"
    if kind == "none":
        return lambda images: images
    if kind == "zero-one":
        return lambda images: (images + 1) / 2
    if kind == "imagenet":
        return lambda images: ((images + 1) / 2 - IMAGENET_MEAN) / IMAGENET_STD
    raise ModelError("Unknown normalization '%s': use none, zero-one or imagenet." % kind)


class Models:
    """G, D, R and F of a models folder, called the way LatentNav calls them."""

    def __init__(self, root):
        g_dir = os.path.join(root, "generator")
        g_card = read_card(g_dir)
        if "mapping" not in g_card.get("torchscript", {}):
            raise ModelError("%s has no mapping module; this benchmark trains w+ directions and"
                             " needs a generator with mapping and synthesis modules." % g_dir)
        self.mapping_module = load_module(g_dir, g_card, "mapping")
        self.synthesis_module = load_module(g_dir, g_card, "synthesis")
        self.latent_size = g_card["latentSize"]
        self.num_ws = g_card["numWs"]
        self.output_range = g_card.get("outputRange") or [-1.0, 1.0]

        d_dir = os.path.join(root, "discriminator")
        d_card = read_card(d_dir)
        self.discriminator_module = load_module(d_dir, d_card, "discriminator")
        self.discriminator_input = normalization(d_card)

        r_dir = os.path.join(root, "regressor-mobilenetv2")
        r_card = read_card(r_dir)
        self.regressor_module = load_module(r_dir, r_card, "regressor")
        self.regressor_input = normalization(r_card)
        self.attributes = r_card.get("hyperParameters", {}).get("outputs")
        if self.attributes is None:
            raise ModelError("%s has no hyperParameters.outputs (the number of attributes)"
                             % os.path.join(r_dir, "model.json"))

        f_dir = os.path.join(root, "features-vgg19")
        f_card = read_card(f_dir)
        self.features_module = load_module(f_dir, f_card, "features")
        self.features_input = normalization(f_card)

    def w_plus(self, z):
        return self.mapping_module(z).unsqueeze(1).repeat(1, self.num_ws, 1)

    def synthesis(self, w_plus):
        low, high = self.output_range
        images = self.synthesis_module(w_plus)
        if (low, high) == (-1.0, 1.0):
            return images
        return (images - low) * (2.0 / (high - low)) - 1.0

    def regressor_logits(self, images):
        return self.regressor_module(self.regressor_input(images))

    def discriminator_logits(self, images):
        return self.discriminator_module(self.discriminator_input(images)).reshape(-1)

    def features(self, images):
        return self.features_module(self.features_input(images))


def content_loss(edited, original):
    """Mean over the feature maps of sqrt(mean((F(I') - F(I))^2) + 1e-8)."""
    distances = [((e - o).square().mean() + 1e-8).sqrt() for e, o in zip(edited, original)]
    return torch.stack(distances).mean()


def training_step(models, directions, optimizer, batch, random):
    """Run one iteration and return (L_reg, L_disc, L_content, total) as floats."""
    z = torch.randn(batch, models.latent_size, generator=random)
    epsilon = torch.rand(batch, models.attributes, generator=random) * 2 - 1
    with torch.no_grad():
        original = models.synthesis(models.w_plus(z))
        alpha = torch.sigmoid(models.regressor_logits(original))
        delta = (alpha + epsilon).clamp(0, 1) - alpha
        target = alpha + delta
        original_features = models.features(original)

    move = delta.unsqueeze(1).matmul(directions.unsqueeze(0)).squeeze(1)
    # LatentNav maps z again inside the gradient scope; mapping has no trainable input, so this
    # only repeats its cost.
    base = models.w_plus(z)
    edited = models.synthesis(base + move.reshape(batch, models.num_ws, models.latent_size))
    logits = models.regressor_logits(edited)
    regression = F.binary_cross_entropy_with_logits(logits, target)
    disc = -F.softplus(models.discriminator_logits(edited)).mean()
    content = content_loss(models.features(edited), original_features)
    loss = LAMBDA_REG * regression + LAMBDA_DISC * disc + LAMBDA_CONTENT * content

    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return regression.item(), disc.item(), content.item(), loss.item()


def new_directions(models, seed):
    random = torch.Generator().manual_seed(seed)
    dimension = models.num_ws * models.latent_size
    values = torch.randn(models.attributes, dimension, generator=random) * INIT_STD
    directions = values.requires_grad_(True)
    optimizer = torch.optim.Adam([directions], lr=LEARNING_RATE, betas=ADAM_BETAS, eps=ADAM_EPS)
    return directions, optimizer


def row(name, value, notes):
    print("| %s | %s | %s |" % (name, value, notes), flush=True)


def fmt(value):
    return "%.0f" % value if value >= 100 else "%.2f" % value


def time_training(models, batch, iterations, seed):
    """Train fresh directions for ``iterations`` steps and print the timing and loss rows."""
    directions, optimizer = new_directions(models, seed)
    random = torch.Generator().manual_seed(seed + batch)
    seconds = []
    sums = [0.0, 0.0, 0.0]
    for _ in range(iterations):
        start = time.perf_counter()
        losses = training_step(models, directions, optimizer, batch, random)
        seconds.append(time.perf_counter() - start)
        for k in range(3):
            sums[k] += losses[k]
    # The same warm-up and median as LatentNav's bench, so both sides drop the same iterations.
    warm = min(iterations - 1, max(1, iterations // 10))
    timed = sorted(seconds[warm:])
    step = timed[len(timed) // 2]
    row("PyTorch direction training, batch %d" % batch, "%s samples/s" % fmt(batch / step),
        "%s ms/iteration (median of %d)" % (fmt(step * 1000), len(timed)))
    row("PyTorch direction training, batch %d, mean losses" % batch,
        "L_reg %.4f, L_disc %.4f, L_content %.4f" % tuple(s / iterations for s in sums),
        "mean over all %d iterations, before the lambda weights" % iterations)
    return directions, optimizer, random


def profile_training(models, batch, iterations, state, trace_file):
    """Run ``iterations`` more steps under the autograd profiler and write a Chrome trace.
    tools/bench/trace_summary.py sums its operator times."""
    directions, optimizer, random = state
    with torch.autograd.profiler.profile() as profiler:
        for _ in range(iterations):
            training_step(models, directions, optimizer, batch, random)
    profiler.export_chrome_trace(trace_file)
    row("PyTorch direction training, batch %d, profile" % batch, trace_file,
        "%d iterations after the timed ones" % iterations)


def median_seconds(runs, body):
    """Run ``body`` once as warm-up, then ``runs`` times, and return the median duration."""
    body()
    durations = []
    for _ in range(runs):
        start = time.perf_counter()
        body()
        durations.append(time.perf_counter() - start)
    return sorted(durations)[runs // 2]


def peak():
    """Print the 3x3 convolution and matrix-product speeds, with the shapes LatentNav's
    `bench --only peak` uses."""
    with torch.no_grad():
        x = torch.randn(16, 128, 32, 32)
        w = torch.randn(128, 128, 3, 3)
        conv_flops = 2.0 * 16 * 128 * 32 * 32 * 128 * 9
        conv = median_seconds(5, lambda: F.conv2d(x, w, padding=1))
        row("PyTorch peak: 3x3 convolution", "%s GFLOP/s" % fmt(conv_flops / conv / 1e9),
            "batch 16, 128->128 channels, 32x32")
        for n in (1024, 2048):
            a = torch.randn(n, n)
            product = median_seconds(5, lambda: a.matmul(a))
            row("PyTorch peak: matrix product %d" % n,
                "%s GFLOP/s" % fmt(2.0 * n ** 3 / product / 1e9), "%d x %d float32" % (n, n))


def blas_info():
    """Return the BLAS_INFO entry of PyTorch's build settings, such as BLAS_INFO=generic."""
    match = re.search(r"BLAS_INFO=[^,\s]+", torch.__config__.show())
    return match.group(0) if match else "BLAS_INFO unknown"


def parser():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--models", help="models folder with TorchScript generator, discriminator,"
                   " regressor-mobilenetv2 and features-vgg19 subfolders")
    p.add_argument("--batch-sizes", default="4,8",
                   help="comma-separated batch sizes to time (default: 4,8)")
    p.add_argument("--iterations", type=int, default=20,
                   help="timed iterations per batch size, warm-up included (default: 20)")
    p.add_argument("--threads", type=int, default=2,
                   help="PyTorch intra-op threads (default: 2)")
    p.add_argument("--seed", type=int, default=1, help="seed of T and of z and epsilon")
    p.add_argument("--peak", action="store_true",
                   help="print convolution and matrix-product GFLOP/s instead of training")
    p.add_argument("--profile", type=int, default=0, metavar="N",
                   help="after timing each batch size, profile N more iterations and write a"
                   " Chrome trace to --trace-dir (default: 0, off)")
    p.add_argument("--trace-dir", default=".",
                   help="folder for the traces of --profile, named pytorch-batchB.json"
                   " (default: the current folder)")
    return p


def main(argv=None):
    args = parser().parse_args(argv)
    if args.iterations < 2:
        raise ModelError("--iterations must be at least 2 (one is warm-up), got %d"
                         % args.iterations)
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    print("Machine: %d cores, PyTorch %s (%s), %d intra-op threads\n"
          % (os.cpu_count(), torch.__version__, blas_info(), torch.get_num_threads()))
    print("| measurement | value | notes |")
    print("|---|---|---|")
    if args.peak:
        peak()
        return
    if not args.models:
        raise ModelError("--models is required unless --peak is given")
    models = Models(args.models)
    for batch in (int(b) for b in args.batch_sizes.split(",")):
        state = time_training(models, batch, args.iterations, args.seed)
        if args.profile > 0:
            trace_file = os.path.join(args.trace_dir, "pytorch-batch%d.json" % batch)
            profile_training(models, batch, args.profile, state, trace_file)


if __name__ == "__main__":
    try:
        main()
    except ModelError as e:
        print("error: %s" % e, file=sys.stderr)
        sys.exit(2)
