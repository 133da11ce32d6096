#!/usr/bin/env bash
# Retrains the two shipped direction sets on the shipped generator, evaluates them with the VGG-19
# judge, writes the evaluation into their cards and ships them. Direction sets are tied to the
# fingerprint of the generator they were trained on, so run this after shipping a generator.
#
# Training is stochastic: the same command with another seed can make one slider move the wrong
# way as the judge measures it. So each regressor gets one run per seed in SEEDS, every run is judged
# on the same latents at the editor's truncation (0.7), and tools/reports/pick_directions.py picks
# the run that ships by a fixed rule (no attribute reversed by more than 0.05, then the highest
# mean judge range). The card's quality.selection lists every candidate.
#
# Usage: tools/retrain-directions.sh   (environment: JAR, default target/latentnav.jar;
#                                       GAN, folder with generator/ and discriminator/, default
#                                       models; LATENTS, evaluation latents, default 200;
#                                       SEEDS, default "1 2 3"; SAMPLES and EPOCHS per run,
#                                       default 2000 and 10)
# The runs go to runs/directions-GENERATOR_FINGERPRINT-SAMPLESxEPOCHS/ and resume when started
# again. For a GAN other than the shipped one, the picked sets stay there: ship that GAN first.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=${JAR:-target/latentnav.jar}
GAN=${GAN:-models}
LATENTS=${LATENTS:-200}
SEEDS=${SEEDS:-1 2 3}
SAMPLES=${SAMPLES:-2000}
EPOCHS=${EPOCHS:-10}
fingerprint_of() {
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["fingerprint"].split(":")[1])' "$1/generator/model.json"
}
fingerprint=$(fingerprint_of "$GAN")
shipped=$(fingerprint_of models)
# Runs of another length on the same generator go to their own folder, so they are never reused.
runs=runs/directions-$fingerprint-${SAMPLES}x$EPOCHS
mkdir -p "$runs"
export JAR GAN LATENTS SAMPLES EPOCHS runs

# The shipped defaults: all 13 attributes, global w+ directions, 2000 samples x 10 epochs at
# batch 4, exponential schedule from 1e-2 with gamma 0.25 (docs/experiments.md argues each).
train_one() {
    local seed=$1 regressor=$2
    local out=$runs/seed$seed/directions-$regressor
    [ -f "$out/directions/model.json" ] && return 0
    mkdir -p "$runs/seed$seed"
    java -Xmx6g -Dai.djl.pytorch.num_threads=1 -jar "$JAR" train-directions \
        --generator "$GAN/generator" --discriminator "$GAN/discriminator" \
        --features models/features-vgg19 --samples "$SAMPLES" --epochs "$EPOCHS" --batch-size 4 \
        --schedule exponential --lr 1e-2 --gamma 0.25 --seed "$seed" \
        --regressor "models/regressor-$regressor" --out "$out" \
        > "$runs/seed$seed/directions-$regressor.log" 2>&1 \
        || { echo "training seed $seed through $regressor failed; see $runs/seed$seed/directions-$regressor.log"; return 1; }
}

evaluate_one() {
    local seed=$1
    local out=$runs/seed$seed/eval
    [ -f "$out/evaluation.csv" ] && return 0
    java -Xmx6g -Dai.djl.pytorch.num_threads=1 -jar "$JAR" evaluate \
        --generator "$GAN/generator" --discriminator "$GAN/discriminator" \
        --directions "$runs/seed$seed/directions-mobilenetv2/directions" \
        --directions "$runs/seed$seed/directions-resnet50/directions" \
        --judge models/regressor-vgg19 --latents "$LATENTS" --targets 5 --truncation 0.7 \
        --out "$out" > "$runs/seed$seed/eval.log" 2>&1 \
        || { echo "evaluating seed $seed failed; see $runs/seed$seed/eval.log"; return 1; }
}
export -f train_one evaluate_one

# One PyTorch thread per job, two jobs at once: two small jobs use two cores better than one job
# uses two threads. ResNet-50 runs take about twice as long, so they go first.
export OMP_WAIT_POLICY=PASSIVE
for regressor in resnet50 mobilenetv2; do
    for seed in $SEEDS; do
        echo "$seed $regressor"
    done
done | xargs -r -P 2 -L 1 bash -c 'train_one "$0" "$1"'
for seed in $SEEDS; do echo "$seed"; done | xargs -r -P 2 -L 1 bash -c 'evaluate_one "$0"'
unset OMP_WAIT_POLICY

for regressor in mobilenetv2 resnet50; do
    candidates=()
    for seed in $SEEDS; do
        candidates+=("seed$seed=$runs/seed$seed/eval/evaluation.csv")
    done
    summary=$runs/pick-$regressor.json
    chosen=$(python3 tools/reports/pick_directions.py --set "directions-$regressor" \
        --summary "$summary" "${candidates[@]}")
    rm -rf "$runs/directions-$regressor"
    cp -r "$runs/$chosen/directions-$regressor" "$runs/directions-$regressor"
    evaluation="latentnav evaluate --directions $runs/$chosen/directions-mobilenetv2/directions --directions $runs/$chosen/directions-resnet50/directions --judge models/regressor-vgg19 --latents $LATENTS --targets 5 --truncation 0.7 --out $runs/$chosen/eval"
    python3 tools/reports/direction_quality.py --csv "$runs/$chosen/eval/evaluation.csv" \
        --set "directions-$regressor" --card "$runs/directions-$regressor/directions/model.json" \
        --judge regressor-vgg19 --command "$evaluation" --selection "$summary"
done
if [ "$fingerprint" = "$shipped" ]; then
    DIRECTIONS_RUNS=$runs tools/ship-models.sh directions-mobilenetv2 directions-resnet50
else
    echo "Picked sets are in $runs. They fit $GAN/generator, not the shipped generator, so first"
    echo "make runs/gan/export that GAN's export (tools/ship-models.sh generator copies"
    echo "runs/gan/export/generator and discriminator), then run:"
    echo "  tools/ship-models.sh generator"
    echo "  DIRECTIONS_RUNS=$runs tools/ship-models.sh directions-mobilenetv2 directions-resnet50"
fi
