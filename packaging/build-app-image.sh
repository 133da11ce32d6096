#!/usr/bin/env bash
# Builds a jpackage app-image of LatentNav (launcher, Java runtime, jars and models folder)
# from target/latentnav.jar and target/lib. Run `./mvnw -B package -DskipTests` first.
set -euo pipefail

usage() {
    cat <<'USAGE'
Usage: packaging/build-app-image.sh [--dest DIR] [--models DIR] [--libtorch DIR [--flavor FLAVOR]]

  --dest DIR       folder that receives the LatentNav image (default: target/packaging)
  --models DIR     models folder copied into the image (default: models/; an absent folder
                   gives an empty one)
  --libtorch DIR   lib folder of an installed libtorch 2.7.1 that the launcher loads, for a
                   -Pcuda build (see docs/real-models.md)
  --flavor FLAVOR  flavour of that libtorch: cu128 (default) or cpu
USAGE
}

die() {
    echo "error: $*" >&2
    exit 1
}

root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/target/packaging"
models="$root/models"
libtorch=""
flavor="cu128"
while [ $# -gt 0 ]; do
    case "$1" in
        --dest) dest=$(realpath -m "$2"); shift 2 ;;
        --models) models=$(realpath -m "$2"); shift 2 ;;
        --libtorch) libtorch=$(realpath -m "$2"); shift 2 ;;
        --flavor) flavor="$2"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
done

java_home=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
jpackage="$java_home/bin/jpackage"
jdeps="$java_home/bin/jdeps"
[ -x "$jpackage" ] || die "jpackage not found at $jpackage: set JAVA_HOME to a JDK 17 or later."

jar="$root/target/latentnav.jar"
lib="$root/target/lib"
[ -f "$jar" ] || die "$jar not found: build it first with ./mvnw -B package -DskipTests."
[ -d "$lib" ] || die "$lib not found: build with ./mvnw -B package -DskipTests, which copies the dependencies there."
native_jar=$(find "$lib" -maxdepth 1 -name 'pytorch-native-*.jar' | head -n 1)
if [ -z "$native_jar" ] && [ -z "$libtorch" ]; then
    die "target/lib has no pytorch-native jar (a -Pcuda build): pass --libtorch DIR."
fi
if [ -n "$libtorch" ] && [ ! -f "$libtorch/libtorch.so" ]; then
    die "$libtorch/libtorch.so not found: --libtorch must name the lib folder of a libtorch 2.7.1."
fi

version=$(sed -n 's|^  <version>\([0-9.]*\).*</version>|\1|p' "$root/pom.xml" | head -n 1)
[ -n "$version" ] || die "failed to read the project version from pom.xml."

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/input"
cp "$jar" "$stage/input/"
cp -r "$lib" "$stage/input/lib"

# The modules the jars use, as jdeps finds them, and those that DJL and Logback load by
# reflection or through service loaders.
modules=$("$jdeps" --ignore-missing-deps --print-module-deps --multi-release 17 \
    --class-path "$lib/*" "$jar")
modules="$modules,java.logging,java.naming,java.xml,jdk.unsupported"

java_options=()
if [ -n "$libtorch" ]; then
    java_options+=(--java-options "-DPYTORCH_LIBRARY_PATH=$libtorch")
    java_options+=(--java-options "-DPYTORCH_VERSION=2.7.1")
    java_options+=(--java-options "-DPYTORCH_FLAVOR=$flavor")
fi

mkdir -p "$dest"
rm -rf "$dest/LatentNav"
"$jpackage" --type app-image \
    --name LatentNav \
    --app-version "$version" \
    --vendor LatentNav \
    --description "Controllable GAN image editing by latent space navigation" \
    --input "$stage/input" \
    --main-jar latentnav.jar \
    --main-class org.latentnav.Main \
    --add-modules "$modules" \
    "${java_options[@]}" \
    --dest "$dest"

# ModelPaths looks for models/ beside the folder that contains the application jar, which
# jpackage puts in lib/app.
image="$dest/LatentNav"
if [ -d "$models" ]; then
    cp -r "$models" "$image/lib/models"
else
    echo "note: $models not found; the image has an empty models folder." >&2
    mkdir -p "$image/lib/models"
fi

echo "Built $image ($(du -sh "$image" | cut -f1); models $(du -sh "$image/lib/models" | cut -f1))"
echo "Run: $image/bin/LatentNav info"
