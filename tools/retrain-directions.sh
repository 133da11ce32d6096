#!/usr/bin/env bash
# Retrains the two shipped direction sets on the shipped generator, evaluates both with the
# VGG-19 judge, writes the evaluation into their cards and ships them. Direction sets are tied to
# the fingerprint of the generator they were trained on, so run this after shipping a generator.
#
# Usage: tools/retrain-directions.sh   (environment: JAR, default target/latentnav.jar;
#                                       LATENTS, evaluation latents, default 200)
# The runs go to runs/directions-GENERATOR_FINGERPRINT/ and resume when started again.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=${JAR:-target/latentnav.jar}
LATENTS=${LATENTS:-200}
fingerprint=$(python3 -c 'import json; print(json.load(open("models/generator/model.json"))["fingerprint"].split(":")[1])')
runs=runs/directions-$fingerprint
mkdir -p "$runs"

# The shipped defaults: all 13 attributes, global w+ directions, 1600 samples x 4 epochs at
# batch 4, exponential schedule from 1e-2 with gamma 0.25 (docs/experiments.md argues each).
common=(--generator models/generator --discriminator models/discriminator
        --features models/features-vgg19 --samples 1600 --epochs 4 --batch-size 4
        --schedule exponential --lr 1e-2 --gamma 0.25)

# One PyTorch thread each, both at once: two small jobs use two cores better than one job uses
# two threads.
export OMP_WAIT_POLICY=PASSIVE
pids=()
for regressor in mobilenetv2 resnet50; do
    out=$runs/directions-$regressor
    if [ ! -f "$out/directions/model.json" ]; then
        java -Xmx6g -Dai.djl.pytorch.num_threads=1 -jar "$JAR" train-directions "${common[@]}" \
            --regressor "models/regressor-$regressor" --out "$out" > "$runs/directions-$regressor.log" 2>&1 &
        pids+=($!)
    fi
done
for pid in "${pids[@]}"; do
    wait "$pid" || { echo "a training failed; see $runs/*.log"; exit 1; }
done
unset OMP_WAIT_POLICY

evaluation="latentnav evaluate --directions $runs/directions-mobilenetv2/directions --directions $runs/directions-resnet50/directions --judge models/regressor-vgg19 --latents $LATENTS --targets 5 --out $runs/eval"
if [ ! -f "$runs/eval/evaluation.csv" ]; then
    java -Xmx6g -jar "$JAR" evaluate --directions "$runs/directions-mobilenetv2/directions" \
        --directions "$runs/directions-resnet50/directions" --judge models/regressor-vgg19 \
        --latents "$LATENTS" --targets 5 --out "$runs/eval" > "$runs/eval.log" 2>&1
fi
for regressor in mobilenetv2 resnet50; do
    id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$runs/directions-$regressor/directions/model.json")
    python3 tools/reports/direction_quality.py --csv "$runs/eval/evaluation.csv" --set "$id" \
        --card "$runs/directions-$regressor/directions/model.json" --judge regressor-vgg19 \
        --command "$evaluation"
done
DIRECTIONS_RUNS=$runs tools/ship-models.sh directions-mobilenetv2 directions-resnet50
