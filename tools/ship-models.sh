#!/usr/bin/env bash
# Copies finished training outputs from runs/ into models/, the folder the app ships with.
# Each model folder keeps only its model.json and weights file. Usage:
#   tools/ship-models.sh [generator] [regressor-mobilenetv2] [regressor-resnet50] [features-vgg19]
#                        [regressor-vgg19]
#                        [directions-mobilenetv2] [directions-resnet50]
# With no arguments every model whose run output exists is copied. DIRECTIONS_RUNS names the folder
# of the direction runs (tools/retrain-directions.sh sets it).
set -euo pipefail
cd "$(dirname "$0")/.."

declare -A SOURCE=(
    [generator]=runs/gan/export/generator
    [discriminator]=runs/gan/export/discriminator
    [regressor-mobilenetv2]=runs/regressor-mobilenetv2/best
    [regressor-resnet50]=runs/regressor-resnet50/best
    [features-vgg19]=runs/regressor-vgg19/features
    [regressor-vgg19]=runs/regressor-vgg19/best
    [directions-mobilenetv2]=${DIRECTIONS_RUNS:-runs/directions}/directions-mobilenetv2/directions
    [directions-resnet50]=${DIRECTIONS_RUNS:-runs/directions}/directions-resnet50/directions
)

names=("$@")
if [ ${#names[@]} -eq 0 ]; then
    names=("${!SOURCE[@]}")
fi
for name in "${names[@]}"; do
    if [ "$name" = generator ]; then
        names+=(discriminator)
    fi
done

for name in "${names[@]}"; do
    src=${SOURCE[$name]:?unknown model $name}
    if [ ! -f "$src/model.json" ]; then
        echo "skip $name: $src/model.json not found"
        continue
    fi
    weights=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["weights"]["file"])' "$src/model.json")
    rm -rf "models/$name.tmp"
    mkdir -p "models/$name.tmp"
    # A running job may replace the card and weights between the two copies: retry until the
    # copied weights match the sha256 in the copied card.
    for attempt in 1 2 3 4 5; do
        cp "$src/model.json" "$src/$weights" "models/$name.tmp/"
        want=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["weights"]["sha256"])' "models/$name.tmp/model.json")
        have=$(sha256sum "models/$name.tmp/$weights" | cut -d' ' -f1)
        [ "$want" = "$have" ] && break
        [ "$attempt" = 5 ] && { echo "copy of $name keeps changing; try again later"; exit 1; }
        sleep 5
    done
    if [ "$name" = generator ] || [ "$name" = discriminator ]; then
        # train-gan describes its data by folder name, so the card gets what the shipped GAN's folder contains.
        python3 - "models/$name.tmp/model.json" <<'PY'
import json, sys
path = sys.argv[1]
card = json.load(open(path))
card["description"] = (card["description"].rstrip(".")
                       + ": avatar faces rendered from DiceBear avataaars (tools/avatar-dataset),"
                       + " not a real-face model.")
with open(path, "w") as f:
    json.dump(card, f, indent=2)
    f.write("\n")
PY
    fi
    rm -rf "models/$name"
    mv "models/$name.tmp" "models/$name"
    echo "shipped $name ($(du -h "models/$name/$weights" | cut -f1))"
done
du -sh models
