#!/usr/bin/env bash
# Profiles the direction-training step of LatentNav (DJL, libtorch 2.7.1) and of PyTorch 1.13 in
# Python on one TorchScript models folder, and prints their operator self times per iteration:
# convolutions, matrix products (the BLAS library) and everything else.
#
#   ./mvnw -q -B -o package -DskipTests
#   tools/bench/profile_step.sh MODELS [--batch 4] [--warmup 3] [--profiled 2] [--threads 2]
#
# MODELS is a folder written by make_comparison_models.sh. Both sides run --warmup iterations
# and then --profiled iterations under PyTorch's profiler. The traces stay in a temporary
# folder, named at the end. The profiler adds its own overhead, so time the step with
# compare.sh, not with this script.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
models=$(realpath "${1:?usage: profile_step.sh MODELS [--batch N] [--warmup N] [--profiled N] [--threads N]}")
shift
batch=4
warmup=3
profiled=2
threads=2
while [ $# -gt 0 ]; do
    case "$1" in
        --batch) batch=$2; shift 2 ;;
        --warmup) warmup=$2; shift 2 ;;
        --profiled) profiled=$2; shift 2 ;;
        --threads) threads=$2; shift 2 ;;
        *) echo "error: unknown option '$1'" >&2; exit 2 ;;
    esac
done
jar="$root/target/latentnav.jar"
if [ ! -f "$jar" ]; then
    echo "error: $jar not found; build it with ./mvnw -q -B -o package -DskipTests" >&2
    exit 2
fi
out=$(mktemp -d /tmp/latentnav-profile.XXXXXX)
export OMP_NUM_THREADS=$threads
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}

classpath="$jar:$(find "$root/target/lib" -name '*.jar' | sort | paste -sd ':' -)"
jshell -R-Dai.djl.offline=true -R-Dai.djl.pytorch.num_threads="$threads" \
    -R-Dai.djl.pytorch.num_interop_threads=1 -R-Dmodels="$models" -R-Dbatch="$batch" \
    -R-Dwarmup="$warmup" -R-Dprofiled="$profiled" -R-Dtrace="$out/latentnav-batch$batch.json" \
    --class-path "$classpath" "$root/tools/bench/profile_latentnav_step.jsh" \
    > "$out/latentnav.log" 2>&1 || {
    echo "error: the LatentNav profile failed; see $out/latentnav.log" >&2
    exit 1
}
"${PYTHON:-/usr/bin/python3}" "$root/tools/bench/pytorch_direction_step.py" --models "$models" \
    --batch-sizes "$batch" --iterations "$warmup" --profile "$profiled" --threads "$threads" \
    --trace-dir "$out" > "$out/pytorch.md" 2> "$out/pytorch.log" || {
    echo "error: the PyTorch profile failed; see $out/pytorch.log" >&2
    exit 1
}
cd "$out"
"${PYTHON:-/usr/bin/python3}" "$root/tools/bench/trace_summary.py" --iterations "$profiled" \
    "latentnav-batch$batch.json" "pytorch-batch$batch.json"
echo
echo "Traces and logs: $out"
