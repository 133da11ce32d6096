#!/usr/bin/env bash
# Exports randomly initialised torchvision ResNet-50 and MobileNetV2 regressors (256-pixel
# input resized to 224, the 13 attributes of resources/avatar-sample) and VGG-19 features
# into OUT, with a fixed input and PyTorch's outputs for it, for TorchScriptBenchmarkTest:
#   tools/export/make_benchmark_models.sh /tmp/benchmark-models
#   ./mvnw -B test -Dtest=TorchScriptBenchmarkTest -Dtest.excludedGroups= \
#       -Dlatentnav.benchmark.dir=/tmp/benchmark-models
set -euo pipefail
out=$(realpath -m "${1:?usage: make_benchmark_models.sh OUT}")
root=$(cd "$(dirname "$0")/../.." && pwd)
python=${PYTHON:-/usr/bin/python3}
attributes="$root/resources/avatar-sample/list_attr_celeba.txt"
cd "$root/tools/export"
for arch in resnet50 mobilenetv2; do
    "$python" export_regressor.py --arch "$arch" --random-init --attributes "$attributes" \
        --resolution 256 --train-resolution 224 --out "$out/regressor-$arch"
done
"$python" export_vgg19_features.py --random-init --resolution 256 --out "$out/features-vgg19"
"$python" - "$out" <<'PY'
import sys

import numpy as np
import torch

out = sys.argv[1]
torch.manual_seed(0)
images = torch.rand(2, 3, 256, 256) * 2 - 1
np.save(out + "/images.npy", images.numpy())
mean = torch.tensor([0.485, 0.456, 0.406]).reshape(1, 3, 1, 1)
std = torch.tensor([0.229, 0.224, 0.225]).reshape(1, 3, 1, 1)
normalized = ((images + 1) / 2 - mean) / std
with torch.no_grad():
    for name in ["regressor-resnet50", "regressor-mobilenetv2"]:
        module = torch.jit.load(out + "/" + name + "/regressor.pt")
        np.save(out + "/" + name + ".npy", module(normalized).numpy())
    features = torch.jit.load(out + "/features-vgg19/features.pt")
    for i, feature in enumerate(features(normalized)):
        np.save(out + "/features-vgg19_%d.npy" % i, feature.numpy())
PY
