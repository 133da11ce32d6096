#!/usr/bin/env bash
# Times LatentNav's direction-training step (latentnav bench --only directions) and the same
# step in PyTorch/Python (tools/bench/pytorch_direction_step.py) on one TorchScript models
# folder, alternating the two in one session, and prints Markdown tables with the ratio. It
# also prints the 3x3 convolution and matrix-product GFLOP/s of both stacks, because Debian's
# PyTorch 1.13 uses the reference BLAS.
#
#   ./mvnw -q -B -o package -DskipTests
#   tools/bench/compare.sh [--models DIR] [--rounds 3] [--threads 2] [--iterations 20]
#
# Without --models, it uses /tmp/latentnav-comparison-models, which make_comparison_models.sh
# writes first when the folder has no generator. The raw output of every run is kept in
# --log DIR (default: a new temporary folder, printed at the start).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
models=/tmp/latentnav-comparison-models
rounds=3
threads=2
iterations=20
jar="$root/target/latentnav.jar"
python=${PYTHON:-/usr/bin/python3}
log=""

usage() {
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
    echo "Options: --models DIR, --rounds N (3), --threads N (2), --iterations N (20),"
    echo "  --jar FILE (target/latentnav.jar), --log DIR; PYTHON selects the interpreter."
    echo "profile_step.sh splits the step's time into convolutions, matrix products and the rest."
}

while [ $# -gt 0 ]; do
    case "$1" in
        --models) models=$2; shift 2 ;;
        --rounds) rounds=$2; shift 2 ;;
        --threads) threads=$2; shift 2 ;;
        --iterations) iterations=$2; shift 2 ;;
        --jar) jar=$2; shift 2 ;;
        --log) log=$2; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "error: unknown option '$1'" >&2; usage >&2; exit 2 ;;
    esac
done

if [ ! -f "$jar" ]; then
    echo "error: $jar not found; build it with ./mvnw -q -B -o package -DskipTests" >&2
    exit 2
fi
if [ -z "$log" ]; then
    log=$(mktemp -d /tmp/latentnav-compare.XXXXXX)
fi
mkdir -p "$log"
if [ ! -d "$models/generator" ]; then
    "$root/tools/bench/make_comparison_models.sh" "$models" 2> "$log/make-models.log" || {
        echo "error: writing the models failed; see $log/make-models.log" >&2
        exit 1
    }
fi

# Both stacks get the same thread counts: N intra-op threads and one inter-op thread.
export OMP_NUM_THREADS=$threads
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
java_command=(java "-Dai.djl.pytorch.num_threads=$threads"
    -Dai.djl.pytorch.num_interop_threads=1 -jar "$jar" bench)
python_command=("$python" "$root/tools/bench/pytorch_direction_step.py" --threads "$threads")

run_java() {
    "${java_command[@]}" --only directions --models "$models" \
        --train-iterations "$iterations" > "$log/java-$1.md" 2> "$log/java-$1.log" || {
        echo "error: LatentNav's bench failed in round $1; see $log/java-$1.log" >&2
        exit 1
    }
}

run_python() {
    # A new seed each round, so the loss rows show how much the random draws move them.
    "${python_command[@]}" --models "$models" --iterations "$iterations" --seed "$1" \
        > "$log/python-$1.md" 2> "$log/python-$1.log" || {
        echo "error: the PyTorch step failed in round $1; see $log/python-$1.log" >&2
        exit 1
    }
}

echo "Started $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)."
echo "Other processes above 20% CPU at the start:"
ps -eo pid,pcpu,args --sort=-pcpu | awk -v self=$$ 'NR > 1 && $2 > 20 && $1 != self {
    line = $0; if (length(line) > 140) line = substr(line, 1, 140) "..."; print "    " line }'
echo "Models: $models; $rounds rounds of $iterations iterations per batch size; $threads threads."
echo "Raw output: $log"
echo

"${java_command[@]}" --only peak > "$log/java-peak.md" 2> "$log/java-peak.log"
"${python_command[@]}" --peak > "$log/python-peak.md" 2> "$log/python-peak.log"
for round in $(seq 1 "$rounds"); do
    # Alternate which side starts, so that a slow drift in the background load affects both.
    if [ $((round % 2)) -eq 1 ]; then
        run_java "$round"
        run_python "$round"
    else
        run_python "$round"
        run_java "$round"
    fi
    echo "Round $round of $rounds done; load average $(cut -d' ' -f1-3 /proc/loadavg)." >&2
done

# Prints the first word of Markdown column $1 (3: value, 4: notes) of the row named $2 in
# each of the files $3..., one line per file that has the row.
field() {
    local column=$1 name=$2
    shift 2
    awk -F'|' -v name="$name" -v column="$column" '{
        key = $2; gsub(/^ +| +$/, "", key)
        if (key == name) { split($column, words, " "); print words[1] }
    }' "$@"
}

median() {
    sort -g | awk '{ v[NR] = $1 } END {
        if (NR == 0) { print "nan"; exit }
        if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

joined() {
    paste -sd ' ' - | sed 's/ /, /g'
}

java_files=("$log"/java-[0-9]*.md)
python_files=("$log"/python-[0-9]*.md)
echo "Direction-training step, ms per iteration (median over the rounds; per round in brackets):"
echo
echo "| batch | LatentNav (DJL, PyTorch 2.7.1) | PyTorch 1.13 in Python | PyTorch time / LatentNav time |"
echo "|---|---|---|---|"
for batch in 4 8; do
    java_ms=$(field 4 "direction training, batch $batch" "${java_files[@]}")
    python_ms=$(field 4 "PyTorch direction training, batch $batch" "${python_files[@]}")
    java_median=$(echo "$java_ms" | median)
    python_median=$(echo "$python_ms" | median)
    awk -v b="$batch" -v j="$java_median" -v p="$python_median" \
        -v jr="$(echo "$java_ms" | joined)" -v pr="$(echo "$python_ms" | joined)" 'BEGIN {
        printf "| %d | %.0f ms, %.2f samples/s (%s) | %.0f ms, %.2f samples/s (%s) | %.2f |\n",
            b, j, 1000 * b / j, jr, p, 1000 * b / p, pr, p / j }'
done
echo
echo "Mean losses of each run, before the lambda weights, as a check that both compute the same"
echo "step. The values differ by sampling: the two sides draw T, z and epsilon from their own"
echo "random generators, LatentNav with the same z and epsilon in every run and PyTorch with"
echo "seed 1, 2, ... in round 1, 2, ...:"
echo
echo "| batch | LatentNav | PyTorch 1.13 in Python |"
echo "|---|---|---|"
for batch in 4 8; do
    java_losses=$(awk -F'|' -v name="direction training, batch $batch, mean losses" '{
        key = $2; gsub(/^ +| +$/, "", key); if (key == name) { gsub(/^ +| +$/, "", $3); print $3 } }' \
        "${java_files[@]}" | paste -sd ';' - | sed 's/;/; /g')
    python_losses=$(awk -F'|' -v name="PyTorch direction training, batch $batch, mean losses" '{
        key = $2; gsub(/^ +| +$/, "", key); if (key == name) { gsub(/^ +| +$/, "", $3); print $3 } }' \
        "${python_files[@]}" | paste -sd ';' - | sed 's/;/; /g')
    echo "| $batch | $java_losses | $python_losses |"
done
echo
echo "Peak speeds (one run each, median of 5 calls after one warm-up):"
echo
echo "| measurement | LatentNav (DJL, PyTorch 2.7.1) | PyTorch 1.13 in Python | PyTorch / LatentNav |"
echo "|---|---|---|---|"
for name in "3x3 convolution" "matrix product 1024" "matrix product 2048"; do
    java_value=$(field 3 "peak: $name" "$log/java-peak.md")
    python_value=$(field 3 "PyTorch peak: $name" "$log/python-peak.md")
    awk -v n="$name" -v j="$java_value" -v p="$python_value" 'BEGIN {
        printf "| %s | %s GFLOP/s | %s GFLOP/s | %.2f |\n", n, j, p, p / j }'
done
echo
echo "Finished $(date -u '+%H:%M UTC'); load average $(cut -d' ' -f1-3 /proc/loadavg)."
