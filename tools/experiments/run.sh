#!/usr/bin/env bash
# Runs the direction-training experiments of docs/experiments.md, then evaluates each run.
# Every run folder resumes when this script is started again, and finished runs are skipped.
#
# Usage: tools/experiments/run.sh [RUN_NAME ...]   (default: every run)
# Environment: JAR (default target/latentnav.jar), RUNS (default runs/experiments),
#              LATENTS (evaluation latents, default 200), THREADS (PyTorch threads, default 1).
set -euo pipefail
cd "$(dirname "$0")/../.."

JAR=${JAR:-target/latentnav.jar}
RUNS=${RUNS:-runs/experiments}
LATENTS=${LATENTS:-200}
THREADS=${THREADS:-1}
# SAMPLES and EPOCHS scale every run (full scale: 2000 and 10); the batch question
# compares SAMPLES/2 with SAMPLES samples per epoch. JUDGE, when set, judges every run.
SAMPLES=${SAMPLES:-2000}
EPOCHS=${EPOCHS:-10}
HALF=$((SAMPLES / 2))
JUDGE=${JUDGE:-}
ATTRS=Smiling,Blond_Hair,Eyeglasses,Bald,Wearing_Hat,No_Beard,Pale_Skin,Male
export OMP_WAIT_POLICY=PASSIVE
JAVA=(java -Xmx6g "-Dai.djl.pytorch.num_threads=$THREADS" -Dai.djl.pytorch.num_interop_threads=1 -jar "$JAR")

# Shared settings: 8 attributes, global w+ directions, SAMPLES x EPOCHS, batch 4, exponential
# schedule from 1e-2 (gamma 0.25). The published schedule (exponential from 1e-3) is a row of the
# schedule question.
BASE=(--attributes "$ATTRS" --samples "$SAMPLES" --epochs "$EPOCHS" --batch-size 4)
EXP=(--schedule exponential --lr 1e-2 --gamma 0.25)
MOBILE=(--regressor models/regressor-mobilenetv2)
RESNET=(--regressor models/regressor-resnet50)

declare -A RUN
RUN[lr-constant]="${BASE[*]} ${MOBILE[*]} --schedule constant --lr 1e-4"
RUN[lr-step]="${BASE[*]} ${MOBILE[*]} --schedule step --lr 1e-4 --step-epochs $((EPOCHS / 2)) --step-factor 0.1"
RUN[lr-exponential-1e-3]="${BASE[*]} ${MOBILE[*]} --schedule exponential --lr 1e-3 --gamma 0.25"
RUN[lr-exponential]="${BASE[*]} ${MOBILE[*]} ${EXP[*]}"
RUN[seed-2]="${BASE[*]} ${MOBILE[*]} ${EXP[*]} --seed 2"
RUN[regressor-resnet50]="${BASE[*]} ${RESNET[*]} ${EXP[*]}"
RUN[batch4-half]="--attributes $ATTRS --samples $HALF --epochs $EPOCHS --batch-size 4 ${MOBILE[*]} ${EXP[*]}"
RUN[batch8-half]="--attributes $ATTRS --samples $HALF --epochs $EPOCHS --batch-size 8 ${MOBILE[*]} ${EXP[*]}"
RUN[batch8]="--attributes $ATTRS --samples $SAMPLES --epochs $EPOCHS --batch-size 8 ${MOBILE[*]} ${EXP[*]}"
RUN[single-attribute]="${BASE[*]} ${MOBILE[*]} ${EXP[*]} --single"
RUN[local]="${BASE[*]} ${MOBILE[*]} ${EXP[*]} --kind local"
RUN[target-sampler]="${BASE[*]} ${MOBILE[*]} ${EXP[*]} --sampler target"
RUN[no-disc]="${BASE[*]} ${MOBILE[*]} ${EXP[*]} --lambda-disc 0"
RUN[no-content]="${BASE[*]} ${MOBILE[*]} ${EXP[*]} --lambda-content 0"
RUN[no-disc-no-content]="${BASE[*]} ${MOBILE[*]} ${EXP[*]} --lambda-disc 0 --lambda-content 0"
# lr-exponential doubles as: batch 4 x SAMPLES, joint, global, clip sampler, all losses.

names=("$@")
if [ ${#names[@]} -eq 0 ]; then
    names=(lr-exponential lr-exponential-1e-3 lr-constant lr-step no-disc-no-content no-content
           no-disc target-sampler single-attribute local batch4-half batch8-half batch8
           regressor-resnet50 seed-2)
fi

for name in "${names[@]}"; do
    args=${RUN[$name]:?unknown run $name}
    out="$RUNS/$name"
    mkdir -p "$out"
    if [ ! -f "$out/directions/model.json" ]; then
        echo "== train $name: $args"
        # shellcheck disable=SC2086
        "${JAVA[@]}" train-directions $args --out "$out" 2>&1 | tee -a "$out/train.log" | grep -v '^\[' || true
        [ -f "$out/directions/model.json" ] || { echo "training $name failed, see $out/train.log"; exit 1; }
    fi
    if [ ! -f "$out/eval/evaluation.csv" ]; then
        echo "== evaluate $name"
        judge=()
        [ -n "$JUDGE" ] && judge=(--judge "$JUDGE")
        "${JAVA[@]}" evaluate --directions "$out/directions" --latents "$LATENTS" --targets 5 \
            "${judge[@]}" --out "$out/eval" 2>&1 | tee "$out/eval.log" | grep -v INFO || true
    fi
done
