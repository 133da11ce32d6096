#!/usr/bin/env bash
# Writes the models folder that tools/bench/compare.sh times: a 64-pixel StyleGAN2-like
# generator and residual discriminator, a MobileNetV2 regressor with 13 outputs and VGG-19
# features. All four are TorchScript with random weights, exported by tools/export (43 MB):
#   tools/bench/make_comparison_models.sh /tmp/comparison-models
# PYTHON selects the interpreter (default /usr/bin/python3 with Debian's PyTorch 1.13:
# apt-get install python3-torch python3-torchvision). The models are written to OUT.partial and
# renamed to OUT when all four are complete, so a failed run leaves no half-written OUT.
set -euo pipefail
out=$(realpath -m "${1:?usage: make_comparison_models.sh OUT}")
root=$(cd "$(dirname "$0")/../.." && pwd)
python=${PYTHON:-/usr/bin/python3}
if [ -e "$out" ] && [ -n "$(ls -A "$out")" ]; then
    echo "error: $out is not empty; remove it or name a new folder" >&2
    exit 2
fi
rm -rf "$out.partial"
"$python" "$root/tools/bench/comparison_models.py" --out "$out.partial"
rmdir "$out" 2> /dev/null || true
mv "$out.partial" "$out"
