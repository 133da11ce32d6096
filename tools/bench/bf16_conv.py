#!/usr/bin/env python3
"""Times 3x3 convolutions in float32 and bfloat16 with PyTorch on the CPU, in GFLOP/s.

Run with the Debian PyTorch: /usr/bin/python3 tools/bench/bf16_conv.py. The shapes are those of
the GAN's layers (batch, channels, side); inputs and weights are channels-last, as in LatentNav.
"""

import time

import torch

SHAPES = [(32, 128, 16), (32, 64, 32), (32, 32, 64), (32, 16, 64), (8, 256, 32)]


def gflops(dtype, batch, channels, side, reps=20):
    x = torch.randn(batch, channels, side, side).to(dtype)
    w = torch.randn(channels, channels, 3, 3).to(dtype)
    x = x.contiguous(memory_format=torch.channels_last)
    w = w.contiguous(memory_format=torch.channels_last)
    for _ in range(3):
        torch.nn.functional.conv2d(x, w, padding=1)
    start = time.perf_counter()
    for _ in range(reps):
        torch.nn.functional.conv2d(x, w, padding=1)
    seconds = (time.perf_counter() - start) / reps
    return 2 * batch * channels * channels * 9 * side * side / seconds / 1e9


def main():
    torch.set_num_threads(2)
    print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} threads")
    print("| batch | channels | side | float32 GFLOP/s | bfloat16 GFLOP/s |")
    print("|---|---|---|---|---|")
    for batch, channels, side in SHAPES:
        f32 = gflops(torch.float32, batch, channels, side)
        bf16 = gflops(torch.bfloat16, batch, channels, side)
        print(f"| {batch} | {channels} | {side} | {f32:.0f} | {bf16:.0f} |")


if __name__ == "__main__":
    main()
